/**
 * The names the insights views put on codes: themes, municipalities, SNI sections and size bands, in the
 * user's language and in their list order (Swedish collation for names).
 */
import type { Db } from "#src/db/client.ts";
import {
  getMunicipalities,
  getNeedThemes,
  getSizeBands,
  getSniCodes,
} from "#src/features/reference/reference.service.ts";
import { compareSwedish, type Locale, pick } from "#src/shared/i18n.ts";

export interface CodeLabel {
  code: string;
  label: string;
}

export interface InsightLabels {
  themes: CodeLabel[];
  municipalities: CodeLabel[];
  sniSections: CodeLabel[];
  sizeBands: CodeLabel[];
  countyOfMunicipality: ReadonlyMap<string, string>;
}

/** Loads the labels of every code the views show. */
export async function loadLabels(db: Db, locale: Locale): Promise<InsightLabels> {
  const [themes, municipalities, sni, sizes] = await Promise.all([
    getNeedThemes(db),
    getMunicipalities(db),
    getSniCodes(db),
    getSizeBands(db),
  ]);
  return {
    // Already active ones only, in their list order.
    themes: themes.map((t) => ({ code: t.code, label: pick(locale, t.label_sv, t.label_en) })),
    municipalities: municipalities
      .map((m) => ({ code: m.code, label: m.name }))
      .sort((a, b) => compareSwedish(a.label, b.label)),
    sniSections: sni.codes
      .filter((c) => c.level === "section")
      .map((c) => ({ code: c.code, label: `${c.code} ${pick(locale, c.name_sv, c.name_en)}` })),
    sizeBands: sizes.map((s) => ({ code: s.code, label: pick(locale, s.label_sv, s.label_en) })),
    countyOfMunicipality: new Map(municipalities.map((m) => [m.code, m.county_code])),
  };
}

/** The label of a code, or the code itself (an inactive theme, a code from an older list). */
export function labelOf(list: readonly CodeLabel[], code: string, unknown: string): string {
  if (code === "") return unknown;
  return list.find((entry) => entry.code === code)?.label ?? code;
}
