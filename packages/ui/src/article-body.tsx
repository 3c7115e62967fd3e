import { Link } from '@remix-run/react';
import type { ReactNode } from 'react';
import type { SectionFieldsFragment } from './generated/graphql.js';
import { BlockView } from './block-view.js';

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

export interface ArticleBodyProps {
  slug: string;
  sections: readonly SectionFieldsFragment[];
  /** Readers can report published pages; previews and Studio show none of those links. */
  reportLinks?: boolean;
  /** A moderator's view: this section is marked as the one readers reported. */
  highlightAnchor?: string | null;
  /**
   * Render the report links as the HTML a Remix <Link> renders, without rendering a <Link>:
   * for a body the browser keeps as server HTML (the reader's article page), where client-side
   * navigation is handed to Remix by the page itself. A <Link> per section (its hooks resolve
   * and match the path) was a good share of the page's server render. The reader now sends
   * articleBodyHtml's text for that body, tested byte for byte against this render.
   */
  plainLinks?: boolean;
}

/** The sections in order; each headed one is a landmark with its own "Report this section". */
export function ArticleBody({
  slug,
  sections,
  reportLinks = true,
  highlightAnchor = null,
  plainLinks = false,
}: ArticleBodyProps) {
  return (
    <div className="article-body">
      {sections.map((section) => (
        <section
          key={section.id}
          id={section.anchor}
          aria-labelledby={section.heading ? `${section.anchor}-heading` : undefined}
          className={section.anchor === highlightAnchor ? 'reported-section' : undefined}
          data-reported={section.anchor === highlightAnchor ? 'true' : undefined}
        >
          {section.anchor === highlightAnchor ? (
            <p className="reported-section-note">Reported section</p>
          ) : null}
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
          {reportLinks ? (
            <p className="section-report">
              <ReportLink
                to={`/articles/${slug}/report?section=${encodeURIComponent(section.anchor)}`}
                plain={plainLinks}
              >
                Report this section
                <span className="visually-hidden">
                  {section.heading ? `: ${section.heading}` : ''}
                </span>
              </ReportLink>
            </p>
          ) : null}
        </section>
      ))}
    </div>
  );
}

function ReportLink({ to, plain, children }: { to: string; plain: boolean; children: ReactNode }) {
  // data-discover: what <Link> adds for Remix's route discovery, which reads it from the DOM.
  return plain ? (
    <a rel="nofollow" data-discover="true" href={to}>
      {children}
    </a>
  ) : (
    <Link to={to} rel="nofollow">
      {children}
    </Link>
  );
}
