import * as React from 'react';
import {
  Button,
  EmptyStateLayout,
  Flex,
  IconButton,
  Table,
  Tbody,
  Td,
  Tr,
  Typography,
} from '@strapi/design-system';
import { Pencil, Plus, Trash } from '@strapi/icons';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import type { Topic } from '../../../shared/contracts';
import { ConfirmItemAction } from '../components/ConfirmAction';
import { TopicFormModal } from '../components/TopicFormModal';
import { PERMISSIONS } from '../constants';
import { useExtranetApi, useLoader } from '../services/api';
import { useNotifyError, useNotifySuccess } from '../services/errors';
import { useT } from '../utils/useT';
import { TableHead } from '../components/TableHead';

/** SPEC §9 Topics: list, create, edit, delete (a topic in use cannot be deleted: TopicInUse). */
export const TopicsPage = () => {
  const t = useT();
  const api = useExtranetApi();
  const notifyError = useNotifyError();
  const notifySuccess = useNotifySuccess();
  const { allowedActions } = useRBAC(PERMISSIONS.topics);
  const topics = useLoader(() => api.topics.list(), []);
  const [editing, setEditing] = React.useState<Topic | 'new' | null>(null);
  const [deleting, setDeleting] = React.useState<Topic | null>(null);
  const rows = topics.data?.data ?? [];
  const canManage = allowedActions.canTopicsManage;

  return (
    <Page.Main>
      <Page.Title>{t('topics.title', 'Topics')}</Page.Title>
      <Layouts.Header
        title={t('topics.title', 'Topics')}
        subtitle={t('topics.subtitle', 'Every workgroup belongs to a topic')}
        primaryAction={
          canManage ? (
            <Button startIcon={<Plus />} onClick={() => setEditing('new')}>
              {t('topic.create.open', 'Create topic')}
            </Button>
          ) : null
        }
      />
      <Layouts.Content>
        {rows.length === 0 && !topics.isLoading ? (
          <EmptyStateLayout
            content={t('topics.empty', 'No topic yet: create one before the first workgroup.')}
          />
        ) : (
          <Table colCount={5} rowCount={rows.length + 1}>
            <TableHead
              labels={[
                t('topics.column.name', 'Name'),
                t('topics.column.description', 'Description'),
                t('topics.column.sort', 'Sort order'),
                t('topics.column.workgroups', 'Workgroups'),
                t('topics.column.actions', 'Actions'),
              ]}
            />
            <Tbody>
              {rows.map((topic) => (
                <Tr key={topic.documentId}>
                  <Td>
                    <Typography fontWeight="bold">{topic.name}</Typography>
                  </Td>
                  <Td>
                    <Typography>{topic.description ?? ''}</Typography>
                  </Td>
                  <Td>
                    <Typography>{topic.sort}</Typography>
                  </Td>
                  <Td>
                    <Typography>{topic.workgroups}</Typography>
                  </Td>
                  <Td>
                    {canManage ? (
                      <Flex gap={1}>
                        <IconButton
                          label={t('topic.edit.label', 'Edit {name}', { name: topic.name })}
                          variant="ghost"
                          onClick={() => setEditing(topic)}
                        >
                          <Pencil />
                        </IconButton>
                        <IconButton
                          label={t('topic.delete.label', 'Delete {name}', { name: topic.name })}
                          variant="ghost"
                          onClick={() => setDeleting(topic)}
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
          try {
            await api.topics.remove(topic.documentId);
            notifySuccess('topic.deleted', '{name} was deleted', { name: topic.name });
            topics.reload();
          } catch (error) {
            notifyError(error);
          }
        }}
      >
        {t('topic.delete.confirm', 'Delete the topic {name}?', { name: deleting?.name ?? '' })}
      </ConfirmItemAction>
    </Page.Main>
  );
};
