import type { Core } from '@strapi/strapi';
import { workgroupArchived } from '../errors';
import type { Mail } from '../pages/mail';

/**
 * Every mail of the plugin goes through `@strapi/email`, so any Strapi e-mail provider works.
 * An archived workgroup sends nothing any more (SPEC §3).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async send(to: string, mail: Mail, context: { workgroup?: { archived: boolean } } = {}) {
    if (context.workgroup?.archived) throw workgroupArchived();
    await strapi.plugin('email').service('email').send({ to, subject: mail.subject, text: mail.text, html: mail.html });
  },
});
