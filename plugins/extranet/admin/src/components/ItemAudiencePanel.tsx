import { Flex, Typography } from '@strapi/design-system';
import { useRBAC } from '@strapi/strapi/admin';
import type { PanelComponent } from '@strapi/content-manager/strapi-admin';
import { PERMISSIONS } from '../constants';
import { useExtranetApi, useLoader } from '../services/api';
import { useT } from '../utils/useT';

const Line = ({ label, value }: { label: string; value: string | number }) => (
  <Flex justifyContent="space-between" gap={2} width="100%" role="group" aria-label={label}>
    <Typography variant="omega" textColor="neutral600">
      {label}
    </Typography>
    <Typography variant="omega" fontWeight="bold">
      {value}
    </Typography>
  </Flex>
);

/**
 * The content manager's Extranet side panel (SPEC §9): the site flag, the workgroup and how many
 * employees and partners can read the item, as the access rule counts them. Only for types under
 * the plugin's control (the API answers 404 for the others) and editors holding workgroups-read.
 */
export const ItemAudiencePanel: PanelComponent = ({ model, documentId, document }) => {
  const t = useT();
  const api = useExtranetApi();
  const { allowedActions } = useRBAC(PERMISSIONS.main);
  const enabled = !!documentId && documentId !== 'create' && allowedActions.canWorkgroupsRead;
  const audience = useLoader(
    () => (enabled ? api.items.audience(model, documentId!).then((r) => r.data) : Promise.resolve(null)),
    [enabled, model, documentId, document?.updatedAt],
  );
  const data = audience.data;
  if (!enabled || !data) return null;
  return {
    title: t('panel.title', 'Extranet'),
    content: (
      <Flex direction="column" alignItems="stretch" gap={2} width="100%">
        <Line
          label={t('panel.site', 'Site')}
          value={data.extranet ? t('site.extranet', 'Extranet') : t('site.intranet', 'Intranet')}
        />
        {data.mode === 'workgroup' ? (
          <Line
            label={t('panel.workgroup', 'Workgroup')}
            value={
              data.workgroup?.name ??
              (data.extranet
                ? t('panel.workgroup.site', 'Whole extranet')
                : t('panel.workgroup.none', 'None'))
            }
          />
        ) : null}
        <Line label={t('panel.employees', 'Employees who can read it')} value={data.readers.employees} />
        <Line label={t('panel.partners', 'Partners who can read it')} value={data.readers.partners} />
      </Flex>
    ),
  };
};
