import { isArticleSlug } from '@folio/contract';
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import type {
  AuditArticleQuery,
  AuditArticleQueryVariables,
  AuditLogQuery,
  AuditLogQueryVariables,
  AuditStaffQuery,
  AuditStaffQueryVariables,
} from '~/generated/graphql';
import { formatDateTime } from '~/lib/format';
import { noStore } from '~/lib/http';
import { requireStaff } from '~/lib/staff.server';

const PAGE_SIZE = 50;

type AuditEvent = AuditLogQuery['auditEvents']['edges'][number]['node'];

const AUDIT_QUERY = /* GraphQL */ `
  query AuditLog(
    $first: Int!
    $after: String
    $action: String
    $targetId: String
    $actorId: String
    $since: DateTime
    $until: DateTime
  ) {
    auditEvents(
      first: $first
      after: $after
      action: $action
      targetId: $targetId
      actorId: $actorId
      since: $since
      until: $until
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          action
          actorName
          actorUserId
          targetType
          targetId
          details
          createdAt
        }
      }
    }
  }
`;

const AUDIT_STAFF_QUERY = /* GraphQL */ `
  query AuditStaff {
    staffUsers {
      id
      displayName
      email
    }
  }
`;

/** A day typed in a date field (YYYY-MM-DD), as the first or last instant of it in UTC. */
function dayBound(value: string, end: boolean): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const instant = new Date(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}Z`);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}

const AUDIT_ARTICLE_QUERY = /* GraphQL */ `
  query AuditArticle($slug: String!) {
    article(slug: $slug, preview: true) {
      id
      title
    }
  }
`;

/** The actions the API records, for the filter (free text works too). */
const ACTIONS = [
  'article.create',
  'article.update',
  'article.publish',
  'article.schedule',
  'article.unpublish',
  'article.archive',
  'article.restore_revision',
  'article.moderation',
  'article.under_review',
  'article.flagged',
  'section.add',
  'section.update',
  'section.move',
  'section.remove',
  'report.resolve',
  'report.triage',
  'moderation.decide',
  'appeal.file',
  'appeal.resolve',
  'preview.create',
  'preview.revoke',
  'token.create',
  'token.revoke',
  'webhook.create',
  'webhook.update',
  'webhook.delete',
  'webhook.rotate_secret',
  'webhook.redeliver',
  'user.create',
  'user.role',
  'user.deactivate',
  'user.reactivate',
  'user.reset_password',
  'user.change_password',
  'user.sign_in',
  'user.sign_in_failed',
  'user.sign_out',
];

export const meta: MetaFunction = () => [{ title: 'Audit log · Folio Studio' }];
export const headers = noStore;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, ['ADMIN'], context);
  const url = new URL(request.url);
  const action = (url.searchParams.get('action') ?? '').trim().slice(0, 100);
  const slug = (url.searchParams.get('article') ?? '').trim().toLowerCase();
  // Who: a staff account (the API filters by its actor id, user:<id>); when: whole UTC days.
  const who = (url.searchParams.get('who') ?? '').trim().slice(0, 100);
  const from = (url.searchParams.get('from') ?? '').trim().slice(0, 10);
  const to = (url.searchParams.get('to') ?? '').trim().slice(0, 10);
  const { staffUsers } = await staff.call<AuditStaffQuery, AuditStaffQueryVariables>(
    AUDIT_STAFF_QUERY,
    {},
  );
  const people = staffUsers.map((user) => ({
    actorId: `user:${user.id}`,
    label: `${user.displayName} (${user.email})`,
  }));
  const actorId = people.some((person) => person.actorId === who) ? who : null;
  const after = url.searchParams.get('after') || null;
  let targetId: string | null = null;
  let articleTitle: string | null = null;
  if (slug) {
    const { article } = isArticleSlug(slug)
      ? await staff.call<AuditArticleQuery, AuditArticleQueryVariables>(AUDIT_ARTICLE_QUERY, {
          slug,
        })
      : { article: null };
    if (!article) {
      return json({
        filters: { action, slug, who: actorId ?? '', from, to },
        people,
        problem: `No article has the address “${slug}”.`,
        events: [] as AuditEvent[],
        totalCount: 0,
        pageInfo: { hasNextPage: false, endCursor: null },
        articleTitle,
      });
    }
    targetId = article.id;
    articleTitle = article.title;
  }
  const { auditEvents } = await staff.call<AuditLogQuery, AuditLogQueryVariables>(AUDIT_QUERY, {
    first: PAGE_SIZE,
    after,
    action: action || null,
    targetId,
    actorId,
    since: dayBound(from, false),
    until: dayBound(to, true),
  });
  const events = auditEvents.edges.map((edge) => edge.node);
  return json({
    filters: { action, slug, who: actorId ?? '', from, to },
    people,
    problem: null,
    events,
    totalCount: auditEvents.totalCount,
    pageInfo: auditEvents.pageInfo,
    articleTitle,
  });
}

function describe(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(
      ([key, value]) =>
        `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`,
    )
    .join(' · ');
}

export default function AuditPage() {
  const { filters, people, problem, events, totalCount, pageInfo, articleTitle } =
    useLoaderData<typeof loader>();
  const next = new URLSearchParams({
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.slug ? { article: filters.slug } : {}),
    ...(filters.who ? { who: filters.who } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(pageInfo.endCursor ? { after: pageInfo.endCursor } : {}),
  });
  return (
    <div>
      <h1>Audit log</h1>
      <p>Every editorial and moderation action: who did what, to what, when. Newest first.</p>
      <Form method="get" className="toolbar" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor="audit-action">What</label>
          <input
            id="audit-action"
            name="action"
            type="text"
            list="audit-actions"
            defaultValue={filters.action}
          />
          <datalist id="audit-actions">
            {ACTIONS.map((action) => (
              <option key={action} value={action} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="audit-article">Article (its address)</label>
          <input id="audit-article" name="article" type="text" defaultValue={filters.slug} />
        </div>
        <div className="field">
          <label htmlFor="audit-who">Who</label>
          <select id="audit-who" name="who" defaultValue={filters.who}>
            <option value="">Anyone</option>
            {people.map((person) => (
              <option key={person.actorId} value={person.actorId}>
                {person.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">From (UTC day)</label>
          <input id="audit-from" name="from" type="date" defaultValue={filters.from} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">To (UTC day)</label>
          <input id="audit-to" name="to" type="date" defaultValue={filters.to} />
        </div>
        <button type="submit">Filter</button>
        <Link to="/admin/audit">Clear</Link>
      </Form>
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : (
        <p className="meta" role="status">
          {totalCount} {totalCount === 1 ? 'event' : 'events'}
          {articleTitle ? ` on “${articleTitle}”` : ''}
        </p>
      )}
      <table className="data">
        <caption className="visually-hidden">Audit events</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">What</th>
            <th scope="col">On</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.id}>
              <td>
                <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
              </td>
              <td>
                {event.actorName}
                {event.actorUserId ? null : <span className="hint"> (token or system)</span>}
              </td>
              <td>
                <code>{event.action}</code>
              </td>
              <td>
                {event.targetType} <span className="hint">{event.targetId.slice(0, 8)}</span>
              </td>
              <td className="hint">{describe(event.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {pageInfo.hasNextPage ? (
        <nav className="pagination" aria-label="Pages">
          <Link to={`?${next}`}>Older events</Link>
        </nav>
      ) : null}
    </div>
  );
}
