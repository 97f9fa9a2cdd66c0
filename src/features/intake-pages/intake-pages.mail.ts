import type { Db } from "#src/db/client.ts";
import { enqueueMail } from "#src/features/mail/mail.service.ts";
import { renderMail } from "#src/features/mail/mail.templates.ts";
import { formatDate } from "#src/shared/i18n.ts";
import { intakeMessages } from "./intake-pages.messages.ts";

// The mail that carries a company's private link. The company's language is not known (the form may have
// been filled in English by a Swedish-speaking owner, or by a navigator), so the mail is plain Swedish with
// the English below, like the network's other letters to companies.

const sv = intakeMessages("sv");
const en = intakeMessages("en");

/**
 * Puts the private-link mail in the outbox inside the caller's transaction, so it is sent only if the
 * submission (or the renewal) commits. `kind` "issued" after an answer, "renewed" from the private page.
 */
export async function queuePrivateLinkMail(
  trx: Db,
  input: {
    to: string;
    kind: "issued" | "renewed";
    company: string;
    token: string;
    expiresAt: Date;
    publicUrl: string;
    networkName: string;
  },
): Promise<void> {
  const params = { company: input.company, date: formatDate(input.expiresAt) };
  const body = input.kind === "issued" ? "mail.body" : "mail.renewed";
  const mail = renderMail({
    locale: "sv",
    paragraphs: [sv(body, params), `In English: ${en(body, params)}`],
    action: {
      label: `${sv("mail.action")} / ${en("mail.action")}`,
      url: `${input.publicUrl}/mitt-foretag?token=${input.token}`,
    },
  });
  await enqueueMail(trx, {
    to: input.to,
    subject: `${sv("mail.subject", { network: input.networkName })} / ${en("mail.subject", { network: input.networkName })}`,
    ...mail,
  });
}
