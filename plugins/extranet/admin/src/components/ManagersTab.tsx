import * as React from 'react';
import { Box, Button, Checkbox, Flex, Typography } from '@strapi/design-system';
import { useExtranetApi, useLoader } from '../services/api';
import { useAction } from '../utils/useAction';
import { personName, useT } from '../utils/useT';
import type { WorkgroupTabProps } from './types';

/** The admin users who manage the workgroup ("Manager of the workgroup", SPEC §9). */
export const ManagersTab = ({ workgroup, canManage, onChange }: WorkgroupTabProps) => {
  const t = useT();
  const api = useExtranetApi();
  const run = useAction();
  const admins = useLoader(
    () => (canManage ? api.workgroups.adminUsers() : Promise.resolve({ data: workgroup.managers })),
    [canManage, workgroup],
  );
  const [selected, setSelected] = React.useState<number[]>(workgroup.managers.map((m) => m.id));
  React.useEffect(() => setSelected(workgroup.managers.map((m) => m.id)), [workgroup]);

  const save = async () => {
    if (
      await run(
        () => api.workgroups.setManagers(workgroup.documentId, selected),
        ['managers.saved', 'Managers saved'],
      )
    )
      onChange();
  };

  return (
    <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
      <Flex direction="column" alignItems="stretch" gap={4}>
        <Typography variant="omega" textColor="neutral600">
          {t(
            'managers.help',
            'Editors limited by the condition "Manager of the workgroup" see and manage only the workgroups that list them here.',
          )}
        </Typography>
        {(admins.data?.data ?? []).map((admin) => (
          <Checkbox
            key={admin.id}
            checked={selected.includes(admin.id)}
            disabled={!canManage || workgroup.archived}
            onCheckedChange={(checked) =>
              setSelected((ids) =>
                checked === true ? [...ids, admin.id] : ids.filter((id) => id !== admin.id),
              )
            }
          >
            {`${personName(admin)} <${admin.email}>`}
          </Checkbox>
        ))}
        {canManage && !workgroup.archived ? (
          <Flex justifyContent="flex-end">
            <Button onClick={save}>{t('managers.save', 'Save managers')}</Button>
          </Flex>
        ) : null}
      </Flex>
    </Box>
  );
};
