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
    }
  }
`;

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
      <p>
        <Link to="/">Back to the articles</Link>
      </p>
    </div>
  );
}
