import { defineMessages } from "#src/shared/messages.ts";

// Texts of the notification mails: the daily digest's frame and the note on how to change the mode.
export const notificationsMessages = defineMessages({
  sv: {
    "digest.subject.one": "Lots: 1 händelse i dag",
    "digest.subject.other": "Lots: {count} händelser i dag",
    "digest.intro.one": "Det här har hänt i Lots sedan förra sammanfattningen:",
    "digest.intro.other": "Det här är de {count} saker som har hänt i Lots sedan förra sammanfattningen:",
    "digest.note":
      "Du får en sammanfattning per dag. Vill du hellre få ett e-postmeddelande per händelse kan du ändra det under Mitt konto i Lots.",
    "immediate.note":
      "Du får ett e-postmeddelande per händelse. Vill du hellre få en sammanfattning per dag kan du ändra det under Mitt konto i Lots.",
  },
  en: {
    "digest.subject.one": "Lots: 1 update today",
    "digest.subject.other": "Lots: {count} updates today",
    "digest.intro.one": "This happened in Lots since the last summary:",
    "digest.intro.other": "These {count} things happened in Lots since the last summary:",
    "digest.note":
      "You get one summary a day. If you would rather have one e-mail per event, change it under My account in Lots.",
    "immediate.note":
      "You get one e-mail per event. If you would rather have one summary a day, change it under My account in Lots.",
  },
});
