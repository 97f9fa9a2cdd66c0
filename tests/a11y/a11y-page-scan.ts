import type { Page } from "playwright-core";

// What the crawl reads from a rendered page, in the browser: links, GET forms as the URLs they would open
// with their default values (and with a search that finds nothing, for the "empty" state), and POST forms
// for the error pass. Written as a script string because the project has no DOM types.

/** A POST form on a page: its position among the page's forms, its action and its buttons' texts. */
export type PostForm = { index: number; action: string; buttons: string[] };

/** What one page offers to follow. */
export type PageScan = { links: string[]; getForms: string[]; noHitForms: string[]; postForms: PostForm[] };

/** A word no demo record contains, typed into search boxes for the "empty" state. */
export const NO_HITS = "xqzvw";

const SCAN = `(() => {
  const links = [...document.querySelectorAll("a[href]")].map((a) => a.href);
  const getForms = [];
  const noHitForms = [];
  const postForms = [];
  const forms = [...document.forms];
  forms.forEach((form, index) => {
    const method = (form.getAttribute("method") || "get").toLowerCase();
    // getAttribute, not form.action: a field named "action" (the referral forms have one) shadows the property.
    const action = new URL(form.getAttribute("action") || location.href, location.href).href;
    const buttons = [...form.querySelectorAll("button, input[type=submit]")]
      .concat(form.id ? [...document.querySelectorAll('[form="' + form.id + '"]')] : [])
      .map((b) => (b.textContent || b.value || "").trim());
    if (method === "post") {
      postForms.push({ index, action, buttons });
      return;
    }
    const params = new URLSearchParams();
    const empty = new URLSearchParams();
    let searchBox = false;
    for (const el of form.elements) {
      if (!el.name || el.disabled) continue;
      const type = (el.type || "").toLowerCase();
      if (["submit", "button", "image", "reset", "file"].includes(type)) continue;
      if ((type === "checkbox" || type === "radio") && !el.checked) continue;
      const values = el.tagName === "SELECT" ? [...el.selectedOptions].map((o) => o.value) : [el.value];
      const isSearch = type === "search" || ["q", "sok", "fritext", "query"].includes(el.name);
      if (isSearch) searchBox = true;
      for (const value of values) {
        params.append(el.name, value);
        empty.append(el.name, isSearch ? ${JSON.stringify(NO_HITS)} : value);
      }
    }
    const url = new URL(action, location.href);
    url.hash = "";
    const withDefaults = new URL(url);
    withDefaults.search = params.toString();
    getForms.push(withDefaults.href);
    if (searchBox) {
      const noHits = new URL(url);
      noHits.search = empty.toString();
      noHitForms.push(noHits.href);
    }
  });
  return { links, getForms, noHitForms, postForms };
})()`;

/** Reads the page's links and forms. */
export async function scanPage(page: Page): Promise<PageScan> {
  return (await page.evaluate(SCAN)) as PageScan;
}

const SUBMIT = `((index) => {
  const form = document.forms[index];
  if (!form) return false;
  form.noValidate = true;
  const buttons = [...form.querySelectorAll("button:not([type]), button[type=submit], input[type=submit]")];
  const outside = form.id ? [...document.querySelectorAll('button[form="' + form.id + '"]')] : [];
  const button = buttons.concat(outside)[0];
  form.requestSubmit(button);
  return true;
})`;

/**
 * Submits the page's form number `index` as it is (browser validation off, so the server's field errors
 * show), with its first submit button, and waits for the answer page. Returns the answer's status, or
 * null when nothing navigated.
 */
export async function submitFormAsIs(page: Page, index: number): Promise<number | null> {
  const answer = page.waitForResponse(
    (r) =>
      r.request().isNavigationRequest() &&
      r.request().frame() === page.mainFrame() &&
      (r.status() < 300 || r.status() >= 400),
    { timeout: 15_000 },
  );
  const navigated = page.waitForEvent("framenavigated", { timeout: 15_000 });
  // Handled here so that a form that does not navigate leaves no unhandled rejection behind.
  answer.catch(() => undefined);
  navigated.catch(() => undefined);
  const submitted = (await page.evaluate(`${SUBMIT}(${index})`)) as boolean;
  if (!submitted) return null;
  const [response] = await Promise.all([answer, navigated]);
  await page.waitForLoadState("load");
  return response.status();
}
