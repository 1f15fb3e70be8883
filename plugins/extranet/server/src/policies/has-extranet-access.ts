import type { Core } from '@strapi/strapi';
import { currentPrincipal } from '../access/principal';
import { hasExtranetAccess, isUser } from '../access/rule';

/** A person in the extranet (SPEC §2): `extranet-users` or `extranet-admins`. */
export default async (_ctx: unknown, _config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const principal = await currentPrincipal(strapi);
  return isUser(principal) && hasExtranetAccess(principal);
};
