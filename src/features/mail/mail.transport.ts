import nodemailer from "nodemailer";
import type { Config } from "#src/config.ts";
import type { Logger } from "#src/shared/logger.ts";

/** A mail as the worker hands it to a transport. */
export type OutboxMail = {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attachments: MailAttachment[];
};

export type MailAttachment = { filename: string; contentType: string; content: string };

/** Where mail goes: an SMTP server, or (development and test without SMTP) the log. */
export type MailTransport = {
  readonly via: "smtp" | "log";
  /** Resolves once the mail was accepted; rejects with the reason otherwise (the worker retries). */
  send(mail: OutboxMail): Promise<void>;
  close(): void;
};

// Bounded well below the worker's five-minute claim, so a hung server cannot make two workers send one mail.
const TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/**
 * The Message-ID a mail always gets, whichever attempt delivers it: a receiving server or client that
 * sees it twice (a worker crashed after sending, before recording it) can tell it is the same mail.
 */
export function messageIdFor(mailId: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? "lots.invalid";
  return `<${mailId}@${domain}>`;
}

/** Sends through the SMTP server in `smtpUrl` (smtp:// with STARTTLS when offered, or smtps://), via nodemailer. */
export function createSmtpTransport(smtpUrl: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport({ url: smtpUrl, ...TIMEOUTS });
  return {
    via: "smtp",
    async send(mail) {
      // A calendar invitation goes as nodemailer's icalEvent: a `text/calendar; method=…` part inside the
      // multipart/alternative (what Outlook needs to show accept/decline and to apply updates and
      // cancellations) plus the .ics as an attachment for every other client.
      const calendar = mail.attachments.find((a) => /^text\/calendar\b/i.test(a.contentType));
      const method = calendar
        ? (/;\s*method=([A-Za-z-]+)/i.exec(calendar.contentType)?.[1] ?? "REQUEST").toUpperCase()
        : undefined;
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html === null ? {} : { html: mail.html }),
        attachments: mail.attachments
          .filter((a) => a !== calendar)
          .map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        ...(calendar
          ? { icalEvent: { method, filename: calendar.filename, content: calendar.content } }
          : {}),
        messageId: messageIdFor(mail.id, from),
      });
    },
    close: () => transporter.close(),
  };
}

/** Development and test without SMTP: the mail is "delivered" to the log (recipient and subject, never the body). */
export function createLogTransport(logger: Logger): MailTransport {
  return {
    via: "log",
    async send(mail) {
      logger.info(
        { mailId: mail.id, to: mail.to, subject: mail.subject },
        "mail not sent (no SMTP_URL): read it at /dev/mail",
      );
    },
    close() {},
  };
}

/**
 * The transport the configuration asks for: SMTP when SMTP_URL is set; the log in development and test
 * without it; none in production without it (mail then waits in the outbox until SMTP is configured).
 */
export function transportFromConfig(config: Config, logger: Logger): MailTransport | undefined {
  if (config.smtpUrl) return createSmtpTransport(config.smtpUrl, config.mailFrom);
  if (config.env !== "production") return createLogTransport(logger);
  return undefined;
}

/** Whether /dev/mail may exist: development or test, and no SMTP (so mail is only ever in the outbox). */
export function isDevOutboxEnabled(config: Config): boolean {
  return (config.env === "development" || config.env === "test") && !config.smtpUrl;
}
