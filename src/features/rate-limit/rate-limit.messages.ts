import { defineMessages } from "#src/shared/messages.ts";

export const rateLimitMessages = defineMessages({
  sv: {
    title: "För många försök",
    body: "Du har gjort för många försök på kort tid. Vänta {wait} och försök sedan igen.",
    seconds: "{n} sekunder",
    minutes: "{n} minuter",
    api: "Too many requests. Try again in {n} seconds.",
    backHome: "Till startsidan",
  },
  en: {
    title: "Too many attempts",
    body: "You have made too many attempts in a short time. Wait {wait} and then try again.",
    seconds: "{n} seconds",
    minutes: "{n} minutes",
    api: "Too many requests. Try again in {n} seconds.",
    backHome: "To the home page",
  },
});

/** "45 sekunder" or "3 minuter", rounding minutes up so nobody comes back too early. */
export function waitText(locale: "sv" | "en", seconds: number): string {
  const t = rateLimitMessages(locale);
  return seconds < 90 ? t("seconds", { n: seconds }) : t("minutes", { n: Math.ceil(seconds / 60) });
}
