import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A topic. Names are normalized (lower case, hyphenated) by @folio/content's normalizeTags. */
@Entity({ name: 'tags' })
export class Tag {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  name: string;
}
