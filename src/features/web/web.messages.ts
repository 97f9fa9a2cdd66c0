import { defineMessages } from "#src/shared/messages.ts";

export const webMessages = defineMessages({
  sv: {
    "home.title": "Start",
    "home.heading": "Rätt stöd till ditt företag",
    "home.intro":
      "Kommunerna, regionen, Almi, science park, universitetet och inkubatorn i länet hjälper företag tillsammans. Berätta vad ni behöver, så lotsar vi er till rätt stöd och rätt person.",
    "home.searchLabel": "Sök stöd, till exempel finansiering eller exjobb",
    "home.searchButton": "Sök",
    "home.tellNeeds": "Berätta om era behov",
    "a11y.title": "Tillgänglighetsredogörelse",
    "a11y.intro": "Vi vill att alla ska kunna använda webbplatsen.",
  },
  en: {
    "home.title": "Home",
    "home.heading": "The right support for your business",
    "home.intro":
      "The county's municipalities, the region, Almi, the science park, the university and the incubator help businesses together. Tell us what you need and we will guide you to the right support and the right person.",
    "home.searchLabel": "Search for support, for example financing or thesis projects",
    "home.searchButton": "Search",
    "home.tellNeeds": "Tell us your needs",
    "a11y.title": "Accessibility statement",
    "a11y.intro": "We want everyone to be able to use this website.",
  },
});
