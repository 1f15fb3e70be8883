import type { Core } from '@strapi/strapi';
import type { ExtranetConfig } from '../config';
import type { Governance } from './rule';

/** Which types the rule governs, from the plugin config (SPEC §4). */
export const governanceOf = (strapi: Core.Strapi): Governance => ({
  scoped: (strapi.config.get('plugin::extranet') as ExtranetConfig).scoped,
});
