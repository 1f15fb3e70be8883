import type { Core } from '@strapi/strapi';
import { currentPrincipal } from '../access/principal';
import { hasExtranetAccess } from '../access/rule';

export default async (_ctx: unknown, _config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const principal = await currentPrincipal(strapi);
  return (principal.kind === 'employee' || principal.kind === 'external') && hasExtranetAccess(principal);
};
