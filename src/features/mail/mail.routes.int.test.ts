import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { mailRoutes } from "./mail.routes.tsx";
import { enqueueMail } from "./mail.service.ts";

let testDb: TestDb;
let mailId: string;

/** The app as configured by `env`, with the outbox routes mounted (app.ts mounts them the same way). */
function appWith(env: Record<string, string> = {}) {
  const app = createTestApp(testDb, env);
  app.route("/", mailRoutes());
  return app;
}

beforeAll(async () => {
  testDb = await createTestDb();
  mailId = await enqueueMail(testDb.db, {
    to: "anna@example.se",
    subject: "Inbjudan <i>till</i> Lots",
    text: "Hej <b>Anna</b>!\nVälj lösenord: https://lots.example/inbjudan/abc123.\nTack.",
    html: '<p onclick="x()">Hej</p><script>alert(1)</script>',
    attachments: [{ filename: "traff.ics", contentType: "text/calendar", content: "BEGIN:VCALENDAR<x>" }],
  });
  await enqueueMail(testDb.db, { to: "bo@example.se", subject: "Andra mejlet", text: "Bara text" });
});
afterAll(async () => {
  await testDb?.close();
});

describe("/dev/mail in test (no SMTP)", () => {
  const app = () => appWith();

  it("lists the outbox, newest first, with links to each mail and escaped subjects", async () => {
    const response = await app().request("/dev/mail");
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain("Utkorg (utveckling)");
    expect(body).toContain("anna@example.se");
    expect(body).toContain(`href="/dev/mail/${mailId}"`);
    expect(body).toContain("Inbjudan &lt;i&gt;till&lt;/i&gt; Lots");
    expect(body).not.toContain("<i>till</i>");
    expect(body.indexOf("Andra mejlet")).toBeLessThan(body.indexOf("Inbjudan"));
    expect(body).not.toContain("Bara text");
  });

  it("shows one mail: text with clickable links, HTML and attachments as escaped source", async () => {
    const response = await app().request(`/dev/mail/${mailId}`);
    expect(response.status).toBe(200);
    const body = await response.text();
    expect(body).toContain('<a class="ds-link" href="https://lots.example/inbjudan/abc123">');
    expect(body).toContain("Hej &lt;b&gt;Anna&lt;/b&gt;!");
    expect(body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(body).not.toContain("<script>alert(1)");
    expect(body).not.toContain('<p onclick="x()">');
    expect(body).toContain("traff.ics");
    expect(body).toContain("BEGIN:VCALENDAR&lt;x&gt;");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
  });

  it("answers 404 for an unknown or malformed id", async () => {
    expect((await app().request("/dev/mail/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await app().request("/dev/mail/not-a-uuid")).status).toBe(404);
  });

  it("also works in development", async () => {
    expect((await appWith({ NODE_ENV: "development" }).request("/dev/mail")).status).toBe(200);
  });
});

describe("/dev/mail elsewhere", () => {
  it("does not exist in production", async () => {
    const app = appWith({ NODE_ENV: "production", PUBLIC_URL: "https://lots.example" });
    for (const path of ["/dev/mail", "/dev/mail/", `/dev/mail/${mailId}`]) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      const body = await response.text();
      expect(body).not.toContain("anna@example.se");
      expect(body).not.toContain("Inbjudan");
    }
  });

  it("does not exist when SMTP is configured, even in development", async () => {
    const app = appWith({ NODE_ENV: "development", SMTP_URL: "smtp://127.0.0.1:2525" });
    expect((await app.request("/dev/mail")).status).toBe(404);
    expect((await app.request(`/dev/mail/${mailId}`)).status).toBe(404);
  });
});
