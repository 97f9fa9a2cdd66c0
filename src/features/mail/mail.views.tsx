import type { Context } from "hono";
import type { AppEnv } from "#src/shared/app-env.ts";
import { renderPage } from "#src/shared/web/render.tsx";
import { TableScroll } from "#src/shared/web/table-scroll.tsx";
import { mailMessages } from "./mail.messages.ts";
import type { getOutboxMail, listOutbox } from "./mail.service.ts";

type OutboxEntry = Awaited<ReturnType<typeof listOutbox>>[number];
type OutboxMailDetail = Awaited<ReturnType<typeof getOutboxMail>>;

const dateTime = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Stockholm",
  dateStyle: "short",
  timeStyle: "medium",
});

// http(s) addresses in a text body, without trailing punctuation that usually ends the sentence.
const URL_IN_TEXT = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/g;

/**
 * A text body with its http(s) addresses as links. JSX escapes every piece, and only http(s) addresses
 * become links, so a mail cannot inject markup or script into the page.
 */
export function TextWithLinks({ text }: { text: string }) {
  const parts: (string | ReturnType<typeof LinkPart>)[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const index = match.index ?? 0;
    if (index > last) parts.push(text.slice(last, index));
    parts.push(LinkPart({ href: match[0] }));
    last = index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <>{parts}</>;
}

function LinkPart({ href }: { href: string }) {
  return (
    <a class="ds-link" href={href}>
      {href}
    </a>
  );
}

/** The development outbox: every mail, newest first, without bodies. */
export function renderOutboxList(c: Context<AppEnv>, mails: OutboxEntry[]) {
  const t = mailMessages(c.var.locale);
  return renderPage(
    c,
    t("outbox.title"),
    <>
      <h1 class="ds-heading" data-size="lg">
        {t("outbox.title")}
      </h1>
      <p class="ds-paragraph">{t("outbox.intro")}</p>
      {mails.length === 0 ? (
        <p class="ds-paragraph">{t("outbox.empty")}</p>
      ) : (
        <TableScroll label={t("outbox.title")}>
          <table class="ds-table" data-border="true">
            <thead>
              <tr>
                <th scope="col">{t("outbox.created")}</th>
                <th scope="col">{t("outbox.to")}</th>
                <th scope="col">{t("outbox.subject")}</th>
                <th scope="col">{t("outbox.status")}</th>
                <th scope="col">{t("outbox.attempts")}</th>
              </tr>
            </thead>
            <tbody>
              {mails.map((mail) => (
                <tr>
                  <td>{dateTime.format(mail.created_at)}</td>
                  <td>{mail.to_address}</td>
                  <td>
                    <a class="ds-link" href={`/dev/mail/${mail.id}`}>
                      {mail.subject}
                    </a>
                  </td>
                  <td>{t(`outbox.status.${mail.status}`)}</td>
                  <td>{mail.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>,
  );
}

/** One mail: its headers, the text body with clickable links, the HTML body as escaped source, attachments. */
export function renderOutboxMail(c: Context<AppEnv>, mail: OutboxMailDetail) {
  const t = mailMessages(c.var.locale);
  return renderPage(
    c,
    mail.subject,
    <>
      <p class="ds-paragraph">
        <a class="ds-link" href="/dev/mail">
          {t("outbox.back")}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        {mail.subject}
      </h1>
      <dl class="lots-mail-meta">
        <dt>{t("outbox.to")}</dt>
        <dd>{mail.to_address}</dd>
        <dt>{t("outbox.created")}</dt>
        <dd>{dateTime.format(mail.created_at)}</dd>
        <dt>{t("outbox.status")}</dt>
        <dd>
          {t(`outbox.status.${mail.status}`)}
          {mail.delivered_via ? ` (${t("outbox.via")} ${t(`outbox.via.${mail.delivered_via}`)})` : ""}
        </dd>
        <dt>{t("outbox.attempts")}</dt>
        <dd>{mail.attempts}</dd>
        {mail.last_error && (
          <>
            <dt>{t("outbox.lastError")}</dt>
            <dd>{mail.last_error}</dd>
          </>
        )}
      </dl>
      <h2 class="ds-heading" data-size="md">
        {t("outbox.text")}
      </h2>
      <pre class="lots-mail-source">
        <TextWithLinks text={mail.text_body} />
      </pre>
      <h2 class="ds-heading" data-size="md">
        {t("outbox.html")}
      </h2>
      {mail.html_body === null ? (
        <p class="ds-paragraph">{t("outbox.noHtml")}</p>
      ) : (
        <pre class="lots-mail-source">
          <code>{mail.html_body}</code>
        </pre>
      )}
      {mail.attachments.length > 0 && (
        <>
          <h2 class="ds-heading" data-size="md">
            {t("outbox.attachments")}
          </h2>
          {mail.attachments.map((attachment) => (
            <section>
              <h3 class="ds-heading" data-size="sm">
                {attachment.filename} ({attachment.contentType})
              </h3>
              <pre class="lots-mail-source">
                <code>{attachment.content}</code>
              </pre>
            </section>
          ))}
        </>
      )}
    </>,
  );
}
