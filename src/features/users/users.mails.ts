import { renderMail } from "#src/features/mail/mail.templates.ts";
import type { Locale } from "#src/shared/i18n.ts";

// The mails of user management, through the mail feature's template (text and HTML). A new invitee's
// language is not known yet: the Swedish mail then carries a short English paragraph too.

export type InvitationMailInput = {
  to: string;
  /** The link to accept: `${publicUrl}/inbjudan/${token}`. */
  link: string;
  organisationName: string;
  networkName: string;
  inviterName: string | undefined;
  /** The invitee's language when known (an existing account), else Swedish with an English note. */
  locale?: Locale | undefined;
};

/** The invitation to set a name and password and start using Lots. */
export function invitationMail(input: InvitationMailInput) {
  const { networkName: network, organisationName: organisation } = input;
  if (input.locale === "en") {
    const by = input.inviterName ? ` by ${input.inviterName}` : "";
    return {
      to: input.to,
      subject: `Invitation to ${network}`,
      ...renderMail({
        locale: "en",
        paragraphs: [
          `You have been invited${by} to use ${network} for ${organisation}.`,
          "Open the link to choose your name and password. It works once and expires after a while. If you did not expect this invitation, you can ignore this e-mail.",
        ],
        action: { label: "Choose name and password", url: input.link },
      }),
    };
  }
  const by = input.inviterName ? ` av ${input.inviterName}` : "";
  return {
    to: input.to,
    subject: `Inbjudan till ${network}`,
    ...renderMail({
      locale: "sv",
      paragraphs: [
        `Du har bjudits in${by} att använda ${network} för ${organisation}.`,
        "Öppna länken för att välja namn och lösenord. Den går att använda en gång och slutar gälla efter en tid. Om du inte väntade dig inbjudan kan du strunta i det här mejlet.",
        `In English: you have been invited to use ${network} for ${organisation}. Open the link below to choose your name and password.`,
      ],
      action: { label: "Välj namn och lösenord", url: input.link },
    }),
  };
}

export type AddedMailInput = {
  to: string;
  organisationName: string;
  networkName: string;
  /** The sign-in page: `${publicUrl}/logga-in`. */
  signInUrl: string;
  locale: Locale;
};

/** Tells someone who already has an account that they now also belong to another organisation. */
export function addedToOrganisationMail(input: AddedMailInput) {
  const { networkName: network, organisationName: organisation } = input;
  if (input.locale === "en") {
    return {
      to: input.to,
      subject: `You now have access to ${organisation}`,
      ...renderMail({
        locale: "en",
        paragraphs: [`Your account in ${network} now also has access to ${organisation}. Sign in as usual.`],
        action: { label: "Sign in", url: input.signInUrl },
      }),
    };
  }
  return {
    to: input.to,
    subject: `Du har nu tillgång till ${organisation}`,
    ...renderMail({
      locale: "sv",
      paragraphs: [
        `Ditt konto i ${network} har nu också tillgång till ${organisation}. Logga in som vanligt.`,
      ],
      action: { label: "Logga in", url: input.signInUrl },
    }),
  };
}
