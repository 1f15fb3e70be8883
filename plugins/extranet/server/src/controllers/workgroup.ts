import { factories } from '@strapi/strapi';

// Reads are Strapi's own (validate, sanitize, paginate); the query engine scopes them to the caller.
export default factories.createCoreController('plugin::extranet.workgroup' as any);
