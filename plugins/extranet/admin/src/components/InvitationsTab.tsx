import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  EmptyStateLayout,
  Field,
  Flex,
  Grid,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Mail } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { Invitation, InvitationMail, InviteRole } from '../../../shared/contracts';
import { useExtranetApi, useLoader } from '../services/api';
import { useNotifyError, useNotifySuccess } from '../services/errors';
import { fieldErrors } from '../utils/fieldErrors';
import { personName, useT } from '../utils/useT';
import { ConfirmItemAction } from './ConfirmAction';
import { TextField } from './TextField';
import { TableHead } from './TableHead';

/** The state of an invitation's mail (SPEC §11): sent (nothing unsent), queued (with its attempts) or failed. */
const MailState = ({ mails }: { mails: InvitationMail[] | undefined }) => {
  const t = useT();
  const mail = mails?.[0];
  if (!mail) return <Typography textColor="neutral600">{t('invitations.mail.sent', 'Sent')}</Typography>;
  if (mail.status === 'failed') {
    return (
      <Flex direction="column" alignItems="flex-start" gap={1}>
        <Badge backgroundColor="danger100" textColor="danger700">
          {t('invitations.mail.failed', 'Failed')}
        </Badge>
        {mail.lastError ? (
          <Typography variant="pi" textColor="neutral600">
            {mail.lastError}
          </Typography>
        ) : null}
      </Flex>
    );
  }
  return (
    <Flex direction="column" alignItems="flex-start" gap={1}>
      <Badge backgroundColor="warning100" textColor="warning700">
        {t('invitations.mail.queued', 'Queued')}
      </Badge>
      {mail.attempts > 0 ? (
        <Typography variant="pi" textColor="neutral600">
          {t('invitations.mail.attempts', '{count} attempt(s); {error}', {
            count: mail.attempts,
            error: mail.lastError ?? '',
          })}
        </Typography>
      ) : null}
    </Flex>
  );
};

