import type { Core } from '@strapi/strapi';
import { PERMISSION_UID } from './constants';

const PREFIX = 'plugin::extranet.';

/**
 * Content-API controllers that had another name before (old → new). A role's grants are stored by
 * action id, `plugin::extranet.<controller>.<action>`: renaming a controller changes its ids.
 */
export const RENAMED_CONTROLLERS: ReadonlyMap<string, string> = new Map([
  ['invitations', 'invitation'],
  ['messages', 'message'],
  ['externals', 'external'],
  ['seats', 'seat'],
]);

/** The id an action of a renamed controller has now (`…invitations.create` → `…invitation.create`), else null. */
export const renamedAction = (action: string): string | null => {
  if (!action.startsWith(PREFIX)) return null;
  const [controller, name, ...rest] = action.slice(PREFIX.length).split('.');
  const renamed = RENAMED_CONTROLLERS.get(controller);
  return renamed && name && rest.length === 0 ? `${PREFIX}${renamed}.${name}` : null;
};

/**
 * A database granted under the old names: every role that holds an old id gets the new one, and
 * the old rows go. Runs after the schema sync, before the plugins' bootstrap, so before
 * users-permissions deletes the rows of actions that no longer exist: a grant an administrator
 * gave another role than the two the bootstrap grants (SPEC §6) is carried over, not lost.
 * A restart finds no old id and changes nothing.
 */
export const carryRenamedActions = async (strapi: Core.Strapi) => {
  const permissions = strapi.db.query(PERMISSION_UID);
  const old = await permissions.findMany({
    select: ['id', 'action'],
    where: {
      $or: [...RENAMED_CONTROLLERS.keys()].map((c) => ({ action: { $startsWith: `${PREFIX}${c}.` } })),
    },
    populate: { role: { select: ['id'] } },
  });
  if (old.length === 0) return;
  await strapi.db.transaction(async () => {
    for (const row of old) {
      const action = renamedAction(row.action);
      if (!action || !row.role) continue;
      if (!(await permissions.findOne({ select: ['id'], where: { action, role: row.role.id } }))) {
        await permissions.create({ data: { action, role: row.role.id } });
      }
    }
    await permissions.deleteMany({ where: { id: { $in: old.map((row: { id: number }) => row.id) } } });
  });
};
