import { defineMessages } from "#src/shared/messages.ts";

/** Texts of the needs-intelligence tables and pages, Swedish first. */
export const insightsMessages = defineMessages({
  sv: {
    "table.byTheme": "Företag med behov per tema, {period}",
    "table.byMunicipality": "Företag med behov per kommun och tema, {period}",
    "table.trend": "Företag med behov per tema och månad, {from}–{to}",
    "table.bySection": "Företag med behov per bransch (SNI-avdelning), {period}",
    "table.bySize": "Företag med behov per storlek, {period}",
    "table.gaps": "Luckor: behov utan något stöd som företagen kan få",
    "table.supply": "Behov och utbud per tema och kommun",
    "col.theme": "Tema",
    "col.change": "Förändring",
    "col.municipality": "Kommun",
    "col.sniSection": "Bransch",
    "col.sizeBand": "Storlek",
    "col.companies": "Företag",
    "col.openNeeds": "Företag med öppna behov",
    "col.offers": "Aktiva erbjudanden som företagen kan få",
    "col.capacity": "Platser kvar",
    "col.offersFull": "Erbjudanden utan platser kvar",
    "row.anyTheme": "Alla teman (varje företag en gång)",
    "row.allMunicipalities": "Alla kommuner",
    "row.allCompanies": "Alla företag",
    "unknown.municipality": "Kommun saknas",
    "unknown.sniSection": "Bransch saknas",
    "unknown.sizeBand": "Storlek saknas",
    "note.companies":
      "Siffrorna är antal företag med minst ett behov under perioden, bland företag som har samtyckt till statistik.",
    "note.anyTheme":
      "Ett företag med behov inom flera teman räknas i varje tema men bara en gång i ”Alla teman”.",
    "note.municipality":
      "Företaget räknas i kommunen för sitt senaste behov under perioden. Kommunens summa räknar varje företag en gång.",
    "note.trend": "Varje månad räknas för sig; månaderna går inte att lägga ihop till ett år.",
    "note.suppressed":
      "Färre än 3 företag visas som ”< 3”. ”..” betyder att ett värde döljs så att ett litet värde inte går att räkna fram.",
    "note.gaps":
      "Ett tema och en kommun är en lucka när företag där har öppna behov och inget aktivt erbjudande inom temat gäller för någon av dem (område, bransch, storlek, ålder, giltighet).",
    "note.capacity": "Platser kvar räknas bara för erbjudanden som anger hur många de tar emot.",
  },
  en: {
    "table.byTheme": "Companies with needs by theme, {period}",
    "table.byMunicipality": "Companies with needs by municipality and theme, {period}",
    "table.trend": "Companies with needs by theme and month, {from}–{to}",
    "table.bySection": "Companies with needs by industry (SNI section), {period}",
    "table.bySize": "Companies with needs by size, {period}",
    "table.gaps": "Gaps: needs with no support the companies can get",
    "table.supply": "Needs and supply by theme and municipality",
    "col.theme": "Theme",
    "col.change": "Change",
    "col.municipality": "Municipality",
    "col.sniSection": "Industry",
    "col.sizeBand": "Size",
    "col.companies": "Companies",
    "col.openNeeds": "Companies with open needs",
    "col.offers": "Active offers the companies can get",
    "col.capacity": "Places left",
    "col.offersFull": "Offers with no places left",
    "row.anyTheme": "Any theme (each company once)",
    "row.allMunicipalities": "All municipalities",
    "row.allCompanies": "All companies",
    "unknown.municipality": "No municipality",
    "unknown.sniSection": "No industry",
    "unknown.sizeBand": "No size",
    "note.companies":
      "The figures are numbers of companies with at least one need in the period, among companies that agreed to statistics.",
    "note.anyTheme":
      "A company with needs in several themes counts in each theme but only once in “Any theme”.",
    "note.municipality":
      "A company counts in the municipality of its latest need in the period. A municipality's total counts each company once.",
    "note.trend": "Each month is counted on its own; the months cannot be added up to a year.",
    "note.suppressed":
      "Fewer than 3 companies show as “< 3”. “..” means a value is hidden so that a small value cannot be worked out.",
    "note.gaps":
      "A theme and municipality is a gap when companies there have open needs and no active offer in the theme applies to any of them (area, industry, size, age, validity).",
    "note.capacity": "Places left are counted only for offers that say how many they take.",
  },
});
