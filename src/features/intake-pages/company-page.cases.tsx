import type { Locale } from "#src/shared/i18n.ts";
import { formatDate } from "#src/shared/i18n.ts";
import { defineMessages } from "#src/shared/messages.ts";
import { Radios } from "#src/shared/web/form-fields.tsx";
import { CsrfField } from "#src/shared/web/form-parts.tsx";

// The company's cases on its private page (issue 7): what happened, who will contact it, and — once a case
// is closed — the one follow-up question "did it help?". Only what the network shares with the company:
// statuses, organisations and offers, never staff's notes.

export const companyCaseMessages = defineMessages({
  sv: {
    "cases.heading": "Era ärenden",
    "cases.none": "Ni har inga ärenden ännu. När en lots tar upp era behov syns ärendet här.",
    "cases.case": "Ärende {number}",
    "cases.status": "Status: {status}",
    "cases.team": "Ansvarig hos nätverket: {team}",
    "cases.opened": "Öppnat {date}",
    "cases.referrals": "Vem som hjälper er",
    "cases.referral": "{organisation} – {offer}: {status}",
    "cases.willContact": "{organisation} kontaktar er.",
    "cases.advisor": "Er kontakt: {name}",
    "cases.history": "Vad som hänt",
    "cases.followUp.legend": "Hjälpte det er?",
    "cases.followUp.hint": "Ert svar hjälper nätverket att hänvisa andra företag rätt. Ni svarar en gång.",
    "cases.followUp.helped": "Ja, det hjälpte",
    "cases.followUp.notHelped": "Nej, det hjälpte inte",
    "cases.followUp.submit": "Skicka svaret",
    "cases.followUp.answered": "Ni svarade: {answer}. Tack!",
    "cases.followUp.thanks": "Tack för ert svar!",
    "status.new": "Nytt – en lots tittar på det snart",
    "status.triaged": "En lots arbetar med ärendet",
    "status.referred": "Skickat vidare till en samarbetspartner",
    "status.waiting-for-company": "Väntar på svar från er",
    "status.closed": "Avslutat",
    "referral.sent": "skickad, väntar på svar",
    "referral.accepted": "accepterad – de hör av sig",
    "referral.in-progress": "pågår",
    "referral.closed": "avslutad",
    "referral.declined": "kunde inte hjälpa",
    "referral.withdrawn": "återkallad",
    "referral.expired": "fick inget svar – lotsen väljer en annan väg",
    "event.opened": "Ärendet öppnades",
    "event.routed": "Ärendet gick till {team}",
    "event.referral": "Hänvisning till {organisation}: {status}",
    "event.status": "Ärendet: {status}",
    "event.contact": "{organisation} kontaktade er",
    "event.follow-up-answer": "Ni svarade på uppföljningsfrågan",
  },
  en: {
    "cases.heading": "Your cases",
    "cases.none": "You have no cases yet. When a navigator takes up your needs, the case shows here.",
    "cases.case": "Case {number}",
    "cases.status": "Status: {status}",
    "cases.team": "Responsible in the network: {team}",
    "cases.opened": "Opened {date}",
    "cases.referrals": "Who is helping you",
    "cases.referral": "{organisation} – {offer}: {status}",
    "cases.willContact": "{organisation} will contact you.",
    "cases.advisor": "Your contact: {name}",
    "cases.history": "What has happened",
    "cases.followUp.legend": "Did it help you?",
    "cases.followUp.hint": "Your answer helps the network refer other companies well. You answer once.",
    "cases.followUp.helped": "Yes, it helped",
    "cases.followUp.notHelped": "No, it did not help",
    "cases.followUp.submit": "Send the answer",
    "cases.followUp.answered": "You answered: {answer}. Thank you!",
    "cases.followUp.thanks": "Thank you for your answer!",
    "status.new": "New – a navigator will look at it soon",
    "status.triaged": "A navigator is working on the case",
    "status.referred": "Passed on to a partner",
    "status.waiting-for-company": "Waiting for your reply",
    "status.closed": "Closed",
    "referral.sent": "sent, waiting for an answer",
    "referral.accepted": "accepted – they will get in touch",
    "referral.in-progress": "in progress",
    "referral.closed": "closed",
    "referral.declined": "could not help",
    "referral.withdrawn": "withdrawn",
    "referral.expired": "no answer – the navigator will choose another way",
    "event.opened": "The case was opened",
    "event.routed": "The case went to {team}",
    "event.referral": "Referral to {organisation}: {status}",
    "event.status": "The case: {status}",
    "event.contact": "{organisation} contacted you",
    "event.follow-up-answer": "You answered the follow-up question",
  },
});

