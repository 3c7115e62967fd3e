import type { GraphQLResolveInfo } from 'graphql';
import { selectsField, subfieldsOf } from '../../graphql/selects-field.js';
import { OPTIONAL_SECTION_FIELDS, type SectionFields } from './article-document.js';

// Section fields read straight from the document's four columns that every document carries.
const ALWAYS = new Set(['__typename', 'heading', 'anchor', 'blocks', 'text']);
const OPTIONAL: ReadonlySet<string> = new Set(OPTIONAL_SECTION_FIELDS);

/**
 * Which of each section's optional fields the article being resolved must carry: those its
 * `sections` ask for, and `position` for its table of contents (`toc` reads it). Any other
 * field of Section (`markdown`, or one added later) and anything the look-ahead cannot tell
 * give `all`, so a resolver never meets a section without what it reads.
 */
export function sectionFieldsAskedFor(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
): SectionFields {
  const asked = subfieldsOf(info, 'sections');
  if (asked === null) return 'all';
  const wanted = new Set<string>();
  for (const name of asked) {
    if (OPTIONAL.has(name)) wanted.add(name);
    else if (!ALWAYS.has(name)) return 'all';
  }
  if (selectsField(info, 'toc')) wanted.add('position');
  return OPTIONAL_SECTION_FIELDS.filter((field) => wanted.has(field));
}
