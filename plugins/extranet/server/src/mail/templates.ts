import { escapeHtml } from '../pages/html';

/** Plain-text and HTML bodies of the invitation mails; every value is escaped in the HTML part. */
export interface Mail {
  subject: string;
  text: string;
  html: string;
}

const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ').trim();
const roleText = (role: string) => (role === 'moderator' ? 'a moderator' : 'a member');

const wrapHtml = (body: string) =>
  `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5;color:#1d2430">\n${body}\n</body></html>`;

export const invitationMail = (view: {
  workgroupName: string;
  inviterName: string;
  role: string;
  message?: string | null;
  link: string;
  expiresAt: Date;
}): Mail => {
  const expires = view.expiresAt.toUTCString();
  const note = view.message ? `${view.inviterName} wrote:\n\n${view.message}\n\n` : '';
  return {
    subject: oneLine(`Invitation to the workgroup "${view.workgroupName}"`),
    text:
      `${view.inviterName} invited you to join the extranet workgroup "${view.workgroupName}" as ${roleText(view.role)}.\n\n` +
      note +
      `Accept the invitation and create your account here:\n${view.link}\n\n` +
      `The link works once and expires on ${expires}. If you did not expect this invitation, ignore this message.\n`,
    html: wrapHtml(
      [
        `<p>${escapeHtml(view.inviterName)} invited you to join the extranet workgroup <strong>${escapeHtml(view.workgroupName)}</strong> as ${roleText(view.role)}.</p>`,
        view.message
          ? `<p>${escapeHtml(view.inviterName)} wrote:</p>\n<blockquote style="white-space:pre-line">${escapeHtml(view.message)}</blockquote>`
          : '',
        `<p><a href="${escapeHtml(view.link)}">Accept the invitation</a></p>`,
        `<p>Or open this address: ${escapeHtml(view.link)}</p>`,
        `<p>The link works once and expires on ${escapeHtml(expires)}. If you did not expect this invitation, ignore this message.</p>`,
      ]
        .filter(Boolean)
        .join('\n')
    ),
  };
};

export const addedNoticeMail = (view: { workgroupName: string; inviterName: string; role: string; frontendUrl: string }): Mail => ({
  subject: oneLine(`You were added to the workgroup "${view.workgroupName}"`),
  text:
    `${view.inviterName} added you to the workgroup "${view.workgroupName}" as ${roleText(view.role)}.\n\n` +
    `Open the extranet: ${view.frontendUrl}\n`,
  html: wrapHtml(
    `<p>${escapeHtml(view.inviterName)} added you to the workgroup <strong>${escapeHtml(view.workgroupName)}</strong> as ${roleText(view.role)}.</p>\n` +
      `<p><a href="${escapeHtml(view.frontendUrl)}">Open the extranet</a></p>`
  ),
});
