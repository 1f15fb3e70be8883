import type { Core } from '@strapi/strapi';
import { currentPrincipal } from '../access/principal';
import { isExtranetAdmin, isUser } from '../access/rule';

/** An extranet site administrator (SPEC §2). */
export default async (_ctx: unknown, _config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const principal = await currentPrincipal(strapi);
  return isUser(principal) && isExtranetAdmin(principal);
};
