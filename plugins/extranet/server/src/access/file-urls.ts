/**
 * Bytes of governed files (SPEC §4 "Files") are served only through signed, short-lived URLs:
 *   /uploads/<hash><ext>?expires=<unix seconds>&signature=<base64url HMAC-SHA256>
 * signed over "<path>\n<expires>" with a key derived from the app's secrets (`APP_KEYS`), so that
 * every node signs and verifies alike and nothing lives in one node's memory.
 *
 * Strapi already signs media URLs when the upload provider says it is private: the upload plugin's
 * document middleware, its file service (REST `/api/upload/files`) and GraphQL's media resolvers
 * call `provider.getSignedUrl(file)` for files of the configured provider. The plugin extends that
 * provider (the local one by default) with `isPrivate` and a `getSignedUrl` that signs governed
 * files and leaves every other URL as it was. The gate in front of `/uploads/...` then refuses an
 * unsigned or expired request for a governed file as if the file did not exist.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import path from 'path';
import type { Core } from '@strapi/strapi';
import { fileServedAs, filesServedAs, type StoredFile } from './files';
import type { Governance } from './rule';

const UPLOADS = '/uploads/';

/** One key per app key: sign with the first, accept any (Koa rotates `APP_KEYS` the same way). */
export const fileUrlKeys = (appKeys: string[]): Buffer[] =>
  appKeys.map((key) => createHmac('sha256', key).update('strapi-extranet file urls').digest());

const signatureOf = (urlPath: string, expires: number, key: Buffer) =>
  createHmac('sha256', key).update(`${urlPath}\n${expires}`).digest('base64url');

/** The signed form of a file URL path, valid until `expires` (unix seconds). */
export const signFileUrl = (urlPath: string, expires: number, keys: Buffer[]) =>
  `${urlPath}?expires=${expires}&signature=${signatureOf(urlPath, expires, keys[0])}`;

