import type { Db } from "#src/db/client.ts";
import type { AuditContext } from "#src/features/audit/audit.service.ts";
import {
  addCaseNote,
  answerFollowUp,
  casesOfCompany,
  findCaseRow,
  logCaseContact,
  markFollowUpSent,
  openCase,
  updateCase,
} from "#src/features/cases/cases.service.ts";
import * as companies from "#src/features/companies/companies.service.ts";
import * as offers from "#src/features/offers/offers.service.ts";
import * as reference from "#src/features/reference/reference.service.ts";
import { DEADLINE_JOB_ACTOR } from "#src/features/referrals/referrals.deadlines.ts";
import {
  actOnReferral,
  addReferralNote,
  expireReferral,
  getReferralSettings,
  logReferralContact,
  readableReferral,
  referCase,
  remindReferral,
} from "#src/features/referrals/referrals.service.ts";
import {
  changeTeamMember,
  createRoutingRule,
  createTeam,
  listTeamsWithMembers,
} from "#src/features/routing/routing.service.ts";
import { activeUsersWithRoles } from "#src/features/users/users.service.ts";
import { ANONYMOUS, type UserActor } from "#src/shared/auth/actor.ts";
import {
  addWorkingDays,
  responseDeadline,
  stockholmDate,
  stockholmInstant,
} from "#src/shared/working-days.ts";
import { fictionalOrgNumber } from "./demo.data.ts";
import { DEMO_USERS } from "./demo.users.ts";

// Lotsning in the demo: three navigator teams and the routing rules, then cases and referrals in every
// status over the last months, with notes, contacts and follow-up answers, so every queue, inbox and status
// has something to show.
//
// Order: the teams and rules are seeded before the demo intake (seedDemoRouting), so each answer that
// consents to contact opens its case by rule exactly as a real answer does; after the intake,
// seedDemoCases works those cases and opens a few by hand (phone, meeting, e-mail). Everything goes through
// the services as the demo people, dated with the services' `now` options: timelines, deadlines in Swedish
// working days, reminders, expiry and follow-ups are as consistent as live data. Times are working days at
// office hours, relative to `now` or to the case's opening, so the demo reads the same whatever day it is
// seeded on.

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

type Person = "karin" | "anna" | "erik" | "mikael" | "lina";
const PEOPLE: Record<Person, string> = {
  karin: "karin.lindqvist@regionorebrolan.example",
  anna: "anna.sjoberg@nora.example",
  erik: "erik.aberg@alfrednobelsciencepark.example",
  mikael: "mikael.holm@almi.example",
  lina: "lina.forsberg@oru.example",
};

/** What the case step needs from the routing step. */
export type DemoRouting = { people: Record<Person, UserActor> };

const ctxOf = (actor: UserActor): AuditContext => ({
  actor,
  ip: undefined,
  userAgent: undefined,
  requestId: undefined,
});

/** The demo person as the actor they would be once signed in, or undefined when the account is missing. */
async function demoPerson(
  trx: Db,
  organisationIdBySlug: ReadonlyMap<string, string>,
  email: string,
): Promise<UserActor | undefined> {
  const spec = DEMO_USERS.find((u) => u.email === email);
  const organisationId = spec && organisationIdBySlug.get(spec.organisation);
  if (!spec || !organisationId) return undefined;
  const user = (await activeUsersWithRoles(trx, organisationId, [spec.role])).find((u) => u.email === email);
  return (
    user && {
      kind: "user",
      userId: user.userId,
      name: user.name,
      email: user.email,
      memberships: [{ organisationId, role: spec.role }],
    }
  );
}

/**
 * The teams and routing rules, as Karin Lindqvist (platform admin) would set them up: Nora kommun's
 * business team takes cases from Nora; the science park's team takes innovation and academic
 * collaboration from elsewhere; the region's navigators are the default team for the rest. Does nothing
 * (returns undefined) when any team already exists or a demo person is missing.
 */
export async function seedDemoRouting(
  trx: Db,
  organisationIdBySlug: ReadonlyMap<string, string>,
): Promise<DemoRouting | undefined> {
  if ((await listTeamsWithMembers(trx)).length > 0) return undefined;
  const people = {} as Record<Person, UserActor>;
  for (const [key, email] of Object.entries(PEOPLE) as [Person, string][]) {
    const person = await demoPerson(trx, organisationIdBySlug, email);
    if (!person) return undefined;
    people[key] = person;
  }
  const admin = ctxOf(people.karin);
  const team = (slug: string, organisation: string, name: string, email: string, isCatchAll = false) =>
    createTeam(
      trx,
      { organisationId: organisationIdBySlug.get(organisation), name, slug, email, isCatchAll },
      admin,
    );
  const nora = await team(
    "naringslivsteamet-nora",
    "nora-kommun",
    "Näringslivsteamet Nora",
    "naringsliv@nora.example",
  );
  const sciencePark = await team(
    "lotsteamet-science-park",
    "alfred-nobel-science-park",
    "Lotsteamet Science Park",
    "lotsar@alfrednobelsciencepark.example",
  );
  // Karin is the region's network coordinator: she keeps the default team's queue. (Erik Åberg is not in
  // it: he works for the science park, and only the case organisation's navigators work its cases.)
  const region = await team(
    "regionens-lotsar",
    "region-orebro-lan",
    "Regionens lotsar",
    "lotsar@regionorebrolan.example",
    true,
  );
  await changeTeamMember(trx, nora, people.anna.userId, "add", admin);
  await changeTeamMember(trx, sciencePark, people.erik.userId, "add", admin);
  await changeTeamMember(trx, region, people.karin.userId, "add", admin);

  const codes = {
    themes: new Set((await reference.getNeedThemes(trx)).map((t) => t.code)),
    municipalities: new Set((await reference.getMunicipalities(trx)).map((m) => m.code)),
  };
  for (const rule of [
    { municipalityCode: "1884", teamId: nora },
    { theme: "innovation", teamId: sciencePark },
    { theme: "academic-collaboration", teamId: sciencePark },
  ])
    await createRoutingRule(trx, rule, admin, codes);
  return { people };
}

