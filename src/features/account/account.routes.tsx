import { type Context, Hono } from "hono";
import { setCookie } from "hono/cookie";
import { auditContext } from "#src/features/audit/audit.service.ts";
import { requireUser } from "#src/features/auth/auth.middleware.ts";
import {
  getNotificationMode,
  NotificationMode,
  setNotificationMode,
} from "#src/features/notifications/notifications.service.ts";
import type { AppEnv } from "#src/shared/app-env.ts";
import { AppError } from "#src/shared/errors.ts";
import { isLocale, LOCALE_COOKIE } from "#src/shared/i18n.ts";
import type { FormError } from "#src/shared/web/form-parts.tsx";
import { accountMessages } from "./account.messages.ts";
import {
  changeMyPassword,
  getMyAccount,
  MIN_PASSWORD_LENGTH,
  PasswordChangeInput,
  PasswordRuleError,
  ProfileInput,
  updateMyProfile,
} from "./account.service.ts";
import { renderAccountPage } from "./account.views.tsx";

function formString(value: unknown): string {
  return typeof value === "string" ? value : "";
}

async function show(
  c: Context<AppEnv>,
  options: {
    profile?: { name: string; locale: string };
    profileErrors?: FormError[];
    passwordErrors?: FormError[];
    notificationMode?: string;
    notificationErrors?: FormError[];
  } = {},
  status: 200 | 400 = 200,
) {
  const account = await getMyAccount(c.var.deps.db, c.var.actor);
  const notificationMode = options.notificationMode ?? (await getNotificationMode(c.var.deps.db, account.id));
  const t = accountMessages(c.var.locale);
  const done = c.req.query("klart");
  const notices = ["profile", "password", "notifications"] as const;
  const notice = notices.find((n) => n === done);
  return renderAccountPage(
    c,
    {
      account,
      profile: options.profile ?? { name: account.name, locale: account.locale },
      profileErrors: options.profileErrors ?? [],
      passwordErrors: options.passwordErrors ?? [],
      notificationMode,
      notificationErrors: options.notificationErrors ?? [],
      notice: status === 200 && notice ? t(`done.${notice}`) : undefined,
    },
    status,
  );
}

/** /konto: the signed-in person's own account. */
export function accountPages() {
  const app = new Hono<AppEnv>();

  app.get("/konto", requireUser, (c) => show(c));

  app.post("/konto", requireUser, async (c) => {
    const t = accountMessages(c.var.locale);
    const body = await c.req.parseBody();
    const profile = { name: formString(body.name), locale: formString(body.locale) };
    const parsed = ProfileInput.safeParse(profile);
    if (!parsed.success) {
      const fields = new Set(parsed.error.issues.map((i) => String(i.path[0])));
      const profileErrors: FormError[] = [];
      if (fields.has("name")) profileErrors.push({ fieldId: "account-name", message: t("error.name") });
      if (fields.has("locale")) profileErrors.push({ fieldId: "account-locale", message: t("error.locale") });
      return show(c, { profile, profileErrors }, 400);
    }
    const { actor, ...meta } = auditContext(c);
    await updateMyProfile(c.var.deps.db, actor, parsed.data, meta);
    // The interface follows the chosen language at once, as the language switch in the header does.
    if (isLocale(parsed.data.locale)) {
      setCookie(c, LOCALE_COOKIE, parsed.data.locale, {
        path: "/",
        maxAge: 60 * 60 * 24 * 365,
        sameSite: "Lax",
        httpOnly: true,
      });
    }
    return c.redirect("/konto?klart=profile", 303);
  });

  // The notification mode: one mail per event, or one summary a day (the notifications feature's digest).
  app.post("/konto/aviseringar", requireUser, async (c) => {
    const t = accountMessages(c.var.locale);
    const body = await c.req.parseBody();
    const mode = NotificationMode.safeParse(body.mode);
    if (!mode.success) {
      const notificationErrors = [{ fieldId: "account-notifications", message: t("error.notifications") }];
      return show(c, { notificationMode: formString(body.mode), notificationErrors }, 400);
    }
    const context = auditContext(c);
    if (context.actor.kind !== "user") throw new AppError("UNAUTHENTICATED", "Sign in to see your account.");
    await setNotificationMode(c.var.deps.db, context.actor.userId, mode.data, context);
    return c.redirect("/konto?klart=notifications", 303);
  });

  app.post("/konto/losenord", requireUser, async (c) => {
    const t = accountMessages(c.var.locale);
    const body = await c.req.parseBody();
    const input = {
      current: formString(body.current),
      next: formString(body.next),
      confirm: formString(body.confirm),
    };
    const messages = {
      current: t("error.current"),
      next: t("error.next.too-long"),
      confirm: t("error.confirm"),
    };
    const toErrors = (fields: Iterable<string>): FormError[] =>
      (["current", "next", "confirm"] as const)
        .filter((f) => [...fields].includes(f))
        .map((f) => ({ fieldId: `account-${f}`, message: messages[f] }));
    const parsed = PasswordChangeInput.safeParse(input);
    if (!parsed.success) {
      return show(c, { passwordErrors: toErrors(parsed.error.issues.map((i) => String(i.path[0]))) }, 400);
    }
    const { actor, ...meta } = auditContext(c);
    try {
      await changeMyPassword(c.var.deps.db, actor, parsed.data, meta);
    } catch (error) {
      if (error instanceof PasswordRuleError) {
        const message = t(`error.next.${error.problem}`, { min: MIN_PASSWORD_LENGTH });
        return show(c, { passwordErrors: [{ fieldId: "account-next", message }] }, 400);
      }
      if (
        error instanceof AppError &&
        error.code === "VALIDATION_FAILED" &&
        error.message.startsWith("current:")
      ) {
        return show(c, { passwordErrors: toErrors(["current"]) }, 400);
      }
      throw error;
    }
    return c.redirect("/konto?klart=password", 303);
  });

  return app;
}
