import type { ReferralsT } from "#src/features/referrals/referrals.messages.ts";
import { formatDateTime } from "#src/features/referrals/referrals.views.tsx";
import { formatDate } from "#src/shared/i18n.ts";
import { Checkboxes, Input } from "#src/shared/web/form-fields.tsx";
import { CsrfField, ErrorSummary, type FormError, Notice, Section } from "#src/shared/web/form-parts.tsx";
import { TableScroll } from "#src/shared/web/table-scroll.tsx";
import { WEBHOOK_EVENT_TYPES, type WebhookDeliveryRecord, type WebhookRecord } from "./webhooks.service.ts";

// An organisation's lotsning settings (/admin/organisationer/:id/lotsning): response times in working
// days, and its webhooks with their recent deliveries. A signing secret is shown once, on the page that
// answers the request that made it, and never again (not in a list, not in a redirect's address).

/** The page's own path. */
export function lotsningSettingsPath(organisationId: string): string {
  return `/admin/organisationer/${organisationId}/lotsning`;
}

export type LotsningSettingsModel = {
  organisation: { id: string; name: string };
  /** The response times form's values as typed (a rejected form shows them back). */
  times: { responseDays: string; reminderDays: string };
  webhooks: (WebhookRecord & { deliveries: WebhookDeliveryRecord[] })[];
  /** The new webhook form's values as typed. */
  newHook: { url: string; events: string[] };
  errors: FormError[];
  /** A secret just made (a new webhook or a rotated key): shown this once. */
  secret?: { kind: "created" | "rotated"; url: string; secret: string } | undefined;
  notice?: string | undefined;
  csrfToken: string;
};

const eventLabel = (t: ReferralsT, type: string) =>
  (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type)
    ? t(`event.type.${type as (typeof WEBHOOK_EVENT_TYPES)[number]}`)
    : type;

function SmallPost(props: {
  action: string;
  csrfToken: string;
  label: string;
  srLabel: string;
  danger?: boolean;
}) {
  return (
    <form method="post" action={props.action} class="lots-inline-form">
      <CsrfField token={props.csrfToken} />
      <button
        class="ds-button"
        type="submit"
        data-variant="secondary"
        data-size="sm"
        data-color={props.danger ? "danger" : undefined}
      >
        {props.label}
        <span class="ds-sr-only">{props.srLabel}</span>
      </button>
    </form>
  );
}

