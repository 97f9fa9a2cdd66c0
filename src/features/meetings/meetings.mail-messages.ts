import { defineMessages } from "#src/shared/messages.ts";

// Texts of the mails to people who register for a meeting, in the registrant's language. Plain text: the
// mail template escapes it for the HTML part. {when} is a whole time text ("torsdag 3 december 2026 kl.
// 09.00–10.30"), built by meetingTimeText.
/** Texts of the meeting mails, sv and en: `meetingMailMessages(locale)(key, params)`. */
export const meetingMailMessages = defineMessages({
  sv: {
    greeting: "Hej {name}!",
    when: "Tid: {when}",
    place: "Plats: {place}",
    online: "Digitalt: {url}",
    placeLater: "Plats och länk meddelas senare.",
    invitationAttached:
      "En kalenderinbjudan finns som bilaga. Öppna den för att lägga in träffen i din kalender.",
    cancelLink: "Kan du inte komma? Avboka här, så kan någon annan få platsen:\n{url}",
    meetingPage: "Om träffen",
    "ics.online": "Delta digitalt: {url}",
    "ics.page": "Mer om träffen: {url}",
    "confirmation.subject": "Du är anmäld: {title}",
    "confirmation.intro": "Du är anmäld till {title}. Välkommen!",
    "waiting.subject": "Du står på väntelistan: {title}",
    "waiting.intro":
      "Träffen {title} är full just nu, så du står på väntelistan. Blir en plats ledig får du ett mejl, och då är du anmäld. Du behöver inte göra något.",
    "waiting.cancelLink": "Vill du inte längre stå på väntelistan? Avboka här:\n{url}",
    "promoted.subject": "En plats blev ledig – du är anmäld: {title}",
    "promoted.intro": "En plats blev ledig på {title}, så nu är du anmäld från väntelistan. Välkommen!",
    "updated.subject": "Ändrad tid eller plats: {title}",
    "updated.intro": "Träffen {title} som du är anmäld till har ändrats.",
    "updated.changes": "Det här är nytt:\n{changes}",
    "updated.invitationAttached":
      "Den uppdaterade kalenderinbjudan finns som bilaga. Öppna den så ändras träffen i din kalender.",
    "cancelled.subject": "Inställd: {title}",
    "cancelled.intro": "Träffen {title} är tyvärr inställd. Vi ber om ursäkt för besväret.",
    "cancelled.was": "Den skulle ha varit {when}.",
    "cancelled.calendar": "Bilagan tar bort träffen från din kalender om du öppnar den.",
    "registrationCancelled.subject": "Avbokad: {title}",
    "registrationCancelled.intro": "Du har avbokat dig från {title}. Tack för att du sa till!",
    "registrationCancelled.calendar":
      "Bilagan tar bort träffen från din kalender om du öppnar den. Ändrar du dig kan du anmäla dig igen på träffens sida, om det finns plats.",
    "reminder.subject": "Påminnelse: {title} i morgon",
    "reminder.intro": "Välkommen till {title} i morgon!",
    "followUp.subject": "Tack för att du kom till {title}",
    "followUp.intro":
      "Tack för att du kom till {title}. Berätta gärna vad ditt företag behöver, så kan {network} hjälpa er vidare till rätt stöd. Det tar några minuter.",
    "followUp.action": "Berätta om era behov",
  },
  en: {
    greeting: "Hello {name}!",
    when: "Time: {when}",
    place: "Place: {place}",
    online: "Online: {url}",
    placeLater: "The place and link will be announced later.",
    invitationAttached: "A calendar invitation is attached. Open it to add the meeting to your calendar.",
    cancelLink: "Cannot come? Cancel here so that someone else can have the place:\n{url}",
    meetingPage: "About the meeting",
    "ics.online": "Join online: {url}",
    "ics.page": "More about the meeting: {url}",
    "confirmation.subject": "You are registered: {title}",
    "confirmation.intro": "You are registered for {title}. Welcome!",
    "waiting.subject": "You are on the waiting list: {title}",
    "waiting.intro":
      "{title} is full at the moment, so you are on the waiting list. If a place becomes free you will get an e-mail, and you will then be registered. You do not need to do anything.",
    "waiting.cancelLink": "No longer want to be on the waiting list? Cancel here:\n{url}",
    "promoted.subject": "A place became free – you are registered: {title}",
    "promoted.intro":
      "A place became free at {title}, so you are now registered from the waiting list. Welcome!",
    "updated.subject": "New time or place: {title}",
    "updated.intro": "{title}, which you are registered for, has changed.",
    "updated.changes": "What is new:\n{changes}",
    "updated.invitationAttached":
      "The updated calendar invitation is attached. Open it to update the meeting in your calendar.",
    "cancelled.subject": "Cancelled: {title}",
    "cancelled.intro": "Unfortunately {title} has been cancelled. We are sorry for the inconvenience.",
    "cancelled.was": "It was to be held {when}.",
    "cancelled.calendar": "Open the attachment to remove the meeting from your calendar.",
    "registrationCancelled.subject": "Cancelled: {title}",
    "registrationCancelled.intro":
      "You have cancelled your registration for {title}. Thank you for letting us know!",
    "registrationCancelled.calendar":
      "Open the attachment to remove the meeting from your calendar. If you change your mind, you can register again on the meeting's page if there are places left.",
    "reminder.subject": "Reminder: {title} tomorrow",
    "reminder.intro": "Welcome to {title} tomorrow!",
    "followUp.subject": "Thank you for coming to {title}",
    "followUp.intro":
      "Thank you for coming to {title}. Please tell us what your business needs, so that {network} can help you find the right support. It takes a few minutes.",
    "followUp.action": "Tell us your needs",
  },
});
