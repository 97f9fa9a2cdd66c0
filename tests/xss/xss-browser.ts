// The browser side of `npm run test:xss`: a Chromium context per role that records every script execution of
// a payload (the detector binding, alert/confirm/prompt and dialogs), every CSP violation (blocked attempts,
// reported apart), the CSP header of every HTML response, and a census of live elements on each page that
// only an escaping bug could have put there.

import type { Browser, BrowserContext, Page } from "playwright-core";

/** A payload that ran: its detector id, and where. */
export type Execution = { id: number; page: string; frame: string; role: string; via: string };
/** Something the CSP refused on a page. */
export type Blocked = { page: string; role: string; directive: string; blocked: string; sample: string };
/** A live element a payload made. */
export type Injected = { page: string; role: string; what: string };

/** What one role's browsing found. */
export type Findings = {
  executions: Execution[];
  blocked: Blocked[];
  injected: Injected[];
  htmlResponses: number;
  cspMissing: string[];
};

/** A fresh, empty set of findings. */
export function emptyFindings(): Findings {
  return { executions: [], blocked: [], injected: [], htmlResponses: 0, cspMissing: [] };
}

// Runs in every frame before the page's own scripts. The hooks call the exposed bindings, which Playwright
// installs through the DevTools protocol, so they work whatever the page's CSP says.
const INIT_SCRIPT = `(() => {
  const report = (via, detail) => { try { window.__lotsXssHook(via, String(detail)); } catch {} };
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (message) => { report(name, message); return name === "confirm" ? false : null; };
  }
  document.addEventListener("securitypolicyviolation", (event) => {
    try { window.__lotsCsp(event.violatedDirective, event.blockedURI, event.sample || ""); } catch {}
  }, true);
})();`;

// Attributes that hold text the page shows or keeps (escaped payload text in them is correct, not injected).
const TEXT_ATTRIBUTES = [
  "value",
  "title",
  "alt",
  "placeholder",
  "aria-label",
  "aria-description",
  "content",
  "label",
];

/**
 * Runs in the page: lists live elements that only a payload could have made. Rules (none matches the app's
 * own pages — the clean pass checks that): any on* attribute; a script that is not a same-origin
 * /assets/ file or has inline text; iframe, frame, object, embed, applet, base, meta[http-equiv], isindex,
 * marquee; a href/src/action/formaction/xlink:href/data/srcdoc with a javascript:, vbscript: or data: URL
 * (data: images excepted); a style element holding the marker; any other non-text attribute holding the
 * marker; and any tag the app's views never write (`knownTags`).
 */
function census(args: { knownTags: string[] | null; textAttributes: string[] }) {
  const found: string[] = [];
  const tags: string[] = [];
  const mark = "__lotsXss";
  const known = args.knownTags ? new Set(args.knownTags) : null;
  const always = new Set([
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "isindex",
    "marquee",
  ]);
  const urlAttributes = new Set([
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "srcdoc",
    "poster",
  ]);
  const walk = (root: { querySelectorAll(s: string): ArrayLike<unknown> }) => {
    for (const node of Array.from(root.querySelectorAll("*"))) {
      const el = node as {
        tagName: string;
        attributes: ArrayLike<{ name: string; value: string }>;
        textContent: string | null;
        outerHTML: string;
        shadowRoot?: unknown;
      };
      const tag = el.tagName.toLowerCase();
      const describe = (why: string) => `${why}: ${el.outerHTML.slice(0, 160)}`;
      tags.push(tag);
      if (always.has(tag)) found.push(describe(`<${tag}>`));
      if (tag === "meta" && Array.from(el.attributes).some((a) => a.name === "http-equiv"))
        found.push(describe("meta http-equiv"));
      if (tag === "script") {
        const src = Array.from(el.attributes).find((a) => a.name === "src")?.value ?? "";
        if (!src.startsWith("/assets/") || (el.textContent ?? "").trim() !== "")
          found.push(describe("script"));
      }
      if (tag === "style" && (el.textContent ?? "").includes(mark)) found.push(describe("style element"));
      if (known && !known.has(tag)) found.push(describe(`tag <${tag}> the app never renders`));
      for (const attribute of Array.from(el.attributes)) {
        const name = attribute.name.toLowerCase();
        const value = attribute.value;
        if (name.startsWith("on")) found.push(describe(`${name} attribute`));
        else if (urlAttributes.has(name)) {
          // A percent-encoded payload in a same-origin link (a search's paging) is correct; a script scheme is not.
          // Images may be data: images (the CSP allows them in img-src; no script runs in an image).
          const url = Array.from(value)
            .filter((ch) => ch.charCodeAt(0) > 32)
            .join("");
          const image = tag === "img" && name === "src" && /^data:image\//i.test(url);
          if (/^(javascript|vbscript|data):/i.test(url) && !image)
            found.push(describe(`${name}=${value.slice(0, 20)}`));
        } else if (value.includes(mark) && !args.textAttributes.includes(name) && !name.startsWith("data-"))
          found.push(describe(`${name} attribute holds a payload`));
      }
    }
  };
  walk(document);
  return { found, tags: [...new Set(tags)] };
}

declare const document: { querySelectorAll(s: string): ArrayLike<unknown> };

