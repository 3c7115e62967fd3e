import type { Block } from '@folio/content';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** What a revision keeps: everything an editor can change. */
export interface ArticleSnapshot {
  slug: string;
  title: string;
  summary: string | null;
  label: string | null;
  author: string | null;
  tags: string[];
  status: string;
  publishedAt: string | null;
  /** `id` is kept from this migration on, so a diff can follow a section whose heading changed. */
  sections: Array<{ id?: string; heading: string | null; anchor: string; blocks: Block[] }>;
}

@Entity({ name: 'article_revisions' })
export class ArticleRevision {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'article_id', type: 'uuid' })
  articleId: string;

  @Column({ type: 'integer' })
  number: number;

  @Column({ type: 'varchar', length: 40 })
  reason: string;

  @Column({ type: 'jsonb' })
  snapshot: ArticleSnapshot;

  /** The API token that saved it, if a token did. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  /** The staff user who saved it, if a signed-in user did. */
  @Column({ name: 'created_by_user_id', type: 'uuid', nullable: true })
  createdByUserId: string | null;

  /** Their display name (or the token's name) as it was; null for imports and the system. */
  @Column({ name: 'created_by_name', type: 'varchar', length: 100, nullable: true })
  createdByName: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
