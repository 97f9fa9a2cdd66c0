import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { OutgoingMail } from "#src/features/mail/mail.service.ts";
import type { Locale } from "#src/shared/i18n.ts";
import {
  confirmationMail,
  followUpSurveyMail,
  type MeetingMailContext,
  meetingCancelledMail,
  meetingTimeText,
  meetingUid,
  meetingUpdatedMail,
  promotedMail,
  registrationCancelledMail,
  reminderMail,
  waitingListMail,
} from "./meetings.mails.ts";

const MEETING_ID = "5f0c7f1e-8d0a-4b8e-9a44-2f1d1c1b1a10";

function context(locale: Locale, overrides: Partial<MeetingMailContext["meeting"]> = {}): MeetingMailContext {
  return {
    locale,
    publicUrl: "http://localhost:3000",
    networkName: "Lots",
    organizer: { name: "Lots", email: "noreply@lots.example" },
    meeting: {
      id: MEETING_ID,
      slug: "nora-industri-2026",
      title: "Informationsträff i Nora",
      description: "Stöd för tillverkande företag.",
      startsAt: new Date("2026-12-03T08:00:00Z"),
      durationMinutes: 90,
      place: "Nora stadshus",
      onlineUrl: "https://meet.example/nora",
      icsSequence: 0,
      status: "published",
      ...overrides,
    },
    registration: { personName: "Anna Öberg", email: "anna@example.se", cancelToken: "tok-123" },
  };
}

const CANCEL_URL = "http://localhost:3000/traffar/avboka/tok-123";
const WHEN = {
  sv: "torsdag 3 december 2026 kl. 09.00–10.30",
  en: "Thursday 3 December 2026, 09:00–10:30 (Swedish time)",
};

function ics(mail: OutgoingMail) {
  const attachments = mail.attachments ?? [];
  expect(attachments).toHaveLength(1);
  const [attachment] = attachments;
  if (!attachment) throw new Error("no attachment");
  const calendar = new ICAL.Component(ICAL.parse(attachment.content));
  const vevent = calendar.getFirstSubcomponent("vevent");
  if (!vevent) throw new Error("no VEVENT");
  return { attachment, calendar, event: new ICAL.Event(vevent) };
}

function valid(mail: OutgoingMail): OutgoingMail {
  expect(OutgoingMail.safeParse(mail).success).toBe(true);
  expect(mail.to).toBe("anna@example.se");
  return mail;
}

describe("meetingTimeText", () => {
  it("writes Swedish and English conventions in Stockholm time, winter and summer", () => {
    const winter = new Date("2026-12-03T08:00:00Z");
    expect(meetingTimeText("sv", winter, 90)).toBe(WHEN.sv);
    expect(meetingTimeText("en", winter, 90)).toBe(WHEN.en);
    const summer = new Date("2027-06-10T07:00:00Z");
    expect(meetingTimeText("sv", summer, 60)).toBe("torsdag 10 juni 2027 kl. 09.00–10.00");
    expect(meetingTimeText("en", summer, 60)).toBe("Thursday 10 June 2027, 09:00–10:00 (Swedish time)");
  });

  it("names both days when a meeting passes midnight", () => {
    const late = new Date("2026-12-03T21:00:00Z");
    expect(meetingTimeText("sv", late, 180)).toBe(
      "torsdag 3 december 2026 kl. 22.00 – fredag 4 december 2026 kl. 01.00",
    );
  });
});

describe("meetingUid", () => {
  it("is the meeting id at the host of the public address", () => {
    expect(meetingUid(MEETING_ID, "https://lots.example.se")).toBe(`meeting-${MEETING_ID}@lots.example.se`);
    expect(meetingUid(MEETING_ID, "http://localhost:3000")).toBe(`meeting-${MEETING_ID}@localhost`);
  });
});

