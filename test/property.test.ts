/**
 * Randomized property test of the read rule (SPEC §2–§4, DESIGN "Tests").
 *
 * For each seed a random world (workgroups, users of every caller class, memberships, items) is
 * written through Strapi's services, then every caller reads every type over REST and each answer
 * is compared with test/oracle/reference-rule.ts, which knows nothing of the plugin's code:
 * list (as a set), pagination.total, findOne of every item (200 / 404, never 403 for an
 * unreadable item when the route is allowed), populate=workgroup on lists and findOne, and the
 * plugin's workgroup routes, and the media library (`/api/upload/files` list with
 * `populate=related`, and findOne of every file). All worlds share one database; each world's
 * rows carry its own prefix and every list is filtered on it.
 *
 * View as (SPEC §10): for two random users of each world, every one of those requests is
 * sent again by an extranet admin (of no world) with `X-Extranet-View-As: <user id>`, and must
 * match the reference rule's answer for that user — their role's statuses included.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import request from 'supertest';
import { startApp, type TestApp } from './helpers/strapi';
import { TITLE_FIELD, UID, WORKGROUP_UID, writeWorld, type Written } from './helpers/world';
import { generateWorld } from './oracle/generate';
import { mulberry32 } from './oracle/prng';
import { createUser } from './helpers/factories';
import { ReferenceRule } from './oracle/reference-rule';
import { SCOPE_OF, ITEM_TYPES, type Caller, type ItemType, type World } from './oracle/world';

/** 9 worlds keep the file near a minute on 2 cores; PROPERTY_WORLDS=50 explores further (still seeds 1..N). */
const WORLDS = Number(process.env.PROPERTY_WORLDS ?? 9);
const SEEDS = Array.from({ length: WORLDS }, (_, i) => i + 1);
const CONCURRENCY = 8;
const MISSING_ID = 'zzzzzzzzzzzzzzzzzzzzzzzz';

const HAS_WORKGROUP = (type: ItemType) => SCOPE_OF[type] === 'workgroup';

interface Mismatch {
  seed: number;
  caller: string;
  route: string;
  request: string;
  expected: unknown;
  actual: unknown;
}


let app: TestApp;
let apiToken: string;
/** An extranet admin of no world: sends the view-as requests. */
let viewAsAdminJwt: string;
/** The server listens once on a loopback port; requests reuse connections (supertest alone re-listens per request). */
let baseUrl: string;
const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 16 });
let requests = 0;
let viewAsRequests = 0;
let worldsChecked = 0;
/** "class GET route → status" counts, printed with PROPERTY_VERBOSE=1 */
const statusTally = new Map<string, number>();
/** populate=workgroup comparisons on items bound to a workgroup: shown vs hidden by the oracle */
const populated = { shown: 0, hidden: 0 };
let writeMs = 0;
let checkMs = 0;
const allMismatches: Mismatch[] = [];
const started = Date.now();

async function pool<T>(tasks: Array<() => Promise<T>>, size: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, tasks.length) }, worker));
  return results;
}

/** Errors of a reused keep-alive socket that the other side closed as the request went out. */
const STALE_SOCKET = new Set(['ECONNRESET', 'EPIPE']);

/**
 * A GET through the keep-alive agent. GETs are idempotent: one whose pooled socket turns out to
 * be dead (closed by the server between two worlds, on a loaded machine) is sent again on a
 * fresh socket, at most twice; any other error, and any answer, is the test's.
 */
async function get(path: string, auth: string | null, viewAs?: number) {
  requests++;
  for (let attempt = 0; ; attempt++) {
    const req = request(baseUrl).get(path).agent(keepAlive);
    if (auth) req.set('Authorization', `Bearer ${auth}`);
    if (viewAs !== undefined) req.set('X-Extranet-View-As', String(viewAs));
    if (viewAs !== undefined && attempt === 0) viewAsRequests++;
    try {
      const res = await req;
      return { status: res.status, body: res.body };
    } catch (error: any) {
      if (attempt >= 2 || !STALE_SOCKET.has(error?.code)) throw error;
    }
  }
}


