import { z } from "zod";
import { withMigratedDatabase } from "#src/cli/with-migrated-database.ts";
import type { Config } from "#src/config.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { checkNewPassword, hashPassword, PASSWORD_PROBLEM_TEXT } from "#src/features/auth/passwords.ts";
import {
  findOrganisationByReference,
  findRegionOrganisationIds,
  listOrganisations,
} from "#src/features/organisations/organisations.service.ts";
import { createOrPromotePlatformAdmin } from "#src/features/users/users.accounts.service.ts";

/** Help text of `lots admin create`, for the CLI's usage. */
export const ADMIN_CREATE_USAGE = `  lots admin create EMAIL [--name NAME] [--org ORG] [--password-stdin]
                             Create a platform admin, or make an existing account one. The password is
                             asked twice at a hidden prompt, or read as one line from stdin with
                             --password-stdin. ORG (slug or org number) holds the platform-admin
                             membership; without it, the only organisation of type region is used.`;

export type AdminCreateOptions = {
  /** The words after `lots admin create`: exactly one, the e-mail address. */
  positionals: string[];
  name?: string | undefined;
  org?: string | undefined;
  passwordStdin?: boolean | undefined;
};

/** Where the command reads and writes; tests and main pass process streams. */
export type AdminCreateIo = {
  stdin: NodeJS.ReadStream;
  out(text: string): void;
  err(text: string): void;
};

const processIo: AdminCreateIo = {
  stdin: process.stdin,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

const Email = z.string().trim().toLowerCase().pipe(z.email().max(254));

/** Thrown when the operator presses Ctrl+C or Ctrl+D at the prompt. */
class PromptCancelled extends Error {}

/**
 * Asks for a secret on a terminal without echoing it. The caller turns raw mode off again: it stays on
 * between the two prompts, and is switched on before the prompt is written, so that nothing typed ahead
 * of or right after a prompt is ever echoed.
 */
function promptHidden(question: string, io: AdminCreateIo): Promise<string> {
  const input = io.stdin;
  input.setRawMode(true);
  io.err(question);
  input.setEncoding("utf8");
  input.resume();
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = (result: () => void) => {
      input.off("data", onData);
      input.pause();
      io.err("\n");
      result();
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n") return finish(() => resolve(value));
        if (ch === "\u0003" || ch === "\u0004") return finish(() => reject(new PromptCancelled()));
        if (ch === "\u007f" || ch === "\b") value = [...value].slice(0, -1).join("");
        else if (ch >= " ") value += ch;
      }
    };
    input.on("data", onData);
  });
}

/** The first line of stdin, without its line ending. */
async function readFirstLine(input: NodeJS.ReadStream): Promise<string> {
  let buffered = "";
  input.setEncoding("utf8");
  for await (const chunk of input) {
    buffered += chunk;
    if (buffered.includes("\n")) break;
  }
  return buffered.split(/\r?\n/)[0] ?? "";
}

async function readPassword(options: AdminCreateOptions, io: AdminCreateIo): Promise<string> {
  if (options.passwordStdin) return readFirstLine(io.stdin);
  try {
    const first = await promptHidden("Password: ", io);
    const second = await promptHidden("Repeat the password: ", io);
    if (first !== second) throw new MismatchError();
    return first;
  } finally {
    io.stdin.setRawMode(false);
  }
}

class MismatchError extends Error {}

/**
 * `lots admin create EMAIL`: creates a platform admin (or promotes an existing account) and returns the
 * exit code: 0, or 2 with the reason on stderr for a bad e-mail, no terminal to ask on (without
 * --password-stdin), a password the rules refuse, two different passwords, or no organisation to hold
 * the membership. Done by the system actor "cli", which the audit log records.
 */
export async function runAdminCreate(
  config: Config,
  options: AdminCreateOptions,
  io: AdminCreateIo = processIo,
): Promise<number> {
  const fail = (message: string) => {
    io.err(`${message}\n\nUsage:\n${ADMIN_CREATE_USAGE}\n`);
    return 2;
  };
  if (options.positionals.length !== 1) {
    return fail("Give exactly one e-mail address: lots admin create EMAIL");
  }
  const email = Email.safeParse(options.positionals[0]);
  if (!email.success) return fail(`"${options.positionals[0]}" is not an e-mail address.`);
  if (!options.passwordStdin && !io.stdin.isTTY) {
    return fail("There is no terminal to ask for the password on. Pipe it in and add --password-stdin.");
  }
  const name = options.name?.trim() || undefined;

  /** The password, checked against the rules, or the exit code after saying what is wrong. */
  const checked = (password: string): string | number => {
    if (password === "") return fail("No password given. Nothing was changed.");
    const problem = checkNewPassword(password, { email: email.data });
    return problem ? fail(`${PASSWORD_PROBLEM_TEXT[problem]} Nothing was changed.`) : password;
  };
  const askPassword = async (): Promise<string | number> => {
    try {
      return checked(await readPassword(options, io));
    } catch (error) {
      if (error instanceof MismatchError) return fail("The two passwords differ. Nothing was changed.");
      if (error instanceof PromptCancelled) return fail("Cancelled. Nothing was changed.");
      throw error;
    }
  };
  // A piped password is checked before the database is opened; at a terminal the organisation is checked
  // first, so nobody types a password twice only to hear that --org is missing.
  const piped = options.passwordStdin ? await askPassword() : undefined;
  if (typeof piped === "number") return piped;

  return withMigratedDatabase(config, async (db) => {
    let organisation: { id: string; name: string } | undefined;
    if (options.org?.trim()) {
      organisation = await findOrganisationByReference(db, options.org);
      if (!organisation) return fail(`No organisation has the slug or org number "${options.org.trim()}".`);
    } else {
      const regions = await findRegionOrganisationIds(db);
      if (regions.length !== 1) {
        const known = (await listOrganisations(db)).map((o) => o.slug);
        return fail(
          `Say which organisation holds the platform-admin membership: --org ORG (slug or org number)${
            known.length ? `, e.g. one of: ${known.join(", ")}` : ". There are no organisations yet"
          }.`,
        );
      }
      organisation = (await listOrganisations(db)).find((o) => o.id === regions[0]);
    }

    const password = piped ?? (await askPassword());
    if (typeof password === "number") return password;

    const { created } = await createOrPromotePlatformAdmin(db, CLI_ACTOR, {
      email: email.data,
      name,
      passwordHash: await hashPassword(password),
      organisationId: organisation!.id,
    });
    io.out(
      created
        ? `Created the platform admin ${email.data} in ${organisation!.name}.\n`
        : `${email.data} is now an active platform admin in ${organisation!.name}, with the new password.\n`,
    );
    return 0;
  });
}
