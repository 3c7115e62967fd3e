import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import type {
  AppealPageQuery,
  AppealPageQueryVariables,
  AppealReportMutation,
  AppealReportMutationVariables,
} from '~/generated/graphql';
import { ApiRequestError } from '~/lib/api.server';
import { readerContext } from '~/lib/context.server';
import { formatDate } from '~/lib/format';
import { apiFailure, NO_STORE, notFound } from '~/lib/http.server';

// A reporter's appeal against the decision on their report: once, within six months, by the
// receipt (which is the proof); a different moderator reviews it.

const APPEAL_PAGE_QUERY = /* GraphQL */ `
  query AppealPage($receipt: String!) {
    reportStatus(receipt: $receipt) {
      receipt
      decision {
        action
        decidedAt
        reasons
      }
      appealRights {
        available
        deadline
      }
      appeal {
        status
      }
    }
  }
`;

const APPEAL_REPORT_MUTATION = /* GraphQL */ `
  mutation AppealReport($input: AppealReportInput!) {
    appealReport(input: $input) {
      receipt
    }
  }
`;

const GROUNDS_MAX_LENGTH = 2000;

async function loadReport(receipt: string | undefined, context: LoaderFunctionArgs['context']) {
  if (!receipt || !/^R-[0-9A-Z]{10}$/.test(receipt)) throw notFound();
  const { api, requestId } = readerContext(context);
  try {
    const { reportStatus } = await api.request<AppealPageQuery, AppealPageQueryVariables>(
      APPEAL_PAGE_QUERY,
      { receipt },
      { requestId },
    );
    if (!reportStatus) throw notFound();
    return reportStatus;
  } catch (error) {
    if (error instanceof Response) throw error;
    return apiFailure(error);
  }
}

export async function loader({ params, context }: LoaderFunctionArgs) {
  const report = await loadReport(params.receipt, context);
  // Nothing to appeal yet, or already appealed: the receipt page says where things stand.
  if (!report.decision || report.appeal || !report.appealRights?.available) {
    throw redirect(`/reports/${report.receipt}`);
  }
  return json({ report }, { headers: { 'Cache-Control': NO_STORE } });
}

export async function action({ params, context, request }: ActionFunctionArgs) {
  const report = await loadReport(params.receipt, context);
  const form = await request.formData();
  const grounds = String(form.get('grounds') ?? '').trim();
  if (grounds.length < 10 || grounds.length > GROUNDS_MAX_LENGTH) {
    return json(
      {
        error: `Tell us why the decision should change, in 10 to ${GROUNDS_MAX_LENGTH} characters.`,
        grounds,
      },
      { status: 400, headers: { 'Cache-Control': NO_STORE } },
    );
  }
  const { api, clientAddress, requestId } = readerContext(context);
  try {
    await api.request<AppealReportMutation, AppealReportMutationVariables>(
      APPEAL_REPORT_MUTATION,
      { input: { receipt: report.receipt, grounds } },
      { clientAddress, requestId },
    );
  } catch (error) {
    if (error instanceof ApiRequestError) {
      return json(
        { error: error.message, grounds },
        { status: 400, headers: { 'Cache-Control': NO_STORE } },
      );
    }
    return apiFailure(error);
  }
  return redirect(`/reports/${report.receipt}`, { status: 303 });
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': NO_STORE });

export const meta: MetaFunction = () => [
  { title: 'Appeal a decision · Folio' },
  { name: 'robots', content: 'noindex' },
];

export default function AppealPage() {
  const { report } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="report-form">
      <p className="label">Report {report.receipt}</p>
      <h1>Appeal the decision</h1>
      <p>
        A moderator who was not part of the first decision will review it. You can appeal once,
        until {formatDate(report.appealRights!.deadline)}.
      </p>
      <Form method="post">
        {result?.error ? (
          <p className="form-error" role="alert" id="grounds-error">
            {result.error}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="grounds">Why should the decision change?</label>
          <textarea
            id="grounds"
            name="grounds"
            rows={6}
            maxLength={GROUNDS_MAX_LENGTH}
            required
            defaultValue={result?.grounds}
            aria-describedby={result?.error ? 'grounds-error' : undefined}
          />
        </div>
        <button type="submit" disabled={navigation.state === 'submitting'}>
          Send appeal
        </button>{' '}
        <Link to={`/reports/${report.receipt}`}>Cancel</Link>
      </Form>
    </div>
  );
}
