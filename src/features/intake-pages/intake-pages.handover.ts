// The one-time handover of a private link from the send step (POST /behov/:slug/skicka) to the thank-you
// page (GET /behov/:slug/tack). Why a server-side store and not the token in a cookie or the URL:
// - a URL with the token ends up in access logs, the browser history and Referer headers;
// - a double click sends the form twice: the browser drops the first response (which carried the new
//   link) and follows the second, which is a replay and has no token of its own, because only the token's
//   hash is stored. Keyed by the form's idempotency key, the store lets the replay's thank-you page show
//   the link the first request issued, and still only once.
// The store lives in this process and forgets entries after 15 minutes or when shown. On embedded PGlite Lots
// is one process. With PostgreSQL behind several processes, the thank-you page may be served by another
// process than the send step; then, as after a restart or once the link was shown, the page says the link
// was e-mailed, and renewing from the private page or asking the office gives a new one.

/** What the thank-you page shows of a newly issued private link. */
export type HandedLink = { token: string; expiresAt: Date; email: string | null };

/** A bounded, expiring, take-once map from an idempotency key to the link its submission issued. */
export class LinkHandover {
  readonly #entries = new Map<string, { link: HandedLink; until: number }>();

  constructor(
    private readonly ttlMs = 15 * 60_000,
    private readonly maxEntries = 10_000,
  ) {}

  /** Holds the link for the key until it is taken or expires. */
  put(key: string, link: HandedLink, now = Date.now()): void {
    this.#prune(now);
    this.#entries.delete(key);
    this.#entries.set(key, { link, until: now + this.ttlMs });
    // Insertion order is age order: past the bound, the oldest go first.
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value as string;
      this.#entries.delete(oldest);
    }
  }

  /** The link held for the key, removed so it is shown once; undefined when none or expired. */
  take(key: string, now = Date.now()): HandedLink | undefined {
    const entry = this.#entries.get(key);
    this.#entries.delete(key);
    return entry && entry.until > now ? entry.link : undefined;
  }

  /** How many entries are held (for tests). */
  get size(): number {
    return this.#entries.size;
  }

  #prune(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (entry.until <= now) this.#entries.delete(key);
    }
  }
}
