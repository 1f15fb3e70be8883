import type Koa from 'koa';
import type { GetReport } from '../../../shared/contracts/governance';
import { toCsv } from '../services/report';
import { validate, yup } from './validate';
import { getService } from '../utils';

const querySchema = yup.object({ format: yup.string().oneOf(['json', 'csv']).default('json') });

/** GET /api/extranet/report (extranet admins), and the same for editors with governance-read. */
export const sendReport = async (ctx: Koa.Context) => {
  const { format } = await validate<{ format: 'json' | 'csv' }>(querySchema, { format: ctx.query?.format });
  const report = getService('report');
  const { rows, seats } = await report.build();
  if (format === 'csv') {
    ctx.set(
      'Content-Disposition',
      `attachment; filename="extranet-access-report-${new Date().toISOString().slice(0, 10)}.csv"`,
    );
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = toCsv(rows);
    return;
  }
  ctx.body = { data: rows, meta: { seats } } satisfies GetReport.Response;
};

export default { show: sendReport };