type T = ReturnType<typeof companyCaseMessages>;

export type CompanyCase = {
  id: string;
  number: number;
  status: string;
  teamName: string;
  createdAt: Date;
  followUpAnswer: "helped" | "not-helped" | null;
  referrals: { organisation: string; offer: string; status: string; advisor: string | null }[];
  events: {
    at: Date;
    kind: string;
    toStatus: string | null;
    details: Record<string, unknown>;
    organisation: string | null;
  }[];
};

const SHOWN_EVENTS = new Set(["opened", "routed", "referral", "status", "contact", "follow-up-answer"]);

function eventText(t: T, event: CompanyCase["events"][number]): string {
  const d = event.details;
  switch (event.kind) {
    case "routed":
      return t("event.routed", { team: String(d.team ?? "") });
    case "referral":
      return t("event.referral", {
        organisation: String(d.organisation ?? ""),
        status: event.toStatus ? t(`referral.${event.toStatus}` as never) : "",
      });
    case "status":
      return t("event.status", { status: event.toStatus ? t(`status.${event.toStatus}` as never) : "" });
    case "contact":
      return t("event.contact", { organisation: event.organisation ?? "" });
    default:
      return t(`event.${event.kind}` as never);
  }
}

/** The "Era ärenden" section of the private page. */
export function CompanyCasesSection(props: { locale: Locale; cases: CompanyCase[]; csrfToken: string }) {
  const t = companyCaseMessages(props.locale);
  return (
    <section class="lots-stack" aria-labelledby="company-cases-heading" id="arenden">
      <h2 class="ds-heading" data-size="sm" id="company-cases-heading">
        {t("cases.heading")}
      </h2>
      {props.cases.length === 0 ? <p class="ds-paragraph">{t("cases.none")}</p> : null}
      {props.cases.map((item) => {
        const headingId = `case-${item.id}`;
        return (
          <article class="ds-card lots-stack" aria-labelledby={headingId}>
            <h3 class="ds-heading" data-size="xs" id={headingId}>
              {t("cases.case", { number: String(item.number) })}
            </h3>
            <p class="ds-paragraph">
              <strong>{t("cases.status", { status: t(`status.${item.status}` as never) })}</strong>
            </p>
            <p class="ds-paragraph">{t("cases.team", { team: item.teamName })}</p>
            <p class="ds-paragraph">{t("cases.opened", { date: formatDate(item.createdAt) })}</p>
            {item.referrals.length > 0 ? (
              <>
                <h4 class="ds-heading" data-size="2xs">
                  {t("cases.referrals")}
                </h4>
                <ul class="ds-list">
                  {item.referrals.map((r) => (
                    <li>
                      {t("cases.referral", {
                        organisation: r.organisation,
                        offer: r.offer,
                        status: t(`referral.${r.status}` as never),
                      })}
                      {r.status === "accepted" || r.status === "in-progress" ? (
                        <>
                          {" "}
                          {t("cases.willContact", { organisation: r.organisation })}
                          {r.advisor ? ` ${t("cases.advisor", { name: r.advisor })}` : ""}
                        </>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <h4 class="ds-heading" data-size="2xs">
              {t("cases.history")}
            </h4>
            <ol class="ds-list">
              {item.events
                .filter((e) => SHOWN_EVENTS.has(e.kind))
                .map((e) => (
                  <li>
                    <time datetime={e.at.toISOString()}>{formatDate(e.at)}</time>: {eventText(t, e)}
                  </li>
                ))}
            </ol>
            {item.status === "closed" ? (
              item.followUpAnswer ? (
                <p class="ds-paragraph">
                  {t("cases.followUp.answered", {
                    answer:
                      item.followUpAnswer === "helped"
                        ? t("cases.followUp.helped")
                        : t("cases.followUp.notHelped"),
                  })}
                </p>
              ) : (
                <form method="post" action={`/mitt-foretag/arenden/${item.id}/uppfoljning`}>
                  <CsrfField token={props.csrfToken} />
                  <Radios
                    id={`fu-${item.id}`}
                    name="answer"
                    legend={t("cases.followUp.legend")}
                    hint={t("cases.followUp.hint")}
                    options={[
                      { value: "helped", label: t("cases.followUp.helped") },
                      { value: "not-helped", label: t("cases.followUp.notHelped") },
                    ]}
                    selected=""
                    errors={[]}
                  />
                  <button class="ds-button" type="submit" data-variant="primary">
                    {t("cases.followUp.submit")}
                  </button>
                </form>
              )
            ) : null}
          </article>
        );
      })}
    </section>
  );
}
