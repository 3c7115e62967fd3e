import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireStaff } from '~/lib/staff.server';
import { parsePeriod, transparencyCsv } from '~/lib/transparency';
import { transparencyFigures } from '~/lib/transparency.server';

/** The transparency report as CSV, for a spreadsheet or for publishing. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, ['MODERATOR'], context);
  const period = parsePeriod(new URL(request.url).searchParams);
  const csv = transparencyCsv(period, await transparencyFigures(staff, period));
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="folio-transparency-${period.from}-to-${period.to}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  });
}