/** Whether `query` carries a signature of `urlPath` that has not expired. */
export const hasValidSignature = (
  urlPath: string,
  query: Record<string, unknown>,
  keys: Buffer[],
  now = Date.now(),
) => {
  const { expires, signature } = query;
  if (typeof expires !== 'string' || !/^\d{1,12}$/.test(expires) || typeof signature !== 'string')
    return false;
  if (Number(expires) * 1000 <= now) return false;
  const given = Buffer.from(signature);
  return keys.some((key) => {
    const expected = Buffer.from(signatureOf(urlPath, Number(expires), key));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
};

/**
 * The file name a request for `rawPath` reaches under `public/uploads`, however it is spelled:
 * Strapi's public-folder route serves `/x/../uploads/f.pdf` or `/%75ploads/f.pdf` from the same
 * folder, so the gate looks at the path the static server will resolve, not at the route.
 */
export const uploadsFileName = (rawPath: string): string | null => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  const normalized = path.posix.normalize(decoded.replace(/\\/g, '/'));
  if (!normalized.toLowerCase().startsWith(UPLOADS)) return null;
  const rest = normalized.slice(UPLOADS.length);
  return rest && !rest.includes('/') ? rest : null;
};

/**
 * Extensions a browser shows without running anything. Anything else an external uploaded
 * (HTML, SVG, JavaScript, XML, ...) is served as a download (SPEC §4).
 */
const SAFE_TO_SHOW = new Set([
  '.png',
  '.jpg',
  '.jpeg',
  '.gif',
  '.webp',
  '.avif',
  '.bmp',
  '.mp3',
  '.wav',
  '.ogg',
  '.m4a',
  '.mp4',
  '.webm',
  '.mov',
]);

const appKeysOf = (strapi: Core.Strapi): string[] => {
  const keys = strapi.config.get('server.app.keys') as unknown;
  if (!Array.isArray(keys) || keys.length === 0 || keys.some((k) => typeof k !== 'string' || !k)) {
    throw new Error('extranet: signed file URLs need the app keys (APP_KEYS, config server.app.keys)');
  }
  return keys as string[];
};

interface LookupBatch {
  results: Map<string, Promise<StoredFile | null>>;
  pending: Map<string, { resolve: (file: StoredFile | null) => void; reject: (error: unknown) => void }>;
  scheduled: boolean;
}
const newBatch = (): LookupBatch => ({ results: new Map(), pending: new Map(), scheduled: false });

/**
 * Looks files up in batches: an answer signs many media at once (Strapi maps over them in
 * parallel), so the names asked for before the next turn of the event loop go in one query.
 * Within a request each name is looked up once; a file's formats (thumbnail, small, ...) come
 * with it. Outside a request nothing is kept beyond the batch.
 */
const createLookup = (strapi: Core.Strapi, governance: Governance) => {
  const perRequest = new WeakMap<object, LookupBatch>();
  let outsideRequests = newBatch();
  const flush = async (batch: LookupBatch) => {
    const pending = batch.pending;
    batch.pending = new Map();
    batch.scheduled = false;
    if (batch === outsideRequests) outsideRequests = newBatch();
    try {
      const found = await filesServedAs(strapi, governance, [...pending.keys()]);
      for (const [fileName, { resolve }] of pending) resolve(found.get(fileName) ?? null);
      for (const file of new Set(found.values())) {
        for (const p of file.paths) {
          const fileName = path.posix.basename(p);
          if (!batch.results.has(fileName)) batch.results.set(fileName, Promise.resolve(file));
        }
      }
    } catch (error) {
      for (const { reject } of pending.values()) reject(error);
    }
  };
  return (fileName: string): Promise<StoredFile | null> => {
    const ctx = strapi.requestContext.get() as object | undefined;
    let batch = ctx ? perRequest.get(ctx) : outsideRequests;
    if (!batch) perRequest.set(ctx!, (batch = newBatch()));
    const known = batch.results.get(fileName);
    if (known) return known;
    const found = new Promise<StoredFile | null>((resolve, reject) =>
      batch!.pending.set(fileName, { resolve, reject }),
    );
    batch.results.set(fileName, found);
    if (!batch.scheduled) {
      batch.scheduled = true;
      const scheduled = batch;
      setImmediate(() => void flush(scheduled));
    }
    return found;
  };
};

/** The upload provider, the parts the plugin extends (Strapi leaves a plugin's provider untyped). */
interface UploadProvider {
  extend(overrides: Record<string, unknown>): void;
  isPrivate(): boolean | Promise<boolean>;
  getSignedUrl(file: { url?: string }, ...rest: unknown[]): unknown;
}

/**
 * Makes the configured upload provider private for governed files (register phase: the upload
 * plugin reads `isPrivate()` at its bootstrap, and its provider exists since its own register).
 * Files of other providers (absolute URLs) keep what their provider does.
 */
export const extendUploadProvider = (strapi: Core.Strapi, governance: Governance, ttlMinutes: number) => {
  const provider: UploadProvider | undefined = strapi.plugin('upload')?.provider;
  if (!provider || typeof provider.extend !== 'function') {
    throw new Error('extranet: the upload plugin must be enabled (the plugin governs its files)');
  }
  const keys = fileUrlKeys(appKeysOf(strapi));
  const lookup = createLookup(strapi, governance);
  const original = { isPrivate: provider.isPrivate, getSignedUrl: provider.getSignedUrl };
  provider.extend({
    isPrivate: () => true,
    async getSignedUrl(file: { url?: string }, ...rest: unknown[]) {
      const url = file?.url;
      const fileName = typeof url === 'string' && url.startsWith(UPLOADS) ? uploadsFileName(url) : null;
      if (fileName) {
        const stored = await lookup(fileName);
        const expires = Math.floor(Date.now() / 1000) + Math.round(ttlMinutes * 60);
        return { url: stored?.governed ? signFileUrl(url!, expires, keys) : url };
      }
      if (await original.isPrivate.call(provider)) return original.getSignedUrl.call(provider, file, ...rest);
      return { url };
    },
  });
};

/**
 * The gate in front of the upload plugin's static route (and the public folder's): one query per
 * request for a file of ours, by its name. Governed files need a valid signature, else they answer
 * 404 like a missing file; files whose bytes an external supplied are never rendered on this origin.
 */
/** The request as the gate reads and answers it (a Koa context). */
interface GateContext {
  method: string;
  path: string;
  query: Record<string, unknown>;
  type: string;
  set(field: string, value: string): void;
}

export const createUploadsGate = (strapi: Core.Strapi, governance: Governance) => {
  const keys = fileUrlKeys(appKeysOf(strapi));
  return async (ctx: GateContext, next: () => Promise<unknown>) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const fileName = uploadsFileName(ctx.path);
    if (!fileName) return next();
    const file = await fileServedAs(strapi, governance, fileName);
    if (!file) return next();
    // Answered exactly like a missing file: nothing served, so Strapi's error middleware says 404.
    if (file.governed && !hasValidSignature(`${UPLOADS}${fileName}`, ctx.query, keys)) return;
    await next();
    if (file.governed) ctx.set('Cache-Control', 'private, no-cache');
    if (file.externalUpload) {
      ctx.set('X-Content-Type-Options', 'nosniff');
      if (!SAFE_TO_SHOW.has(path.extname(fileName).toLowerCase())) {
        ctx.set('Content-Disposition', 'attachment');
        ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
        ctx.type = 'application/octet-stream';
      }
    }
  };
};
