// Puts the corpus into every free-text field of a running Lots server with the demo network.
//
// 1. Through the JSON API, as an integration would (Bearer tokens made with the api-tokens service): one
//    offer per payload with that payload in each of its text fields and its contact person
//    (POST /api/v1/offers, validated by the app's own schemas), and one case note per payload on the
//    navigator's cases (POST /api/v1/cases/{id}/notes).
// 2. Into every other stored row (the demo network's organisations, users, companies, contacts, surveys and
//    their question texts, answers, needs, cases, referrals, meetings, packs, mails…) straight into the
//    database, because many of those fields are written only through multi-step forms. Writing below the
//    forms also stands for data that arrives by imports, restores or older versions. Spreading: a field with
//    R rows and N payloads gets payload (k + field) mod N in row k when R ≥ N; when R < N, row k holds every
//    payload i with (i + field) mod R = k, joined — so every field holds every payload somewhere. Small
//    tables with short length limits get copies of their rows first (CLONE_TABLES); a value over a column's
//    limit is retried with fewer whole payloads (BUDGETS). URL fields get the URL payloads, raw.

import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Db } from "#src/db/client.ts";
import { createApiToken } from "#src/features/api-tokens/api-tokens.service.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import { PAYLOADS, type Payload, payloadFor, rawPayloadFor, URL_PAYLOADS } from "./payloads.ts";
import { FIELDS, type Field, fieldNumber } from "./xss-fields.ts";

/** What seeding did, for the report. */
export type SeedReport = {
  apiOffers: number;
  apiNotes: number;
  apiRefused: string[];
  rowsUpdated: number;
  refused: string[];
  /** field number → the distinct payloads it holds. */
  payloadsPerField: Map<number, Set<number>>;
};

const MARK = "__lotsXss";
// Big tables (the audit log, mails) need no more rows than this to hold every payload.
const MAX_ROWS = 300;

// The offer columns POST /api/v1/offers fills with the payload.
const OFFER_API_COLUMNS = new Set([
  ...["name", "name_en", "summary", "summary_en", "description", "description_en", "conditions"].map(
    (c) => `offers.${c}`,
  ),
  ...["cost_description", "capacity_note", "application_process"].map((c) => `offers.${c}`),
  "offer_contacts.name",
  "offer_contacts.title",
]);

function held(report: SeedReport, field: number): Set<number> {
  const seen = report.payloadsPerField.get(field) ?? new Set<number>();
  report.payloadsPerField.set(field, seen);
  return seen;
}

async function token(db: Db, orgSlug: string, role: "org-admin" | "navigator"): Promise<string> {
  const org = await db
    .selectFrom("organisations")
    .select("id")
    .where("slug", "=", orgSlug)
    .executeTakeFirstOrThrow();
  const made = await createApiToken(db, CLI_ACTOR, {
    organisationId: org.id,
    name: `xss seed ${role}`,
    role,
  });
  return made.token;
}

