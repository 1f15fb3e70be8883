import type { Core } from '@strapi/strapi';
import type services from '../services';
import { PLUGIN } from '../constants';

type Services = typeof services;

/** The plugin's services by name, typed by their factories (`export type XService` in each file). */
export type ServiceName = keyof Services;
export type ServiceOf<Name extends ServiceName> = ReturnType<Services[Name]>;

export const getService = <Name extends ServiceName>(
  name: Name,
  { strapi }: { strapi: Core.Strapi } = { strapi: global.strapi },
): ServiceOf<Name> => strapi.plugin(PLUGIN).service(name) as ServiceOf<Name>;
