import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "#src/features/demo/demo.service.ts";
import type { CreateOfferInput } from "#src/features/offers/offers.schemas.ts";
import { createOffers } from "#src/features/offers/offers.service.ts";
import { LOCALE_COOKIE } from "#src/shared/i18n.ts";
import { createTestApp } from "#tests/support/test-app.ts";
import { createTestDb, type TestDb } from "#tests/support/test-db.ts";
import { makeOrganisation } from "#tests/support/users-fixtures.ts";

// The public catalogue's pages over the demo network plus offers made here with known facts: facets with
// counts (checked against SQL written here, not against the search service), filters kept in the form,
// paging, the no-hit state, the offer page's contents, 404s and English.

const NBSP = "\u00a0";

let testDb: TestDb;
let app: ReturnType<typeof createTestApp>;
let ownOffer: string;
let pausedOffer: string;
let endedOffer: string;

function day(offset: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offset);
  return d.toISOString().slice(0, 10);
}

function offer(
  organisationId: string,
  slug: string,
  extra: Partial<CreateOfferInput> = {},
): CreateOfferInput {
  return {
    organisationId,
    slug,
    name: "Gjuteribidraget för smedjor",
    summary: "Ett bidrag till smedjor och gjuterier som vill byta ugn.",
    description: "Bidraget betalar halva kostnaden för en ny ugn.\n\nNi ansöker en gång per år.",
    formats: ["grant", "advice"],
    themes: ["sustainability", "financing"],
    costType: "grant",
    ...extra,
  };
}

async function getPage(path: string, locale?: "sv" | "en") {
  const response = await app.request(path, {
    headers: locale ? { cookie: `${LOCALE_COOKIE}=${locale}` } : {},
  });
  return { status: response.status, html: await response.text(), location: response.headers.get("location") };
}

/** The <main> of a page, so assertions do not match the shell. */
function main(html: string): string {
  return html.slice(html.indexOf("<main"), html.indexOf("</main>"));
}

function h1(html: string): string | undefined {
  return html.match(/<h1[^>]*>([^<]*)<\/h1>/)?.[1];
}

function resultCount(html: string): string | undefined {
  return html.match(/<h2[^>]*id="catalogue-results"[^>]*>([^<]*)<\/h2>/)?.[1];
}

function resultIds(html: string): string[] {
  return [...main(html).matchAll(/<h3[^>]*>\s*<a class="ds-link" href="\/hitta-stod\/([0-9a-f-]{36})"/g)].map(
    (m) => m[1] ?? "",
  );
}

