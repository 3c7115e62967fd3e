import { isArticleSlug } from '@folio/contract';
import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ArticleTabs } from '~/components/article-tabs';
import { CsrfField } from '~/components/csrf-field';
import type {
  CreatePreviewLinkMutation,
  CreatePreviewLinkMutationVariables,
  PreviewLinksPageQuery,
  PreviewLinksPageQueryVariables,
  PreviewLinkListQuery,
  PreviewLinkListQueryVariables,
  RevokePreviewLinkMutation,
  RevokePreviewLinkMutationVariables,
} from '~/generated/graphql';
import { env } from '~/lib/env.server';
import { formatDateTime } from '~/lib/format';
import { noStore } from '~/lib/http';
import {
  readForm,
  redirectWithNotice,
  refusal,
  requireStaff,
  type Staff,
} from '~/lib/staff.server';

const PREVIEW_LINKS_QUERY = /* GraphQL */ `
  query PreviewLinksPage($slug: String!) {
    article(slug: $slug, preview: true) {
      id
      slug
      title
      status
    }
  }
`;

const PREVIEW_LINK_LIST = /* GraphQL */ `
  query PreviewLinkList($articleId: ID!) {
    previewLinks(articleId: $articleId) {
      id
      token
      createdAt
      createdBy
      expiresAt
      revokedAt
      live
    }
  }
`;

const CREATE_PREVIEW_LINK = /* GraphQL */ `
  mutation CreatePreviewLink($articleId: ID!, $expiresInHours: Int) {
    createPreviewLink(articleId: $articleId, expiresInHours: $expiresInHours) {
      id
      token
    }
  }
`;

const REVOKE_PREVIEW_LINK = /* GraphQL */ `
  mutation RevokePreviewLink($id: ID!) {
    revokePreviewLink(id: $id) {
      id
    }
  }
`;

const LIFETIMES = [
  { hours: 24, label: '1 day' },
  { hours: 72, label: '3 days' },
  { hours: 168, label: '1 week' },
  { hours: 720, label: '30 days' },
];

async function loadArticle(staff: Staff, slug: string | undefined) {
  if (!slug || !isArticleSlug(slug)) throw json({ message: 'No such article.' }, { status: 404 });
  const { article } = await staff.call<PreviewLinksPageQuery, PreviewLinksPageQueryVariables>(
    PREVIEW_LINKS_QUERY,
    { slug },
  );
  if (!article) throw json({ message: 'No such article.' }, { status: 404 });
  return article;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Preview links for ${data?.article.title ?? 'an article'} · Folio Studio` },
];
export const headers = noStore;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, ['EDITOR'], context);
  const article = await loadArticle(staff, params.slug);
  const { previewLinks } = await staff.call<PreviewLinkListQuery, PreviewLinkListQueryVariables>(
    PREVIEW_LINK_LIST,
    { articleId: article.id },
  );
  const readerUrl = env().READER_URL;
  return json({
    article,
    links: previewLinks.map(({ token, ...link }) => ({
      ...link,
      url: `${readerUrl}/preview/${encodeURIComponent(token)}`,
    })),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, ['EDITOR'], context);
  const form = await readForm(request);
  const article = await loadArticle(staff, params.slug);
  const here = `/articles/${article.slug}/previews`;
  try {
    if (form.get('intent') === 'revoke') {
      await staff.call<RevokePreviewLinkMutation, RevokePreviewLinkMutationVariables>(
        REVOKE_PREVIEW_LINK,
        { id: String(form.get('linkId') ?? '') },
      );
      return redirectWithNotice(request, here, 'Preview link revoked: it no longer opens.');
    }
    const hours = Number(form.get('expiresInHours'));
    await staff.call<CreatePreviewLinkMutation, CreatePreviewLinkMutationVariables>(
      CREATE_PREVIEW_LINK,
      {
        articleId: article.id,
        expiresInHours: LIFETIMES.some((l) => l.hours === hours) ? hours : 72,
      },
    );
    return redirectWithNotice(request, here, 'Preview link created. Copy it from the list below.');
  } catch (error) {
    const refused = refusal(error);
    if (refused) return json({ error: refused.message }, { status: 400 });
    throw error;
  }
}

export default function PreviewLinksPage() {
  const { article, links } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <p className="label">
        <Link to="/articles">Articles</Link> / preview links
      </p>
      <h1>{article.title}</h1>
      <ArticleTabs slug={article.slug} />
      <p>
        Anyone with a preview link can read this article as it is now, draft or not, without an
        account, until the link expires or you revoke it. Search engines are told not to index it.
      </p>
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      <Form method="post" className="toolbar">
        <CsrfField />
        <input type="hidden" name="intent" value="create" />
        <div className="field">
          <label htmlFor="expiresInHours">Valid for</label>
          <select id="expiresInHours" name="expiresInHours" defaultValue="72">
            {LIFETIMES.map((lifetime) => (
              <option key={lifetime.hours} value={lifetime.hours}>
                {lifetime.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Create preview link</button>
      </Form>
      <table className="data">
        <caption>Preview links, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Link</th>
            <th scope="col">Made by</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => (
            <tr key={link.id}>
              <td>
                {link.live ? (
                  <a href={link.url} className="preview-url" data-testid="preview-url">
                    {link.url}
                  </a>
                ) : (
                  <span className="hint">no longer opens</span>
                )}
              </td>
              <td>{link.createdBy}</td>
              <td>{formatDateTime(link.createdAt)}</td>
              <td>{formatDateTime(link.expiresAt)}</td>
              <td>{link.live ? 'live' : link.revokedAt ? 'revoked' : 'expired'}</td>
              <td>
                {link.live ? (
                  <Form method="post" className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="linkId" value={link.id} />
                    <button type="submit" className="secondary">
                      Revoke<span className="visually-hidden"> this link</span>
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
