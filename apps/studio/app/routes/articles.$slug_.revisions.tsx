import { isArticleSlug } from '@folio/contract';
import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { BLOCK_FRAGMENT, INLINE_FRAGMENT } from '@folio/ui';
import { ArticleTabs } from '~/components/article-tabs';
import { CsrfField } from '~/components/csrf-field';
import type {
  RestoreRevisionMutation,
  RestoreRevisionMutationVariables,
  RevisionContentQuery,
  RevisionContentQueryVariables,
  RevisionListQuery,
  RevisionListQueryVariables,
  RevisionsPageQuery,
  RevisionsPageQueryVariables,
} from '~/generated/graphql';
import { formatDateTime } from '~/lib/format';
import { noStore } from '~/lib/http';
import { hasChanges, revisionDiff } from '~/lib/revision-diff';
import {
  readForm,
  redirectWithNotice,
  refusal,
  requireStaff,
  type Staff,
} from '~/lib/staff.server';

const REVISIONS_QUERY = /* GraphQL */ `
  query RevisionsPage($slug: String!) {
    article(slug: $slug, preview: true) {
      id
      slug
      title
    }
  }
`;

const REVISION_LIST_QUERY = /* GraphQL */ `
  query RevisionList($articleId: ID!) {
    articleRevisions(articleId: $articleId) {
      id
      number
      reason
      status
      title
      createdAt
    }
  }
`;

const REVISION_CONTENT_QUERY = /* GraphQL */ `
  query RevisionContent($id: ID!) {
    articleRevision(id: $id) {
      id
      number
      title
      summary
      tags
      sections {
        anchor
        heading
        blocks {
          ...BlockFields
        }
      }
    }
  }
  ${BLOCK_FRAGMENT}
  ${INLINE_FRAGMENT}
`;

const RESTORE_REVISION = /* GraphQL */ `
  mutation RestoreRevision($id: ID!) {
    restoreRevision(id: $id) {
      id
      slug
    }
  }
`;

async function loadArticle(staff: Staff, slug: string | undefined) {
  if (!slug || !isArticleSlug(slug)) throw json({ message: 'No such article.' }, { status: 404 });
  const { article } = await staff.call<RevisionsPageQuery, RevisionsPageQueryVariables>(
    REVISIONS_QUERY,
    { slug },
  );
  if (!article) throw json({ message: 'No such article.' }, { status: 404 });
  return article;
}

async function revisionContent(staff: Staff, id: string) {
  const { articleRevision } = await staff.call<RevisionContentQuery, RevisionContentQueryVariables>(
    REVISION_CONTENT_QUERY,
    { id },
  );
  return articleRevision;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Revisions of ${data?.article.title ?? 'an article'} · Folio Studio` },
];
export const headers = noStore;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, ['EDITOR'], context);
  const article = await loadArticle(staff, params.slug);
  const { articleRevisions } = await staff.call<RevisionListQuery, RevisionListQueryVariables>(
    REVISION_LIST_QUERY,
    { articleId: article.id },
  );
  const url = new URL(request.url);
  // By default: what the newest save changed.
  // Either revision ids (the compare form) or numbers (= versions, from an edit conflict).
  const byNumber = (name: string) =>
    articleRevisions.find((r) => String(r.number) === url.searchParams.get(name))?.id;
  const fromId =
    url.searchParams.get('from') ?? byNumber('fromNumber') ?? articleRevisions[1]?.id ?? null;
  const toId =
    url.searchParams.get('to') ?? byNumber('toNumber') ?? articleRevisions[0]?.id ?? null;
  const known = (id: string | null) => !!id && articleRevisions.some((r) => r.id === id);
  let diff = null;
  if (known(fromId) && known(toId) && fromId !== toId) {
    const [from, to] = await Promise.all([
      revisionContent(staff, fromId!),
      revisionContent(staff, toId!),
    ]);
    if (from && to) {
      const pieces = revisionDiff(from, to);
      diff = { from: from.number, to: to.number, pieces, changed: hasChanges(pieces) };
    }
  }
  return json({ article, revisions: articleRevisions, fromId, toId, diff });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request, ['EDITOR']);
  const form = await readForm(request);
  const article = await loadArticle(staff, params.slug);
  const id = String(form.get('revisionId') ?? '');
  const number = String(form.get('number') ?? '');
  try {
    await staff.call<RestoreRevisionMutation, RestoreRevisionMutationVariables>(RESTORE_REVISION, {
      id,
    });
  } catch (error) {
    const refused = refusal(error);
    if (refused) return json({ error: refused.message }, { status: 400 });
    throw error;
  }
  return redirectWithNotice(
    request,
    `/articles/${article.slug}/revisions`,
    `Revision ${number} restored, as a new revision.`,
  );
}

export default function RevisionsPage() {
  const { article, revisions, fromId, toId, diff } = useLoaderData<typeof loader>();
  return (
    <div>
      <p className="label">
        <Link to="/articles">Articles</Link> / revisions
      </p>
      <h1>{article.title}</h1>
      <ArticleTabs slug={article.slug} />
      <section aria-labelledby="compare-title" className="panel">
        <h2 id="compare-title">Compare two revisions</h2>
        <Form method="get" className="toolbar">
          <div className="field">
            <label htmlFor="from">From</label>
            <select id="from" name="from" defaultValue={fromId ?? undefined}>
              {revisions.map((revision) => (
                <option key={revision.id} value={revision.id}>
                  {revision.number} · {revision.reason} · {formatDateTime(revision.createdAt)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="to">To</label>
            <select id="to" name="to" defaultValue={toId ?? undefined}>
              {revisions.map((revision) => (
                <option key={revision.id} value={revision.id}>
                  {revision.number} · {revision.reason} · {formatDateTime(revision.createdAt)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">Compare</button>
        </Form>
        {diff ? (
          <div
            className="diff"
            aria-label={`Changes from revision ${diff.from} to ${diff.to}`}
            role="region"
          >
            <p className="hint">
              From revision {diff.from} to {diff.to}: <ins>added</ins>, <del>removed</del>.
            </p>
            {diff.changed ? (
              <pre data-testid="diff">
                {diff.pieces.map((piece, index) =>
                  piece.kind === 'added' ? (
                    <ins key={index}>{piece.text}</ins>
                  ) : piece.kind === 'removed' ? (
                    <del key={index}>{piece.text}</del>
                  ) : (
                    <span key={index}>{piece.text}</span>
                  ),
                )}
              </pre>
            ) : (
              <p>These two revisions have the same content.</p>
            )}
          </div>
        ) : null}
      </section>
      <table className="data">
        <caption>Revisions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">What</th>
            <th scope="col">Status</th>
            <th scope="col">Title</th>
            <th scope="col">Saved</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((revision, index) => (
            <tr key={revision.id}>
              <td>{revision.number}</td>
              <td>{revision.reason}</td>
              <td>{revision.status.toLowerCase()}</td>
              <td>{revision.title}</td>
              <td>{formatDateTime(revision.createdAt)}</td>
              <td>
                {index > 0 ? (
                  <Form method="post" className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="revisionId" value={revision.id} />
                    <input type="hidden" name="number" value={revision.number} />
                    <button type="submit" className="secondary">
                      Restore<span className="visually-hidden"> revision {revision.number}</span>
                    </button>
                  </Form>
                ) : (
                  <span className="hint">current</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
