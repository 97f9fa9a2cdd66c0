import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";

const require = createRequire(import.meta.url);

function readPackageFile(specifier: string): string {
  return readFileSync(require.resolve(specifier), "utf8");
}

/**
 * The one stylesheet: the Lots theme (Designsystemet tokens generated from theme/designsystemet.config.json,
 * in place of the package's default Digdir theme), Designsystemet's component CSS, then Lots' own small
 * layer. The theme comes first because it starts with `@charset`, which only counts as the first rule.
 * Read once per app.
 */
export function buildStylesheet(): string {
  return [
    readFileSync(new URL("./theme/lots-theme.css", import.meta.url), "utf8"),
    readPackageFile("@digdir/designsystemet-css"),
    readFileSync(new URL("./lots.css", import.meta.url), "utf8"),
  ].join("\n");
}

/** `/assets/lots.css` and the small scripts of progressive enhancement (`/assets/autosave.js`). */
export function assetRoutes() {
  const app = new Hono<AppEnv>();
  let stylesheet: string | undefined;
  let autosave: string | undefined;
  app.get("/assets/autosave.js", (c) => {
    autosave ??= readFileSync(new URL("./autosave.js", import.meta.url), "utf8");
    c.header("cache-control", "public, max-age=3600");
    return c.body(autosave, 200, { "content-type": "text/javascript; charset=utf-8" });
  });
  app.get("/assets/lots.css", (c) => {
    stylesheet ??= buildStylesheet();
    c.header("cache-control", "public, max-age=3600");
    return c.body(stylesheet, 200, { "content-type": "text/css; charset=utf-8" });
  });
  return app;
}
