import * as React from 'react';
import { Button } from '@strapi/design-system';
import { Pencil, Plus, Trash } from '@strapi/icons';
import { useRBAC } from '@strapi/strapi/admin';
import type { Topic } from '../../../shared/contracts';
import { ConfirmItemAction } from '../components/ConfirmAction';
import { DataTable } from '../components/DataTable';
import { PageLayout } from '../components/PageLayout';
import { RowActions } from '../components/RowActions';
import { TopicFormModal } from '../components/TopicFormModal';
import { PERMISSIONS } from '../constants';
import { useExtranetApi, useLoader } from '../services/api';
import { useNotifySuccess } from '../services/errors';
import { useAction } from '../utils/useAction';
import { useT } from '../utils/useT';

/** SPEC §9 Topics: list, create, edit, delete (a topic in use cannot be deleted: TopicInUse). */
export const TopicsPage = () => {
  const t = useT();
  const api = useExtranetApi();
  const run = useAction();
  const notifySuccess = useNotifySuccess();
  const { allowedActions } = useRBAC(PERMISSIONS.topics);
  const topics = useLoader(() => api.topics.list(), []);
  const [editing, setEditing] = React.useState<Topic | 'new' | null>(null);
  const [deleting, setDeleting] = React.useState<Topic | null>(null);
  const rows = topics.data?.data ?? [];
  const canManage = allowedActions.canTopicsManage;

  return (
    <PageLayout
      title={t('topics.title', 'Topics')}
      subtitle={t('topics.subtitle', 'Every workgroup belongs to a topic')}
      primaryAction={
        canManage ? (
          <Button startIcon={<Plus />} onClick={() => setEditing('new')}>
            {t('topic.create.open', 'Create topic')}
          </Button>
        ) : null
      }
    >
      <DataTable
        rows={rows}
        rowKey={(topic) => topic.documentId}
        isLoading={topics.isLoading}
        empty={t('topics.empty', 'No topic yet: create one before the first workgroup.')}
        columns={[
          { label: t('topics.column.name', 'Name'), bold: true, cell: (topic) => topic.name },
          { label: t('topics.column.description', 'Description'), cell: (topic) => topic.description ?? '' },
          { label: t('topics.column.sort', 'Sort order'), cell: (topic) => topic.sort },
          { label: t('topics.column.workgroups', 'Workgroups'), cell: (topic) => topic.workgroups },
          {
            label: t('topics.column.actions', 'Actions'),
            cell: (topic) =>
              canManage ? (
                <RowActions
                  actions={[
                    {
                      label: t('topic.edit.label', 'Edit {name}', { name: topic.name }),
                      icon: <Pencil />,
                      onClick: () => setEditing(topic),
                    },
                    {
                      label: t('topic.delete.label', 'Delete {name}', { name: topic.name }),
                      icon: <Trash />,
                      onClick: () => setDeleting(topic),
                    },
                  ]}
                />
              ) : null,
          },
        ]}
      />
      <TopicFormModal
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        topic={editing === 'new' || editing === null ? undefined : editing}
        onSaved={() => {
          notifySuccess('topic.saved', 'Topic saved');
          topics.reload();
        }}
      />
      <ConfirmItemAction
        item={deleting}
        onClose={() => setDeleting(null)}
        onConfirm={async (topic) => {
          if (
            await run(
              () => api.topics.remove(topic.documentId),
              ['topic.deleted', '{name} was deleted', { name: topic.name }],
            )
          )
            topics.reload();
        }}
      >
        {t('topic.delete.confirm', 'Delete the topic {name}?', { name: deleting?.name ?? '' })}
      </ConfirmItemAction>
    </PageLayout>
  );
};
