import type { EvaluationCase } from "./matching.evaluation-set.ts";

// Held-out evaluation set for offer matching: human relevance judgements, made by hand on 2026-11-29 from
// the texts and eligibility rules of the demo catalogue (src/features/demo/demo.offers.data.ts and the
// organisations in demo.data.ts) and the reference data (need themes, municipalities, SNI 2007). The judge
// did not look at the matching code, at its benchmark or documentation, or at the cases of the tuning set
// (matching.evaluation-set.ts; only its EvaluationCase type and grading rules were read). Nothing in the
// scorer has been tuned on these cases, so keep it that way: do not adjust the scorer against this file.
//
// Grading: 3 = squarely answers a need and the company may use the offer; 2 = clearly useful for a need;
// 1 = partly useful. Unlisted offers count 0. An offer the company is not eligible for under the hard rules
// (area: county or municipality; SNI include/exclude; size band; company age; validity dates, so an offer
// not yet open or already ended is out; active status, so a paused or closed offer is out) is left out
// however relevant its topic; an offer with no capacity left gets at most 1. A missing company field
// excludes nothing.
//
// Reference date 2026-11-29, demo loaded that day (validFrom/validTo of several offers are relative to the
// seeding date: the automation course opens in 20 days and so is not yet open; the breakfast meeting on new
// markets is closed; the regional investment grant is paused). Company age = 2026 - foundedYear.
//
// Mix: needs in the company's own plain Swedish only (9 cases), theme codes only (3), theme and text (3).
// Several cases have a well-matching offer that a hard rule excludes; the description says which.

