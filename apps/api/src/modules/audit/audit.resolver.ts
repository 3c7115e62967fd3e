import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import { Arg, Authorized, Int, Query, Resolver } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.types.js';
import { Role } from '../auth/role.js';
import { AuditEvent } from './audit-event.entity.js';
import { AuditService } from './audit.service.js';

const AuditEventConnection = ConnectionType('AuditEvent', AuditEvent);
type AuditEventConnection = InstanceType<typeof AuditEventConnection>;

@Authorized(Role.ADMIN)
@Resolver()
export class AuditResolver {
  constructor(private readonly audit: AuditService) {}

  @Query(() => AuditEventConnection, {
    description: 'Every editorial and moderation action, newest first.',
  })
  auditEvents(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('action', () => String, { nullable: true }) action: string | null,
    @Arg('targetId', () => String, { nullable: true }) targetId: string | null,
    @Arg('actorId', () => String, { nullable: true }) actorId: string | null,
    @Arg('since', () => GraphQLDateTime, { nullable: true }) since: Date | null,
    @Arg('until', () => GraphQLDateTime, { nullable: true }) until: Date | null,
  ): Promise<AuditEventConnection> {
    return this.audit.list({ first, after, action, targetId, actorId, since, until });
  }
}
