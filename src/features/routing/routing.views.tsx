import { Checkboxes, Input, type Option, Select } from "#src/shared/web/form-fields.tsx";
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
import type { RoutingMessages } from "./routing.messages.ts";

// The routing page (/admin/lotsning): the rules in the order they are tried, the teams with their members,
// and the forms that change them. Every control has a label, groups have legends, every button says what
// it acts on (for screen readers, beyond its visible word), and every form works without JavaScript.

/** One rule as the page shows it. */
export type RuleView = {
  id: string;
  theme: string | null;
  municipalityCode: string | null;
  sniSection: string | null;
  teamName: string;
  organisationName: string;
};

/** One team as the page shows it, with the navigators that may be added. */
export type TeamView = {
  id: string;
  name: string;
  email: string | null;
  isCatchAll: boolean;
  organisationName: string;
  members: { userId: string; name: string; email: string }[];
  candidates: Option[];
};

export type TeamFormValues = {
  organisationId: string;
  name: string;
  slug: string;
  email: string;
  isCatchAll: boolean;
};
export type RuleFormValues = { theme: string; municipalityCode: string; sniSection: string; teamId: string };

/** What was sent with a rejected form: its values and the errors, shown again with status 400. */
export type RoutingForms = {
  team?: { values: TeamFormValues; errors: FormError[] };
  rule?: { values: RuleFormValues; errors: FormError[] };
  member?: { teamId: string; userId: string; errors: FormError[] };
};

export type RoutingPageModel = {
  canManageRouting: boolean;
  rules: RuleView[];
  teams: TeamView[];
  catchAll: { name: string; organisationName: string } | undefined;
  choices: {
    themes: Option[];
    municipalities: Option[];
    sections: Option[];
    organisations: Option[];
    /** Every team, for the rule form (the platform admin's). */
    teams: Option[];
  };
  notice: string | undefined;
  forms: RoutingForms;
  csrfToken: string;
};

/** The id of a team's add-member select (and of its error). */
export const memberFieldId = (teamId: string) => `member-${teamId}`;

const EMPTY_TEAM: TeamFormValues = { organisationId: "", name: "", slug: "", email: "", isCatchAll: false };
const EMPTY_RULE: RuleFormValues = { theme: "", municipalityCode: "", sniSection: "", teamId: "" };

const labelOf = (options: Option[], value: string) => options.find((o) => o.value === value)?.label ?? value;

function SrOnly({ text }: { text: string }) {
  return <span class="ds-sr-only">{text}</span>;
}

/** A form with one button that posts to `action` (with hidden fields), e.g. "Flytta upp". */
function ButtonForm(props: {
  action: string;
  csrfToken: string;
  fields?: Record<string, string>;
  label: string;
  srLabel: string;
  variant?: "secondary" | "tertiary";
}) {
  return (
    <form method="post" action={props.action} class="lots-inline-form">
      <CsrfField token={props.csrfToken} />
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <button class="ds-button" type="submit" data-variant={props.variant ?? "secondary"} data-size="sm">
        {props.label}
        <SrOnly text={`: ${props.srLabel}`} />
      </button>
    </form>
  );
}

