/**
 * The outbox across nodes (SPEC §11, §12): a node killed while it sends leaves the mail to be sent
 * by another once its lease ends; two nodes draining one queue send every mail exactly once.
 * Nodes are child processes on one database (PostgreSQL in CI's second run, a shared SQLite file
 * in the first: the claim is `FOR UPDATE SKIP LOCKED` there, a conditional update here).
 */
import net from 'net';
import { startApp, tempDbFile, type TestApp } from './helpers/strapi';
import { startNode, type Node } from './helpers/nodes';
import { bearer, createUser, createWorkgroup, type TestUser } from './helpers/factories';
import { freePort, invitationLink, startSmtp, tokenOf, type SmtpListener } from './helpers/smtp';
import { OUTBOX, outboxRows, until } from './helpers/outbox';

const INVITATION = 'plugin::extranet.invitation';

/** An SMTP port that accepts connections and never says a word: a send hangs there. */
async function blackHole() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => sockets.size,
    stop: () => new Promise<void>((resolve) => {
      sockets.forEach((socket) => socket.destroy());
      server.close(() => resolve());
    }),
  };
}

describe('the outbox on several nodes', () => {
  const database = tempDbFile();
  let setup: TestApp;
  let owner: TestUser;
  let workgroup: any;
  const nodes: Node[] = [];
  const listeners: Array<{ stop: () => Promise<void> }> = [];

  beforeAll(async () => {
    // The process that writes the world sends nothing: only the nodes under test do.
    setup = await startApp({ dbFile: database, env: { EXTRANET_MAIL_WORKER: 'false' } });
    owner = await createUser(setup.strapi, { kind: 'employee', groups: ['extranet-users'] });
    workgroup = await createWorkgroup(setup.strapi, { extranet: true, members: [[owner, 'owner']] });
  }, 300000);

  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await setup?.stop();
    await Promise.all(listeners.map((listener) => listener.stop()));
  }, 300000);

  const invitationOf = (email: string) => setup.strapi.db.query(INVITATION).findOne({ where: { email } });

  it('a node killed in the middle of a send leaves the mail queued; another node sends it once its lease ends', async () => {
    const hole = await blackHole();
    listeners.push(hole);
    const smtp = await startSmtp();
    listeners.push(smtp);
    const doomed = await startNode(database, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(hole.port), EXTRANET_MAIL_LEASE_SECONDS: '3' });
    nodes.push(doomed);

    const email = 'killed-mid-send@supplier.example';
    const res = await doomed.http().post(`/api/extranet/workgroups/${workgroup.documentId}/invitations`).set(bearer(owner)).send({ email });
    expect(res.status).toBe(201);
    const invitation = await invitationOf(email);
    // The node has claimed the mail and is talking to an SMTP server that never answers.
    const claimed = await until(() => outboxRows(setup.strapi, { invitation: invitation.id }), (rows) => rows[0]?.leasedBy && hole.connections() > 0);
    expect(claimed).toEqual([expect.objectContaining({ status: 'queued', attempts: 1, leasedBy: expect.any(String) })]);
    await doomed.kill();
    expect(await outboxRows(setup.strapi, { invitation: invitation.id })).toEqual([expect.objectContaining({ status: 'queued', attempts: 1 })]);

    const rescuer = await startNode(database, { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port) });
    nodes.push(rescuer);
    const mail = await smtp.nextTo(email, 0, 30000);
    const sent = await until(() => outboxRows(setup.strapi, { invitation: invitation.id }), (rows) => rows[0].status === 'sent');
    expect(sent).toEqual([expect.objectContaining({ status: 'sent', attempts: 2, leasedBy: null })]);
    expect(smtp.messages.filter((m) => m.to.includes(email))).toHaveLength(1);
    // The link that arrived is the live one.
    const accepted = await rescuer.http().post('/api/extranet/invitations/accept')
      .send({ token: tokenOf(invitationLink(mail)), password: 'A-long-enough-secret-1', firstname: 'Kim', lastname: 'Killed' });
    expect(accepted.status).toBe(200);
    await rescuer.stop();
  });

  it('two nodes draining one queue send every mail exactly once', async () => {
    const port = await freePort(); // down while the mails are queued: both nodes find them waiting
    const env = { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(port), EXTRANET_MAIL_RETRY_DELAY_SECONDS: '1' };
    const [a, b] = await Promise.all([startNode(database, env), startNode(database, env)]);
    nodes.push(a, b);
    const emails = Array.from({ length: 16 }, (_, i) => `drained-${i}@supplier.example`);
    const answers = await Promise.all(
      emails.map((email, i) => (i % 2 ? a : b).http().post(`/api/extranet/workgroups/${workgroup.documentId}/invitations`).set(bearer(owner)).send({ email }))
    );
    expect(answers.map((r) => r.status)).toEqual(emails.map(() => 201));
    const ids = (await Promise.all(emails.map(invitationOf))).map((row) => row.id);

    const smtp: SmtpListener = await startSmtp(port);
    listeners.push(smtp);
    const rows = await until(() => outboxRows(setup.strapi, { invitation: { $in: ids } }), (list) => list.length === ids.length && list.every((row: any) => row.status === 'sent'), 60000);
    expect(rows.map((row: any) => row.status)).toEqual(ids.map(() => 'sent'));
    // Each mail is recorded sent after the SMTP server accepted it: every delivery is counted by now.
    const received = emails.map((email) => smtp.messages.filter((m) => m.to.includes(email)).length);
    expect(received).toEqual(emails.map(() => 1));
    expect(await setup.strapi.db.query(OUTBOX).count({ where: { invitation: { $in: ids } } })).toBe(ids.length);
  });
});
