import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { auditEntriesToCsv } from "./audit.csv.ts";
import type { AuditEntry } from "./audit.schemas.ts";

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  id: "1",
  at: new Date("2026-07-01T10:00:00Z"),
  actorLabel: "anna@example.org",
  actorUserId: null,
  actorApiTokenId: null,
  action: "read",
  recordType: "user",
  recordId: "u-1",
  organisationId: null,
  organisationName: "Örebro kommun",
  ip: "192.0.2.1",
  userAgent: "Mozilla/5.0",
  requestId: "r-1",
  details: {},
  ...overrides,
});

describe("audit CSV", () => {
  it("starts with a BOM, has a header row and CRLF line ends", () => {
    const csv = auditEntriesToCsv([entry({})], "sv");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(
      "Tid (svensk tid),Tid (UTC),Vem,Händelse,Typ av uppgift,Uppgiftens id,Organisation,IP-adress,Webbläsare,Anrops-id,Detaljer",
    );
    // Stockholm summer time is UTC+2.
    expect(lines[1]).toBe(
      "2026-07-01 12:00:00,2026-07-01T10:00:00.000Z,anna@example.org,read,user,u-1,Örebro kommun,192.0.2.1,Mozilla/5.0,r-1,",
    );
    expect(auditEntriesToCsv([], "en").slice(1).split("\r\n")[0]).toContain("Time (Swedish time)");
  });

  it("quotes commas, quotes and line breaks so that a CSV parser gets the values back", () => {
    const tricky = 'Ny, "fin"\nrad; sista';
    const csv = auditEntriesToCsv(
      [entry({ userAgent: tricky, details: { fields: ["name", "email"] } })],
      "sv",
    );
    const rows: string[][] = parse(csv, { bom: true });
    expect(rows).toHaveLength(2);
    expect(rows[1]![8]).toBe(tricky);
    expect(JSON.parse(rows[1]![10]!)).toEqual({ fields: ["name", "email"] });
    expect(csv).toContain('"Ny, ""fin""\nrad; sista"');
  });

  it("defuses cells that a spreadsheet would run as formulas", () => {
    const attacks = ['=HYPERLINK("http://evil")', "+SUM(1)", "-2+3", "@cmd", "\tx", "＝1+1"];
    const csv = auditEntriesToCsv(
      attacks.map((a, i) => entry({ id: String(i), userAgent: a, actorLabel: a })),
      "sv",
    );
    const rows: string[][] = parse(csv, { bom: true, relax_quotes: true });
    attacks.forEach((attack, i) => {
      const row = rows[i + 1]!;
      expect(row[2]).toBe(`'${attack}`);
      expect(row[8]).toBe(`'${attack}`);
    });
    // Harmless cells stay as they were.
    expect(rows[1]![4]).toBe("user");
  });
});
