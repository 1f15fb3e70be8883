import { factories } from '@strapi/strapi';

export default factories.createCoreService('plugin::extranet.workgroup' as any);
