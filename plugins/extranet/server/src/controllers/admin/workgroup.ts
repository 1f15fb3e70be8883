import type Koa from 'koa';
import { ADMIN_USER_UID, EXTRANET_ROLE, USER_UID } from '../../constants';
import { externalNotAllowed, forbidden, invalidField, notFound, workgroupArchived } from '../../errors';
import { currentPrincipal } from '../../access/principal';
import { adminUserId, isWholeReach, loadReachableWorkgroup, workgroupReach } from '../../access/admin-rbac';
import { ACTIONS } from '../../../../shared/permissions';
import type {
  ArchiveWorkgroup,
  CreateWorkgroup,
  FindUsers,
  GetAdminUsers,
  GetWorkgroup,
  GetWorkgroups,
  SetManagers,
  UpdateWorkgroup,
} from '../../../../shared/contracts/workgroups';
import { pageFields, trimmedString, validate, yup } from '../validate';
import {
  validateAdminCreateWorkgroupBody,
  validateUpdateWorkgroupBody,
  validateWorkgroupManagersBody,
} from '../validation/workgroup';
import { editorHandlers } from './service';
import { getService } from '../../utils';

const listSchema = yup.object({
  q: trimmedString().max(120),
  topic: trimmedString().max(64),
  site: yup.string().oneOf(['extranet', 'intranet']),
  archived: yup.string().oneOf(['true', 'false', 'all']).default('false'),
  ...pageFields(),
});

const view = async (id: number) => {
  const workgroup = await getService('workgroup').findOneForAdmin(id);
  if (!workgroup) throw notFound('Workgroup not found');
  return workgroup;
};

/** /extranet/manage/workgroups — the Workgroups pages (SPEC §9). */
export default editorHandlers({
  async find(ctx: Koa.Context) {
    const query = await validate<yup.InferType<typeof listSchema>>(listSchema, ctx.query ?? {});
    const reach = workgroupReach(strapi, ctx, ACTIONS.workgroupsRead);
    if (!reach) throw forbidden();
    const clauses: Record<string, unknown>[] = [reach];
    if (query.q) clauses.push({ name: { $containsi: query.q } });
    if (query.topic) clauses.push({ topic: { documentId: query.topic } });
    if (query.site)
      clauses.push(
        query.site === 'extranet'
          ? { extranet: true }
          : { $or: [{ extranet: false }, { extranet: { $null: true } }] },
      );
    if (query.archived !== 'all')
      clauses.push(
        query.archived === 'true'
          ? { archived: true }
          : { $or: [{ archived: false }, { archived: { $null: true } }] },
      );
    const { results, pagination } = await getService('workgroup').findPageForAdmin({
      where: { $and: clauses },
      page: query.page,
      pageSize: query.pageSize,
    });
    ctx.body = { data: results, meta: { pagination } } satisfies GetWorkgroups.Response;
  },

  async findOne(ctx: Koa.Context) {
    const { workgroup, canManage } = await loadReachableWorkgroup(strapi, ctx, ctx.params.id, {
      manage: false,
    });
    ctx.body = { data: await view(workgroup.id), meta: { canManage } } satisfies GetWorkgroup.Response;
  },

  /**
   * The editor names the owner (a users-permissions user); an editor whose right to manage is
   * limited by "Manager of the workgroup" becomes one of its managers, or it could not see it.
   */
  async create(ctx: Koa.Context) {
    const input = await validateAdminCreateWorkgroupBody(ctx.request.body);
    const reach = workgroupReach(strapi, ctx, ACTIONS.workgroupsManage);
    if (!reach) throw forbidden();
    const owner = await strapi.db.query(USER_UID).findOne({
      select: ['id', 'blocked'],
      where: { id: input.owner },
      populate: { role: { select: ['type'] } },
    });
    if (!owner || owner.blocked) throw invalidField('owner', 'must be an existing user who is not blocked');
    if (owner.role?.type === EXTRANET_ROLE.type && !input.extranet) throw externalNotAllowed();
    const managers = isWholeReach(reach) ? [] : [adminUserId(ctx)];
    const created = await getService('workgroup').createOwned(input, {
      ownerId: owner.id,
      actorId: null,
      managers,
    });
    ctx.status = 201;
    ctx.body = { data: await view(created.id) } satisfies CreateWorkgroup.Response;
  },

  async update(ctx: Koa.Context) {
    const input = await validateUpdateWorkgroupBody(ctx.request.body);
    const { workgroup } = await loadReachableWorkgroup(strapi, ctx, ctx.params.id, { manage: true });
    if (workgroup.archived) throw workgroupArchived();
    await getService('workgroup').edit(workgroup, await currentPrincipal(strapi), input);
    ctx.body = { data: await view(workgroup.id) } satisfies UpdateWorkgroup.Response;
  },

  async archive(ctx: Koa.Context) {
    const { workgroup } = await loadReachableWorkgroup(strapi, ctx, ctx.params.id, { manage: true });
    await getService('workgroup').setArchived(workgroup, await currentPrincipal(strapi), true);
    ctx.body = { data: await view(workgroup.id) } satisfies ArchiveWorkgroup.Response;
  },

  async unarchive(ctx: Koa.Context) {
    const { workgroup } = await loadReachableWorkgroup(strapi, ctx, ctx.params.id, { manage: true });
    await getService('workgroup').setArchived(workgroup, await currentPrincipal(strapi), false);
    ctx.body = { data: await view(workgroup.id) } satisfies ArchiveWorkgroup.Response;
  },

  async delete(ctx: Koa.Context) {
    const { workgroup } = await loadReachableWorkgroup(strapi, ctx, ctx.params.id, { manage: true });
    await getService('workgroup').deleteWithBoundRows(workgroup);
    ctx.status = 204;
  },

  async setManagers(ctx: Koa.Context) {
    const { managers } = await validateWorkgroupManagersBody(ctx.request.body);
    const { workgroup } = await loadReachableWorkgroup(strapi, ctx, ctx.params.id, { manage: true });
    await getService('workgroup').setManagers(workgroup, managers);
    ctx.body = { data: await view(workgroup.id) } satisfies SetManagers.Response;
  },

  /** Admin users an editor may name as managers. */
  async adminUsers(ctx: Koa.Context) {
    const rows = await strapi.db.query(ADMIN_USER_UID).findMany({
      select: ['id', 'firstname', 'lastname', 'email'],
      where: { isActive: true },
      orderBy: [{ firstname: 'asc' }, { lastname: 'asc' }, { id: 'asc' }],
    });
    ctx.body = {
      data: rows.map((u: any) => ({
        id: u.id,
        firstname: u.firstname ?? null,
        lastname: u.lastname ?? null,
        email: u.email,
      })),
    } satisfies GetAdminUsers.Response;
  },

  /** Users-permissions users an editor may name as a workgroup's owner (20 at most). */
  async users(ctx: Koa.Context) {
    const { q } = await validate<{ q?: string }>(
      yup.object({ q: trimmedString().max(120) }),
      ctx.query ?? {},
    );
    const { results } = await getService('people').search({ q, kind: 'all', page: 1, pageSize: 20 });
    ctx.body = {
      data: results
        .filter((p) => !p.blocked)
        .map((p) => ({
          id: p.id,
          username: p.username,
          email: p.email,
          firstname: p.firstname,
          lastname: p.lastname,
          company: p.company,
          kind: p.kind,
        })),
    } satisfies FindUsers.Response;
  },
});
