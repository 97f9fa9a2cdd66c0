import type { Db } from "#src/db/client.ts";
import * as repository from "./referrals.repository.ts";

// The matching's outcome prior (issue 6/7): how referrals to each offer ended for similar companies — same
// theme, size band and SNI section. Kept in memory per database handle and reloaded at most once a
// minute (or at once after a change in this process), so a match costs no extra statement: the groups
// are few (offers × themes × bands × sections that ever closed a referral), the counts change slowly,
// and a minute's staleness cannot matter to a prior that must not swing on one outcome anyway.

type Group = {
  offerId: string;
  theme: string | null;
  sizeBand: string | null;
  sniSection: string | null;
  helped: number;
  total: number;
};
type Cached = { loadedAt: number; groups: Group[]; stale: boolean };

const MAX_AGE_MS = 60_000;
const caches = new WeakMap<Db, Cached>();

async function groupsFor(db: Db, now: number): Promise<Group[]> {
  const cached = caches.get(db);
  if (cached && !cached.stale && now - cached.loadedAt < MAX_AGE_MS) return cached.groups;
  const groups = (await repository.outcomeGroups(db)).map((r) => ({
    offerId: r.offer_id,
    theme: r.theme,
    sizeBand: r.size_band,
    sniSection: r.sni_section,
    helped: Number(r.helped),
    total: Number(r.total),
  }));
  caches.set(db, { loadedAt: now, groups, stale: false });
  return groups;
}

/** Forgets the cached outcomes of this handle (after a referral closed or a company answered). */
export function invalidateOutcomes(db: Db): void {
  const cached = caches.get(db);
  if (cached) cached.stale = true;
}

/**
 * Outcomes per offer id for companies like this one: referrals of any of `themes`, and of the same size
 * band and SNI section when those are known (unknown: any). Empty when nothing similar has closed.
 */
export async function outcomeStatsFor(
  db: Db,
  similar: {
    themes: readonly string[];
    sizeBand?: string | null | undefined;
    sniSection?: string | null | undefined;
  },
  now = Date.now(),
): Promise<Map<string, { helped: number; total: number }>> {
  const result = new Map<string, { helped: number; total: number }>();
  if (similar.themes.length === 0) return result;
  const themes = new Set(similar.themes);
  for (const g of await groupsFor(db, now)) {
    if (g.theme === null || !themes.has(g.theme)) continue;
    if (similar.sizeBand && g.sizeBand !== similar.sizeBand) continue;
    if (similar.sniSection && g.sniSection !== similar.sniSection) continue;
    const sum = result.get(g.offerId) ?? { helped: 0, total: 0 };
    sum.helped += g.helped;
    sum.total += g.total;
    result.set(g.offerId, sum);
  }
  return result;
}
