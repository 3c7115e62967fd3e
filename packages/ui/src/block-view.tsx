import type { BlockFieldsFragment } from './generated/graphql.js';
import { InlineText, safeHref } from './inline-text.js';

export const BLOCK_FRAGMENT = /* GraphQL */ `
  fragment BlockFields on Block {
    __typename
    ... on Paragraph {
      inlines {
        ...InlineFields
      }
    }
    ... on List {
      ordered
      start
      items {
        ...InlineFields
      }
    }
    ... on Quote {
      paragraphs {
        ...InlineFields
      }
      attribution
    }
    ... on Code {
      language
      code
    }
    ... on Image {
      src
      alt
      title
    }
  }
`;

/** One typed block as semantic HTML. Never raw HTML from storage. */
export function BlockView({ block }: { block: BlockFieldsFragment }) {
  switch (block.__typename) {
    case 'Paragraph':
      return (
        <p>
          <InlineText inlines={block.inlines} />
        </p>
      );
    case 'List': {
      const items = block.items.map((item, index) => (
        <li key={index}>
          <InlineText inlines={item} />
        </li>
      ));
      return block.ordered ? <ol start={block.start ?? undefined}>{items}</ol> : <ul>{items}</ul>;
    }
    case 'Quote':
      return (
        <figure className="quote">
          <blockquote>
            {block.paragraphs.map((paragraph, index) => (
              <p key={index}>
                <InlineText inlines={paragraph} />
              </p>
            ))}
          </blockquote>
          {block.attribution ? <figcaption>— {block.attribution}</figcaption> : null}
        </figure>
      );
    case 'Code':
      return (
        <pre data-language={block.language ?? undefined}>
          <code>{block.code}</code>
        </pre>
      );
    case 'Image': {
      const src = safeHref(block.src);
      if (!src) return null;
      return (
        <figure>
          <img src={src} alt={block.alt} loading="lazy" />
          {block.title ? <figcaption>{block.title}</figcaption> : null}
        </figure>
      );
    }
    default:
      return null;
  }
}
