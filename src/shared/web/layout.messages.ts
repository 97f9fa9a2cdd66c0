import { defineMessages } from "../messages.ts";

// The page shell's own texts beyond the shared catalogue in src/shared/messages.ts.
export const layoutMessages = defineMessages({
  sv: {
    "demo.heading": "Det här är en demonstration",
    "demo.body": "Tjänsten visar exempeldata. Alla företag som visas är påhittade.",
    "footer.linksLabel": "Om webbplatsen",
    "footer.openData": "Öppna data om företagens behov",
    "staff.label": "Personalmeny",
    "staff.signedInAs": "Inloggad som {name}",
    "staff.logout": "Logga ut",
  },
  en: {
    "demo.heading": "This is a demonstration",
    "demo.body": "The service shows example data. All companies shown are fictional.",
    "footer.linksLabel": "About this website",
    "footer.openData": "Open data on companies' needs",
    "staff.label": "Staff menu",
    "staff.signedInAs": "Signed in as {name}",
    "staff.logout": "Log out",
  },
});
