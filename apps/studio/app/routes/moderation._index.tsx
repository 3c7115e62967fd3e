import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useNavigate } from '@remix-run/react';
import { useMemo, useRef, useState } from 'react';
import { ModerationTabs } from '~/components/moderation-tabs';
import { StatusBadge } from '~/components/status-badge';
import type { ModerationQueueQuery, ModerationQueueQueryVariables } from '~/generated/graphql';
import { formatDateTime } from '~/lib/format';
import { noStore } from '~/lib/http';
import { groupReports, type QueueOrder } from '~/lib/moderation-queue';
import { reasonSummary } from '~/lib/reasons';
import { useShortcuts } from '~/lib/shortcuts';
import { requireStaff } from '~/lib/staff.server';

const QUEUE_QUERY = /* GraphQL */ `
  fragment QueueReportFields on Report {
    id
    reason
    details
    contactEmail
    sectionAnchor
    createdAt
    status
    article {
      id
      slug
      title
      moderationState
    }
  }

  query ModerationQueue {
    open: reports(filter: { status: OPEN }, first: 50) {
      totalCount
      edges {
        node {
          ...QueueReportFields
        }
      }
    }
    triaged: reports(filter: { status: TRIAGED }, first: 50) {
      totalCount
      edges {
        node {
          ...QueueReportFields
        }
      }
    }
    reportCountsByArticle {
      article {
        id
      }
      reporterCount
    }
  }
`;

export const meta: MetaFunction = () => [{ title: 'Moderation queue · Folio Studio' }];
export const headers = noStore;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, ['MODERATOR'], context);
  const order: QueueOrder =
    new URL(request.url).searchParams.get('order') === 'most' ? 'most' : 'newest';
  const data = await staff.call<ModerationQueueQuery, ModerationQueueQueryVariables>(QUEUE_QUERY);
  const reports = [...data.open.edges, ...data.triaged.edges].map((edge) => edge.node);
  const reporters = new Map(
    data.reportCountsByArticle.map((count) => [count.article.id, count.reporterCount]),
  );
  return json({
    order,
    total: data.open.totalCount + data.triaged.totalCount,
    groups: groupReports(reports, order).map((group) => ({
      ...group,
      reporterCount: reporters.get(group.article.id) ?? null,
    })),
  });
}

export default function ModerationQueuePage() {
  const { order, total, groups } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const [current, setCurrent] = useState(0);
  const list = useRef<HTMLOListElement>(null);
  const focus = (index: number) => {
    const next = Math.max(0, Math.min(groups.length - 1, index));
    setCurrent(next);
    list.current?.querySelectorAll<HTMLAnchorElement>('a.queue-open')[next]?.focus();
  };
  const shortcuts = useMemo(
    () => ({
      j: () => focus(current + 1),
      k: () => focus(current - 1),
      o: () => groups[current] && navigate(`/moderation/pages/${groups[current]!.article.slug}`),
    }),
    [current, groups],
  );
  useShortcuts(shortcuts);
  return (
    <div>
      <h1>Moderation</h1>
      <ModerationTabs />
      <div className="toolbar">
        <p className="meta" role="status">
          {total} open {total === 1 ? 'report' : 'reports'} on {groups.length}{' '}
          {groups.length === 1 ? 'page' : 'pages'}
        </p>
        <nav aria-label="Order">
          Order:{' '}
          {order === 'newest' ? (
            <strong>newest first</strong>
          ) : (
            <Link to="?order=newest">newest first</Link>
          )}{' '}
          ·{' '}
          {order === 'most' ? (
            <strong>most reported</strong>
          ) : (
            <Link to="?order=most">most reported</Link>
          )}
        </nav>
      </div>
      <p className="hint">
        Keyboard: <kbd>j</kbd> next page, <kbd>k</kbd> previous, <kbd>o</kbd> open it.
      </p>
      {groups.length === 0 ? <p>Nothing to moderate. Well done.</p> : null}
      <ol className="plain-list" ref={list}>
        {groups.map((group, index) => (
          <li
            key={group.article.id}
            className="queue-group"
            aria-current={index === current ? 'true' : undefined}
          >
            <h2>
              <Link
                className="queue-open"
                to={`/moderation/pages/${group.article.slug}`}
                onFocus={() => setCurrent(index)}
              >
                {group.article.title}
              </Link>{' '}
              {group.article.moderationState !== 'VISIBLE' ? (
                <StatusBadge status={group.article.moderationState} />
              ) : null}
            </h2>
            <p className="meta">
              <strong>{group.reportCount}</strong> {group.reportCount === 1 ? 'report' : 'reports'}
              {group.reporterCount !== null
                ? ` from ${group.reporterCount} ${group.reporterCount === 1 ? 'reader' : 'readers'}`
                : ''}
              {' · '}
              {reasonSummary(group.reasons)} · {group.contactCount} with a contact · latest{' '}
              {formatDateTime(group.latestReportAt)}
            </p>
            <ul>
              {group.sections.map((section) => (
                <li key={section.anchor ?? '(page)'}>
                  {section.anchor ? (
                    <>
                      Section <code>#{section.anchor}</code>
                    </>
                  ) : (
                    'The whole page'
                  )}
                  : {section.reports.length} · {reasonSummary(section.reports.map((r) => r.reason))}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}
