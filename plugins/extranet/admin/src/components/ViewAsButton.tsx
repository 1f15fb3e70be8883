import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Flex,
  Modal,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Eye } from '@strapi/icons';
import type { GovernancePerson, ViewAsWorkgroup } from '../../../shared/contracts';
import { useExtranetApi } from '../services/api';
import { useNotifyError } from '../services/errors';
import { personName, useT } from '../utils/useT';
import { PersonPicker } from './PersonPicker';

/**
 * "View as…" on a workgroup's page (SPEC §10): pick a person and see what they would read of the
 * workgroup — the group itself and its published items per type — as their own requests would
 * (the server runs the reads under their principal and role). Each use is recorded in the activity.
 */
export const ViewAsButton = ({ workgroupId }: { workgroupId: string }) => {
  const t = useT();
  const api = useExtranetApi();
  const notifyError = useNotifyError();
  const [open, setOpen] = React.useState(false);
  const [person, setPerson] = React.useState<GovernancePerson | null>(null);
  const [view, setView] = React.useState<ViewAsWorkgroup | null>(null);

  React.useEffect(() => {
    setView(null);
    if (!open || !person) return;
    let live = true;
    api.governance.viewAsWorkgroup(workgroupId, person.id).then(
      (r) => live && setView(r.data),
      (error) => live && notifyError(error),
    );
    return () => {
      live = false;
    };
    // Refetch on a new selection only (the error handler is a new function every render).
  }, [open, person, workgroupId]);

  const name = person ? personName(person) : '';
  return (
    <Modal.Root open={open} onOpenChange={setOpen}>
      <Modal.Trigger>
        <Button variant="secondary" startIcon={<Eye />}>
          {t('viewAs.open', 'View as…')}
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>{t('viewAs.title', 'View this workgroup as someone else')}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <PersonPicker value={person} onChange={setPerson} />
            {person && view ? (
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
                  <Table
                    colCount={3}
                    rowCount={view.types.length + 1}
                    aria-label={t('viewAs.items', 'Items {name} would read', { name })}
                  >
                    <Thead>
                      <Tr>
                        <Th>
                          <Typography variant="sigma">{t('viewAs.column.type', 'Type')}</Typography>
                        </Th>
                        <Th>
                          <Typography variant="sigma">
                            {t('viewAs.column.role', 'Their role lists it')}
                          </Typography>
                        </Th>
                        <Th>
                          <Typography variant="sigma">
                            {t('viewAs.column.items', 'Items they read')}
                          </Typography>
                        </Th>
                      </Tr>
                    </Thead>
                    <Tbody>
                      {view.types.map((type) => (
                        <Tr key={type.uid}>
                          <Td>
                            <Typography fontWeight="bold">{type.displayName}</Typography>
                          </Td>
                          <Td>
                            <Badge active={type.roleAllows}>
                              {type.roleAllows ? t('viewAs.yes', 'Yes') : t('viewAs.no', 'No (403)')}
                            </Badge>
                          </Td>
                          <Td>
                            <Box>
                              <Typography>
                                {t(
                                  'viewAs.total',
                                  '{total, plural, =0 {None} one {# item} other {# items}}',
                                  { total: type.total },
                                )}
                              </Typography>
                              {type.items.length ? (
                                <Typography variant="pi" textColor="neutral600" tag="p">
                                  {type.items.map((item) => item.title ?? item.documentId).join(', ')}
                                </Typography>
                              ) : null}
                            </Box>
                          </Td>
                        </Tr>
                      ))}
                    </Tbody>
                  </Table>
                ) : null}
              </Flex>
            ) : null}
          </Flex>
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary">{t('action.close', 'Close')}</Button>
          </Modal.Close>
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