/** `time` (hh:mm, Stockholm) on the working day `days` working days after the day of `from`. */
function workdayAfter(from: Date, days: number, time: string): Date {
  return stockholmInstant(addWorkingDays(stockholmDate(from), Math.max(1, days)), `${time}:00`);
}

type Channel = "phone" | "email" | "meeting" | "visit" | "other";

/**
 * One case's story: every step at a time after the one before and before `now`, through the services as
 * the person who did it.
 */
class CaseStory {
  private last: number;

  constructor(
    private readonly trx: Db,
    private readonly now: Date,
    readonly id: string,
    readonly companyId: string,
    opened: Date,
  ) {
    this.last = opened.getTime();
  }

  /** `at`, moved after the previous step and before now. */
  private time(at: Date): Date {
    const t = Math.min(Math.max(at.getTime(), this.last + MINUTE), this.now.getTime() - MINUTE);
    this.last = t;
    return new Date(t);
  }

  /** `time` (hh:mm, Stockholm) on the day of the last step (0) or `days` working days after it. */
  after(days: number, time: string): Date {
    const date = stockholmDate(new Date(this.last));
    return stockholmInstant(days > 0 ? addWorkingDays(date, days) : date, `${time}:00`);
  }

  async set(
    who: UserActor,
    at: Date,
    change: { status?: string; assignedUserId?: string; priority?: string },
  ): Promise<void> {
    const row = (await findCaseRow(this.trx, this.id))!;
    await updateCase(this.trx, this.id, { version: row.version, ...change }, ctxOf(who), {
      now: this.time(at),
    });
  }

  async triage(who: UserActor, at: Date): Promise<void> {
    await this.set(who, at, { status: "triaged", assignedUserId: who.userId });
  }

  async note(who: UserActor, at: Date, body: string, visibility: "internal" | "shared" = "internal") {
    await addCaseNote(this.trx, this.id, { body, visibility }, ctxOf(who), { now: this.time(at) });
  }

  async contact(who: UserActor, at: Date, channel: Channel, summary: string) {
    const when = this.time(at);
    await logCaseContact(this.trx, this.id, { channel, summary, contactedAt: when }, ctxOf(who), {
      now: when,
    });
  }

  async refer(who: UserActor, at: Date, offerIds: string[], message: string): Promise<string[]> {
    return referCase(this.trx, this.id, { offerIds, message }, ctxOf(who), { now: this.time(at) });
  }

  async act(
    who: UserActor,
    at: Date,
    referralId: string,
    action: "accept" | "start" | "decline" | "close" | "withdraw",
    details: { reason?: string; outcome?: "helped" | "not-helped"; note?: string } = {},
  ): Promise<void> {
    await actOnReferral(this.trx, referralId, { action, ...details }, ctxOf(who), { now: this.time(at) });
  }

  async referralNote(
    who: UserActor,
    at: Date,
    referralId: string,
    body: string,
    visibility: "internal" | "shared",
  ) {
    await addReferralNote(this.trx, referralId, { body, visibility }, ctxOf(who), { now: this.time(at) });
  }

  async referralContact(who: UserActor, at: Date, referralId: string, channel: Channel, summary: string) {
    const when = this.time(at);
    await logReferralContact(this.trx, referralId, { channel, summary, contactedAt: when }, ctxOf(who), {
      now: when,
    });
  }

  /**
   * The partner never answered: the deadline job reminds it when the reminder is due and, the night after
   * the deadline, expires the referral and escalates to the case's navigators. Returns the expiry time.
   */
  async goUnanswered(referralId: string): Promise<Date> {
    const row = await readableReferral(this.trx, referralId, DEADLINE_JOB_ACTOR);
    await remindReferral(this.trx, row, DEADLINE_JOB_ACTOR, { now: this.time(row.remind_at) });
    const expiredAt = this.time(new Date(row.respond_by.getTime() + 6 * HOUR));
    await expireReferral(
      this.trx,
      await readableReferral(this.trx, referralId, DEADLINE_JOB_ACTOR),
      DEADLINE_JOB_ACTOR,
      {
        now: expiredAt,
      },
    );
    return expiredAt;
  }

