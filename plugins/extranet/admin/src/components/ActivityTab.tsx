import { EmptyStateLayout, Table, Tbody, Td, Tr, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { useExtranetApi, useLoader } from '../services/api';
import { personName, useT } from '../utils/useT';
import { TableHead } from './TableHead';

/** The workgroup's activity, newest first (SPEC §6). */
export const ActivityTab = ({ workgroupId, version }: { workgroupId: string; version: number }) => {
  const t = useT();
  const { formatDate } = useIntl();
  const api = useExtranetApi();
  const activity = useLoader(() => api.activity.list(workgroupId), [workgroupId, version]);
  const rows = activity.data?.data ?? [];
  if (!activity.isLoading && rows.length === 0)
    return <EmptyStateLayout content={t('activity.empty', 'Nothing happened here yet.')} />;
  return (
    <Table colCount={4} rowCount={rows.length + 1} aria-label={t('activity.title', 'Activity')}>
      <TableHead
        labels={[
          t('activity.column.date', 'When'),
          t('activity.column.type', 'Event'),
          t('activity.column.summary', 'Details'),
          t('activity.column.actor', 'By'),
        ]}
      />
      <Tbody>
        {rows.map((event) => (
          <Tr key={event.documentId}>
            <Td>
              <Typography>
                {formatDate(event.createdAt, { dateStyle: 'medium', timeStyle: 'short' })}
              </Typography>
            </Td>
            <Td>
              <Typography>{t(`activity.type.${event.type}`, event.type)}</Typography>
            </Td>
            <Td>
              <Typography>{event.summary ?? ''}</Typography>
            </Td>
            <Td>
              <Typography>{personName(event.actor) || t('activity.actor.editor', 'an editor')}</Typography>
            </Td>
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
};
