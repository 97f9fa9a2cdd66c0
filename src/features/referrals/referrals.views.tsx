import type { Child } from "hono/jsx";
import { CONTACT_CHANNELS } from "#src/features/cases/cases.schemas.ts";
import type { Contact } from "#src/features/companies/companies.intake.schemas.ts";
import type { Company } from "#src/features/companies/companies.schemas.ts";
import type { Need } from "#src/features/needs/needs.schemas.ts";
import { formatDate, formatNumber, type Locale, pick } from "#src/shared/i18n.ts";
import { formatOrgNumber } from "#src/shared/org-number.ts";
import { Radios, Select, TextArea } from "#src/shared/web/form-fields.tsx";
import {
  CsrfField,
  describedBy,
  ErrorSummary,
  type FormError,
  fieldError,
  Notice,
  Section,
  ValidationMessage,
} from "#src/shared/web/form-parts.tsx";
import { TableScroll } from "#src/shared/web/table-scroll.tsx";
import type { ReferralsT } from "./referrals.messages.ts";
import { DECLINE_REASONS, REFERRAL_OUTCOMES, REFERRAL_STATUSES } from "./referrals.schemas.ts";
import type { ReferralRow } from "./referrals.service.ts";

// The partner inbox (/admin/inkorg) and one referral (/admin/hanvisningar/:id). Everything a company or a
// colleague typed is rendered as text (JSX escapes it). Status is always said in words, never by colour.

const TZ = "Europe/Stockholm";
const MONTHS_SV = ["jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt", "nov", "dec"];
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** 2026-11-29 14:02 in Stockholm time. */
export function formatDateTime(value: Date): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: TZ, dateStyle: "short", timeStyle: "short" }).format(
    value,
  );
}

