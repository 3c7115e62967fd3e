import type { Block } from '@folio/content';
import { Authorized, FieldResolver, Resolver, Root } from 'type-graphql';
import { Role } from '../auth/role.js';
import { Section } from '../sections/section.entity.js';
import { blocksToMarkdown } from './blocks-markdown.js';

@Resolver(() => Section)
export class SectionMarkdownResolver {
  @Authorized(Role.EDITOR)
  @FieldResolver(() => String, {
    description:
      'Editors only. The body as Markdown, to edit and send back with updateSection; the heading is separate.',
  })
  markdown(@Root() section: Section): string {
    return blocksToMarkdown(section.blocks as Block[]);
  }
}