/** Public offers (active, within dates) with a theme, counted here in SQL. */
async function publicCount(condition: ReturnType<typeof sql>): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(*)::int as n from offers
    where status = 'active' and (valid_from is null or valid_from <= current_date)
      and (valid_to is null or valid_to >= current_date) and ${condition}`.execute(testDb.db);
  return result.rows[0]?.n ?? -1;
}

beforeAll(async () => {
  testDb = await createTestDb();
  app = createTestApp(testDb);
  await seedDemoData(testDb.db);
  const org = await makeOrganisation(testDb.db, "Smidesnätverket");
  const [own, paused, ended] = await createOffers(testDb.db, [
    offer(org, "gjuteribidraget", {
      eligibleMunicipalityCodes: ["1884", "1885"],
      sniInclude: ["C"],
      sniExclude: ["12"],
      sizeBands: ["1-4", "5-9", "10-19", "20-49"],
      minCompanyAgeYears: 2,
      maxCompanyAgeYears: 10,
      conditions: "Ugnen ska drivas med el.",
      costDescription: "Ni betalar halva kostnaden själva.",
      amountMinSek: 50_000,
      amountMaxSek: 2_000_000,
      capacityTotal: 6,
      capacityRemaining: 4,
      capacityNote: "Sex bidrag i år.",
      validFrom: day(-10),
      validTo: day(100),
      applicationProcess: "Fyll i ansökan på webben.",
      link: "https://smide.example/ansok",
      contacts: [
        {
          name: "Greta Hammar",
          title: "Smidesrådgivare",
          email: "greta@smide.example",
          phone: "070-174 06 77",
        },
        { name: "Olle Städ", title: null, email: null, phone: "+46 19 123 45" },
      ],
      lastVerifiedAt: new Date("2026-11-20T10:00:00Z"),
      lastVerifiedBy: "Anna Andersson",
    }),
    offer(org, "pausat-bidrag", { name: "Pausat bidrag för smedjor", status: "paused" }),
    offer(org, "slutat-bidrag", { name: "Slutat bidrag för smedjor", validTo: day(-1) }),
  ]);
  ownOffer = own!.id;
  pausedOffer = paused!.id;
  endedOffer = ended!.id;
});

afterAll(async () => {
  await testDb?.close();
});

describe("the search page", () => {
  it("lists every public offer with the count in the live heading and marks Hitta stöd as current", async () => {
    const { status, html } = await getPage("/hitta-stod");
    expect(status).toBe(200);
    expect(h1(html)).toBe("Hitta stöd");
    expect(html).toMatch(/<a class="lots-nav__link" href="\/hitta-stod" aria-current="page">/);
    const total = await publicCount(sql`true`);
    expect(total).toBeGreaterThan(20);
    expect(resultCount(html)).toBe(`${total} erbjudanden`);
    expect(html).toMatch(/<h2[^>]*id="catalogue-results"[^>]*aria-live="polite"/);
    expect(html).toContain('<form class="lots-stack" method="get" action="/hitta-stod">');
  });

  it("shows facet values with counts that match the public offers", async () => {
    const { html } = await getPage("/hitta-stod");
    const financing = await publicCount(sql`'financing' = any(themes)`);
    expect(financing).toBeGreaterThan(1);
    expect(html).toMatch(
      new RegExp(
        `<input class="ds-input" type="checkbox" id="(facet-theme-\\d+)" name="theme" value="financing"/><label class="ds-label" data-weight="regular" for="\\1">Finansiering och likviditet \\(${financing}\\)</label>`,
      ),
    );
    const grants = await publicCount(sql`cost_type = 'grant'`);
    expect(html).toContain(`name="cost" value="grant"/>`);
    expect(html).toMatch(new RegExp(`>Bidrag \\(${grants}\\)</label>`));
    // Nora: offers for all of Sweden, for Örebro län and for Nora itself.
    const nora = await publicCount(
      sql`((cardinality(eligible_county_codes) = 0 and cardinality(eligible_municipality_codes) = 0)
        or '18' = any(eligible_county_codes) or '1884' = any(eligible_municipality_codes))`,
    );
    expect(html).toContain(`<option value="1884">Nora (${nora})</option>`);
    expect(html).toMatch(
      /<select class="ds-input" id="facet-size" name="size"><option value="">Alla storlekar<\/option>/,
    );
  });

  it("keeps the chosen filters, words and order in the form and narrows the results", async () => {
    const path =
      "/hitta-stod?q=bidrag&theme=financing&theme=sustainability&municipality=1884&size=5-9&sort=name";
    const { html } = await getPage(path);
    expect(html).toContain('name="q" type="search" value="bidrag"');
    expect(html).toMatch(/name="theme" value="financing" checked=""/);
    expect(html).toMatch(/name="theme" value="sustainability" checked=""/);
    expect(html).not.toMatch(/name="theme" value="crisis" checked/);
    expect(html).toMatch(/<option value="1884" selected="">Nora \(\d+\)<\/option>/);
    expect(html).toMatch(/<option value="5-9" selected="">5–9 anställda \(\d+\)<\/option>/);
    expect(html).toContain('<option value="name" selected="">Namn, A–Ö</option>');
    expect(resultIds(html)).toContain(ownOffer);
    // Clearing the filters keeps the words and the order.
    expect(html).toContain('href="/hitta-stod?q=bidrag&amp;sort=name">Rensa alla filter</a>');

    // Nora's own offers are not open to a company in Lindesberg; offers for the whole county are.
    const lindesberg = await getPage("/hitta-stod?municipality=1885");
    const elsewhere = await getPage("/hitta-stod?municipality=1880");
    expect(resultIds(lindesberg.html)).toContain(ownOffer);
    expect(resultIds(elsewhere.html)).not.toContain(ownOffer);
  });

  it("pages through the results with accessible pagination that keeps the filters", async () => {
    const total = await publicCount(sql`true`);
    const first = await getPage("/hitta-stod");
    const second = await getPage("/hitta-stod?page=2");
    expect(first.html).toContain('<nav class="ds-pagination" aria-label="Sidor med sökresultat">');
    expect(first.html).toContain('href="/hitta-stod" aria-label="Sida 1" aria-current="true">1</a>');
    expect(first.html).toContain('href="/hitta-stod?page=2" aria-label="Sida 2">2</a>');
    expect(first.html).toContain('href="/hitta-stod?page=2">Nästa</a>');
    expect(second.html).toContain('href="/hitta-stod?page=2" aria-label="Sida 2" aria-current="true">2</a>');
    expect(second.html).toContain('href="/hitta-stod">Föregående</a>');
    const ids = [...resultIds(first.html), ...resultIds(second.html)];
    expect(resultIds(first.html)).toHaveLength(20);
    expect(new Set(ids).size).toBe(total);

    // Paging links keep the filters and the order.
    const inNora = await publicCount(
      sql`((cardinality(eligible_county_codes) = 0 and cardinality(eligible_municipality_codes) = 0)
        or '18' = any(eligible_county_codes) or '1884' = any(eligible_municipality_codes))`,
    );
    expect(inNora).toBeGreaterThan(20);
    const filtered = await getPage("/hitta-stod?municipality=1884&sort=name");
    expect(filtered.html).toContain(
      'href="/hitta-stod?municipality=1884&amp;sort=name&amp;page=2" aria-label="Sida 2">2</a>',
    );
    // A page past the end goes to the last page.
    const beyond = await getPage("/hitta-stod?page=9");
    expect(beyond.status).toBe(303);
    expect(beyond.location).toBe("/hitta-stod?page=2");
  });

  it("suggests removing the filter that leaves no hits, with a link for each", async () => {
    const { html } = await getPage("/hitta-stod?q=gjuteribidraget&theme=crisis&cost=grant");
    expect(resultCount(html)).toBe("Inga erbjudanden");
    expect(main(html)).toContain("Inga erbjudanden passar sökningen");
    expect(html).toContain(
      '<a class="ds-link" href="/hitta-stod?q=gjuteribidraget&amp;cost=grant">Ta bort filtret Behov: Akut läge: kris, permittering, omstrukturering</a>',
    );
    expect(html).not.toContain("Ta bort filtret Kostnad");
    expect(html).toContain('<a class="ds-link" href="/hitta-stod?q=gjuteribidraget">Ta bort alla filter</a>');
    const removed = await getPage("/hitta-stod?q=gjuteribidraget&cost=grant");
    expect(resultIds(removed.html)).toEqual([ownOffer]);
  });

  it("shows the words back escaped, never as markup", async () => {
    const { status, html } = await getPage(`/hitta-stod?q=${encodeURIComponent("<b>lån</b>")}`);
    expect(status).toBe(200);
    expect(html).toContain("Sökord: &lt;b&gt;lån&lt;/b&gt;");
    expect(html).not.toContain("<b>lån</b>");
  });

  it("ignores filter values it does not understand instead of failing", async () => {
    const { status, html } = await getPage(
      "/hitta-stod?municipality=Nora&organisation=x&cost=gratis&page=-3",
    );
    expect(status).toBe(200);
    expect(resultCount(html)).toBe(`${await publicCount(sql`true`)} erbjudanden`);
  });
});

describe("the offer page", () => {
  it("links each result to its offer page", async () => {
    const { html } = await getPage("/hitta-stod?q=gjuteribidraget");
    expect(html).toContain(
      `<a class="ds-link" href="/hitta-stod/${ownOffer}">Gjuteribidraget för smedjor</a>`,
    );
  });

  it("shows everything a company needs to act, in plain Swedish", async () => {
    const { status, html } = await getPage(`/hitta-stod/${ownOffer}`);
    expect(status).toBe(200);
    const page = main(html);
    expect(h1(html)).toBe("Gjuteribidraget för smedjor");
    expect(page).toContain("Ett bidrag till smedjor och gjuterier som vill byta ugn.");
    expect(page).toContain('<p class="ds-paragraph">Bidraget betalar halva kostnaden för en ny ugn.</p>');
    expect(page).toContain('<p class="ds-paragraph">Ni ansöker en gång per år.</p>');
    expect(page).toContain("Ett erbjudande från Smidesnätverket");
    expect(page).toContain("Hållbarhet och energi; Finansiering och likviditet");
    expect(page).toContain("<span>Företag i Lindesberg, Nora</span>");
    expect(page).toMatch(/Bara företag inom C Tillverkning/);
    expect(page).toMatch(/Inte företag inom 12 \S/);
    expect(page).toContain("Företag med 1–49 anställda");
    expect(page).toContain("Företaget har funnits i 2–10 år");
    expect(page).toContain("Ugnen ska drivas med el.");
    expect(page).toContain(`<span>50${NBSP}000 kr – 2${NBSP}000${NBSP}000 kr</span>`);
    expect(page).toContain("Ni betalar halva kostnaden själva.");
    expect(page).toContain("4 av 6 platser kvar");
    expect(page).toContain(`${day(-10)} till och med ${day(100)}`);
    expect(page).toContain("Fyll i ansökan på webben.");
    expect(page).toContain(
      '<a class="ds-link" href="https://smide.example/ansok">Läs mer och ansök hos Smidesnätverket</a>',
    );
    expect(page).toContain("Vem ska ni kontakta?");
    expect(page).toContain(">Greta Hammar</h3>");
    expect(page).toContain("Smidesrådgivare");
    expect(page).toContain('<a class="ds-link" href="mailto:greta@smide.example">greta@smide.example</a>');
    expect(page).toContain('<a class="ds-link" href="tel:+46701740677">070-174 06 77</a>');
    expect(page).toContain('<a class="ds-link" href="tel:+461912345">+46 19 123 45</a>');
    expect(page).toContain("Uppgifterna kontrollerades senast 2026-11-20 av Anna Andersson.");
  });

  it("answers 404 for unknown, malformed, paused and ended offers, in the visitor's language", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "inte-ett-id", pausedOffer, endedOffer]) {
      const { status, html } = await getPage(`/hitta-stod/${id}`);
      expect(status, id).toBe(404);
      expect(h1(html)).toBe("Erbjudandet finns inte");
      expect(html).toContain('<a class="ds-link" href="/hitta-stod">Sök bland alla erbjudanden</a>');
    }
    const en = await getPage(`/hitta-stod/${pausedOffer}`, "en");
    expect(en.status).toBe(404);
    expect(h1(en.html)).toBe("The offer does not exist");
    const listed = await getPage("/hitta-stod?q=smedjor");
    expect(resultIds(listed.html)).not.toContain(pausedOffer);
    expect(resultIds(listed.html)).not.toContain(endedOffer);
  });
});

describe("in English", () => {
  it("shows an offer's English text where it has one", async () => {
    const [demo] = (
      await sql<{ id: string; name_en: string }>`
        select id, name_en from offers where slug = 'almi-foretagslan'`.execute(testDb.db)
    ).rows;
    const { html } = await getPage(`/hitta-stod/${demo!.id}`, "en");
    expect(html).toContain('<html lang="en"');
    expect(html).toMatch(new RegExp(`<h1 class="ds-heading" data-size="lg">${demo!.name_en}</h1>`));
    expect(main(html)).toContain("Who to contact");
    expect(main(html)).toContain(`SEK 50${NBSP}000`);
    expect(main(html)).not.toContain("described in Swedish only");
  });

  it('falls back to Swedish marked lang="sv" where the offer has no English', async () => {
    const { html } = await getPage(`/hitta-stod/${ownOffer}`, "en");
    expect(html).toContain(
      '<h1 class="ds-heading" data-size="lg" lang="sv">Gjuteribidraget för smedjor</h1>',
    );
    expect(html).toContain(
      '<p class="ds-paragraph" lang="sv">Bidraget betalar halva kostnaden för en ny ugn.</p>',
    );
    expect(html).toContain("This offer is described in Swedish only.");
    expect(html).toContain("Companies with 1–49 employees");
    expect(html).toContain("Who can get it?");

    const search = await getPage("/hitta-stod?q=gjuteribidraget", "en");
    expect(h1(search.html)).toBe("Find support");
    expect(resultCount(search.html)).toBe("1 offer");
    expect(search.html).toMatch(
      /<h3 class="ds-heading" data-size="xs" lang="sv"><a class="ds-link" href="\/hitta-stod\/[^"]+">Gjuteribidraget/,
    );
  });
});
