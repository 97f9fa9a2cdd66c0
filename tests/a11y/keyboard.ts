import type { Page } from "playwright-core";

// Keyboard-only moves for the journeys (tests/a11y/keyboard-journeys.ts): Tab, Space, arrows, typing and
// Enter through page.keyboard, never a mouse click. Every Tab stop is checked: the focused element must be
// on screen, and the area around it must look different focused and unfocused (screenshots compared pixel
// by pixel), so an indicator drawn on a parent (Designsystemet's checkboxes) or the skip link's banner
// counts, and a missing one does not. Otherwise the stop is recorded as a failure.

/** What the browser reports about the focused element after a key press. */
type FocusProbe = {
  what: string;
  visible: boolean;
  matches: boolean;
  rect: { x: number; y: number; width: number; height: number };
} | null;

const PROBE = `((selector) => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  const visible = r.width > 0 && r.height > 0 && s.visibility !== "hidden" && Number(s.opacity) > 0 &&
    r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
  const text = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("name") || "").trim().slice(0, 40);
  const what = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (text ? ' "' + text + '"' : "");
  return { what, visible, matches: selector ? el.matches(selector) : false,
    rect: { x: r.x, y: r.y, width: r.width, height: r.height } };
})`;

/** How far around the element the comparison looks: indicators are often drawn a few pixels outside. */
const MARGIN = 12;
/** Fewer changed pixels than this is no visible indicator. */
const MIN_CHANGED_PIXELS = 20;

/** Counts the pixels that differ clearly between two PNGs of the same size (in a blank page, no CSP). */
const DIFF = `(async ([a, b]) => {
  const decode = async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext("2d");
    ctx.drawImage(bitmap, 0, 0);
    return ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
  };
  const [x, y] = await Promise.all([decode(a), decode(b)]);
  if (x.length !== y.length) return Number.MAX_SAFE_INTEGER;
  let changed = 0;
  for (let i = 0; i < x.length; i += 4) {
    const d = Math.abs(x[i] - y[i]) + Math.abs(x[i + 1] - y[i + 1]) + Math.abs(x[i + 2] - y[i + 2]);
    if (d > 48) changed++;
  }
  return changed;
})`;

/** A journey's keyboard driver: counts Tab stops and collects focus failures. */
export class Keyboard {
  tabStops = 0;
  readonly focusFailures: string[] = [];

  constructor(
    readonly page: Page,
    private readonly journey: string,
    /** A blank page (in another context) where screenshots are compared. */
    private readonly comparer: Page,
  ) {}

  /**
   * Whether the focused element shows a focus indicator: a screenshot of it and its surroundings while
   * focused, then without focus, must differ in at least MIN_CHANGED_PIXELS pixels. Focus is put back
   * afterwards, so the next Tab goes on from the same element.
   */
  private async showsFocus(rect: NonNullable<FocusProbe>["rect"]): Promise<boolean> {
    const viewport = this.page.viewportSize() ?? { width: 1280, height: 900 };
    const x = Math.max(0, Math.floor(rect.x - MARGIN));
    const y = Math.max(0, Math.floor(rect.y - MARGIN));
    const clip = {
      x,
      y,
      width: Math.max(1, Math.min(viewport.width, Math.ceil(rect.x + rect.width + MARGIN)) - x),
      height: Math.max(1, Math.min(viewport.height, Math.ceil(rect.y + rect.height + MARGIN)) - y),
    };
    const shot = () => this.page.screenshot({ clip, animations: "disabled", caret: "hide" });
    const focused = await shot();
    await this.page.evaluate("window.__a11yFocus = document.activeElement; document.activeElement.blur()");
    const unfocused = await shot();
    await this.page.evaluate("window.__a11yFocus.focus({ preventScroll: true })");
    const changed = (await this.comparer.evaluate(
      `${DIFF}(${JSON.stringify([focused.toString("base64"), unfocused.toString("base64")])})`,
    )) as number;
    return changed >= MIN_CHANGED_PIXELS;
  }

  private async probe(selector: string): Promise<FocusProbe> {
    return (await this.page.evaluate(`${PROBE}(${JSON.stringify(selector)})`)) as FocusProbe;
  }

  /** Presses Tab until the element matching `selector` has focus, checking every stop on the way. */
  async tabTo(selector: string, max = 250): Promise<void> {
    for (let i = 0; i < max; i++) {
      await this.page.keyboard.press("Tab");
      const focus = await this.probe(selector);
      if (!focus) continue; // past the last stop: the browser's own controls
      this.tabStops++;
      const problem = !focus.visible
        ? "not visible"
        : (await this.showsFocus(focus.rect))
          ? null
          : "no visible focus indicator";
      if (problem) {
        const failure = `${this.journey}: ${new URL(this.page.url()).pathname} ${focus.what}: ${problem}`;
        if (!this.focusFailures.includes(failure)) this.focusFailures.push(failure);
      }
      if (focus.matches) return;
    }
    throw new Error(`Tab never reached ${selector} on ${this.page.url()}`);
  }

  /** Tabs to a field and replaces its value with `text` by typing. */
  async typeInto(selector: string, text: string): Promise<void> {
    await this.tabTo(selector);
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.press("Backspace");
    if (text) await this.page.keyboard.type(text);
  }

  /** Tabs to a checkbox or radio button and presses Space. */
  async tick(selector: string): Promise<void> {
    await this.tabTo(selector);
    await this.page.keyboard.press("Space");
  }

  /** Tabs to a link or button and presses Enter; returns the status of the page it leads to. */
  async activate(selector: string): Promise<number> {
    await this.tabTo(selector);
    return this.pressEnter();
  }

  /** Presses Enter and waits for the page it opens (a link or a form's submission). */
  async pressEnter(): Promise<number> {
    const [response] = await Promise.all([
      this.page.waitForResponse(
        (r) =>
          r.request().isNavigationRequest() &&
          r.request().frame() === this.page.mainFrame() &&
          (r.status() < 300 || r.status() >= 400),
        { timeout: 20_000 },
      ),
      this.page.waitForEvent("framenavigated", { timeout: 20_000 }),
      this.page.keyboard.press("Enter"),
    ]);
    await this.page.waitForLoadState("load");
    return response.status();
  }

  /** Starts over from the top of the page, so the next Tab goes to its first stop (the skip link). */
  async fromTop(): Promise<void> {
    await this.page.evaluate(
      "document.activeElement && document.activeElement.blur && document.activeElement.blur()",
    );
    await this.page.evaluate("window.scrollTo(0, 0)");
  }

  /** The focused select's value. */
  async focusedValue(): Promise<string> {
    return (await this.page.evaluate(
      "document.activeElement ? document.activeElement.value ?? '' : ''",
    )) as string;
  }

  /** Chooses `value` in a select with Home and ArrowDown (a closed select changes value on the arrows). */
  async chooseWithArrows(selector: string, value: string, max = 60): Promise<void> {
    await this.tabTo(selector);
    await this.page.keyboard.press("Home");
    for (let i = 0; i < max && (await this.focusedValue()) !== value; i++)
      await this.page.keyboard.press("ArrowDown");
    if ((await this.focusedValue()) !== value) throw new Error(`${selector} never reached ${value}`);
  }
}

/** Fails with `message` unless `condition` holds (the journeys' assertion). */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
