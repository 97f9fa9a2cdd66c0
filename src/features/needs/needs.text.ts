import type { LocalisedText } from "#src/shared/field-errors.ts";
import { MAX_TEXT_LENGTH } from "./needs.schemas.ts";

// Free text from companies is stored as plain text: never HTML. Markup is refused with a message next to the
// field (rather than silently stripped, which would change the company's words), and views escape on output.

// "<" followed by a letter, "/", "!" or "?" starts a tag, comment or declaration; "< 10 anställda" does not.
const MARKUP = /<\s*[a-zA-Z/!?]/;
// Control characters other than tab and newline carry nothing a person typed.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Normalises line breaks, removes control characters and trims. */
export function cleanPlainText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(CONTROL, "").trim();
}

/** Why this text cannot be stored (too long, or markup), in both languages; undefined when it can. */
export function plainTextProblem(text: string, maxLength = MAX_TEXT_LENGTH): LocalisedText | undefined {
  const cleaned = cleanPlainText(text);
  if (cleaned.length > maxLength) {
    return {
      sv: `Texten är för lång: ${cleaned.length} tecken, högst ${maxLength}. Korta den lite.`,
      en: `The text is too long: ${cleaned.length} characters, at most ${maxLength}. Please shorten it.`,
    };
  }
  if (MARKUP.test(cleaned)) {
    return {
      sv: "Skriv vanlig text utan HTML-kod (tecknet < direkt följt av en bokstav går inte att använda).",
      en: "Write plain text without HTML (a < directly followed by a letter cannot be used).",
    };
  }
  return undefined;
}
