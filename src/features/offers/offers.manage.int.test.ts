import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "#src/features/api-tokens/api-tokens.service.ts";
import { CLI_ACTOR } from "#src/features/audit/audit.service.ts";
import type { UserActor } from "#src/shared/auth/actor.ts";
import { AppError } from "#src/shared/errors.ts";
import { createUserWithRole, type SignedIn, signIn } from "#tests/support/sign-in.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";
import type { CreateOfferInput } from "./offers.schemas.ts";
import {
  createOffer,
  createOffers,
  getOffer,
  listOfferHistory,
  setOfferStatus,
  updateOffer,
  verifyOffer,
} from "./offers.service.ts";

// Issue 4, must-show 4: a partner's advisor cannot edit another organisation's offer (service, pages, API),
// and every change shows in the offer's history with who, when and each field's old and new value.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let almi: string;
let oru: string;
let almiAdvisor: UserActor & { password: string };
let oruAdvisor: UserActor & { password: string };
let oruNavigator: UserActor & { password: string };
let almiSession: SignedIn;
let oruSession: SignedIn;

const DAY = 24 * 60 * 60 * 1000;
let serial = 0;

const input = (organisationId: string, override: Partial<CreateOfferInput> = {}): CreateOfferInput => ({
  organisationId,
  slug: `erbjudande-${++serial}`,
  name: "Almi Företagslån",
  summary: "Lån till företag som vill växa eller ställa om.",
  description: "Lånet finansierar maskiner, lager eller rörelsekapital.",
  formats: ["loan"],
  themes: ["financing"],
  costType: "loan",
  contacts: [{ name: "Karin Holmgren", title: "Affärsrådgivare", email: "karin@almi.example" }],
  ...override,
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

function formBody(fields: Record<string, string | string[]>, csrf: string): URLSearchParams {
  const body = new URLSearchParams({ _csrf: csrf });
  for (const [name, value] of Object.entries(fields))
    for (const item of ([] as string[]).concat(value)) body.append(name, item);
  return body;
}

/** The complete edit form of an offer, as the page would submit it, with `changes`. */
function editForm(changes: Record<string, string | string[]> = {}) {
  return {
    slug: `form-${++serial}`,
    name: "Almi Företagslån",
    summary: "Lån till företag som vill växa eller ställa om.",
    description: "Lånet finansierar maskiner, lager eller rörelsekapital.",
    formats: ["loan"],
    themes: ["financing"],
    costType: "loan",
    "contacts.0.name": "Karin Holmgren",
    "contacts.0.title": "Affärsrådgivare",
    "contacts.0.email": "karin@almi.example",
    ...changes,
  };
}

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  almi = await makeOrganisation(testDb.db, "Almi", "business-finance");
  oru = await makeOrganisation(testDb.db, "Orebro universitet");
  almiAdvisor = await createUserWithRole(testDb.db, almi, "advisor", { name: "Karin Almi" });
  oruAdvisor = await createUserWithRole(testDb.db, oru, "advisor", { name: "Olle Universitet" });
  oruNavigator = await createUserWithRole(testDb.db, oru, "navigator");
  almiSession = await signIn(app, testDb.db, almiAdvisor);
  oruSession = await signIn(app, testDb.db, oruAdvisor);
});
afterAll(async () => {
  await testDb?.close();
});

