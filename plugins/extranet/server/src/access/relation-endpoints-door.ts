/**
 * The content manager's relation endpoints (`/content-manager/relations/:model/[:id/]:field`)
 * read the related rows themselves. For a field that leads to one of the plugin's internal types
 * (a workgroup's memberships and invitations, a user's memberships) they are refused outright,
 * like every other content-manager read of those types (SPEC §9), instead of failing on the
 * hidden field. Relations read from an internal row (an access group's users) are refused too.
 */
import type { Core } from '@strapi/strapi';
import { forbidden } from '../errors';
import { INTERNAL_PLUGIN_TYPES } from './rule';
import { ACCESS_GROUP_UID } from '../constants';
import { modelOf } from './types';

const RELATIONS = /^\/content-manager\/relations\/([^/]+)\/(?:[^/]+\/)?([^/?]+)$/;

export const createRelationEndpointsDoor =
  (strapi: Core.Strapi) => async (ctx: { path: string }, next: () => Promise<void>) => {
    const match = RELATIONS.exec(ctx.path);
    if (match) {
      const [, model, field] = match;
      const source = decodeURIComponent(model);
      const target = modelOf(strapi, source)?.attributes?.[decodeURIComponent(field)]?.target;
      // A user's edit view picks access groups (target); nothing reads from an internal row (source).
      const internalTarget = target && INTERNAL_PLUGIN_TYPES.has(target) && target !== ACCESS_GROUP_UID;
      if (INTERNAL_PLUGIN_TYPES.has(source) || internalTarget) {
        throw forbidden('This relation is managed by the Extranet plugin');
      }
    }
    return next();
  };
