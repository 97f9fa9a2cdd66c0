import { describe, expect, it } from "vitest";
import { formErrors, offerInputFromForm, readOfferForm, slugFromName } from "./offers.form.ts";
import { isVerificationOverdue } from "./offers.mapping.ts";
import { offersMessages } from "./offers.messages.ts";

const t = offersMessages("sv");

describe("the offer form", () => {
  it("reads lists, numbers and contact rows, dropping empty rows", () => {
    const values = readOfferForm({
      name: "Exjobb på ORU",
      themes: ["academic-collaboration", "innovation"],
      formats: "thesis",
      capacityTotal: "6",
      amountMaxSek: "1 000 000",
      sniInclude: "c, 25 ;62",
      "contacts.0.name": "",
      "contacts.1.name": "Lina Ek",
      "contacts.1.email": "lina@oru.example",
    });
    const { input, unreadable, contactRows } = offerInputFromForm(values);
    expect(input).toMatchObject({
      slug: "exjobb-pa-oru",
      themes: ["academic-collaboration", "innovation"],
      formats: ["thesis"],
      capacityTotal: 6,
      amountMaxSek: 1_000_000,
      capacityRemaining: null,
      sniInclude: ["C", "25", "62"],
      nameEn: null,
      contacts: [{ name: "Lina Ek", title: null, email: "lina@oru.example", phone: null }],
    });
    expect(unreadable).toEqual([]);
    // Empty rows move up when the form comes back; the contact is then the form's first row.
    expect(values.contacts[0]!.name).toBe("Lina Ek");
    expect(contactRows).toEqual([0]);
    // Room for two more people without JavaScript.
    expect(values.contacts.length).toBe(3);
  });

  it("reports numbers it cannot read and points contact errors at the right form row", () => {
    const { unreadable, contactRows } = offerInputFromForm(
      // A row of blanks stays on the form but is no contact, so the input's first contact is form row 1.
      readOfferForm({ capacityTotal: "sex", "contacts.0.name": "  ", "contacts.1.email": "fel" }),
    );
    expect(unreadable).toEqual(["capacityTotal"]);
    const errors = formErrors(
      t,
      [
        { field: "contacts.0.name", message: "give the contact person's name" },
        { field: "themes", message: "give at least one need theme" },
      ],
      unreadable,
      contactRows,
    );
    expect(errors.map((e) => e.fieldId)).toEqual([
      "offer-capacityTotal",
      "offer-contacts-1-name",
      "offer-themes",
    ]);
    expect(errors[1]!.message).toBe(t("error.contactName"));
  });

  it("makes slugs from Swedish names", () => {
    expect(slugFromName("Almi Företagslån – Östra Mälardalen")).toBe("almi-foretagslan-ostra-malardalen");
  });
});

describe("the 180-day flag", () => {
  const now = new Date("2026-11-28T12:00:00Z");
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  it("flags never verified and older than 180 days, not 180 days or newer", () => {
    expect(isVerificationOverdue(null, now)).toBe(true);
    expect(isVerificationOverdue(daysAgo(181), now)).toBe(true);
    expect(isVerificationOverdue(daysAgo(180), now)).toBe(false);
    expect(isVerificationOverdue(daysAgo(1), now)).toBe(false);
  });
});
