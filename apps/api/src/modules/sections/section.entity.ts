import type { Block } from '@folio/content';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Article } from '../articles/article.entity.js';
import { BlockUnion } from './block.types.js';
import { PartOfParent } from '../../graphql/cache-control.js';

@PartOfParent()
@ObjectType({
  simpleResolvers: true,
  description: 'A part of an article under one heading, made of typed blocks.',
})
@Entity({ name: 'sections' })
@Index(['articleId', 'position'], { unique: true })
@Index(['articleId', 'anchor'], { unique: true })
export class Section {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'article_id', type: 'uuid' })
  articleId: string;

  @ManyToOne('Article', (article: Article) => article.sections, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'article_id' })
  article?: Article;

  @Field(() => Int, { description: 'Zero-based order within the article; dense and unique.' })
  @Column({ type: 'integer' })
  position: number;

  @Field(() => String, { nullable: true, description: 'Null for an unheaded opening section.' })
  @Column({ type: 'text', nullable: true })
  heading: string | null;

  @Field(() => String, {
    description: 'Fragment identifier, unique within the article and stable.',
  })
  @Column({ type: 'varchar', length: 200 })
  anchor: string;

  @PartOfParent()
  @Field(() => [BlockUnion])
  @Column({ type: 'jsonb' })
  blocks: Block[];

  @Field(() => String, { description: 'The plain text of the heading and blocks.' })
  @Column({ type: 'text' })
  text: string;

  @Field(() => Int)
  @Column({ name: 'word_count', type: 'integer' })
  wordCount: number;
}