describe.each(["sv", "en"] as const)("meeting mails in %s", (locale) => {
  const sv = locale === "sv";

  it("confirmationMail: subject, time, place, link, cancel link and invite.ics (REQUEST)", () => {
    const mail = valid(confirmationMail(context(locale)));
    expect(mail.subject).toBe(
      sv ? "Du är anmäld: Informationsträff i Nora" : "You are registered: Informationsträff i Nora",
    );
    expect(mail.text).toContain(sv ? "Hej Anna Öberg!" : "Hello Anna Öberg!");
    expect(mail.text).toContain(WHEN[locale]);
    expect(mail.text).toContain("Nora stadshus");
    expect(mail.text).toContain("https://meet.example/nora");
    expect(mail.text).toContain(CANCEL_URL);
    expect(mail.html).toContain(CANCEL_URL);
    expect(mail.text).toContain("http://localhost:3000/traffar/nora-industri-2026");
    const { attachment, calendar, event } = ics(mail);
    expect(attachment.filename).toBe("invite.ics");
    expect(attachment.contentType).toBe("text/calendar; charset=utf-8; method=REQUEST");
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(event.uid).toBe(`meeting-${MEETING_ID}@localhost`);
    expect(event.location).toBe("Nora stadshus");
    expect(event.description).toContain("https://meet.example/nora");
    expect(event.description).not.toContain("tok-123");
  });

  it("confirmationMail without a token has no cancel link; without a place the link is the location", () => {
    const ctx = context(locale, { place: null });
    ctx.registration = { personName: "Anna Öberg", email: "anna@example.se" };
    const mail = valid(confirmationMail(ctx));
    expect(mail.text).not.toContain("/traffar/avboka/");
    expect(ics(mail).event.location).toBe("https://meet.example/nora");
  });

  it("waitingListMail: on the waiting list, no invitation, cancel link", () => {
    const mail = valid(waitingListMail(context(locale)));
    expect(mail.subject).toBe(
      sv
        ? "Du står på väntelistan: Informationsträff i Nora"
        : "You are on the waiting list: Informationsträff i Nora",
    );
    expect(mail.text).toContain(WHEN[locale]);
    expect(mail.text).toContain(CANCEL_URL);
    expect(mail.text).not.toContain("https://meet.example/nora");
    expect(mail.attachments).toEqual([]);
  });

  it("promotedMail: registered from the waiting list, invite.ics (REQUEST)", () => {
    const mail = valid(promotedMail(context(locale)));
    expect(mail.subject).toContain(sv ? "du är anmäld" : "you are registered");
    expect(mail.text).toContain(WHEN[locale]);
    expect(mail.text).toContain(CANCEL_URL);
    const { attachment, calendar } = ics(mail);
    expect(attachment.filename).toBe("invite.ics");
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
  });

  it("meetingUpdatedMail: the changes, the new time, same UID and the raised SEQUENCE", () => {
    const moved = context(locale, { startsAt: new Date("2026-12-04T12:00:00Z"), icsSequence: 3 });
    const change = sv ? "Ny tid: fredag 4 december kl. 13.00" : "New time: Friday 4 December, 13:00";
    const mail = valid(meetingUpdatedMail(moved, [change]));
    expect(mail.subject).toBe(
      sv ? "Ändrad tid eller plats: Informationsträff i Nora" : "New time or place: Informationsträff i Nora",
    );
    expect(mail.text).toContain(`– ${change}`);
    expect(mail.text).toContain(
      sv ? "fredag 4 december 2026 kl. 13.00–14.30" : "Friday 4 December 2026, 13:00–14:30",
    );
    expect(mail.text).toContain(CANCEL_URL);
    const { attachment, calendar, event } = ics(mail);
    expect(attachment.contentType).toBe("text/calendar; charset=utf-8; method=REQUEST");
    expect(calendar.getFirstPropertyValue("method")).toBe("REQUEST");
    expect(event.uid).toBe(ics(confirmationMail(context(locale))).event.uid);
    expect(event.sequence).toBe(3);
  });

  it("meetingCancelledMail: cancelled, cancel.ics with METHOD:CANCEL and STATUS:CANCELLED", () => {
    const mail = valid(meetingCancelledMail(context(locale, { icsSequence: 4, status: "cancelled" })));
    expect(mail.subject).toBe(
      sv ? "Inställd: Informationsträff i Nora" : "Cancelled: Informationsträff i Nora",
    );
    expect(mail.text).toContain(WHEN[locale]);
    expect(mail.text).not.toContain("/traffar/avboka/");
    const { attachment, calendar, event } = ics(mail);
    expect(attachment.filename).toBe("cancel.ics");
    expect(attachment.contentType).toBe("text/calendar; charset=utf-8; method=CANCEL");
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(event.component.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(event.uid).toBe(`meeting-${MEETING_ID}@localhost`);
    expect(event.sequence).toBe(4);
  });

  it("registrationCancelledMail: a receipt and cancel.ics (METHOD:CANCEL)", () => {
    const mail = valid(registrationCancelledMail(context(locale)));
    expect(mail.subject).toBe(
      sv ? "Avbokad: Informationsträff i Nora" : "Cancelled: Informationsträff i Nora",
    );
    expect(mail.text).toContain(WHEN[locale]);
    const { attachment, calendar } = ics(mail);
    expect(attachment.filename).toBe("cancel.ics");
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
  });

  it("reminderMail: tomorrow, time, place and link, cancel link when the token is known", () => {
    const mail = valid(reminderMail(context(locale)));
    expect(mail.subject).toBe(
      sv ? "Påminnelse: Informationsträff i Nora i morgon" : "Reminder: Informationsträff i Nora tomorrow",
    );
    expect(mail.text).toContain(WHEN[locale]);
    expect(mail.text).toContain("Nora stadshus");
    expect(mail.text).toContain("https://meet.example/nora");
    expect(mail.text).toContain(CANCEL_URL);
    expect(mail.attachments).toEqual([]);
    const withoutToken = context(locale);
    withoutToken.registration = { personName: "Anna Öberg", email: "anna@example.se" };
    expect(reminderMail(withoutToken).text).not.toContain("/traffar/avboka/");
  });

  it("followUpSurveyMail: thanks and the survey button", () => {
    const surveyUrl = "http://localhost:3000/behov/nora-2026?traff=x";
    const mail = valid(followUpSurveyMail(context(locale), surveyUrl));
    expect(mail.subject).toBe(
      sv
        ? "Tack för att du kom till Informationsträff i Nora"
        : "Thank you for coming to Informationsträff i Nora",
    );
    expect(mail.text).toContain(`${sv ? "Berätta om era behov" : "Tell us your needs"}:\n${surveyUrl}`);
    expect(mail.html).toContain(`href="${surveyUrl.replace("&", "&amp;")}"`);
    expect(mail.attachments).toEqual([]);
  });

  it("escapes user text in the HTML part of every mail", () => {
    const evil = context(locale, {
      title: '<script>alert("x")</script> & <b>fet</b>',
      place: "<img src=x onerror=alert(1)>",
    });
    evil.registration.personName = "<i>Anna</i>";
    const mails = [
      confirmationMail(evil),
      waitingListMail(evil),
      promotedMail(evil),
      meetingUpdatedMail(evil, ["<u>ny</u>"]),
      meetingCancelledMail(evil),
      registrationCancelledMail(evil),
      reminderMail(evil),
      followUpSurveyMail(evil, "http://localhost:3000/behov/x"),
    ];
    for (const mail of mails) {
      expect(mail.html).not.toContain("<script>");
      expect(mail.html).not.toContain("<b>fet</b>");
      expect(mail.html).not.toContain("<i>Anna</i>");
      expect(mail.html).not.toContain("<img src=x");
      expect(mail.html).not.toContain("<u>ny</u>");
      expect(mail.html).toContain("&lt;script&gt;");
      expect(mail.text).toContain('<script>alert("x")</script>');
    }
    expect(ics(confirmationMail(evil)).event.summary).toBe('<script>alert("x")</script> & <b>fet</b>');
  });
});
