import type { TocFieldsFragment } from './generated/graphql.js';

export const TOC_FRAGMENT = /* GraphQL */ `
  fragment TocFields on TocEntry {
    anchor
    heading
  }
`;

export function TableOfContents({ entries }: { entries: readonly TocFieldsFragment[] }) {
  if (entries.length === 0) return null;
  return (
    <nav className="toc" aria-labelledby="toc-title">
      <h2 id="toc-title">Contents</h2>
      <ol>
        {entries.map((entry) => (
          <li key={entry.anchor}>
            <a href={`#${entry.anchor}`}>{entry.heading}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
