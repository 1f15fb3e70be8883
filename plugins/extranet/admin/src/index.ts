import { Earth } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';
import { ItemAudiencePanel } from './components/ItemAudiencePanel';
import { PERMISSIONS } from './constants';
import { pluginId } from './pluginId';
import { prefixPluginTranslations } from './utils/getTranslation';

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${pluginId}`,
      icon: Earth,
      intlLabel: { id: `${pluginId}.plugin.name`, defaultMessage: 'Extranet' },
      // Hides the link only: the pages guard themselves with Page.Protect.
      permissions: PERMISSIONS.main,
      Component: () => import('./pages/App'),
    });
    app.registerPlugin({ id: pluginId, name: pluginId });
  },

  bootstrap(app: StrapiApp) {
    // The content manager's own API, as content-releases reaches it (its type is not exported).
    const apis = app.getPlugin('content-manager')?.apis;
    if (apis && typeof apis.addEditViewSidePanel === 'function')
      apis.addEditViewSidePanel([ItemAudiencePanel]);
  },

  async registerTrads({ locales }: { locales: string[] }) {
    return Promise.all(
      locales.map(async (locale) => {
        try {
          const { default: data } = await import(`./translations/${locale}.json`);
          return { data: prefixPluginTranslations(data, pluginId), locale };
        } catch {
          return { data: {}, locale };
        }
      }),
    );
  },
};
