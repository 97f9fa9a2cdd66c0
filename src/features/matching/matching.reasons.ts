import { formatNumber, type Locale, pick } from "#src/shared/i18n.ts";
import type { CompanyFacts, RuleCode, RuleVerdict } from "./matching.rules.ts";
import type { MatchReason, ReasonCode } from "./matching.schemas.ts";
import type { RankedOffer, RankNeed } from "./matching.score.ts";

// Reasons in plain Swedish and English for every result: which need it answers, why the company may use
// it (or what to check), capacity and outcome history; for near misses, why not. Pure.

type Named = { code: string; name_sv: string; name_en?: string | null };

/** The reference names reasons use (from the catalogue snapshot). */
export type ReasonLabels = {
  themes: ReadonlyMap<string, { label_sv: string; label_en: string }>;
  municipalities: ReadonlyMap<string, string>;
  counties: ReadonlyMap<string, string>;
  sizeBands: readonly {
    code: string;
    label_sv: string;
    label_en: string;
    min_employees?: number;
    max_employees?: number | null;
  }[];
  sniSections: ReadonlyMap<string, Named>;
};

/** The offer fields reasons mention. */
export type ReasonOffer = {
  themes: readonly string[];
  eligible_county_codes: readonly string[];
  eligible_municipality_codes: readonly string[];
  size_bands: readonly string[];
  sni_include: readonly string[];
  sni_exclude: readonly string[];
  valid_from: string | null;
  valid_to: string | null;
  min_company_age_years?: number | null | undefined;
  max_company_age_years?: number | null | undefined;
  capacity_remaining: number | null;
};

const say = (locale: Locale, sv: string, en: string) => (locale === "en" ? en : sv);

function list(locale: Locale, items: string[]): string {
  return new Intl.ListFormat(locale === "en" ? "en-GB" : "sv-SE", { type: "conjunction" }).format(items);
}

function orList(locale: Locale, items: string[]): string {
  return new Intl.ListFormat(locale === "en" ? "en-GB" : "sv-SE", { type: "disjunction" }).format(items);
}

