import type { Config } from "../config.ts";
import type { Db, DbKind } from "../db/client.ts";
import type { Actor } from "./auth/actor.ts";
import type { Locale } from "./i18n.ts";
import type { Logger } from "./logger.ts";
import type { NavigationLink } from "./web/layout.tsx";

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
    /** Who is asking: anonymous, a signed-in user (session cookie) or an API token (Bearer). */
    actor: Actor;
    /** The signed-in user's session, when there is one. */
    session: { idHash: string; userId: string } | undefined;
    /** The token every state-changing form must send back as `_csrf` (or header `x-csrf-token`). */
    csrfToken: string;
    /** The staff pages the signed-in actor may open, for the page shell's menu (empty when anonymous). */
    staffNavigation: readonly NavigationLink[];
  };
};
