import { type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import {
  ArticleBody,
  articleBodyHtml,
  BLOCK_FRAGMENT,
  INLINE_FRAGMENT,
  SECTION_FRAGMENT,
  TableOfContents,
  type TocFieldsFragment,
} from '@folio/ui';
import { ArticleCard, ARTICLE_CARD_FRAGMENT, TagList } from '~/components/article-card';
import type { ArticlePageQuery, ArticlePageQueryVariables } from '~/generated/graphql';
import { KeptServerHtml } from '~/components/kept-server-html';
import { SiteLink } from '~/components/site-link';
import { keepOutOfPageData, readerContext } from '~/lib/context.server';
import { env } from '~/lib/env.server';
import { formatDate } from '~/lib/format';
import { pageData } from '~/lib/page-data.server';
import { useServerOnlyData } from '~/lib/server-only-data';
import {
  apiFailure,
  cacheHeaders,
  isPlausibleSlug,
  notFound,
  PUBLIC_CACHE,
} from '~/lib/http.server';

const ARTICLE_PAGE_QUERY = /* GraphQL */ `
  query ArticlePage($slug: String!) {
    article(slug: $slug) {
      slug
      title
      summary
      label
      author
      tags
      publishedAt
      updatedAt
      readingTimeMinutes
      moderationState
      sections {
        ...SectionFields
      }
      related(first: 3) {
        ...ArticleCardFields
      }
    }
  }
  ${SECTION_FRAGMENT}
  ${BLOCK_FRAGMENT}
  ${INLINE_FRAGMENT}
  ${ARTICLE_CARD_FRAGMENT}
`;

export async function loader({ params, context }: LoaderFunctionArgs) {
  if (!isPlausibleSlug(params.slug)) throw notFound();
  const { api, requestId } = readerContext(context);
  let article: ArticlePageQuery['article'];
  try {
    ({ article } = await api.request<ArticlePageQuery, ArticlePageQueryVariables>(
      ARTICLE_PAGE_QUERY,
      { slug: params.slug },
      { requestId },
    ));
  } catch (error) {
    return apiFailure(error);
  }
  if (!article) throw notFound();
  if (article.moderationState === 'REMOVED') {
    throw new Response('Removed', {
      status: 410,
      statusText: 'Gone',
      headers: { 'Cache-Control': PUBLIC_CACHE },
    });
  }
  const { PUBLIC_URL, SITE_NAME } = env();
  // The body is rendered on the server and kept by the browser as HTML: only a client-side
  // navigation, which has no HTML to keep, gets it as data. Never hydrated, it is rendered as
  // HTML text by articleBodyHtml (the same bytes as <ArticleBody plainLinks>), not by React.
  const { sections, ...rest } = article;
  const bodyKept = keepOutOfPageData(context, ARTICLE_BODY, () =>
    articleBodyHtml(article.slug, sections),
  );
  const data = {
    article: { ...rest, toc: tableOfContents(sections), sections: bodyKept ? null : sections },
    canonicalUrl: new URL(`/articles/${article.slug}`, PUBLIC_URL).href,
    siteName: SITE_NAME,
  };
  return pageData(context, data, { headers: { 'Cache-Control': PUBLIC_CACHE } });
}

const ARTICLE_BODY = 'article-body';

/**
 * The page's table of contents, from the sections it has anyway (the API's `toc` field is the
 * same rule: one entry per headed section, in order), rather than asking the API for a second
 * list of the same anchors and headings.
 */
function tableOfContents(sections: Sections): TocFieldsFragment[] {
  return sections.flatMap(({ anchor, heading }) => (heading ? [{ anchor, heading }] : []));
}
type Sections = NonNullable<ArticlePageQuery['article']>['sections'];

export const headers: HeadersFunction = cacheHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [];
  const { article, canonicalUrl, siteName } = data;
  const description = article.summary ?? `${article.title}, on ${siteName}.`;
  return [
    { title: `${article.title} · ${siteName}` },
    { name: 'description', content: description },
    { tagName: 'link', rel: 'canonical', href: canonicalUrl },
    { property: 'og:type', content: 'article' },
    { property: 'og:site_name', content: siteName },
    { property: 'og:title', content: article.title },
    { property: 'og:description', content: description },
    { property: 'og:url', content: canonicalUrl },
    ...(article.publishedAt
      ? [{ property: 'article:published_time', content: article.publishedAt }]
      : []),
    { name: 'twitter:card', content: 'summary' },
    { name: 'twitter:title', content: article.title },
    { name: 'twitter:description', content: description },
    ...(article.moderationState === 'UNDER_REVIEW' ? [{ name: 'robots', content: 'noindex' }] : []),
    {
      'script:ld+json': {
        '@context': 'https://schema.org',
        '@type': 'Article',
        headline: article.title,
        description,
        datePublished: article.publishedAt,
        dateModified: article.updatedAt ?? undefined,
        author: article.author ? { '@type': 'Person', name: article.author } : undefined,
        mainEntityOfPage: canonicalUrl,
        keywords: article.tags.join(', '),
      },
    },
  ];
};

export default function ArticlePage() {
  const { article } = useLoaderData<typeof loader>();
  // Server: the body's HTML, from the load context. Browser: the sections, from the data after
  // a client-side navigation; otherwise the server's HTML is kept.
  const keptBodyHtml = useServerOnlyData<string>(ARTICLE_BODY);
  return (
    <article className="article" aria-labelledby="article-title">
      {article.moderationState === 'UNDER_REVIEW' ? (
        <p className="notice" role="note">
          <strong>Under review.</strong> Readers have reported this page and moderators are looking
          at it. It stays readable meanwhile.
        </p>
      ) : null}
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
          ) : null}
          {article.updatedAt &&
          article.publishedAt &&
          article.updatedAt.slice(0, 10) > article.publishedAt.slice(0, 10) ? (
            <>
              {' '}
              · Updated <time dateTime={article.updatedAt}>{formatDate(article.updatedAt)}</time>
            </>
          ) : null}
          <span> · {article.readingTimeMinutes} min read</span>
        </p>
        {article.tags.length > 0 ? <TagList tags={article.tags} /> : null}
      </header>
      <TableOfContents entries={article.toc} />
      {article.sections ? (
        <ArticleBody key={article.slug} slug={article.slug} sections={article.sections} />
      ) : keptBodyHtml !== undefined ? (
        // The element KeptServerHtml keeps in the browser (which also handles its links).
        <div
          key={article.slug}
          className="article-body"
          dangerouslySetInnerHTML={{ __html: keptBodyHtml }}
        />
      ) : (
        <KeptServerHtml key={article.slug} className="article-body" />
      )}
      <footer className="article-footer">
        <p>
          <SiteLink to={`/articles/${article.slug}/report`} rel="nofollow">
            Report this page
          </SiteLink>
        </p>
        {article.related.length > 0 ? (
          <section className="related" aria-labelledby="related-title">
            <h2 id="related-title">Related articles</h2>
            {article.related.map((related) => (
              <ArticleCard key={related.id} article={related} headingLevel={3} />
            ))}
          </section>
        ) : null}
      </footer>
    </article>
  );
}
