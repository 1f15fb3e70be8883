import { escapeHtml } from '../pages/html';
import type { Mail } from '../pages/mail';

const oneLine = (value: string) => value.replace(/[\r\n]+/g, ' ').trim();
const wrapHtml = (body: string) =>
  `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5;color:#1d2430">\n${body}\n</body></html>`;

/** SPEC §10: to a partner whose membership an access review did not keep. */
export const suspendedByReviewMail = (view: { workgroupName: string; frontendUrl: string }): Mail => ({
  subject: oneLine(`Your access to the workgroup "${view.workgroupName}" has ended`),
  text:
    `An access review of the workgroup "${view.workgroupName}" has ended your membership: you no longer see its content.\n\n` +
    `If you still work with this team, ask your contact there to invite you again.\n`,
  html: wrapHtml(
    `<p>An access review of the workgroup <strong>${escapeHtml(view.workgroupName)}</strong> has ended your membership: you no longer see its content.</p>\n` +
      `<p>If you still work with this team, ask your contact there to invite you again.</p>`
  ),
});
