import type { EntityManager } from 'typeorm';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit, recordAuditMany } from '../audit/audit.service.js';
import type { ModerationAction } from '../reports/report-enums.js';
import { webhookOutbox } from '../webhooks/webhook-outbox.js';
import {
  closedStatus,
  publicState,
  transition,
  type PageEvent,
  type PageState,
} from './moderation-state-machine.js';
import { storeTransition, type PageModeration } from './page-moderation.store.js';
import { findReasonTemplate } from './reason-templates.js';

export const REASONS_MAX_LENGTH = 2000;

/** The statement of reasons a decision carries; the reporter sees `reasons` on the receipt. */
export interface Statement {
  reasons: string;
  /** The template the moderator started from, if any. */
  template: string | null;
}

/** Trims and checks a statement: non-empty, bounded, and a known template fitting the action. */
export function checkStatement(
  action: ModerationAction,
  reasons: string,
  template: string | null | undefined,
): Statement {
  const text = reasons.trim();
  if (text === '')
    throw new BadUserInputError('reasons are required: say why, for the reporter.', 'reasons');
  if (text.length > REASONS_MAX_LENGTH)
    throw new BadUserInputError(
      `reasons must be at most ${REASONS_MAX_LENGTH} characters.`,
      'reasons',
    );
  if (template) {
    const found = findReasonTemplate(template);
    if (!found)
      throw new BadUserInputError(`There is no reason template "${template}".`, 'template');
    if (found.action !== action)
      throw new BadUserInputError(
        `The template "${template}" is for ${found.action.toUpperCase()}, not ${action.toUpperCase()}.`,
        'template',
      );
  }
  return { reasons: text, template: template ?? null };
}

export interface DecisionInput {
  actor: Actor;
  page: PageModeration;
  event: PageEvent;
  action: ModerationAction;
  statement: Statement;
  /** A moderator's internal note, kept on the reports and in the audit trail. */
  note: string | null;
  /** The report acted on, for a decision about one report. */
  reportId: string | null;
  /** The appeal this decision reverses a decision for. */
  appealId: string | null;
  now: Date;
}

export interface DecisionResult {
  decisionId: string;
  to: PageState;
  closedReports: number;
}

/**
 * Records a decision and applies it: one step of the page's state machine, the reports it
 * closes (linked to the decision, so each reporter sees its reasons), and the audit trail.
 * Runs in the caller's transaction, under the page's row lock.
 */
export async function applyDecision(
  manager: EntityManager,
  input: DecisionInput,
): Promise<DecisionResult> {
  const { actor, page, event, action, statement, note, now } = input;
  const change = transition(page.state, event);
  const scope = change.closes === 'all' ? 'page' : 'report';
  const [decision]: Array<{ id: string }> = await manager.query(
    `INSERT INTO moderation_decisions (article_id, action, scope, reasons, template, actor_id,
                                       actor_name, decided_at, appeal_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      page.articleId,
      action,
      scope,
      statement.reasons,
      statement.template,
      actor.id,
      actor.name,
      now,
      input.appealId,
    ],
  );
  const decisionId = decision!.id;
  const [closed]: [Array<{ id: string }>] = await manager.query(
    `UPDATE reports
        SET status = $3, resolution_action = $4, resolution_note = $5, resolved_by = $6,
            resolved_at = $7, decision_id = $8, updated_at = now()
      WHERE article_id = $1 AND status IN ('open', 'triaged')
        AND ($2::uuid IS NULL OR id = $2)
      RETURNING id`,
    [
      page.articleId,
      scope === 'page' ? null : input.reportId,
      closedStatus(action),
      action,
      note,
      actor.tokenId,
      now,
      decisionId,
    ],
  );
  await recordAudit(
    manager,
    actor,
    'moderation.decide',
    { type: 'decision', id: decisionId },
    {
      article: page.articleId,
      action,
      scope,
      event,
      reasons: statement.reasons,
      template: statement.template,
      closedReports: closed.length,
      ...(input.appealId ? { appeal: input.appealId } : {}),
    },
  );
  await recordAuditMany(
    manager,
    actor,
    'report.resolve',
    closed.map((report) => ({ type: 'report', id: report.id })),
    { action, note, decision: decisionId, ...(scope === 'page' ? { scope } : {}) },
  );
  await webhookOutbox.reportsResolved(
    manager,
    closed.map((report) => report.id),
  );
  await storeTransition(manager, page.articleId, change, now);
  if (publicState(change.from) !== publicState(change.to)) {
    await webhookOutbox.articleModerated(manager, page.articleId, publicState(change.to));
    await recordAudit(
      manager,
      actor,
      'article.moderation',
      { type: 'article', id: page.articleId },
      { from: publicState(change.from), to: publicState(change.to), event, decision: decisionId },
    );
  }
  return { decisionId, to: change.to, closedReports: closed.length };
}