/** Pending invitations (SPEC §9): invite by e-mail with a role and a message, cancel, resend. */
export const InvitationsTab = ({
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
  const invitations = useLoader(() => api.invitations.list(workgroupId), [workgroupId]);
  const [form, setForm] = React.useState({ email: '', role: 'member' as InviteRole, message: '' });
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [sending, setSending] = React.useState(false);
  const [cancelling, setCancelling] = React.useState<Invitation | null>(null);

  const changed = () => {
    invitations.reload();
    onChange();
  };

  const invite = async (event: React.FormEvent) => {
    event.preventDefault();
    setSending(true);
    try {
      const result = await api.invitations.create(workgroupId, {
        email: form.email,
        role: form.role,
        message: form.message || null,
      });
      if (result.meta.outcome === 'added')
        notifySuccess('invitations.added', '{email} is an employee: added to the workgroup', {
          email: form.email,
        });
      else
        notifySuccess('invitations.queued', 'Invitation to {email} queued for sending', {
          email: form.email,
        });
      setForm({ email: '', role: 'member', message: '' });
      setErrors({});
      changed();
    } catch (error) {
      setErrors(fieldErrors(error));
      notifyError(error);
    } finally {
      setSending(false);
    }
  };

  const act = async (action: () => Promise<unknown>, id: string, message: string, email: string) => {
    try {
      await action();
      notifySuccess(id, message, { email });
      changed();
    } catch (error) {
      notifyError(error);
    }
  };

  const roles: Record<InviteRole, string> = {
    member: t('role.member', 'Member'),
    moderator: t('role.moderator', 'Moderator'),
  };
  const rows = invitations.data?.data ?? [];
  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      {canManage ? (
        <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
          <form onSubmit={invite} noValidate aria-label={t('invitations.form', 'Invite by e-mail')}>
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography variant="delta" tag="h2">
                {t('invitations.form', 'Invite by e-mail')}
              </Typography>
              <Grid.Root gap={4}>
                <Grid.Item col={6} s={12}>
                  <TextField
                    name="email"
                    type="email"
                    label={t('invitations.field.email', 'E-mail address')}
                    value={form.email}
                    onChange={(email) => setForm((f) => ({ ...f, email }))}
                    required
                    error={errors.email}
                  />
                </Grid.Item>
                <Grid.Item col={6} s={12}>
                  <Field.Root name="role" error={errors.role}>
                    <Field.Label>{t('invitations.field.role', 'Role')}</Field.Label>
                    <SingleSelect
                      value={form.role}
                      onChange={(role) => setForm((f) => ({ ...f, role: role as InviteRole }))}
                    >
                      <SingleSelectOption value="member">{roles.member}</SingleSelectOption>
                      <SingleSelectOption value="moderator">{roles.moderator}</SingleSelectOption>
                    </SingleSelect>
                    <Field.Error />
                  </Field.Root>
                </Grid.Item>
                <Grid.Item col={12}>
                  <TextField
                    name="message"
                    label={t('invitations.field.message', 'Message')}
                    value={form.message}
                    onChange={(message) => setForm((f) => ({ ...f, message }))}
                    multiline
                    error={errors.message}
                  />
                </Grid.Item>
              </Grid.Root>
              <Flex justifyContent="flex-end">
                <Button type="submit" startIcon={<Mail />} loading={sending}>
                  {t('invitations.send', 'Send invitation')}
                </Button>
              </Flex>
            </Flex>
          </form>
        </Box>
      ) : null}
      {rows.length === 0 && !invitations.isLoading ? (
        <EmptyStateLayout content={t('invitations.empty', 'No pending invitation.')} />
      ) : (
        <Table
          colCount={6}
          rowCount={rows.length + 1}
          aria-label={t('invitations.title', 'Pending invitations')}
        >
          <TableHead
            labels={[
              t('invitations.column.email', 'Address'),
              t('invitations.column.role', 'Role'),
              t('invitations.column.invitedBy', 'Invited by'),
              t('invitations.column.expires', 'Expires'),
              t('invitations.column.mail', 'Mail'),
              t('invitations.column.actions', 'Actions'),
            ]}
          />
          <Tbody>
            {rows.map((invitation) => (
              <Tr key={invitation.documentId}>
                <Td>
                  <Typography fontWeight="bold">{invitation.email}</Typography>
                </Td>
                <Td>
                  <Typography>{roles[invitation.role]}</Typography>
                </Td>
                <Td>
                  <Typography>
                    {personName(invitation.invitedByAdmin) || personName(invitation.invitedBy) || '—'}
                  </Typography>
                </Td>
                <Td>
                  <Typography>
                    {formatDate(invitation.expiresAt, { dateStyle: 'medium', timeStyle: 'short' })}
                  </Typography>
                </Td>
                <Td>
                  <MailState mails={invitation.mails} />
                </Td>
                <Td>
                  {canManage ? (
                    <Flex gap={2}>
                      <Button
                        size="S"
                        variant="secondary"
                        aria-label={t('invitations.resend.label', 'Resend the invitation to {email}', {
                          email: invitation.email,
                        })}
                        onClick={() =>
                          act(
                            () => api.invitations.resend(invitation.documentId),
                            'invitations.resent',
                            'Invitation sent again to {email}',
                            invitation.email,
                          )
                        }
                      >
                        {t('invitations.resend', 'Resend')}
                      </Button>
                      <Button
                        size="S"
                        variant="danger-light"
                        aria-label={t('invitations.cancel.label', 'Cancel the invitation to {email}', {
                          email: invitation.email,
                        })}
                        onClick={() => setCancelling(invitation)}
                      >
                        {t('invitations.cancel', 'Cancel')}
                      </Button>
                    </Flex>
                  ) : null}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <ConfirmItemAction
        item={cancelling}
        onClose={() => setCancelling(null)}
        onConfirm={async (invitation) => {
          await act(
            () => api.invitations.cancel(invitation.documentId),
            'invitations.cancelled',
            'The invitation to {email} was cancelled',
            invitation.email,
          );
        }}
      >
        {t(
          'invitations.cancel.confirm',
          'Cancel the invitation to {email}? Its link stops working at once.',
          { email: cancelling?.email ?? '' },
        )}
      </ConfirmItemAction>
    </Flex>
  );
};