function Deliveries({
  t,
  model,
  hook,
}: {
  t: ReferralsT;
  model: LotsningSettingsModel;
  hook: LotsningSettingsModel["webhooks"][number];
}) {
  const hookPath = `/admin/organisationer/${model.organisation.id}/webhooks/${hook.id}`;
  if (hook.deliveries.length === 0) return <p class="ds-paragraph">{t("hooks.deliveriesNone")}</p>;
  return (
    <TableScroll label={t("hooks.deliveriesCaption", { url: hook.url })}>
      <table class="ds-table" data-border>
        <caption>{t("hooks.deliveriesCaption", { url: hook.url })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("delivery.created")}</th>
            <th scope="col">{t("delivery.event")}</th>
            <th scope="col">{t("delivery.status")}</th>
            <th scope="col">{t("delivery.attempts")}</th>
            <th scope="col">{t("delivery.lastStatus")}</th>
            <th scope="col">{t("delivery.done")}</th>
          </tr>
        </thead>
        <tbody>
          {hook.deliveries.map((d) => (
            <tr>
              <th scope="row">{formatDateTime(d.createdAt)}</th>
              <td>{eventLabel(t, d.eventType)}</td>
              <td>
                {t(`delivery.${d.status}`)}
                {d.status === "failed" ? (
                  <SmallPost
                    action={`${hookPath}/leveranser/${d.id}/igen`}
                    csrfToken={model.csrfToken}
                    label={t("delivery.retry")}
                    srLabel={t("delivery.retryFor", {
                      event: eventLabel(t, d.eventType),
                      when: formatDateTime(d.createdAt),
                    })}
                  />
                ) : null}
              </td>
              <td>{d.attempts}</td>
              <td>{d.lastStatus === null ? (d.lastError ?? t("delivery.noAnswer")) : d.lastStatus}</td>
              <td>
                {d.deliveredAt
                  ? formatDateTime(d.deliveredAt)
                  : d.status === "pending"
                    ? t("delivery.next", { when: formatDateTime(d.nextAttemptAt) })
                    : "–"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Response times and webhooks of one organisation. */
export function LotsningSettingsView({ t, model }: { t: ReferralsT; model: LotsningSettingsModel }) {
  const { organisation } = model;
  const path = lotsningSettingsPath(organisation.id);
  const hooksPath = `/admin/organisationer/${organisation.id}/webhooks`;
  return (
    <div class="lots-stack">
      <p class="ds-paragraph">
        <a class="ds-link" href={`/admin/organisationer/${organisation.id}`}>
          {t("settings.back")}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        {t("settings.title", { organisation: organisation.name })}
      </h1>
      <p class="ds-paragraph">{t("settings.intro", { organisation: organisation.name })}</p>
      <Notice message={model.notice} />
      {model.secret ? (
        <div class="ds-alert" data-color="success" role="status">
          <h2 class="ds-heading" data-size="xs">
            {model.secret.kind === "created" ? t("hooks.created.heading") : t("hooks.rotated.heading")}
          </h2>
          <p class="ds-paragraph">
            <strong>{t("hooks.secret.warning")}</strong>
          </p>
          <p class="ds-paragraph" id="webhook-secret-label">
            {t("hooks.secret.label", { url: model.secret.url })}:
          </p>
          <p class="ds-paragraph">
            <code id="webhook-secret">{model.secret.secret}</code>
          </p>
          {model.secret.kind === "rotated" ? <p class="ds-paragraph">{t("hooks.rotated.old")}</p> : null}
        </div>
      ) : null}
      <ErrorSummary id="lotsning-errors" heading={t("error.heading")} errors={model.errors} />

      <Section id="times-heading" heading={t("times.heading")}>
        <p class="ds-paragraph">{t("times.intro")}</p>
        <form method="post" action={`${path}/svarstider`} class="lots-stack" novalidate>
          <CsrfField token={model.csrfToken} />
          <Input
            id="times-responseDays"
            name="responseDays"
            label={t("times.responseDays")}
            hint={t("times.responseDaysHint")}
            value={model.times.responseDays}
            inputmode="numeric"
            autocomplete="off"
            errors={model.errors}
          />
          <Input
            id="times-reminderDays"
            name="reminderDays"
            label={t("times.reminderDays")}
            hint={t("times.reminderDaysHint")}
            value={model.times.reminderDays}
            inputmode="numeric"
            autocomplete="off"
            errors={model.errors}
          />
          <div class="lots-actions">
            <button class="ds-button" type="submit" data-variant="primary">
              {t("times.submit")}
            </button>
          </div>
        </form>
      </Section>

      <Section id="hooks-heading" heading={t("hooks.heading")}>
        <p class="ds-paragraph">{t("hooks.intro", { organisation: organisation.name })}</p>
        {model.webhooks.length === 0 ? (
          <p class="ds-paragraph">{t("hooks.none")}</p>
        ) : (
          <div class="lots-stack">
            {model.webhooks.map((hook) => {
              const hookPath = `${hooksPath}/${hook.id}`;
              const sr = t("hooks.actionsFor", { url: hook.url });
              return (
                <section class="lots-card lots-stack" aria-labelledby={`hook-${hook.id}`}>
                  <h3 class="ds-heading" data-size="xs" id={`hook-${hook.id}`}>
                    {t("hooks.one", { url: hook.url })}
                  </h3>
                  <dl class="lots-answers">
                    <dt>{t("hooks.state")}</dt>
                    <dd>
                      <strong>{hook.isActive ? t("hooks.active") : t("hooks.paused")}</strong>
                    </dd>
                    <dt>{t("hooks.events")}</dt>
                    <dd>
                      {hook.events.length === 0
                        ? t("hooks.allEvents")
                        : hook.events.map((e) => eventLabel(t, e)).join(", ")}
                    </dd>
                    <dt>{t("hooks.created")}</dt>
                    <dd>{formatDate(hook.createdAt)}</dd>
                  </dl>
                  <div class="lots-actions">
                    <SmallPost
                      action={`${hookPath}/rotera`}
                      csrfToken={model.csrfToken}
                      label={t("hooks.rotate")}
                      srLabel={sr}
                    />
                    {hook.isActive ? (
                      <SmallPost
                        action={`${hookPath}/pausa`}
                        csrfToken={model.csrfToken}
                        label={t("hooks.pause")}
                        srLabel={sr}
                      />
                    ) : (
                      <SmallPost
                        action={`${hookPath}/aktivera`}
                        csrfToken={model.csrfToken}
                        label={t("hooks.activate")}
                        srLabel={sr}
                      />
                    )}
                    <SmallPost
                      action={`${hookPath}/ta-bort`}
                      csrfToken={model.csrfToken}
                      label={t("hooks.delete")}
                      srLabel={sr}
                      danger
                    />
                  </div>
                  <h4 class="ds-heading" data-size="2xs">
                    {t("hooks.deliveries")}
                  </h4>
                  <Deliveries t={t} model={model} hook={hook} />
                </section>
              );
            })}
          </div>
        )}
      </Section>

      <Section id="hooks-add-heading" heading={t("hooks.add")}>
        <form method="post" action={hooksPath} class="lots-stack" novalidate>
          <CsrfField token={model.csrfToken} />
          <Input
            id="hook-url"
            name="url"
            type="url"
            label={t("hooks.urlLabel")}
            hint={t("hooks.urlHint")}
            value={model.newHook.url}
            autocomplete="off"
            errors={model.errors}
          />
          <Checkboxes
            id="hook-events"
            name="events"
            legend={t("hooks.eventsLegend")}
            hint={t("hooks.eventsHint")}
            options={WEBHOOK_EVENT_TYPES.map((type) => ({ value: type, label: eventLabel(t, type) }))}
            selected={model.newHook.events}
            errors={model.errors}
          />
          <div class="lots-actions">
            <button class="ds-button" type="submit" data-variant="primary">
              {t("hooks.submit")}
            </button>
          </div>
        </form>
      </Section>

      <Section id="hooks-sign-heading" heading={t("sign.heading")}>
        <p class="ds-paragraph">{t("sign.header")}</p>
        <pre class="lots-mail-source">
          <code>lots-signature: t=1796000000,v1=5f2b…</code>
        </pre>
        <p class="ds-paragraph">{t("sign.explain")}</p>
        <pre class="lots-mail-source">
          <code>v1 = hex(HMAC_SHA256(key = "whsec_…", message = t + "." + body))</code>
        </pre>
        <ul class="ds-list">
          <li>{t("sign.steps1")}</li>
          <li>{t("sign.steps2")}</li>
          <li>{t("sign.steps3")}</li>
          <li>{t("sign.steps4")}</li>
        </ul>
      </Section>
    </div>
  );
}
