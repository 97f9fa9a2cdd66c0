import type { Locale } from "./i18n.ts";

// Interface texts. Swedish is the source; every key must exist in English too (the type enforces it).

const sv = {
  "site.tagline": "En väg in till rätt stöd för ditt företag",
  "skip.toMain": "Hoppa till huvudinnehållet",
  "nav.label": "Huvudmeny",
  "nav.findSupport": "Hitta stöd",
  "nav.tellNeeds": "Berätta om era behov",
  "nav.meetings": "Träffar",
  "nav.login": "Logga in",
  "lang.switchTo": "In English",
  "footer.accessibility": "Tillgänglighetsredogörelse",
  "footer.api": "API för utvecklare",
  "footer.about": "Lots är öppen källkod för regionala nätverk som stöttar företag.",
  "error.notFound.title": "Sidan finns inte",
  "error.notFound.body": "Vi hittar inte sidan du söker. Kontrollera adressen eller gå till startsidan.",
  "error.generic.title": "Något gick fel",
  "error.generic.body":
    "Ett oväntat fel inträffade. Försök igen om en stund. Felet är loggat med referens {requestId}.",
  "error.forbidden.title": "Du har inte behörighet",
  "error.forbidden.body":
    "Ditt konto får inte öppna den här sidan eller göra det du försökte. Fråga din organisations administratör om du behöver behörighet.",
  "error.badRequest.title": "Vi kunde inte förstå förfrågan",
  "error.badRequest.body": "Något i adressen eller formuläret var fel. Gå tillbaka och försök igen.",
  "error.conflict.title": "Det gick inte att spara",
  "error.conflict.body":
    "Uppgiften krockar med något som redan finns eller har ändrats av någon annan. Ladda om sidan och försök igen.",
  "error.rateLimited.title": "För många försök",
  "error.rateLimited.body": "Du har försökt för många gånger. Vänta en stund och försök igen.",
  "error.unavailable.title": "Tjänsten är inte tillgänglig just nu",
  "error.unavailable.body": "Försök igen om en stund.",
  "error.backHome": "Till startsidan",
  "common.fictional": "Fiktivt exempel",
} as const;

export type MessageKey = keyof typeof sv;

const en: Record<MessageKey, string> = {
  "site.tagline": "One way in to the right support for your business",
  "skip.toMain": "Skip to main content",
  "nav.label": "Main menu",
  "nav.findSupport": "Find support",
  "nav.tellNeeds": "Tell us your needs",
  "nav.meetings": "Meetings",
  "nav.login": "Log in",
  "lang.switchTo": "På svenska",
  "footer.accessibility": "Accessibility statement",
  "footer.api": "API for developers",
  "footer.about": "Lots is open source for regional networks that support businesses.",
  "error.notFound.title": "Page not found",
  "error.notFound.body":
    "We cannot find the page you are looking for. Check the address or go to the home page.",
  "error.generic.title": "Something went wrong",
  "error.generic.body":
    "An unexpected error occurred. Please try again in a moment. The error was logged with reference {requestId}.",
  "error.forbidden.title": "You do not have access",
  "error.forbidden.body":
    "Your account may not open this page or do what you tried. Ask your organisation's administrator if you need access.",
  "error.badRequest.title": "We could not understand the request",
  "error.badRequest.body": "Something in the address or the form was wrong. Go back and try again.",
  "error.conflict.title": "It could not be saved",
  "error.conflict.body":
    "It clashes with something that already exists or was changed by someone else. Reload the page and try again.",
  "error.rateLimited.title": "Too many attempts",
  "error.rateLimited.body": "You have tried too many times. Wait a while and try again.",
  "error.unavailable.title": "The service is not available right now",
  "error.unavailable.body": "Please try again in a moment.",
  "error.backHome": "To the home page",
  "common.fictional": "Fictional example",
};

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Returns `t(key, params)` for the shell's texts in a locale; `{name}` placeholders are replaced by params. */
export const createTranslator: (locale: Locale) => Translate = (locale) => shellMessages(locale);

/**
 * Declares a feature's own texts beside its views, so features do not all edit one file.
 * The English catalogue must have exactly the Swedish keys.
 * @example const m = defineMessages({ sv: { title: "Hitta stöd" }, en: { title: "Find support" } });
 *          m(locale)("title")
 */
export function defineMessages<K extends string>(catalogues: {
  sv: Record<K, string>;
  en: Record<NoInfer<K>, string>;
}): (locale: Locale) => (key: K, params?: Record<string, string | number>) => string {
  return (locale) => {
    const catalogue = catalogues[locale];
    return (key, params) =>
      catalogue[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
        params && name in params ? String(params[name]) : whole,
      );
  };
}

const shellMessages = defineMessages<MessageKey>({ sv, en });
