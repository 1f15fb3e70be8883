import type { Core } from '@strapi/strapi';
import { ACCESS_GROUP_UID, ACTIVITY_UID, MEMBERSHIP_UID, USER_UID, WORKGROUP_UID } from './constants';
import type { ExtranetConfig } from './config';
import { createDocumentMiddleware } from './access/document-middleware';
import { governanceOf } from './access/governance';
import { createFileAttachmentMiddleware } from './access/file-attachment-middleware';
import { extendUploadProvider } from './access/file-urls';
import { guardUploadService } from './access/upload-door';
import { guardUserIdentityDoors } from './access/user-identity';
import { FILE_UPLOADER, FILE_UPLOADER_EXTERNAL, INTERNAL_PLUGIN_TYPES, UPLOAD_FILE } from './access/rule';
import { AUDIENCE, audienceAttribute } from './access/audience';
import { carryRenamedActions } from './renamed-actions';

/**
 * Adds the extranet fields to the users-permissions user and to every scoped type, so that the
 * host app's schemas never repeat them (the same way i18n adds `locale`).
 */
const extendUser = (strapi: Core.Strapi) => {
  const { attributes } = strapi.contentType(USER_UID) as any;
  Object.assign(attributes, {
    extranetGroups: {
      type: 'relation',
      relation: 'manyToMany',
      target: ACCESS_GROUP_UID,
      inversedBy: 'users',
      // Read through GET /api/extranet/me; never filterable or writable through /api/users.
      private: true,
      configurable: false,
    },
    extranetMemberships: {
      type: 'relation',
      relation: 'oneToMany',
      target: MEMBERSHIP_UID,
      mappedBy: 'user',
      private: true,
      configurable: false,
      visible: false,
    },
    visibleToAllExtranet: { type: 'boolean', default: false, configurable: false },
    // Sign-in tokens issued before this instant grant nothing (access/principal.ts): set when the
    // password changes and when an invitation is accepted as this account.
    extranetTokensValidAfter: {
      type: 'datetime',
      private: true,
      configurable: false,
      visible: false,
      writable: false,
    },
    // SPEC §10 access report: stamped on authenticated requests, at most once an hour (access/principal.ts).
    extranetLastSeenAt: {
      type: 'datetime',
      private: true,
      configurable: false,
      visible: false,
      writable: false,
    },
    firstname: { type: 'string', maxLength: 100, configurable: false },
    lastname: { type: 'string', maxLength: 100, configurable: false },
    company: { type: 'string', maxLength: 150, configurable: false },
    position: { type: 'string', maxLength: 150, configurable: false },
  });
};

const extendScopedTypes = (strapi: Core.Strapi, config: ExtranetConfig) => {
  for (const [uid, { mode, authorField = 'author' }] of Object.entries(config.scoped)) {
    const contentType = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as any;
    if (!contentType) {
      throw new Error(`extranet.scoped["${uid}"] names a content type that does not exist`);
    }
    const { attributes } = contentType;
    attributes.extranet = { type: 'boolean', default: false, configurable: false };
    if (mode === 'workgroup') {
      attributes.workgroup = {
        type: 'relation',
        relation: 'manyToOne',
        target: WORKGROUP_UID,
        configurable: false,
      };
      attributes[AUDIENCE] = audienceAttribute();
    } else {
      attributes[authorField] = {
        type: 'relation',
        relation: 'manyToOne',
        target: USER_UID,
        configurable: false,
      };
    }
  }
};

/**
 * Indexes the rule's filters rely on. Declared on the content types so that Strapi's schema sync
 * creates and keeps them (it drops indexes it does not know, so a hand-written migration would
 * not survive the next schema change). Link tables already get indexes on both columns.
 */
const declareIndexes = (strapi: Core.Strapi, config: ExtranetConfig) => {
  const add = (uid: string, columns: string[]) => {
    const contentType = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as any;
    const name = `${contentType.collectionName}_${columns.join('_')}_xidx`;
    contentType.indexes = [
      ...(contentType.indexes ?? []).filter((i: any) => i.name !== name),
      { name, columns },
    ];
  };
  for (const [uid, { mode }] of Object.entries(config.scoped)) {
    add(uid, ['extranet']);
    // The read door's one predicate on workgroup-mode types (access/audience.ts).
    if (mode === 'workgroup') add(uid, ['extranet_audience']);
  }
  add(WORKGROUP_UID, ['extranet']);
  add(MEMBERSHIP_UID, ['status']);
  // Contacts are listed by name, `limit` at a time: the index gives them in order (no sort of every user).
  add(USER_UID, ['lastname', 'firstname', 'username', 'id']);
  // The activity feed reads newest first, the audience read from the same index. With an index on
  // the audience alone, SQLite answered a scoped feed from it and sorted every visible event (2,030
  // rows, 0.98 ms, against 0.09 ms for the first 25 by date: bench/README.md); this one it reads
  // backwards and stops after the page.
  add(ACTIVITY_UID, ['created_at', 'extranet_audience']);
};

/** Who supplied a file's bytes (SPEC §4 "Files"): content-API uploads set no `createdBy`. */
const extendUploadFile = (strapi: Core.Strapi) => {
  const { attributes } = strapi.contentType(UPLOAD_FILE as any) as any;
  Object.assign(attributes, {
    [FILE_UPLOADER]: { type: 'integer', private: true, configurable: false },
    [FILE_UPLOADER_EXTERNAL]: { type: 'boolean', default: false, private: true, configurable: false },
  });
};

/** GraphQL: the plugin's internal types are reached through its routes only, never generated CRUD. */
const limitGraphql = (strapi: Core.Strapi) => {
  const graphql = strapi.plugin('graphql');
  if (!graphql) return;
  const extension = graphql.service('extension');
  for (const uid of INTERNAL_PLUGIN_TYPES) extension.shadowCRUD(uid).disable();
  for (const name of ['workgroup', 'topic']) {
    extension.shadowCRUD(`plugin::extranet.${name}`).disableMutations();
  }
};

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const config = strapi.config.get('plugin::extranet') as ExtranetConfig;
  // Doors look types up by a caller's uid (`?type=constructor`): a map without a prototype
  // answers only the configured ones.
  config.scoped = Object.freeze(Object.assign(Object.create(null), config.scoped));
  extendUser(strapi);
  extendScopedTypes(strapi, config);
  (strapi.contentType(ACTIVITY_UID) as any).attributes[AUDIENCE] = audienceAttribute();
  declareIndexes(strapi, config);
  strapi.documents.use(createDocumentMiddleware(strapi, governanceOf(strapi)));
  limitGraphql(strapi);
  // Files (SPEC §4): attachments judged on what was stored, writes checked before a byte moves,
  // governed files served through signed URLs.
  extendUploadFile(strapi);
  strapi.documents.use(createFileAttachmentMiddleware(strapi));
  guardUploadService(strapi, governanceOf(strapi));
  extendUploadProvider(strapi, governanceOf(strapi), config.fileUrlTtlMinutes);
  // One account per address, answered alike whoever holds it (access/user-identity.ts).
  guardUserIdentityDoors(strapi);
  // Roles granted under a controller's former name keep their grants (renamed-actions.ts).
  strapi.hook('strapi::content-types.afterSync').register(() => carryRenamedActions(strapi));
};