function longDate(locale: Locale, day: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "sv-SE", {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00Z`));
}

function themeName(labels: ReasonLabels, code: string, locale: Locale): string {
  const theme = labels.themes.get(code);
  return theme ? pick(locale, theme.label_sv, theme.label_en) : code;
}

function areaText(offer: ReasonOffer, labels: ReasonLabels, locale: Locale): string {
  const names = [
    ...offer.eligible_county_codes.map((c) => labels.counties.get(c) ?? c),
    ...offer.eligible_municipality_codes.map((m) => {
      const name = labels.municipalities.get(m) ?? m;
      return say(locale, `${name} kommun`, `${name} municipality`);
    }),
  ];
  return list(locale, names);
}

/** "5–49 anställda" when the listed bands are contiguous, else their labels. */
function sizeText(offer: ReasonOffer, labels: ReasonLabels, locale: Locale): string {
  const bands = labels.sizeBands
    .filter((b) => offer.size_bands.includes(b.code))
    .sort((a, b) => (a.min_employees ?? 0) - (b.min_employees ?? 0));
  const contiguous = bands.every(
    (b, i) =>
      i === 0 ||
      (bands[i - 1]!.max_employees != null && b.min_employees === bands[i - 1]!.max_employees! + 1),
  );
  if (bands.length > 0 && contiguous && bands[0]!.min_employees !== undefined) {
    const min = bands[0]!.min_employees;
    const max = bands.at(-1)!.max_employees;
    if (max == null) {
      return say(locale, `minst ${formatNumber(min)} anställda`, `at least ${formatNumber(min)} employees`);
    }
    if (min === 0) {
      return say(
        locale,
        `färre än ${formatNumber(max + 1)} anställda`,
        `fewer than ${formatNumber(max + 1)} employees`,
      );
    }
    return say(
      locale,
      `${formatNumber(min)}–${formatNumber(max)} anställda`,
      `${formatNumber(min)}–${formatNumber(max)} employees`,
    );
  }
  const names = bands.map((b) => pick(locale, b.label_sv, b.label_en));
  return say(locale, `storleken ${orList(locale, names)}`, `the size ${orList(locale, names)}`);
}

function sniName(entry: string, labels: ReasonLabels, locale: Locale): string {
  const section = labels.sniSections.get(entry);
  if (section) return pick(locale, section.name_sv, section.name_en).toLocaleLowerCase("sv-SE");
  return say(locale, `SNI ${entry}`, `SNI ${entry}`);
}

function ageText(offer: ReasonOffer, locale: Locale): string {
  const min = offer.min_company_age_years ?? null;
  const max = offer.max_company_age_years ?? null;
  if (min !== null && max !== null) {
    return say(locale, `som är ${min}–${max} år gamla`, `that are ${min} to ${max} years old`);
  }
  if (min !== null) return say(locale, `som är minst ${min} år gamla`, `at least ${min} years old`);
  return say(locale, `som är högst ${max} år gamla`, `at most ${max} years old`);
}

/** The sentence for one rule, as a condition ("only for …") or a confirmation ("you are …"). */
function ruleText(
  rule: RuleCode,
  verdict: RuleVerdict["verdict"],
  offer: ReasonOffer,
  company: CompanyFacts,
  labels: ReasonLabels,
  locale: Locale,
): string {
  switch (rule) {
    case "area": {
      if (verdict === "open") return say(locale, "Gäller hela Sverige.", "Open to all of Sweden.");
      const area = areaText(offer, labels, locale);
      if (verdict === "pass") {
        const home = labels.municipalities.get(company.municipality ?? "") ?? company.municipality ?? "";
        return say(
          locale,
          `Gäller företag i ${area}, och ni finns i ${home}.`,
          `For companies in ${area}; you are in ${home}.`,
        );
      }
      if (verdict === "unknown") {
        return say(
          locale,
          `Bara för företag i ${area}: kontrollera.`,
          `Only for companies in ${area}: check.`,
        );
      }
      return say(locale, `Bara för företag i ${area}.`, `Only for companies in ${area}.`);
    }
    case "size": {
      const size = sizeText(offer, labels, locale);
      if (verdict === "pass")
        return say(locale, `Gäller företag med ${size}, som ert.`, `For companies with ${size}, like yours.`);
      if (verdict === "unknown") {
        return say(
          locale,
          `Bara för företag med ${size}: kontrollera.`,
          `Only for companies with ${size}: check.`,
        );
      }
      return say(locale, `Bara för företag med ${size}.`, `Only for companies with ${size}.`);
    }
    case "sni": {
      const include = offer.sni_include.map((e) => sniName(e, labels, locale));
      const exclude = offer.sni_exclude.map((e) => sniName(e, labels, locale));
      const parts = [
        ...(include.length > 0
          ? [say(locale, `bara för ${orList(locale, include)}`, `only for ${orList(locale, include)}`)]
          : []),
        ...(exclude.length > 0
          ? [say(locale, `inte för ${orList(locale, exclude)}`, `not for ${orList(locale, exclude)}`)]
          : []),
      ];
      const rules = parts.join(", ");
      const capital = rules.charAt(0).toLocaleUpperCase("sv-SE") + rules.slice(1);
      if (verdict === "pass") {
        return say(locale, `Branschen passar (${rules}).`, `Your industry fits (${rules}).`);
      }
      if (verdict === "unknown") return say(locale, `${capital}: kontrollera.`, `${capital}: check.`);
      return `${capital}.`;
    }
    case "age": {
      const age = ageText(offer, locale);
      if (verdict === "pass")
        return say(locale, `Gäller företag ${age}, som ert.`, `For companies ${age}, like yours.`);
      if (verdict === "unknown") {
        return say(locale, `Bara för företag ${age}: kontrollera.`, `Only for companies ${age}: check.`);
      }
      return say(locale, `Bara för företag ${age}.`, `Only for companies ${age}.`);
    }
    case "validity": {
      if (offer.valid_from !== null && verdict === "fail" && offer.valid_to === null) {
        const from = longDate(locale, offer.valid_from);
        return say(locale, `Går att söka från ${from}.`, `Open from ${from}.`);
      }
      if (verdict === "fail" && offer.valid_from !== null && offer.valid_to !== null) {
        const from = longDate(locale, offer.valid_from);
        const to = longDate(locale, offer.valid_to);
        return say(locale, `Går bara att söka ${from}–${to}.`, `Open only ${from} to ${to}.`);
      }
      if (offer.valid_to !== null) {
        const to = longDate(locale, offer.valid_to);
        return verdict === "fail"
          ? say(locale, `Gick att söka till ${to}.`, `Closed on ${to}.`)
          : say(locale, `Går att söka till ${to}.`, `Open until ${to}.`);
      }
      return say(locale, "Går att söka nu.", "Open now.");
    }
  }
}

/** The reasons shown with a result, and for a near miss why it is not eligible. */
export function explain(
  ranked: RankedOffer,
  offer: ReasonOffer,
  needs: readonly RankNeed[],
  company: CompanyFacts,
  labels: ReasonLabels,
  locale: Locale,
): { reasons: MatchReason[]; notEligibleBecause: MatchReason[] } {
  const reasons: MatchReason[] = [];
  const reason = (code: ReasonCode, text: string) => reasons.push({ code, text });
  const several = needs.length > 1;
  for (const hit of ranked.hits) {
    const need = needs[hit.need]!;
    const which = several ? say(locale, `behov ${hit.need + 1}`, `need ${hit.need + 1}`) : "";
    if (hit.theme && need.theme) {
      const name = themeName(labels, need.theme, locale);
      reason(
        "theme",
        several
          ? say(locale, `Svarar på ${which}: ${name}.`, `Answers ${which}: ${name}.`)
          : say(locale, `Svarar på behovet ${name}.`, `Answers the need ${name}.`),
      );
    } else if (hit.inferredTheme) {
      const name = themeName(labels, hit.inferredTheme, locale);
      reason(
        "theme",
        several
          ? say(
              locale,
              `Gäller ${name}, som ${which} handlar om.`,
              `Covers ${name}, which ${which} is about.`,
            )
          : say(
              locale,
              `Gäller ${name}, som ert behov handlar om.`,
              `Covers ${name}, which your need is about.`,
            ),
      );
    }
    if (hit.words.length > 0) {
      const words = list(
        locale,
        hit.words.map((w) => `”${w}”`),
      );
      reason(
        "text",
        several
          ? say(locale, `Handlar om ${words} från ${which}.`, `Is about ${words} from ${which}.`)
          : say(
              locale,
              `Handlar om ${words} från er beskrivning.`,
              `Is about ${words} from your description.`,
            ),
      );
    }
  }
  const notEligibleBecause: MatchReason[] = [];
  for (const { rule, verdict } of ranked.verdicts) {
    if (verdict === "open" && rule !== "area") continue;
    if (rule === "validity" && verdict !== "fail") continue;
    const text = ruleText(rule, verdict, offer, company, labels, locale);
    if (verdict === "fail") notEligibleBecause.push({ code: rule, text });
    else reason(rule, text);
  }
  if (offer.capacity_remaining === 0) {
    reason(
      "capacity",
      say(
        locale,
        "Fullt just nu: räkna med väntetid eller fråga om nästa omgång.",
        "Full at the moment: expect a wait or ask about the next round.",
      ),
    );
  } else if (offer.capacity_remaining !== null) {
    const left = formatNumber(offer.capacity_remaining);
    reason("capacity", say(locale, `${left} platser kvar.`, `${left} places left.`));
  }
  if (ranked.outcomes && ranked.outcomes.total > 0) {
    const { helped, total } = ranked.outcomes;
    reason(
      "outcome",
      say(
        locale,
        `Hjälpte ${formatNumber(helped)} av ${formatNumber(total)} liknande företag som hänvisades hit.`,
        `Helped ${formatNumber(helped)} of ${formatNumber(total)} similar companies referred here.`,
      ),
    );
  }
  return { reasons, notEligibleBecause };
}
