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
  sections: Array<{ heading: string | null; anchor: string; blocks: Block[] }>;
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

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
