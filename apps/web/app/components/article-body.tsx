import { Link } from '@remix-run/react';
import type { SectionFieldsFragment } from '~/generated/graphql';
import { BlockView } from './block-view';

export const SECTION_FRAGMENT = /* GraphQL */ `
  fragment SectionFields on Section {
    id
    anchor
    heading
    blocks {
      ...BlockFields
    }
  }
`;

/** The sections in order; each headed one is a landmark with its own "Report this section". */
export function ArticleBody({
  slug,
  sections,
}: {
  slug: string;
  sections: readonly SectionFieldsFragment[];
}) {
  return (
    <div className="article-body">
      {sections.map((section) => (
        <section
          key={section.id}
          id={section.anchor}
          aria-labelledby={section.heading ? `${section.anchor}-heading` : undefined}
        >
          {section.heading ? (
            <h2 id={`${section.anchor}-heading`}>
              <a className="anchor" href={`#${section.anchor}`}>
                {section.heading}
              </a>
            </h2>
          ) : null}
          {section.blocks.map((block, index) => (
            <BlockView key={index} block={block} />
          ))}
          <p className="section-report">
            <Link
              to={`/articles/${slug}/report?section=${encodeURIComponent(section.anchor)}`}
              rel="nofollow"
            >
              Report this section
              <span className="visually-hidden">
                {section.heading ? `: ${section.heading}` : ''}
              </span>
            </Link>
          </p>
        </section>
      ))}
    </div>
  );
}
