// autocannon ships no types; this declares the part of its programmatic API the benchmark uses.
declare module "autocannon" {
  export type Options = {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    pipelining?: number;
    /** Seconds before a request counts as a timeout. */
    timeout?: number;
    title?: string;
    /** The sequence each connection repeats; `setupRequest` may change a request before it is sent. */
    requests?: {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      setupRequest?: (request: RawRequest, context: Record<string, unknown>) => RawRequest;
    }[];
  };

  /** A request as `setupRequest` sees it; autocannon sets Content-Length from the body. */
  export type RawRequest = {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
  };

  /** Per-second request counts (`requests`) or per-request latencies in ms (`latency`). */
  export type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
  };

  export type Result = {
    duration: number;
    errors: number;
    timeouts: number;
    mismatches: number;
    non2xx: number;
    resets: number;
    "2xx": number;
    statusCodeStats: Record<string, { count: number }>;
    latency: Histogram;
    requests: Histogram & { sent: number };
  };

  /** Runs a load test; resolves with its result when no callback is given. */
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
