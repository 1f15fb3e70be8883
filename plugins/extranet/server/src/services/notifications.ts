import type { Core } from '@strapi/strapi';
import type { Rendered } from './outbox';

/** Notifications by e-mail (SPEC §11). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async queueDueDigests() {},
  async renderOutboxMail(_row: any): Promise<Rendered> {
    void strapi;
    return { drop: 'not implemented' };
  },
});