/** "29 nov 2026 kl. 14:02" (sv) or "29 Nov 2026 at 14:02" (en), in Stockholm time. */
export function formatWhen(t: ReferralsT, locale: Locale, value: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("sv-SE", {
      timeZone: TZ,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(value)
      .map((p) => [p.type, p.value]),
  );
  const month = (locale === "en" ? MONTHS_EN : MONTHS_SV)[Number(parts.month) - 1];
  return t("when.at", {
    date: `${Number(parts.day)} ${month} ${parts.year}`,
    time: `${parts.hour}:${parts.minute}`,
  });
}

/** Whether a referral still waits for its first answer past the deadline. */
export function isOverdue(row: Pick<ReferralRow, "status" | "respond_by">, now: Date): boolean {
  return row.status === "sent" && row.respond_by.getTime() < now.getTime();
}

const offerName = (row: ReferralRow, locale: Locale) => pick(locale, row.offer_name, row.offer_name_en);

// ---- The inbox -------------------------------------------------------------------------------------------

export type InboxModel = {
  side: "inbox" | "sent";
  showSentTab: boolean;
  status: string;
  mine: boolean;
  items: ReferralRow[];
  total: number;
  page: number;
  pageSize: number;
  now: Date;
  locale: Locale;
};

export function inboxHref(model: Pick<InboxModel, "side" | "status" | "mine">, page = 1): string {
  const params = new URLSearchParams();
  if (model.side === "sent") params.set("side", "sent");
  if (model.status !== "open") params.set("status", model.status);
  if (model.mine) params.set("mine", "true");
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/admin/inkorg?${query}` : "/admin/inkorg";
}

/** The partner inbox (referrals to the user's organisations) or the referrals sent from their cases. */
export function InboxView({ t, model }: { t: ReferralsT; model: InboxModel }) {
  const pages = Math.max(1, Math.ceil(model.total / model.pageSize));
  const statusOptions = [
    { value: "open", label: t("filter.status.open") },
    ...REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
    { value: "any", label: t("filter.status.any") },
  ];
  const tab = (side: "inbox" | "sent") => (
    <a
      class="ds-link"
      href={inboxHref({ side, status: "open", mine: false })}
      aria-current={model.side === side ? "page" : undefined}
    >
      {model.side === side ? <strong>{t(`inbox.tab.${side}`)}</strong> : t(`inbox.tab.${side}`)}
    </a>
  );
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("inbox.title")}
      </h1>
      {model.showSentTab ? (
        <nav aria-label={t("inbox.tabs")} class="lots-actions">
          {tab("inbox")}
          {tab("sent")}
        </nav>
      ) : null}
      <p class="ds-paragraph">{model.side === "sent" ? t("inbox.sentIntro") : t("inbox.intro")}</p>
      <form method="get" action="/admin/inkorg" class="lots-stack" aria-labelledby="inbox-filter-heading">
        <h2 class="ds-heading" data-size="xs" id="inbox-filter-heading">
          {t("filter.heading")}
        </h2>
        {model.side === "sent" ? <input type="hidden" name="side" value="sent" /> : null}
        <div class="lots-grid">
          <Select
            id="filter-status"
            name="status"
            label={t("filter.status")}
            value={model.status}
            options={statusOptions}
            errors={[]}
          />
          <div class="ds-field">
            <input
              class="ds-input"
              type="checkbox"
              id="filter-mine"
              name="mine"
              value="true"
              checked={model.mine}
            />
            <label class="ds-label" data-weight="regular" for="filter-mine">
              {t("filter.mine")}
            </label>
          </div>
        </div>
        <div class="lots-actions">
          <button class="ds-button" type="submit" data-variant="primary">
            {t("filter.submit")}
          </button>
        </div>
      </form>
      <p class="ds-paragraph" role="status">
        {model.total === 1 ? t("inbox.countOne") : t("inbox.count", { count: formatNumber(model.total) })}
      </p>
      {model.items.length === 0 ? (
        <p class="ds-paragraph">{t("inbox.none")}</p>
      ) : (
        <TableScroll label={model.side === "sent" ? t("inbox.captionSent") : t("inbox.caption")}>
          <table class="ds-table" data-border>
            <caption>{model.side === "sent" ? t("inbox.captionSent") : t("inbox.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("col.company")}</th>
                <th scope="col">{t("col.offer")}</th>
                <th scope="col">{model.side === "sent" ? t("col.to") : t("col.from")}</th>
                <th scope="col">{t("col.status")}</th>
                <th scope="col">{t("col.sent")}</th>
                <th scope="col">{t("col.respondBy")}</th>
                <th scope="col">{t("col.case")}</th>
              </tr>
            </thead>
            <tbody>
              {model.items.map((row) => {
                const company = row.company_name ?? t("erased");
                const overdue = isOverdue(row, model.now);
                return (
                  <tr>
                    <th scope="row">
                      <a class="ds-link" href={`/admin/hanvisningar/${row.id}`}>
                        {company}
                        <span class="ds-sr-only">{`: ${t("inbox.openLink")}`}</span>
                      </a>
                    </th>
                    <td>{offerName(row, model.locale)}</td>
                    <td>{model.side === "sent" ? row.organisation_name : row.case_organisation_name}</td>
                    <td>{t(`status.${row.status}`)}</td>
                    <td>{formatDate(row.sent_at)}</td>
                    <td>
                      {formatDate(row.respond_by)}
                      {overdue ? (
                        <>
                          {" "}
                          <strong>{t("inbox.overdue")}</strong>
                        </>
                      ) : null}
                    </td>
                    <td>{row.case_number}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      {pages > 1 ? (
        <nav aria-label={t("page.nav")} class="lots-actions">
          {model.page > 1 ? (
            <a class="ds-link" href={inboxHref(model, model.page - 1)}>
              {t("page.prev")}
            </a>
          ) : null}
          <span>{t("page.of", { page: model.page, pages })}</span>
          {model.page < pages ? (
            <a class="ds-link" href={inboxHref(model, model.page + 1)}>
              {t("page.next")}
            </a>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

// ---- One referral ----------------------------------------------------------------------------------------

type EventRow = {
  id: string;
  at: Date;
  actor_label: string;
  actor_organisation_name: string | null;
  kind: string;
  to_status: string | null;
  details: unknown;
};
type NoteRow = {
  id: string;
  author_label: string;
  organisation_name: string;
  visibility: "internal" | "shared";
  body: string;
  created_at: Date;
};
type ContactLogRow = {
  id: string;
  organisationName: string;
  actorLabel: string;
  channel: string;
  contactedAt: Date;
  summary: string | null;
};

/** What the referral page shows. */
export type ReferralPageModel = {
  referral: ReferralRow;
  /** Set for the case side (the case is readable): the case number links to the case page. */
  caseLink: string | undefined;
  company: Company | undefined;
  municipality: string;
  contacts: Contact[];
  needs: (Need & { themeLabel: string; urgencyLabel: string })[];
  notes: NoteRow[];
  events: EventRow[];
  contactLog: ContactLogRow[];
  canRespond: boolean;
  canWithdraw: boolean;
  /** The organisation a note or a contact of this user is written for. */
  actingOrganisation: string | undefined;
  errors: FormError[];
  values: Record<string, string>;
  notice: string | undefined;
  conflict: string | undefined;
  csrfToken: string;
  locale: Locale;
  now: Date;
};

function detailsOf(value: unknown): Record<string, unknown> {
  if (typeof value === "string") {
    try {
      return JSON.parse(value) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
}

function eventText(t: ReferralsT, event: EventRow): string {
  const d = detailsOf(event.details);
  const text = (key: string) => (typeof d[key] === "string" ? (d[key] as string) : "");
  switch (event.kind) {
    case "referral": {
      const to = event.to_status ?? "";
      if (to === "sent")
        return t("event.referral.sent", { organisation: text("organisation"), offer: text("offer") });
      if (to === "closed")
        return t("event.referral.closed", {
          outcome: (REFERRAL_OUTCOMES as readonly string[]).includes(text("outcome"))
            ? t(`outcome.${text("outcome") as "helped"}`)
            : text("outcome"),
        });
      if (to === "declined")
        return t("event.referral.declined", {
          reason: (DECLINE_REASONS as readonly string[]).includes(text("reason"))
            ? t(`reason.${text("reason") as "not-eligible"}`)
            : text("reason"),
        });
      if (to === "accepted" || to === "in-progress" || to === "withdrawn" || to === "expired")
        return t(`event.referral.${to}`);
      return t("event.other", { kind: to });
    }
    case "note":
      return text("visibility") === "internal" ? t("event.note.internal") : t("event.note.shared");
    case "contact":
      return t("event.contact", {
        channel: (CONTACT_CHANNELS as readonly string[]).includes(text("channel"))
          ? t(`channel.${text("channel") as "phone"}`)
          : text("channel"),
      });
    case "reminded":
      return t("event.reminded", { organisation: text("organisation") });
    case "escalated":
      return t("event.escalated");
    default:
      return t("event.other", { kind: event.kind });
  }
}

function ReferralFacts({ t, model }: { t: ReferralsT; model: ReferralPageModel }) {
  const r = model.referral;
  return (
    <Section id="referral-facts" heading={t("detail.referral")}>
      <dl class="lots-answers">
        <dt>{t("detail.status")}</dt>
        <dd>
          <strong>{t(`status.${r.status}`)}</strong>
        </dd>
        <dt>{t("detail.offer")}</dt>
        <dd>{offerName(r, model.locale)}</dd>
        <dt>{t("detail.partner")}</dt>
        <dd>{r.organisation_name}</dd>
        <dt>{t("detail.sentBy")}</dt>
        <dd>
          {t("detail.sentByLine", {
            by: r.sent_by_label,
            organisation: r.case_organisation_name,
            when: formatDateTime(r.sent_at),
          })}
        </dd>
        <dt>{t("detail.respondBy")}</dt>
        <dd>
          {formatDate(r.respond_by)}
          {isOverdue(r, model.now) ? (
            <>
              {" "}
              <strong>{t("detail.overdue")}</strong>
            </>
          ) : null}
        </dd>
        <dt>{t("detail.assigned")}</dt>
        <dd>{r.assigned_user_name ?? t("detail.nobody")}</dd>
        {r.outcome ? (
          <>
            <dt>{t("detail.outcome")}</dt>
            <dd>{t(`outcome.${r.outcome}`)}</dd>
          </>
        ) : null}
        {r.decline_reason ? (
          <>
            <dt>{t("detail.declineReason")}</dt>
            <dd>{t(`reason.${r.decline_reason}`)}</dd>
          </>
        ) : null}
        <dt>{t("detail.case")}</dt>
        <dd>
          {model.caseLink ? (
            <a class="ds-link" href={model.caseLink}>
              {t("detail.caseLink", { number: r.case_number })}
            </a>
          ) : (
            t("detail.caseLink", { number: r.case_number })
          )}
        </dd>
        <dt>{t("detail.message")}</dt>
        <dd class="lots-prewrap">{r.message || t("detail.noMessage")}</dd>
      </dl>
    </Section>
  );
}

function ActionForm(props: {
  model: ReferralPageModel;
  action: string;
  children?: Child;
  label: string;
  danger?: boolean;
}) {
  const r = props.model.referral;
  return (
    <form method="post" action={`/admin/hanvisningar/${r.id}/atgard`} class="lots-stack" novalidate>
      <CsrfField token={props.model.csrfToken} />
      <input type="hidden" name="version" value={String(r.version)} />
      <input type="hidden" name="action" value={props.action} />
      {props.children}
      <div class="lots-actions">
        <button
          class="ds-button"
          type="submit"
          data-variant={props.danger ? "secondary" : "primary"}
          data-color={props.danger ? "danger" : undefined}
        >
          {props.label}
        </button>
      </div>
    </form>
  );
}

function Actions({ t, model }: { t: ReferralsT; model: ReferralPageModel }) {
  const r = model.referral;
  const v = model.values;
  const partner = model.canRespond;
  const open = r.status === "sent" || r.status === "accepted" || r.status === "in-progress";
  const forms = [];
  if (partner && r.status === "sent")
    forms.push(
      <ActionForm model={model} action="accept" label={t("action.accept")}>
        <p class="ds-paragraph">{t("action.acceptHint")}</p>
      </ActionForm>,
    );
  if (partner && r.status === "accepted")
    forms.push(
      <ActionForm model={model} action="start" label={t("action.start")}>
        <p class="ds-paragraph">{t("action.startHint")}</p>
      </ActionForm>,
    );
  if (partner && (r.status === "accepted" || r.status === "in-progress"))
    forms.push(
      <ActionForm model={model} action="close" label={t("action.close")}>
        <Radios
          id="close-outcome"
          name="outcome"
          legend={t("action.closeLegend")}
          options={REFERRAL_OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
          selected={v.outcome ?? ""}
          errors={model.errors}
        />
      </ActionForm>,
    );
  if (partner && open)
    forms.push(
      <ActionForm model={model} action="decline" label={t("action.decline")} danger>
        <fieldset class="ds-fieldset lots-stack">
          <legend class="ds-heading" data-size="xs">
            {t("action.declineLegend")}
          </legend>
          <DeclineReason t={t} model={model} />
          <TextArea
            id="decline-note"
            name="note"
            label={t("action.declineNote")}
            hint={t("action.declineNoteHint")}
            value={v.declineNote ?? ""}
            errors={model.errors}
            rows={3}
          />
        </fieldset>
      </ActionForm>,
    );
  if (model.canWithdraw && open)
    forms.push(
      <ActionForm model={model} action="withdraw" label={t("action.withdraw")} danger>
        <fieldset class="ds-fieldset lots-stack">
          <legend class="ds-heading" data-size="xs">
            {t("action.withdrawLegend")}
          </legend>
          <p class="ds-paragraph">{t("action.withdrawHint")}</p>
          <TextArea
            id="withdraw-note"
            name="note"
            label={t("action.withdrawNote")}
            value={v.withdrawNote ?? ""}
            errors={model.errors}
            rows={3}
          />
        </fieldset>
      </ActionForm>,
    );
  return (
    <Section id="referral-actions" heading={t("detail.actions")}>
      {forms.length > 0 ? (
        <div class="lots-stack">{forms}</div>
      ) : (
        <p class="ds-paragraph">
          {partner || model.canWithdraw ? t("detail.actionsNone") : t("detail.actionsReadOnly")}
        </p>
      )}
    </Section>
  );
}

function DeclineReason({ t, model }: { t: ReferralsT; model: ReferralPageModel }) {
  const id = "decline-reason";
  const error = fieldError(model.errors, id);
  return (
    <div class="ds-field">
      <label class="ds-label" for={id}>
        {t("action.reason")}
      </label>
      <ValidationMessage fieldId={id} message={error} />
      <select class="ds-input" id={id} name="reason" required {...describedBy(id, error)}>
        <option value="">{t("action.reasonChoose")}</option>
        {DECLINE_REASONS.map((reason) => (
          <option value={reason} selected={model.values.reason === reason}>
            {t(`reason.${reason}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

function CompanySection({ t, model }: { t: ReferralsT; model: ReferralPageModel }) {
  const company = model.company;
  return (
    <Section id="referral-company" heading={t("detail.company")}>
      {!company ? (
        <p class="ds-paragraph">{t("detail.companyErased")}</p>
      ) : (
        <div class="lots-stack">
          <dl class="lots-answers">
            <dt>{t("col.company")}</dt>
            <dd>{company.name}</dd>
            <dt>{t("detail.orgNumber")}</dt>
            <dd>{formatOrgNumber(company.orgNumber)}</dd>
            <dt>{t("detail.municipality")}</dt>
            <dd>{model.municipality}</dd>
          </dl>
          <h3 class="ds-heading" data-size="xs">
            {t("detail.contacts")}
          </h3>
          {model.contacts.length === 0 ? (
            <p class="ds-paragraph">{t("detail.contactsNone")}</p>
          ) : (
            <ul class="ds-list">
              {model.contacts.map((contact) => (
                <li>
                  {contact.role ? `${contact.name}, ${contact.role}` : contact.name}
                  {contact.email ? (
                    <>
                      {`. ${t("detail.email")}: `}
                      <a class="ds-link" href={`mailto:${contact.email}`}>
                        {contact.email}
                      </a>
                    </>
                  ) : null}
                  {contact.phone ? (
                    <>
                      {`. ${t("detail.phone")}: `}
                      <a class="ds-link" href={`tel:${contact.phone.replace(/[^0-9+]/g, "")}`}>
                        {contact.phone}
                      </a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Section>
  );
}

function NeedsSection({ t, model }: { t: ReferralsT; model: ReferralPageModel }) {
  return (
    <Section id="referral-needs" heading={t("detail.needs")}>
      {model.needs.length === 0 ? (
        <p class="ds-paragraph">{t("detail.needsNone")}</p>
      ) : (
        <ul class="ds-list">
          {model.needs.map((need) => (
            <li>
              {`${need.themeLabel} – ${need.urgencyLabel} (${formatDate(need.createdAt)})`}
              {need.description ? <p class="ds-paragraph lots-prewrap">{need.description}</p> : null}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function NotesSection({ t, model }: { t: ReferralsT; model: ReferralPageModel }) {
  const v = model.values;
  const organisation = model.actingOrganisation;
  return (
    <Section id="referral-notes" heading={t("notes.heading")}>
      {model.notes.length === 0 ? (
        <p class="ds-paragraph">{t("notes.none")}</p>
      ) : (
        <ul class="ds-list">
          {model.notes.map((note) => (
            <li>
              <p class="ds-paragraph" data-size="sm">
                <strong>
                  {note.visibility === "internal"
                    ? t("notes.internal", { organisation: note.organisation_name })
                    : t("notes.shared")}
                </strong>
                {". "}
                {t("notes.by", {
                  by: note.author_label,
                  organisation: note.organisation_name,
                  when: formatDateTime(note.created_at),
                })}
              </p>
              <p class="ds-paragraph lots-prewrap">{note.body}</p>
            </li>
          ))}
        </ul>
      )}
      {organisation ? (
        <form
          method="post"
          action={`/admin/hanvisningar/${model.referral.id}/anteckning`}
          class="lots-stack"
          novalidate
        >
          <h3 class="ds-heading" data-size="xs">
            {t("notes.add")}
          </h3>
          <CsrfField token={model.csrfToken} />
          <TextArea
            id="note-body"
            name="body"
            label={t("notes.body")}
            value={v.noteBody ?? ""}
            errors={model.errors}
            rows={4}
          />
          <Radios
            id="note-visibility"
            name="visibility"
            legend={t("notes.visibility")}
            options={[
              { value: "internal", label: t("notes.visibility.internal", { organisation }) },
              { value: "shared", label: t("notes.visibility.shared") },
            ]}
            selected={v.noteVisibility ?? "internal"}
            errors={model.errors}
          />
          <div class="lots-actions">
            <button class="ds-button" type="submit" data-variant="secondary">
              {t("notes.submit")}
            </button>
          </div>
        </form>
      ) : null}
    </Section>
  );
}

function ContactsSection({ t, model }: { t: ReferralsT; model: ReferralPageModel }) {
  const v = model.values;
  const company = model.company?.name ?? t("erased");
  return (
    <Section id="referral-contacts" heading={t("contacts.heading")}>
      <p class="ds-paragraph">{t("contacts.intro")}</p>
      {model.contactLog.length === 0 ? (
        <p class="ds-paragraph">{t("contacts.none")}</p>
      ) : (
        <TableScroll label={t("contacts.caption", { company })}>
          <table class="ds-table" data-border>
            <caption>{t("contacts.caption", { company })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("contacts.when")}</th>
                <th scope="col">{t("contacts.who")}</th>
                <th scope="col">{t("contacts.organisation")}</th>
                <th scope="col">{t("contacts.channel")}</th>
                <th scope="col">{t("contacts.summary")}</th>
              </tr>
            </thead>
            <tbody>
              {model.contactLog.map((entry) => (
                <tr>
                  <th scope="row">{formatDateTime(entry.contactedAt)}</th>
                  <td>{entry.actorLabel}</td>
                  <td>{entry.organisationName}</td>
                  <td>
                    {(CONTACT_CHANNELS as readonly string[]).includes(entry.channel)
                      ? t(`channel.${entry.channel as "phone"}`)
                      : entry.channel}
                  </td>
                  <td class="lots-prewrap">
                    {entry.summary === null
                      ? t("contacts.hidden", { organisation: entry.organisationName })
                      : entry.summary || "–"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {model.canRespond && model.company ? (
        <form
          method="post"
          action={`/admin/hanvisningar/${model.referral.id}/kontakt`}
          class="lots-stack"
          novalidate
        >
          <h3 class="ds-heading" data-size="xs">
            {t("contacts.add")}
          </h3>
          <CsrfField token={model.csrfToken} />
          <Select
            id="contact-channel"
            name="channel"
            label={t("contacts.channelLabel")}
            value={v.channel ?? "phone"}
            options={CONTACT_CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}`) }))}
            errors={model.errors}
          />
          <WhenInput t={t} model={model} />
          <TextArea
            id="contact-summary"
            name="summary"
            label={t("contacts.summaryLabel")}
            value={v.summary ?? ""}
            errors={model.errors}
            rows={3}
          />
          <div class="lots-actions">
            <button class="ds-button" type="submit" data-variant="secondary">
              {t("contacts.submit")}
            </button>
          </div>
        </form>
      ) : null}
    </Section>
  );
}

function WhenInput({ t, model }: { t: ReferralsT; model: ReferralPageModel }) {
  const id = "contact-when";
  const error = fieldError(model.errors, id);
  return (
    <div class="ds-field">
      <label class="ds-label" for={id}>
        {t("contacts.whenLabel")}
      </label>
      <p class="ds-paragraph" data-field="description" id={`${id}-hint`}>
        {t("contacts.whenHint")}
      </p>
      <ValidationMessage fieldId={id} message={error} />
      <input
        class="ds-input"
        type="datetime-local"
        id={id}
        name="when"
        value={model.values.when ?? ""}
        {...describedBy(id, error, `${id}-hint`)}
      />
    </div>
  );
}

function EventsSection({ t, model }: { t: ReferralsT; model: ReferralPageModel }) {
  return (
    <Section id="referral-events" heading={t("events.heading")}>
      {model.events.length === 0 ? (
        <p class="ds-paragraph">{t("events.none")}</p>
      ) : (
        <ol class="ds-list">
          {model.events.map((event) => (
            <li>
              <time datetime={event.at.toISOString()}>{formatDateTime(event.at)}</time>
              {" – "}
              {event.actor_organisation_name
                ? t("events.by", { by: event.actor_label, organisation: event.actor_organisation_name })
                : event.actor_label}
              {": "}
              {eventText(t, event)}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

/** One referral for the partner and for the case side, with the actions the user may take now. */
export function ReferralView({ t, model }: { t: ReferralsT; model: ReferralPageModel }) {
  const company = model.company?.name ?? model.referral.company_name ?? t("erased");
  return (
    <div class="lots-stack">
      <p class="ds-paragraph">
        <a class="ds-link" href="/admin/inkorg">
          {t("detail.back")}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        {t("detail.title", { company })}
      </h1>
      {model.conflict ? (
        <div class="ds-alert" data-color="warning" role="alert" id="referral-conflict">
          <h2 class="ds-heading" data-size="xs">
            {t("conflict.heading")}
          </h2>
          <p class="ds-paragraph">{model.conflict}</p>
          <p class="ds-paragraph">{t("conflict.now")}</p>
        </div>
      ) : null}
      <Notice message={model.notice} />
      <ErrorSummary id="referral-errors" heading={t("error.heading")} errors={model.errors} />
      <ReferralFacts t={t} model={model} />
      <Actions t={t} model={model} />
      <CompanySection t={t} model={model} />
      <NeedsSection t={t} model={model} />
      <NotesSection t={t} model={model} />
      <ContactsSection t={t} model={model} />
      <EventsSection t={t} model={model} />
    </div>
  );
}
