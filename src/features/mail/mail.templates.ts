import { html } from "hono/html";
import type { Locale } from "#src/shared/i18n.ts";
import { mailMessages } from "./mail.messages.ts";

/** The parts of a simple mail; every string is plain text (escaped in the HTML part), never markup. */
export type MailContent = {
  /** The recipient's language: the greeting, footer and link hint default to it. */
  locale: Locale;
  /** The first line, e.g. "Hej Anna!"; defaults to "Hej!" / "Hello!". */
  greeting?: string;
  /** The message; a line break inside a paragraph is kept. */
  paragraphs: string[];
  /** One link, shown as a button in HTML and as label + address in text. Must be http(s). */
  action?: { label: string; url: string };
  /** The last line; defaults to a note that the mail was sent automatically. */
  footer?: string;
};

/**
 * Builds a mail's plain-text and HTML bodies from plain strings (invitations, password resets, login links).
 * Names and other user input are escaped in the HTML, so they cannot add markup or links; the action's URL
 * must be http(s), so no `javascript:` link can be made.
 * @example renderMail({ locale: "sv", greeting: `Hej ${name}!`, paragraphs: [...], action: { label, url } })
 */
export function renderMail(content: MailContent): { text: string; html: string } {
  const t = mailMessages(content.locale);
  const greeting = content.greeting ?? t("mail.greeting");
  const footer = content.footer ?? t("mail.footer");
  const action = content.action;
  if (action) assertHttpUrl(action.url);

  const textParts = [greeting, ...content.paragraphs];
  if (action) textParts.push(`${action.label}:\n${action.url}`);
  textParts.push(`-- \n${footer}`);
  const text = `${textParts.join("\n\n")}\n`;

  const paragraph = (value: string) =>
    html`<p style="margin:0 0 16px">${value.split("\n").map((line, i) => (i === 0 ? line : [html`<br>`, line]))}</p>`;
  const body = html`<!doctype html>
<html lang="${content.locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="margin:0;padding:24px;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:16px;line-height:1.5;color:#1e1e1e;background:#ffffff">
<div style="max-width:600px">
${paragraph(greeting)}
${content.paragraphs.map(paragraph)}
${
  action
    ? html`<p style="margin:24px 0"><a href="${action.url}" style="display:inline-block;padding:12px 20px;background:#0b5394;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:600">${action.label}</a></p>
<p style="margin:0 0 16px;font-size:14px">${t("mail.linkFallback")}<br><a href="${action.url}" style="color:#0b5394;word-break:break-all">${action.url}</a></p>`
    : ""
}
<hr style="border:0;border-top:1px solid #d0d0d0;margin:24px 0 16px">
<p style="margin:0;font-size:14px;color:#555555">${footer}</p>
</div>
</body>
</html>
`;
  if (typeof body !== "string" && !(body instanceof String)) {
    throw new Error("renderMail: the HTML template must render synchronously");
  }
  return { text, html: body.toString() };
}

function assertHttpUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`renderMail: action.url is not a URL: ${value}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(`renderMail: action.url must be http(s), got ${url.protocol}`);
  }
}
