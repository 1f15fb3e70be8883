import * as React from 'react';
import { Box, Button, Checkbox, Flex, Typography } from '@strapi/design-system';
import type { SetManagers, Workgroup } from '../../../shared/contracts';
import { workgroupManagersSchema } from '../../../shared/validation-schemas';
import { useExtranetApi, useLoader } from '../services/api';
import { useNotifySuccess } from '../services/errors';
import { formRequest, useSchemaForm } from '../utils/useSchemaForm';
import { personName, useT } from '../utils/useT';
import type { WorkgroupTabProps } from './types';

type ManagersForm = SetManagers.Request['body'];
const managersOf = (workgroup: Workgroup): ManagersForm => ({
  managers: workgroup.managers.map((m) => m.id),
});

/** The admin users who manage the workgroup ("Manager of the workgroup", SPEC §9). */
export const ManagersTab = ({ workgroup, canManage, onChange }: WorkgroupTabProps) => {
  const t = useT();
  const api = useExtranetApi();
  const notifySuccess = useNotifySuccess();
  const admins = useLoader(
    () => (canManage ? api.workgroups.adminUsers() : Promise.resolve({ data: workgroup.managers })),
    [canManage, workgroup],
  );
  const form = useSchemaForm<ManagersForm>(managersOf(workgroup));
  const { reset } = form;
  React.useEffect(() => reset(managersOf(workgroup)), [workgroup, reset]);
  const selected = form.values.managers;
  const select = form.set('managers');

  const save = async () => {
    const saved = await form.submit(
      formRequest<ManagersForm>(workgroupManagersSchema, { managers: selected }, async (body) => {
        await api.workgroups.setManagers(workgroup.documentId, body.managers);
        notifySuccess('managers.saved', 'Managers saved');
      }),
    );
    if (saved) onChange();
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
              select(checked === true ? [...selected, admin.id] : selected.filter((id) => id !== admin.id))
            }
          >
            {`${personName(admin)} <${admin.email}>`}
          </Checkbox>
        ))}
        {form.errors.managers ? (
          <Typography variant="pi" textColor="danger600" role="alert">
            {form.errors.managers}
          </Typography>
        ) : null}
        {canManage && !workgroup.archived ? (
          <Flex justifyContent="flex-end">
            <Button onClick={save} loading={form.submitting}>
              {t('managers.save', 'Save managers')}
            </Button>
          </Flex>
        ) : null}
      </Flex>
    </Box>
  );
};
