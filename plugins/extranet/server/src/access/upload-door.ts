/**
 * The upload door (SPEC §4 "Files"). The upload plugin writes files with `strapi.db.query`, which
 * the document middleware never sees, and its service overwrites bytes (`replace`) or deletes them
 * from the provider (`remove`) BEFORE the database row changes: a check in a query lifecycle would
 * come after the damage. So the upload service itself is decorated: every door that changes a file
 * — `POST /api/upload` (new files, `ref`/`refId`/`field`, `?id=` info and replace), `DELETE
 * /api/upload/files/:id`, GraphQL `updateUploadFile`/`deleteUploadFile`, and any plugin calling the
 * service — asks here first, before a byte moves. Trusted server code passes; admin-panel users
 * (content editors in the media library) are judged by editor-files.ts for files of scoped items
 * and workgroups, and keep Strapi's RBAC for the rest; extranet admins read everything but still
 * write only where their role allows.
 */
import type { Core } from '@strapi/strapi';
import { PLUGIN_UID_PREFIX, USER_UID, WORKGROUP_UID } from '../constants';
import { forbidden, invalidField, notFound, workgroupArchived } from '../errors';
import { currentPrincipal, type Principal } from './principal';
import { asSystem } from './system';
import { attachmentsOf } from './files';
import { createEditorFileDoor } from './editor-files';
import {
  checkItemAttachmentWrite,
  FILE_UPLOADER,
  isTrusted,
  mayChangePersonFiles,
  mayChangeUnattachedFile,
  UPLOAD_FILE,
  workgroupPowers,
  type Governance,
  type WriteVerdict,
} from './rule';
import { getService } from '../utils';
import { modelOf, requestState, type ItemRow, type RelatedRow } from './types';

/** The upload plugin's services the door stands in front of (Strapi types a service as a bare record). */
interface UploadService {
  upload(input: { data?: Record<string, unknown> }, ...rest: unknown[]): Promise<unknown>;
  updateFileInfo(id: unknown, ...rest: unknown[]): Promise<unknown>;
  replace(id: unknown, ...rest: unknown[]): Promise<unknown>;
  remove(file: { id: unknown }, ...rest: unknown[]): Promise<unknown>;
}
interface DeletingService {
  deleteByIds(ids: unknown[], ...rest: unknown[]): Promise<unknown>;
}

const UPLOAD_SERVICE = 'plugin::upload.upload';
const FILE_SERVICE = 'plugin::upload.file';
const FOLDER_SERVICE = 'plugin::upload.folder';
const FOLDER = 'plugin::upload.folder';

const toError = (verdict: WriteVerdict) => {
  if (verdict.status === 404) return notFound();
  if (verdict.status === 409) return workgroupArchived();
  if (verdict.status === 400 && verdict.field) return invalidField(verdict.field, verdict.message);
  return forbidden(verdict.message);
};

const NOT_FOUND: WriteVerdict = { status: 404, message: 'Not Found' };
const FORBIDDEN: WriteVerdict = { status: 403, message: 'Forbidden' };

