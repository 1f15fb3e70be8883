import * as React from 'react';
import { Button, Flex, Tabs, Typography } from '@strapi/design-system';
import { Archive, Pencil, Trash } from '@strapi/icons';
import { BackButton, Layouts, Page } from '@strapi/strapi/admin';
import { useNavigate, useParams } from 'react-router-dom';
import { ActivityTab } from '../components/ActivityTab';
import { ConfirmAction } from '../components/ConfirmAction';
import { InvitationsTab } from '../components/InvitationsTab';
import { ManagersTab } from '../components/ManagersTab';
import { MembersTab } from '../components/MembersTab';
import { SiteBadge } from '../components/SiteBadge';
import { WorkgroupFormModal } from '../components/WorkgroupFormModal';
import { useExtranetApi, useLoader } from '../services/api';
import { useNotifyError, useNotifySuccess } from '../services/errors';
import { personName, useT } from '../utils/useT';

/** SPEC §9 "A workgroup": members, pending invitations, managers, activity. */
export const WorkgroupPage = () => {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const api = useExtranetApi();
  const notifyError = useNotifyError();
  const notifySuccess = useNotifySuccess();
  const loaded = useLoader(() => api.workgroups.get(id), [id]);
  const topics = useLoader(() => api.topics.list(), []);
  const [editing, setEditing] = React.useState(false);
  const [deleting, setDeleting] = React.useState(false);
  const [version, setVersion] = React.useState(0);
  const changed = () => {
    loaded.reload();
    setVersion((v) => v + 1);
  };

  if (loaded.isLoading && !loaded.data) return <Page.Loading />;
  if (loaded.error || !loaded.data) return <Page.Error />;
  const workgroup = loaded.data.data;
  const canManage = loaded.data.meta.canManage;
  const live = canManage && !workgroup.archived;

  const toggleArchived = async () => {
    try {
      await api.workgroups.archive(workgroup.documentId, !workgroup.archived);
      notifySuccess(
        workgroup.archived ? 'workgroup.unarchived' : 'workgroup.archived.done',
        workgroup.archived ? '{name} is active again' : '{name} is archived',
        { name: workgroup.name },
      );
      changed();
    } catch (error) {
      notifyError(error);
    }
  };

  const remove = async () => {
    try {
      await api.workgroups.remove(workgroup.documentId);
      notifySuccess('workgroup.deleted', '{name} was deleted', { name: workgroup.name });
      navigate('..', { relative: 'path' });
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Page.Main>
      <Page.Title>{workgroup.name}</Page.Title>
      <Layouts.Header
        navigationAction={<BackButton />}
        title={workgroup.name}
        subtitle={
          <Flex gap={2} paddingTop={1}>
            <SiteBadge extranet={workgroup.extranet} archived={workgroup.archived} />
            <Typography textColor="neutral600">
              {t(
                'workgroup.subtitle',
                '{topic} · owner: {owner} · {members, plural, one {# member} other {# members}}',
                {
                  topic: workgroup.topic?.name ?? '—',
                  owner: personName(workgroup.owner) || '—',
                  members: workgroup.members,
                },
              )}
            </Typography>
          </Flex>
        }
        primaryAction={
          canManage ? (
            <Flex gap={2}>
              {live ? (
                <Button variant="secondary" startIcon={<Pencil />} onClick={() => setEditing(true)}>
                  {t('workgroup.edit', 'Edit')}
                </Button>
              ) : null}
              <Button variant="secondary" startIcon={<Archive />} onClick={toggleArchived}>
                {workgroup.archived
                  ? t('workgroup.unarchive', 'Unarchive')
                  : t('workgroup.archive', 'Archive')}
              </Button>
              <Button variant="danger-light" startIcon={<Trash />} onClick={() => setDeleting(true)}>
                {t('workgroup.delete', 'Delete')}
              </Button>
            </Flex>
          ) : null
        }
      />
      <Layouts.Content>
        {workgroup.description ? (
          <Typography tag="p" paddingBottom={4}>
            {workgroup.description}
          </Typography>
        ) : null}
        <Tabs.Root defaultValue="members">
          <Tabs.List aria-label={t('workgroup.tabs', 'Workgroup details')}>
            <Tabs.Trigger value="members">{t('members.title', 'Members')}</Tabs.Trigger>
            <Tabs.Trigger value="invitations">{t('invitations.title', 'Pending invitations')}</Tabs.Trigger>
            <Tabs.Trigger value="managers">{t('managers.title', 'Managers')}</Tabs.Trigger>
            <Tabs.Trigger value="activity">{t('activity.title', 'Activity')}</Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="members">
            <MembersTab
              key={version}
              workgroupId={workgroup.documentId}
              canManage={live}
              onChange={changed}
            />
          </Tabs.Content>
          <Tabs.Content value="invitations">
            <InvitationsTab workgroupId={workgroup.documentId} canManage={live} onChange={changed} />
          </Tabs.Content>
          <Tabs.Content value="managers">
            <ManagersTab workgroup={workgroup} canManage={canManage} onChange={changed} />
          </Tabs.Content>
          <Tabs.Content value="activity">
            <ActivityTab workgroupId={workgroup.documentId} version={version} />
          </Tabs.Content>
        </Tabs.Root>
      </Layouts.Content>
      <WorkgroupFormModal
        open={editing}
        onOpenChange={setEditing}
        workgroup={workgroup}
        topics={topics.data?.data ?? []}
        onSaved={changed}
      />
      <ConfirmAction open={deleting} onOpenChange={setDeleting} onConfirm={remove}>
        {t(
          'workgroup.delete.confirm',
          'Delete {name}? Its {members, plural, one {# membership} other {# memberships}}, its invitations ({invitations} pending), its activity and every item bound to it are removed for good.',
          { name: workgroup.name, members: workgroup.members, invitations: workgroup.pendingInvitations },
        )}
      </ConfirmAction>
    </Page.Main>
  );
};
