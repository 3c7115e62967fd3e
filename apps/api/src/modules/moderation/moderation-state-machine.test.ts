import { ModerationState } from '../articles/article-status.js';
import { ModerationAction, ReportStatus } from '../reports/report-enums.js';
import {
  closedStatus,
  eventFor,
  PageEvent,
  pageState,
  PageState,
  publicState,
  transition,
  TRANSITIONS,
} from './moderation-state-machine.js';

const { VISIBLE, AUTO_HIDDEN, HELD, REMOVED } = PageState;
const E = PageEvent;

// Every (state, event) pair, with where it must lead, what it closes and whether it clears the
// page (earlier reports and their networks stop counting). Written out in full on purpose: a
// change to the machine must change this table too.
const EXPECTED: Array<[PageState, PageEvent, PageState, 'all' | 'one' | 'none', boolean]> = [
  [VISIBLE, E.AUTO_HIDE, AUTO_HIDDEN, 'none', false],
  [VISIBLE, E.KEEP_HIDDEN, HELD, 'all', false],
  [VISIBLE, E.REMOVE, REMOVED, 'all', false],
  [VISIBLE, E.RESTORE, VISIBLE, 'all', true],
  [VISIBLE, E.DISMISS_ALL, VISIBLE, 'all', true],
  [VISIBLE, E.DISMISS_LAST, VISIBLE, 'one', true],
  [VISIBLE, E.DISMISS_ONE, VISIBLE, 'one', false],
  [AUTO_HIDDEN, E.AUTO_HIDE, AUTO_HIDDEN, 'none', false],
  [AUTO_HIDDEN, E.KEEP_HIDDEN, HELD, 'all', false],
  [AUTO_HIDDEN, E.REMOVE, REMOVED, 'all', false],
  [AUTO_HIDDEN, E.RESTORE, VISIBLE, 'all', true],
  [AUTO_HIDDEN, E.DISMISS_ALL, VISIBLE, 'all', true],
  [AUTO_HIDDEN, E.DISMISS_LAST, VISIBLE, 'one', true],
  [AUTO_HIDDEN, E.DISMISS_ONE, AUTO_HIDDEN, 'one', false],
  [HELD, E.AUTO_HIDE, HELD, 'none', false],
  [HELD, E.KEEP_HIDDEN, HELD, 'all', false],
  [HELD, E.REMOVE, REMOVED, 'all', false],
  [HELD, E.RESTORE, VISIBLE, 'all', true],
  [HELD, E.DISMISS_ALL, HELD, 'all', false],
  [HELD, E.DISMISS_LAST, HELD, 'one', false],
  [HELD, E.DISMISS_ONE, HELD, 'one', false],
  [REMOVED, E.AUTO_HIDE, REMOVED, 'none', false],
  [REMOVED, E.KEEP_HIDDEN, REMOVED, 'all', false],
  [REMOVED, E.REMOVE, REMOVED, 'all', false],
  [REMOVED, E.RESTORE, VISIBLE, 'all', true],
  [REMOVED, E.DISMISS_ALL, REMOVED, 'all', false],
  [REMOVED, E.DISMISS_LAST, REMOVED, 'one', false],
  [REMOVED, E.DISMISS_ONE, REMOVED, 'one', false],
];

describe('the page moderation state machine', () => {
  it('has a row for every state and event, and this test lists each one', () => {
    const pairs = Object.values(PageState).flatMap((state) =>
      Object.values(PageEvent).map((event) => `${state} ${event}`),
    );
    expect(EXPECTED.map(([state, event]) => `${state} ${event}`).sort()).toEqual(pairs.sort());
    for (const state of Object.values(PageState))
      expect(Object.keys(TRANSITIONS[state]).sort()).toEqual(Object.values(PageEvent).sort());
  });

  it.each(EXPECTED)('%s --%s--> %s (closes %s, clears %s)', (from, event, to, closes, clears) => {
    expect(transition(from, event)).toEqual({
      from,
      to,
      closes,
      clearsReports: clears,
      settled: closes === 'all' || event === E.DISMISS_LAST,
    });
  });

  it('leaves REMOVED only by RESTORE', () => {
    for (const event of Object.values(PageEvent)) {
      expect(transition(REMOVED, event).to).toBe(event === E.RESTORE ? VISIBLE : REMOVED);
    }
  });

  it('never turns a removed page into one under review, whatever happens to it', () => {
    for (const event of Object.values(PageEvent))
      expect(publicState(transition(REMOVED, event).to)).not.toBe(ModerationState.UNDER_REVIEW);
  });

  it('maps moderators’ actions to events: page-level ones close every open report', () => {
    expect(eventFor(ModerationAction.KEEP_HIDDEN, 'report', 3)).toBe(E.KEEP_HIDDEN);
    expect(eventFor(ModerationAction.REMOVE_ARTICLE, 'report', 3)).toBe(E.REMOVE);
    expect(eventFor(ModerationAction.RESTORE_ARTICLE, 'report', 3)).toBe(E.RESTORE);
    expect(eventFor(ModerationAction.DISMISS, 'report', 2)).toBe(E.DISMISS_ONE);
    expect(eventFor(ModerationAction.DISMISS, 'report', 0)).toBe(E.DISMISS_LAST);
    expect(eventFor(ModerationAction.DISMISS, 'page', 5)).toBe(E.DISMISS_ALL);
    expect(closedStatus(ModerationAction.DISMISS)).toBe(ReportStatus.DISMISSED);
    expect(closedStatus(ModerationAction.KEEP_HIDDEN)).toBe(ReportStatus.ACTIONED);
  });

  it('reads the machine state from the stored state and who hid the page', () => {
    expect(pageState(ModerationState.UNDER_REVIEW, true)).toBe(AUTO_HIDDEN);
    expect(pageState(ModerationState.UNDER_REVIEW, false)).toBe(HELD);
    expect(pageState(ModerationState.VISIBLE, true)).toBe(VISIBLE);
    expect(pageState(ModerationState.REMOVED, false)).toBe(REMOVED);
    for (const state of Object.values(PageState))
      expect(pageState(publicState(state), state === AUTO_HIDDEN)).toBe(state);
  });
});
