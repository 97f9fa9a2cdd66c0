// The crash test's clients: companies sending the public needs form. Each submission has its own
// idempotency key (the form's hidden field) and its own org number; a client sends it again — same key,
// same body — until the server acknowledges it with the redirect to the thank-you page.

import { luhnCheckDigit } from "#src/shared/org-number.ts";

/** How the clients reach the form and how long they keep trying. */
export type ClientSettings = {
  baseUrl: () => string;
  roundSlug: string;
  runId: string;
  submissions: number;
  clients: number;
  /** Per attempt: a request the killed server never answers fails after this long and is sent again. */
  attemptTimeoutMs: number;
  /** False once the run must stop retrying (its time limit, or a restart that failed), so it always ends. */
  active: () => boolean;
  /** Called after every acknowledgement with the running count. */
  onAcknowledged?: (count: number) => void;
};

/** What the clients saw. Every submission ends acknowledged, rejected (a 4xx) or given up (run stopped). */
export type ClientStats = {
  acknowledged: Set<string>;
  /** Acknowledged on a retry with "replayed": stored before the kill, the answer lost with the process. */
  replayed: number;
  /** Acknowledged only after at least one failed attempt. */
  acknowledgedAfterRetry: number;
  attempts: number;
  connectionErrors: number;
  serverErrors: number;
  rejected: { key: string; status: number; body: string }[];
  gaveUp: string[];
};

/** The idempotency key of submission `n` in this run. */
export function submissionKey(runId: string, n: number): string {
  return `crash-${runId}-${n}`;
}

/** A valid aktiebolag org number, unique per submission: 559 + six digits + the Luhn digit. */
export function submissionOrgNumber(n: number): string {
  const nine = `559${String(n).padStart(6, "0")}`;
  return `${nine}${luhnCheckDigit(nine)}`;
}

/** The form fields of submission `n`, as the form page's fields would be filled in. */
export function submissionFields(n: number): [string, string][] {
  return [
    ["company.orgNumber", submissionOrgNumber(n)],
    ["company.name", `Krocktestbolaget ${n} AB`],
    ["company.postalCode", "713 31"],
    ["company.sizeBand", "10-19"],
    ["answers.areas", "financing"],
    ["answers.areas", "digitalisation"],
    ["answers.staff", "yes-now"],
    ["answers.channels", "export"],
    ["answers.energy", "yes"],
    ["answers.other", `Svar nummer ${n}: vi behöver finansiering & folk < 6 mån.`],
    ["answers.contact.name", "Anna Svensson"],
    ["answers.contact.email", `anna@krocktest-${n}.example`],
    ["answers.consent.contactAndReferral", "yes"],
    ["answers.consent.statistics", "yes"],
  ];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Visitor = { cookie: string; csrf: string; versionId: string };

/** Opens the form like a browser: the CSRF cookie and token, and the version the form was drawn from. */
async function openForm(settings: ClientSettings): Promise<Visitor> {
  while (settings.active()) {
    try {
      const response = await fetch(`${settings.baseUrl()}/behov/${settings.roundSlug}`, {
        signal: AbortSignal.timeout(settings.attemptTimeoutMs),
      });
      const html = await response.text();
      const cookie = /lots_csrf=[^;]+/.exec(response.headers.get("set-cookie") ?? "")?.[0];
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
      const versionId = /name="versionId" value="([^"]+)"/.exec(html)?.[1];
      if (response.status === 200 && cookie && csrf && versionId) return { cookie, csrf, versionId };
      if (response.status < 500) throw new Error(`the form answered ${response.status}`);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith("the form answered")) throw error;
    }
    await sleep(100);
  }
  throw new Error("the form never opened while the run was active");
}

/** Whether the thank-you cookie says the server had stored this key before (a replay). */
function wasReplay(setCookie: string): boolean {
  const raw = /lots_intake_done=([^;]+)/.exec(setCookie)?.[1];
  if (!raw) return false;
  try {
    return decodeURIComponent(raw).includes('"replayed":true');
  } catch {
    return false;
  }
}

async function submitUntilAcknowledged(
  settings: ClientSettings,
  visitor: Visitor,
  n: number,
  stats: ClientStats,
): Promise<void> {
  const key = submissionKey(settings.runId, n);
  const body = new URLSearchParams([
    ["_csrf", visitor.csrf],
    ["idempotencyKey", key],
    ["versionId", visitor.versionId],
    ...submissionFields(n),
  ]).toString();
  const thanks = `/behov/${settings.roundSlug}/tack`;
  let failures = 0;
  while (settings.active()) {
    stats.attempts++;
    try {
      const response = await fetch(`${settings.baseUrl()}/behov/${settings.roundSlug}/skicka`, {
        method: "POST",
        body,
        redirect: "manual",
        headers: { cookie: visitor.cookie, "content-type": "application/x-www-form-urlencoded" },
        signal: AbortSignal.timeout(settings.attemptTimeoutMs),
      });
      const text = await response.text();
      if (response.status === 303 && response.headers.get("location")?.endsWith(thanks)) {
        stats.acknowledged.add(key);
        if (failures > 0) stats.acknowledgedAfterRetry++;
        if (wasReplay(response.headers.get("set-cookie") ?? "")) stats.replayed++;
        settings.onAcknowledged?.(stats.acknowledged.size);
        return;
      }
      if (response.status >= 500 || response.status === 429) stats.serverErrors++;
      else {
        // A refusal that sending the same body again cannot change: the test reports it as a failure.
        stats.rejected.push({ key, status: response.status, body: text.slice(0, 300) });
        return;
      }
    } catch {
      stats.connectionErrors++; // refused, reset or timed out: the client was never told yes
    }
    failures++;
    await sleep(Math.min(50 * failures, 500));
  }
  stats.gaveUp.push(key);
}

function emptyStats(): ClientStats {
  return {
    acknowledged: new Set(),
    replayed: 0,
    acknowledgedAfterRetry: 0,
    attempts: 0,
    connectionErrors: 0,
    serverErrors: 0,
    rejected: [],
    gaveUp: [],
  };
}

/**
 * Sends the given submissions once more, after the run, from one new visitor: each must be acknowledged
 * as a replay (stored once already, nothing new stored). Checks idempotency on its own, and that the
 * test's replay detection works.
 */
export async function resendSubmissions(settings: ClientSettings, numbers: number[]): Promise<ClientStats> {
  const stats = emptyStats();
  const visitor = await openForm(settings);
  for (const n of numbers) await submitUntilAcknowledged(settings, visitor, n, stats);
  return stats;
}

/**
 * Sends submissions 0 … submissions-1 from `clients` concurrent clients (each with its own visitor
 * cookie), every one retried until acknowledged or the run stops; returns what they saw.
 */
export async function runClients(settings: ClientSettings): Promise<ClientStats> {
  const stats = emptyStats();
  let next = 0;
  const client = async () => {
    const visitor = await openForm(settings);
    while (next < settings.submissions) {
      const n = next++;
      await submitUntilAcknowledged(settings, visitor, n, stats);
    }
  };
  await Promise.all(Array.from({ length: settings.clients }, client));
  return stats;
}
