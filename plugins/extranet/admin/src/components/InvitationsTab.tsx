import * as React from 'react';
import {
  Badge,
  Box,
  Button,
  Flex,
  Grid,
  SingleSelect,
  SingleSelectOption,
  Typography,
} from '@strapi/design-system';
import { Mail } from '@strapi/icons';
import { useIntl } from 'react-intl';
import type { CreateInvitation, Invitation, InvitationMail, InviteRole } from '../../../shared/contracts';
import { inviteSchema } from '../../../shared/validation-schemas';
import { useExtranetApi, useLoader } from '../services/api';
import { useNotifySuccess } from '../services/errors';
import { useAction } from '../utils/useAction';
import { formRequest, useSchemaForm } from '../utils/useSchemaForm';
import { personName, useT } from '../utils/useT';
import { ConfirmItemAction } from './ConfirmAction';
import { DataTable } from './DataTable';
import { FormField } from './FormField';
import { TextField } from './TextField';
import type { WorkgroupTabProps } from './types';

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

interface InviteForm {
  email: string;
  role: InviteRole;
  message: string;
}
const BLANK: InviteForm = { email: '', role: 'member', message: '' };

/** Pending invitations (SPEC §9): invite by e-mail with a role and a message, cancel, resend. */
export const InvitationsTab = ({ workgroup, canManage, onChange }: WorkgroupTabProps) => {
  const t = useT();
  const { formatDate } = useIntl();
  const api = useExtranetApi();
  const notifySuccess = useNotifySuccess();
  const run = useAction();
  const workgroupId = workgroup.documentId;
  const invitations = useLoader(() => api.invitations.list(workgroupId), [workgroupId]);
  const form = useSchemaForm<InviteForm>(BLANK);
  const [cancelling, setCancelling] = React.useState<Invitation | null>(null);

  const changed = () => {
    invitations.reload();
    onChange();
  };

  const invite = async () => {
    const { email, role, message } = form.values;
    const sent = await form.submit(
      formRequest<CreateInvitation.Request['body']>(
        inviteSchema,
        { email, role, message: message || null },
        async (body) => {
          const result = await api.invitations.create(workgroupId, body);
          if (result.meta.outcome === 'added')
            notifySuccess('invitations.added', '{email} is an employee: added to the workgroup', { email });
          else notifySuccess('invitations.queued', 'Invitation to {email} queued for sending', { email });
        },
      ),
    );
    if (!sent) return;
    form.reset(BLANK);
    changed();
  };

  const act = (action: () => Promise<unknown>, id: string, message: string, email: string) =>
    run(action, [id, message, { email }]).then((done) => done && changed());

  const roles: Record<InviteRole, string> = {
    member: t('role.member', 'Member'),
    moderator: t('role.moderator', 'Moderator'),
  };
  const actionsCell = (invitation: Invitation) =>
    canManage ? (
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
    ) : null;
  return (
    <Flex direction="column" alignItems="stretch" gap={6}>
      {canManage ? (
        <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              invite();
            }}
            noValidate
            aria-label={t('invitations.form', 'Invite by e-mail')}
          >
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Typography variant="delta" tag="h2">
                {t('invitations.form', 'Invite by e-mail')}
              </Typography>
              <Grid.Root gap={4}>
                <Grid.Item col={6} s={12}>
                  <TextField
                    {...form.field('email')}
                    type="email"
                    label={t('invitations.field.email', 'E-mail address')}
                    required
                  />
                </Grid.Item>
                <Grid.Item col={6} s={12}>
                  <FormField name="role" label={t('invitations.field.role', 'Role')} error={form.errors.role}>
                    <SingleSelect
                      value={form.values.role}
                      onChange={(role) => form.set('role')(role as InviteRole)}
                    >
                      <SingleSelectOption value="member">{roles.member}</SingleSelectOption>
                      <SingleSelectOption value="moderator">{roles.moderator}</SingleSelectOption>
                    </SingleSelect>
                  </FormField>
                </Grid.Item>
                <Grid.Item col={12}>
                  <TextField
                    {...form.field('message')}
                    label={t('invitations.field.message', 'Message')}
                    multiline
                  />
                </Grid.Item>
              </Grid.Root>
              <Flex justifyContent="flex-end">
                <Button type="submit" startIcon={<Mail />} loading={form.submitting}>
                  {t('invitations.send', 'Send invitation')}
                </Button>
              </Flex>
            </Flex>
          </form>
        </Box>
      ) : null}
      <DataTable
        label={t('invitations.title', 'Pending invitations')}
        rows={invitations.data?.data ?? []}
        rowKey={(invitation) => invitation.documentId}
        isLoading={invitations.isLoading}
        empty={t('invitations.empty', 'No pending invitation.')}
        columns={[
          {
            label: t('invitations.column.email', 'Address'),
            bold: true,
            cell: (invitation) => invitation.email,
          },
          { label: t('invitations.column.role', 'Role'), cell: (invitation) => roles[invitation.role] },
          {
            label: t('invitations.column.invitedBy', 'Invited by'),
            cell: (invitation) =>
              personName(invitation.invitedByAdmin) || personName(invitation.invitedBy) || '—',
          },
          {
            label: t('invitations.column.expires', 'Expires'),
            cell: (invitation) =>
              formatDate(invitation.expiresAt, { dateStyle: 'medium', timeStyle: 'short' }),
          },
          {
            label: t('invitations.column.mail', 'Mail'),
            cell: (invitation) => <MailState mails={invitation.mails} />,
          },
          { label: t('invitations.column.actions', 'Actions'), cell: actionsCell },
        ]}
      />
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
