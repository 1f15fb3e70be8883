import * as React from 'react';
import {
  Badge,
  Button,
  EmptyStateLayout,
  Flex,
  IconButton,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Check, Trash } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { Member, WorkgroupRole } from '../../../shared/contracts';
import { useExtranetApi, useLoader } from '../services/api';
import { useNotifyError, useNotifySuccess } from '../services/errors';
import { personName, useT } from '../utils/useT';
import { ConfirmItemAction } from './ConfirmAction';
import { TableHead } from './TableHead';

/** A workgroup's members (SPEC §9): change role, remove, confirm requests. */
export const MembersTab = ({
  workgroupId,
  canManage,
  onChange,
}: {
  workgroupId: string;
  canManage: boolean;
  onChange: () => void;
}) => {
  const t = useT();
  const { formatDate } = useIntl();
  const api = useExtranetApi();
  const notifyError = useNotifyError();
  const notifySuccess = useNotifySuccess();
  const members = useLoader(() => api.members.list(workgroupId), [workgroupId]);
  const [removing, setRemoving] = React.useState<Member | null>(null);

  const run = async (action: () => Promise<unknown>, success: [string, string, Record<string, string>]) => {
    try {
      await action();
      notifySuccess(...success);
      members.reload();
      onChange();
    } catch (error) {
      notifyError(error);
      members.reload();
    }
  };

  const roles: Record<WorkgroupRole, string> = {
    owner: t('role.owner', 'Owner'),
    moderator: t('role.moderator', 'Moderator'),
    member: t('role.member', 'Member'),
  };
  const statuses: Record<Member['status'], string> = {
    active: t('status.active', 'Active'),
    requested: t('status.requested', 'Requested'),
    invited: t('status.invited', 'Invited'),
    suspended: t('status.suspended', 'Suspended'),
  };
  const date = (value: string | null) => (value ? formatDate(value, { dateStyle: 'medium' }) : '—');
  const rows = members.data?.data ?? [];
  if (!members.isLoading && rows.length === 0)
    return <EmptyStateLayout content={t('members.empty', 'No members yet.')} />;

  return (
    <>
      <Table colCount={8} rowCount={rows.length + 1} aria-label={t('members.title', 'Members')}>
        <TableHead
          labels={[
            t('members.column.name', 'Name'),
            t('members.column.company', 'Company'),
            t('members.column.kind', 'Kind'),
            t('members.column.role', 'Role'),
            t('members.column.status', 'Status'),
            t('members.column.joined', 'Joined'),
            t('members.column.expires', 'Expires'),
            t('members.column.actions', 'Actions'),
          ]}
        />
        <Tbody>
          {rows.map((member) => {
            const name = personName(member.user);
            return (
              <Tr key={member.user.id}>
                <Td>
                  <Typography fontWeight="bold">{name}</Typography>
                </Td>
                <Td>
                  <Typography>{member.user.company ?? '—'}</Typography>
                </Td>
                <Td>
                  <Badge active={member.user.kind === 'external'}>
                    {member.user.kind === 'external'
                      ? t('kind.external', 'Partner')
                      : t('kind.employee', 'Employee')}
                  </Badge>
                </Td>
                <Td>
                  {canManage && member.status === 'active' ? (
                    <SingleSelect
                      aria-label={t('members.role.label', 'Role of {name}', { name })}
                      size="S"
                      value={member.role}
                      onChange={(role) =>
                        run(
                          () => api.members.setRole(workgroupId, member.user.id, role as WorkgroupRole),
                          [
                            'members.role.changed',
                            '{name} is now {role}',
                            { name, role: roles[role as WorkgroupRole] },
                          ],
                        )
                      }
                    >
                      {(Object.keys(roles) as WorkgroupRole[]).map((role) => (
                        <SingleSelectOption key={role} value={role}>
                          {roles[role]}
                        </SingleSelectOption>
                      ))}
                    </SingleSelect>
                  ) : (
                    <Typography>{roles[member.role]}</Typography>
                  )}
                </Td>
                <Td>
                  <Typography>{statuses[member.status]}</Typography>
                </Td>
                <Td>
                  <Typography>{date(member.joinedAt)}</Typography>
                </Td>
                <Td>
                  <Typography>{date(member.expiresAt)}</Typography>
                </Td>
                <Td>
                  {canManage ? (
                    <Flex gap={1}>
                      {member.status === 'requested' ? (
                        <Button
                          size="S"
                          variant="secondary"
                          startIcon={<Check />}
                          onClick={() =>
                            run(
                              () => api.members.confirm(workgroupId, member.user.id),
                              ['members.confirmed', '{name} is now a member', { name }],
                            )
                          }
                        >
                          {t('members.confirm', 'Confirm')}
                        </Button>
                      ) : null}
                      <IconButton
                        label={t('members.remove.label', 'Remove {name}', { name })}
                        variant="ghost"
                        onClick={() => setRemoving(member)}
                      >
                        <Trash />
                      </IconButton>
                    </Flex>
                  ) : null}
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      <ConfirmItemAction
        item={removing}
        onClose={() => setRemoving(null)}
        onConfirm={async (member) => {
          await run(
            () => api.members.remove(workgroupId, member.user.id),
            ['members.removed', '{name} was removed', { name: personName(member.user) }],
          );
        }}
      >
        {t('members.remove.confirm', 'Remove {name} from the workgroup? They lose access to it at once.', {
          name: personName(removing?.user),
        })}
      </ConfirmItemAction>
    </>
  );
};
