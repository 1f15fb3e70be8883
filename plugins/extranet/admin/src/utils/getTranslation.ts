import { pluginId } from '../pluginId';

/** Every message id of the plugin is prefixed by its id, as registerTrads stores them. */
export const getTranslation = (id: string) => `${pluginId}.${id}`;

export const prefixPluginTranslations = (trad: Record<string, string>, prefix: string) =>
  Object.fromEntries(Object.entries(trad).map(([key, value]) => [`${prefix}.${key}`, value]));
