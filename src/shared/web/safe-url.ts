/**
 * The URL to put in an `href` for a stored web address, or `null` when it is not an absolute http(s) URL.
 * Why: offer links and organisation websites are validated as http(s) when written, but rows also arrive by
 * restores and direct database work; a `javascript:` or `data:` address must never become a live link on a
 * public page (the CSP would block it, but the page should not carry it at all). Found by `npm run test:xss`.
 */
export function safeHttpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? value.trim() : null;
  } catch {
    return null;
  }
}
