import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** The environment Lots reads, parsed once at start. Every other module gets a `Config`, never `process.env`. */
const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    DATA_DIR: z.string().min(1).default("./data"),
    LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    NETWORK_NAME: z.string().min(1).default("Företagslots Örebro län"),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    MAIL_FROM: z.string().min(3).default("Lots <no-reply@lots.invalid>"),
    SEED_DEMO_ON_FIRST_START: z
      .enum(["true", "false"])
      .default("true")
      .transform((value) => value === "true"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production" });
    }
    if (env.NODE_ENV === "production" && !env.PUBLIC_URL) {
      ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "is required in production" });
    }
  });

export type Config = Readonly<{
  env: "development" | "production" | "test";
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: (typeof LOG_LEVELS)[number];
  publicUrl: string;
  sessionSecret: string;
  networkName: string;
  seedDemoOnFirstStart: boolean;
  /** Where mail is sent; unset means mail stays in the outbox (development: readable at /dev/mail). */
  smtpUrl: string | undefined;
  mailFrom: string;
}>;

/** Thrown when the environment is invalid; lists every problem at once so an operator fixes them in one go. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Parses the environment into a frozen `Config`, or throws `ConfigError` naming every bad variable.
 * In development and test, a missing SESSION_SECRET is generated once and kept in `DATA_DIR/secrets.json`
 * so sessions survive restarts without the operator having to invent a secret.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const env = parsed.data;
  const dataDir = path.resolve(env.DATA_DIR);
  const sessionSecret = env.SESSION_SECRET ?? readOrCreateDevSecret(dataDir);
  const displayHost = env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
  return Object.freeze({
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    dataDir,
    logLevel: env.LOG_LEVEL,
    publicUrl: (env.PUBLIC_URL ?? `http://${displayHost}:${env.PORT}`).replace(/\/$/, ""),
    sessionSecret,
    networkName: env.NETWORK_NAME,
    seedDemoOnFirstStart: env.SEED_DEMO_ON_FIRST_START,
    smtpUrl: env.SMTP_URL,
    mailFrom: env.MAIL_FROM,
  });
}

function readOrCreateDevSecret(dataDir: string): string {
  const file = path.join(dataDir, "secrets.json");
  if (existsSync(file)) {
    const stored = z
      .object({ sessionSecret: z.string().min(32) })
      .safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (stored.success) return stored.data.sessionSecret;
  }
  mkdirSync(dataDir, { recursive: true });
  const sessionSecret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${JSON.stringify({ sessionSecret }, null, 2)}\n`, { mode: 0o600 });
  return sessionSecret;
}
