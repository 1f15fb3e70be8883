import * as React from 'react';
import {
  Button,
  EmptyStateLayout,
  Flex,
  IconButton,
  Link,
  Searchbar,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Archive, Plus, Trash } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { NavLink, useNavigate } from 'react-router-dom';
import type { Workgroup, WorkgroupFilters } from '../../../shared/contracts';
import { ConfirmAction } from '../components/ConfirmAction';
import { SiteBadge } from '../components/SiteBadge';
import { WorkgroupFormModal } from '../components/WorkgroupFormModal';
import { PERMISSIONS } from '../constants';
import { useExtranetApi, useLoader } from '../services/api';
import { useNotifyError, useNotifySuccess } from '../services/errors';
import { personName, useT } from '../utils/useT';

/** SPEC §9 Workgroups: list with search and filters (archived hidden unless asked), create, archive, delete. */
export const WorkgroupsPage = () => {
  const t = useT();
  const api = useExtranetApi();
  const navigate = useNavigate();
  const notifyError = useNotifyError();
  const notifySuccess = useNotifySuccess();
  const { allowedActions } = useRBAC(PERMISSIONS.workgroups.manage);
  const [search, setSearch] = React.useState('');
  const [filters, setFilters] = React.useState<WorkgroupFilters>({ archived: 'false' });
  const [creating, setCreating] = React.useState(false);
  const [deleting, setDeleting] = React.useState<Workgroup | null>(null);
  const topics = useLoader(() => api.topics.list(), []);
  const list = useLoader(
    () => api.workgroups.list({ ...filters, q: search || undefined, pageSize: 100 }),
    [filters, search],
  );

  const setFilter = (key: keyof WorkgroupFilters) => (value: string | number) =>
    setFilters((f) => ({ ...f, [key]: value === '' ? undefined : String(value) }));

  const toggleArchived = async (workgroup: Workgroup) => {
    try {
      await api.workgroups.archive(workgroup.documentId, !workgroup.archived);
      notifySuccess(
        workgroup.archived ? 'workgroup.unarchived' : 'workgroup.archived.done',
        workgroup.archived ? '{name} is active again' : '{name} is archived',
        { name: workgroup.name },
      );
      list.reload();
    } catch (error) {
      notifyError(error);
    }
  };

  const remove = async () => {
    if (!deleting) return;
    try {
      await api.workgroups.remove(deleting.documentId);
      notifySuccess('workgroup.deleted', '{name} was deleted', { name: deleting.name });
      setDeleting(null);
      list.reload();
    } catch (error) {
      notifyError(error);
    }
  };

  const rows = list.data?.data ?? [];
  return (
    <Page.Main>
      <Page.Title>{t('workgroups.title', 'Workgroups')}</Page.Title>
      <Layouts.Header
        title={t('workgroups.title', 'Workgroups')}
        subtitle={t('workgroups.subtitle', '{count, plural, one {# workgroup} other {# workgroups}} found', {
          count: list.data?.meta.pagination.total ?? 0,
        })}
        primaryAction={
          allowedActions.canWorkgroupsManage ? (
            <Button startIcon={<Plus />} onClick={() => setCreating(true)}>
              {t('workgroup.create.open', 'Create workgroup')}
            </Button>
          ) : null
        }
      />
      <Layouts.Action
        startActions={
          <Flex gap={2} wrap="wrap">
            <Searchbar
              name="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              onClear={() => setSearch('')}
              clearLabel={t('workgroups.search.clear', 'Clear the search')}
              placeholder={t('workgroups.search', 'Search by name')}
            >
              {t('workgroups.search', 'Search by name')}
            </Searchbar>
            <SingleSelect
              aria-label={t('workgroups.filter.topic', 'Topic')}
              placeholder={t('workgroups.filter.topic.all', 'All topics')}
              value={filters.topic ?? ''}
              onChange={setFilter('topic')}
              onClear={() => setFilter('topic')('')}
              clearLabel={t('workgroups.filter.clear', 'Clear')}
            >
              {(topics.data?.data ?? []).map((topic) => (
                <SingleSelectOption key={topic.documentId} value={topic.documentId}>
                  {topic.name}
                </SingleSelectOption>
              ))}
            </SingleSelect>
            <SingleSelect
              aria-label={t('workgroups.filter.site', 'Site')}
              placeholder={t('workgroups.filter.site.all', 'Extranet and intranet')}
              value={filters.site ?? ''}
              onChange={setFilter('site')}
              onClear={() => setFilter('site')('')}
              clearLabel={t('workgroups.filter.clear', 'Clear')}
            >
              <SingleSelectOption value="extranet">{t('site.extranet', 'Extranet')}</SingleSelectOption>
              <SingleSelectOption value="intranet">{t('site.intranet', 'Intranet')}</SingleSelectOption>
            </SingleSelect>
            <SingleSelect
              aria-label={t('workgroups.filter.archived', 'Archived')}
              value={filters.archived ?? 'false'}
              onChange={setFilter('archived')}
            >
              <SingleSelectOption value="false">
                {t('workgroups.filter.archived.false', 'Active workgroups')}
              </SingleSelectOption>
              <SingleSelectOption value="true">
                {t('workgroups.filter.archived.true', 'Archived workgroups')}
              </SingleSelectOption>
              <SingleSelectOption value="all">
                {t('workgroups.filter.archived.all', 'Active and archived')}
              </SingleSelectOption>
            </SingleSelect>
          </Flex>
        }
      />
      <Layouts.Content>
        {list.error ? (
          <Page.Error />
        ) : rows.length === 0 && !list.isLoading ? (
          <EmptyStateLayout content={t('workgroups.empty', 'No workgroup matches these filters.')} />
        ) : (
          <Table colCount={7} rowCount={rows.length + 1}>
            <Thead>
              <Tr>
                {[
                  t('workgroups.column.name', 'Name'),
                  t('workgroups.column.topic', 'Topic'),
                  t('workgroups.column.site', 'Site'),
                  t('workgroups.column.members', 'Members'),
                  t('workgroups.column.invitations', 'Pending invitations'),
                  t('workgroups.column.owner', 'Owner'),
                ].map((label) => (
                  <Th key={label}>
                    <Typography variant="sigma">{label}</Typography>
                  </Th>
                ))}
                <Th>
                  <Typography variant="sigma">{t('workgroups.column.actions', 'Actions')}</Typography>
                </Th>
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((workgroup) => (
                <Tr
                  key={workgroup.documentId}
                  onClick={() => navigate(workgroup.documentId)}
                  style={{ cursor: 'pointer' }}
                >
                  <Td>
                    <Link
                      tag={NavLink}
                      to={workgroup.documentId}
                      onClick={(e: React.MouseEvent) => e.stopPropagation()}
                    >
                      {workgroup.name}
                    </Link>
                  </Td>
                  <Td>
                    <Typography>{workgroup.topic?.name ?? '—'}</Typography>
                  </Td>
                  <Td>
                    <SiteBadge extranet={workgroup.extranet} archived={workgroup.archived} />
                  </Td>
                  <Td>
                    <Typography>{workgroup.members}</Typography>
                  </Td>
                  <Td>
                    <Typography>{workgroup.pendingInvitations}</Typography>
                  </Td>
                  <Td>
                    <Typography>{personName(workgroup.owner) || '—'}</Typography>
                  </Td>
                  <Td onClick={(e: React.MouseEvent) => e.stopPropagation()}>
                    {allowedActions.canWorkgroupsManage ? (
                      <Flex gap={1}>
                        <IconButton
                          label={
                            workgroup.archived
                              ? t('workgroup.unarchive.label', 'Unarchive {name}', { name: workgroup.name })
                              : t('workgroup.archive.label', 'Archive {name}', { name: workgroup.name })
                          }
                          variant="ghost"
                          onClick={() => toggleArchived(workgroup)}
                        >
                          <Archive />
                        </IconButton>
                        <IconButton
                          label={t('workgroup.delete.label', 'Delete {name}', { name: workgroup.name })}
                          variant="ghost"
                          onClick={() => setDeleting(workgroup)}
                        >
                          <Trash />
                        </IconButton>
                      </Flex>
                    ) : null}
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
      <WorkgroupFormModal
        open={creating}
        onOpenChange={setCreating}
        topics={topics.data?.data ?? []}
        onSaved={(workgroup) => {
          notifySuccess('workgroup.created', '{name} was created', { name: workgroup.name });
          navigate(workgroup.documentId);
        }}
      />
      <ConfirmAction open={!!deleting} onOpenChange={(open) => !open && setDeleting(null)} onConfirm={remove}>
        {t(
          'workgroup.delete.confirm',
          'Delete {name}? Its {members, plural, one {# membership} other {# memberships}}, its invitations ({invitations} pending), its activity and every item bound to it are removed for good.',
          {
            name: deleting?.name ?? '',
            members: deleting?.members ?? 0,
            invitations: deleting?.pendingInvitations ?? 0,
          },
        )}
      </ConfirmAction>
    </Page.Main>
  );
};
