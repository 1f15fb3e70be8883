import type { Core } from '@strapi/strapi';
import { currentPrincipal } from '../access/principal';

/** A signed-in users-permissions user (not an API token): the plugin's routes act for a person. */
export default async (_ctx: unknown, _config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const principal = await currentPrincipal(strapi);
  return principal.kind === 'employee' || principal.kind === 'external';
};
