import { Badge, Box, Button, Flex, Typography } from '@strapi/design-system';
import { Eye } from '@strapi/icons';
import type { ViewAsWorkgroup } from '../../../shared/contracts';
import { useExtranetApi } from '../services/api';
import { personName, useT } from '../utils/useT';
import { DataTable } from './DataTable';
import { PersonQuestionModal } from './PersonQuestionModal';

/**
 * "View as…" on a workgroup's page (SPEC §10): pick a person and see what they would read of the
 * workgroup — the group itself and its published items per type — as their own requests would
 * (the server runs the reads under their principal and role). Each use is recorded in the activity.
 */
export const ViewAsButton = ({ workgroupId }: { workgroupId: string }) => {
  const t = useT();
  const api = useExtranetApi();
  return (
    <PersonQuestionModal
      trigger={
        <Button variant="secondary" startIcon={<Eye />}>
          {t('viewAs.open', 'View as…')}
        </Button>
      }
      title={t('viewAs.title', 'View this workgroup as someone else')}
      ask={(person) => api.governance.viewAsWorkgroup(workgroupId, person.id).then((r) => r.data)}
      deps={[workgroupId]}
    >
      {(view, person) => <ViewAsResult view={view} name={personName(person)} />}
    </PersonQuestionModal>
  );
};

/** What the picked person reads of the workgroup. */
const ViewAsResult = ({ view, name }: { view: ViewAsWorkgroup; name: string }) => {
  const t = useT();
  return (
    <Flex
      direction="column"
      alignItems="stretch"
      gap={3}
      role="region"
      aria-label={t('viewAs.result', 'What {name} sees', { name })}
    >
      {view.user.blocked ? (
        <Typography>
          {t('viewAs.blocked', '{name} is blocked: every request of theirs is refused.', { name })}
        </Typography>
      ) : (
        <Typography>
          {view.workgroup.readable
            ? t('viewAs.readable', '{name} can read this workgroup.', { name })
            : t('viewAs.unreadable', '{name} cannot see this workgroup.', { name })}
        </Typography>
      )}
      <Typography textColor="neutral600">
        {view.membership
          ? t('viewAs.membership', 'Membership: {role}, {status}{expired}', {
              role: view.membership.role,
              status: view.membership.status,
              expired:
                view.membership.status === 'active' && !view.membership.grants
                  ? t('viewAs.expired', ' (expired)')
                  : '',
            })
          : t('viewAs.noMembership', 'Not a member of this workgroup.')}
      </Typography>
      {view.types.length ? (
        <DataTable
          label={t('viewAs.items', 'Items {name} would read', { name })}
          rows={view.types}
          rowKey={(type) => type.uid}
          isLoading={false}
          empty=""
          columns={[
            { label: t('viewAs.column.type', 'Type'), bold: true, cell: (type) => type.displayName },
            {
              label: t('viewAs.column.role', 'Their role lists it'),
              cell: (type) => (
                <Badge active={type.roleAllows}>
                  {type.roleAllows ? t('viewAs.yes', 'Yes') : t('viewAs.no', 'No (403)')}
                </Badge>
              ),
            },
            {
              label: t('viewAs.column.items', 'Items they read'),
              cell: (type) => (
                <Box>
                  <Typography>
                    {t('viewAs.total', '{total, plural, =0 {None} one {# item} other {# items}}', {
                      total: type.total,
                    })}
                  </Typography>
                  {type.items.length ? (
                    <Typography variant="pi" textColor="neutral600" tag="p">
                      {type.items.map((item) => item.title ?? item.documentId).join(', ')}
                    </Typography>
                  ) : null}
                </Box>
              ),
            },
          ]}
        />
      ) : null}
    </Flex>
  );
};
