/**
 * Content editors (Strapi admin users) are limited by RBAC, not by the extranet rule: these
 * conditions let an admin role reach only the rows of the workgroups its users manage.
 */
import type { Core } from '@strapi/strapi';

export const rbacConditions = [
  {
    displayName: "Member of the item's workgroup",
    name: 'workgroup-member',
    plugin: 'extranet',
    category: 'Extranet',
    handler: (adminUser: { id: number }) => ({ 'workgroup.managers.id': { $eq: adminUser.id } }),
  },
  {
    displayName: 'Manager of the workgroup',
    name: 'workgroup-manager',
    plugin: 'extranet',
    category: 'Extranet',
    handler: (adminUser: { id: number }) => ({ 'managers.id': { $eq: adminUser.id } }),
  },
];

export const registerRbacConditions = async (strapi: Core.Strapi) => {
  const { conditionProvider: provider } = strapi.service('admin::permission') as any;
  for (const condition of rbacConditions) {
    if (!provider.has(`plugin::extranet.${condition.name}`)) provider.register(condition);
  }
};
