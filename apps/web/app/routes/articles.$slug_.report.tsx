import { ErrorCode } from '@folio/contract';
import { randomUUID } from 'node:crypto';
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import type {
  ReportPageQuery,
  ReportPageQueryVariables,
  SubmitReportMutation,
  SubmitReportMutationVariables,
} from '~/generated/graphql';
import { ApiRequestError } from '~/lib/api.server';
import { echoToPage, readerContext } from '~/lib/context.server';
import { useFormEcho } from '~/lib/form-echo';
import { apiFailure, isPlausibleSlug, NO_STORE, notFound } from '~/lib/http.server';
import {
  DETAILS_MAX_LENGTH,
  parseReportForm,
  REPORT_REASONS,
  type ReportFormErrors,
  type ReportFormValues,
} from '~/lib/report-form';

const REPORT_PAGE_QUERY = /* GraphQL */ `
  query ReportPage($slug: String!) {
    article(slug: $slug) {
      slug
      title
      moderationState
      toc {
        anchor
        heading
      }
    }
  }
`;

const SUBMIT_REPORT_MUTATION = /* GraphQL */ `
  mutation SubmitReport($input: SubmitReportInput!) {
    submitReport(input: $input) {
      receipt
    }
  }
`;

async function loadArticle(slug: string | undefined, context: LoaderFunctionArgs['context']) {
  if (!isPlausibleSlug(slug)) throw notFound();
  const { api, requestId } = readerContext(context);
  try {
    const { article } = await api.request<ReportPageQuery, ReportPageQueryVariables>(
      REPORT_PAGE_QUERY,
      { slug },
      { requestId },
    );
    if (!article) throw notFound();
    if (article.moderationState === 'REMOVED') throw new Response('Removed', { status: 410 });
    return article;
  } catch (error) {
    if (error instanceof Response) throw error;
    return apiFailure(error);
  }
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const article = await loadArticle(params.slug, context);
  const section = new URL(request.url).searchParams.get('section') ?? '';
  const known = article.toc.some((entry) => entry.anchor === section);
  // A fresh key per form: resubmitting the same form (a double click, a retry) files one report.
  return json(
    { article, section: known ? section : '', idempotencyKey: randomUUID() },
    { headers: { 'Cache-Control': NO_STORE } },
  );
}

type ActionResult = { errors: ReportFormErrors; values: ReportFormValues; idempotencyKey: string };

export async function action({ params, request, context }: ActionFunctionArgs) {
  const article = await loadArticle(params.slug, context);
  const form = await request.formData();
  const parsed = parseReportForm(form);
  const failure = (status: number, errors: ReportFormErrors, freshKey: boolean) => {
    // The details go back once, into the rendered form, not also into the page's data.
    echoToPage(context, { details: parsed.values.details });
    return json<ActionResult>(
      {
        errors,
        values: { ...parsed.values, details: '' },
        idempotencyKey: freshKey ? randomUUID() : String(form.get('idempotencyKey')),
      },
      { status, headers: { 'Cache-Control': NO_STORE } },
    );
  };
  if (!parsed.ok) return failure(400, parsed.errors, parsed.keyRejected);

  const { api, clientAddress, requestId } = readerContext(context);
  try {
    const { submitReport } = await api.request<SubmitReportMutation, SubmitReportMutationVariables>(
      SUBMIT_REPORT_MUTATION,
      {
        input: {
          articleSlug: article.slug,
          sectionAnchor: parsed.data.section ?? null,
          reason: parsed.data.reason,
          details: parsed.data.details || null,
          contactEmail: parsed.data.contactEmail || null,
          idempotencyKey: parsed.data.idempotencyKey,
        },
      },
      { clientAddress, requestId },
    );
    // POST/redirect/GET: reloading the receipt page never resubmits.
    return redirect(`/reports/${submitReport.receipt}`, { status: 303 });
  } catch (error) {
    if (!(error instanceof ApiRequestError)) return apiFailure(error);
    if (error.code === ErrorCode.RATE_LIMITED) {
      return failure(
        429,
        {
          form: 'You have sent several reports in a short time. Please wait a few minutes and try again.',
        },
        false,
      );
    }
    if (error.code === ErrorCode.CONFLICT) {
      return failure(
        409,
        {
          form: 'This form was already sent with different answers. Check them and send again to file a new report.',
        },
        true,
      );
    }
    if (error.code === ErrorCode.BAD_USER_INPUT)
      return failure(400, { form: error.message }, false);
    throw error;
  }
}

