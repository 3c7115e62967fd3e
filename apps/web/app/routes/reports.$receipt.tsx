import {
  json,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type {
  ReportReceiptPageQuery,
  ReportReceiptPageQueryVariables,
  ReportStatus,
} from '~/generated/graphql';
import { readerContext } from '~/lib/context.server';
import { formatDate } from '~/lib/format';
import { apiFailure, NO_STORE, notFound } from '~/lib/http.server';

const REPORT_RECEIPT_QUERY = /* GraphQL */ `
  query ReportReceiptPage($receipt: String!) {
    reportStatus(receipt: $receipt) {
      receipt
      status
      createdAt
      updatedAt
      resolvedAt
      decision {
        action
        decidedAt
        reasons
      }
      appealRights {
        available
        deadline
        instructions
      }
      appeal {
        status
        filedAt
        resolvedAt
        outcomeAction
        outcomeReasons
      }
    }
  }
`;

const DECISION_TEXT: Record<string, string> = {
  DISMISS: 'No action: the page stays as it is.',
  KEEP_HIDDEN: 'The page is kept out of lists and search while it is reviewed.',
  REMOVE_ARTICLE: 'The page was removed.',
  RESTORE_ARTICLE: 'The page was restored.',
};

const APPEAL_TEXT: Record<string, string> = {
  OPEN: 'Your appeal is waiting for a moderator who was not part of the first decision.',
  UPHELD: 'A different moderator reviewed your appeal and the decision stands.',
  REVERSED: 'A different moderator reviewed your appeal and changed the decision.',
};

const STATUS_TEXT: Record<ReportStatus, string> = {
  OPEN: 'Received. It is waiting for a moderator.',
  TRIAGED: 'A moderator is looking at it.',
  ACTIONED: 'Moderators acted on it. Thank you.',
  DISMISSED: 'Moderators reviewed it and decided no action was needed.',
};

export async function loader({ params, context }: LoaderFunctionArgs) {
  const receipt = params.receipt ?? '';
  if (!/^R-[0-9A-Z]{10}$/.test(receipt)) throw notFound();
  const { api, requestId } = readerContext(context);
  try {
    const { reportStatus } = await api.request<
      ReportReceiptPageQuery,
      ReportReceiptPageQueryVariables
    >(REPORT_RECEIPT_QUERY, { receipt }, { requestId });
    if (!reportStatus) throw notFound();
    return json({ report: reportStatus }, { headers: { 'Cache-Control': NO_STORE } });
  } catch (error) {
    if (error instanceof Response) throw error;
    return apiFailure(error);
  }
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': NO_STORE });

export const meta: MetaFunction = () => [
  { title: 'Your report · Folio' },
  { name: 'robots', content: 'noindex' },
];

export default function ReportReceiptPage() {
  const { report } = useLoaderData<typeof loader>();
  return (
    <div>
      <p className="label">Report receipt</p>
      <h1>Thank you for your report</h1>
      <p>
        Your receipt is <strong data-testid="receipt">{report.receipt}</strong>. Keep this page’s
        address to check on it later.
      </p>
      <dl>
        <dt>Status</dt>
        <dd data-testid="status">{STATUS_TEXT[report.status]}</dd>
        <dt>Received</dt>
        <dd>
          <time dateTime={report.createdAt}>{formatDate(report.createdAt)}</time>
        </dd>
        {report.resolvedAt ? (
          <>
            <dt>Resolved</dt>
            <dd>
              <time dateTime={report.resolvedAt}>{formatDate(report.resolvedAt)}</time>
            </dd>
          </>
        ) : null}
      </dl>
      {report.decision ? (
        <section aria-labelledby="decision-title" className="decision">
          <h2 id="decision-title">The decision</h2>
          <p data-testid="decision">{DECISION_TEXT[report.decision.action]}</p>
          <p className="meta">
            Decided on{' '}
            <time dateTime={report.decision.decidedAt}>
              {formatDate(report.decision.decidedAt)}
            </time>
          </p>
          <h3>Statement of reasons</h3>
          <p data-testid="statement" className="statement">
            {report.decision.reasons}
          </p>
        </section>
      ) : null}
      {report.appeal ? (
        <section aria-labelledby="appeal-title">
          <h2 id="appeal-title">Your appeal</h2>
          <p data-testid="appeal-status">{APPEAL_TEXT[report.appeal.status]}</p>
          <p className="meta">
            Filed on{' '}
            <time dateTime={report.appeal.filedAt}>{formatDate(report.appeal.filedAt)}</time>
          </p>
          {report.appeal.outcomeReasons ? (
            <p className="statement">{report.appeal.outcomeReasons}</p>
          ) : null}
        </section>
      ) : report.appealRights ? (
        <section aria-labelledby="how-to-appeal-title">
          <h2 id="how-to-appeal-title">How to appeal</h2>
          <p>{report.appealRights.instructions}</p>
          {report.appealRights.available ? (
            <p>
              <Link to={`/reports/${report.receipt}/appeal`} rel="nofollow">
                Appeal this decision
              </Link>{' '}
              (until{' '}
              <time dateTime={report.appealRights.deadline}>
                {formatDate(report.appealRights.deadline)}
              </time>
              )
            </p>
          ) : (
            <p>The time to appeal this decision has passed.</p>
          )}
        </section>
      ) : null}
      <p>
        <Link to="/">Back to the articles</Link>
      </p>
    </div>
  );
}
