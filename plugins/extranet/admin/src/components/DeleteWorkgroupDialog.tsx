import type { Workgroup } from '../../../shared/contracts';
import { useExtranetApi } from '../services/api';
import { useAction } from '../utils/useAction';
import { useT } from '../utils/useT';
import { ConfirmItemAction } from './ConfirmAction';

/** Archive / unarchive and delete a workgroup (SPEC §9), the same from the list and from its page. */
export const useWorkgroupActions = () => {
  const api = useExtranetApi();
  const run = useAction();
  return {
    toggleArchived: (workgroup: Workgroup) =>
      run(
        () => api.workgroups.archive(workgroup.documentId, !workgroup.archived),
        workgroup.archived
          ? ['workgroup.unarchived', '{name} is active again', { name: workgroup.name }]
          : ['workgroup.archived.done', '{name} is archived', { name: workgroup.name }],
      ),
    remove: (workgroup: Workgroup) =>
      run(
        () => api.workgroups.remove(workgroup.documentId),
        ['workgroup.deleted', '{name} was deleted', { name: workgroup.name }],
      ),
  };
};

/** The confirmation of a workgroup's deletion, saying what goes with it; open while `workgroup` is set. */
export const DeleteWorkgroupDialog = ({
  workgroup,
  onClose,
  onDeleted,
}: {
  workgroup: Workgroup | null;
  onClose: () => void;
  onDeleted: () => void;
}) => {
  const t = useT();
  const { remove } = useWorkgroupActions();
  return (
    <ConfirmItemAction
      item={workgroup}
      onClose={onClose}
      onConfirm={async (deleted) => {
        if (await remove(deleted)) onDeleted();
      }}
    >
      {t(
        'workgroup.delete.confirm',
        'Delete {name}? Its {members, plural, one {# membership} other {# memberships}}, its invitations ({invitations} pending), its activity and every item bound to it are removed for good.',
        {
          name: workgroup?.name ?? '',
          members: workgroup?.members ?? 0,
          invitations: workgroup?.pendingInvitations ?? 0,
        },
      )}
    </ConfirmItemAction>
  );
};
