/**
 * users-permissions' own doors onto users (findings F3, F4, F11 of the outside attack): checks of
 * the form "does this account exist?" must see every account, and answer alike whoever holds it;
 * an account the caller may not read answers exactly like a missing one. Every test asserts the
 * answer and what is stored afterwards.
 */
import type { Core } from '@strapi/strapi';
import { startApp, type TestApp } from './helpers/strapi';
import { createTopic, createUser, createWorkgroup, roleId, type TestUser } from './helpers/factories';

const USER = 'plugin::users-permissions.user';
const MEMBERSHIP = 'plugin::extranet.membership';
const PASSWORD = 'Token-made-user-2026!';

describe("users-permissions' doors onto users", () => {
  let app: TestApp;
  let strapi: Core.Strapi;
  let partner: TestUser;
  let employee: TestUser;
  let tokenAuth: Record<string, string>;
  let employeeRole: number;
  let seq = 0;
  const fresh = (what: string) => `${what}-${process.pid}-${++seq}`;

  /** Accounts holding this address, whatever its case. */
  const holders = (email: string) => strapi.db.query(USER).count({ where: { email: { $eqi: email } } });
  const named = (username: string) => strapi.db.query(USER).count({ where: { username } });
  /** What a client can compare between two answers. */
  const answer = (res: any) => ({ status: res.status, error: res.body?.error, data: res.body?.data });
  const gql = (auth: Record<string, string> | null, query: string, variables: Record<string, unknown> = {}) => {
    const req = app.http().post('/graphql');
    if (auth) req.set(auth);
    return req.send({ query, variables });
  };
  /** A GraphQL error, without the parts that name the request. */
  const gqlError = (res: any) => {
    expect(res.body.errors?.length).toBe(1);
    const { message, extensions } = res.body.errors[0];
    return { message, code: extensions?.code, details: extensions?.error?.details };
  };

  beforeAll(async () => {
    app = await startApp();
    strapi = app.strapi;
    partner = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
    employee = await createUser(strapi, { kind: 'employee', groups: ['extranet-users'] });
    employeeRole = await roleId(strapi, 'authenticated');
    const token = await (strapi.service('admin::api-token') as any).create({ name: 'user admin', type: 'full-access', lifespan: null });
    tokenAuth = { Authorization: `Bearer ${token.accessKey}` };
  });

  afterAll(async () => {
    await app?.stop();
  });

  describe('F3: one account per address and per username, whoever holds it', () => {
    const create = (body: Record<string, unknown>) =>
      app.http().post('/api/users').set(tokenAuth).send({ password: PASSWORD, role: employeeRole, ...body });

    it("a token cannot create an account with a partner's e-mail, and gets the answer an employee's address gets", async () => {
      const partner = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
      const onPartner = await create({ username: fresh('tk'), email: partner.email.toUpperCase() });
      const onEmployee = await create({ username: fresh('tk'), email: employee.email });
      expect(onPartner.status).toBe(400);
      expect(answer(onPartner)).toEqual(answer(onEmployee));
      expect(onPartner.body.error.details.errors[0].path).toEqual(['email']);
      expect(await holders(partner.email)).toBe(1);
      expect(await holders(employee.email)).toBe(1);
    });

    it("a token cannot create an account with a partner's username (nor one spelled like an address), answered like an employee's", async () => {
      const partner = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
      const onPartner = await create({ username: partner.username, email: `${fresh('tk')}@northwind.example` });
      const onEmployee = await create({ username: employee.username, email: `${fresh('tk')}@northwind.example` });
      expect(onPartner.status).toBe(400);
      expect(answer(onPartner)).toEqual(answer(onEmployee));
      expect(onPartner.body.error.details.errors[0].path).toEqual(['username']);
      expect(await named(partner.username)).toBe(1);
      expect(await named(employee.username)).toBe(1);
      const asAddress = await create({ username: partner.email, email: `${fresh('tk')}@northwind.example` });
      expect(answer(asAddress)).toEqual(answer(onEmployee));
      expect(await named(partner.email)).toBe(0);
    });

    it("a token cannot move an employee's account onto a partner's e-mail or username (PUT /api/users/:id)", async () => {
      const partner = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
      const victim = await createUser(strapi, { kind: 'employee' });
      const update = (data: object) => app.http().put(`/api/users/${victim.id}`).set(tokenAuth).send(data);
      const email = await update({ email: partner.email });
      expect(email.status).toBe(400);
      expect(answer(email)).toEqual(answer(await update({ email: employee.email })));
      expect(email.body.error.details.errors[0].path).toEqual(['email']);
      const username = await update({ username: partner.username });
      expect(username.status).toBe(400);
      expect(answer(username)).toEqual(answer(await update({ username: employee.username })));
      const stored = await strapi.db.query(USER).findOne({ where: { id: victim.id } });
      expect([stored.email, stored.username]).toEqual([victim.email, victim.username]);
      expect(await holders(partner.email)).toBe(1);
      // Its own address stays its own; a free one is still taken as usual.
      const own = await update({ email: victim.email.toUpperCase(), username: victim.username });
      expect(own.status).toBe(200);
    });

    it('GraphQL createUsersPermissionsUser / updateUsersPermissionsUser answer a partner\'s address like an employee\'s and store nothing', async () => {
      const partner = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
      const createMutation = `mutation($data: UsersPermissionsUserInput!) { createUsersPermissionsUser(data: $data) { data { documentId email } } }`;
      const input = (email: string) => ({ data: { username: fresh('gq'), email, password: PASSWORD, role: String(employeeRole) } });
      // The mutation itself works for a free address.
      const free = `${fresh('gq')}@northwind.example`;
      const ok = await gql(tokenAuth, createMutation, input(free));
      expect(ok.body.errors).toBeUndefined();
      expect(ok.body.data.createUsersPermissionsUser.data.email).toBe(free);
      const onPartner = await gql(tokenAuth, createMutation, input(partner.email));
      const onEmployee = await gql(tokenAuth, createMutation, input(employee.email));
      expect(gqlError(onPartner).code).toBe('BAD_USER_INPUT');
      expect(gqlError(onPartner)).toEqual(gqlError(onEmployee));
      expect(await holders(partner.email)).toBe(1);

      const victim = await createUser(strapi, { kind: 'employee' });
      const updateMutation = `mutation($id: ID!, $data: UsersPermissionsUserInput!) { updateUsersPermissionsUser(id: $id, data: $data) { data { documentId email } } }`;
      const moved = await gql(tokenAuth, updateMutation, { id: String(victim.id), data: { email: partner.email } });
      const control = await gql(tokenAuth, updateMutation, { id: String(victim.id), data: { email: employee.email } });
      expect(gqlError(moved).code).toBe('BAD_USER_INPUT');
      expect(gqlError(moved)).toEqual(gqlError(control));
      expect((await strapi.db.query(USER).findOne({ where: { id: victim.id } })).email).toBe(victim.email);
      expect(await holders(partner.email)).toBe(1);
    });

    it('registration sees every account, through REST and GraphQL alike', async () => {
      const partner = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
      const rest = (email: string) =>
        app.http().post('/api/auth/local/register').send({ username: fresh('reg'), email, password: PASSWORD });
      const restPartner = await rest(partner.email);
      expect(restPartner.status).toBe(400);
      expect(answer(restPartner)).toEqual(answer(await rest(employee.email)));
      const mutation = `mutation($input: UsersPermissionsRegisterInput!) { register(input: $input) { jwt } }`;
      const register = (email: string) => gql(null, mutation, { input: { username: fresh('reg'), email, password: PASSWORD } });
      const gqlPartner = await register(partner.email);
      expect(gqlError(gqlPartner).message).toBe('Email or Username are already taken');
      expect(gqlError(gqlPartner)).toEqual(gqlError(await register(employee.email)));
      expect(await holders(partner.email)).toBe(1);
      expect(await holders(employee.email)).toBe(1);
    });

    it('the write itself refuses a taken address, whatever the door (server code writing through the document service)', async () => {
      const partner = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
      await expect(
        strapi.plugin('users-permissions').service('user').add({
          username: fresh('svc'),
          email: partner.email.toUpperCase(),
          password: PASSWORD,
          provider: 'local',
          role: employeeRole,
        })
      ).rejects.toMatchObject({ name: 'ValidationError', details: { errors: [{ path: ['email'] }] } });
      const other = await createUser(strapi, { kind: 'employee' });
      await expect(
        strapi.db.query(USER).update({ where: { id: other.id }, data: { username: partner.username } })
      ).rejects.toMatchObject({ name: 'ValidationError', details: { errors: [{ path: ['username'] }] } });
      expect(await holders(partner.email)).toBe(1);
      expect(await named(partner.username)).toBe(1);
    });
  });

  describe('F4: an account the caller may not read is deleted like a missing one', () => {
    it("a token deleting a partner who owns a workgroup gets the missing id's answer, and nothing changes (REST and GraphQL)", async () => {
      const owner = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
      const workgroup = await createWorkgroup(strapi, { extranet: true, topic: await createTopic(strapi), members: [[owner, 'owner']] });
      const hidden = await app.http().delete(`/api/users/${owner.id}`).set(tokenAuth);
      const missing = await app.http().delete('/api/users/987654').set(tokenAuth);
      expect(answer(hidden)).toEqual(answer(missing));
      expect(hidden.status).not.toBe(409);

      const mutation = `mutation($id: ID!) { deleteUsersPermissionsUser(id: $id) { data { documentId } } }`;
      const gqlHidden = await gql(tokenAuth, mutation, { id: String(owner.id) });
      const gqlMissing = await gql(tokenAuth, mutation, { id: '987654' });
      expect(JSON.stringify(gqlHidden.body)).not.toContain('GRAPHQL_VALIDATION_FAILED');
      expect(gqlHidden.status).toBe(gqlMissing.status);
      expect(gqlHidden.body).toEqual(gqlMissing.body);
      // The mutation itself deletes an account the token may read.
      const readable = await createUser(strapi, { kind: 'employee' });
      const gone = await gql(tokenAuth, mutation, { id: String(readable.id) });
      expect(JSON.stringify(gone.body)).not.toContain('errors');
      expect(await strapi.db.query(USER).count({ where: { id: readable.id } })).toBe(0);

      expect(await strapi.db.query(USER).count({ where: { id: owner.id } })).toBe(1);
      expect(await strapi.db.query(MEMBERSHIP).count({ where: { workgroup: { id: workgroup.id }, user: { id: owner.id }, role: 'owner' } })).toBe(1);
    });

    it('still refuses to delete an owner the caller may read (409 OwnerRequired)', async () => {
      const owner = await createUser(strapi, { kind: 'employee', groups: ['extranet-users'] });
      await createWorkgroup(strapi, { extranet: false, topic: await createTopic(strapi), members: [[owner, 'owner']] });
      const res = await app.http().delete(`/api/users/${owner.id}`).set(tokenAuth);
      expect(res.status).toBe(409);
      expect(res.body.error.name).toBe('OwnerRequired');
      expect(await strapi.db.query(USER).count({ where: { id: owner.id } })).toBe(1);
    });
  });

  describe('F11: the public auth flows say nothing about whether an address has an account', () => {
    it('send-email-confirmation answers alike for a confirmed partner, a blocked one and an unknown address, and mails nobody', async () => {
      const blocked = await createUser(strapi, { kind: 'external', groups: ['extranet-users'] });
      await strapi.db.query(USER).update({ where: { id: blocked.id }, data: { blocked: true } });
      const send = (email: string, auth?: Record<string, string>) => {
        const req = app.http().post('/api/auth/send-email-confirmation');
        if (auth) req.set(auth);
        return req.send({ email });
      };
      const unknown = `${fresh('nobody')}@partner.example`;
      for (const [email, auth] of [[partner.email], [blocked.email], [unknown], [partner.email, tokenAuth]] as Array<[string, Record<string, string>?]>) {
        const res = await send(email, auth);
        expect(answer(res)).toEqual({ status: 200, error: undefined, data: undefined });
        expect(res.body).toEqual({ email, sent: true });
      }
      const rows = await strapi.db.query(USER).findMany({ where: { id: { $in: [partner.id, blocked.id] } } });
      expect(rows.map((r: any) => r.confirmationToken ?? null)).toEqual([null, null]);
      expect(await holders(unknown)).toBe(0);
    });
  });
});
