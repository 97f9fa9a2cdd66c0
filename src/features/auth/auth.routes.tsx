import { type Context, Hono } from "hono";
import { waitText } from "#src/features/rate-limit/rate-limit.messages.ts";
import { clientIp, rateLimit } from "#src/features/rate-limit/rate-limit.service.ts";
import { DEMO_PASSWORD, listDemoUsers } from "#src/features/users/users.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import {
  renderForgotPage,
  renderForgotSent,
  renderInvitePage,
  renderLoginLinkPage,
  renderResetPage,
} from "./auth.link-views.tsx";
import { authMessages } from "./auth.messages.ts";
import { clearSessionCookie, safeLocalPath, sessionCookie, setSessionCookie } from "./auth.middleware.ts";
import {
  acceptInvitation,
  describeTokenLink,
  normaliseEmail,
  requestPasswordHelp,
  resetPassword,
  type SignInResult,
  signInWithLink,
  signInWithPassword,
  signOut,
  type TokenSignInResult,
} from "./auth.service.ts";
import { renderInvalidLink, renderLoginPage, renderSignedInPage } from "./auth.views.tsx";

/** Where a successful sign-in goes when no (safe) `next` is given. */
export const AFTER_SIGN_IN = "/konto";

/** Limits of the forgotten-password form: per client address and per e-mail address. */
export const PASSWORD_HELP_LIMITS = {
  perIp: { limit: 20, windowSeconds: 15 * 60 },
  perEmail: { limit: 3, windowSeconds: 15 * 60 },
} as const;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function field(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === "string" ? value : "";
}

function meta(c: Context<AppEnv>) {
  return { ip: clientIp(c), userAgent: c.req.header("user-agent"), requestId: c.var.requestId };
}

async function demoModel(c: Context<AppEnv>) {
  if (!c.var.deps.isDemo) return undefined;
  return { users: await listDemoUsers(c.var.deps.db), password: DEMO_PASSWORD };
}

/** After a sign-in by a one-time link: the new session's cookie, and on to the account page. */
function finishTokenSignIn(
  c: Context<AppEnv>,
  result: TokenSignInResult & { kind: "signed-in" },
  to = AFTER_SIGN_IN,
) {
  setSessionCookie(c, result.session.sessionId);
  return c.redirect(to, 303);
}

function passwordErrors(
  c: Context<AppEnv>,
  password: string,
  confirm: string,
  result?: TokenSignInResult,
): FormError[] {
  const t = authMessages(c.var.locale);
  const errors: FormError[] = [];
  if (result?.kind === "weak-password")
    errors.push({ fieldId: "password", message: t(`password.${result.problem}`) });
  else if (password === "") errors.push({ fieldId: "password", message: t("password.too-short") });
  if (errors.length === 0 && password !== confirm)
    errors.push({ fieldId: "confirm", message: t("error.confirm") });
  return errors;
}

/**
 * The sign-in pages: /logga-in, /logga-ut, /glomt-losenord, /aterstall/:token, /inbjudan/:token and
 * /inloggningslank/:token. Every form carries the CSRF token; every success starts a new session.
 */
