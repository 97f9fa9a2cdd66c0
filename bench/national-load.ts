// HTTP load and memory sampling for the national-scale benchmark (bench/national.ts): closed-loop workers that
// send a fixed number of requests per route and time each one, and a sampler of the server's resident memory.

import { readFileSync } from "node:fs";
import http from "node:http";

/** One request to send: path, and for a POST its JSON body; headers added to every request of a route. */
export type RequestSpec = { method: "GET" | "POST"; path: string; body?: string };

export type RouteLoad = {
  name: string;
  requests: number;
  concurrency: number;
  headers?: Record<string, string>;
  /** The i-th request. */
  make: (i: number) => RequestSpec;
  /** Spread requests over loopback source addresses (a per-address rate limit, as the match API has). */
  manyAddresses?: boolean;
  /** Requests sent before measuring (JIT, pools, caches); default min(20, requests). */
  warmup?: number;
  /** A request not answered within this many ms fails (default 60,000). */
  timeoutMs?: number;
};

export type RouteResult = {
  name: string;
  requests: number;
  concurrency: number;
  failures: number;
  firstFailure?: string;
  p50: number;
  p99: number;
  mean: number;
  rps: number;
};

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

// Loopback is 127.0.0.0/8 on Linux: 250 source addresses, each with its own keep-alive agent.
const ADDRESSES = Array.from({ length: 250 }, (_, i) => ({
  agent: new http.Agent({ keepAlive: true, maxSockets: 4 }),
  localAddress: `127.0.0.${i + 2}`,
}));
const MAIN = { agent: new http.Agent({ keepAlive: true, maxSockets: 64 }), localAddress: undefined };

/**
 * One request; a request on a reused keep-alive connection that the server closed at that moment (ECONNRESET
 * on `reusedSocket`) is sent once more, as browsers do: that race is the client's, not a failed request.
 */
async function send(
  baseUrl: string,
  spec: RequestSpec,
  headers: Record<string, string>,
  via: { agent: http.Agent; localAddress: string | undefined },
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  try {
    return await sendOnce(baseUrl, spec, headers, via, timeoutMs);
  } catch (error) {
    if ((error as { staleSocket?: boolean }).staleSocket)
      return sendOnce(baseUrl, spec, headers, via, timeoutMs);
    throw error;
  }
}

function sendOnce(
  baseUrl: string,
  spec: RequestSpec,
  headers: Record<string, string>,
  via: { agent: http.Agent; localAddress: string | undefined },
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseUrl}${spec.path}`,
      {
        method: spec.method,
        headers: spec.body ? { ...headers, "content-type": "application/json" } : headers,
        agent: via.agent,
        ...(via.localAddress ? { localAddress: via.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (req.reusedSocket && error.code === "ECONNRESET") Object.assign(error, { staleSocket: true });
      reject(error);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    if (spec.body) req.write(spec.body);
    req.end();
  });
}

/**
 * Sends `route.requests` requests from `route.concurrency` workers, each waiting for its answer before the next
 * (closed loop), starting at request number `offset`. Anything but a 2xx is a failure.
 */
export async function runRoute(baseUrl: string, route: RouteLoad, offset = 0): Promise<RouteResult> {
  const times: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= route.requests) return;
      const n = offset + i;
      const via = route.manyAddresses ? ADDRESSES[n % ADDRESSES.length]! : MAIN;
      const t0 = performance.now();
      try {
        const answer = await send(
          baseUrl,
          route.make(n),
          route.headers ?? {},
          via,
          route.timeoutMs ?? 60_000,
        );
        times.push(performance.now() - t0);
        if (answer.status < 200 || answer.status > 299) {
          failures++;
          firstFailure ??= `${answer.status} ${answer.text.slice(0, 300)}`;
        }
      } catch (error) {
        failures++;
        firstFailure ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: route.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    name: route.name,
    requests: route.requests,
    concurrency: route.concurrency,
    failures,
    ...(firstFailure ? { firstFailure } : {}),
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
    rps: route.requests / seconds,
  };
}

/** The resident set size of process `pid` in MiB (VmRSS of /proc/PID/status). */
export function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak. */
export function sampleRss(pid: number, everyMs = 100): { stop(): number } {
  let peak = rssMiB(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, rssMiB(pid));
    } catch {
      // The process ended; the peak so far stands.
    }
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}
