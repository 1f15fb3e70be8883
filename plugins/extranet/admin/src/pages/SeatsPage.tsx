import { Box, Button, Flex, Grid, Typography } from '@strapi/design-system';
import { Download } from '@strapi/icons';
import { Page, useNotification, useRBAC } from '@strapi/strapi/admin';
import { PageLayout } from '../components/PageLayout';
import { PERMISSIONS } from '../constants';
import { useExtranetApi, useLoader } from '../services/api';
import { useT } from '../utils/useT';

const Figure = ({ label, value }: { label: string; value: string | number }) => (
  <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
    <Flex direction="column" alignItems="flex-start" gap={1} role="group" aria-label={label}>
      <Typography variant="sigma" textColor="neutral600">
        {label}
      </Typography>
      <Typography variant="alpha" tag="p">
        {value}
      </Typography>
    </Flex>
  </Box>
);

/** SPEC §9 Seats: employees + externals with extranet access, against `seatLimit`. */
export const SeatsPage = () => {
  const t = useT();
  const api = useExtranetApi();
  const seats = useLoader(() => api.seats.get(), []);
  const { allowedActions } = useRBAC(PERMISSIONS.governance);
  const { toggleNotification } = useNotification();
  const downloadReport = async () => {
    try {
      const blob = await api.report.csv();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `extranet-access-report-${new Date().toISOString().slice(0, 10)}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch {
      toggleNotification({
        type: 'danger',
        message: t('report.failed', 'The access report could not be downloaded'),
      });
    }
  };
  if (seats.isLoading) return <Page.Loading />;
  if (seats.error || !seats.data) return <Page.Error />;
  const { limit, used, employees, externals } = seats.data.data;
  return (
    <PageLayout
      title={t('seats.title', 'Seats')}
      subtitle={t('seats.subtitle', 'People with extranet access, against the seat limit')}
      primaryAction={
        allowedActions.canGovernanceRead ? (
          <Button startIcon={<Download />} variant="secondary" onClick={downloadReport}>
            {t('report.download', 'Download access report')}
          </Button>
        ) : null
      }
    >
      <Grid.Root gap={4}>
        <Grid.Item col={3} s={6}>
          <Figure label={t('seats.limit', 'Limit')} value={limit ?? t('seats.unlimited', 'Unlimited')} />
        </Grid.Item>
        <Grid.Item col={3} s={6}>
          <Figure label={t('seats.used', 'Used')} value={used} />
        </Grid.Item>
        <Grid.Item col={3} s={6}>
          <Figure label={t('seats.employees', 'Employees')} value={employees} />
        </Grid.Item>
        <Grid.Item col={3} s={6}>
          <Figure label={t('seats.externals', 'Partners')} value={externals} />
        </Grid.Item>
      </Grid.Root>
    </PageLayout>
  );
};
