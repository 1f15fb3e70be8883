import type { Core } from '@strapi/strapi';
import { EMPLOYEE_PERMISSIONS, EXTRANET_PERMISSIONS } from './permissions';

/** Password of every demo login (README). */
export const DEMO_PASSWORD = 'Northwind-demo-2026';

type GroupKey = 'extranet-users' | 'extranet-admins' | 'group-creators' | 'extranet-support';

const PEOPLE: Array<{
  key: string;
  email: string;
  firstname: string;
  lastname: string;
  company: string;
  position: string;
  external?: boolean;
  groups: GroupKey[];
  visibleToAllExtranet?: boolean;
}> = [
  { key: 'erin', email: 'erin@northwind.example', firstname: 'Erin', lastname: 'Admin', company: 'Northwind', position: 'Extranet administrator', groups: ['extranet-users', 'extranet-admins', 'group-creators'] },
  { key: 'eddie', email: 'eddie@northwind.example', firstname: 'Eddie', lastname: 'Buyer', company: 'Northwind', position: 'Purchasing lead', groups: ['extranet-users', 'group-creators'], visibleToAllExtranet: true },
  { key: 'emma', email: 'emma@northwind.example', firstname: 'Emma', lastname: 'Account', company: 'Northwind', position: 'Account manager', groups: ['extranet-users'] },
  { key: 'sam', email: 'sam@northwind.example', firstname: 'Sam', lastname: 'Support', company: 'Northwind', position: 'Support engineer', groups: ['extranet-users', 'extranet-support'] },
  { key: 'ian', email: 'ian@northwind.example', firstname: 'Ian', lastname: 'Intranet', company: 'Northwind', position: 'Facilities', groups: [] },
  { key: 'paula', email: 'paula@acme-supplies.example', firstname: 'Paula', lastname: 'Partner', company: 'Acme Supplies', position: 'Key account', external: true, groups: ['extranet-users'] },
  { key: 'carl', email: 'carl@globex.example', firstname: 'Carl', lastname: 'Client', company: 'Globex', position: 'Project sponsor', external: true, groups: ['extranet-users'] },
];

const WORKGROUPS = [
  { key: 'acme', name: 'Acme supply chain', topic: 'Suppliers', extranet: true, description: 'Orders, forecasts and quality with Acme Supplies.', owner: 'eddie', members: { sam: 'moderator', paula: 'member' } },
  { key: 'globex', name: 'Globex rollout', topic: 'Clients', extranet: true, description: 'Rolling out our platform at Globex.', owner: 'emma', members: { eddie: 'member', carl: 'member' } },
  { key: 'office', name: 'Office move 2027', topic: 'Internal projects', extranet: false, description: 'Moving the head office.', owner: 'ian', members: { eddie: 'member', emma: 'member' } },
] as const;

const TOPICS = [
  { name: 'Suppliers', description: 'Work with our suppliers', sort: 10 },
  { name: 'Clients', description: 'Projects with clients', sort: 20 },
  { name: 'Internal projects', description: 'Intranet-only groups', sort: 30 },
];

export const grant = async (strapi: Core.Strapi, roleType: string, actions: string[]) => {
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: roleType } });
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  for (const action of actions) {
    if (!(await permissions.findOne({ where: { action, role: role.id } }))) {
      await permissions.create({ data: { action, role: role.id } });
    }
  }
};

