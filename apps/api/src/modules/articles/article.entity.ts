import { Field, ID, ObjectType } from 'type-graphql';
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

@PartOfParent()
@ObjectType({ description: 'A published piece of writing, made of ordered sections.' })
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

  /** Exposed by the resolver, which withholds it for removed articles. */
  @Column({ type: 'text', nullable: true })
  summary: string | null;

  /** Exposed by the resolver, which withholds it for removed articles (as the rest below). */
  @Column({ type: 'varchar', length: 80, nullable: true })
  label: string | null;

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

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  // Exposed through ArticleResolver.createdAt, which withholds it on removed pages.
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  // Exposed through ArticleResolver.updatedAt, which withholds it on removed pages.
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'word_count', type: 'integer' })
  wordCount: number;

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

  /** Tag names when loaded with the article; otherwise the resolver batches them. */
  tagNames?: string[];

  /** The number of sections when a list loaded it; otherwise the resolver batches it. */
  sectionCount?: number;
}
