import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors/api-errors.js';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { toConnection, type Connection } from '../../graphql/connection.types.js';
import { isUuid } from '../../graphql/ids.js';
import { decodeTimeIdCursor, encodeTimeIdCursor, pageSize } from '../../graphql/pagination.js';
import { actorOf, reporterActor, type Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Viewer } from '../auth/viewer.js';
import { ModerationAction } from '../reports/report-enums.js';
import { AppealOutcome, AppealStatus, Appellant } from './appeal-enums.js';
import { appealDeadline, withinAppealWindow } from './appeal-window.js';
import { systemClock, type Clock } from './clock.js';
import { applyDecision, checkStatement } from './decisions.js';
import type { ModerationAppeal, ModerationDecision, ResolveAppealInput } from './decision.types.js';
import { GROUNDS_MAX_LENGTH } from './decision.types.js';
import { eventFor } from './moderation-state-machine.js';
import { lockPage } from './page-moderation.store.js';

/** Decisions an author may appeal: those that took the page from readers. */
const ADVERSE_TO_AUTHOR = new Set([ModerationAction.KEEP_HIDDEN, ModerationAction.REMOVE_ARTICLE]);
/** A reversal decides about the page again; DISMISS would leave a held page held. */
const REVERSALS = new Set([
  ModerationAction.KEEP_HIDDEN,
  ModerationAction.REMOVE_ARTICLE,
  ModerationAction.RESTORE_ARTICLE,
]);

interface DecisionRow {
  id: string;
  article_id: string;
  action: ModerationAction;
  scope: string;
  reasons: string;
  template: string | null;
  actor_id: string;
  actor_name: string;
  decided_at: Date;
  appeal_id: string | null;
}

const DECISION_COLUMNS = `id, article_id, action, scope, reasons, template, actor_id, actor_name,
  decided_at, appeal_id`;

export function toDecision(row: DecisionRow): ModerationDecision {
  return {
    id: row.id,
    articleId: row.article_id,
    action: row.action,
    scope: row.scope,
    reasons: row.reasons,
    template: row.template,
    actorId: row.actor_id,
    actorName: row.actor_name,
    decidedAt: row.decided_at,
    appealDeadline: appealDeadline(row.decided_at),
    appealId: row.appeal_id,
  };
}

