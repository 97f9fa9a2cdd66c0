import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSmtpServer, type TestSmtpServer } from "#src/features/mail/mail.test-smtp.ts";
import { createSmtpTransport } from "#src/features/mail/mail.transport.ts";
import { confirmationMail, meetingCancelledMail } from "#src/features/meetings/meetings.mails.ts";
import { readIcs } from "#tests/support/meetings-fixtures.ts";

// Issue 9, must-show 1 over the wire: a meeting invitation sent through the real SMTP transport to a real SMTP
// server (smtp-server, parsed by mailparser) carries the calendar as a `text/calendar; method=…` part, which
// Outlook needs to offer accept/decline and to apply updates and cancellations, and the parsed calendar opens
// at the right local time.

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
afterAll(async () => {
  await smtp?.close();
});

const context = {
  locale: "sv" as const,
  publicUrl: "https://lots.test",
  networkName: "Testnätverket",
  organizer: { name: "Nora kommun", email: "no-reply@lots.test" },
  meeting: {
    id: "6f1c2a8e-54a4-4c2e-9a77-3d8f2b1c0e11",
    slug: "nora-industri-2031-01-16",
    title: "Informationsträff för industrin i Nora",
    description: "Stöd för företagen i Nora.",
    startsAt: new Date("2031-01-16T08:00:00Z"),
    durationMinutes: 90,
    place: "Nora stadshus",
    onlineUrl: null,
    icsSequence: 0,
    status: "published",
  },
  registration: { personName: "Anna Öberg", email: "anna@traff.test", cancelToken: "x".repeat(43) },
};

async function send(mail: ReturnType<typeof confirmationMail>, id: string) {
  const transport = createSmtpTransport(smtp.url, "Lots <no-reply@lots.test>");
  await transport.send({
    id,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? null,
    attachments: mail.attachments ?? [],
  } as Parameters<typeof transport.send>[0]);
  await transport.close?.();
  return smtp.messages.at(-1)!;
}

describe("meeting invitations over SMTP", () => {
  it("sends the invitation as text/calendar with METHOD:REQUEST, then a cancellation with METHOD:CANCEL", async () => {
    const request = await send(confirmationMail(context), "7a3c2d10-0000-4000-8000-000000000001");
    const calendarPart = request.attachments.find((a) => a.contentType.startsWith("text/calendar"));
    expect(calendarPart, "a text/calendar part").toBeDefined();
    expect(String(calendarPart!.contentType)).toBe("text/calendar");
    expect(JSON.stringify(calendarPart!.headers.get("content-type"))).toMatch(/method"?:?\s*"?REQUEST/i);
    const invite = readIcs(calendarPart!.content.toString("utf8"));
    expect(invite.method).toBe("REQUEST");
    expect(invite.localStart).toBe("2031-01-16T09:00:00");
    expect(invite.zone).toBe("Europe/Stockholm");

    const cancelled = await send(
      meetingCancelledMail({
        ...context,
        meeting: { ...context.meeting, icsSequence: 1, status: "cancelled" },
      }),
      "7a3c2d10-0000-4000-8000-000000000002",
    );
    const cancelPart = cancelled.attachments.find((a) => a.contentType.startsWith("text/calendar"));
    const cancel = readIcs(cancelPart!.content.toString("utf8"));
    expect(cancel.method).toBe("CANCEL");
    expect(cancel.uid).toBe(invite.uid);
    expect(cancel.sequence).toBe(1);
  });
});
