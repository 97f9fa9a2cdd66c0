import { formatNumber } from "#src/shared/i18n.ts";
import { Checkboxes, Input, type Option, Radios, Select, TextArea } from "#src/shared/web/form-fields.tsx";
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
import type { CasesT } from "./cases.messages.ts";
import { CASE_OPENED_VIA, CASE_PRIORITIES, CASE_STATUSES, CONTACT_CHANNELS } from "./cases.schemas.ts";

// The navigator workbench: the queues (/admin/arenden), opening a case by hand (/admin/arenden/nytt) and
// the case page. Plain HTML forms that work without script; every status is shown in words; whatever a
// company or a colleague typed is rendered as text (JSX escapes it).

const dateTime = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Stockholm",
  dateStyle: "short",
  timeStyle: "short",
});

/** A time the Swedish way in Stockholm time: 2026-11-28 14:05. */
export function formatDateTime(value: Date): string {
  return dateTime.format(value);
}

export const QUEUES = ["mine", "team", "all"] as const;
export type Queue = (typeof QUEUES)[number];

/** The queue's filter as the form and the links carry it (empty: not applied). */
export type QueueFilter = {
  status: string;
  priority: string;
  theme: string;
  municipality: string;
  q: string;
};

export type QueueModel = {
  queue: Queue;
  filter: QueueFilter;
  page: number;
  pageSize: number;
  total: number;
  items: {
    id: string;
    number: number;
    company: string;
    theme: string;
    status: string;
    priority: string;
    team: string;
    assignee: string;
    opened: string;
  }[];
  themes: Option[];
  municipalities: Option[];
  mayOpen: boolean;
  notice: string | undefined;
};

/** The address of a queue page with its filter (defaults left out). */
export function queueHref(queue: Queue, filter: QueueFilter, page = 1): string {
  const params = new URLSearchParams({ queue });
  if (filter.status && filter.status !== "open") params.set("status", filter.status);
  for (const key of ["priority", "theme", "municipality", "q"] as const)
    if (filter[key]) params.set(key, filter[key]);
  if (page > 1) params.set("page", String(page));
  return `/admin/arenden?${params}`;
}

