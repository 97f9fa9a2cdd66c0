// E-mails (and digest lines) about referrals, in Swedish and English. Links are absolute when the public
// address is known (PUBLIC_URL), else paths on the Lots server.

type Notification = { subject: { sv: string; en: string }; text: { sv: string; en: string } };

const STATUS_SV: Record<string, string> = {
  sent: "skickad",
  accepted: "accepterad",
  "in-progress": "pågår",
  closed: "avslutad",
  declined: "avböjd",
  withdrawn: "återkallad",
  expired: "förfallen",
};

/** A partner organisation received a referral. */
export function referralReceived(input: {
  referralId: string;
  offerName: string;
  companyName: string;
  respondBy: string;
  publicUrl?: string | undefined;
}): Notification {
  const link = `${input.publicUrl ?? ""}/admin/hanvisningar/${input.referralId}`;
  return {
    subject: { sv: `Ny hänvisning: ${input.companyName}`, en: `New referral: ${input.companyName}` },
    text: {
      sv: `${input.companyName} har hänvisats till ${input.offerName}. Svara senast ${input.respondBy}.\n\nÖppna hänvisningen: ${link}\n`,
      en: `${input.companyName} has been referred to ${input.offerName}. Please answer by ${input.respondBy}.\n\nOpen the referral: ${link}\n`,
    },
  };
}

/** The case side hears of a partner's answer. */
export function referralChanged(input: {
  caseId: string;
  caseNumber: number;
  organisationName: string;
  status: string;
  publicUrl?: string | undefined;
}): Notification {
  const link = `${input.publicUrl ?? ""}/admin/arenden/${input.caseId}`;
  return {
    subject: {
      sv: `Ärende ${input.caseNumber}: hänvisningen till ${input.organisationName} är ${STATUS_SV[input.status] ?? input.status}`,
      en: `Case ${input.caseNumber}: the referral to ${input.organisationName} is ${input.status}`,
    },
    text: {
      sv: `Hänvisningen till ${input.organisationName} i ärende ${input.caseNumber} är nu ${STATUS_SV[input.status] ?? input.status}.\n\nÖppna ärendet: ${link}\n`,
      en: `The referral to ${input.organisationName} in case ${input.caseNumber} is now ${input.status}.\n\nOpen the case: ${link}\n`,
    },
  };
}

/** Reminder to the partner before the deadline. */
export function referralReminder(input: {
  referralId: string;
  companyName: string;
  respondBy: string;
  publicUrl?: string | undefined;
}): Notification {
  const link = `${input.publicUrl ?? ""}/admin/hanvisningar/${input.referralId}`;
  return {
    subject: {
      sv: `Påminnelse: svara på hänvisningen av ${input.companyName}`,
      en: `Reminder: answer the referral of ${input.companyName}`,
    },
    text: {
      sv: `Hänvisningen av ${input.companyName} väntar på svar. Sista dag: ${input.respondBy}.\n\nÖppna hänvisningen: ${link}\n`,
      en: `The referral of ${input.companyName} is waiting for an answer. Deadline: ${input.respondBy}.\n\nOpen the referral: ${link}\n`,
    },
  };
}

/** Escalation to the navigator after the deadline passed unanswered. */
export function referralEscalated(input: {
  caseId: string;
  caseNumber: number;
  organisationName: string;
  publicUrl?: string | undefined;
}): Notification {
  const link = `${input.publicUrl ?? ""}/admin/arenden/${input.caseId}`;
  return {
    subject: {
      sv: `Ärende ${input.caseNumber}: ${input.organisationName} svarade inte i tid`,
      en: `Case ${input.caseNumber}: ${input.organisationName} did not answer in time`,
    },
    text: {
      sv: `${input.organisationName} svarade inte på hänvisningen i ärende ${input.caseNumber} före tidsgränsen. Hänvisningen har förfallit; välj ett annat erbjudande eller kontakta organisationen.\n\nÖppna ärendet: ${link}\n`,
      en: `${input.organisationName} did not answer the referral in case ${input.caseNumber} before the deadline. The referral has expired; choose another offer or contact the organisation.\n\nOpen the case: ${link}\n`,
    },
  };
}
