import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env.ts";
import { FieldValidationError } from "./field-errors.ts";

// PostgreSQL cannot store U+0000 in text ("invalid byte sequence for encoding UTF8: 0x00"), so a NUL anywhere
// in a query string, a JSON body or a form would end as a 500 deep inside some query. No field of Lots has a
// use for it: refuse it at the door with a 400 that says so. Multipart bodies (file uploads) are left alone:
// a file may hold any byte, and the importers validate their own content.

const ENCODED_NUL = /%00/i;
const JSON_NUL = /\\u0000/i;

function refusal(): FieldValidationError {
  return new FieldValidationError({
    _: {
      sv: "Texten innehåller ett otillåtet tecken (NUL, U+0000). Ta bort det och försök igen.",
      en: "The text contains a character that is not allowed (NUL, U+0000). Remove it and try again.",
    },
  });
}

/** Refuses requests whose URL, JSON body or form body carries U+0000 (400, in both languages). */
export const refuseNulCharacters: MiddlewareHandler<AppEnv> = async (c, next) => {
  const url = c.req.url;
  const query = url.includes("?") ? url.slice(url.indexOf("?")) : "";
  if (ENCODED_NUL.test(c.req.path) || ENCODED_NUL.test(query) || url.includes("\u0000")) throw refusal();
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    const type = c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
    if (type === "application/json" || type === "application/x-www-form-urlencoded") {
      // Hono caches the body, so the handler's own json()/parseBody() still read it.
      const text = await c.req.text();
      const encoded = type === "application/json" ? JSON_NUL : ENCODED_NUL;
      if (text.includes("\u0000") || encoded.test(text)) throw refusal();
    }
  }
  await next();
};