const sorted = (values: Iterable<string>) => [...values].sort();
const sameSet = (a: Iterable<string>, b: Iterable<string>) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

async function checkWorld(written: Written): Promise<Mismatch[]> {
  const { world, itemId, workgroupId, users, fileId } = written;
  const keyOfItem = new Map([...itemId].map(([k, id]) => [id, k]));
  const keyOfWorkgroup = new Map([...workgroupId].map(([k, id]) => [id, k]));
  const mismatches: Mismatch[] = [];
  const tasks: Array<() => Promise<void>> = [];

  // The users an extranet admin views as: two of the world's, drawn from its seed.
  const viewed = mulberry32(world.seed * 7919 + 17).shuffle(world.users).slice(0, 2);
  const callers: Array<{ caller: Caller; cls: string; label: string; auth: string | null; viewAs?: number }> = [
    { caller: { via: 'anonymous' }, cls: 'anonymous', label: 'anonymous', auth: null },
    { caller: { via: 'api-token' }, cls: 'api-token', label: 'api-token', auth: apiToken },
    ...world.users.map((u) => ({
      caller: { via: 'user', user: u.key } as Caller,
      cls: u.label,
      label: `${u.label} (${u.key}: ${u.kind} [${u.groups.join(',')}])`,
      auth: users.get(u.key)!.jwt,
    })),
    ...viewed.map((u) => ({
      caller: { via: 'user', user: u.key } as Caller,
      cls: `view-as ${u.label}`,
      label: `extranet admin viewing as ${u.label} (${u.key}: ${u.kind} [${u.groups.join(',')}])`,
      auth: viewAsAdminJwt,
      viewAs: users.get(u.key)!.id,
    })),
  ];

  for (const { caller, cls, label, auth, viewAs } of callers) {
    const rule = new ReferenceRule(world, caller);
    const call = async (path: string) => {
      const res = await get(path, auth, viewAs);
      const route = path.replace(/\?.*$/, '').replace(/\/[a-z0-9]{24,}$/, '/:id').replace(/\/files\/\d+$/, '/files/:id');
      const tag = `${cls} GET ${route}${path.includes('populate=') ? ' (populate)' : ''} → ${res.status}`;
      statusTally.set(tag, (statusTally.get(tag) ?? 0) + 1);
      return res;
    };
    const miss = (route: string, request: string, expected: unknown, actual: unknown) =>
      mismatches.push({ seed: world.seed, caller: label, route, request, expected, actual });
    const namesOf = (ids: Iterable<string>, keys: Map<string, string>) => sorted([...ids].map((id) => keys.get(id) ?? `foreign:${id}`));

    /** The populated workgroup the caller should see on an item, as a key or null. */
    const expectedWorkgroup = (key: string) => {
      const wg = world.items.find((i) => i.key === key)!.workgroup;
      if (!wg) return null;
      const shown = rule.canReadWorkgroup(wg);
      populated[shown ? 'shown' : 'hidden']++;
      return shown ? wg : null;
    };
    const actualWorkgroup = (entry: any) => {
      const wg = entry?.workgroup;
      if (wg === undefined || wg === null) return null;
      return keyOfWorkgroup.get(wg.documentId) ?? `foreign:${wg?.documentId}`;
    };

    for (const type of ITEM_TYPES) {
      const expectation = rule.itemsOf(type);
      const base = `/api/${type}?filters[${TITLE_FIELD(type)}][$startsWith]=${world.prefix}&pagination[pageSize]=100`;
      const lists = HAS_WORKGROUP(type) ? [base, `${base}&populate=workgroup`] : [base];

      for (const path of lists) {
        tasks.push(async () => {
          const res = await call(path);
          if (!expectation.statuses.includes(res.status)) {
            miss(type, `GET ${path}`, { status: expectation.statuses }, { status: res.status, error: res.body?.error?.message });
            return;
          }
          if (res.status !== 200) return;
          const data: any[] = res.body?.data ?? [];
          const got = data.map((d) => d.documentId as string);
          const want = [...expectation.readable];
          const gotKeys = namesOf(got, keyOfItem);
          if (!sameSet(gotKeys, want) || got.length !== new Set(got).size) {
            const wantSet = new Set(want);
            miss(type, `GET ${path}`, { items: sorted(want) }, {
              items: gotKeys,
              unexpected: gotKeys.filter((k) => !wantSet.has(k)),
              missing: want.filter((k) => !gotKeys.includes(k)),
            });
          }
          const total = res.body?.meta?.pagination?.total;
          if (total !== want.length) miss(type, `GET ${path} (meta.pagination.total)`, want.length, total);
          if (path.includes('populate=workgroup')) {
            for (const entry of data) {
              const key = keyOfItem.get(entry.documentId);
              if (!key) continue;
              const expected = expectedWorkgroup(key);
              const actual = actualWorkgroup(entry);
              if (expected !== actual) miss(type, `GET ${path} → ${key}.workgroup`, expected, actual);
            }
          }
        });
      }

      // findOne of every item of this type, plus one that does not exist.
      const ofType = world.items.filter((i) => i.type === type).map((i) => i.key);
      for (const key of [...ofType, null]) {
        tasks.push(async () => {
          const id = key ? itemId.get(key)! : MISSING_ID;
          const path = `/api/${type}/${id}${HAS_WORKGROUP(type) ? '?populate=workgroup' : ''}`;
          const readable = key !== null && expectation.readable.has(key);
          const allowed = expectation.statuses.filter((s) => s !== 200 || readable);
          if (expectation.statuses.includes(200) && !readable) allowed.push(404);
          const res = await call(path);
          const what = key ?? 'missing';
          if (!allowed.includes(res.status)) {
            miss(type, `GET ${path} (${what})`, { status: allowed }, { status: res.status, error: res.body?.error?.message });
            return;
          }
          if (res.status === 200 && key && HAS_WORKGROUP(type)) {
            const expected = expectedWorkgroup(key);
            const actual = actualWorkgroup(res.body?.data);
            if (expected !== actual) miss(type, `GET ${path} (${key}).workgroup`, expected, actual);
          }
          if (res.status === 200 && key && res.body?.data?.documentId !== id) miss(type, `GET ${path} (${key})`, id, res.body?.data?.documentId);
        });
      }
    }

    // The plugin's workgroup routes.
    const wgExpectation = rule.workgroups();
    const wgList = `/api/extranet/workgroups?filters[name][$startsWith]=${world.prefix}&pagination[pageSize]=100`;
    tasks.push(async () => {
      const res = await call(wgList);
      if (!wgExpectation.statuses.includes(res.status)) {
        miss('workgroups', `GET ${wgList}`, { status: wgExpectation.statuses }, { status: res.status, error: res.body?.error?.message });
        return;
      }
      if (res.status !== 200) return;
      const data: any[] = res.body?.data ?? [];
      const gotKeys = namesOf(data.map((d) => d.documentId), keyOfWorkgroup);
      const want = sorted(wgExpectation.readable);
      if (!sameSet(gotKeys, want)) miss('workgroups', `GET ${wgList}`, { workgroups: want }, { workgroups: gotKeys });
      const total = res.body?.meta?.pagination?.total;
      if (total !== want.length) miss('workgroups', `GET ${wgList} (meta.pagination.total)`, want.length, total);
    });
    for (const key of [...world.workgroups.map((w) => w.key), null]) {
      tasks.push(async () => {
        const id = key ? workgroupId.get(key)! : MISSING_ID;
        const path = `/api/extranet/workgroups/${id}`;
        const readable = key !== null && wgExpectation.readable.has(key);
        const allowed = wgExpectation.statuses.filter((s) => s !== 200 || readable);
        if (wgExpectation.statuses.includes(200) && !readable) allowed.push(404);
        const res = await call(path);
        if (!allowed.includes(res.status)) {
          miss('workgroups', `GET ${path} (${key ?? 'missing'})`, { status: allowed }, { status: res.status, error: res.body?.error?.message });
        } else if (res.status === 200 && res.body?.data?.documentId !== id) {
          miss('workgroups', `GET ${path} (${key})`, id, res.body?.data?.documentId);
        }
      });
    }

    // The media library: the list with each file's related items, and every file by id.
    const fileExpectation = rule.files();
    const keyOfFile = new Map([...fileId].map(([k, id]) => [id, k]));
    const keyOfItemTitle = (title: string) => (title?.startsWith(world.prefix) ? title.slice(world.prefix.length) : `foreign:${title}`);
    const fileList = `/api/upload/files?filters[name][$startsWith]=${world.prefix}&populate=related&pagination[pageSize]=100`;
    tasks.push(async () => {
      const res = await call(fileList);
      if (!fileExpectation.statuses.includes(res.status)) {
        miss('files', `GET ${fileList}`, { status: fileExpectation.statuses }, { status: res.status, error: res.body?.error?.message });
        return;
      }
      const data: any[] = Array.isArray(res.body) ? res.body : [];
      const gotKeys = sorted(data.map((f) => keyOfFile.get(f.id) ?? `foreign:${f.id}`));
      const want = sorted(fileExpectation.readable);
      if (!sameSet(gotKeys, want)) miss('files', `GET ${fileList}`, { files: want }, { files: gotKeys });
      for (const entry of data) {
        const file = world.files.find((f) => f.key === keyOfFile.get(entry.id));
        if (!file) continue;
        const expected = rule.relatedOf(file);
        const related: any[] = entry.related ?? [];
        const documents = sorted(related.filter((r) => r.__type === UID.documents).map((r) => keyOfItemTitle(r.title)));
        const workgroups = sorted(related.filter((r) => r.__type === WORKGROUP_UID).map((r) => keyOfItemTitle(r.name)));
        const others = related.filter((r) => r.__type !== UID.documents && r.__type !== WORKGROUP_UID);
        if (!sameSet(documents, expected.documents) || !sameSet(workgroups, expected.workgroups) || others.length > 0) {
          miss('files', `GET ${fileList} → ${file.key}.related`, { documents: sorted(expected.documents), workgroups: sorted(expected.workgroups) }, { documents, workgroups, others: others.map((r) => r.__type) });
        }
      }
    });
    for (const file of world.files) {
      tasks.push(async () => {
        const path = `/api/upload/files/${fileId.get(file.key)}`;
        const expected = fileExpectation.readable.has(file.key) ? 200 : 404;
        const res = await call(path);
        if (res.status !== expected) miss('files', `GET ${path} (${file.key})`, { status: expected }, { status: res.status, error: res.body?.error?.message });
      });
    }
  }

  await pool(tasks, CONCURRENCY);
  return mismatches;
}