export const HOLDOUT_SET: readonly EvaluationCase[] = [
  {
    id: "hallefors-restaurant-power-bill-and-catering",
    description:
      "A 6-person restaurant in Hällefors (2017) hit by a doubled power bill and tight cash wants to start catering: Smart omställning answers both, the energy advice the bill, an Almi loan the cash; the crisis advice of Business Region Örebro would fit but does not cover Hällefors.",
    company: { municipality: "1863", sni: "56100", employees: 6, foundedYear: 2017 },
    needs: [
      {
        text: "Elräkningen har nästan dubblerats sedan i fjol och nu räcker pengarna knappt till lönerna i januari.",
      },
      {
        text: "Vi funderar på att börja med catering och matlådor till företagen i trakten för att få in mer pengar.",
      },
    ],
    judgements: {
      "smart-omstallning-radgivning": 3,
      "energikartlaggning-klimatradgivning": 3,
      "almi-foretagslan": 2,
      studentuppdrag: 1,
    },
  },
  {
    id: "orebro-software-firm-cannot-hire",
    description:
      "A 14-person software company in Örebro (2015) cannot fill developer posts and wants to meet students before they graduate: the university's recruitment channel and degree theses fit best, student assignments and local recruitment support help.",
    company: { municipality: "1880", sni: "62010", employees: 14, foundedYear: 2015 },
    needs: [
      { text: "Vi hittar inte utvecklare. Tre tjänster har stått tomma sedan i våras." },
      { text: "Vi vill gärna lära känna studenterna innan de tar examen så att de söker sig till oss." },
    ],
    judgements: {
      "rekrytera-studenter-alumner": 3,
      exjobbsformedling: 3,
      rekryteringsstod: 2,
      studentuppdrag: 2,
      "kompetensplattform-orebro-lan": 1,
    },
  },
  {
    id: "kumla-shoemaker-sales-theme-no-founded-year",
    description:
      "A 12-person footwear maker in Kumla, founding year unknown (so the export voucher's age rule is not applied), picks only the sales/export theme: the export voucher fits, a student market survey helps.",
    company: { municipality: "1881", sni: "15200", employees: 12 },
    needs: [{ theme: "sales-export" }],
    judgements: {
      exportcheck: 3,
      studentuppdrag: 2,
      "smart-omstallning-radgivning": 1,
      "almi-foretagslan": 1,
      "webbutbildning-digitalisering": 1,
    },
  },
  {
    id: "lekeberg-new-outdoor-guide-firm",
    description:
      "A one-person outdoor-adventure firm in Lekeberg registered this year asks about VAT and bookkeeping, permits for overnight tours and testing demand: the starter course covers tax and permits, the idea-test programme the demand; Nora's permit guide would fit but is for Nora only.",
    company: { municipality: "1814", sni: "93290", employees: 1, foundedYear: 2026 },
    needs: [
      {
        text: "Jag har precis registrerat firman och fattar inte hur moms, F-skatt och bokföring hänger ihop.",
      },
      { text: "Måste jag ha något tillstånd för att ta med folk på guidade turer med övernattning i tält?" },
      { text: "Jag vill testa om skolor och företag skulle köpa äventyrsdagar av mig innan jag satsar mer." },
    ],
    judgements: {
      "starta-foretag": 3,
      "testa-din-affarside": 2,
      studentuppdrag: 1,
      innovationsradgivning: 1,
    },
  },
  {
    id: "nora-bakery-bigger-premises-and-cafe-permits",
    description:
      "A 3-person bakery in Nora (2019) has outgrown its premises and wants a café with outdoor seating: Nora's premises service and permit guide fit squarely, the business navigator helps.",
    company: { municipality: "1884", sni: "10710", employees: 3, foundedYear: 2019 },
    needs: [
      { text: "Bageriet har vuxit ur lokalen. Vi letar något större där vi också kan ha ett litet kafé." },
      { text: "Vad behöver vi för tillstånd för att servera fika och ha uteservering på sommaren?" },
    ],
    judgements: {
      "lokaler-och-mark-nora": 3,
      "tillstandslots-nora": 3,
      "foretagslots-nora": 2,
      "almi-foretagslan": 1,
    },
  },
  {
    id: "karlskoga-chemicals-lost-main-customer",
    description:
      "A 35-person chemicals maker in Karlskoga (1984) loses its main customer, may lay off staff and must find customers in Norway or Germany: Smart omställning and the export voucher fit; the crisis/short-time-work advice would fit but Business Region Örebro does not cover Karlskoga.",
    company: { municipality: "1883", sni: "20590", employees: 35, foundedYear: 1984 },
    needs: [
      {
        theme: "crisis",
        text: "Vår största kund säger upp avtalet till våren och vi kanske måste permittera halva personalen.",
      },
      { theme: "sales-export", text: "Vi måste hitta nya kunder snabbt, gärna i Norge eller Tyskland." },
    ],
    judgements: {
      "smart-omstallning-radgivning": 3,
      exportcheck: 3,
      "almi-foretagslan": 1,
      studentuppdrag: 1,
    },
  },
  {
    id: "laxa-sawmill-sustainability-production-themes",
    description:
      "A 30-person sawmill in Laxå (1958) picks the sustainability and production themes: the energy audit and the sustainable-production network (manufacturers) answer both, the production lab helps; the automation course is not open yet.",
    company: { municipality: "1860", sni: "16101", employees: 30, foundedYear: 1958 },
    needs: [{ theme: "sustainability" }, { theme: "production" }],
    judgements: {
      "energikartlaggning-klimatradgivning": 3,
      "hallbar-produktion-natverk": 3,
      "produktionslabbet-testbadd": 2,
      forskarsamverkan: 1,
    },
  },
  {
    id: "askersund-care-home-managers-and-staff",
    description:
      "A 60-person care company in Askersund (2007) has new unit managers who need leadership training and cannot find assistant nurses: the university's leadership course and local recruitment support fit, the skills platform helps; the MD programme is for managing directors.",
    company: { municipality: "1882", sni: "87301", employees: 60, foundedYear: 2007 },
    needs: [
      { text: "Flera av våra enhetschefer är nya och behöver bli tryggare i att leda och ta svåra samtal." },
      { text: "Vi får inte tag i undersköterskor, särskilt inte till helgerna." },
    ],
    judgements: {
      "uppdragsutbildning-ledarskap": 3,
      rekryteringsstod: 3,
      "kompetensplattform-orebro-lan": 2,
      "ledarskapsprogram-vd": 1,
      "rekrytera-studenter-alumner": 1,
    },
  },
  {
    id: "orebro-materials-spinoff-pilot-and-researcher",
    description:
      "A 3-person materials R&D company in Örebro (2024) needs money for a pilot plant before revenue and a researcher to test ageing: innovation loan, research collaboration and the innovation voucher fit; venture capital, the incubator and innovation advice help.",
    company: { municipality: "1880", sni: "72190", employees: 3, foundedYear: 2024 },
    needs: [
      {
        text: "Vi har tagit fram ett nytt ytskiktsmaterial i labbet och behöver pengar till en första pilotanläggning innan vi har några intäkter.",
      },
      { text: "Vi skulle behöva en forskare som kan hjälpa oss att testa hur materialet åldras." },
    ],
    judgements: {
      "almi-innovationslan": 3,
      forskarsamverkan: 3,
      "regional-innovationscheck": 3,
      "almi-invest-riskkapital": 2,
      inkubatorprogram: 2,
      innovationsradgivning: 2,
      "produktionslabbet-testbadd": 1,
      exjobbsformedling: 1,
    },
  },
  {
    id: "lindesberg-shop-wants-web-shop",
    description:
      "A 7-person retailer in Lindesberg (1988) wants to start a web shop: the digitalisation web course (e-commerce) fits, a student website assignment and Smart omställning help.",
    company: { municipality: "1885", sni: "47190", employees: 7, foundedYear: 1988 },
    needs: [
      {
        text: "Kunderna handlar mer och mer på nätet. Vi vill starta en webbshop men vet inte var vi ska börja.",
      },
    ],
    judgements: {
      "webbutbildning-digitalisering": 3,
      studentuppdrag: 2,
      "smart-omstallning-radgivning": 2,
      "almi-foretagslan": 1,
    },
  },
  {
    id: "hallsberg-joinery-owner-retiring",
    description:
      "The owner of a 6-person joinery in Hallsberg (2001) retires, an employee may buy but lacks money, and the business depends on the owner: Almi's change-of-ownership support answers two needs; the MD programme helps with delegating.",
    company: { municipality: "1861", sni: "31090", employees: 6, foundedYear: 2001 },
    needs: [
      { text: "Jag fyller 66 nästa år och ingen av barnen vill ta över snickeriet." },
      { text: "En av de anställda vill kanske köpa firman men har inte pengarna." },
      {
        text: "Allt sitter i mitt huvud – offerter, kunder och leverantörer. Det måste gå att driva utan mig.",
      },
    ],
    judgements: {
      "almi-agarskifte": 3,
      "ledarskapsprogram-vd": 2,
      "almi-foretagslan": 1,
      "uppdragsutbildning-ledarskap": 1,
    },
  },
  {
    id: "degerfors-forge-automation-and-technicians",
    description:
      "A 250-person forge in Degerfors (1962) wants to test press automation before buying robots and cannot hire automation technicians: the production lab fits; researchers, theses, graduate recruitment and the skills platform help. Too big for the SME-only energy advice, the automation course is not open yet, and local recruitment support does not cover Degerfors.",
    company: { municipality: "1862", sni: "25500", employees: 250, foundedYear: 1962 },
    needs: [
      {
        theme: "production",
        text: "Vi vill automatisera plåtmatningen i pressarna men vill se att det fungerar innan vi köper robotar.",
      },
      { theme: "recruitment", text: "Vi hittar inga automationstekniker eller underhållsingenjörer." },
    ],
    judgements: {
      "produktionslabbet-testbadd": 3,
      forskarsamverkan: 2,
      exjobbsformedling: 2,
      "rekrytera-studenter-alumner": 2,
      "kompetensplattform-orebro-lan": 2,
      "hallbar-produktion-natverk": 1,
      "almi-foretagslan": 1,
    },
  },
  {
    id: "ljusnarsberg-campsite-digital-and-financing-themes",
    description:
      "A 2-person campsite in Ljusnarsberg (2018) picks digitalisation and financing: the digitalisation web course and Almi's business loan fit, a student website assignment helps; the regional investment grant covers Ljusnarsberg but is paused.",
    company: { municipality: "1864", sni: "55300", employees: 2, foundedYear: 2018 },
    needs: [{ theme: "digitalisation" }, { theme: "financing" }],
    judgements: {
      "webbutbildning-digitalisering": 3,
      "almi-foretagslan": 3,
      studentuppdrag: 2,
      "smart-omstallning-radgivning": 1,
      "almi-innovationslan": 1,
      "almi-invest-riskkapital": 1,
    },
  },
  {
    id: "karlstad-software-firm-opening-orebro-office",
    description:
      "An 8-person software company in Karlstad (Värmland, 2022) will open an office in Örebro and needs to hire and train team leads: only offers without an area limit apply, the university's leadership course and graduate recruitment; local recruitment support would fit but the company is outside its area.",
    company: { municipality: "1780", sni: "62010", employees: 8, foundedYear: 2022 },
    needs: [
      { text: "Vi ska öppna kontor i Örebro och vill anställa två utvecklare där." },
      { text: "Våra teamledare har aldrig varit chefer förut och behöver lära sig att leda." },
    ],
    judgements: {
      "uppdragsutbildning-ledarskap": 3,
      "rekrytera-studenter-alumner": 2,
    },
  },
  {
    id: "hallsberg-haulier-fuel-costs-and-drivers",
    description:
      "A 25-person haulier in Hallsberg (1989) squeezed by diesel costs and customers' fossil-free demands, and short of truck drivers: the energy and climate advice (transport included) and local recruitment support fit, the skills platform helps; the sustainable-production network is for manufacturers only.",
    company: { municipality: "1861", sni: "49410", employees: 25, foundedYear: 1989 },
    needs: [
      {
        theme: "sustainability",
        text: "Dieselpriset äter upp marginalen och kunderna börjar kräva fossilfria transporter.",
      },
      { theme: "recruitment", text: "Vi behöver fler lastbilschaufförer med C- och CE-behörighet." },
    ],
    judgements: {
      "energikartlaggning-klimatradgivning": 3,
      rekryteringsstod: 3,
      "kompetensplattform-orebro-lan": 2,
      "smart-omstallning-radgivning": 1,
      "almi-foretagslan": 1,
    },
  },
];
