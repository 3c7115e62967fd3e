import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData, useNavigate } from '@remix-run/react';
import { useMemo, useRef, useState } from 'react';
import { ModerationTabs } from '~/components/moderation-tabs';
import { StatusBadge } from '~/components/status-badge';
import type { ModerationQueueQuery, ModerationQueueQueryVariables } from '~/generated/graphql';
import { formatDateTime } from '~/lib/format';
import { noStore } from '~/lib/http';
import { REASON_LABELS } from '~/lib/reasons';
import { useShortcuts } from '~/lib/shortcuts';
import { requireStaff } from '~/lib/staff.server';

const QUEUE_QUERY = /* GraphQL */ `
  query ModerationQueue($order: QueueOrder!) {
    moderationQueue(order: $order, first: 50) {
      totalCount
      items {
        article {
          id
          slug
          title
        }
        moderationState
        autoHidden
        flagReason
        reportCount
        reporterCount
        networkCount
        latestReportAt
        reasons {
          reason
          count
        }
        sections {
          sectionAnchor
          reportCount
          reporterCount
          networkCount
          reasons {
            reason
            count
          }
          reports {
            id
            contactEmail
          }
        }
      }
    }
  }
`;

export const meta: MetaFunction = () => [{ title: 'Moderation queue · Folio Studio' }];
export const headers = noStore;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, ['MODERATOR'], context);
  const order = new URL(request.url).searchParams.get('order') === 'most' ? 'most' : 'newest';
  const { moderationQueue } = await staff.call<ModerationQueueQuery, ModerationQueueQueryVariables>(
    QUEUE_QUERY,
    { order: order === 'most' ? 'MOST_REPORTED' : 'NEWEST' },
  );
  return json({
    order,
    total: moderationQueue.items.reduce((sum, item) => sum + item.reportCount, 0),
    groups: moderationQueue.items.map((item) => ({
      ...item,
      contactCount: item.sections.reduce(
        (sum, section) => sum + section.reports.filter((r) => r.contactEmail).length,
        0,
      ),
    })),
  });
}

const reasonText = (reasons: ReadonlyArray<{ reason: string; count: number }>) =>
  reasons
    .map((r) => `${REASON_LABELS[r.reason] ?? r.reason}${r.count > 1 ? ` ×${r.count}` : ''}`)
    .join(', ');

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
              {group.moderationState !== 'VISIBLE' ? (
                <StatusBadge status={group.moderationState} />
              ) : null}
              {group.flagReason ? <span className="badge">flagged: {group.flagReason}</span> : null}
            </h2>
            <p className="meta">
              <strong>{group.reportCount}</strong> {group.reportCount === 1 ? 'report' : 'reports'}
              {` from ${group.reporterCount} ${group.reporterCount === 1 ? 'reader' : 'readers'} on ${group.networkCount} ${group.networkCount === 1 ? 'network' : 'networks'}`}
              {' · '}
              {reasonText(group.reasons)} · {group.contactCount} with a contact · latest{' '}
              {formatDateTime(group.latestReportAt)}
            </p>
            <ul>
              {group.sections.map((section) => (
                <li key={section.sectionAnchor ?? '(page)'}>
                  {section.sectionAnchor ? (
                    <>
                      Section <code>#{section.sectionAnchor}</code>
                    </>
                  ) : (
                    'The whole page'
                  )}
                  : {section.reportCount} from {section.reporterCount} ·{' '}
                  {reasonText(section.reasons)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}