async function post(baseUrl: string, bearer: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}/api/v1${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** One offer per payload, created through POST /api/v1/offers by the organisation's admin. */
async function seedOffersByApi(db: Db, baseUrl: string, orgSlug: string, report: SeedReport): Promise<void> {
  const bearer = await token(db, orgSlug, "org-admin");
  const org = await db
    .selectFrom("organisations")
    .select("id")
    .where("slug", "=", orgSlug)
    .executeTakeFirstOrThrow();
  const text = (p: Payload, column: string) => payloadFor(p, fieldNumber("offers", column));
  for (const p of PAYLOADS) {
    const body = {
      organisationId: org.id,
      slug: `xss-${p.id}`,
      name: text(p, "name"),
      nameEn: text(p, "name_en"),
      summary: text(p, "summary"),
      summaryEn: text(p, "summary_en"),
      description: text(p, "description"),
      descriptionEn: text(p, "description_en"),
      conditions: text(p, "conditions"),
      costDescription: text(p, "cost_description"),
      capacityNote: text(p, "capacity_note"),
      applicationProcess: text(p, "application_process"),
      formats: ["advice"],
      themes: ["financing"],
      costType: "free",
      contacts: [
        {
          name: payloadFor(p, fieldNumber("offer_contacts", "name")),
          title: payloadFor(p, fieldNumber("offer_contacts", "title")),
          phone: `X${p.id}`,
        },
      ],
    };
    const response = await post(baseUrl, bearer, "/offers", body);
    if (response.status === 201) {
      report.apiOffers++;
      for (const f of FIELDS.filter((x) => x.table === "offers" || x.table === "offer_contacts")) {
        if (f.kind === "text" && OFFER_API_COLUMNS.has(`${f.table}.${f.column}`))
          held(report, f.number).add(p.id);
      }
    } else
      report.apiRefused.push(
        `offer with payload ${p.id}: ${response.status} ${(await response.text()).slice(0, 200)}`,
      );
  }
}

/** One case note per payload on the organisation's cases, through POST /api/v1/cases/{id}/notes. */
async function seedNotesByApi(db: Db, baseUrl: string, orgSlug: string, report: SeedReport): Promise<void> {
  const bearer = await token(db, orgSlug, "navigator");
  const cases = await db
    .selectFrom("cases")
    .innerJoin("organisations", "organisations.id", "cases.organisation_id")
    .select("cases.id")
    .where("organisations.slug", "=", orgSlug)
    .orderBy("cases.number")
    .execute();
  if (cases.length === 0) throw new Error(`the demo organisation ${orgSlug} has no cases`);
  for (const p of PAYLOADS) {
    const target = cases[p.id % cases.length];
    if (!target) continue;
    const body = {
      body: payloadFor(p, fieldNumber("case_notes", "body")),
      visibility: p.id % 2 ? "shared" : "internal",
    };
    const response = await post(baseUrl, bearer, `/cases/${target.id}/notes`, body);
    if (response.status === 201) {
      report.apiNotes++;
      held(report, fieldNumber("case_notes", "body")).add(p.id);
    } else
      report.apiRefused.push(
        `note with payload ${p.id}: ${response.status} ${(await response.text()).slice(0, 200)}`,
      );
  }
}

/** The payloads row `k` of `rows` gets in a field (see the header). */
function payloadsForRow(k: number, rows: number, field: Field, pool: Payload[]): Payload[] {
  if (rows >= pool.length) return [pool[(k + field.number) % pool.length] as Payload];
  return pool.filter((p) => (p.id + field.number) % rows === k);
}

const QUESTION_TEXT_KEYS = new Set([
  "label",
  "help",
  "minLabel",
  "maxLabel",
  "referralText",
  "statisticsText",
]);

/** Replaces every {sv, en} text of the survey questions (and their options) with `value`. */
function replaceQuestionTexts(node: unknown, value: string): unknown {
  if (Array.isArray(node)) return node.map((n) => replaceQuestionTexts(n, value));
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(node)) {
    if (QUESTION_TEXT_KEYS.has(key) && inner && typeof inner === "object") {
      out[key] = { sv: value, en: value };
    } else out[key] = replaceQuestionTexts(inner, value);
  }
  return out;
}

// Answer strings that are codes, e-mail addresses, numbers or dates stay: they are validated, not free text.
const NOT_FREE_TEXT = /^([a-z0-9]+(-[a-z0-9]+)*|[^\s@]+@[^\s@]+|[0-9 +\-()]+|\d{4}-\d{2}-\d{2}.*)$/;

/** Replaces the free-text strings of an answers document (answers, company and contact names) with `value`. */
function replaceAnswerTexts(node: unknown, value: string, key = ""): unknown {
  if (Array.isArray(node)) return node.map((n) => replaceAnswerTexts(n, value, key));
  if (typeof node === "string") {
    return NOT_FREE_TEXT.test(node) || /email|org|number|phone|id$/i.test(key) ? node : value;
  }
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, replaceAnswerTexts(v, value, k)]));
}

function valueFor(field: Field, payloads: Payload[], previous: unknown): unknown {
  if (field.kind === "url") return rawPayloadFor(payloads[0] as Payload, field.number);
  const text = payloads.map((p) => payloadFor(p, field.number)).join(" ");
  if (field.kind === "json-question-texts") return JSON.stringify(replaceQuestionTexts(previous, text));
  if (field.kind === "json-answer-texts") return JSON.stringify(replaceAnswerTexts(previous, text));
  return text;
}

// Length limits the database enforces (check constraints): when a row's values do not fit, the sweep retries
// with fewer whole payloads per value, down to one that fits (or none).
const BUDGETS = [Number.POSITIVE_INFINITY, 1000, 400, 200, 120, 40];

function fitting(payloads: Payload[], field: Field, budget: number): Payload[] {
  const out: Payload[] = [];
  let length = 0;
  for (const p of field.kind === "url" ? payloads.slice(0, 1) : payloads) {
    const size =
      (field.kind === "url" ? rawPayloadFor(p, field.number) : payloadFor(p, field.number)).length + 1;
    if (length + size > budget) continue;
    out.push(p);
    length += size;
  }
  return out;
}

