/**
 * Removes the temporary files of a multipart request once it is answered, whatever the answer.
 *
 * Strapi's `strapi::body` middleware lets koa-body (formidable) write every uploaded file to the
 * server's temp folder (`os.tmpdir()` by default), then, after `await next()`, removes only the
 * files of the field named `files`, and only when `next()` did not throw. The upload door
 * (access/upload-door.ts) refuses uploads by throwing (403/404/400/409), so without this every
 * refused upload (and every file sent under another field name) would stay in the temp folder
 * forever: a partner sending refused uploads over and over would fill the server's disk.
 *
 * Registered with `strapi.server.use` at bootstrap, after the global middlewares: it runs inside
 * `strapi::body`, so `ctx.request.files` is already parsed when it is entered. It takes the paths
 * then (exactly what koa-body wrote for this request) and removes them in a `finally`, awaited, so
 * they are gone when the answer leaves. The upload plugin no longer needs them by then: its service
 * streams each file to the provider and awaits it (working copies go to its own
 * `strapi-upload-*` folder, which it removes itself) before the controller answers. A removal that
 * fails is logged, never turned into the request's answer.
 */
import { rm } from 'fs/promises';
import type { Core } from '@strapi/strapi';

type UploadedFile = { filepath?: unknown };

/** The temp paths of every field of `ctx.request.files`: single files and arrays of them. */
export const tempPathsOf = (files: unknown): string[] => {
  if (!files || typeof files !== 'object') return [];
  const paths: string[] = [];
  const add = (file: unknown) => {
    if (Array.isArray(file)) file.forEach(add);
    else if (file && typeof file === 'object' && typeof (file as UploadedFile).filepath === 'string') {
      paths.push((file as UploadedFile).filepath as string);
    }
  };
  Object.values(files).forEach(add);
  return paths;
};

export const createUploadTempFilesCleanup =
  (strapi: Core.Strapi) => async (ctx: { request: { files?: unknown } }, next: () => Promise<unknown>) => {
    const paths = tempPathsOf(ctx.request.files);
    if (paths.length === 0) return next();
    try {
      return await next();
    } finally {
      const results = await Promise.allSettled(paths.map((filepath) => rm(filepath, { force: true })));
      for (const result of results) {
        if (result.status === 'rejected') {
          strapi.log.warn(`extranet: could not remove an upload's temp file: ${String(result.reason)}`);
        }
      }
    }
  };
