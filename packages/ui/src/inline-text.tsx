import type { InlineFieldsFragment } from './generated/graphql.js';

export const INLINE_FRAGMENT = /* GraphQL */ `
  fragment InlineFields on Inline {
    text
    marks
    href
  }
`;

const SAFE_HREF = /^(https?:|mailto:|\/|#|\.{0,2}\/)/i;

/** Only links the API would store; anything else (javascript:, data:) is shown as plain text. */
export function safeHref(href: string | null | undefined): string | undefined {
  if (!href) return undefined;
  if (SAFE_HREF.test(href)) return href;
  return /^[^:/?#]+(?:[/?#]|$)/.test(href) ? href : undefined;
}

/** Runs of text with their marks; React escapes the text, so stored markup stays inert. */
export function InlineText({ inlines }: { inlines: readonly InlineFieldsFragment[] }) {
  return (
    <>
      {inlines.map((inline, index) => {
        let node: React.ReactNode = inline.text;
        if (inline.marks.includes('CODE')) node = <code>{node}</code>;
        if (inline.marks.includes('EMPHASIS')) node = <em>{node}</em>;
        if (inline.marks.includes('STRONG')) node = <strong>{node}</strong>;
        const href = safeHref(inline.href);
        if (href) {
          const external = /^https?:/i.test(href);
          node = (
            <a href={href} {...(external ? { rel: 'noopener noreferrer' } : {})}>
              {node}
            </a>
          );
        }
        return <span key={index}>{node}</span>;
      })}
    </>
  );
}
