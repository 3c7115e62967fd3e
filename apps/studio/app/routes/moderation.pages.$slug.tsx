import { isArticleSlug } from '@folio/contract';
import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { BLOCK_FRAGMENT, INLINE_FRAGMENT, SECTION_FRAGMENT } from '@folio/ui';
import { useMemo, useRef, useState } from 'react';
import { ArticlePreview } from '~/components/article-preview';
import { CsrfField } from '~/components/csrf-field';
import { ModerationTabs } from '~/components/moderation-tabs';
import { StatusBadge } from '~/components/status-badge';
import type {
  ModerationPageQuery,
  ModerationPageQueryVariables,
  ResolvePageReportsMutation,
  ResolvePageReportsMutationVariables,
} from '~/generated/graphql';
import { formatDateTime } from '~/lib/format';
import { noStore } from '~/lib/http';
import { REASON_LABELS } from '~/lib/reasons';
import { useShortcuts } from '~/lib/shortcuts';
import {
  readForm,
  redirectWithNotice,
  refusal,
  requireStaff,
  type Staff,
} from '~/lib/staff.server';
import { checkDecision, DECISIONS, STATEMENT_MAX_LENGTH, type Decision } from '~/lib/statements';

const MODERATION_PAGE_QUERY = /* GraphQL */ `
  query ModerationPage($slug: String!) {
    article(slug: $slug) {
      id
      slug
      title
      label
      summary
      author
      tags
      publishedAt
      moderationState
      sections {
        ...SectionFields
      }
    }
    moderationReasonTemplates {
      key
      action
      title
      text
    }
    reports(filter: { articleSlug: $slug }, first: 50) {
      edges {
        node {
          id
          receipt
          reason
          details
          contactEmail
          sectionAnchor
          createdAt
          status
          resolutionAction
          resolutionNote
          resolvedAt
        }
      }
    }
  }
  ${SECTION_FRAGMENT}
  ${BLOCK_FRAGMENT}
  ${INLINE_FRAGMENT}
`;

const RESOLVE_PAGE_REPORTS = /* GraphQL */ `
  mutation ResolvePageReports($articleId: ID!, $input: ResolveReportInput!) {
    resolveArticleReports(articleId: $articleId, input: $input) {
      closedReports
      moderationState
    }
  }
`;

async function loadPage(staff: Staff, slug: string | undefined) {
  if (!slug || !isArticleSlug(slug)) throw json({ message: 'No such page.' }, { status: 404 });
  const data = await staff.call<ModerationPageQuery, ModerationPageQueryVariables>(
    MODERATION_PAGE_QUERY,
    { slug },
  );
  if (!data.article) throw json({ message: 'No such page.' }, { status: 404 });
  return {
    article: data.article,
    reports: data.reports.edges.map((edge) => edge.node),
    templates: data.moderationReasonTemplates,
  };
}

