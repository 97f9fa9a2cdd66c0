import type { Config } from "../config.ts";
import type { Db, DbKind } from "../db/client.ts";
import type { Locale } from "./i18n.ts";
import type { Logger } from "./logger.ts";

/** What `buildApp` needs from the outside world; tests pass their own. */
export type AppDeps = {
  config: Config;
  db: Db;
  dbKind: DbKind;
  logger: Logger;
  /** True when the app serves demonstration data; pages then say that the companies are fictional. */
  isDemo?: boolean;
};

/** Hono's context variables, set by the app's middleware for every request. */
export type AppEnv = {
  Variables: {
    deps: AppDeps;
    requestId: string;
    logger: Logger;
    locale: Locale;
  };
};