/** A role's browser context with the detectors installed; findings accumulate in `findings`. */
export type RoleContext = {
  role: string;
  context: BrowserContext;
  page: Page;
  findings: Findings;
  /** Opens `url`, waits for it to settle, and runs the census; returns the local links and GET forms. */
  visit(url: string, knownTags: string[] | null): Promise<VisitResult>;
};

/** What a visit saw: status, links, GET forms (action + first text input name), tags present. */
export type VisitResult = {
  status: number | null;
  finalUrl: string;
  links: string[];
  searchForms: { action: string; input: string }[];
  tags: string[];
};

/** Opens a Chromium context for one role, with the detectors, and the cookies given. */
export async function openRole(
  browser: Browser,
  role: string,
  baseUrl: string,
  cookies: { name: string; value: string; path?: string }[],
): Promise<RoleContext> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: "sv-SE" });
  const findings = emptyFindings();
  let current = "";
  await context.exposeBinding("__lotsXss", (source, id: unknown) => {
    findings.executions.push({
      id: Number(id),
      page: current,
      frame: source.frame.url(),
      role,
      via: "detector",
    });
  });
  await context.exposeBinding("__lotsXssHook", (source, via: unknown, detail: unknown) => {
    findings.executions.push({
      id: Number.parseInt(String(detail).replace(/\D+/g, ""), 10) || 0,
      page: current,
      frame: source.frame.url(),
      role,
      via: String(via),
    });
  });
  await context.exposeBinding(
    "__lotsCsp",
    (_source, directive: unknown, blocked: unknown, sample: unknown) => {
      findings.blocked.push({
        page: current,
        role,
        directive: String(directive),
        blocked: String(blocked),
        sample: String(sample).slice(0, 80),
      });
    },
  );
  await context.addInitScript({ content: INIT_SCRIPT });
  if (cookies.length > 0) {
    const host = new URL(baseUrl);
    await context.addCookies(
      cookies.map((c) => ({ name: c.name, value: c.value, domain: host.hostname, path: c.path ?? "/" })),
    );
  }
  const page = await context.newPage();
  page.on("dialog", (dialog) => {
    findings.executions.push({
      id: 0,
      page: current,
      frame: "dialog",
      role,
      via: `dialog ${dialog.type()}: ${dialog.message().slice(0, 60)}`,
    });
    void dialog.dismiss().catch(() => {});
  });
  page.on("response", (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (!type.includes("text/html")) return;
    findings.htmlResponses++;
    const csp = response.headers()["content-security-policy"] ?? "";
    const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1];
    if (
      scriptSrc === undefined ||
      scriptSrc.includes("'unsafe-inline'") ||
      scriptSrc.includes("'unsafe-eval'")
    )
      findings.cspMissing.push(`${response.status()} ${response.url()}`);
  });
  const visit = async (url: string, knownTags: string[] | null): Promise<VisitResult> => {
    current = url;
    let status: number | null = null;
    try {
      const response = await page.goto(url, { waitUntil: "load", timeout: 20_000 });
      status = response?.status() ?? null;
      // Let autofocus, toggles, animations, error events and meta refreshes fire.
      await page.waitForTimeout(60);
    } catch (error) {
      findings.injected.push({
        page: url,
        role,
        what: `the page did not load: ${(error as Error).message.slice(0, 120)}`,
      });
      return { status, finalUrl: page.url(), links: [], searchForms: [], tags: [] };
    }
    // As source text: tsx's keepNames wraps inner functions in a `__name` helper the page does not have.
    const args = JSON.stringify({ knownTags, textAttributes: TEXT_ATTRIBUTES });
    const result = (await page.evaluate(`((__name) => (${census.toString()})(${args}))((f) => f)`)) as {
      found: string[];
      tags: string[];
    };
    for (const what of result.found) findings.injected.push({ page: url, role, what });
    const found = await page.evaluate(() => {
      const d = document as unknown as {
        querySelectorAll(s: string): ArrayLike<{
          getAttribute(n: string): string | null;
          querySelector(s: string): { getAttribute(n: string): string | null } | null;
        }>;
      };
      const links = Array.from(d.querySelectorAll("a[href]")).map((a) => a.getAttribute("href") ?? "");
      const forms = Array.from(d.querySelectorAll("form")).flatMap((form) => {
        const method = (form.getAttribute("method") ?? "get").toLowerCase();
        const input = form.querySelector("input[type=search], input[type=text], input:not([type])");
        const name = input?.getAttribute("name");
        return method === "get" && name ? [{ action: form.getAttribute("action") ?? "", input: name }] : [];
      });
      return { links, forms };
    });
    const base = page.url();
    const local = (href: string) => {
      try {
        const u = new URL(href, base);
        return u.origin === new URL(baseUrl).origin ? `${u.pathname}${u.search}` : null;
      } catch {
        return null;
      }
    };
    return {
      status,
      finalUrl: base,
      links: found.links.map(local).filter((h): h is string => h !== null),
      searchForms: found.forms.flatMap((f) => {
        const action = local(f.action || base);
        return action ? [{ action: action.split("?")[0] ?? action, input: f.input }] : [];
      }),
      tags: result.tags,
    };
  };
  return { role, context, page, findings, visit };
}
