import { defineMessages } from "#src/shared/messages.ts";

// Texts of the retention settings page (gallring).
export const retentionMessages = defineMessages({
  sv: {
    "page.title": "Gallring för {organisation}",
    "page.back": "Tillbaka till organisationen",
    "page.intro":
      "Här bestämmer ni hur länge {organisation} sparar uppgifter från företagen. Ett jobb går igenom uppgifterna en gång om dagen, på natten, och tar bort det som är äldre än den tid ni anger. Lämna ett fält tomt för att spara uppgifterna tills vidare.",
    "page.counts":
      "Antal behov per område, kommun, storlek och bransch finns kvar efter gallringen, så den anonyma statistiken ändras inte.",
    "page.saved": "Gallringstiderna är sparade.",
    "form.heading": "Gallringstider",
    "form.months": "månader",
    "form.needsMonths": "Behovens beskrivningar",
    "form.needsMonthsHint":
      "Efter så många månader från att behovet registrerades tas företagets egen beskrivning bort. Område, brådska, status, kommun, storlek och bransch finns kvar.",
    "form.responsesMonths": "Enkätsvarens fritext och personuppgifter",
    "form.responsesMonthsHint":
      "Efter så många månader från att svaret lämnades tas fritextsvar, kontaktuppgifter, samtyckessvar och företagets egna ord om behoven bort ur svaret. Svarsalternativen finns kvar.",
    "form.contactsMonths": "Kontaktpersoner",
    "form.contactsMonthsHint":
      "Kontaktpersoner vars uppgifter inte ändrats på så många månader, på företag som inte har svarat eller fått ett nytt behov under samma tid, raderas (som vid en begäran om radering). Har en annan organisation i nätverket uppgifter om samma företag raderas personen först när även den organisationens tid har gått ut. Samma tid gäller anmälningar till organisationens träffar, räknat från träffen.",
    "form.empty": "Tomt: sparas tills vidare",
    "form.submit": "Spara gallringstider",
    "errors.heading": "Rätta det här för att kunna spara",
    "runs.heading": "Senaste körningar",
    "runs.none": "Gallringen har inte körts än. Den körs en gång om dagen från klockan 03.",
    "runs.caption": "Vad gallringen tog bort för {organisation}",
    "runs.when": "Körd",
    "runs.trigger": "Hur",
    "runs.status": "Status",
    "runs.contacts": "Raderade kontaktpersoner",
    "runs.responses": "Rensade enkätsvar",
    "runs.needs": "Rensade behovsbeskrivningar",
    "runs.registrations": "Avidentifierade anmälningar till träffar",
    "runs.daily": "Dagligt jobb",
    "runs.manual": "Manuellt (lots retention run)",
    "status.running": "Pågår",
    "status.done": "Klar",
    "status.failed": "Misslyckades",
    "runs.audit": "Varje borttagning finns också i loggen, med aktören ”retention job”.",
    "runs.auditLink": "Se loggen för organisationen",
  },
  en: {
    "page.title": "Data retention for {organisation}",
    "page.back": "Back to the organisation",
    "page.intro":
      "Decide here how long {organisation} keeps data from the companies. A job goes through the data once a day, at night, and removes what is older than the time you set. Leave a field empty to keep the data until further notice.",
    "page.counts":
      "Counts of needs per theme, municipality, size and industry remain after removal, so the anonymous statistics do not change.",
    "page.saved": "The retention periods are saved.",
    "form.heading": "Retention periods",
    "form.months": "months",
    "form.needsMonths": "Descriptions of needs",
    "form.needsMonthsHint":
      "After this many months from when the need was recorded, the company's own description is removed. Theme, urgency, status, municipality, size and industry remain.",
    "form.responsesMonths": "Free text and personal data in survey answers",
    "form.responsesMonthsHint":
      "After this many months from when the answer was given, free-text answers, contact details, consent answers and the company's own words about its needs are removed from the answer. The chosen options remain.",
    "form.contactsMonths": "Contact persons",
    "form.contactsMonthsHint":
      "Contact persons whose details have not changed for this many months, at companies that have neither answered nor had a new need in that time, are erased (as on a request for erasure). If another organisation in the network holds data about the same company, the person is erased only once that organisation's period has passed too. The same period applies to registrations for the organisation's meetings, counted from the meeting.",
    "form.empty": "Empty: kept until further notice",
    "form.submit": "Save retention periods",
    "errors.heading": "Correct this to save",
    "runs.heading": "Latest runs",
    "runs.none": "Retention has not run yet. It runs once a day from 03:00.",
    "runs.caption": "What retention removed for {organisation}",
    "runs.when": "Run",
    "runs.trigger": "How",
    "runs.status": "Status",
    "runs.contacts": "Contact persons erased",
    "runs.responses": "Survey answers scrubbed",
    "runs.needs": "Need descriptions cleared",
    "runs.registrations": "Meeting registrations anonymised",
    "runs.daily": "Daily job",
    "runs.manual": "Manually (lots retention run)",
    "status.running": "Running",
    "status.done": "Done",
    "status.failed": "Failed",
    "runs.audit": "Every removal is also in the audit log, with the actor “retention job”.",
    "runs.auditLink": "See the organisation's audit log",
  },
});

export type RetentionMessages = ReturnType<typeof retentionMessages>;
