import type { Db } from "#src/db/client.ts";
import { createApiToken } from "#src/features/api-tokens/api-tokens.service.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { hasDemoData, seedDemoData } from "#src/features/demo/demo.service.ts";
import { ROLES, type Role } from "#src/shared/auth/actor.ts";

// What the generator draws real values from: the demo network's ids, slugs and reference codes, and one
// API token per role for two demo organisations, so authorised paths run as well as refused ones.

/** A record the fuzzer can put in a path or a body, with the organisation it belongs to (if any). */
export type PoolItem = { id: string; org?: string };

/** Who sends a request: nobody, a token of a role for an organisation, or a token that is not one. */
export type Caller =
  | { label: string; kind: "anonymous" }
  | { label: string; kind: "token"; role: Role; org: string; token: string }
  | { label: string; kind: "bad-token"; token: string };

/** Everything the generator needs from the database, gathered once before the run. */
export type FuzzFixtures = {
  callers: Caller[];
  /** Record pools by name: organisations, users, apiTokens, offers, companies, needs, surveys, campaigns,
   * cases, referrals, webhooks, meetings (slugs), postalCodes. Grows with records created during the run. */
  pools: Record<string, PoolItem[]>;
  /** Reference codes by name: themes, formats, municipalities, counties, sni, sizeBands. */
  codes: Record<string, string[]>;
  /** Organisation numbers of demo companies (valid, existing). */
  orgNumbers: string[];
};

/** The demo organisations whose tokens the run uses: the municipality with the intake, and a partner. */
const TOKEN_ORGANISATIONS = ["nora-kommun", "almi-malardalen"];

/**
 * Seeds the demo data when the database has none, creates the callers' tokens (through the api-tokens
 * service, as an operator would with `lots token create`) and reads the pools.
 */
export async function prepareFixtures(db: Db): Promise<FuzzFixtures> {
  if (!(await hasDemoData(db))) await seedDemoData(db);
  const organisations = await db.selectFrom("organisations").select(["id", "slug"]).orderBy("slug").execute();
  const callers: Caller[] = [{ label: "anonymous", kind: "anonymous" }];
  const callerTokenIds = new Set<string>();
  for (const slug of TOKEN_ORGANISATIONS) {
    const org = organisations.find((o) => o.slug === slug);
    if (!org) throw new Error(`The demo organisation ${slug} is missing`);
    for (const role of ROLES) {
      const { token, record } = await createApiToken(db, CLI_ACTOR, {
        organisationId: org.id,
        name: `fuzz ${role}`,
        role,
      });
      callerTokenIds.add(record.id);
      callers.push({ label: `token ${role}@${slug}`, kind: "token", role, org: org.id, token });
    }
    // Tokens the run may revoke: the callers' own stay out of the pool, or a DELETE would lock a caller out.
    for (let i = 0; i < 3; i++) {
      await createApiToken(db, CLI_ACTOR, {
        organisationId: org.id,
        name: `fuzz spare ${i}`,
        role: "analyst",
      });
    }
  }
  // Well-formed but unknown, and malformed: both must be refused alike (401).
  callers.push({ label: "unknown token", kind: "bad-token", token: `lots_fuzzfuzz_${"A".repeat(43)}` });
  callers.push({ label: "malformed token", kind: "bad-token", token: "not a token \u00e5\u00e4\u00f6" });
  const pools = await readPools(db);
  pools.apiTokens = (pools.apiTokens ?? []).filter((t) => !callerTokenIds.has(t.id));
  return { callers, pools, codes: await readCodes(db), orgNumbers: await readOrgNumbers(db) };
}

async function readPools(db: Db): Promise<Record<string, PoolItem[]>> {
  const byOrg = (rows: { id: string; org: string | null }[]) =>
    rows.map((r) => (r.org ? { id: r.id, org: r.org } : { id: r.id }));
  return {
    organisations: (await db.selectFrom("organisations").select("id").execute()).map((r) => ({
      id: r.id,
      org: r.id,
    })),
    users: byOrg(
      await db.selectFrom("memberships").select(["user_id as id", "organisation_id as org"]).execute(),
    ),
    apiTokens: byOrg(await db.selectFrom("api_tokens").select(["id", "organisation_id as org"]).execute()),
    offers: byOrg(await db.selectFrom("offers").select(["id", "organisation_id as org"]).execute()),
    companies: (await db.selectFrom("companies").select("id").execute()).map((r) => ({ id: r.id })),
    needs: byOrg(await db.selectFrom("needs").select(["id", "organisation_id as org"]).execute()),
    surveys: byOrg(await db.selectFrom("surveys").select(["id", "organisation_id as org"]).execute()),
    campaigns: byOrg(await db.selectFrom("campaigns").select(["id", "organisation_id as org"]).execute()),
    cases: byOrg(
      await db
        .selectFrom("cases")
        .innerJoin("teams", "teams.id", "cases.team_id")
        .select(["cases.id as id", "teams.organisation_id as org"])
        .execute(),
    ),
    referrals: byOrg(await db.selectFrom("referrals").select(["id", "organisation_id as org"]).execute()),
    webhooks: byOrg(await db.selectFrom("webhooks").select(["id", "organisation_id as org"]).execute()),
    meetings: byOrg(
      await db.selectFrom("meetings").select(["slug as id", "organisation_id as org"]).execute(),
    ),
    postalCodes: (
      await db
        .selectFrom("postal_codes")
        .select("postal_code as id")
        .orderBy("postal_code")
        .limit(200)
        .execute()
    ).map((r) => ({ id: r.id })),
  };
}

async function readCodes(db: Db): Promise<Record<string, string[]>> {
  const codes = async (
    table: "need_themes" | "offer_formats" | "municipalities" | "counties" | "size_bands",
  ) => (await db.selectFrom(table).select("code").execute()).map((r) => r.code);
  const sni = await db.selectFrom("sni_codes").select("code").limit(400).execute();
  return {
    themes: await codes("need_themes"),
    formats: await codes("offer_formats"),
    municipalities: await codes("municipalities"),
    counties: await codes("counties"),
    sizeBands: await codes("size_bands"),
    sni: sni.map((r) => r.code),
  };
}

async function readOrgNumbers(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom("companies")
    .select("org_number")
    .where("is_sole_trader", "=", false)
    .execute();
  return rows.map((r) => r.org_number);
}
