import { Section } from "#src/shared/web/form-parts.tsx";
import { TableScroll } from "#src/shared/web/table-scroll.tsx";
import type { MeetingsStaffT } from "./meetings.staff-messages.ts";

// What came out of a meeting, on its organiser's page: the follow-up answers (each with its own version's
// questions), the needs they became and the cases those needs are in. A part the actor's role may not read
// says so instead of looking empty.

/** The outcome as the page shows it: texts ready to print; `undefined` parts are not readable by the actor. */
export type OutcomeModel = {
  /** Whether the follow-up round exists (the survey went out). */
  started: boolean;
  answers: { company: string; date: string; rows: { question: string; answer: string }[] }[] | undefined;
  needs: { theme: string; urgency: string; company: string }[] | undefined;
  cases: { id: string; number: number; status: string; company: string }[] | undefined;
};

function Answers({ t, answers }: { t: MeetingsStaffT; answers: OutcomeModel["answers"] }) {
  if (answers === undefined) return <p class="ds-paragraph">{t("page.answers.hidden")}</p>;
  if (answers.length === 0) return <p class="ds-paragraph">{t("page.answers.none")}</p>;
  return (
    <>
      {answers.map((answer) => (
        <article class="lots-stack">
          <h4 class="ds-heading" data-size="2xs">
            {t("page.answer", { company: answer.company, date: answer.date })}
          </h4>
          <dl class="lots-answers">
            {answer.rows.map((row) => (
              <>
                <dt>{row.question}</dt>
                <dd class="lots-prewrap">{row.answer || t("page.noAnswer")}</dd>
              </>
            ))}
          </dl>
        </article>
      ))}
    </>
  );
}

function Needs({ t, needs }: { t: MeetingsStaffT; needs: OutcomeModel["needs"] }) {
  if (needs === undefined) return <p class="ds-paragraph">{t("page.needs.hidden")}</p>;
  if (needs.length === 0) return <p class="ds-paragraph">{t("page.needs.none")}</p>;
  return (
    <TableScroll label={t("page.needs")}>
      <table class="ds-table" data-border="true">
        <caption>{t("page.needs")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("page.col.theme")}</th>
            <th scope="col">{t("page.col.urgency")}</th>
            <th scope="col">{t("page.col.company")}</th>
          </tr>
        </thead>
        <tbody>
          {needs.map((need) => (
            <tr>
              <td>{need.theme}</td>
              <td>{need.urgency}</td>
              <td>{need.company}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Cases({ t, cases }: { t: MeetingsStaffT; cases: OutcomeModel["cases"] }) {
  if (cases === undefined) return <p class="ds-paragraph">{t("page.cases.hidden")}</p>;
  if (cases.length === 0) return <p class="ds-paragraph">{t("page.cases.none")}</p>;
  return (
    <TableScroll label={t("page.cases")}>
      <table class="ds-table" data-border="true">
        <caption>{t("page.cases")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("page.col.case")}</th>
            <th scope="col">{t("page.col.status")}</th>
            <th scope="col">{t("page.col.company")}</th>
          </tr>
        </thead>
        <tbody>
          {cases.map((c) => (
            <tr>
              <td>
                <a class="ds-link" href={`/admin/arenden/${c.id}`}>
                  {`#${c.number}`}
                </a>
              </td>
              <td>{c.status}</td>
              <td>{c.company}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The outcome section of the meeting page. */
export function MeetingOutcomeView({ t, outcome }: { t: MeetingsStaffT; outcome: OutcomeModel }) {
  return (
    <Section id="meeting-outcome" heading={t("page.outcome")}>
      {outcome.started ? (
        <div class="lots-stack">
          <h3 class="ds-heading" data-size="xs">
            {t("page.answers")}
          </h3>
          <Answers t={t} answers={outcome.answers} />
          <h3 class="ds-heading" data-size="xs">
            {t("page.needs")}
          </h3>
          <Needs t={t} needs={outcome.needs} />
          <h3 class="ds-heading" data-size="xs">
            {t("page.cases")}
          </h3>
          <Cases t={t} cases={outcome.cases} />
        </div>
      ) : (
        <p class="ds-paragraph">{t("page.outcome.none")}</p>
      )}
    </Section>
  );
}