/** Appeals: filed once per appellant within six months, reviewed by another moderator. */
export class AppealService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock = systemClock,
  ) {}

  /** A reporter's appeal, by receipt, against the decision that closed their report. */
  async fileByReporter(receipt: string, grounds: string): Promise<void> {
    const text = checkGrounds(grounds);
    await this.dataSource.transaction(async (manager) => {
      const [report]: Array<{ id: string; decision_id: string | null }> = await manager.query(
        `SELECT id, decision_id FROM reports WHERE receipt = $1 FOR UPDATE`,
        [receipt],
      );
      if (!report) throw new NotFoundError(`A report with receipt ${receipt}`);
      if (!report.decision_id)
        throw new ConflictError(
          'This report has not been decided yet: there is nothing to appeal.',
        );
      const decision = await this.decision(manager, report.decision_id);
      const [existing] = await manager.query(
        `SELECT 1 FROM moderation_appeals WHERE report_id = $1 AND appellant = 'reporter'`,
        [report.id],
      );
      if (existing) throw new ConflictError('This report has already been appealed once.');
      await this.file(
        manager,
        reporterActor(receipt),
        decision,
        Appellant.REPORTER,
        report.id,
        text,
      );
    });
  }

  /**
   * The author's appeal against a decision that took their page from readers. Staff with the
   * editor role file it for the author today; Studio accounts can narrow it to the author.
   */
  async fileByAuthor(
    viewer: Viewer,
    decisionId: string,
    grounds: string,
  ): Promise<ModerationAppeal> {
    const text = checkGrounds(grounds);
    const id = await this.dataSource.transaction(async (manager) => {
      if (!isUuid(decisionId)) throw new NotFoundError(`Decision ${decisionId}`);
      const [row]: DecisionRow[] = await manager.query(
        `SELECT ${DECISION_COLUMNS} FROM moderation_decisions WHERE id = $1 FOR UPDATE`,
        [decisionId],
      );
      if (!row) throw new NotFoundError(`Decision ${decisionId}`);
      const decision = toDecision(row);
      if (!ADVERSE_TO_AUTHOR.has(decision.action))
        throw new ConflictError(
          'This decision left the page with readers: there is nothing to appeal.',
        );
      const [existing] = await manager.query(
        `SELECT 1 FROM moderation_appeals WHERE decision_id = $1 AND appellant = 'author'`,
        [decision.id],
      );
      if (existing) throw new ConflictError('The author has already appealed this decision once.');
      return this.file(manager, actorOf(viewer), decision, Appellant.AUTHOR, null, text);
    });
    return (await this.find(id))!;
  }

  /** Appeals by status, oldest first: the queue is worked in the order appeals came in. */
  async list(
    status: AppealStatus,
    first?: number | null,
    after?: string | null,
  ): Promise<Connection<ModerationAppeal>> {
    const size = pageSize(first);
    const [filedAt, id] = after ? decodeTimeIdCursor('appeals', after) : [null, null];
    const rows: AppealRow[] = await this.dataSource.query(
      `${APPEAL_SELECT}
        WHERE ap.status = $1 AND ($2::timestamptz IS NULL OR (ap.filed_at, ap.id) > ($2, $3::uuid))
        ORDER BY ap.filed_at, ap.id
        LIMIT $4`,
      [status, filedAt, id, size + 1],
    );
    const [count]: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM moderation_appeals WHERE status = $1`,
      [status],
    );
    return toConnection(rows.map(toAppeal), size, count!.n, (appeal) =>
      encodeTimeIdCursor('appeals', appeal.filedAt, appeal.id),
    );
  }

  async find(id: string): Promise<ModerationAppeal | null> {
    if (!isUuid(id)) return null;
    const [row]: AppealRow[] = await this.dataSource.query(`${APPEAL_SELECT} WHERE ap.id = $1`, [
      id,
    ]);
    return row ? toAppeal(row) : null;
  }

  /** Decisions on one article, newest first: what an author may appeal, and the history. */
  async decisionsFor(articleId: string): Promise<ModerationDecision[]> {
    if (!isUuid(articleId)) return [];
    const rows: DecisionRow[] = await this.dataSource.query(
      `SELECT ${DECISION_COLUMNS} FROM moderation_decisions WHERE article_id = $1
        ORDER BY decided_at DESC, id DESC LIMIT 200`,
      [articleId],
    );
    return rows.map(toDecision);
  }

  /**
   * A different moderator's review. UPHOLD leaves the decision standing; REVERSE makes a new
   * decision on the page (closing its open reports too). Either way the outcome and reasons
   * are recorded and shown to the appellant; the first decision's maker is refused.
   */
  async resolve(
    viewer: Viewer,
    appealId: string,
    input: ResolveAppealInput,
  ): Promise<ModerationAppeal> {
    const actor = actorOf(viewer);
    await this.dataSource.transaction(async (manager) => {
      const [appeal]: Array<{ id: string; decision_id: string; status: AppealStatus }> = isUuid(
        appealId,
      )
        ? await manager.query(
            `SELECT id, decision_id, status FROM moderation_appeals WHERE id = $1 FOR UPDATE`,
            [appealId],
          )
        : [];
      if (!appeal) throw new NotFoundError(`Appeal ${appealId}`);
      if (appeal.status !== AppealStatus.OPEN)
        throw new ConflictError(`This appeal is already ${appeal.status}.`);
      const decision = await this.decision(manager, appeal.decision_id);
      if (decision.actorId === actor.id)
        throw new ForbiddenError(
          'You made the decision under appeal: a different moderator must review it.',
        );
      const now = this.clock.now();
      let outcomeDecisionId: string | null = null;
      let statement;
      if (input.outcome === AppealOutcome.REVERSE) {
        const action = input.action;
        if (!action || !REVERSALS.has(action) || action === decision.action)
          throw new BadUserInputError(
            'To reverse, choose the new decision in "action": KEEP_HIDDEN, REMOVE_ARTICLE or RESTORE_ARTICLE, other than the first.',
            'action',
          );
        statement = checkStatement(action, input.reasons, input.template);
        const page = await lockPage(manager, decision.articleId);
        if (!page) throw new NotFoundError(`Article ${decision.articleId}`);
        const result = await applyDecision(manager, {
          actor,
          page,
          event: eventFor(action, 'page', 0),
          action,
          statement,
          note: null,
          reportId: null,
          appealId: appeal.id,
          now,
        });
        outcomeDecisionId = result.decisionId;
      } else {
        if (input.action)
          throw new BadUserInputError('An upheld decision stands: leave "action" out.', 'action');
        statement = checkStatement(decision.action, input.reasons, input.template);
      }
      const status =
        input.outcome === AppealOutcome.REVERSE ? AppealStatus.REVERSED : AppealStatus.UPHELD;
      await manager.query(
        `UPDATE moderation_appeals
            SET status = $2, outcome_reasons = $3, outcome_decision_id = $4,
                resolved_by_actor_id = $5, resolved_by_name = $6, resolved_at = $7
          WHERE id = $1`,
        [appeal.id, status, statement.reasons, outcomeDecisionId, actor.id, actor.name, now],
      );
      await recordAudit(
        manager,
        actor,
        'appeal.resolve',
        { type: 'appeal', id: appeal.id },
        {
          outcome: status,
          reasons: statement.reasons,
          decision: decision.id,
          ...(outcomeDecisionId ? { outcomeDecision: outcomeDecisionId } : {}),
        },
      );
    });
    return (await this.find(appealId))!;
  }

  private async file(
    manager: EntityManager,
    actor: Actor,
    decision: ModerationDecision,
    appellant: Appellant,
    reportId: string | null,
    grounds: string,
  ): Promise<string> {
    const now = this.clock.now();
    if (decision.appealId)
      throw new ConflictError('This decision was made on appeal and is final.');
    if (!withinAppealWindow(decision.decidedAt, now))
      throw new ConflictError(
        `The time to appeal this decision ended on ${decision.appealDeadline.toISOString().slice(0, 10)}.`,
      );
    const [row]: Array<{ id: string }> = await manager.query(
      `INSERT INTO moderation_appeals (decision_id, article_id, appellant, report_id,
                                       filed_by_actor_id, filed_by_name, grounds, filed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [decision.id, decision.articleId, appellant, reportId, actor.id, actor.name, grounds, now],
    );
    await recordAudit(
      manager,
      actor,
      'appeal.file',
      { type: 'appeal', id: row!.id },
      { decision: decision.id, appellant, article: decision.articleId },
    );
    return row!.id;
  }

  private async decision(manager: EntityManager, id: string): Promise<ModerationDecision> {
    const [row]: DecisionRow[] = await manager.query(
      `SELECT ${DECISION_COLUMNS} FROM moderation_decisions WHERE id = $1`,
      [id],
    );
    if (!row) throw new NotFoundError(`Decision ${id}`);
    return toDecision(row);
  }
}

