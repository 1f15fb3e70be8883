import type { Core } from '@strapi/strapi';
import { currentPrincipal } from '../access/principal';
import { isUser } from '../access/rule';

/** A signed-in users-permissions user (not an API token): the plugin's routes act for a person. */
export default async (_ctx: unknown, _config: unknown, { strapi }: { strapi: Core.Strapi }) =>
  isUser(await currentPrincipal(strapi));
