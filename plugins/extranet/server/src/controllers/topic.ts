import { factories } from '@strapi/strapi';

export default factories.createCoreController('plugin::extranet.topic' as any);
