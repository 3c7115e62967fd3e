import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { ModerationTabs } from '~/components/moderation-tabs';
import { noStore } from '~/lib/http';
import { REASON_LABELS } from '~/lib/reasons';
import { requireStaff } from '~/lib/staff.server';
import { DECISIONS } from '~/lib/statements';
import { formatDuration, parsePeriod } from '~/lib/transparency';
import { transparencyFigures } from '~/lib/transparency.server';

export const meta: MetaFunction = () => [{ title: 'Transparency report · Folio Studio' }];
export const headers = noStore;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, ['MODERATOR'], context);
  const period = parsePeriod(new URL(request.url).searchParams);
  return json({ period, figures: await transparencyFigures(staff, period) });
}

export default function TransparencyPage() {
  const { period, figures } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Transparency report</h1>
      <ModerationTabs />
      <Form method="get" className="toolbar" aria-label="Period">
        <div className="field">
          <label htmlFor="from">From</label>
          <input id="from" name="from" type="date" defaultValue={period.from} />
        </div>
        <div className="field">
          <label htmlFor="to">To (included)</label>
          <input id="to" name="to" type="date" defaultValue={period.to} />
        </div>
        <button type="submit">Show</button>
        <a
          className="button secondary"
          href={`/moderation/transparency.csv?from=${period.from}&to=${period.to}`}
          download
        >
          Download CSV
        </a>
      </Form>
      <div className="grid-2">
        <section aria-labelledby="reports-title" className="panel">
          <h2 id="reports-title">Reports: {figures.reportCount}</h2>
          <table className="data">
            <caption className="visually-hidden">Reports by reason</caption>
            <thead>
              <tr>
                <th scope="col">Reason</th>
                <th scope="col">Reports</th>
              </tr>
            </thead>
            <tbody>
              {figures.reportsByReason.map((row) => (
                <tr key={row.reason}>
                  <td>{REASON_LABELS[row.reason] ?? row.reason}</td>
                  <td>{row.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section aria-labelledby="decisions-title" className="panel">
          <h2 id="decisions-title">Decisions: {figures.decisionCount}</h2>
          <table className="data">
            <caption className="visually-hidden">Decisions by action</caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Decisions</th>
              </tr>
            </thead>
            <tbody>
              {figures.decisionsByAction.map((row) => (
                <tr key={row.action}>
                  <td>{DECISIONS.find((d) => d.value === row.action)?.label ?? row.action}</td>
                  <td>{row.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p data-testid="median">
            Median time from report to decision:{' '}
            <strong>{formatDuration(figures.medianSecondsToDecision)}</strong>
          </p>
        </section>
        <section aria-labelledby="appeals-title" className="panel">
          <h2 id="appeals-title">Appeals: {figures.appealsFiled}</h2>
          <p>
            Upheld: {figures.appealsUpheld} · reversed: {figures.appealsReversed}
          </p>
        </section>
      </div>
    </div>
  );
}
