import { createRoute } from "@hono/zod-openapi";
import { clientIp, rateLimit } from "#src/features/rate-limit/rate-limit.service.ts";
import { json, problem } from "#src/shared/api-responses.ts";
import { createFieldApiRouter, fieldProblem } from "#src/shared/field-errors.ts";
import { MatchRequest, MatchResponse } from "./matching.schemas.ts";
import { matchOffers, toMatchResponse } from "./matching.service.ts";

/** Requests per client address and minute to the public matching API and the public matching page. */
export const MATCH_LIMITS = { limit: 60, windowSeconds: 60 } as const;

/** `POST /api/v1/match`: public, rate-limited per client address. */
export function matchingApi() {
  const api = createFieldApiRouter();
  api.use("/match", rateLimit({ name: "match-ip", ...MATCH_LIMITS, key: (c) => clientIp(c) }));

  api.openapi(
    createRoute({
      method: "post",
      path: "/match",
      tags: ["Matching"],
      summary: "Rank the catalogue's offers for a company's needs, with reasons",
      description:
        "Public and rate-limited (60 requests a minute per client address). Every company field is optional; " +
        "each need gives a theme, Swedish text or both. Eligible offers come first by score (theme overlap, " +
        "Swedish full-text relevance with stemming and synonyms, several needs combined, an outcome prior, " +
        "lower for offers with no capacity left); with `includeNearMisses`, offers the company is not " +
        "eligible for follow with `eligible: false` and `notEligibleBecause`. Reasons are in the language of " +
        "the request: English when Accept-Language starts with `en` (or the language cookie says so), else Swedish. Unknown theme, municipality, " +
        "SNI or size codes answer 400 naming the field.",
      request: { body: { content: { "application/json": { schema: MatchRequest } }, required: true } },
      responses: {
        401: problem(
          "The Authorization header holds no valid API token (this operation needs none: leave it out)",
        ),
        200: json(MatchResponse, "The ranked offers"),
        400: fieldProblem("Invalid fields, each with a message in Swedish and English"),
        429: problem("Too many requests from this address; see Retry-After"),
      },
    }),
    async (c) => {
      const english = /^\s*en\b/i.test(c.req.header("accept-language") ?? "");
      const match = await matchOffers(c.var.deps.db, c.req.valid("json"), {
        locale: english ? "en" : c.var.locale,
      });
      return c.json(toMatchResponse(match), 200);
    },
  );
  return api;
}