  /**
   * After the case closed: when the 30 days have passed, the job has sent the follow-up question (marked
   * sent, so no mail goes out for old cases), and the company answered it two days later when `answer`
   * is given. A case closed less than 30 days ago still waits for its question.
   */
  async followUp(answer?: "helped" | "not-helped"): Promise<void> {
    const row = (await findCaseRow(this.trx, this.id))!;
    const due = row.follow_up_due_at;
    if (row.status !== "closed" || !due || due.getTime() > this.now.getTime() - 2 * HOUR) return;
    await markFollowUpSent(this.trx, this.id, this.time(new Date(due.getTime() + HOUR)));
    if (answer && due.getTime() + 2 * DAY < this.now.getTime())
      await answerFollowUp(this.trx, this.companyId, this.id, answer, ANONYMOUS, {
        now: this.time(new Date(due.getTime() + 2 * DAY + 3 * HOUR)),
      });
  }
}

/**
 * Works the cases the demo intake opened and opens a few more by hand, so that every case status and
 * every referral status has rows: closed cases with and without the company's follow-up answer, one whose
 * question is still to come; referrals sent (one well within its deadline, one whose reminder is due
 * soon), accepted, in progress, closed as helped and not helped, declined for different reasons,
 * withdrawn, and expired after an escalation. Returns the number of cases it worked.
 */