const createAdminUser = async (strapi: Core.Strapi) => {
  const admins = strapi.service('admin::user') as any;
  if ((await admins.count()) > 0) return;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await admins.create({
    email: 'admin@northwind.example',
    firstname: 'Ada',
    lastname: 'Editor',
    password: DEMO_PASSWORD,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
};

/**
 * The roles' permissions (README "Permissions"), granted once, on the first start: afterwards
 * they are the administrators' to change in the admin panel.
 */
export const seedPermissions = async (strapi: Core.Strapi) => {
  const store = strapi.store({ type: 'core', name: 'demo' });
  if (await store.get({ key: 'permissions-seeded' })) return;
  await strapi.db.transaction(async () => {
    await grant(strapi, 'authenticated', EMPLOYEE_PERMISSIONS);
    await grant(strapi, 'extranet', EXTRANET_PERMISSIONS);
    await store.set({ key: 'permissions-seeded', value: true });
  });
};

/** The demo company of the README. Runs once, on an empty database. */
export const seedDemo = async (strapi: Core.Strapi) => {
  if ((await strapi.db.query('plugin::users-permissions.user').count()) > 0) return;
  strapi.log.info('[seed] creating the Northwind demo intranet and extranet');

  await strapi.db.transaction(async () => {
    await createAdminUser(strapi);

    const roles = strapi.db.query('plugin::users-permissions.role');
    const employeeRole = await roles.findOne({ where: { type: 'authenticated' } });
    const extranetRole = await roles.findOne({ where: { type: 'extranet' } });
    const groups = await strapi.db.query('plugin::extranet.access-group').findMany({});
    const groupId = (key: string) => groups.find((g: any) => g.key === key).id;

    const users: Record<string, any> = {};
    for (const person of PEOPLE) {
      users[person.key] = await strapi.plugin('users-permissions').service('user').add({
        username: person.email.split('@')[0],
        email: person.email,
        password: DEMO_PASSWORD,
        provider: 'local',
        confirmed: true,
        blocked: false,
        role: person.external ? extranetRole.id : employeeRole.id,
        firstname: person.firstname,
        lastname: person.lastname,
        company: person.company,
        position: person.position,
        visibleToAllExtranet: !!person.visibleToAllExtranet,
        extranetGroups: person.groups.map(groupId),
      });
    }

    const topics: Record<string, any> = {};
    for (const topic of TOPICS) {
      topics[topic.name] = await strapi.documents('plugin::extranet.topic').create({ data: topic });
    }

    const now = new Date().toISOString();
    for (const wg of WORKGROUPS) {
      const workgroup = await strapi.documents('plugin::extranet.workgroup').create({
        data: {
          name: wg.name,
          description: wg.description,
          topic: topics[wg.topic].documentId,
          extranet: wg.extranet,
          owner: users[wg.owner].id,
        } as any,
      });
      const members: Array<[string, string]> = [[wg.owner, 'owner'], ...Object.entries(wg.members)];
      for (const [who, role] of members) {
        await strapi.documents('plugin::extranet.membership').create({
          data: { workgroup: workgroup.documentId, user: users[who].id, role, status: 'active', joinedAt: now } as any,
        });
      }
      const site = { extranet: wg.extranet, workgroup: workgroup.documentId };
      await strapi.documents('api::document.document').create({ data: { title: `${wg.name}: project charter`, body: `Scope and contacts of ${wg.name}.`, ...site } as any });
      await strapi.documents('api::task.task').create({ data: { title: `${wg.name}: weekly review`, status: 'open', assignee: users[wg.owner].id, ...site } as any });
      await strapi.documents('api::event.event').create({ data: { title: `${wg.name}: kick-off`, startsAt: now, ...site } as any });
      await strapi.documents('api::post.post').create({ data: { title: `Welcome to ${wg.name}`, body: 'Introduce yourself here.', ...site } as any, status: 'published' });
    }

    // Site-level content: for every extranet user, and for employees only.
    await strapi.documents('api::document.document').create({ data: { title: 'Extranet guide for partners', body: 'How we work with partners.', extranet: true } as any });
    await strapi.documents('api::document.document').create({ data: { title: 'Holiday policy', body: 'Internal HR policy.', extranet: false } as any });
    await strapi.documents('api::announcement.announcement').create({ data: { title: 'Canteen closed on Friday', body: 'Internal announcement.' } });
    await strapi.documents('api::announcement.announcement').create({ data: { title: 'Quarterly results', body: 'Internal, not for partners.' } });
    await strapi.documents('api::ticket.ticket').create({ data: { subject: 'Cannot open the delivery plan', body: 'The PDF will not open.', status: 'open', extranet: true, author: users.paula.id } as any });
    await strapi.documents('api::ticket.ticket').create({ data: { subject: 'Laptop replacement', body: 'Battery is dying.', status: 'open', extranet: false, author: users.ian.id } as any });
  });
};
