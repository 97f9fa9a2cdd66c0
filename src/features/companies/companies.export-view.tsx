import type { Child } from "hono/jsx";
import { formatDate, formatNumber, type Locale, pick } from "#src/shared/i18n.ts";
import { type companiesMessages, EXPORT_FIELD_LABELS } from "./companies.messages.ts";

// The readable page of a GDPR export (company or contact person): exactly the object the JSON download
// holds, as nested lists, with field names in words. Everything is rendered as text (hono/jsx escapes it),
// so whatever a company typed shows as typed and never runs.

type T = ReturnType<typeof companiesMessages>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function label(locale: Locale, key: string): string {
  const known = EXPORT_FIELD_LABELS[key];
  return known ? pick(locale, known.sv, known.en) : key;
}

function timestamp(date: Date): string {
  const time = new Intl.DateTimeFormat("sv-SE", { hour: "2-digit", minute: "2-digit" }).format(date);
  return `${formatDate(date)} ${time}`;
}

function Value({ t, locale, value }: { t: T; locale: Locale; value: unknown }): Child {
  if (value === null || value === undefined || value === "") return "–";
  if (value instanceof Date) return timestamp(value);
  if (typeof value === "string") return ISO_DATE.test(value) ? timestamp(new Date(value)) : value;
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? t("export.yes") : t("export.no");
  if (Array.isArray(value)) {
    if (value.length === 0) return "–";
    if (value.every((item) => item === null || typeof item !== "object")) return value.map(String).join(", ");
    return (
      <ol class="ds-list">
        {value.map((item, i) => (
          <li>
            <span class="ds-sr-only">{t("export.item", { n: i + 1 })}</span>
            <Value t={t} locale={locale} value={item} />
          </li>
        ))}
      </ol>
    );
  }
  if (typeof value === "object") {
    return (
      <dl class="lots-answers">
        {Object.entries(value as Record<string, unknown>).map(([key, inner]) => (
          <>
            <dt>{label(locale, key)}</dt>
            <dd class="lots-prewrap">
              <Value t={t} locale={locale} value={inner} />
            </dd>
          </>
        ))}
      </dl>
    );
  }
  return String(value);
}

/** Everything held about a company or a contact person, as a page, with the JSON download beside it. */
export function ExportDataView(props: {
  t: T;
  locale: Locale;
  name: string;
  exportedAt: Date;
  data: Record<string, unknown>;
  jsonHref: string;
  backHref: string;
}) {
  const { t, locale } = props;
  const { exportedAt: _taken, ...sections } = props.data;
  return (
    <div class="lots-stack">
      <h1 class="ds-heading" data-size="lg">
        {t("export.title", { name: props.name })}
      </h1>
      <p class="ds-paragraph">{t("export.intro", { name: props.name, date: timestamp(props.exportedAt) })}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href={props.jsonHref} download>
          {t("export.json")}
        </a>
        {" · "}
        <a class="ds-link" href={props.backHref}>
          {t("export.back")}
        </a>
      </p>
      {Object.entries(sections).map(([key, value]) => (
        <section class="lots-stack" aria-labelledby={`export-${key}`}>
          <h2 class="ds-heading" data-size="sm" id={`export-${key}`}>
            {label(locale, key)}
          </h2>
          <Value t={t} locale={locale} value={value} />
        </section>
      ))}
    </div>
  );
}
