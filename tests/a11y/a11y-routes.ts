// Which URLs the accessibility sweep follows, and the route pattern each one belongs to. Patterns come from
// the app's own GET routes (Hono's `app.routes`), so `/admin/arenden/<uuid>` and `/traffar/<slug>` are
// each one pattern however many cases or meetings the demo has; the crawl visits a few of each.

type RouteLike = { method: string; path: string };

/** A compiled GET route: its pattern and how many parameters it has (fewer = more specific). */
type CompiledRoute = { pattern: string; regex: RegExp; params: number };

/** Paths never followed: signing out, switching language (the sweep sets the cookie), the JSON API. */
const NEVER = [/^\/logga-ut(\/|$)/, /^\/lang\//, /^\/api\/v1(\/|$)/, /^\/hsds\//, /^\/(healthz|readyz)$/];

/** Downloads: files by extension, or a `format` query that asks for one. */
const DOWNLOAD = /\.(csv|xlsx|ics|json|pdf|zip|txt)$/i;
const DOWNLOAD_FORMAT = /^(csv|xlsx|ics|json|pdf)$/i;

/**
 * Turns the app's GET routes into matchers. Wildcard routes (middleware) are left out; `:param` matches
 * one path segment, `:param{regex}` its regex.
 */
export function compileRoutes(routes: readonly RouteLike[]): CompiledRoute[] {
  const seen = new Set<string>();
  const compiled: CompiledRoute[] = [];
  for (const route of routes) {
    if (route.method !== "GET" || route.path.includes("*") || seen.has(route.path)) continue;
    seen.add(route.path);
    let params = 0;
    const source = route.path
      .split("/")
      .map((segment) => {
        if (!segment.startsWith(":")) return segment.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
        params++;
        const custom = /\{(.+)\}$/.exec(segment)?.[1];
        return custom ? `(?:${custom})` : "[^/]+";
      })
      .join("/");
    compiled.push({ pattern: route.path, regex: new RegExp(`^${source}/?$`), params });
  }
  return compiled.sort((a, b) => a.params - b.params);
}

/**
 * The route pattern of a same-origin URL, with the names of its query parameters (sorted), so that
 * `/hitta-stod?q=lån&tema=x` and `/hitta-stod?q=skatt&tema=y` count as one pattern. A path no route
 * matches (a 404 page) is its own pattern.
 */
export function patternOf(routes: readonly CompiledRoute[], url: URL): string {
  const route = routes.find((r) => r.regex.test(url.pathname));
  const keys = [...new Set(url.searchParams.keys())].sort();
  const path = route ? route.pattern : `404 ${url.pathname}`;
  return keys.length > 0 ? `${path}?${keys.join("&")}` : path;
}

/** Why a link is not followed, or null when the crawl may open it. */
export function skipReason(url: URL, origin: string): string | null {
  if (url.origin !== origin) return "external";
  if (NEVER.some((re) => re.test(url.pathname))) return "excluded";
  if (DOWNLOAD.test(url.pathname)) return "download";
  const format = url.searchParams.get("format");
  if (format && DOWNLOAD_FORMAT.test(format)) return "download";
  return null;
}

/** The key the crawl uses for one URL: path and query, without the fragment. */
export function urlKey(url: URL): string {
  return `${url.pathname}${url.search}`;
}

/**
 * Forms whose submission would destroy or publish something, matched on the action URL and the button
 * texts in Swedish and English: the error pass never submits these (nor signing out).
 */
const DESTRUCTIVE =
  /(logga[- ]?ut|sign[- ]?out|log[- ]?out|delete|erase|cancel|withdraw|publish|close|revoke|remove|deactivate|decline|ta[- ]bort|radera|avboka|avregistrera|återkalla|aterkalla|publicera|stäng|stang|avsluta|makulera|arkivera|inaktivera|avaktivera|spärra|sparra|avböj|avboj|sessioner)/i;

/** Whether the error pass must leave a POST form alone. */
export function isDestructive(action: string, buttons: readonly string[]): boolean {
  return DESTRUCTIVE.test(action) || buttons.some((text) => DESTRUCTIVE.test(text));
}
