import * as React from 'react';
import { Button, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { Check, Trash } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { Member, WorkgroupRole } from '../../../shared/contracts';
import { useExtranetApi, useLoader } from '../services/api';
import { useAction, type SuccessMessage } from '../utils/useAction';
import { personName, useT } from '../utils/useT';
import { ConfirmItemAction } from './ConfirmAction';
import { DataTable } from './DataTable';
import { KindBadge } from './KindBadge';
import { RowActions } from './RowActions';
import type { WorkgroupTabProps } from './types';

/** A workgroup's members (SPEC §9): change role, remove, confirm requests. */
export const MembersTab = ({ workgroup, canManage, onChange }: WorkgroupTabProps) => {
  const t = useT();
  const { formatDate } = useIntl();
  const api = useExtranetApi();
  const runAction = useAction();
  const workgroupId = workgroup.documentId;
  const members = useLoader(() => api.members.list(workgroupId), [workgroupId]);
  const [removing, setRemoving] = React.useState<Member | null>(null);

  /** The list is read again either way: a refused change shows what holds. */
  const run = async (action: () => Promise<unknown>, success: SuccessMessage) => {
    const done = await runAction(action, success);
    members.reload();
    if (done) onChange();
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

  const roleCell = (member: Member) => {
    if (!canManage || member.status !== 'active') return roles[member.role];
    const name = personName(member.user);
    return (
      <SingleSelect
        aria-label={t('members.role.label', 'Role of {name}', { name })}
        size="S"
        value={member.role}
        onChange={(value) => {
          const role = value as WorkgroupRole;
          return run(
            () => api.members.setRole(workgroupId, member.user.id, role),
            ['members.role.changed', '{name} is now {role}', { name, role: roles[role] }],
          );
        }}
      >
        {(Object.keys(roles) as WorkgroupRole[]).map((role) => (
          <SingleSelectOption key={role} value={role}>
            {roles[role]}
          </SingleSelectOption>
        ))}
      </SingleSelect>
    );
  };

  const actionsCell = (member: Member) => {
    if (!canManage) return null;
    const name = personName(member.user);
    const remove = {
      label: t('members.remove.label', 'Remove {name}', { name }),
      icon: <Trash />,
      onClick: () => setRemoving(member),
    };
    return (
      <RowActions actions={[remove]}>
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
      </RowActions>
    );
  };

  return (
    <>
      <DataTable
        label={t('members.title', 'Members')}
        rows={members.data?.data ?? []}
        rowKey={(member) => member.user.id}
        isLoading={members.isLoading}
        empty={t('members.empty', 'No members yet.')}
        columns={[
          { label: t('members.column.name', 'Name'), bold: true, cell: (member) => personName(member.user) },
          { label: t('members.column.company', 'Company'), cell: (member) => member.user.company ?? '—' },
          {
            label: t('members.column.kind', 'Kind'),
            cell: (member) => <KindBadge kind={member.user.kind} />,
          },
          { label: t('members.column.role', 'Role'), cell: roleCell },
          { label: t('members.column.status', 'Status'), cell: (member) => statuses[member.status] },
          { label: t('members.column.joined', 'Joined'), cell: (member) => date(member.joinedAt) },
          { label: t('members.column.expires', 'Expires'), cell: (member) => date(member.expiresAt) },
          { label: t('members.column.actions', 'Actions'), cell: actionsCell },
        ]}
      />
      <ConfirmItemAction
        item={removing}
        onClose={() => setRemoving(null)}
        onConfirm={(member) =>
          run(
            () => api.members.remove(workgroupId, member.user.id),
            ['members.removed', '{name} was removed', { name: personName(member.user) }],
          )
        }
      >
        {t('members.remove.confirm', 'Remove {name} from the workgroup? They lose access to it at once.', {
          name: personName(removing?.user),
        })}
      </ConfirmItemAction>
    </>
  );
};
