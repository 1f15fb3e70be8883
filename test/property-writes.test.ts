/**
 * Randomized property test of writes judged on what they store (SPEC §4 "Writes"): in random
 * worlds, every caller moves random documents with relation payloads that name two targets at
 * once (`{ documentId: A, connect: [B] }`, `{ id: A, connect: [B] }`, `{ id: A, set: [B] }`,
 * where Strapi stores A), and each answer and the stored row afterwards are compared with
 * test/oracle/reference-write-rule.ts, which knows nothing of the plugin's code.
 */
import { startApp, type TestApp } from './helpers/strapi';
import { bearer } from './helpers/factories';
import { generateWorld } from './oracle/generate';
import { mulberry32, type Rng } from './oracle/prng';
import { expectedMove } from './oracle/reference-write-rule';
import { writeWorld, type Written } from './helpers/world';
import type { World, WorldItem } from './oracle/world';

const WORLDS = Number(process.env.PROPERTY_WRITE_WORLDS ?? 4);
const SEEDS = Array.from({ length: WORLDS }, (_, i) => 100 + i);
const MOVES_PER_CALLER = 6;
const DOCUMENT = 'api::document.document';

type Spelling = (stored: { id: number; documentId: string }, other: { id: number; documentId: string }) => unknown;
const SPELLINGS: Array<[string, Spelling]> = [
  ['documentId+connect', (a, b) => ({ documentId: a.documentId, connect: [b.documentId] })],
  ['id+connect', (a, b) => ({ id: a.id, connect: [b.id] })],
  ['id+set', (a, b) => ({ id: a.id, set: [b.id] })],
];

let app: TestApp;
let stats = { moves: 0, stored: 0, refused: 0, notFound: 0 };

beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  // eslint-disable-next-line no-console
  console.log(`property (writes): ${stats.moves} moves, ${stats.stored} stored, ${stats.refused} refused, ${stats.notFound} not found`);
  await app?.stop();
});

async function checkMoves(world: World, written: Written, random: Rng) {
  const strapi = app.strapi;
  const problems: string[] = [];
  const documents = world.items.filter((i) => i.type === 'documents');
  const ids = new Map<string, { id: number; documentId: string }>();
  for (const wg of world.workgroups) {
    const row = await strapi.db.query('plugin::extranet.workgroup').findOne({ select: ['id', 'documentId'], where: { documentId: written.workgroupId.get(wg.key) } });
    ids.set(wg.key, row);
  }
  for (const user of world.users) {
    const caller = { via: 'user' as const, user: user.key };
    for (let n = 0; n < MOVES_PER_CALLER && documents.length > 0; n++) {
      const item = random.pick(documents);
      const target = random.pick(world.workgroups);
      const other = random.pick(world.workgroups);
      const [spellingName, spelling] = random.pick(SPELLINGS);
      const targetWg = world.workgroups.find((w) => w.key === target.key)!;
      // Mostly the flag the target needs, sometimes the other one.
      const extranet = random.chance(0.8) ? targetWg.extranet : !targetWg.extranet;
      const after: WorldItem = { ...item, workgroup: target.key, extranet };
      const expected = expectedMove(world, caller, item, after);
      const documentId = written.itemId.get(item.key)!;
      const before = await strapi.db.query(DOCUMENT).findOne({ where: { documentId }, populate: ['workgroup'] });
      const res = await app
        .http()
        .put(`/api/documents/${documentId}`)
        .set(bearer(written.users.get(user.key)!))
        .send({ data: { extranet, workgroup: spelling(ids.get(target.key)!, ids.get(other.key)!) } });
      const stored = await strapi.db.query(DOCUMENT).findOne({ where: { documentId }, populate: ['workgroup'] });
      stats.moves++;
      const where = `world ${world.seed}, ${user.label} ${user.key} moves ${item.key} (${item.workgroup ?? 'site-wide'}, ${item.extranet}) to ${target.key} (${extranet}) via ${spellingName} naming ${other.key}`;
      if (expected === 'stored') {
        stats.stored++;
        if (res.status !== 200 || stored.workgroup?.id !== ids.get(target.key)!.id || stored.extranet !== extranet) {
          problems.push(`${where}: expected stored, got ${res.status} ${res.body?.error?.message ?? ''}, stored ${stored.workgroup?.documentId}`);
        }
        Object.assign(item, { workgroup: target.key, extranet });
      } else {
        expected === 'not-found' ? stats.notFound++ : stats.refused++;
        const statusOk = expected === 'not-found' ? res.status === 404 : [400, 403, 404, 409].includes(res.status);
        const unchanged = stored.workgroup?.id === before.workgroup?.id && stored.extranet === before.extranet && stored.updatedAt === before.updatedAt;
        if (!statusOk || !unchanged) {
          problems.push(`${where}: expected ${expected}, got ${res.status} ${res.body?.error?.message ?? ''}; ${unchanged ? 'unchanged' : 'CHANGED'}`);
        }
      }
    }
  }
  return problems;
}

describe('property: writes with two targets store only what the rule allows', () => {
  it.each(SEEDS)(
    'world %i',
    async (seed) => {
      const world = generateWorld(seed);
      const written = await writeWorld(app.strapi, world);
      const problems = await checkMoves(world, written, mulberry32(seed * 7919));
      if (problems.length) throw new Error(`${problems.length} problem(s):\n${problems.slice(0, 10).join('\n')}`);
    },
    180000
  );
});