export async function seedDemoCases(trx: Db, routing: DemoRouting, now: Date): Promise<number> {
  const { karin, anna, erik, mikael, lina } = routing.people;
  const offerIdBySlug = new Map((await offers.listOffers(trx)).map((o) => [o.slug, o.id]));
  const offer = (slug: string) => {
    const id = offerIdBySlug.get(slug);
    if (!id) throw new Error(`the demo has no offer ${slug}`);
    return id;
  };
  const companyIdByNumber = new Map((await companies.listCompanies(trx)).map((c) => [c.orgNumber, c.id]));
  const companyId = (serial: number) => companyIdByNumber.get(fictionalOrgNumber(serial));
  /** `time` on the working day `days` working days before today. */
  const ago = (days: number, time: string) =>
    stockholmInstant(addWorkingDays(stockholmDate(now), -Math.max(1, days)), `${time}:00`);

  /** The intake's cases of a company, oldest first (none when the intake ran before lotsning existed). */
  const intakeCases = async (serial: number) => {
    const id = companyId(serial);
    if (!id) return [];
    return (await casesOfCompany(trx, id))
      .map((c) => c.case)
      .filter((c) => c.opened_via === "intake")
      .sort((a, b) => a.created_at.getTime() - b.created_at.getTime())
      .map((c) => new CaseStory(trx, now, c.id, id, c.created_at));
  };
  /** A case opened by hand about a new need the company told of. */
  const openByHand = async (
    who: UserActor,
    serial: number,
    at: Date,
    input: { openedVia: string; theme: string; description: string; urgency: string; summary: string },
  ) => {
    const id = companyId(serial);
    if (!id) return undefined;
    const opened = await openCase(
      trx,
      {
        companyId: id,
        openedVia: input.openedVia,
        newNeed: { theme: input.theme, description: input.description, urgency: input.urgency },
        summary: input.summary,
      },
      ctxOf(who),
      { now: at },
    );
    return new CaseStory(trx, now, opened.id, id, at);
  };
  let worked = 0;

  // Noraberg Precision (Nora), 17 months ago: a CNC machine financed by an Almi loan. Closed, it helped.
  const [noraberg, norabergAgain] = await intakeCases(1);
  if (noraberg) {
    const s = noraberg;
    await s.triage(anna, s.after(1, "08:40"));
    await s.contact(
      anna,
      s.after(0, "09:05"),
      "phone",
      "Ringde Per Larsson. Banken lånar ut 70 procent av maskinen, resten saknas. Pratade om Almis företagslån som komplement.",
    );
    await s.note(
      anna,
      s.after(0, "09:20"),
      "Stabil verkstad med tolv anställda, men orderingången har vikit sedan i våras. Regionens investeringsstöd gäller inte Nora, så Almi är första steget.",
    );
    const [loan] = await s.refer(
      anna,
      s.after(1, "10:00"),
      [offer("almi-foretagslan")],
      "Noraberg Precision vill köpa en ny CNC-maskin för cirka 3,2 miljoner kronor. Banken finansierar 70 procent. Per Larsson (vd) vill gärna träffas på verkstaden.",
    );
    await s.act(mikael, s.after(1, "13:30"), loan!, "accept");
    await s.referralContact(
      mikael,
      s.after(0, "13:45"),
      loan!,
      "phone",
      "Bokade möte på verkstaden med Per Larsson och företagets bank.",
    );
    await s.referralContact(
      mikael,
      s.after(5, "09:00"),
      loan!,
      "meeting",
      "Gick igenom offerten på maskinen och bokslutet. Företaget skickar en likviditetsbudget.",
    );
    await s.act(mikael, s.after(0, "11:00"), loan!, "start");
    await s.referralNote(
      mikael,
      s.after(0, "11:10"),
      loan!,
      "Vi har träffat Per och banken. Vi väntar på en likviditetsbudget och räknar med kreditbeslut inom tre veckor.",
      "shared",
    );
    await s.referralNote(
      mikael,
      s.after(12, "15:00"),
      loan!,
      "Kreditkommittén beviljade 950 000 kronor, löptid fem år, säkerhet i maskinen.",
      "internal",
    );
    await s.act(mikael, s.after(2, "10:00"), loan!, "close", {
      outcome: "helped",
      note: "Lånet är beviljat och maskinen beställd. Vi följer upp med Per om ett halvår.",
    });
    await s.followUp("helped");
    worked++;
  }

  // Älvhyttans Plåt & Svets (Nora), 16 months ago: welders. The university could not help; Yrkesvux could.
  const [alvhyttan] = await intakeCases(2);
  if (alvhyttan) {
    const s = alvhyttan;
    await s.triage(anna, s.after(1, "09:15"));
    await s.contact(
      anna,
      s.after(0, "09:40"),
      "phone",
      "Pratade med Lena Ek. Två svetsare går i pension till hösten. De kan lära upp en lärling om någon står för utbildningen.",
    );
    const [students] = await s.refer(
      anna,
      s.after(1, "10:30"),
      [offer("rekrytera-studenter-alumner")],
      "Älvhyttans Plåt & Svets söker svetsare och kan lära upp nyanställda. Finns det studenter eller nyutexaminerade som kan passa?",
    );
    await s.act(lina, s.after(2, "14:00"), students!, "decline", {
      reason: "not-relevant",
      note: "Vi utbildar inte svetsare och har inga studenter som passar. Prova Yrkesvux i Nora och Arbetsförmedlingens arbetsmarknadsutbildning.",
    });
    await s.note(
      anna,
      s.after(1, "08:50"),
      "Universitetet kunde inte hjälpa. Jag har kopplat ihop Lena med Yrkesvux i Nora och Arbetsförmedlingens företagsrådgivare.",
      "shared",
    );
    await s.contact(
      anna,
      s.after(0, "09:00"),
      "email",
      "Skickade kontaktuppgifter till Yrkesvux och Arbetsförmedlingen.",
    );
    await s.contact(
      anna,
      s.after(20, "10:00"),
      "phone",
      "Lena berättar att två lärlingar har börjat via Yrkesvux.",
    );
    await s.set(anna, s.after(0, "10:15"), { status: "closed" });
    await s.followUp();
    worked++;
  }

  // Hagbyns Träindustri (Nora), 14 months ago: heat the kilns with their own sawdust. Closed, it helped.
  const [hagbyn] = await intakeCases(4);
  if (hagbyn) {
    const s = hagbyn;
    await s.triage(anna, s.after(1, "08:30"));
    await s.contact(
      anna,
      s.after(0, "13:00"),
      "visit",
      "Besökte sågen med Maria Holm. Virkestorkarna drar mest el; spånet eldas i dag i en gammal panna.",
    );
    const [network] = await s.refer(
      anna,
      s.after(1, "09:30"),
      [offer("hallbar-produktion-natverk")],
      "Hagbyns Träindustri vill värma virkestorkarna med eget spån i stället för el. De behöver hjälp att räkna på lönsamheten och hitta leverantörer.",
    );
    await s.act(erik, s.after(1, "10:00"), network!, "accept");
    await s.act(erik, s.after(3, "09:00"), network!, "start");
    await s.referralNote(
      erik,
      s.after(0, "09:10"),
      network!,
      "Hagbyn är med i nätverkets energigrupp. En energikonsult gör en kartläggning under hösten.",
      "shared",
    );
    await s.referralContact(
      erik,
      s.after(0, "14:00"),
      network!,
      "meeting",
      "Första träffen i energinätverket; Maria Holm och produktionschefen deltog.",
    );
    await s.act(erik, s.after(34, "15:30"), network!, "close", {
      outcome: "helped",
      note: "Kartläggningen är klar. Företaget investerar i en ny fastbränslepanna och räknar med att halvera elkostnaden för torkarna.",
    });
    await s.followUp("helped");
    worked++;
  }

  // Möckelns Verkstadsindustri (science park), 13 months ago: a thesis on a new steel, postponed by the company.
  const [mockeln] = await intakeCases(40);
  if (mockeln) {
    const s = mockeln;
    await s.triage(erik, s.after(1, "10:00"));
    await s.contact(
      erik,
      s.after(0, "10:20"),
      "phone",
      "Anders Nyberg vill prova ett nytt stål i axlarna och ta emot en student som gör provningen.",
    );
    await s.set(erik, s.after(0, "10:40"), { status: "waiting-for-company" });
    await s.note(
      erik,
      s.after(0, "10:45"),
      "Bad Anders skicka en kort beskrivning av provningen, så att vi hittar rätt institution.",
    );
    await s.contact(
      erik,
      s.after(19, "11:00"),
      "email",
      "Anders skriver att provningen skjuts upp till nästa år eftersom orderingången har minskat.",
    );
    await s.note(
      erik,
      s.after(0, "11:10"),
      "Företaget vill vänta med provningen. Vi avslutar ärendet; företaget är välkommet tillbaka.",
      "shared",
    );
    await s.set(erik, s.after(0, "11:15"), { status: "closed" });
    await s.followUp();
    worked++;
  }

  // Degerfors Smide & Press (region), 12 months ago: automated press feeding. The course was for smaller
  // companies (declined, not eligible); the production lab helped.
  const [degerfors] = await intakeCases(29);
  if (degerfors) {
    const s = degerfors;
    await s.triage(karin, s.after(1, "09:00"));
    await s.contact(
      karin,
      s.after(0, "09:30"),
      "phone",
      "Karin Söder vill automatisera matningen till pressarna. Operatörerna behöver utbildas samtidigt.",
    );
    await s.note(
      karin,
      s.after(0, "09:45"),
      "Stort företag, runt 300 anställda. Regionens investeringsstöd gäller inte Degerfors. Produktionslabbet på science parken kan testa automationen.",
    );
    const [course, lab] = await s.refer(
      karin,
      s.after(1, "10:00"),
      [offer("industri-4-0-automation-kurs"), offer("produktionslabbet-testbadd")],
      "Degerfors Smide & Press vill automatisera matningen till sina pressar och utbilda operatörerna. Kontakt: Karin Söder, platschef.",
    );
    await s.act(erik, s.after(1, "08:50"), course!, "decline", {
      reason: "not-eligible",
      note: "Kursen är för företag med högst 49 anställda. Vi tar hand om automationen i Produktionslabbet i stället.",
    });
    await s.act(erik, s.after(0, "09:00"), lab!, "accept");
    await s.act(erik, s.after(4, "13:00"), lab!, "start");
    await s.referralNote(
      erik,
      s.after(0, "13:10"),
      lab!,
      "Testkörning av robotmatning i Produktionslabbet är bokad.",
      "shared",
    );
    await s.referralContact(
      erik,
      s.after(1, "10:00"),
      lab!,
      "visit",
      "Besök i Degerfors: mätte upp pressarna och filmade matningen.",
    );
    await s.act(erik, s.after(37, "14:00"), lab!, "close", {
      outcome: "helped",
      note: "Testerna visade att matningen kan automatiseras på två av fyra pressar. Företaget har beställt den första cellen.",
    });
    await s.followUp();
    worked++;
  }

  // Bageri Trästaden (Nora), 12 months ago: selling bread to the schools. Nora helped without a referral.
  const [bakery] = await intakeCases(7);
  if (bakery) {
    const s = bakery;
    await s.triage(anna, s.after(1, "10:30"));
    await s.contact(
      anna,
      s.after(0, "10:45"),
      "phone",
      "Fatima Rahimi vill sälja bröd till skolorna. Förklarade hur kommunens upphandling går till och när nästa livsmedelsupphandling annonseras.",
    );
    await s.note(
      anna,
      s.after(0, "11:00"),
      "Fatima är inbjuden till kommunens frukostträff om upphandling för lokala leverantörer.",
      "shared",
    );
    await s.contact(
      anna,
      s.after(7, "08:30"),
      "meeting",
      "Fatima kom till upphandlingsträffen och fick hjälp att registrera sig i upphandlingsverktyget.",
    );
    await s.set(anna, s.after(0, "09:30"), { status: "closed" });
    await s.followUp("helped");
    worked++;
  }

  // Bergslagens Robotintegration (Nora), 11 months ago: export advice, withdrawn when a Norwegian
  // reseller turned up.
  const [robot] = await intakeCases(6);
  if (robot) {
    const s = robot;
    await s.triage(anna, s.after(1, "09:00"));
    const [advice] = await s.refer(
      anna,
      s.after(1, "09:30"),
      [offer("smart-omstallning-radgivning")],
      "Bergslagens Robotintegration har en kund i Norge och vill hitta fler i Norden. Ingen i företaget har arbetat med export förut.",
    );
    await s.act(mikael, s.after(1, "11:00"), advice!, "accept");
    await s.act(mikael, s.after(7, "09:00"), advice!, "start");
    await s.referralContact(
      mikael,
      s.after(0, "09:05"),
      advice!,
      "meeting",
      "Första rådgivningsmötet med Olle Strand om en exportplan för Norden.",
    );
    await s.contact(
      anna,
      s.after(90, "10:00"),
      "phone",
      "Olle Strand berättar att de har fått en norsk återförsäljare som sköter försäljningen. De behöver inte exportrådgivningen nu.",
    );
    await s.act(anna, s.after(0, "10:20"), advice!, "withdraw", {
      note: "Företaget har hittat en återförsäljare i Norge och behöver inte rådgivningen just nu. Tack för hjälpen!",
    });
    await s.set(anna, s.after(0, "10:30"), { status: "closed" });
    await s.followUp();
    worked++;
  }

  // Ljusnarsbergs Plåtteknik (region), 10 months ago: a loan for a business system. Not granted.
  const [ljusnarsberg] = await intakeCases(33);
  if (ljusnarsberg) {
    const s = ljusnarsberg;
    await s.triage(karin, s.after(1, "13:00"));
    await s.contact(
      karin,
      s.after(0, "13:20"),
      "phone",
      "Eva Lind: offerten på affärssystemet är 400 000 kronor. Företaget har inte råd i år utan lån.",
    );
    const [loan] = await s.refer(
      karin,
      s.after(1, "09:00"),
      [offer("almi-foretagslan")],
      "Ljusnarsbergs Plåtteknik behöver finansiera ett affärssystem som kopplas till maskinerna, cirka 400 000 kronor. Eva Lind (vd) väntar på ert samtal.",
    );
    await s.act(mikael, s.after(1, "10:15"), loan!, "accept");
    await s.referralContact(
      mikael,
      s.after(0, "10:30"),
      loan!,
      "phone",
      "Pratade med Eva Lind; hon skickar årsredovisning och prognos.",
    );
    await s.act(mikael, s.after(3, "09:00"), loan!, "start");
    await s.referralNote(
      mikael,
      s.after(9, "16:00"),
      loan!,
      "Kassaflödet räcker inte för ett lån i dag. Föreslår att de först ser över lagret och kundfordringarna.",
      "internal",
    );
    await s.act(mikael, s.after(1, "09:30"), loan!, "close", {
      outcome: "not-helped",
      note: "Vi kunde inte bevilja lånet just nu. Företaget är välkommet tillbaka med en ny prognos efter årsskiftet.",
    });
    await s.followUp("not-helped");
    worked++;
  }

  // Lindesbergs Hembageri & Kafé (region), 9 months ago: customers lost to road works. Almi declined (not
  // eligible); Business Region Örebro did not answer in time (expired, escalated); Karin called them.
  const [cafe] = await intakeCases(47);
  if (cafe) {
    const s = cafe;
    await s.triage(karin, s.after(1, "08:15"));
    await s.contact(
      karin,
      s.after(0, "08:30"),
      "phone",
      "Sanna Ljung: vägarbetet utanför kaféet har pågått sedan maj och hälften av kunderna är borta. Hyran i höst är osäker.",
    );
    const [crisis, loan] = await s.refer(
      karin,
      s.after(0, "09:00"),
      [offer("akut-lage-kris-permittering"), offer("almi-foretagslan")],
      "Lindesbergs Hembageri & Kafé har tappat hälften av kunderna under ett vägarbete och behöver hjälp snabbt: likviditet och kontakt med kommunen om vägarbetet.",
    );
    await s.act(mikael, s.after(1, "11:00"), loan!, "decline", {
      reason: "not-eligible",
      note: "Ett lån löser inte problemet när intäkterna har fallit så mycket. Företaget uppfyller inte kraven på återbetalningsförmåga i dag.",
    });
    const expired = await s.goUnanswered(crisis!);
    await s.note(
      karin,
      workdayAfter(expired, 1, "08:30"),
      "Business Region Örebro svarade inte i tid. Jag ringde deras företagslots direkt; de kontaktar Sanna i dag.",
    );
    await s.contact(
      karin,
      s.after(0, "08:50"),
      "phone",
      "Berättade för Sanna att Business Region Örebro ringer henne om stöd och om dialog med kommunen om vägarbetet.",
    );
    await s.note(
      karin,
      s.after(10, "15:00"),
      "Kommunen har satt upp skyltar om att kaféet är öppet och Sanna har fått anstånd med hyran. Ärendet avslutas.",
      "shared",
    );
    await s.set(karin, s.after(0, "15:10"), { status: "closed" });
    await s.followUp();
    worked++;
  }

  // Frövi Industriservice (region), 8 months ago: electricians through the university's job portal.
  // Closed two weeks ago, so its follow-up question is still to come.
  const [frovi] = await intakeCases(44);
  if (frovi) {
    const s = frovi;
    await s.triage(karin, s.after(1, "10:00"));
    await s.contact(
      karin,
      s.after(0, "10:15"),
      "phone",
      "Henrik Ström: de saknar elektriker och automationstekniker och har fått tacka nej till jobb.",
    );
    const [students] = await s.refer(
      karin,
      s.after(1, "11:00"),
      [offer("rekrytera-studenter-alumner")],
      "Frövi Industriservice söker elektriker och automationstekniker. De tar gärna emot studenter på sommarjobb eller examensarbete.",
    );
    await s.act(lina, s.after(1, "09:30"), students!, "accept");
    await s.referralContact(
      lina,
      s.after(0, "09:45"),
      students!,
      "phone",
      "Ringde Henrik Ström om annons i universitetets jobbportal och en plats på arbetsmarknadsdagen.",
    );
    await s.act(lina, s.after(3, "13:00"), students!, "start");
    await s.referralNote(
      lina,
      s.after(0, "13:10"),
      students!,
      "Annonsen ligger i jobbportalen och företaget har en monter på arbetsmarknadsdagen.",
      "shared",
    );
    await s.referralContact(
      lina,
      s.after(34, "14:00"),
      students!,
      "meeting",
      "Henrik har anställt två automationsstudenter på sommarjobb.",
    );
    await s.act(lina, ago(10, "15:20"), students!, "close", {
      outcome: "helped",
      note: "En av sommarstudenterna har fått fast anställning efter examen. Vi avslutar hänvisningen.",
    });
    await s.followUp();
    worked++;
  }

  // Lindesbergs Elektronikmontering (science park), 6 months ago: its own sensor. Almi's innovation loan
  // helped; the research collaboration with the university is in progress.
  const [electronics] = await intakeCases(46);
  if (electronics) {
    const s = electronics;
    await s.triage(erik, s.after(2, "09:00"));
    await s.contact(
      erik,
      s.after(1, "13:00"),
      "visit",
      "Besök hos Sofia Åkesson. De vill ta fram en egen sensor för skogsmaskiner och behöver både finansiering och forskarkontakt.",
    );
    const [research, loan] = await s.refer(
      erik,
      s.after(2, "10:00"),
      [offer("forskarsamverkan"), offer("almi-innovationslan")],
      "Lindesbergs Elektronikmontering utvecklar en egen sensor för skogsmaskiner. De söker forskare inom sensorteknik och finansiering av prototypen.",
    );
    await s.act(mikael, s.after(1, "09:00"), loan!, "accept");
    await s.act(lina, s.after(1, "10:00"), research!, "accept");
    await s.act(mikael, s.after(3, "09:00"), loan!, "start");
    await s.referralContact(
      mikael,
      s.after(0, "10:00"),
      loan!,
      "meeting",
      "Gick igenom budgeten för prototypen med Sofia Åkesson.",
    );
    await s.act(lina, s.after(5, "11:00"), research!, "start");
    await s.referralNote(
      lina,
      s.after(0, "11:10"),
      research!,
      "Kontakt förmedlad med forskargruppen i maskinteknik. Första mötet är bokat.",
      "shared",
    );
    await s.referralContact(
      lina,
      s.after(1, "13:00"),
      research!,
      "meeting",
      "Första mötet mellan företaget och forskargruppen.",
    );
    await s.act(mikael, ago(12, "11:00"), loan!, "close", {
      outcome: "helped",
      note: "Innovationslånet är beviljat för prototypen.",
    });
    await s.referralNote(
      lina,
      ago(5, "16:00"),
      research!,
      "Ansökan om forskningsmedel till ett gemensamt projekt skickas i januari.",
      "internal",
    );
    worked++;
  }

  // Karlskoga Kemiteknik (region), 3 months ago: climate data. The region's own advice did not answer in
  // time (expired, escalated); the case is back in triage.
  const [chemistry] = await intakeCases(39);
  if (chemistry) {
    const s = chemistry;
    await s.triage(karin, s.after(1, "09:00"));
    await s.contact(
      karin,
      s.after(0, "09:20"),
      "phone",
      "Ylva Dahl: kunderna kräver klimatdata för varje produkt från nästa år. De vet inte var de ska börja.",
    );
    await s.set(karin, s.after(0, "09:30"), { status: "waiting-for-company" });
    await s.note(
      karin,
      s.after(0, "09:35"),
      "Vi har bett företaget skicka energideklaration och en lista över de viktigaste råvarorna.",
      "shared",
    );
    await s.contact(karin, ago(12, "09:40"), "email", "Ylva skickade energideklaration och råvarulista.");
    const [advice] = await s.refer(
      karin,
      ago(12, "10:15"),
      [offer("energikartlaggning-klimatradgivning")],
      "Karlskoga Kemiteknik behöver ta fram klimatdata för sina produkter. Underlaget från företaget finns i ärendet.",
    );
    const expired = await s.goUnanswered(advice!);
    await s.note(
      karin,
      workdayAfter(expired, 1, "08:45"),
      "Energi- och klimatrådgivningen svarade inte inom tiden. Jag hör med dem vem som har ärendet innan vi hänvisar igen.",
    );
    worked++;
  }

  // Pålsboda Fordonsdelar (region), about seven weeks ago: a lost customer. Almi's Smart omställning is in
  // progress; the university's leadership course was full (declined, no capacity).
  const [palsboda] = await intakeCases(22);
  if (palsboda) {
    const s = palsboda;
    await s.triage(karin, s.after(1, "08:20"));
    await s.contact(
      karin,
      s.after(0, "08:35"),
      "phone",
      "Magnus Frid: en av de två största kunderna säger upp avtalet vid årsskiftet. Tolv personer kan behöva varslas.",
    );
    await s.note(
      karin,
      s.after(0, "08:50"),
      "Brådskande. Smart omställning hos Almi passar; ledarskapsutbildningen för de nya arbetsledarna kan komma sedan.",
    );
    const [transition, course] = await s.refer(
      karin,
      s.after(0, "10:00"),
      [offer("smart-omstallning-radgivning"), offer("uppdragsutbildning-ledarskap")],
      "Pålsboda Fordonsdelar förlorar en av sina två största kunder vid årsskiftet och kan behöva varsla tolv personer. De behöver hjälp att ställa om och att utbilda fyra nya arbetsledare.",
    );
    await s.act(mikael, s.after(1, "09:00"), transition!, "accept");
    await s.referralContact(
      mikael,
      s.after(0, "09:20"),
      transition!,
      "phone",
      "Bokade första mötet om Smart omställning med Magnus Frid och vd.",
    );
    await s.act(lina, s.after(1, "14:00"), course!, "decline", {
      reason: "no-capacity",
      note: "Höstens kurs är full och nästa start är i mars. Hör gärna av er igen efter årsskiftet.",
    });
    await s.act(mikael, s.after(3, "09:00"), transition!, "start");
    await s.referralNote(
      mikael,
      s.after(0, "09:10"),
      transition!,
      "Omställningsanalysen är igång. Vi tittar på nya kunder inom lantbruksmaskiner.",
      "shared",
    );
    await s.referralContact(
      mikael,
      s.after(0, "13:00"),
      transition!,
      "meeting",
      "Workshop på plats med ledningsgruppen.",
    );
    worked++;
  }

  // Noraberg Precision (Nora) again, a month ago: working capital for a big order. Almi accepted.
  if (norabergAgain) {
    const s = norabergAgain;
    await s.triage(anna, s.after(1, "08:45"));
    await s.contact(
      anna,
      s.after(0, "09:10"),
      "phone",
      "Per Larsson: maskinen kommer i mars och den första stora ordern kräver rörelsekapital innan kunden betalar.",
    );
    const [loan] = await s.refer(
      anna,
      s.after(1, "10:00"),
      [offer("almi-foretagslan")],
      "Noraberg Precision har fått en stor order och behöver rörelsekapital tills kunden betalar. Almi finansierade maskinen förra året.",
    );
    await s.act(mikael, s.after(1, "08:30"), loan!, "accept", {
      note: "Jag tar det här eftersom jag hade förra ärendet. Jag ringer Per i veckan.",
    });
    await s.referralContact(
      mikael,
      s.after(1, "10:00"),
      loan!,
      "phone",
      "Per skickar orderbekräftelse och likviditetsbudget.",
    );
    worked++;
  }

  // Opened by hand, in the order they came in (case numbers grow with time).
  // Hagbyns Träindustri, a meeting three weeks ago about recruitment: waiting for the company.
  const hiring = await openByHand(anna, 4, ago(16, "10:00"), {
    openedVia: "meeting",
    theme: "recruitment",
    description: "Söker två truckförare och en underhållstekniker till sågen.",
    urgency: "within-6-months",
    summary: "Träff på Hagbyns Träindustri om rekrytering.",
  });
  if (hiring) {
    const s = hiring;
    await s.triage(anna, ago(16, "10:30"));
    await s.contact(
      anna,
      ago(16, "11:00"),
      "meeting",
      "Träffade Maria Holm på sågen. De behöver kravprofiler innan vi kan leta kandidater.",
    );
    await s.set(anna, ago(15, "09:00"), { status: "waiting-for-company" });
    await s.note(
      anna,
      ago(15, "09:05"),
      "Vi väntar på kravprofiler för tjänsterna från Hagbyns Träindustri.",
      "shared",
    );
    worked++;
  }

  // Frövi Industriservice met Erik about a remote-monitoring service; referred to the university's
  // thesis service a few days ago, so its reminder is due soon (the first working morning after now).
  const oru = (await offers.getOffer(trx, offer("exjobbsformedling"))).organisationId;
  const settings = await getReferralSettings(trx, oru);
  let sentDaysAgo = 1;
  for (let back = 2; back <= 15; back++) {
    const { remindAt } = responseDeadline(ago(back, "10:30"), settings.responseDays, settings.reminderDays);
    if (remindAt.getTime() <= now.getTime()) break;
    sentDaysAgo = back;
  }
  const monitoring = await openByHand(erik, 44, ago(sentDaysAgo + 3, "09:00"), {
    openedVia: "meeting",
    theme: "innovation",
    description:
      "Vill ta fram en tjänst för fjärrövervakning av kundernas maskiner och behöver hjälp att testa idén.",
    urgency: "within-6-months",
    summary: "Möte med Henrik Ström om en ny servicetjänst.",
  });
  if (monitoring) {
    const s = monitoring;
    await s.triage(erik, ago(sentDaysAgo + 2, "08:30"));
    await s.note(
      erik,
      ago(sentDaysAgo + 2, "08:40"),
      "Idén passar för ett examensarbete inom datateknik. Frågar universitetet.",
    );
    await s.refer(
      erik,
      ago(sentDaysAgo, "10:30"),
      [offer("exjobbsformedling")],
      "Frövi Industriservice vill utveckla fjärrövervakning av kundernas maskiner och tar gärna emot ett examensarbete om det under våren.",
    );
    worked++;
  }
  // Bageri Trästaden called about a stone oven; referred to Almi yesterday: sent, well within the deadline.
  const oven = await openByHand(anna, 7, ago(4, "11:00"), {
    openedVia: "phone",
    theme: "financing",
    description: "Vill köpa en stenugn för cirka 350 000 kronor och öppna ett litet kafé i butiken.",
    urgency: "within-6-months",
    summary: "Fatima Rahimi ringde om finansiering av en ny ugn.",
  });
  if (oven) {
    const s = oven;
    await s.triage(anna, ago(3, "09:00"));
    await s.contact(
      anna,
      ago(3, "09:15"),
      "phone",
      "Fatima har offert på ugnen och en budget för kaféet. Hon vill veta om Almi kan låna ut hela beloppet.",
    );
    await s.refer(
      anna,
      ago(1, "14:10"),
      [offer("almi-foretagslan")],
      "Bageri Trästaden vill investera i en stenugn (cirka 350 000 kronor) och öppna ett kafé. Fatima Rahimi har budget och offert klara.",
    );
    worked++;
  }

  // Karlskoga Kemiteknik e-mailed Erik about digital safety data sheets; routing sent it to the region's
  // default team, where it is new.
  const sheets = await openByHand(erik, 39, ago(3, "15:30"), {
    openedVia: "email",
    theme: "digitalisation",
    description: "Vill samla säkerhetsdatabladen digitalt och koppla dem till produktregistret.",
    urgency: "later",
    summary: "Ylva Dahl mejlade om digitala säkerhetsdatablad.",
  });
  if (sheets) worked++;

  // Älvhyttans Plåt & Svets called Anna two days ago about extending the workshop: new.
  const extension = await openByHand(anna, 2, ago(2, "13:20"), {
    openedVia: "phone",
    theme: "premises-permits",
    description:
      "Företaget vill bygga ut verkstaden med 400 kvadratmeter och undrar vad som gäller för bygglov och mark.",
    urgency: "within-6-months",
    summary: "Lena Ek ringde om en utbyggnad av verkstaden.",
  });
  if (extension) worked++;

  return worked;
}
