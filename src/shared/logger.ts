import pino, { type Logger } from "pino";

export type { Logger };

/** Creates the root pino logger; children carry `requestId`, `jobId` and the like. Logs ids, never bodies. */
export function createLogger(options: { level: string; pretty?: boolean }): Logger {
  return pino({
    level: options.level,
    base: { service: "lots" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ["req.headers.authorization", "req.headers.cookie"], remove: true },
  });
}
