/**
 * Writes an abstract world (test/oracle/world.ts) into a booted Strapi the way an administrator
 * would (users, topic, workgroups, memberships, items, files), and maps its keys to real ids.
 * Shared by the property tests of reads and of writes.
 */
import type { Core } from '@strapi/strapi';
import { addMember, createItem, createTopic, createUser, createWorkgroup, type TestUser } from './factories';
import type { ItemType, World } from '../oracle/world';

export const UID: Record<ItemType, string> = {
  documents: 'api::document.document',
  tasks: 'api::task.task',
  events: 'api::event.event',
  posts: 'api::post.post',
  tickets: 'api::ticket.ticket',
  announcements: 'api::announcement.announcement',
};

export const FILE_UID = 'plugin::upload.file';
export const WORKGROUP_UID = 'plugin::extranet.workgroup';
export const TITLE_FIELD = (type: ItemType) => (type === 'tickets' ? 'subject' : 'title');

/** A world as written: abstract keys mapped to real documentIds, callers with their credentials. */
export interface Written {
  world: World;
  itemId: Map<string, string>;
  workgroupId: Map<string, string>;
  users: Map<string, TestUser>;
  /** file key -> file row id */
  fileId: Map<string, number>;
}

export async function writeWorld(strapi: Core.Strapi, world: World): Promise<Written> {
  const users = new Map<string, TestUser>();
  for (const u of world.users) {
    users.set(
      u.key,
      await createUser(strapi, { kind: u.kind, groups: u.groups, visibleToAllExtranet: u.visibleToAllExtranet, name: `${world.prefix}${u.key}` })
    );
  }
  const topic = await createTopic(strapi, `${world.prefix}topic`);
  const workgroupId = new Map<string, string>();
  const workgroupRowId = new Map<string, number>();
  for (const wg of world.workgroups) {
    const created = await createWorkgroup(strapi, { extranet: wg.extranet, archived: wg.archived, topic, name: `${world.prefix}${wg.key}` });
    workgroupId.set(wg.key, created.documentId);
    workgroupRowId.set(wg.key, created.id as number);
  }
  for (const m of world.memberships) {
    await addMember(strapi, { documentId: workgroupId.get(m.workgroup)! }, users.get(m.user)!, m.role, m.status);
  }
  const itemId = new Map<string, string>();
  const itemRowId = new Map<string, number>();
  for (const item of world.items) {
    const data: Record<string, unknown> = { [TITLE_FIELD(item.type)]: `${world.prefix}${item.key}` };
    if (item.type !== 'announcements' && item.extranet !== undefined) data.extranet = item.extranet;
    if (item.workgroup) data.workgroup = workgroupId.get(item.workgroup);
    if (item.type === 'events') data.startsAt = '2026-05-01T09:00:00.000Z';
    let created: any;
    if (item.type === 'tickets') {
      if (item.author) data.author = users.get(item.author)!.id;
      created = await strapi.documents(UID.tickets as any).create({ data: data as any });
    } else {
      created = await createItem(strapi, UID[item.type], data, item.type === 'posts' && item.published ? { status: 'published' } : {});
    }
    itemId.set(item.key, created.documentId);
    itemRowId.set(item.key, created.id);
  }
  // Files as the upload plugin stores them (no bytes: only rows and their morph links).
  const fileId = new Map<string, number>();
  for (const file of world.files) {
    const uploader = file.uploader ? world.users.find((u) => u.key === file.uploader)! : null;
    const name = `${world.prefix}${file.key}`;
    const created = await strapi.db.query(FILE_UID).create({
      data: {
        name,
        hash: `${name}_hash`,
        ext: '.txt',
        mime: 'text/plain',
        size: 0.01,
        url: `/uploads/${name}_hash.txt`,
        provider: 'local',
        extranetUploader: uploader ? users.get(uploader.key)!.id : null,
        extranetUploaderExternal: uploader?.kind === 'external',
        related: [
          ...file.documents.map((key) => ({ id: itemRowId.get(key), __type: UID.documents, __pivot: { field: 'file' } })),
          ...file.workgroups.map((key) => ({ id: workgroupRowId.get(key), __type: WORKGROUP_UID, __pivot: { field: 'image' } })),
        ],
      },
    });
    fileId.set(file.key, created.id);
  }
  return { world, itemId, workgroupId, users, fileId };
}
