import {
  json,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import {
  ArticleBody,
  BLOCK_FRAGMENT,
  INLINE_FRAGMENT,
  SECTION_FRAGMENT,
  TableOfContents,
  TOC_FRAGMENT,
} from '@folio/ui';
import { TagList } from '~/components/article-card';
import type {
  ArticlePreviewPageQuery,
  ArticlePreviewPageQueryVariables,
} from '~/generated/graphql';
import { readerContext } from '~/lib/context.server';
import { env } from '~/lib/env.server';
import { formatDate } from '~/lib/format';
import { apiFailure, NO_STORE } from '~/lib/http.server';

// A shared preview of an article, draft or not, for whoever holds the signed link an editor
// made in Studio. Never cached (private, no-store: the page cache keeps only public pages),
// never indexed, and marked as a preview so nobody mistakes it for the published page.

const ARTICLE_PREVIEW_QUERY = /* GraphQL */ `
  query ArticlePreviewPage($token: String!) {
    articlePreview(token: $token) {
      id
      slug
      title
      summary
      label
      author
      tags
      publishedAt
      readingTimeMinutes
      toc {
        ...TocFields
      }
      sections {
        ...SectionFields
      }
    }
  }
  ${TOC_FRAGMENT}
  ${SECTION_FRAGMENT}
  ${BLOCK_FRAGMENT}
  ${INLINE_FRAGMENT}
`;

const PREVIEW_HEADERS = { 'Cache-Control': NO_STORE, 'X-Robots-Tag': 'noindex, nofollow' };

/** <link id>.<expiry>.<signature>: anything else is not worth asking the API about. */
const PLAUSIBLE_TOKEN = /^[0-9a-f-]{36}\.\d{1,12}\.[A-Za-z0-9_-]{43}$/;

export async function loader({ params, context }: LoaderFunctionArgs) {
  const token = params.token ?? '';
  const gone = () =>
    new Response('This preview link is not valid: it may have expired or been revoked.', {
      status: 404,
      statusText: 'Not Found',
      headers: PREVIEW_HEADERS,
    });
  if (!PLAUSIBLE_TOKEN.test(token)) throw gone();
  const { api, requestId } = readerContext(context);
  let article: ArticlePreviewPageQuery['articlePreview'];
  try {
    ({ articlePreview: article } = await api.request<
      ArticlePreviewPageQuery,
      ArticlePreviewPageQueryVariables
    >(ARTICLE_PREVIEW_QUERY, { token }, { requestId }));
  } catch (error) {
    return apiFailure(error);
  }
  if (!article) throw gone();
  return json({ article, siteName: env().SITE_NAME }, { headers: PREVIEW_HEADERS });
}

export const headers: HeadersFunction = () => PREVIEW_HEADERS;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Preview: ${data?.article.title ?? 'article'} · ${data?.siteName ?? 'Folio'}` },
  { name: 'robots', content: 'noindex, nofollow' },
];

export default function ArticlePreviewPage() {
  const { article } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="preview-banner" role="note" data-testid="preview-banner">
        <strong>Preview</strong> — not published in this form. Please do not share this link
        further.
      </p>
      <article className="article" aria-labelledby="article-title">
        <header>
          {article.label ? <p className="label">{article.label}</p> : null}
          <h1 id="article-title">{article.title}</h1>
          {article.summary ? <p className="standfirst">{article.summary}</p> : null}
          <p className="meta">
            {article.author ? <span>By {article.author} · </span> : null}
            {article.publishedAt ? (
              <>
                Published{' '}
                <time dateTime={article.publishedAt}>{formatDate(article.publishedAt)}</time>
              </>
            ) : (
              <span>Not published yet</span>
            )}
            <span> · {article.readingTimeMinutes} min read</span>
          </p>
          {article.tags.length > 0 ? <TagList tags={article.tags} /> : null}
        </header>
        <TableOfContents entries={article.toc} />
        <ArticleBody slug={article.slug} sections={article.sections} reportLinks={false} />
      </article>
    </>
  );
}
