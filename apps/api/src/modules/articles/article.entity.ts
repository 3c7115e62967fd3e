import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { Section } from '../sections/section.entity.js';
import { ArticleStatus, ModerationState } from './article-status.js';
import { PartOfParent } from '../../graphql/cache-control.js';

// simpleResolvers: no type-graphql handler per field. The fields a removed page withholds get
// plain resolvers that decide it (article-fields.ts), installed on the built schema; the
// build fails if one of them has none, so none can slip out unwithheld.
@PartOfParent()
@ObjectType({
  simpleResolvers: true,
  description: 'A published piece of writing, made of ordered sections.',
})
@Entity({ name: 'articles' })
export class Article {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String, { description: 'Unique, URL-safe; the key readers and integrators use.' })
  @Column({ type: 'varchar', length: 200, unique: true })
  slug: string;

  @Field(() => String)
  @Column({ type: 'text' })
  title: string;

  /** Withheld on removed pages for anonymous callers (article-fields.ts), as the rest below. */
  @Field(() => String, {
    nullable: true,
    description: 'The standfirst shown under the title.',
  })
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The kind of page, e.g. "Blog Article".',
  })
  @Column({ type: 'varchar', length: 80, nullable: true })
  label: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'varchar', length: 200, nullable: true })
  author: string | null;

  @Column({ type: 'enum', enum: ArticleStatus, enumName: 'article_status' })
  status: ArticleStatus;

  @Field(() => ModerationState)
  @Column({
    name: 'moderation_state',
    type: 'enum',
    enum: ModerationState,
    enumName: 'moderation_state',
  })
  moderationState: ModerationState;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'Null only on a removed page, for callers without a staff token.',
  })
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'Null only on a removed page, for callers without a staff token.',
  })
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => Int)
  @Column({ name: 'word_count', type: 'integer' })
  wordCount: number;

  @Field(() => Int)
  @Column({ name: 'reading_time_minutes', type: 'integer' })
  readingTimeMinutes: number;

  /** The importer's key for the article in the system it came from; never exposed. */
  @Column({ name: 'source_key', type: 'text', nullable: true, select: false })
  sourceKey?: string | null;

  /** Fingerprint of what the last import wrote; an identical re-import writes nothing. */
  @Column({ name: 'source_hash', type: 'char', length: 64, nullable: true, select: false })
  sourceHash?: string | null;

  /** Loaded with the article by `article(slug)`; lists load sections through a DataLoader. */
  @OneToMany('Section', (section: Section) => section.article)
  sections?: Section[];

  /**
   * Tag names when loaded with the article; otherwise the field's resolver batches them. Both
   * this and sectionCount come from copies on the row (`tag_names`, `section_count`) that
   * triggers keep (migration 1764960000000); they are not mapped, so TypeORM never writes them.
   */
  @Field(() => [String], { name: 'tags' })
  tagNames?: string[];

  /**
   * The related articles `article(slug)` read in its own statement, for the `first` it was
   * asked for (article.service.ts); otherwise `related` loads them. Neither a column nor a field.
   */
  prefetchedRelated?: { first: number; articles: Article[] };

  /** The number of sections when a list loaded it; otherwise the field's resolver batches it. */
  @Field(() => Int, { description: 'How many sections it has; cheaper than asking for them.' })
  sectionCount?: number;
}
