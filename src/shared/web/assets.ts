import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";

const require = createRequire(import.meta.url);

function readPackageFile(specifier: string): string {
  return readFileSync(require.resolve(specifier), "utf8");
}

/**
 * The one stylesheet: Designsystemet's CSS, its theme tokens, then Lots' own small layer.
 * Read once per app and served with a strong cache validator.
 */
export function buildStylesheet(): string {
  return [
    readPackageFile("@digdir/designsystemet-css/theme.css"),
    readPackageFile("@digdir/designsystemet-css"),
    readFileSync(new URL("./lots.css", import.meta.url), "utf8"),
  ].join("\n");
}

/** `/assets/lots.css`. */
export function assetRoutes() {
  const app = new Hono<AppEnv>();
  let stylesheet: string | undefined;
  app.get("/assets/lots.css", (c) => {
    stylesheet ??= buildStylesheet();
    c.header("cache-control", "public, max-age=3600");
    return c.body(stylesheet, 200, { "content-type": "text/css; charset=utf-8" });
  });
  return app;
}