describe("another organisation's advisor", () => {
  it("cannot change, pause, close or verify the offer through the service; nothing is written", async () => {
    const offer = await createOffer(testDb.db, almiAdvisor, input(almi));
    const history = await listOfferHistory(testDb.db, almiAdvisor, offer.id);
    const attempts = [
      () => updateOffer(testDb.db, oruAdvisor, offer.id, { name: "Kapad" }),
      () => setOfferStatus(testDb.db, oruAdvisor, offer.id, "closed"),
      () => verifyOffer(testDb.db, oruAdvisor, offer.id),
      () => createOffer(testDb.db, oruAdvisor, input(almi)),
      () => listOfferHistory(testDb.db, oruAdvisor, offer.id),
    ];
    for (const attempt of attempts) expect((await rejection(attempt())).code).toBe("FORBIDDEN");
    expect(await getOffer(testDb.db, offer.id)).toEqual(offer);
    expect(await listOfferHistory(testDb.db, almiAdvisor, offer.id)).toEqual(history);
  });

  it("is refused on the pages (edit form, status, verify) and the offer stays as it was", async () => {
    const offer = await createOffer(testDb.db, almiAdvisor, input(almi));
    const headers = { cookie: oruSession.cookie, "content-type": "application/x-www-form-urlencoded" };
    const page = await app.request(`/admin/erbjudanden/${offer.id}`, {
      headers: { cookie: oruSession.cookie },
    });
    expect(page.status).toBe(403);
    const posts = [
      [`/admin/erbjudanden/${offer.id}`, editForm({ name: "Kapad via formulär" })],
      [`/admin/erbjudanden/${offer.id}/status`, { status: "closed" }],
      [`/admin/erbjudanden/${offer.id}/verifiera`, {}],
      ["/admin/erbjudanden", { ...editForm(), organisationId: almi }],
    ] as const;
    for (const [path, fields] of posts) {
      const response = await app.request(path, {
        method: "POST",
        headers,
        body: formBody(fields, oruSession.csrfToken),
      });
      expect([400, 403], path).toContain(response.status);
      if (path !== "/admin/erbjudanden") expect(response.status).toBe(403);
    }
    expect(await getOffer(testDb.db, offer.id)).toEqual(offer);
    expect((await listOfferHistory(testDb.db, almiAdvisor, offer.id)).map((h) => h.action)).toEqual([
      "create",
    ]);
  });

  it("is refused on the API with a session or a token (PATCH, verify, history)", async () => {
    const offer = await createOffer(testDb.db, almiAdvisor, input(almi));
    const { token } = await createApiToken(testDb.db, CLI_ACTOR, {
      organisationId: oru,
      name: "universitetets nyckel",
      role: "advisor",
    });
    const callers: Record<string, string>[] = [
      { authorization: `Bearer ${token}` },
      { cookie: oruSession.cookie, "x-csrf-token": oruSession.csrfToken },
    ];
    for (const credentials of callers) {
      const headers = { ...credentials, "content-type": "application/json" };
      const patch = await app.request(`/api/v1/offers/${offer.id}`, {
        method: "PATCH",
        headers,
        body: JSON.stringify({ name: "Kapad via API", status: "closed" }),
      });
      expect(patch.status).toBe(403);
      expect(((await patch.json()) as { error: { code: string } }).error.code).toBe("FORBIDDEN");
      const verify = await app.request(`/api/v1/offers/${offer.id}/verify`, { method: "POST", headers });
      expect(verify.status).toBe(403);
      const history = await app.request(`/api/v1/offers/${offer.id}/history`, { headers });
      expect(history.status).toBe(403);
    }
    // Creating for another organisation is refused too.
    const create = await app.request("/api/v1/offers", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(input(almi)),
    });
    expect(create.status).toBe(403);
    expect(await getOffer(testDb.db, offer.id)).toEqual(offer);
  });

  it("cannot change offers as a navigator of its own organisation either (read-only)", async () => {
    const offer = await createOffer(testDb.db, oruAdvisor, input(oru));
    expect((await rejection(updateOffer(testDb.db, oruNavigator, offer.id, { name: "Ändrad" }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await listOfferHistory(testDb.db, oruNavigator, offer.id)).length).toBe(1);
  });
});

describe("history", () => {
  it("records every change with who, when and each field's old and new value", async () => {
    const before = new Date(Date.now() - 1000);
    const offer = await createOffer(
      testDb.db,
      almiAdvisor,
      input(almi, { capacityTotal: 6, capacityRemaining: 6 }),
    );
    await updateOffer(testDb.db, almiAdvisor, offer.id, {
      capacityRemaining: 4,
      capacityNote: "Denna termin",
    });
    await updateOffer(testDb.db, almiAdvisor, offer.id, { capacityRemaining: 4 }); // no change: no entry
    await setOfferStatus(testDb.db, almiAdvisor, offer.id, "paused");
    await setOfferStatus(testDb.db, almiAdvisor, offer.id, "paused"); // no change: no entry
    await setOfferStatus(testDb.db, almiAdvisor, offer.id, "active");
    await setOfferStatus(testDb.db, almiAdvisor, offer.id, "closed");
    await verifyOffer(testDb.db, almiAdvisor, offer.id);

    const history = await listOfferHistory(testDb.db, almiAdvisor, offer.id);
    expect(history.map((h) => h.action)).toEqual([
      "verify",
      "close",
      "activate",
      "pause",
      "update",
      "create",
    ]);
    expect(history.every((h) => h.actorLabel === "Karin Almi" && h.actorUserId === almiAdvisor.userId)).toBe(
      true,
    );
    expect(history.every((h) => h.at >= before && h.at <= new Date())).toBe(true);
    const [verify, close, activate, pause, update, create] = history;
    expect(update!.changes).toEqual({
      capacityRemaining: { from: 6, to: 4 },
      capacityNote: { from: "", to: "Denna termin" },
    });
    expect(pause!.changes).toEqual({ status: { from: "active", to: "paused" } });
    expect(activate!.changes).toEqual({ status: { from: "paused", to: "active" } });
    expect(close!.changes).toEqual({ status: { from: "active", to: "closed" } });
    expect(Object.keys(verify!.changes).sort()).toEqual(["lastVerifiedAt"]);
    expect(create!.changes.name).toEqual({ from: null, to: "Almi Företagslån" });
    expect(create!.changes.contacts).toEqual({
      from: null,
      to: [{ name: "Karin Holmgren", title: "Affärsrådgivare", email: "karin@almi.example", phone: null }],
    });
    expect((await getOffer(testDb.db, offer.id)).status).toBe("closed");
  });

  it("shows a change made on the edit page in the history page, field by field", async () => {
    const offer = await createOffer(testDb.db, almiAdvisor, input(almi));
    const saved = await app.request(`/admin/erbjudanden/${offer.id}`, {
      method: "POST",
      headers: { cookie: almiSession.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: formBody(
        editForm({ slug: offer.slug, name: "Almi Företagslån Plus", "contacts.1.name": "Jonas Ekberg" }),
        almiSession.csrfToken,
      ),
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`/admin/erbjudanden/${offer.id}?klart=saved`);
    const after = await getOffer(testDb.db, offer.id);
    expect(after.name).toBe("Almi Företagslån Plus");
    expect(after.contacts.map((c) => c.name)).toEqual(["Karin Holmgren", "Jonas Ekberg"]);

    const page = await app.request(`/admin/erbjudanden/${offer.id}/historik`, {
      headers: { cookie: almiSession.cookie },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Ändrades");
    expect(html).toContain("Karin Almi");
    expect(html).toMatch(
      /<th scope="row">Namn<\/th><td>Almi Företagslån<\/td><td>Almi Företagslån Plus<\/td>/,
    );
    expect(html).toContain("Jonas Ekberg");

    const api = await app.request(`/api/v1/offers/${offer.id}/history`, {
      headers: { cookie: almiSession.cookie },
    });
    const { items } = (await api.json()) as { items: unknown[] };
    expect(items[0]).toMatchObject({
      action: "update",
      actorLabel: "Karin Almi",
      changes: { name: { from: "Almi Företagslån", to: "Almi Företagslån Plus" } },
    });
  });

  it("records API changes with the token as the actor and audits changed contact persons only", async () => {
    const offer = await createOffer(testDb.db, almiAdvisor, input(almi));
    const { token } = await createApiToken(testDb.db, CLI_ACTOR, {
      organisationId: almi,
      name: "almis crm",
      role: "advisor",
    });
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const audits = () =>
      testDb.db
        .selectFrom("audit_log")
        .select(["action", "actor_label"])
        .where("record_type", "=", "offer-contacts")
        .where("record_id", "=", offer.id)
        .execute();
    expect(await audits()).toEqual([{ action: "create", actor_label: almiAdvisor.email }]);

    const renamed = await app.request(`/api/v1/offers/${offer.id}`, {
      method: "PATCH",
      headers,
      body: JSON.stringify({ summary: "Lån för tillväxt och omställning i hela länet." }),
    });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { contacts: unknown[] }).contacts).toHaveLength(1);
    expect(await audits()).toHaveLength(1);

    const recontacted = await app.request(`/api/v1/offers/${offer.id}`, {
      method: "PATCH",
      headers,
      body: JSON.stringify({
        contacts: [{ name: "Jonas Ekberg", phone: "070-174 06 09" }],
        status: "paused",
      }),
    });
    expect(recontacted.status).toBe(200);
    expect(await recontacted.json()).toMatchObject({
      status: "paused",
      contacts: [{ name: "Jonas Ekberg", title: null, email: null, phone: "070-174 06 09" }],
    });
    expect(await audits()).toEqual([
      { action: "create", actor_label: almiAdvisor.email },
      { action: "update", actor_label: "token:almis crm" },
    ]);
    const history = await listOfferHistory(testDb.db, almiAdvisor, offer.id);
    expect(history.map((h) => [h.action, h.actorLabel])).toEqual([
      ["pause", "token:almis crm"],
      ["update", "token:almis crm"],
      ["update", "token:almis crm"],
      ["create", "Karin Almi"],
    ]);
    expect(Object.keys(history[1]!.changes)).toEqual(["contacts"]);
  });
});

describe("verification and the 180-day flag", () => {
  it("flags offers not verified for 180 days on the list and the edit page, until someone verifies", async () => {
    const [stale, fresh] = await createOffers(testDb.db, [
      input(almi, { name: "Gammalt erbjudande", lastVerifiedAt: new Date(Date.now() - 181 * DAY) }),
      input(almi, { name: "Färskt erbjudande", lastVerifiedAt: new Date(Date.now() - 179 * DAY) }),
    ]);
    expect(stale!.verificationOverdue).toBe(true);
    expect(fresh!.verificationOverdue).toBe(false);

    const list = await (
      await app.request("/admin/erbjudanden", { headers: { cookie: almiSession.cookie } })
    ).text();
    const row = (name: string) => list.slice(list.indexOf(name), list.indexOf("</tr>", list.indexOf(name)));
    expect(row("Gammalt erbjudande")).toContain("Behöver verifieras");
    expect(row("Färskt erbjudande")).not.toContain("Behöver verifieras");
    const edit = await app.request(`/admin/erbjudanden/${stale!.id}`, {
      headers: { cookie: almiSession.cookie },
    });
    expect(await edit.text()).toContain('id="offer-overdue"');

    const verified = await app.request(`/admin/erbjudanden/${stale!.id}/verifiera`, {
      method: "POST",
      headers: { cookie: almiSession.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: formBody({}, almiSession.csrfToken),
    });
    expect(verified.status).toBe(303);
    const after = await getOffer(testDb.db, stale!.id);
    expect(after).toMatchObject({ verificationOverdue: false, lastVerifiedBy: "Karin Almi" });
    expect(Date.now() - after.lastVerifiedAt!.getTime()).toBeLessThan(60_000);
    const [entry] = await listOfferHistory(testDb.db, almiAdvisor, stale!.id);
    expect(entry).toMatchObject({ action: "verify", actorLabel: "Karin Almi" });
    expect(entry!.changes.lastVerifiedBy).toEqual({ from: null, to: "Karin Almi" });
    const page = await app.request(`/admin/erbjudanden/${stale!.id}`, {
      headers: { cookie: almiSession.cookie },
    });
    expect(await page.text()).not.toContain('id="offer-overdue"');
  });

  it("verifies through the API for a token of the organisation", async () => {
    const [offer] = await createOffers(testDb.db, [input(almi, { lastVerifiedAt: null })]);
    expect(offer!.verificationOverdue).toBe(true);
    const { token } = await createApiToken(testDb.db, CLI_ACTOR, {
      organisationId: almi,
      name: "crm",
      role: "org-admin",
    });
    const response = await app.request(`/api/v1/offers/${offer!.id}/verify`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect((await response.json()) as object).toMatchObject({
      verificationOverdue: false,
      lastVerifiedBy: "token:crm",
    });
  });
});

describe("the staff forms", () => {
  it("create an offer without JavaScript, and keep the input with an error per field when it is wrong", async () => {
    const headers = { cookie: almiSession.cookie, "content-type": "application/x-www-form-urlencoded" };
    const wrong = await app.request("/admin/erbjudanden", {
      method: "POST",
      headers,
      body: formBody(
        {
          ...editForm({
            themes: [],
            capacityTotal: "sex",
            "contacts.1.name": "",
            "contacts.1.email": "inte-en-adress",
          }),
          organisationId: almi,
          name: "Exjobb hos oss",
        },
        almiSession.csrfToken,
      ),
    });
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain("ds-error-summary");
    expect(html).toContain('href="#offer-themes"');
    expect(html).toContain('href="#offer-capacityTotal"');
    expect(html).toContain('href="#offer-contacts-1-email"');
    expect(html).toContain('value="Exjobb hos oss"');
    expect(html).toContain('value="sex"');
    expect(html).toMatch(/name="_csrf" value="[^"]+"/);

    const ok = await app.request("/admin/erbjudanden", {
      method: "POST",
      headers,
      body: formBody(
        {
          ...editForm({ slug: "", capacityTotal: "6", capacityRemaining: "6" }),
          organisationId: almi,
          name: "Exjobb hos oss",
        },
        almiSession.csrfToken,
      ),
    });
    expect(ok.status).toBe(303);
    const id = ok.headers.get("location")!.match(/erbjudanden\/([0-9a-f-]{36})\?klart=created/)![1]!;
    expect(await getOffer(testDb.db, id)).toMatchObject({
      slug: "exjobb-hos-oss",
      capacityTotal: 6,
      lastVerifiedBy: "Karin Almi",
      verificationOverdue: false,
      contacts: [
        { name: "Karin Holmgren", title: "Affärsrådgivare", email: "karin@almi.example", phone: null },
      ],
    });
  });

  it("refuse a form without the CSRF field", async () => {
    const offer = await createOffer(testDb.db, almiAdvisor, input(almi));
    const response = await app.request(`/admin/erbjudanden/${offer.id}/status`, {
      method: "POST",
      headers: { cookie: almiSession.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ status: "closed" }),
    });
    expect(response.status).toBe(403);
    expect((await getOffer(testDb.db, offer.id)).status).toBe("active");
  });
});
