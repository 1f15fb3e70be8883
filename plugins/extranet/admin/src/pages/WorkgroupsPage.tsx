import * as React from 'react';
import { Button, Flex, Link } from '@strapi/design-system';
import { Archive, Plus, Trash } from '@strapi/icons';
import { Page, useRBAC } from '@strapi/strapi/admin';
import { NavLink, useNavigate } from 'react-router-dom';
import type { Workgroup, WorkgroupFilters } from '../../../shared/contracts';
import { DataTable } from '../components/DataTable';
import { DeleteWorkgroupDialog, useWorkgroupActions } from '../components/DeleteWorkgroupDialog';
import { FilterSelect } from '../components/FilterSelect';
import { PageLayout } from '../components/PageLayout';
import { RowActions } from '../components/RowActions';
import { SearchField } from '../components/SearchField';
import { SiteBadge } from '../components/SiteBadge';
import { WorkgroupFormModal } from '../components/WorkgroupFormModal';
import { PERMISSIONS } from '../constants';
import { useExtranetApi, useLoader } from '../services/api';
import { useNotifySuccess } from '../services/errors';
import { personName, useT } from '../utils/useT';

/** SPEC §9 Workgroups: list with search and filters (archived hidden unless asked), create, archive, delete. */
export const WorkgroupsPage = () => {
  const t = useT();
  const api = useExtranetApi();
  const navigate = useNavigate();
  const notifySuccess = useNotifySuccess();
  const { toggleArchived } = useWorkgroupActions();
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

  const setFilter = (key: keyof WorkgroupFilters) => (value: string) =>
    setFilters((f) => ({ ...f, [key]: value === '' ? undefined : value }));

  const rows = list.data?.data ?? [];
  return (
    <PageLayout
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
      filters={
        <Flex gap={2} wrap="wrap">
          <SearchField
            value={search}
            onChange={setSearch}
            label={t('workgroups.search', 'Search by name')}
            clearLabel={t('workgroups.search.clear', 'Clear the search')}
          />
          <FilterSelect
            label={t('workgroups.filter.topic', 'Topic')}
            placeholder={t('workgroups.filter.topic.all', 'All topics')}
            clearLabel={t('workgroups.filter.clear', 'Clear')}
            value={filters.topic ?? ''}
            onChange={setFilter('topic')}
            options={(topics.data?.data ?? []).map((topic): [string, string] => [
              topic.documentId,
              topic.name,
            ])}
          />
          <FilterSelect
            label={t('workgroups.filter.site', 'Site')}
            placeholder={t('workgroups.filter.site.all', 'Extranet and intranet')}
            clearLabel={t('workgroups.filter.clear', 'Clear')}
            value={filters.site ?? ''}
            onChange={setFilter('site')}
            options={[
              ['extranet', t('site.extranet', 'Extranet')],
              ['intranet', t('site.intranet', 'Intranet')],
            ]}
          />
          <FilterSelect
            label={t('workgroups.filter.archived', 'Archived')}
            value={filters.archived ?? 'false'}
            onChange={setFilter('archived')}
            options={[
              ['false', t('workgroups.filter.archived.false', 'Active workgroups')],
              ['true', t('workgroups.filter.archived.true', 'Archived workgroups')],
              ['all', t('workgroups.filter.archived.all', 'Active and archived')],
            ]}
          />
        </Flex>
      }
    >
      {list.error ? (
        <Page.Error />
      ) : (
        <DataTable
          rows={rows}
          rowKey={(workgroup) => workgroup.documentId}
          isLoading={list.isLoading}
          empty={t('workgroups.empty', 'No workgroup matches these filters.')}
          onRowClick={(workgroup) => navigate(workgroup.documentId)}
          columns={[
            {
              label: t('workgroups.column.name', 'Name'),
              cell: (workgroup) => (
                <Link
                  tag={NavLink}
                  to={workgroup.documentId}
                  onClick={(e: React.MouseEvent) => e.stopPropagation()}
                >
                  {workgroup.name}
                </Link>
              ),
            },
            {
              label: t('workgroups.column.topic', 'Topic'),
              cell: (workgroup) => workgroup.topic?.name ?? '—',
            },
            {
              label: t('workgroups.column.site', 'Site'),
              cell: (workgroup) => <SiteBadge extranet={workgroup.extranet} archived={workgroup.archived} />,
            },
            { label: t('workgroups.column.members', 'Members'), cell: (workgroup) => workgroup.members },
            {
              label: t('workgroups.column.invitations', 'Pending invitations'),
              cell: (workgroup) => workgroup.pendingInvitations,
            },
            {
              label: t('workgroups.column.owner', 'Owner'),
              cell: (workgroup) => personName(workgroup.owner) || '—',
            },
            {
              label: t('workgroups.column.actions', 'Actions'),
              controls: true,
              cell: (workgroup) =>
                allowedActions.canWorkgroupsManage ? (
                  <RowActions
                    actions={[
                      {
                        label: workgroup.archived
                          ? t('workgroup.unarchive.label', 'Unarchive {name}', { name: workgroup.name })
                          : t('workgroup.archive.label', 'Archive {name}', { name: workgroup.name }),
                        icon: <Archive />,
                        onClick: () => toggleArchived(workgroup).then((done) => done && list.reload()),
                      },
                      {
                        label: t('workgroup.delete.label', 'Delete {name}', { name: workgroup.name }),
                        icon: <Trash />,
                        onClick: () => setDeleting(workgroup),
                      },
                    ]}
                  />
                ) : null,
            },
          ]}
        />
      )}
      <WorkgroupFormModal
        open={creating}
        onOpenChange={setCreating}
        topics={topics.data?.data ?? []}
        onSaved={(workgroup) => {
          notifySuccess('workgroup.created', '{name} was created', { name: workgroup.name });
          navigate(workgroup.documentId);
        }}
      />
      <DeleteWorkgroupDialog workgroup={deleting} onClose={() => setDeleting(null)} onDeleted={list.reload} />
    </PageLayout>
  );
};
