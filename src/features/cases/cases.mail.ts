// The e-mails (and digest lines) lotsning sends to staff, in Swedish and English. Plain text: links are
// absolute when the public address is known (PUBLIC_URL), else paths on the Lots server.

type Notification = { subject: { sv: string; en: string }; text: { sv: string; en: string } };

/** A new case landed in a team's queue. */
export function caseOpenedNotification(input: {
  number: number;
  caseId: string;
  companyName: string;
  teamName: string;
  publicUrl?: string | undefined;
}): Notification {
  const link = `${input.publicUrl ?? ""}/admin/arenden/${input.caseId}`;
  return {
    subject: {
      sv: `Nytt ärende ${input.number}: ${input.companyName}`,
      en: `New case ${input.number}: ${input.companyName}`,
    },
    text: {
      sv: `Ett nytt ärende från ${input.companyName} har kommit till ${input.teamName}.\n\nÖppna ärendet: ${link}\n`,
      en: `A new case from ${input.companyName} has reached ${input.teamName}.\n\nOpen the case: ${link}\n`,
    },
  };
}