function RulesTable({ t, model }: { t: RoutingMessages; model: RoutingPageModel }) {
  if (model.rules.length === 0) return <p class="ds-paragraph">{t("rules.none")}</p>;
  const { choices } = model;
  return (
    <TableScroll label={t("rules.caption")}>
      <table class="ds-table" data-border>
        <caption>{t("rules.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("rules.col.position")}</th>
            <th scope="col">{t("rules.col.theme")}</th>
            <th scope="col">{t("rules.col.municipality")}</th>
            <th scope="col">{t("rules.col.section")}</th>
            <th scope="col">{t("rules.col.team")}</th>
            {model.canManageRouting ? <th scope="col">{t("rules.col.change")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {model.rules.map((rule, index) => {
            const which = t("rules.which", { position: index + 1 });
            return (
              <tr>
                <th scope="row">{index + 1}</th>
                <td>{rule.theme ? labelOf(choices.themes, rule.theme) : t("rules.allThemes")}</td>
                <td>
                  {rule.municipalityCode
                    ? labelOf(choices.municipalities, rule.municipalityCode)
                    : t("rules.allMunicipalities")}
                </td>
                <td>
                  {rule.sniSection ? labelOf(choices.sections, rule.sniSection) : t("rules.allSections")}
                </td>
                <td>{t("rules.team", { team: rule.teamName, organisation: rule.organisationName })}</td>
                {model.canManageRouting ? (
                  <td>
                    <div class="lots-actions">
                      {index > 0 ? (
                        <ButtonForm
                          action={`/admin/lotsning/regler/${rule.id}/flytta`}
                          csrfToken={model.csrfToken}
                          fields={{ direction: "up" }}
                          label={t("rules.up")}
                          srLabel={which}
                        />
                      ) : null}
                      {index < model.rules.length - 1 ? (
                        <ButtonForm
                          action={`/admin/lotsning/regler/${rule.id}/flytta`}
                          csrfToken={model.csrfToken}
                          fields={{ direction: "down" }}
                          label={t("rules.down")}
                          srLabel={which}
                        />
                      ) : null}
                      <ButtonForm
                        action={`/admin/lotsning/regler/${rule.id}/ta-bort`}
                        csrfToken={model.csrfToken}
                        label={t("rules.delete")}
                        srLabel={which}
                        variant="tertiary"
                      />
                    </div>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

function RuleForm({ t, model }: { t: RoutingMessages; model: RoutingPageModel }) {
  const form = model.forms.rule;
  const values = form?.values ?? EMPTY_RULE;
  const errors = form?.errors ?? [];
  const all = (options: Option[]) => [{ value: "", label: t("rule.all") }, ...options];
  return (
    <Section id="routing-rule-form" heading={t("rule.heading")}>
      <p class="ds-paragraph">{t("rule.intro")}</p>
      <ErrorSummary id="routing-rule-errors" heading={t("errors.heading")} errors={errors} />
      <form method="post" action="/admin/lotsning/regler" class="lots-stack" novalidate>
        <CsrfField token={model.csrfToken} />
        <Select
          id="rule-theme"
          name="theme"
          label={t("rule.theme")}
          value={values.theme}
          options={all(model.choices.themes)}
          errors={errors}
        />
        <Select
          id="rule-municipality"
          name="municipalityCode"
          label={t("rule.municipality")}
          value={values.municipalityCode}
          options={all(model.choices.municipalities)}
          errors={errors}
        />
        <Select
          id="rule-section"
          name="sniSection"
          label={t("rule.section")}
          value={values.sniSection}
          options={all(model.choices.sections)}
          errors={errors}
        />
        <Select
          id="rule-team"
          name="teamId"
          label={t("rule.team")}
          value={values.teamId}
          options={[{ value: "", label: t("rule.chooseTeam") }, ...model.choices.teams]}
          errors={errors}
        />
        <div class="lots-actions">
          <button class="ds-button" type="submit" data-variant="primary">
            {t("rule.submit")}
          </button>
        </div>
      </form>
    </Section>
  );
}

function AddMemberForm({ t, team, model }: { t: RoutingMessages; team: TeamView; model: RoutingPageModel }) {
  const id = memberFieldId(team.id);
  const form = model.forms.member?.teamId === team.id ? model.forms.member : undefined;
  const errors = form?.errors ?? [];
  const error = fieldError(errors, id);
  if (team.candidates.length === 0 && !error)
    return <p class="ds-paragraph">{t("team.noNavigators", { organisation: team.organisationName })}</p>;
  return (
    <form method="post" action={`/admin/lotsning/team/${team.id}/medlemmar`} class="lots-stack" novalidate>
      <CsrfField token={model.csrfToken} />
      <input type="hidden" name="action" value="add" />
      <div class="ds-field">
        <label class="ds-label" for={id}>
          {t("team.addLabel", { team: team.name })}
        </label>
        <ValidationMessage fieldId={id} message={error} />
        <div class="lots-inline-form">
          <select class="ds-input" id={id} name="userId" {...describedBy(id, error)}>
            <option value="">{t("team.choose")}</option>
            {team.candidates.map((o) => (
              <option value={o.value} selected={o.value === form?.userId}>
                {o.label}
              </option>
            ))}
          </select>
          <button class="ds-button" type="submit" data-variant="secondary">
            {t("team.add")}
            <SrOnly text={`: ${team.name}`} />
          </button>
        </div>
      </div>
    </form>
  );
}

function TeamCard({ t, team, model }: { t: RoutingMessages; team: TeamView; model: RoutingPageModel }) {
  const headingId = `team-${team.id}-heading`;
  const memberErrors = model.forms.member?.teamId === team.id ? model.forms.member.errors : [];
  return (
    <li>
      <article class="ds-card lots-card" aria-labelledby={headingId}>
        <h3 class="ds-heading" data-size="xs" id={headingId}>
          {team.name}
        </h3>
        <dl class="lots-answers">
          <dt>{t("team.organisation")}</dt>
          <dd>{team.organisationName}</dd>
          <dt>{t("team.email")}</dt>
          <dd class="lots-break">{team.email ?? t("team.noEmail")}</dd>
          <dt>{t("team.catchAll")}</dt>
          <dd>{team.isCatchAll ? t("team.isCatchAll") : t("team.notCatchAll")}</dd>
        </dl>
        <h4 class="ds-heading" data-size="2xs">
          {t("team.members")}
        </h4>
        <ErrorSummary id={`member-errors-${team.id}`} heading={t("errors.heading")} errors={memberErrors} />
        {team.members.length === 0 ? (
          <p class="ds-paragraph">{t("team.noMembers")}</p>
        ) : (
          <ul class="ds-list">
            {team.members.map((member) => (
              <li>
                <div class="lots-inline-form">
                  <span>{member.name}</span>
                  <ButtonForm
                    action={`/admin/lotsning/team/${team.id}/medlemmar`}
                    csrfToken={model.csrfToken}
                    fields={{ userId: member.userId, action: "remove" }}
                    label={t("team.remove")}
                    srLabel={t("team.removeWho", { name: member.name, team: team.name })}
                    variant="tertiary"
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
        <AddMemberForm t={t} team={team} model={model} />
        {model.canManageRouting && !team.isCatchAll ? (
          <ButtonForm
            action={`/admin/lotsning/team/${team.id}/standard`}
            csrfToken={model.csrfToken}
            label={t("team.makeCatchAll")}
            srLabel={team.name}
          />
        ) : null}
      </article>
    </li>
  );
}

function TeamForm({ t, model }: { t: RoutingMessages; model: RoutingPageModel }) {
  const form = model.forms.team;
  const values = form?.values ?? EMPTY_TEAM;
  const errors = form?.errors ?? [];
  return (
    <Section id="routing-team-form" heading={t("newTeam.heading")}>
      <ErrorSummary id="routing-team-errors" heading={t("errors.heading")} errors={errors} />
      <form method="post" action="/admin/lotsning/team" class="lots-stack" novalidate>
        <CsrfField token={model.csrfToken} />
        <Select
          id="team-organisation"
          name="organisationId"
          label={t("newTeam.organisation")}
          value={values.organisationId}
          options={[{ value: "", label: t("newTeam.chooseOrganisation") }, ...model.choices.organisations]}
          errors={errors}
        />
        <Input id="team-name" name="name" label={t("newTeam.name")} value={values.name} errors={errors} />
        <Input
          id="team-slug"
          name="slug"
          label={t("newTeam.slug")}
          hint={t("newTeam.slugHint")}
          value={values.slug}
          errors={errors}
          autocomplete="off"
        />
        <Input
          id="team-email"
          name="email"
          type="email"
          label={t("newTeam.email")}
          value={values.email}
          errors={errors}
          autocomplete="off"
        />
        <Checkboxes
          id="team-catchall"
          name="isCatchAll"
          legend={t("team.catchAll")}
          options={[{ value: "true", label: t("newTeam.catchAll") }]}
          selected={values.isCatchAll ? ["true"] : []}
          errors={errors}
        />
        <div class="lots-actions">
          <button class="ds-button" type="submit" data-variant="primary">
            {t("newTeam.submit")}
          </button>
        </div>
      </form>
    </Section>
  );
}

/** The whole page. */
export function RoutingPage({ t, model }: { t: RoutingMessages; model: RoutingPageModel }) {
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("page.title")}
      </h1>
      <Notice message={model.notice} />
      <p class="ds-paragraph">{t("page.intro")}</p>
      <p class="ds-paragraph">{t("page.how")}</p>
      {model.canManageRouting ? null : <p class="ds-paragraph">{t("page.readOnly")}</p>}

      <Section id="routing-rules" heading={t("rules.heading")}>
        <RulesTable t={t} model={model} />
        <p class="ds-paragraph">
          {model.catchAll
            ? t("rules.fallback", {
                team: t("rules.team", {
                  team: model.catchAll.name,
                  organisation: model.catchAll.organisationName,
                }),
              })
            : t("rules.noFallback")}
        </p>
      </Section>
      {model.canManageRouting ? <RuleForm t={t} model={model} /> : null}

      <Section id="routing-teams" heading={t("teams.heading")}>
        {model.teams.length === 0 ? (
          <p class="ds-paragraph">{model.canManageRouting ? t("teams.none") : t("teams.noneOwn")}</p>
        ) : (
          <ul class="lots-grid">
            {model.teams.map((team) => (
              <TeamCard t={t} team={team} model={model} />
            ))}
          </ul>
        )}
      </Section>
      {model.canManageRouting ? <TeamForm t={t} model={model} /> : null}
    </div>
  );
}
