// Test support (imported only by tests): a real SMTP server on 127.0.0.1 that parses what it receives.
import { createServer } from "node:net";
import type { AddressObject, ParsedMail } from "mailparser";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type TestSmtpServer = {
  port: number;
  /** The SMTP_URL that reaches it. */
  url: string;
  /** Every mail received, parsed, in order of arrival. */
  messages: ParsedMail[];
  close(): Promise<void>;
};

/**
 * Starts an SMTP server (the `smtp-server` package) that accepts any sender and recipient without
 * authentication or TLS and keeps every mail, parsed with mailparser. `port` 0 picks a free port; pass a
 * port to bring a "down" server back on the address the app is configured with.
 */
export async function startTestSmtpServer(port = 0): Promise<TestSmtpServer> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    // Reverse DNS of 127.0.0.1 adds ~150 ms a mail here.
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          messages.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const actual = (server.server.address() as { port: number }).port;
  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port on 127.0.0.1 with nothing listening (an SMTP server that is down). */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** The plain addresses of a parsed To/From header. */
export function addressesOf(field: AddressObject | AddressObject[] | undefined): string[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((object) => object.value.map((entry) => entry.address ?? ""));
}
