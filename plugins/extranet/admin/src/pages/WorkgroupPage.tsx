import * as React from 'react';
import { Button, Flex, Tabs, Typography } from '@strapi/design-system';
import { Archive, Pencil, Trash } from '@strapi/icons';
import { BackButton, Page, useRBAC } from '@strapi/strapi/admin';
import { useNavigate, useParams } from 'react-router-dom';
import { ActivityTab } from '../components/ActivityTab';
import { DeleteWorkgroupDialog, useWorkgroupActions } from '../components/DeleteWorkgroupDialog';
import { InvitationsTab } from '../components/InvitationsTab';
import { ManagersTab } from '../components/ManagersTab';
import { PageLayout } from '../components/PageLayout';
import { MembersTab } from '../components/MembersTab';
import { SiteBadge } from '../components/SiteBadge';
import { ViewAsButton } from '../components/ViewAsButton';
import { WorkgroupFormModal } from '../components/WorkgroupFormModal';
import { PERMISSIONS } from '../constants';
import { useExtranetApi, useLoader } from '../services/api';
import { personName, useT } from '../utils/useT';

/** SPEC §9 "A workgroup": members, pending invitations, managers, activity. */
export const WorkgroupPage = () => {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const api = useExtranetApi();
  const actions = useWorkgroupActions();
  const loaded = useLoader(() => api.workgroups.get(id), [id]);
  const topics = useLoader(() => api.topics.list(), []);
  const governance = useRBAC(PERMISSIONS.governance);
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

  const toggleArchived = () => actions.toggleArchived(workgroup).then((done) => done && changed());

  return (
    <PageLayout
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
        canManage || governance.allowedActions.canGovernanceRead ? (
          <Flex gap={2}>
            {governance.allowedActions.canGovernanceRead ? (
              <ViewAsButton workgroupId={workgroup.documentId} />
            ) : null}
            {live ? (
              <Button variant="secondary" startIcon={<Pencil />} onClick={() => setEditing(true)}>
                {t('workgroup.edit', 'Edit')}
              </Button>
            ) : null}
            {canManage ? (
              <>
                <Button variant="secondary" startIcon={<Archive />} onClick={toggleArchived}>
                  {workgroup.archived
                    ? t('workgroup.unarchive', 'Unarchive')
                    : t('workgroup.archive', 'Archive')}
                </Button>
                <Button variant="danger-light" startIcon={<Trash />} onClick={() => setDeleting(true)}>
                  {t('workgroup.delete', 'Delete')}
                </Button>
              </>
            ) : null}
          </Flex>
        ) : null
      }
    >
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
          <MembersTab key={version} workgroup={workgroup} canManage={live} onChange={changed} />
        </Tabs.Content>
        <Tabs.Content value="invitations">
          <InvitationsTab workgroup={workgroup} canManage={live} onChange={changed} />
        </Tabs.Content>
        <Tabs.Content value="managers">
          <ManagersTab workgroup={workgroup} canManage={canManage} onChange={changed} />
        </Tabs.Content>
        <Tabs.Content value="activity">
          <ActivityTab workgroupId={workgroup.documentId} version={version} />
        </Tabs.Content>
      </Tabs.Root>
      <WorkgroupFormModal
        open={editing}
        onOpenChange={setEditing}
        workgroup={workgroup}
        topics={topics.data?.data ?? []}
        onSaved={changed}
      />
      <DeleteWorkgroupDialog
        workgroup={deleting ? workgroup : null}
        onClose={() => setDeleting(false)}
        onDeleted={() => navigate('..', { relative: 'path' })}
      />
    </PageLayout>
  );
};