const isOpen = (status: string) => status === 'OPEN' || status === 'TRIAGED';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Moderating ${data?.article.title ?? 'a page'} · Folio Studio` },
];
export const headers = noStore;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, ['MODERATOR'], context);
  const { article, reports, templates } = await loadPage(staff, params.slug);
  const open = reports.filter((report) => isOpen(report.status));
  // Highlight the section asked for, else the most reported one.
  const asked = new URL(request.url).searchParams.get('section');
  const counts = new Map<string, number>();
  for (const report of open)
    if (report.sectionAnchor)
      counts.set(report.sectionAnchor, (counts.get(report.sectionAnchor) ?? 0) + 1);
  const highlight =
    asked && article.sections.some((s) => s.anchor === asked)
      ? asked
      : ([...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null);
  return json({
    article,
    open,
    decided: reports.filter((report) => !isOpen(report.status)),
    sectionCounts: Object.fromEntries(counts),
    highlight,
    templates,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, ['MODERATOR'], context);
  const form = await readForm(request);
  const { article, reports, templates } = await loadPage(staff, params.slug);
  const decision = form.get('decision');
  // Without JavaScript the statement may be left empty: the chosen template is used as is.
  const template = templates.find((t) => t.key === form.get('template'));
  const written = String(form.get('statement') ?? '').trim();
  const checked = checkDecision(
    decision,
    written || (template?.action === decision ? template.text : ''),
  );
  if (!checked.ok) return json({ error: checked.error }, { status: 400 });
  const open = reports.filter((report) => isOpen(report.status));
  if (open.length === 0) return json({ error: 'This page has no open reports.' }, { status: 400 });
  const note = String(form.get('note') ?? '').trim();
  let closed: number;
  try {
    const { resolveArticleReports } = await staff.call<
      ResolvePageReportsMutation,
      ResolvePageReportsMutationVariables
    >(RESOLVE_PAGE_REPORTS, {
      articleId: article.id,
      input: {
        action: checked.decision,
        reasons: checked.statement,
        template: template?.action === checked.decision ? template.key : null,
        note: note || null,
      },
    });
    closed = resolveArticleReports.closedReports;
  } catch (error) {
    const refused = refusal(error);
    if (refused) return json({ error: refused.message }, { status: 400 });
    throw error;
  }
  const label = DECISIONS.find((d) => d.value === checked.decision)!.label;
  return redirectWithNotice(
    request,
    '/moderation',
    `${label}: “${article.title}”. ${closed} ${closed === 1 ? 'report' : 'reports'} closed; the reporters can read your statement on their receipts.`,
  );
}

export default function ModerationPage() {
  const { article, open, decided, sectionCounts, highlight, templates } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [decision, setDecision] = useState<Decision>(
    article.moderationState === 'REMOVED' ? 'RESTORE_ARTICLE' : 'DISMISS',
  );
  const [statement, setStatement] = useState('');
  const statementRef = useRef<HTMLTextAreaElement>(null);
  const choose = (value: Decision) => {
    setDecision(value);
    setStatement(templates.find((t) => t.action === value)?.text ?? '');
    statementRef.current?.focus();
  };
  const shortcuts = useMemo(
    () => Object.fromEntries(DECISIONS.map((d) => [d.key, () => choose(d.value)])),
    [templates],
  );
  useShortcuts(shortcuts);

  return (
    <div>
      <p className="label">
        <Link to="/moderation">Moderation</Link> / page
      </p>
      <h1>{article.title}</h1>
      <ModerationTabs />
      <p className="meta">
        <StatusBadge status={article.moderationState} /> · {open.length} open{' '}
        {open.length === 1 ? 'report' : 'reports'}
      </p>
      <div className="moderation-layout">
        <section aria-labelledby="as-reader-title">
          <h2 id="as-reader-title">The page as readers see it</h2>
          {Object.keys(sectionCounts).length > 0 ? (
            <p className="hint">
              Reported sections:{' '}
              {Object.entries(sectionCounts).map(([anchor, count], index) => (
                <span key={anchor}>
                  {index > 0 ? ', ' : ''}
                  <Link to={`?section=${encodeURIComponent(anchor)}#${anchor}`}>
                    #{anchor} ({count})
                  </Link>
                </span>
              ))}
            </p>
          ) : null}
          <div className="page-as-reader">
            <ArticlePreview
              article={article}
              highlightAnchor={highlight}
              headingId="reader-view-title"
            />
          </div>
        </section>
        <div>
          <section aria-labelledby="reports-title">
            <h2 id="reports-title">Open reports</h2>
            {open.length === 0 ? <p>None.</p> : null}
            {open.map((report) => (
              <div key={report.id} className="report-card">
                <p>
                  <strong>{REASON_LABELS[report.reason] ?? report.reason}</strong>
                  {report.sectionAnchor ? (
                    <>
                      {' '}
                      on <code>#{report.sectionAnchor}</code>
                    </>
                  ) : (
                    ' on the whole page'
                  )}
                  <br />
                  <span className="hint">
                    {formatDateTime(report.createdAt)} ·{' '}
                    {report.contactEmail ? 'contact given' : 'no contact'} · {report.receipt}
                  </span>
                </p>
                {report.details ? (
                  <blockquote className="details">{report.details}</blockquote>
                ) : null}
              </div>
            ))}
          </section>
          {open.length > 0 ? (
            <Form method="post" className="panel" aria-labelledby="decide-title">
              <CsrfField />
              <h2 id="decide-title">Decide</h2>
              {result?.error ? (
                <p className="form-error" role="alert">
                  {result.error}
                </p>
              ) : null}
              <fieldset>
                <legend>Decision (applies to every open report of this page)</legend>
                {DECISIONS.map((d) => (
                  <div className="decision-choice" key={d.value}>
                    <input
                      type="radio"
                      id={`decision-${d.value}`}
                      name="decision"
                      value={d.value}
                      checked={decision === d.value}
                      onChange={() => choose(d.value)}
                    />
                    <label htmlFor={`decision-${d.value}`}>
                      {d.label} <kbd aria-hidden="true">{d.key}</kbd>
                      <span className="hint"> — {d.hint}</span>
                    </label>
                  </div>
                ))}
              </fieldset>
              <div className="field">
                <label htmlFor="template">Statement template</label>
                <select
                  id="template"
                  name="template"
                  onChange={(event) => {
                    const chosen = templates.find((t) => t.key === event.target.value);
                    if (chosen) {
                      setDecision(chosen.action as Decision);
                      setStatement(chosen.text);
                    }
                  }}
                >
                  {DECISIONS.map((d) => (
                    <optgroup key={d.value} label={d.label}>
                      {templates
                        .filter((t) => t.action === d.value)
                        .map((t) => (
                          <option key={t.key} value={t.key}>
                            {t.title}
                          </option>
                        ))}
                    </optgroup>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="statement">Statement of reasons</label>
                <textarea
                  id="statement"
                  name="statement"
                  ref={statementRef}
                  rows={6}
                  className="prose"
                  maxLength={STATEMENT_MAX_LENGTH}
                  value={statement}
                  onChange={(event) => setStatement(event.target.value)}
                  aria-describedby="statement-hint"
                />
                <p className="hint" id="statement-hint">
                  The reporters read this on their receipt page. Left empty, the chosen template is
                  sent as it is. Keys: <kbd>d</kbd> dismiss, <kbd>h</kbd> keep hidden, <kbd>r</kbd>{' '}
                  remove, <kbd>u</kbd> restore.
                </p>
              </div>
              <div className="field">
                <label htmlFor="note">Internal note (moderators only, optional)</label>
                <textarea id="note" name="note" rows={2} className="prose" maxLength={2000} />
              </div>
              <button type="submit" disabled={navigation.state !== 'idle'}>
                Decide
              </button>
            </Form>
          ) : null}
          {decided.length > 0 ? (
            <section aria-labelledby="decided-title">
              <h2 id="decided-title">Decided before</h2>
              <ul>
                {decided.map((report) => (
                  <li key={report.id}>
                    {REASON_LABELS[report.reason] ?? report.reason}:{' '}
                    {report.resolutionAction?.toLowerCase().replace(/_/g, ' ') ??
                      report.status.toLowerCase()}
                    {report.resolvedAt ? ` on ${formatDateTime(report.resolvedAt)}` : ''}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}
