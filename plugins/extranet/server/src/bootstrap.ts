import type { Core } from '@strapi/strapi';
import { registerQueryLifecycle } from './access/query-lifecycle';
import { registerRbacConditions } from './access/rbac-conditions';
import { registerUserGuard } from './access/user-guard';
import { createRelationEndpointsDoor } from './access/relation-endpoints-door';
import { governanceOf } from './access/governance';
import { registerUploaderRecording } from './access/files';
import { registerHiddenFields } from './access/hidden-fields';
import { createUploadsGate } from './access/file-urls';
import { createViewAsMiddleware } from './access/view-as';
import { backfillAudiences, registerAudienceLifecycles } from './access/audience';
import { permissionService } from './access/types';
import { ACCESS_GROUPS, ACCESS_GROUP_UID, EXTRANET_ROLE, PERMISSION_UID, ROLE_UID } from './constants';
import contentApiRoutes from './routes/content-api';
import type { ExtranetConfig } from './config';
import { OUTBOX_CRON } from './services/outbox';
import { ACTION_DEFINITIONS, PLUGIN_ID } from '../../shared/permissions';
import { getService } from './utils';
import { createUploadTempFilesCleanup } from './middlewares/upload-temp-files';

/** Creates what the plugin relies on; every step looks before it writes, so a restart adds nothing. */
const ensureExtranetRole = async (strapi: Core.Strapi) => {
  const roles = strapi.db.query(ROLE_UID);
  const existing = await roles.findOne({ where: { type: EXTRANET_ROLE.type } });
  if (existing) return existing;
  return roles.create({
    data: {
      ...EXTRANET_ROLE,
      description: 'Partners (suppliers, clients) invited into extranet workgroups.',
    },
  });
};

const ensureAccessGroups = async (strapi: Core.Strapi) => {
  const groups = strapi.db.query(ACCESS_GROUP_UID);
  for (const group of ACCESS_GROUPS) {
    if (!(await groups.findOne({ where: { key: group.key } }))) {
      await groups.create({ data: { ...group } });
    }
  }
};

/** Self-registration must never make anyone an employee (SPEC §2). */
const ensureDefaultRole = async (strapi: Core.Strapi) => {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  if (advanced.default_role !== EXTRANET_ROLE.type) {
    await store.set({ key: 'advanced', value: { ...advanced, default_role: EXTRANET_ROLE.type } });
  }
};

/** The plugin's routes apply the rule themselves: open them to every signed-in user (SPEC §6). */
const grantPluginRoutes = async (strapi: Core.Strapi) => {
  const actions = contentApiRoutes.routes
    .filter((r) => (r.config as { auth?: unknown } | undefined)?.auth !== false)
    .map((r) => `plugin::extranet.${r.handler}`);
  const permissions = strapi.db.query(PERMISSION_UID);
  for (const type of ['authenticated', EXTRANET_ROLE.type]) {
    const role = await strapi.db.query(ROLE_UID).findOne({ where: { type } });
    if (!role) continue;
    for (const action of new Set(actions)) {
      if (!(await permissions.findOne({ where: { action, role: role.id } }))) {
        await permissions.create({ data: { action, role: role.id } });
      }
    }
  }
};

/** The admin RBAC actions of SPEC §9, under Settings > Roles > Plugins > Extranet. */
const registerAdminActions = async (strapi: Core.Strapi) => {
  const { actionProvider } = permissionService(strapi);
  await actionProvider.registerMany(
    ACTION_DEFINITIONS.filter(({ uid }) => !actionProvider.has(`plugin::${PLUGIN_ID}.${uid}`)).map(
      ({ uid, displayName }) => ({
        section: 'plugins',
        displayName,
        uid,
        pluginName: PLUGIN_ID,
      }),
    ),
  );
};

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await registerAdminActions(strapi);
  registerQueryLifecycle(strapi, governanceOf(strapi));
  registerAudienceLifecycles(strapi, governanceOf(strapi));
  registerUserGuard(strapi);
  registerUploaderRecording(strapi);
  // Inside strapi::body (the global middlewares are in place before any plugin's bootstrap), and
  // first of the plugin's: whatever answers the request, its multipart temp files are removed.
  strapi.server.use(createUploadTempFilesCleanup(strapi));
  // After the global middlewares (body parsed, errors rendered), before the router and its
  // authentication: SPEC §10 X-Extranet-View-As.
  strapi.server.use(createViewAsMiddleware(strapi));
  registerHiddenFields(strapi);
  // After the global middlewares, before the router: in front of every route that serves /uploads.
  strapi.server.use(createUploadsGate(strapi, governanceOf(strapi)));
  strapi.server.use(createRelationEndpointsDoor(strapi));
  await registerRbacConditions(strapi);
  // SPEC §10: reviews past their due date close by themselves (and whenever one is read). Runs
  // where the host enables `server.cron`; several nodes may run it: a review closes once.
  strapi.cron.add({
    extranetDueReviews: {
      task: async () => {
        await getService('review', { strapi }).closeDue();
      },
      options: { rule: '*/5 * * * *' },
    },
    // Rate-limit counters whose window ended an hour ago (PostgreSQL; services/rate-limits.ts).
    extranetExpiredRateLimits: {
      task: async () => {
        await getService('rate-limits', { strapi }).clearExpired();
      },
      options: { rule: '*/5 * * * *' },
    },
  });
  await strapi.db.transaction(async () => {
    await ensureExtranetRole(strapi);
    await ensureAccessGroups(strapi);
    await ensureDefaultRole(strapi);
    await grantPluginRoutes(strapi);
  });
  // The rate-limit counters (and their table on PostgreSQL) exist before the first request.
  await getService('rate-limits', { strapi }).ready();
  // Rows written before the plugin (or by hand) get their audience; a restart changes nothing.
  await backfillAudiences(strapi, governanceOf(strapi));
  startWorkers(strapi);
};

/**
 * The outbox worker (SPEC §11): a cron task every few seconds on every node (claims make each
 * mail one node's), plus a kick after each commit that queues a mail. It also queues the digests
 * and the expiry reminders.
 */
const startWorkers = (strapi: Core.Strapi) => {
  const config = strapi.config.get('plugin::extranet') as ExtranetConfig;
  if (!config.mailWorker) return;
  const tick = async () => {
    await getService('notifications', { strapi }).queueDueDigests();
    await getService('expiry', { strapi }).queueDueReminders();
    await getService('outbox', { strapi }).drain();
  };
  strapi.cron.add({ [OUTBOX_CRON]: { task: tick, options: { rule: '*/5 * * * * *' } } });
  // Mails left queued by a previous run (or another node) go out without waiting for the first tick.
  getService('outbox', { strapi }).kick();
};