export function authRoutes() {
  const app = new Hono<AppEnv>();

  app.get("/logga-in", async (c) => {
    const t = authMessages(c.var.locale);
    const notice = c.req.query("utloggad") !== undefined ? t("login.loggedOut") : undefined;
    if (c.var.actor.kind === "user") return renderSignedInPage(c, c.var.actor);
    return renderLoginPage(c, { next: safeLocalPath(c.req.query("next")), notice, demo: await demoModel(c) });
  });

  app.post("/logga-in", async (c) => {
    const t = authMessages(c.var.locale);
    const body = await c.req.parseBody();
    const email = field(body, "email").trim();
    const password = field(body, "password");
    const next = safeLocalPath(c.req.query("next"));
    const again = async (errors: FormError[], status: 400 | 401 | 429) =>
      renderLoginPage(c, { email, next, errors, demo: await demoModel(c) }, status);

    const errors: FormError[] = [];
    if (email === "") errors.push({ fieldId: "email", message: t("error.emailMissing") });
    if (password === "") errors.push({ fieldId: "password", message: t("error.passwordMissing") });
    if (errors.length > 0) return again(errors, 400);

    const result: SignInResult = await signInWithPassword(c.var.deps.db, {
      email,
      password,
      replacingSessionId: sessionCookie(c),
      ...meta(c),
    });
    if (result.kind === "rate-limited") {
      c.header("Retry-After", String(result.retryAfterSeconds));
      const wait = waitText(c.var.locale, result.retryAfterSeconds);
      return again([{ fieldId: "email", message: t("error.rateLimited", { wait }) }], 429);
    }
    if (result.kind === "invalid") return again([{ fieldId: "email", message: t("error.invalid") }], 401);
    setSessionCookie(c, result.session.sessionId);
    return c.redirect(next ?? AFTER_SIGN_IN, 303);
  });

  app.post("/logga-ut", async (c) => {
    const cookie = sessionCookie(c);
    if (cookie !== undefined) {
      const actor = c.var.actor.kind === "user" ? c.var.actor : undefined;
      await signOut(c.var.deps.db, { sessionId: cookie, actor, ...meta(c) });
    }
    clearSessionCookie(c);
    return c.redirect("/logga-in?utloggad", 303);
  });

  app.get("/glomt-losenord", (c) => renderForgotPage(c, {}));

  app.post(
    "/glomt-losenord",
    rateLimit({ name: "password-help-ip", ...PASSWORD_HELP_LIMITS.perIp, key: (c) => clientIp(c) }),
    rateLimit({
      name: "password-help-email",
      ...PASSWORD_HELP_LIMITS.perEmail,
      key: async (c) => normaliseEmail(field(await c.req.parseBody(), "email")) || undefined,
    }),
    async (c) => {
      const t = authMessages(c.var.locale);
      const body = await c.req.parseBody();
      const email = field(body, "email").trim();
      const kind = field(body, "kind") === "link" ? "link" : "reset";
      if (!EMAIL.test(email) || email.length > 254) {
        const message = email === "" ? t("error.emailMissing") : t("error.emailInvalid");
        return renderForgotPage(c, { email, kind, errors: [{ fieldId: "email", message }] }, 400);
      }
      const { publicUrl, networkName } = c.var.deps.config;
      await requestPasswordHelp(c.var.deps.db, { email, kind, publicUrl, networkName, ...meta(c) });
      return renderForgotSent(c, email);
    },
  );

  app.get("/aterstall/:token", async (c) => {
    const token = c.req.param("token");
    const target = await describeTokenLink(c.var.deps.db, token, "password-reset");
    if (!target) return renderInvalidLink(c, "password-help");
    return renderResetPage(c, { token, email: target.email });
  });

  app.post("/aterstall/:token", async (c) => {
    const token = c.req.param("token");
    const body = await c.req.parseBody();
    const password = field(body, "password");
    const confirm = field(body, "confirm");
    const target = await describeTokenLink(c.var.deps.db, token, "password-reset");
    if (!target) return renderInvalidLink(c, "password-help");
    const early = passwordErrors(c, password, confirm);
    if (early.length > 0) return renderResetPage(c, { token, email: target.email, errors: early }, 400);
    const result = await resetPassword(c.var.deps.db, { token, password, ...meta(c) });
    if (result.kind === "invalid-token") return renderInvalidLink(c, "password-help");
    if (result.kind === "weak-password") {
      return renderResetPage(
        c,
        { token, email: target.email, errors: passwordErrors(c, password, confirm, result) },
        400,
      );
    }
    return finishTokenSignIn(c, result);
  });

  app.get("/inbjudan/:token", async (c) => {
    const token = c.req.param("token");
    const target = await describeTokenLink(c.var.deps.db, token, "invitation");
    if (!target) return renderInvalidLink(c, "invitation");
    return renderInvitePage(c, { token, email: target.email, name: target.name });
  });

  app.post("/inbjudan/:token", async (c) => {
    const t = authMessages(c.var.locale);
    const token = c.req.param("token");
    const body = await c.req.parseBody();
    const name = field(body, "name").trim();
    const password = field(body, "password");
    const confirm = field(body, "confirm");
    const target = await describeTokenLink(c.var.deps.db, token, "invitation");
    if (!target) return renderInvalidLink(c, "invitation");
    const errors: FormError[] = name === "" ? [{ fieldId: "name", message: t("error.nameMissing") }] : [];
    errors.push(...passwordErrors(c, password, confirm));
    if (errors.length > 0) return renderInvitePage(c, { token, email: target.email, name, errors }, 400);
    const result = await acceptInvitation(c.var.deps.db, {
      token,
      name,
      password,
      replacingSessionId: sessionCookie(c),
      ...meta(c),
    });
    if (result.kind === "invalid-token") return renderInvalidLink(c, "invitation");
    if (result.kind === "weak-password") {
      const weak = passwordErrors(c, password, confirm, result);
      return renderInvitePage(c, { token, email: target.email, name, errors: weak }, 400);
    }
    return finishTokenSignIn(c, result);
  });

  app.get("/inloggningslank/:token", async (c) => {
    const token = c.req.param("token");
    const target = await describeTokenLink(c.var.deps.db, token, "login-link");
    if (!target) return renderInvalidLink(c, "password-help");
    return renderLoginLinkPage(c, { token, email: target.email });
  });

  app.post("/inloggningslank/:token", async (c) => {
    const result = await signInWithLink(c.var.deps.db, {
      token: c.req.param("token"),
      replacingSessionId: sessionCookie(c),
      ...meta(c),
    });
    if (result.kind !== "signed-in") return renderInvalidLink(c, "password-help");
    return finishTokenSignIn(c, result);
  });

  return app;
}
