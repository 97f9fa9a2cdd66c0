import { formatDate, type Locale } from "#src/shared/i18n.ts";

// The company page's list of the company's cases (lotsning) for staff, and the way to open a new one.
// Number, status and team only: a case of another organisation's team opens only for those who may see it.

const TEXT = {
  sv: {
    heading: "Ärenden",
    none: "Företaget har inga ärenden.",
    open: "Öppna ett ärende för företaget",
    line: "Ärende {number} – {status} – {team} (öppnat {date})",
    status: {
      new: "nytt",
      triaged: "bedömt",
      referred: "hänvisat",
      "waiting-for-company": "väntar på företaget",
      closed: "avslutat",
    },
  },
  en: {
    heading: "Cases",
    none: "The company has no cases.",
    open: "Open a case for the company",
    line: "Case {number} – {status} – {team} (opened {date})",
    status: {
      new: "new",
      triaged: "triaged",
      referred: "referred",
      "waiting-for-company": "waiting for the company",
      closed: "closed",
    },
  },
} as const;

/** The company's cases with links, and "open a case". */
export function CompanyCasesForStaff(props: {
  locale: Locale;
  companyId: string;
  cases: {
    id: string;
    number: number;
    status: keyof (typeof TEXT)["sv"]["status"];
    team_name: string;
    created_at: Date;
  }[];
}) {
  const t = TEXT[props.locale];
  return (
    <section class="lots-stack" aria-labelledby="company-cases">
      <h2 class="ds-heading" data-size="sm" id="company-cases">
        {t.heading}
      </h2>
      {props.cases.length === 0 ? (
        <p class="ds-paragraph">{t.none}</p>
      ) : (
        <ul class="ds-list">
          {props.cases.map((c) => (
            <li>
              <a class="ds-link" href={`/admin/arenden/${c.id}`}>
                {t.line
                  .replace("{number}", String(c.number))
                  .replace("{status}", t.status[c.status])
                  .replace("{team}", c.team_name)
                  .replace("{date}", formatDate(c.created_at))}
              </a>
            </li>
          ))}
        </ul>
      )}
      <p class="ds-paragraph">
        <a class="ds-link" href={`/admin/arenden/nytt?foretag=${props.companyId}`}>
          {t.open}
        </a>
      </p>
    </section>
  );
}
