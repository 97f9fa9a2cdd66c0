import { Radios } from "#src/shared/web/form-fields.tsx";
import { CsrfField, Section } from "#src/shared/web/form-parts.tsx";
import { TableScroll } from "#src/shared/web/table-scroll.tsx";
import type { Meeting, Registration } from "./meetings.schemas.ts";
import type { MeetingsStaffT } from "./meetings.staff-messages.ts";

// The meeting page's registrations (with the attendance form: Kom / Kom inte / Okänt for each registered
// person, one submit) and the waiting list in order.

/** What these parts of the meeting page need. */
export type RegistrationsModel = {
  meeting: Meeting;
  registrations: Registration[];
  csrfToken: string;
  now: Date;
  /** Where the attendance form posts. */
  attendanceAction: string;
};

/** A short date and time for tables: "2031-01-16 09:00". */
export function formatShort(at: Date): string {
  return new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Stockholm",
    dateStyle: "short",
    timeStyle: "short",
  }).format(at);
}

const attendedValue = (r: Registration) =>
  r.attended === true ? "yes" : r.attended === false ? "no" : "unknown";

/** The registrations table and the attendance form. */
export function Registrations({ t, model }: { t: MeetingsStaffT; model: RegistrationsModel }) {
  const m = model.meeting;
  const regs = model.registrations;
  const registered = regs.filter((r) => r.status === "registered");
  const mayMark = m.status === "held" || (m.status === "published" && model.now >= m.startsAt);
  return (
    <Section id="meeting-registrations" heading={t("page.registrations")}>
      {regs.length === 0 ? (
        <p class="ds-paragraph">{t("page.registrations.none")}</p>
      ) : (
        <TableScroll label={t("page.registrations")}>
          <table class="ds-table" data-border="true">
            <caption>{t("page.registrations")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("page.col.company")}</th>
                <th scope="col">{t("page.col.orgNumber")}</th>
                <th scope="col">{t("page.col.person")}</th>
                <th scope="col">{t("page.col.email")}</th>
                <th scope="col">{t("page.col.needs")}</th>
                <th scope="col">{t("page.col.status")}</th>
                <th scope="col">{t("page.col.registeredAt")}</th>
                <th scope="col">{t("page.col.attended")}</th>
              </tr>
            </thead>
            <tbody>
              {regs.map((r) => (
                <tr>
                  <td>{r.companyName ?? t("page.none")}</td>
                  <td>{r.orgNumber ?? t("page.none")}</td>
                  <td>{r.personName}</td>
                  <td>{r.email}</td>
                  <td>
                    {[r.dietaryNeeds, r.accessibilityNeeds].filter(Boolean).join("; ") || t("page.none")}
                  </td>
                  <td>{t(`registration.${r.status}`)}</td>
                  <td>{formatShort(r.createdAt)}</td>
                  <td>{r.status === "registered" ? t(`attended.${attendedValue(r)}`) : t("page.none")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {registered.length > 0 ? (
        <section class="lots-section lots-stack" aria-labelledby="meeting-attendance">
          <h3 class="ds-heading" data-size="xs" id="meeting-attendance">
            {t("page.attendance")}
          </h3>
          {mayMark ? (
            <form method="post" action={model.attendanceAction} class="lots-stack">
              <CsrfField token={model.csrfToken} />
              <p class="ds-paragraph">{t("page.attendanceIntro")}</p>
              {registered.map((r) => (
                <Radios
                  id={`attended-${r.id}`}
                  name={`attended.${r.id}`}
                  legend={t("page.attendanceFor", {
                    name: `${r.personName}, ${r.companyName ?? ""}`.replace(/, $/, ""),
                  })}
                  options={(["yes", "no", "unknown"] as const).map((v) => ({
                    value: v,
                    label: t(`attended.${v}`),
                  }))}
                  selected={attendedValue(r)}
                  errors={[]}
                />
              ))}
              <div class="lots-actions">
                <button class="ds-button" data-variant="primary" type="submit">
                  {t("page.attendanceSave")}
                </button>
              </div>
            </form>
          ) : (
            <p class="ds-paragraph">{t("page.attendanceLater")}</p>
          )}
        </section>
      ) : null}
    </Section>
  );
}

/** The waiting list, first in line first. */
export function WaitingList({ t, model }: { t: MeetingsStaffT; model: RegistrationsModel }) {
  const waiting = model.registrations
    .filter((r) => r.status === "waiting")
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return (
    <Section id="meeting-waiting" heading={t("page.waiting")}>
      {waiting.length === 0 ? (
        <p class="ds-paragraph">{t("page.waiting.none")}</p>
      ) : (
        <ol class="ds-list">
          {waiting.map((r) => (
            <li>{`${r.personName}, ${r.companyName ?? ""} (${formatShort(r.createdAt)})`}</li>
          ))}
        </ol>
      )}
    </Section>
  );
}
