import { withMigratedDatabase } from "#src/cli/with-migrated-database.ts";
import type { Config } from "#src/config.ts";
import { createApiToken } from "#src/features/api-tokens/api-tokens.service.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { listOrganisations } from "#src/features/organisations/organisations.service.ts";
import { isRole, ROLES } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { formatOrgNumber, parseOrgNumber } from "#src/shared/org-number.ts";

/** Help text of `lots token create`, for the CLI's usage. */
export const TOKEN_CREATE_USAGE = `  lots token create --org ORG --role ROLE [--name NAME]
                             Create an API token for an organisation and print it once on stdout
                             (nothing else goes there; details go to stderr). ORG is the organisation's
                             org number (10 digits, with or without the dash) or its slug; the demo
                             organisations have slugs but no org numbers. ROLE is one of
                             ${ROLES.join(", ")}. Made by the system actor
                             "cli" (which may grant platform-admin) and written to the audit log.`;

export type TokenCreateOptions = {
  org?: string | undefined;
  role?: string | undefined;
  name?: string | undefined;
};

type Output = { out(text: string): void; err(text: string): void };

const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const LOOKS_NUMERIC = /^[\d\s+-]+$/;

/**
 * `lots token create`: prints a new API token for the organisation and returns the exit code — 0, or
 * 2 for bad input (missing or invalid option, malformed org number, unknown organisation) with the
 * reason on stderr. The token is created by the system actor CLI_ACTOR: whoever runs the command has
 * the server's shell and so the database already, so no policy stands in the way; the audit log
 * records the creation with actor label "cli".
 */
export async function runTokenCreate(
  config: Config,
  options: TokenCreateOptions,
  io: Output = processOutput,
) {
  const fail = (message: string) => {
    io.err(`${message}\n\nUsage:\n${TOKEN_CREATE_USAGE}\n`);
    return 2;
  };
  const reference = options.org?.trim();
  if (!reference) return fail("Say which organisation: --org ORG (org number or slug).");
  if (!options.role) return fail(`Say which role the token has: --role ROLE (${ROLES.join(", ")}).`);
  if (!isRole(options.role)) return fail(`Unknown role "${options.role}". Use one of: ${ROLES.join(", ")}.`);
  const role = options.role;

  let orgNumber: string | undefined;
  if (LOOKS_NUMERIC.test(reference)) {
    try {
      orgNumber = parseOrgNumber(reference).number;
    } catch (error) {
      return fail(`Bad org number "${reference}": ${(error as Error).message}`);
    }
  } else if (!SLUG.test(reference)) {
    return fail(
      `"${reference}" is neither an org number (10 digits) nor an organisation slug (like almi-malardalen).`,
    );
  }
  const name = options.name?.trim() || `cli ${new Date().toISOString().slice(0, 10)}`;

  return withMigratedDatabase(config, async (db) => {
    const organisations = await listOrganisations(db);
    const organisation = organisations.find((o) =>
      orgNumber !== undefined ? o.orgNumber === orgNumber : o.slug === reference,
    );
    if (!organisation) {
      const what = orgNumber !== undefined ? `org number ${formatOrgNumber(orgNumber)}` : `slug ${reference}`;
      return fail(`No organisation has the ${what}. The demo organisations have slugs but no org numbers.`);
    }
    try {
      const { token, record } = await createApiToken(db, CLI_ACTOR, {
        organisationId: organisation.id,
        name,
        role,
      });
      io.out(`${token}\n`);
      io.err(
        `Created API token "${record.name}" (${record.role}) for ${organisation.name} (${organisation.slug}), ` +
          `id ${record.id}, starting lots_${record.prefix}_. It is shown this once: store it now.\n`,
      );
      return 0;
    } catch (error) {
      if (error instanceof AppError && error.code === "VALIDATION_FAILED") return fail(error.message);
      throw error;
    }
  });
}