export const headers: HeadersFunction = () => ({ 'Cache-Control': NO_STORE });

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Report “${data.article.title}” · Folio` : 'Report a page · Folio' },
  { name: 'robots', content: 'noindex' },
];

/** A field's error, referenced by the field's aria-describedby. */
function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p className="field-error" id={id}>
      {message}
    </p>
  ) : null;
}

export default function ReportPage() {
  const { article, section, idempotencyKey } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const sending = navigation.state !== 'idle' && navigation.formMethod?.toLowerCase() === 'post';
  const values: ReportFormValues = result?.values ?? {
    reason: '',
    details: '',
    contactEmail: '',
    section,
  };
  const errors = result?.errors ?? {};
  const echo = useFormEcho();
  const summaryRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result?.errors) summaryRef.current?.focus();
  }, [result]);

  return (
    <div className="report-page">
      <p className="label">Report</p>
      <h1>Report a problem with “{article.title}”</h1>
      <p>
        Moderators read every report. You do not need an account, and we do not share who reported.
        You will get a receipt to check on your report.
      </p>
      {Object.keys(errors).length > 0 ? (
        <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
          <h2>Please check your report</h2>
          <ul>
            {Object.entries(errors).map(([field, message]) => (
              <li key={field}>
                {field === 'form' ? message : <a href={`#${field}`}>{message}</a>}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" className="report-form" noValidate>
        <input
          type="hidden"
          name="idempotencyKey"
          value={result?.idempotencyKey ?? idempotencyKey}
        />
        <div className="field">
          <label htmlFor="section">What are you reporting?</label>
          <select id="section" name="section" defaultValue={values.section}>
            <option value="">The whole page</option>
            {article.toc.map((entry) => (
              <option key={entry.anchor} value={entry.anchor}>
                The section “{entry.heading}”
              </option>
            ))}
          </select>
        </div>
        <fieldset aria-describedby={errors.reason ? 'reason-error' : undefined}>
          <legend id="reason">What is wrong?</legend>
          <FieldError id="reason-error" message={errors.reason} />
          {REPORT_REASONS.map((reason) => (
            <div className="choice" key={reason.value}>
              <input
                type="radio"
                name="reason"
                id={`reason-${reason.value}`}
                value={reason.value}
                defaultChecked={values.reason === reason.value}
                aria-describedby={`reason-${reason.value}-hint`}
              />
              <label htmlFor={`reason-${reason.value}`}>{reason.label}</label>
              <span className="hint" id={`reason-${reason.value}-hint`}>
                {reason.hint}
              </span>
            </div>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="details">Details (optional, required for “Something else”)</label>
          <textarea
            id="details"
            name="details"
            rows={6}
            maxLength={DETAILS_MAX_LENGTH}
            defaultValue={echo.details ?? values.details}
            aria-invalid={errors.details ? true : undefined}
            aria-describedby={errors.details ? 'details-error' : undefined}
          />
          <FieldError id="details-error" message={errors.details} />
        </div>
        <div className="field">
          <label htmlFor="contactEmail">
            Your email (optional, only if you want us to follow up)
          </label>
          <input
            id="contactEmail"
            name="contactEmail"
            type="email"
            autoComplete="email"
            defaultValue={values.contactEmail}
            aria-invalid={errors.contactEmail ? true : undefined}
            aria-describedby={errors.contactEmail ? 'contactEmail-error' : undefined}
          />
          <FieldError id="contactEmail-error" message={errors.contactEmail} />
        </div>
        <button type="submit" disabled={sending} aria-disabled={sending}>
          {sending ? 'Sending…' : 'Send report'}
        </button>{' '}
        <Link to={`/articles/${article.slug}${values.section ? `#${values.section}` : ''}`}>
          Cancel
        </Link>
      </Form>
    </div>
  );
}