const describeWorld = (w: World) => {
  const wgs = w.workgroups.map((g) => `${g.key}:${g.extranet ? 'extranet' : 'intranet'}${g.archived ? ',archived' : ''}`).join(' ');
  const ms = w.memberships.map((m) => `${m.user}@${m.workgroup}:${m.status}`).join(' ');
  const items = w.items
    .map((i) => `${i.key}:${i.type}:${i.extranet === undefined ? 'unset' : i.extranet}${i.workgroup ? `@${i.workgroup}` : ''}${i.author ? `<${i.author}` : ''}${i.published ? '' : ',draft'}`)
    .join(' ');
  const files = w.files.map((f) => `${f.key}:[${[...f.documents, ...f.workgroups].join(',')}]<${f.uploader ?? 'editor'}`).join(' ');
  return `workgroups ${wgs}\n  memberships ${ms}\n  items ${items}\n  files ${files}`;
};

const formatMismatches = (list: Mismatch[], world: World) =>
  [
    `${list.length} mismatch(es) in world ${world.seed} (first ${Math.min(list.length, 8)}):`,
    ...list.slice(0, 8).map(
      (m) =>
        `- caller ${m.caller}, type ${m.route}\n    request  ${m.request}\n    expected ${JSON.stringify(m.expected)}\n    actual   ${JSON.stringify(m.actual)}`
    ),
    `world ${world.seed}: ${describeWorld(world)}`,
  ].join('\n');

