import { renderMail } from "#src/features/mail/mail.templates.ts";

// The pulse's mails, through the mail feature's template. The company's language is not known: Swedish,
// with a short English paragraph.

export type PulseMailInput = {
  to: string;
  contactName: string;
  companyName: string;
  networkName: string;
  campaignName: string;
  /** The public form of this period: `${publicUrl}/behov/${slug}`. */
  campaignUrl: string;
  closesAt: Date;
};

function closing(date: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", dateStyle: "long" }).format(
    // The period closes at midnight: the last day to answer is the day before.
    new Date(date.getTime() - 1),
  );
}

/** The invitation when a period starts: the period's form and a new private link for the company. */
export function pulseInvitationMail(input: PulseMailInput & { privateLinkUrl: string }) {
  const last = closing(input.closesAt);
  return {
    to: input.to,
    subject: `${input.campaignName}: några snabba frågor från ${input.networkName}`,
    ...renderMail({
      locale: "sv",
      greeting: `Hej ${input.contactName}!`,
      paragraphs: [
        `Ni svarade på pulsen förra perioden. Nu är det dags igen: samma korta frågor, så att ${input.networkName} ser hur läget för ${input.companyName} förändras. Svara senast ${last}.`,
        `Svara här: ${input.campaignUrl}`,
        "Med knappen nedan öppnar ni företagets egen sida, där ni ser era behov och ert samtycke och kan ändra dem. Länken är personlig och gäller i 90 dagar: dela den inte.",
        "Vill ni inte få fler utskick? Ta tillbaka samtycket till kontakt på företagets sida, så slutar vi skicka.",
        `In English: it is time for this period's pulse from ${input.networkName}. Answer at ${input.campaignUrl} by ${last}. The button opens your company's own page (a personal link, valid for 90 days); withdraw your consent to contact there to stop these e-mails.`,
      ],
      action: { label: "Öppna företagets sida", url: input.privateLinkUrl },
    }),
  };
}

/** The reminder some days before a period closes, to companies that have not answered it. */
export function pulseReminderMail(input: PulseMailInput) {
  const last = closing(input.closesAt);
  return {
    to: input.to,
    subject: `Påminnelse: ${input.campaignName} stänger ${last}`,
    ...renderMail({
      locale: "sv",
      greeting: `Hej ${input.contactName}!`,
      paragraphs: [
        `Vi har inte fått svar från ${input.companyName} på pulsen den här perioden. Den tar ett par minuter och stänger ${last}.`,
        "Vill ni inte få fler utskick? Ta tillbaka samtycket till kontakt via länken till företagets sida i inbjudan.",
        `In English: a reminder that this period's pulse from ${input.networkName} closes on ${last}. It takes a couple of minutes.`,
      ],
      action: { label: "Svara på pulsen", url: input.campaignUrl },
    }),
  };
}
