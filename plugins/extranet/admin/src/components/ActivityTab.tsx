import { useIntl } from 'react-intl';
import { useExtranetApi, useLoader } from '../services/api';
import { personName, useT } from '../utils/useT';
import { DataTable } from './DataTable';

/** The workgroup's activity, newest first (SPEC §6). */
export const ActivityTab = ({ workgroupId, version }: { workgroupId: string; version: number }) => {
  const t = useT();
  const { formatDate } = useIntl();
  const api = useExtranetApi();
  const activity = useLoader(() => api.activity.list(workgroupId), [workgroupId, version]);
  return (
    <DataTable
      label={t('activity.title', 'Activity')}
      rows={activity.data?.data ?? []}
      rowKey={(event) => event.documentId}
      isLoading={activity.isLoading}
      empty={t('activity.empty', 'Nothing happened here yet.')}
      columns={[
        {
          label: t('activity.column.date', 'When'),
          cell: (event) => formatDate(event.createdAt, { dateStyle: 'medium', timeStyle: 'short' }),
        },
        {
          label: t('activity.column.type', 'Event'),
          cell: (event) => t(`activity.type.${event.type}`, event.type),
        },
        { label: t('activity.column.summary', 'Details'), cell: (event) => event.summary ?? '' },
        {
          label: t('activity.column.actor', 'By'),
          cell: (event) => personName(event.actor) || t('activity.actor.editor', 'an editor'),
        },
      ]}
    />
  );
};