/** The queues, their filter, one page of cases and the paging. */
export function CaseQueueView({ t, model }: { t: CasesT; model: QueueModel }) {
  const any = (options: Option[]): Option[] => [{ value: "", label: t("filter.any") }, ...options];
  const pages = Math.max(1, Math.ceil(model.total / model.pageSize));
  const queueLabel = t(`queue.${model.queue}`);
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("queue.title")}
      </h1>
      <Notice message={model.notice} />
      <p class="ds-paragraph">{t("queue.intro")}</p>
      <nav class="lots-actions" aria-label={t("queue.tabs")}>
        {QUEUES.map((queue) =>
          queue === model.queue ? (
            <a class="ds-link" href={queueHref(queue, model.filter)} aria-current="page">
              <strong>{t(`queue.${queue}`)}</strong>
            </a>
          ) : (
            <a class="ds-link" href={queueHref(queue, model.filter)}>
              {t(`queue.${queue}`)}
            </a>
          ),
        )}
      </nav>
      {model.mayOpen ? (
        <p class="ds-paragraph">
          <a class="ds-link" href="/admin/arenden/nytt">
            {t("queue.open")}
          </a>
        </p>
      ) : null}
      <search>
        <form method="get" action="/admin/arenden" class="lots-stack" aria-labelledby="cases-filter-heading">
          <h2 class="ds-heading" data-size="xs" id="cases-filter-heading">
            {t("filter.heading")}
          </h2>
          <input type="hidden" name="queue" value={model.queue} />
          <div class="lots-grid">
            <Select
              id="filter-status"
              name="status"
              label={t("filter.status")}
              value={model.filter.status || "open"}
              options={[
                { value: "open", label: t("filter.status.open") },
                ...CASE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) })),
                { value: "any", label: t("filter.status.any") },
              ]}
              errors={[]}
            />
            <Select
              id="filter-priority"
              name="priority"
              label={t("filter.priority")}
              value={model.filter.priority}
              options={any(CASE_PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) })))}
              errors={[]}
            />
            <Select
              id="filter-theme"
              name="theme"
              label={t("filter.theme")}
              value={model.filter.theme}
              options={any(model.themes)}
              errors={[]}
            />
            <Select
              id="filter-municipality"
              name="municipality"
              label={t("filter.municipality")}
              value={model.filter.municipality}
              options={any(model.municipalities)}
              errors={[]}
            />
            <Input
              id="filter-q"
              name="q"
              type="search"
              label={t("filter.q")}
              value={model.filter.q}
              errors={[]}
            />
          </div>
          <div class="lots-actions">
            <button class="ds-button" type="submit" data-variant="primary">
              {t("filter.submit")}
            </button>
          </div>
        </form>
      </search>
      <p class="ds-paragraph" role="status">
        {model.total === 1 ? t("queue.count.one") : t("queue.count", { count: formatNumber(model.total) })}
      </p>
      {model.items.length === 0 ? (
        <p class="ds-paragraph">{t("queue.none")}</p>
      ) : (
        <TableScroll label={t("queue.caption", { queue: queueLabel })}>
          <table class="ds-table" data-border>
            <caption>{t("queue.caption", { queue: queueLabel })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("col.number")}</th>
                <th scope="col">{t("col.company")}</th>
                <th scope="col">{t("col.theme")}</th>
                <th scope="col">{t("col.status")}</th>
                <th scope="col">{t("col.priority")}</th>
                <th scope="col">{t("col.team")}</th>
                <th scope="col">{t("col.assignee")}</th>
                <th scope="col">{t("col.opened")}</th>
              </tr>
            </thead>
            <tbody>
              {model.items.map((item) => (
                <tr>
                  <th scope="row">
                    <a class="ds-link" href={`/admin/arenden/${item.id}`}>
                      {t("case.number", { number: item.number })}
                    </a>
                  </th>
                  <td>{item.company}</td>
                  <td>{item.theme}</td>
                  <td>{item.status}</td>
                  <td>{item.priority}</td>
                  <td>{item.team}</td>
                  <td>{item.assignee}</td>
                  <td>{item.opened}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {pages > 1 ? (
        <nav aria-label={t("page.nav")} class="lots-actions">
          <span>{t("page.of", { page: formatNumber(model.page), pages: formatNumber(pages) })}</span>
          {model.page > 1 ? (
            <a class="ds-link" href={queueHref(model.queue, model.filter, model.page - 1)}>
              {t("page.prev")}
            </a>
          ) : null}
          {model.page < pages ? (
            <a class="ds-link" href={queueHref(model.queue, model.filter, model.page + 1)}>
              {t("page.next")}
            </a>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

/** Field ids of the form that opens a case, so errors find their fields. */
export const NEW_CASE_FIELDS = {
  company: "case-company",
  needs: "case-needs",
  newTheme: "case-new-theme",
  newDescription: "case-new-description",
  newUrgency: "case-new-urgency",
  via: "case-via",
  priority: "case-priority",
  summary: "case-summary",
} as const;

export type NewCaseValues = {
  needIds: string[];
  newTheme: string;
  newDescription: string;
  newUrgency: string;
  openedVia: string;
  priority: string;
  summary: string;
};

export const EMPTY_NEW_CASE: NewCaseValues = {
  needIds: [],
  newTheme: "",
  newDescription: "",
  newUrgency: "now",
  openedVia: "phone",
  priority: "normal",
  summary: "",
};

export type NewCaseModel = {
  /** The search step: the words searched for and the companies found (undefined before a search). */
  search?: { q: string; results: { id: string; name: string; detail: string }[] | undefined };
  /** The form step: the chosen company and its open needs. */
  company?: { id: string; name: string; detail: string; needs: Option[] };
  themes: Option[];
  values: NewCaseValues;
  errors: FormError[];
  csrfToken: string;
};

/** Opening a case by hand: first find the company, then choose its needs and how the case came in. */
export function NewCaseView({ t, model }: { t: CasesT; model: NewCaseModel }) {
  const { values, errors, company } = model;
  const F = NEW_CASE_FIELDS;
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("new.title")}
      </h1>
      <p class="ds-paragraph">{t("new.intro")}</p>
      <ErrorSummary id="case-errors" heading={t("errors.heading")} errors={errors} />
      {!company ? (
        <Section id="new-case-search" heading={t("new.search.heading")}>
          <search>
            <form method="get" action="/admin/arenden/nytt" class="lots-inline-form">
              <label class="ds-label" for="case-company-q">
                {t("new.search.label")}
              </label>
              <input
                class="ds-input"
                id="case-company-q"
                name="q"
                type="search"
                value={model.search?.q ?? ""}
              />
              <button class="ds-button" type="submit" data-variant="primary">
                {t("new.search.submit")}
              </button>
            </form>
          </search>
          {model.search?.results === undefined ? null : model.search.results.length === 0 ? (
            <p class="ds-paragraph" role="status">
              {t("new.search.none")}
            </p>
          ) : (
            <>
              <h3 class="ds-heading" data-size="xs">
                {t("new.search.results")}
              </h3>
              <ul class="ds-list">
                {model.search.results.map((found) => (
                  <li>
                    <a class="ds-link" href={`/admin/arenden/nytt?foretag=${found.id}`}>
                      {t("new.search.choose", { name: found.name })}
                    </a>{" "}
                    {found.detail}
                  </li>
                ))}
              </ul>
            </>
          )}
        </Section>
      ) : (
        <form method="post" action="/admin/arenden" class="lots-stack" novalidate>
          <CsrfField token={model.csrfToken} />
          <input type="hidden" name="companyId" value={company.id} />
          <div class="lots-stack">
            <p class="ds-paragraph" id={F.company} tabindex={-1}>
              <strong>{t("new.company")}:</strong> {company.name}, {company.detail}
            </p>
            <ValidationMessage fieldId={F.company} message={fieldError(errors, F.company)} />
            <p class="ds-paragraph">
              <a class="ds-link" href="/admin/arenden/nytt">
                {t("new.company.change")}
              </a>
            </p>
          </div>
          {company.needs.length > 0 ? (
            <Checkboxes
              id={F.needs}
              name="needIds"
              legend={t("new.needs")}
              hint={t("new.needs.hint")}
              options={company.needs}
              selected={values.needIds}
              errors={errors}
            />
          ) : (
            <div class="lots-stack">
              <p class="ds-paragraph" id={F.needs} tabindex={-1}>
                {t("new.needs.none")}
              </p>
              <ValidationMessage fieldId={F.needs} message={fieldError(errors, F.needs)} />
            </div>
          )}
          <fieldset class="ds-fieldset lots-stack" aria-describedby="case-new-need-hint">
            <legend class="ds-heading" data-size="xs">
              {t("new.newNeed")}
            </legend>
            <p class="ds-paragraph" data-field="description" id="case-new-need-hint">
              {t("new.newNeed.hint")}
            </p>
            <Select
              id={F.newTheme}
              name="newTheme"
              label={t("new.newNeed.theme")}
              value={values.newTheme}
              options={[{ value: "", label: t("new.newNeed.theme.none") }, ...model.themes]}
              errors={errors}
            />
            <TextArea
              id={F.newDescription}
              name="newDescription"
              label={t("new.newNeed.description")}
              value={values.newDescription}
              rows={3}
              errors={errors}
            />
            <Radios
              id={F.newUrgency}
              name="newUrgency"
              legend={t("new.newNeed.urgency")}
              options={(["now", "within-6-months", "later"] as const).map((u) => ({
                value: u,
                label: t(`urgency.${u}`),
              }))}
              selected={values.newUrgency}
              errors={errors}
            />
          </fieldset>
          <Radios
            id={F.via}
            name="openedVia"
            legend={t("new.via")}
            options={CASE_OPENED_VIA.filter((v) => v !== "intake").map((v) => ({
              value: v,
              label: t(`via.${v}`),
            }))}
            selected={values.openedVia}
            errors={errors}
          />
          <Radios
            id={F.priority}
            name="priority"
            legend={t("new.priority")}
            options={CASE_PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
            selected={values.priority}
            errors={errors}
          />
          <TextArea
            id={F.summary}
            name="summary"
            label={t("new.summary")}
            hint={t("new.summary.hint")}
            value={values.summary}
            rows={4}
            errors={errors}
          />
          <div class="lots-actions">
            <button class="ds-button" type="submit" data-variant="primary">
              {t("new.submit")}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** Field ids of the case page's forms. */
export const CASE_FIELDS = {
  status: "change-status",
  priority: "change-priority",
  assignee: "change-assignee",
  team: "change-team",
  summary: "change-summary",
  noteBody: "note-body",
  noteVisibility: "note-visibility",
  contactChannel: "contact-channel",
  contactAt: "contact-at",
  contactSummary: "contact-summary",
  offers: "refer-offers",
  message: "refer-message",
} as const;

/** What the user typed into the case page's forms (kept when the page comes back with an error). */
export type CaseFormValues = {
  change?: { status: string; priority: string; assignee: string; teamId: string; summary: string };
  note?: { body: string; visibility: string };
  contact?: { channel: string; at: string; summary: string };
  refer?: { offerIds: string[]; message: string };
};

export type Proposal = {
  offerId: string;
  name: string;
  organisation: string;
  eligible: boolean;
  score: string | undefined;
  summary: string;
  reasons: string[];
  whyNot: string[];
  consent: string;
  reasonsHeading: string;
  whyNotHeading: string;
  /** Set when the case is already referred to this offer (no checkbox then). */
  already: string | undefined;
};

export type CasePageModel = {
  case: {
    id: string;
    number: number;
    title: string;
    version: number;
    status: string;
    statusLabel: string;
    priority: string;
    priorityLabel: string;
    teamId: string;
    team: string;
    organisation: string;
    assignedUserId: string | null;
    assignee: string;
    opened: string;
    summary: string;
  };
  company:
    | {
        id: string;
        facts: { label: string; value: string }[];
        contacts: string[];
        registerHref: string | undefined;
      }
    | undefined;
  needs: { line: string; description: string }[];
  consent: string[];
  referrals: {
    id: string;
    offer: string;
    organisation: string;
    status: string;
    respondBy: string;
    result: string;
  }[];
  proposals: Proposal[];
  hasOpenNeeds: boolean;
  notes: { id: string; kind: string; by: string; body: string }[];
  contacts: {
    who: string;
    organisation: string;
    when: string;
    channel: string;
    summary: string;
  }[];
  events: { when: string; who: string; text: string }[];
  canWork: boolean;
  assigneeOptions: Option[];
  teamOptions: Option[];
  values: CaseFormValues;
  errors: FormError[];
  notice: string | undefined;
  conflict: string | undefined;
  csrfToken: string;
};

function ProposalItem({
  t,
  proposal,
  checked,
  canWork,
}: {
  t: CasesT;
  proposal: Proposal;
  checked: boolean;
  canWork: boolean;
}) {
  const boxId = `refer-offer-${proposal.offerId}`;
  const detailsId = `${boxId}-details`;
  return (
    <li>
      <article class="ds-card lots-card">
        <h3 class="ds-heading" data-size="xs">
          <a class="ds-link" href={`/hitta-stod/${proposal.offerId}`}>
            {proposal.name}
          </a>
        </h3>
        <div class="lots-card" id={detailsId}>
          <p class="ds-paragraph" data-size="sm">
            {proposal.organisation}
            {proposal.score ? ` · ${proposal.score}` : ""}
          </p>
          <p class="ds-paragraph" data-size="sm">
            <strong>{proposal.eligible ? t("proposals.eligible") : t("proposals.notEligible")}</strong>
          </p>
          <p class="ds-paragraph">{proposal.summary}</p>
          {proposal.reasons.length > 0 ? (
            <p class="ds-paragraph" data-size="sm">
              <strong>{proposal.reasonsHeading}</strong>
            </p>
          ) : null}
          {proposal.reasons.length > 0 ? (
            <ul class="ds-list">
              {proposal.reasons.map((reason) => (
                <li>{reason}</li>
              ))}
            </ul>
          ) : null}
          {proposal.whyNot.length > 0 ? (
            <p class="ds-paragraph" data-size="sm">
              <strong>{proposal.whyNotHeading}</strong>
            </p>
          ) : null}
          {proposal.whyNot.length > 0 ? (
            <ul class="ds-list">
              {proposal.whyNot.map((reason) => (
                <li>{reason}</li>
              ))}
            </ul>
          ) : null}
          <p class="ds-paragraph" data-size="sm">
            {proposal.consent}
          </p>
        </div>
        {proposal.already ? (
          <p class="ds-paragraph">{proposal.already}</p>
        ) : canWork ? (
          <div class="ds-field">
            <input
              class="ds-input"
              type="checkbox"
              id={boxId}
              name="offerIds"
              value={proposal.offerId}
              checked={checked}
              aria-describedby={detailsId}
            />
            <label class="ds-label" data-weight="regular" for={boxId}>
              {t("proposals.pick", { name: proposal.name })}
            </label>
          </div>
        ) : null}
      </article>
    </li>
  );
}

function Proposals({ t, model }: { t: CasesT; model: CasePageModel }) {
  const F = CASE_FIELDS;
  const chosen = model.values.refer?.offerIds ?? [];
  const intro = !model.hasOpenNeeds
    ? t("proposals.noNeeds")
    : model.proposals.length === 0
      ? t("proposals.none")
      : t("proposals.intro");
  const list = (
    <ol class="lots-results">
      {model.proposals.map((proposal) => (
        <ProposalItem
          t={t}
          proposal={proposal}
          checked={chosen.includes(proposal.offerId)}
          canWork={model.canWork}
        />
      ))}
    </ol>
  );
  const selectable = model.proposals.some((p) => !p.already);
  const offersError = fieldError(model.errors, F.offers);
  return (
    <Section id="case-proposals" heading={t("proposals.heading")}>
      <p class="ds-paragraph" id={model.proposals.length === 0 ? F.offers : undefined}>
        {intro}
      </p>
      {model.proposals.length === 0 ? (
        <ValidationMessage fieldId={F.offers} message={offersError} />
      ) : model.canWork && selectable ? (
        <form method="post" action={`/admin/arenden/${model.case.id}/hanvisa`} class="lots-stack" novalidate>
          <CsrfField token={model.csrfToken} />
          <fieldset
            class="ds-fieldset lots-stack"
            id={F.offers}
            tabindex={-1}
            {...describedBy(F.offers, offersError)}
          >
            <legend class="ds-heading" data-size="xs">
              {t("proposals.choose")}
            </legend>
            <ValidationMessage fieldId={F.offers} message={offersError} />
            {list}
          </fieldset>
          <TextArea
            id={F.message}
            name="message"
            label={t("proposals.message")}
            hint={t("proposals.message.hint")}
            value={model.values.refer?.message ?? ""}
            rows={3}
            errors={model.errors}
          />
          <div class="lots-actions">
            <button class="ds-button" type="submit" data-variant="primary">
              {t("proposals.submit")}
            </button>
          </div>
        </form>
      ) : (
        <>
          <ValidationMessage fieldId={F.offers} message={offersError} />
          {list}
        </>
      )}
    </Section>
  );
}

function ChangeForm({ t, model }: { t: CasesT; model: CasePageModel }) {
  const F = CASE_FIELDS;
  const c = model.case;
  const values = model.values.change ?? {
    status: c.status,
    priority: c.priority,
    assignee: c.assignedUserId ?? "none",
    teamId: c.teamId,
    summary: c.summary,
  };
  return (
    <Section id="case-change" heading={t("change.heading")}>
      <form method="post" action={`/admin/arenden/${c.id}/andra`} class="lots-stack" novalidate>
        <CsrfField token={model.csrfToken} />
        <input type="hidden" name="version" value={String(c.version)} />
        <div class="lots-grid">
          <Select
            id={F.status}
            name="status"
            label={t("change.status")}
            value={values.status}
            options={CASE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            errors={model.errors}
          />
          <Select
            id={F.priority}
            name="priority"
            label={t("change.priority")}
            value={values.priority}
            options={CASE_PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
            errors={model.errors}
          />
          <Select
            id={F.assignee}
            name="assignee"
            label={t("change.assignee")}
            value={values.assignee}
            options={model.assigneeOptions}
            errors={model.errors}
          />
          <Select
            id={F.team}
            name="teamId"
            label={t("change.team")}
            value={values.teamId}
            options={model.teamOptions}
            errors={model.errors}
          />
        </div>
        <TextArea
          id={F.summary}
          name="summary"
          label={t("change.summary")}
          value={values.summary}
          rows={4}
          errors={model.errors}
        />
        <div class="lots-actions">
          <button class="ds-button" type="submit" data-variant="primary">
            {t("change.submit")}
          </button>
        </div>
      </form>
    </Section>
  );
}

function Notes({ t, model }: { t: CasesT; model: CasePageModel }) {
  const F = CASE_FIELDS;
  const values = model.values.note ?? { body: "", visibility: "internal" };
  return (
    <Section id="case-notes" heading={t("note.heading")}>
      {model.notes.length === 0 ? (
        <p class="ds-paragraph">{t("note.none")}</p>
      ) : (
        <ul class="lots-results">
          {model.notes.map((note) => (
            <li>
              <article class="ds-card lots-card" aria-label={note.kind}>
                <p class="ds-paragraph" data-size="sm">
                  <strong>{note.kind}</strong>
                </p>
                <p class="ds-paragraph" data-size="sm">
                  {note.by}
                </p>
                <p class="ds-paragraph lots-prewrap">{note.body}</p>
              </article>
            </li>
          ))}
        </ul>
      )}
      {model.canWork ? (
        <form
          method="post"
          action={`/admin/arenden/${model.case.id}/anteckning`}
          class="lots-stack"
          novalidate
        >
          <CsrfField token={model.csrfToken} />
          <TextArea
            id={F.noteBody}
            name="body"
            label={t("note.body")}
            value={values.body}
            rows={4}
            errors={model.errors}
          />
          <Radios
            id={F.noteVisibility}
            name="visibility"
            legend={t("note.visibility")}
            options={[
              { value: "internal", label: t("note.visibility.internal") },
              { value: "shared", label: t("note.visibility.shared") },
            ]}
            selected={values.visibility}
            errors={model.errors}
          />
          <div class="lots-actions">
            <button class="ds-button" type="submit" data-variant="primary">
              {t("note.submit")}
            </button>
          </div>
        </form>
      ) : null}
    </Section>
  );
}

function ContactLog({ t, model }: { t: CasesT; model: CasePageModel }) {
  const F = CASE_FIELDS;
  const values = model.values.contact ?? { channel: "phone", at: "", summary: "" };
  return (
    <Section id="case-contacts" heading={t("contact.heading")}>
      <p class="ds-paragraph">{t("contact.intro")}</p>
      {model.contacts.length === 0 ? (
        <p class="ds-paragraph">{t("contact.none")}</p>
      ) : (
        <TableScroll label={t("contact.caption")}>
          <table class="ds-table" data-border>
            <caption>{t("contact.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("contact.when")}</th>
                <th scope="col">{t("contact.who")}</th>
                <th scope="col">{t("contact.organisation")}</th>
                <th scope="col">{t("contact.channel")}</th>
                <th scope="col">{t("contact.summary")}</th>
              </tr>
            </thead>
            <tbody>
              {model.contacts.map((contact) => (
                <tr>
                  <th scope="row">{contact.when}</th>
                  <td>{contact.who}</td>
                  <td>{contact.organisation}</td>
                  <td>{contact.channel}</td>
                  <td class="lots-prewrap">{contact.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {model.canWork ? (
        <form method="post" action={`/admin/arenden/${model.case.id}/kontakt`} class="lots-stack" novalidate>
          <h3 class="ds-heading" data-size="xs">
            {t("contact.log")}
          </h3>
          <CsrfField token={model.csrfToken} />
          <div class="lots-grid">
            <Select
              id={F.contactChannel}
              name="channel"
              label={t("contact.channel")}
              value={values.channel}
              options={CONTACT_CHANNELS.map((ch) => ({ value: ch, label: t(`channel.${ch}`) }))}
              errors={model.errors}
            />
            <Input
              id={F.contactAt}
              name="contactedAt"
              type="datetime-local"
              label={t("contact.at")}
              hint={t("contact.at.hint")}
              value={values.at}
              errors={model.errors}
            />
          </div>
          <TextArea
            id={F.contactSummary}
            name="summary"
            label={t("contact.summary")}
            value={values.summary}
            rows={3}
            errors={model.errors}
          />
          <div class="lots-actions">
            <button class="ds-button" type="submit" data-variant="primary">
              {t("contact.submit")}
            </button>
          </div>
        </form>
      ) : null}
    </Section>
  );
}

/** The case page: what the case is, the company, needs, consent, referrals, proposals, forms and history. */
export function CasePageView({ t, model }: { t: CasesT; model: CasePageModel }) {
  const c = model.case;
  return (
    <div class="lots-stack">
      <p class="ds-paragraph">
        <a class="ds-link" href="/admin/arenden">
          {t("case.back")}
        </a>
      </p>
      <h1 class="ds-heading" data-size="lg">
        {c.title}
      </h1>
      <Notice message={model.notice} />
      {model.conflict ? (
        <div class="ds-alert" data-color="warning" role="alert">
          <p class="ds-paragraph">{model.conflict}</p>
        </div>
      ) : null}
      <ErrorSummary id="case-errors" heading={t("errors.heading")} errors={model.errors} />
      <Section id="case-facts" heading={t("case.facts")}>
        <dl class="lots-answers">
          <dt>{t("case.status")}</dt>
          <dd>{c.statusLabel}</dd>
          <dt>{t("case.priority")}</dt>
          <dd>{c.priorityLabel}</dd>
          <dt>{t("case.team")}</dt>
          <dd>{`${c.team} (${c.organisation})`}</dd>
          <dt>{t("case.assignee")}</dt>
          <dd>{c.assignee}</dd>
          <dt>{t("case.opened")}</dt>
          <dd>{c.opened}</dd>
          <dt>{t("case.summary")}</dt>
          <dd class="lots-prewrap">{c.summary || t("case.summary.none")}</dd>
        </dl>
        {model.canWork ? null : (
          <p class="ds-paragraph">{t("case.readOnly", { organisation: c.organisation })}</p>
        )}
      </Section>
      <Section id="case-company" heading={t("company.heading")}>
        {model.company ? (
          <>
            <dl class="lots-answers">
              {model.company.facts.map((fact) => (
                <>
                  <dt>{fact.label}</dt>
                  <dd>{fact.value}</dd>
                </>
              ))}
            </dl>
            {model.company.registerHref ? (
              <p class="ds-paragraph">
                <a class="ds-link" href={model.company.registerHref}>
                  {t("company.register")}
                </a>
              </p>
            ) : null}
            <h3 class="ds-heading" data-size="xs">
              {t("company.contacts")}
            </h3>
            {model.company.contacts.length === 0 ? (
              <p class="ds-paragraph">{t("company.contacts.none")}</p>
            ) : (
              <ul class="ds-list">
                {model.company.contacts.map((line) => (
                  <li>{line}</li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <p class="ds-paragraph">{t("company.erased")}</p>
        )}
      </Section>
      <Section id="case-needs" heading={t("needs.heading")}>
        {model.needs.length === 0 ? (
          <p class="ds-paragraph">{t("needs.none")}</p>
        ) : (
          <ul class="ds-list">
            {model.needs.map((need) => (
              <li>
                {need.line}
                {need.description ? <p class="ds-paragraph lots-prewrap">{need.description}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <Section id="case-consent" heading={t("consent.heading")}>
        {model.consent.map((line) => (
          <p class="ds-paragraph">{line}</p>
        ))}
      </Section>
      <Section id="case-referrals" heading={t("referrals.heading")}>
        {model.referrals.length === 0 ? (
          <p class="ds-paragraph">{t("referrals.none")}</p>
        ) : (
          <TableScroll label={t("referrals.caption")}>
            <table class="ds-table" data-border>
              <caption>{t("referrals.caption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("referrals.offer")}</th>
                  <th scope="col">{t("referrals.organisation")}</th>
                  <th scope="col">{t("referrals.status")}</th>
                  <th scope="col">{t("referrals.respondBy")}</th>
                  <th scope="col">{t("referrals.result")}</th>
                </tr>
              </thead>
              <tbody>
                {model.referrals.map((referral) => (
                  <tr>
                    <th scope="row">
                      <a class="ds-link" href={`/admin/hanvisningar/${referral.id}`}>
                        {referral.offer}
                        <span class="ds-sr-only">{` – ${t("referrals.open")}`}</span>
                      </a>
                    </th>
                    <td>{referral.organisation}</td>
                    <td>{referral.status}</td>
                    <td>{referral.respondBy}</td>
                    <td>{referral.result}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </Section>
      <Proposals t={t} model={model} />
      {model.canWork ? <ChangeForm t={t} model={model} /> : null}
      <Notes t={t} model={model} />
      <ContactLog t={t} model={model} />
      <Section id="case-timeline" heading={t("timeline.heading")}>
        {model.events.length === 0 ? (
          <p class="ds-paragraph">{t("timeline.none")}</p>
        ) : (
          <ol class="ds-list">
            {model.events.map((event) => (
              <li>
                <strong>{event.when}</strong> {event.who}: {event.text}
              </li>
            ))}
          </ol>
        )}
      </Section>
    </div>
  );
}
