import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import { Field, ID, ObjectType } from 'type-graphql';
import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { ReportReason, ReportStatus } from './report-enums.js';

@ObjectType({ description: "A reader's report, as moderators see it." })
@Entity({ name: 'reports' })
export class Report {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => String, { description: 'The public id the reader got.' })
  @Column({ type: 'varchar', length: 32, unique: true })
  receipt: string;

  @Column({ name: 'article_id', type: 'uuid' })
  articleId: string;

  @Column({ name: 'section_id', type: 'uuid', nullable: true })
  sectionId: string | null;

  @Field(() => String, { nullable: true, description: 'The reported section, when one was.' })
  @Column({ name: 'section_anchor', type: 'varchar', length: 200, nullable: true })
  sectionAnchor: string | null;

  @Field(() => ReportReason)
  @Column({ type: 'enum', enum: ReportReason, enumName: 'report_reason' })
  reason: ReportReason;

  @Field(() => String)
  @Column({ type: 'text' })
  details: string;

  @Field(() => String, { nullable: true })
  @Column({ name: 'contact_email', type: 'varchar', length: 254, nullable: true })
  contactEmail: string | null;

  /** Keyed hash of the reporter's address: counts distinct reporters, never exposed. */
  @Column({ name: 'reporter_key', type: 'char', length: 64 })
  reporterKey: string;

  /** Keyed hash of the reporter's network (IPv4 /24, IPv6 /48): the threshold counts these. */
  @Column({ name: 'network_key', type: 'char', length: 64 })
  networkKey: string;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 100, unique: true })
  idempotencyKey: string;

  @Column({ name: 'request_hash', type: 'char', length: 64 })
  requestHash: string;

  @Field(() => ReportStatus)
  @Column({ type: 'enum', enum: ReportStatus, enumName: 'report_status' })
  status: ReportStatus;

  @Field(() => String, { nullable: true })
  @Column({ name: 'resolution_action', type: 'varchar', length: 40, nullable: true })
  resolutionAction: string | null;

  @Field(() => String, { nullable: true })
  @Column({ name: 'resolution_note', type: 'text', nullable: true })
  resolutionNote: string | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy: string | null;

  @Field(() => GraphQLDateTime)
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Field(() => GraphQLDateTime)
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}
