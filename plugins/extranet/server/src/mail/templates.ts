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
        .join('\n'),
    ),
  };
};

export const addedNoticeMail = (view: {
  workgroupName: string;
  inviterName: string;
  role: string;
  frontendUrl: string;
}): Mail => ({
  subject: oneLine(`You were added to the workgroup "${view.workgroupName}"`),
  text:
    `${view.inviterName} added you to the workgroup "${view.workgroupName}" as ${roleText(view.role)}.\n\n` +
    `Open the extranet: ${view.frontendUrl}\n`,
  html: wrapHtml(
    `<p>${escapeHtml(view.inviterName)} added you to the workgroup <strong>${escapeHtml(view.workgroupName)}</strong> as ${roleText(view.role)}.</p>\n` +
      `<p><a href="${escapeHtml(view.frontendUrl)}">Open the extranet</a></p>`,
  ),
});

/* ---- notifications (SPEC §11): each carries the one-click unsubscribe link ---- */

const footer = (unsubscribe: string) => ({
  text: `\n--\nYou receive this because of your extranet notification settings. Turn every notification off with one click:\n${unsubscribe}\n`,
  html: `<hr><p style="font-size:12px;color:#666">You receive this because of your extranet notification settings. <a href="${escapeHtml(unsubscribe)}">Turn every notification off</a>.</p>`,
});

const excerpt = (value: string, max = 500) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

export const messageNotificationMail = (view: {
  senderName: string;
  body: string;
  frontendUrl: string;
  unsubscribe: string;
}): Mail => {
  const end = footer(view.unsubscribe);
  const body = excerpt(view.body);
  return {
    subject: oneLine(`New message from ${view.senderName}`),
    text: `${view.senderName} wrote to you:\n\n${body}\n\nAnswer in the extranet: ${view.frontendUrl}\n${end.text}`,
    html: wrapHtml(
      `<p>${escapeHtml(view.senderName)} wrote to you:</p>\n<blockquote style="white-space:pre-line">${escapeHtml(body)}</blockquote>\n` +
        `<p><a href="${escapeHtml(view.frontendUrl)}">Answer in the extranet</a></p>\n${end.html}`,
    ),
  };
};

export interface DigestGroup {
  workgroupName: string;
  items: Array<{ title: string; type: string; created: boolean }>;
}

export const digestMail = (view: {
  groups: DigestGroup[];
  frontendUrl: string;
  unsubscribe: string;
}): Mail => {
  const end = footer(view.unsubscribe);
  const count = view.groups.reduce((n, g) => n + g.items.length, 0);
  const line = (item: DigestGroup['items'][number]) =>
    `${item.created ? 'new' : 'changed'} ${item.type}: ${item.title}`;
  return {
    subject: oneLine(`${count} new or changed item${count === 1 ? '' : 's'} in your workgroups`),
    text:
      view.groups
        .map((g) => `${g.workgroupName}\n${g.items.map((i) => `- ${line(i)}`).join('\n')}`)
        .join('\n\n') + `\n\nOpen the extranet: ${view.frontendUrl}\n${end.text}`,
    html: wrapHtml(
      view.groups
        .map(
          (g) =>
            `<h3>${escapeHtml(g.workgroupName)}</h3>\n<ul>${g.items.map((i) => `<li>${escapeHtml(line(i))}</li>`).join('')}</ul>`,
        )
        .join('\n') + `\n<p><a href="${escapeHtml(view.frontendUrl)}">Open the extranet</a></p>\n${end.html}`,
    ),
  };
};

export const acceptedMail = (view: {
  personName: string;
  workgroupName: string;
  frontendUrl: string;
  unsubscribe: string;
}): Mail => {
  const end = footer(view.unsubscribe);
  return {
    subject: oneLine(`${view.personName} joined the workgroup "${view.workgroupName}"`),
    text: `${view.personName} accepted your invitation and joined the workgroup "${view.workgroupName}".\n\nOpen the extranet: ${view.frontendUrl}\n${end.text}`,
    html: wrapHtml(
      `<p>${escapeHtml(view.personName)} accepted your invitation and joined the workgroup <strong>${escapeHtml(view.workgroupName)}</strong>.</p>\n` +
        `<p><a href="${escapeHtml(view.frontendUrl)}">Open the extranet</a></p>\n${end.html}`,
    ),
  };
};

/** SPEC §10: to a partner whose membership an access review did not keep. */
export const suspendedByReviewMail = (view: { workgroupName: string; frontendUrl: string }): Mail => ({
  subject: oneLine(`Your access to the workgroup "${view.workgroupName}" has ended`),
  text:
    `An access review of the workgroup "${view.workgroupName}" has ended your membership: you no longer see its content.\n\n` +
    `If you still work with this team, ask your contact there to invite you again.\n`,
  html: wrapHtml(
    `<p>An access review of the workgroup <strong>${escapeHtml(view.workgroupName)}</strong> has ended your membership: you no longer see its content.</p>\n` +
      `<p>If you still work with this team, ask your contact there to invite you again.</p>`,
  ),
});

/** SPEC §10: a membership ends soon; to the partner, and to the employee who sponsors them. */
export const expiryReminderMail = (view: {
  workgroupName: string;
  personName: string;
  expiresAt: Date;
  toSponsor: boolean;
  frontendUrl: string;
}): Mail => {
  const when = view.expiresAt.toUTCString();
  const line = view.toSponsor
    ? `The membership of ${view.personName}, whom you sponsor, in the workgroup "${view.workgroupName}" ends on ${when}. Renew it on the workgroup's members if the work goes on.`
    : `Your membership of the workgroup "${view.workgroupName}" ends on ${when}. Ask your contact there to renew it if the work goes on.`;
  const htmlLine = view.toSponsor
    ? `The membership of ${escapeHtml(view.personName)}, whom you sponsor, in the workgroup <strong>${escapeHtml(view.workgroupName)}</strong> ends on ${escapeHtml(when)}. Renew it on the workgroup's members if the work goes on.`
    : `Your membership of the workgroup <strong>${escapeHtml(view.workgroupName)}</strong> ends on ${escapeHtml(when)}. Ask your contact there to renew it if the work goes on.`;
  return {
    subject: oneLine(
      `Access to "${view.workgroupName}" ends on ${view.expiresAt.toISOString().slice(0, 10)}`,
    ),
    text: `${line}\n\nOpen the extranet: ${view.frontendUrl}\n`,
    html: wrapHtml(
      `<p>${htmlLine}</p>\n<p><a href="${escapeHtml(view.frontendUrl)}">Open the extranet</a></p>`,
    ),
  };
};