describe('property: every read matches the reference rule', () => {
  beforeAll(async () => {
    app = await startApp();
    const strapi = app.strapi;
    const server = strapi.server.httpServer;
    // The client keeps sockets alive between worlds: the server must not close them first (ECONNRESET).
    server.keepAliveTimeout = 10 * 60 * 1000;
    server.headersTimeout = server.keepAliveTimeout + 1000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Anonymous callers may list and read documents and tickets, so that the rule (not the role) decides.
    const publicRole = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'public' } });
    for (const action of ['api::document.document.find', 'api::document.document.findOne', 'api::ticket.ticket.find', 'api::ticket.ticket.findOne']) {
      await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: publicRole.id } });
    }
    // Every caller may list and read files (the demo grants it to nobody): the rule decides.
    for (const type of ['public', 'authenticated', 'extranet']) {
      const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type } });
      for (const action of ['plugin::upload.content-api.find', 'plugin::upload.content-api.findOne']) {
        await strapi.db.query('plugin::users-permissions.permission').create({ data: { action, role: role.id } });
      }
    }
    // A read-only Strapi API token: treated like an anonymous caller for extranet content.
    const token = await (strapi as any).service('admin::api-token').create({
      name: 'property-test read-only',
      description: 'property test',
      type: 'read-only',
      lifespan: null,
    });
    apiToken = token.accessKey;
    viewAsAdminJwt = (await createUser(strapi, { kind: 'employee', groups: ['extranet-users', 'extranet-admins'], name: 'property-view-as-admin' })).jwt;
  }, 300000);

  afterAll(async () => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    // eslint-disable-next-line no-console
    console.log(
      `property test: ${worldsChecked} worlds, ${requests.toLocaleString('en-US')} requests (${viewAsRequests.toLocaleString('en-US')} viewed as a user by an extranet admin), ${allMismatches.length} mismatches, ${seconds} s ` +
        `(populated workgroups compared: ${populated.shown} shown, ${populated.hidden} hidden; ` +
        `writing worlds ${(writeMs / 1000).toFixed(1)} s, reading ${(checkMs / 1000).toFixed(1)} s)`
    );
    if (process.env.PROPERTY_VERBOSE) console.log([...statusTally].sort().map(([tag, n]) => `${tag}: ${n}`).join('\n'));
    keepAlive.destroy();
    await app?.stop();
  });

  it.each(SEEDS)(
    'world %i',
    async (seed) => {
      const world = generateWorld(seed);
      const t0 = Date.now();
      const written = await writeWorld(app.strapi, world);
      const t1 = Date.now();
      const mismatches = await checkWorld(written);
      if (process.env.PROPERTY_VERBOSE) console.log(`world ${seed}: write ${t1 - t0} ms, read ${Date.now() - t1} ms`);
      writeMs += t1 - t0;
      checkMs += Date.now() - t1;
      worldsChecked++;
      allMismatches.push(...mismatches);
      if (mismatches.length > 0) throw new Error(formatMismatches(mismatches, world));
    },
    // Generous: a loaded 2-core machine (load average 20) took over 300 s for world 1.
    900000
  );
});
