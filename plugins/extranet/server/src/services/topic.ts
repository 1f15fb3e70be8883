import { factories } from '@strapi/strapi';

export default factories.createCoreService('plugin::extranet.topic' as any);