export const createUploadDoor = (strapi: Core.Strapi, governance: Governance) => {
  const editorFiles = createEditorFileDoor(strapi, governance);

  /** Whether the caller's users-permissions role (or API token) grants `action`. */
  const roleGrants = async (action: string) => {
    try {
      await strapi.get('auth').verify(requestState(strapi)?.auth, { scope: [action] });
      return true;
    } catch {
      return false;
    }
  };

  /**
   * May the caller write row `id` of `uid` — attach a file to it, or change a file attached to it?
   * The same as updating it without changing anything else. 404 when it may not even read it.
   */
  const itemWriteVerdict = async (
    principal: Principal,
    uid: string,
    id: number,
  ): Promise<WriteVerdict | null> => {
    if (isTrusted(principal)) return null;
    const model = modelOf(strapi, uid);
    if (!model) return NOT_FOUND;
    // The read door (query lifecycle) applies the caller's scope.
    const readable = await strapi.db.query(uid).findOne({ select: ['id'], where: { id } });
    if (!readable) return NOT_FOUND;
    const scoped = governance.scoped[uid];
    if (scoped) {
      if (!(await roleGrants(`${uid}.update`))) return FORBIDDEN;
      const authorField = scoped.authorField ?? 'author';
      const row: ItemRow = await asSystem(() =>
        strapi.db.query(uid).findOne({
          select: ['id', 'extranet'],
          where: { id },
          populate:
            scoped.mode === 'workgroup'
              ? { workgroup: { select: ['id', 'extranet', 'archived'] } }
              : { [authorField]: { select: ['id'] } },
        }),
      );
      const workgroup = row.workgroup
        ? { id: row.workgroup.id, extranet: !!row.workgroup.extranet, archived: !!row.workgroup.archived }
        : null;
      return checkItemAttachmentWrite(principal, scoped, {
        extranet: row.extranet ?? null,
        workgroup,
        workgroupId: workgroup?.id ?? null,
        authorId: (row[authorField] as RelatedRow)?.id ?? null,
      });
    }
    if (uid === WORKGROUP_UID) {
      // Readable just above: it is there.
      const workgroup: { id: number; archived?: boolean | null } = await asSystem(() =>
        strapi.db.query(WORKGROUP_UID).findOne({ select: ['id', 'archived'], where: { id } }),
      );
      const role = await getService('membership', { strapi }).roleOf(id, principal.userId);
      if (workgroupPowers(principal, role, !!workgroup.archived).edit) return null;
      return workgroupPowers(principal, role, false).edit
        ? { status: 409, message: 'The workgroup is archived' }
        : FORBIDDEN;
    }
    if (uid === USER_UID) return mayChangePersonFiles(principal, id) ? null : FORBIDDEN;
    // The plugin's own types change through its services only.
    if (uid.startsWith(PLUGIN_UID_PREFIX)) return FORBIDDEN;
    // Content outside the plugin's control: as the role says (externals never got this far: unreadable).
    if (model.modelType !== 'contentType') return FORBIDDEN;
    return (await roleGrants(`${uid}.update`)) ? null : FORBIDDEN;
  };

  /**
   * May the caller change or delete file `id`? Only who may write every item it is attached to, or
   * its uploader while it is attached to nothing. 404 when unreadable, 403 (409 archived) otherwise.
   */
  const fileWriteVerdict = async (principal: Principal, id: unknown): Promise<WriteVerdict | null> => {
    if (principal.kind === 'system') return null;
    const fileId = Number(id);
    if (!Number.isSafeInteger(fileId) || fileId <= 0) return NOT_FOUND;
    if (principal.kind === 'admin-panel') return editorFileVerdict(fileId);
    const readable = await strapi.db.query(UPLOAD_FILE).findOne({ select: ['id'], where: { id: fileId } });
    if (!readable) return NOT_FOUND;
    const attachments = await asSystem(() => attachmentsOf(strapi, fileId));
    if (attachments.length === 0) {
      const file: Record<string, unknown> | null = await asSystem(() =>
        strapi.db.query(UPLOAD_FILE).findOne({ select: ['id', FILE_UPLOADER], where: { id: fileId } }),
      );
      const uploader = (file?.[FILE_UPLOADER] as number | null | undefined) ?? null;
      return mayChangeUnattachedFile(principal, uploader) ? null : FORBIDDEN;
    }
    for (const { uid, id: itemId } of attachments) {
      const verdict = await itemWriteVerdict(principal, uid, itemId);
      // The file is readable: an item the caller cannot see makes it a refusal, not a 404.
      if (verdict) return verdict.status === 409 ? verdict : FORBIDDEN;
    }
    return null;
  };

  /** A content editor changes a file of scoped items or workgroups only where it may update each of them. */
  const editorFileVerdict = async (fileId: number): Promise<WriteVerdict | null> => {
    for (const { uid, id: itemId } of await asSystem(() => attachmentsOf(strapi, fileId))) {
      const verdict = await editorFiles.verdict(uid, itemId);
      // The file is readable: an item the editor cannot see makes it a refusal, not a 404.
      if (verdict) return verdict.status === 409 ? verdict : FORBIDDEN;
    }
    return null;
  };

  const assertMayWriteFile = async (id: unknown) => {
    const verdict = await fileWriteVerdict(await currentPrincipal(strapi), id);
    if (verdict) throw toError(verdict);
  };

  /** `ref`/`refId`/`field` on upload attach the new files to a row: the caller must be able to write it. */
  const assertMayAttachUpload = async (data: Record<string, unknown> | undefined) => {
    const principal = await currentPrincipal(strapi);
    if (principal.kind === 'system') return;
    const { ref, refId, field } = data ?? {};
    if (ref === undefined && refId === undefined && field === undefined) return;
    if (typeof ref !== 'string' || !modelOf(strapi, ref))
      throw invalidField('ref', 'must name a content type');
    const attribute = modelOf(strapi, ref)?.attributes?.[field as string];
    if (typeof field !== 'string' || attribute?.type !== 'media')
      throw invalidField('field', `must name a media field of ${ref}`);
    const id =
      typeof refId === 'number'
        ? refId
        : typeof refId === 'string' && /^\d+$/.test(refId)
          ? Number(refId)
          : NaN;
    if (!Number.isSafeInteger(id) || id <= 0)
      throw invalidField('refId', 'must be the numeric id of the entry');
    const verdict =
      principal.kind === 'admin-panel'
        ? await editorFiles.verdict(ref, id)
        : await itemWriteVerdict(principal, ref, id);
    if (verdict) throw toError(verdict);
  };

  return { fileWriteVerdict, itemWriteVerdict, assertMayWriteFile, assertMayAttachUpload };
};

