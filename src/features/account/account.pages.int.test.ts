import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "#src/features/auth/sessions.service.ts";
import { getNotificationMode } from "#src/features/notifications/notifications.service.ts";
import type { UserActor } from "#src/shared/auth/actor.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation, makeUser } from "#tests/support/users-fixtures.ts";

// The notifications form on /konto over HTTP, through the real app: a radio group in a fieldset with a
// legend, saved by POST /konto/aviseringar with the CSRF token, then 303 back with a confirmation.

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let me: UserActor;

async function signedIn(actor: UserActor) {
  const { sessionId, csrfToken } = await createSession(testDb.db, { userId: actor.userId });
  return { cookie: `lots_session=${sessionId}`, csrfToken };
}

async function saveMode(who: { cookie: string; csrfToken?: string }, mode: string) {
  const body = new URLSearchParams({ mode, ...(who.csrfToken ? { _csrf: who.csrfToken } : {}) });
  return app.request("/konto/aviseringar", {
    method: "POST",
    headers: { cookie: who.cookie, "content-type": "application/x-www-form-urlencoded" },
    body,
  });
}

const checked = (html: string, value: string) =>
  new RegExp(`type="radio"[^>]*value="${value}"[^>]*checked`).test(html);

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  const org = await makeOrganisation(testDb.db, "Kontoorganisationen");
  me = await makeUser(testDb.db, "avisering@konto.example", [[org, "navigator"]]);
});
afterAll(async () => {
  await testDb?.close();
});

describe("/konto notifications form", () => {
  it("shows the choice as a radio group with a legend, immediate until I choose", async () => {
    const who = await signedIn(me);
    const page = await app.request("/konto", { headers: { cookie: who.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(
      '<h2 class="ds-heading" data-size="sm" id="account-notifications-heading">Aviseringar</h2>',
    );
    expect(html).toContain('action="/konto/aviseringar"');
    expect(html).toMatch(/<fieldset[^>]*><legend class="ds-label">Hur vill du få e-post/);
    expect(html).toContain(
      '<label class="ds-label" data-weight="regular" for="account-notifications">Direkt, ett e-postmeddelande per händelse</label>',
    );
    expect(html).toContain('for="account-notifications-daily">En sammanfattning per dag</label>');
    expect(checked(html, "immediate")).toBe(true);
    expect(checked(html, "daily")).toBe(false);
  });

  it("saves the mode, redirects with a confirmation and shows the saved choice", async () => {
    const who = await signedIn(me);
    const saved = await saveMode(who, "daily");
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe("/konto?klart=notifications");
    expect(await getNotificationMode(testDb.db, me.userId)).toBe("daily");

    const page = await app.request("/konto?klart=notifications", { headers: { cookie: who.cookie } });
    const html = await page.text();
    expect(html).toContain("Ditt val av aviseringar är sparat.");
    expect(checked(html, "daily")).toBe(true);
    expect(checked(html, "immediate")).toBe(false);

    const audit = await testDb.db
      .selectFrom("audit_log")
      .select(["action", "details"])
      .where("record_type", "=", "notification-preference")
      .where("record_id", "=", me.userId)
      .execute();
    expect(audit).toEqual([{ action: "update", details: { from: "immediate", to: "daily" } }]);
  });

  it("in English too", async () => {
    const who = await signedIn(me);
    const page = await app.request("/konto", { headers: { cookie: `${who.cookie}; lots_lang=en` } });
    const html = await page.text();
    expect(html).toContain(">Notifications</h2>");
    expect(html).toContain("Immediately, one e-mail per event");
    expect(html).toContain("One summary a day");
  });

  it("refuses an unknown mode with a message tied to the group, a missing CSRF token, and anonymous visitors", async () => {
    const who = await signedIn(me);
    const wrong = await saveMode(who, "weekly");
    expect(wrong.status).toBe(400);
    const html = await wrong.text();
    expect(html).toContain('href="#account-notifications">Välj direkt eller en sammanfattning per dag.</a>');
    expect(html).toMatch(
      /<fieldset[^>]*aria-invalid="true"[^>]*aria-describedby="account-notifications-hint account-notifications-error"/,
    );
    expect(await getNotificationMode(testDb.db, me.userId)).toBe("daily");

    expect((await saveMode({ cookie: who.cookie }, "immediate")).status).toBe(403);
    const anonymous = await saveMode({ cookie: "" }, "immediate");
    expect([303, 403]).toContain(anonymous.status);
    expect(await getNotificationMode(testDb.db, me.userId)).toBe("daily");
  });
});
