import { z } from "@hono/zod-openapi";
import type { ConsentKind, NeedSource } from "#src/db/schema.ts";

// Consents a company gives (PRODUCT.md B and H): (a) the network may contact it and refer its case to
// partners, all or chosen organisations; (b) its answers may count in anonymous statistics.

export const CONSENT_KINDS = ["contact-and-referral", "statistics"] as const satisfies readonly ConsentKind[];
export const ConsentKindSchema = z.enum(CONSENT_KINDS);

/** Where a consent was given: an intake source or the company's private link. */
export type ConsentSource = NeedSource | "private-link";

/** A consent to record. `organisations: "all"` or chosen organisation ids (referral consent only). */
export type RecordConsentInput = {
  companyId: string;
  kind: ConsentKind;
  organisations?: "all" | readonly string[];
  /** The exact wording the company saw, e.g. "samtycke-2026-11". */
  wordingVersion: string;
  source: ConsentSource;
  givenByContactId?: string | null;
  responseId?: string | null;
  /** When it was given; default now (the demo seed backdates answers and their consents). */
  at?: Date;
  /** The company was registered in the caller's transaction, so it has no earlier consent to end. */
  companyIsNew?: boolean;
};

/** A consent as services hand it out. */
export type Consent = {
  id: string;
  companyId: string;
  kind: ConsentKind;
  organisations: "all" | string[];
  wordingVersion: string;
  source: ConsentSource;
  givenByContactId: string | null;
  responseId: string | null;
  recordedByLabel: string;
  recordedAt: Date;
  endedAt: Date | null;
  endReason: "withdrawn" | "superseded" | null;
};