/** Puts the door in front of the upload service's writes (register phase: before any request). */
export const guardUploadService = (strapi: Core.Strapi, governance: Governance) => {
  const door = createUploadDoor(strapi, governance);
  strapi.get('services').extend(UPLOAD_SERVICE, (service: UploadService) => ({
    ...service,
    async upload(input: { data?: Record<string, unknown> }, ...rest: unknown[]) {
      await door.assertMayAttachUpload(input?.data);
      return service.upload(input, ...rest);
    },
    async updateFileInfo(id: unknown, ...rest: unknown[]) {
      await door.assertMayWriteFile(id);
      return service.updateFileInfo(id, ...rest);
    },
    async replace(id: unknown, ...rest: unknown[]) {
      await door.assertMayWriteFile(id);
      return service.replace(id, ...rest);
    },
    async remove(file: { id: unknown }, ...rest: unknown[]) {
      await door.assertMayWriteFile(file?.id);
      return service.remove(file, ...rest);
    },
  }));
  // Bulk deletes (the media library's `bulk-delete`) remove files in parallel: every file is
  // checked first, so that a refused one leaves all of them in place (never a partial delete).
  const assertMayWriteAll = async (ids: unknown[]) => {
    for (const id of ids) await door.assertMayWriteFile(id);
  };
  strapi.get('services').extend(FILE_SERVICE, (service: DeletingService) => ({
    ...service,
    async deleteByIds(ids: unknown[] = [], ...rest: unknown[]) {
      await assertMayWriteAll(Array.isArray(ids) ? ids : [ids]);
      return service.deleteByIds(ids, ...rest);
    },
  }));
  strapi.get('services').extend(FOLDER_SERVICE, (service: DeletingService) => ({
    ...service,
    async deleteByIds(ids: unknown[] = [], ...rest: unknown[]) {
      const folders: Array<{ path: string }> = await asSystem(() =>
        strapi.db
          .query(FOLDER)
          .findMany({ select: ['path'], where: { id: { $in: ([] as unknown[]).concat(ids) } } }),
      );
      if (folders.length > 0) {
        const where = {
          $or: folders.flatMap((f) => [
            { folderPath: { $eq: f.path } },
            { folderPath: { $startsWith: `${f.path}/` } },
          ]),
        };
        const inside: Array<{ id: number }> = await asSystem(() =>
          strapi.db.query(UPLOAD_FILE).findMany({ select: ['id'], where }),
        );
        await assertMayWriteAll(inside.map((f) => f.id));
      }
      return service.deleteByIds(ids, ...rest);
    },
  }));
};