/** Fills one table's fields in every row that does not hold a payload yet. */
async function sweepTable(db: Db, table: string, fields: Field[], report: SeedReport): Promise<void> {
  const columns = fields.map((f) => sql.ref(f.column));
  const result = await sql<
    Record<string, unknown>
  >`select ctid::text as xss_ctid, ${sql.join(columns)} from ${sql.table(table)} order by ctid limit ${MAX_ROWS}`.execute(
    db,
  );
  const rows = result.rows.filter((row) => !fields.some((f) => String(row[f.column] ?? "").includes(MARK)));
  // Published survey versions are frozen by a trigger; the corpus must reach their texts all the same.
  const frozen = table === "survey_versions";
  if (frozen) await sql`alter table survey_versions disable trigger user`.execute(db);
  try {
    await sweepRows(db, table, fields, rows, report);
  } finally {
    if (frozen) await sql`alter table survey_versions enable trigger user`.execute(db);
  }
}

async function sweepRows(
  db: Db,
  table: string,
  fields: Field[],
  rows: Record<string, unknown>[],
  report: SeedReport,
): Promise<void> {
  for (const [k, row] of rows.entries()) {
    // Column by column, so one column's limit does not cost the others their payloads.
    for (const f of fields) {
      const all = payloadsForRow(k, rows.length, f, f.kind === "url" ? URL_PAYLOADS : PAYLOADS);
      let lastError = "";
      for (const budget of BUDGETS) {
        const chosen = fitting(all, f, budget);
        if (chosen.length === 0) break;
        const value = valueFor(f, chosen, row[f.column]);
        const set = f.kind.startsWith("json")
          ? sql`${sql.ref(f.column)} = ${value}::jsonb`
          : sql`${sql.ref(f.column)} = ${value}`;
        try {
          // An update moves the row: follow its new ctid for the next column.
          const moved = await sql<{
            c: string;
          }>`update ${sql.table(table)} set ${set} where ctid = ${row.xss_ctid}::tid returning ctid::text as c`.execute(
            db,
          );
          if (!moved.rows[0]) throw new Error("the row was not found again");
          row.xss_ctid = moved.rows[0].c;
          report.rowsUpdated++;
          for (const p of chosen) held(report, f.number).add(p.id);
          lastError = "";
          break;
        } catch (error) {
          lastError = (error as Error).message.slice(0, 160);
        }
      }
      if (lastError) report.refused.push(`${table}.${f.column} row ${k}: ${lastError}`);
    }
  }
}

// Tables with fewer rows than payloads and short length limits: copies of their rows (new ids, slugs and
// positions) make room for one payload per row.
const CLONE_TABLES = [
  "teams",
  "surveys",
  "campaigns",
  "company_contacts",
  "meetings",
  "meeting_speakers",
  "meeting_registrations",
  "industry_packs",
];

async function cloneRows(db: Db, table: string, target: number, report: SeedReport): Promise<void> {
  const result = await sql<{
    row: Record<string, unknown>;
  }>`select to_jsonb(t) as row from ${sql.table(table)} t order by ctid`.execute(db);
  const rows = result.rows.map((r) => r.row);
  for (let k = 0; rows.length > 0 && rows.length + k < target; k++) {
    const copy = { ...(rows[k % rows.length] as Record<string, unknown>) };
    if ("id" in copy) copy.id = randomUUID();
    if (typeof copy.slug === "string") copy.slug = `${copy.slug}-xss-${k}`;
    if (typeof copy.position === "number") copy.position = 1000 + k;
    if (typeof copy.email === "string") copy.email = `xss-${k}-${copy.email}`;
    for (const key of Object.keys(copy)) {
      if (/(_hash|_key)$/.test(key) && typeof copy[key] === "string") copy[key] = `${copy[key]}-xss-${k}`;
      if (/^is_catch_all$/.test(key)) copy[key] = false;
    }
    try {
      await sql`insert into ${sql.table(table)} select * from jsonb_populate_record(null::${sql.table(table)}, ${JSON.stringify(copy)}::jsonb)`.execute(
        db,
      );
    } catch (error) {
      report.refused.push(`copy of a ${table} row: ${(error as Error).message.slice(0, 160)}`);
      return;
    }
  }
}

/**
 * Seeds the corpus: the API part against `baseUrl`, then the sweep over every field's stored rows. Returns
 * counts, and every write the app or the database refused.
 */
export async function seedCorpus(db: Db, baseUrl: string): Promise<SeedReport> {
  const report: SeedReport = {
    apiOffers: 0,
    apiNotes: 0,
    apiRefused: [],
    rowsUpdated: 0,
    refused: [],
    payloadsPerField: new Map(),
  };
  await seedOffersByApi(db, baseUrl, "almi-malardalen", report);
  await seedNotesByApi(db, baseUrl, "nora-kommun", report);
  // The API-made rows hold payloads already; the sweep leaves rows holding one alone.
  const byTable = new Map<string, Field[]>();
  for (const field of FIELDS) byTable.set(field.table, [...(byTable.get(field.table) ?? []), field]);
  for (const table of CLONE_TABLES) await cloneRows(db, table, PAYLOADS.length, report);
  for (const [table, fields] of byTable) await sweepTable(db, table, fields, report);
  return report;
}
