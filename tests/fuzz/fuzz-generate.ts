import type { Caller, FuzzFixtures } from "./fuzz-fixtures.ts";
import { edgeMutations, invalidMutations, type Parts, queryEntries } from "./fuzz-mutations.ts";
import type { Rng } from "./fuzz-prng.ts";
import { randomUuid, resolve, type Schema, type ValueContext, validValue } from "./fuzz-values.ts";

// One request per call: a valid request for an operation of the OpenAPI document, then (by chance) made
// odd but still valid ("edge") or broken in one named way ("invalid", which must answer 4xx).

/** An operation of the document: method, path template and its definition. */
export type Operation = { key: string; method: string; path: string; op: Schema };

/** valid: conforms to the document; edge: conforms but is unusual; invalid: breaks the document. */
export type RequestKind = "valid" | "edge" | "invalid";

/** A request ready for `app.request`, with what it was meant to test. */
export type PlannedRequest = {
  operation: Operation;
  kind: RequestKind;
  mutation: string;
  caller: Caller;
  url: string;
  init: { method: string; headers: Record<string, string>; body?: string };
};

/** Every operation of the document, in document order. */
export function listOperations(doc: Schema): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<Schema>(doc.paths ?? {})) {
    for (const method of ["get", "post", "put", "patch", "delete"]) {
      if (item[method])
        ops.push({
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          op: item[method],
        });
    }
  }
  return ops;
}

/** Which record pool a path parameter draws from, by the path it is in. */
function poolForPathParam(path: string, name: string): string {
  if (name === "userId") return "users";
  if (name === "tokenId") return "apiTokens";
  if (name === "webhookId") return "webhooks";
  if (name === "code") return "postalCodes";
  const segment = path.split("/")[1] ?? "";
  return (
    {
      organisations: "organisations",
      offers: "offers",
      companies: "companies",
      needs: "needs",
      surveys: "surveys",
      cases: "cases",
      referrals: "referrals",
      meetings: "meetings",
    }[segment] ?? "organisations"
  );
}

/** Plans request number `n` for `operation` as `caller`. */
export function planRequest(
  operation: Operation,
  caller: Caller,
  doc: Schema,
  fixtures: FuzzFixtures,
  rng: Rng,
  counter: { n: number },
): PlannedRequest {
  const org = caller.kind === "token" ? caller.org : undefined;
  const ctx: ValueContext = { doc, rng, fixtures, org, counter };
  const params: Schema[] = (operation.op.parameters ?? []).map((p: Schema) => resolve(doc, p));
  const parts: Parts = { pathValues: {}, query: [], headers: {} };

  let pathOrg = org;
  for (const p of params.filter((x) => x.in === "path")) {
    const pool = fixtures.pools[poolForPathParam(operation.path, p.name)] ?? [];
    const sameOrg = pathOrg ? pool.filter((i) => i.org === pathOrg) : [];
    const item =
      sameOrg.length && rng.chance(0.75) ? rng.pick(sameOrg) : pool.length ? rng.pick(pool) : undefined;
    const value =
      item && rng.chance(0.92)
        ? item.id
        : resolve(doc, p.schema).format === "uuid"
          ? randomUuid(rng)
          : `fuzz-${counter.n++}`;
    if (p.name === "id" && operation.path.startsWith("/organisations/")) pathOrg = value;
    parts.pathValues[p.name] = value;
  }
  for (const p of params.filter((x) => x.in === "query")) {
    if (p.required || rng.chance(0.35))
      parts.query.push(...queryEntries(p.name, validValue(p.schema ?? {}, p.name, ctx)));
  }
  for (const p of params.filter((x) => x.in === "header")) {
    if (p.name.toLowerCase() === "idempotency-key" && rng.chance(0.5))
      parts.headers[p.name] = `fuzz-${rng.int(0, 1e9)}`;
  }
  const bodySchema: Schema | undefined = operation.op.requestBody?.content?.["application/json"]?.schema;
  if (bodySchema) {
    ctx.org = pathOrg ?? org;
    parts.body = validValue(bodySchema, "", ctx);
    parts.contentType = "application/json";
  }

  const roll = rng.next();
  let kind: RequestKind = "valid";
  let mutation = "none";
  if (roll >= 0.45) {
    const wantInvalid = roll >= 0.6;
    const options = wantInvalid
      ? invalidMutations(operation, params, parts, bodySchema, doc)
      : edgeMutations(params, parts, bodySchema, doc);
    if (options.length > 0) {
      const chosen = rng.pick(options);
      const applied = chosen.apply(ctx);
      if (applied) {
        kind = wantInvalid ? "invalid" : "edge";
        mutation = chosen.name;
      }
    }
  }
  return build(operation, caller, parts, kind, mutation);
}

function build(
  operation: Operation,
  caller: Caller,
  parts: Parts,
  kind: RequestKind,
  mutation: string,
): PlannedRequest {
  let path = operation.path;
  for (const [name, value] of Object.entries(parts.pathValues)) {
    // BAD_PATH_VALUES may already be percent-encoded on purpose (%00, %2F): keep those as they are.
    const encoded = /%[0-9A-F]{2}/.test(value) ? value : encodeURIComponent(value);
    path = path.replace(`{${name}}`, encoded);
  }
  const search = new URLSearchParams(parts.query).toString();
  const url = `/api/v1${path}${search ? `?${search}` : ""}`;
  const headers: Record<string, string> = { accept: "application/json", ...parts.headers };
  if (caller.kind !== "anonymous") headers.authorization = `Bearer ${caller.token}`;
  let body: string | undefined;
  if (parts.rawBody !== undefined) body = parts.rawBody;
  else if (parts.body !== undefined) body = JSON.stringify(parts.body);
  if (body !== undefined) headers["content-type"] = parts.contentType ?? "application/json";
  return {
    operation,
    kind,
    mutation,
    caller,
    url,
    init: { method: operation.method, headers, ...(body !== undefined ? { body } : {}) },
  };
}