function checkGrounds(grounds: string): string {
  const text = grounds.trim();
  if (text === '') throw new BadUserInputError('grounds are required: say why.', 'grounds');
  if (text.length > GROUNDS_MAX_LENGTH)
    throw new BadUserInputError(
      `grounds must be at most ${GROUNDS_MAX_LENGTH} characters.`,
      'grounds',
    );
  return text;
}

const APPEAL_SELECT = `
  SELECT ap.id, ap.article_id, ap.appellant, ap.filed_by_name, ap.grounds, ap.status,
         ap.filed_at, ap.outcome_reasons, ap.resolved_by_name, ap.resolved_at, r.receipt,
         row_to_json(d) AS decision, row_to_json(od) AS outcome_decision
    FROM moderation_appeals ap
    JOIN moderation_decisions d ON d.id = ap.decision_id
    LEFT JOIN moderation_decisions od ON od.id = ap.outcome_decision_id
    LEFT JOIN reports r ON r.id = ap.report_id`;

interface JsonDecisionRow extends Omit<DecisionRow, 'decided_at'> {
  decided_at: string;
}

interface AppealRow {
  id: string;
  article_id: string;
  appellant: Appellant;
  filed_by_name: string;
  grounds: string;
  status: AppealStatus;
  filed_at: Date;
  outcome_reasons: string | null;
  resolved_by_name: string | null;
  resolved_at: Date | null;
  receipt: string | null;
  decision: JsonDecisionRow;
  outcome_decision: JsonDecisionRow | null;
}

function fromJson(row: JsonDecisionRow): ModerationDecision {
  return toDecision({ ...row, decided_at: new Date(row.decided_at) });
}

function toAppeal(row: AppealRow): ModerationAppeal {
  return {
    id: row.id,
    articleId: row.article_id,
    appellant: row.appellant,
    reportReceipt: row.receipt,
    filedByName: row.filed_by_name,
    grounds: row.grounds,
    status: row.status,
    filedAt: row.filed_at,
    outcomeReasons: row.outcome_reasons,
    resolvedByName: row.resolved_by_name,
    resolvedAt: row.resolved_at,
    decision: fromJson(row.decision),
    outcomeDecision: row.outcome_decision ? fromJson(row.outcome_decision) : null,
  };
}
