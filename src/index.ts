import type { Core } from '@strapi/strapi';
import { seedDemo, seedPermissions } from './seed';

export default {
  register() {},

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await seedPermissions(strapi);
    if (process.env.SEED_DEMO !== 'false') await seedDemo(strapi);
  },
};
