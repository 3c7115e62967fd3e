import { ModerationState } from '../articles/article-status.js';
import { ModerationAction, ReportStatus } from '../reports/report-enums.js';

/**
 * A page's moderation state. Readers see three (visible, under review, removed); moderation
 * needs a fourth, because who hid a page decides what undoes it: a page the report threshold
 * hid comes back when its reports are all dismissed, one a moderator keeps hidden does not.
 */
export enum PageState {
  VISIBLE = 'visible',
  /** Under review because enough networks reported it; no person has decided yet. */
  AUTO_HIDDEN = 'auto_hidden',
  /** Under review because a moderator decided to keep it hidden. */
  HELD = 'held',
  REMOVED = 'removed',
}

/** What can happen to a page. */
export enum PageEvent {
  /** The report threshold was reached without a brigade signal (the system acts). */
  AUTO_HIDE = 'auto_hide',
  KEEP_HIDDEN = 'keep_hidden',
  REMOVE = 'remove',
  RESTORE = 'restore',
  /** A moderator dismissed every open report of the page at once. */
  DISMISS_ALL = 'dismiss_all',
  /** A moderator dismissed one report, and it was the page's last open one. */
  DISMISS_LAST = 'dismiss_last',
  /** A moderator dismissed one report; others remain open. */
  DISMISS_ONE = 'dismiss_one',
}

const { VISIBLE, AUTO_HIDDEN, HELD, REMOVED } = PageState;

/**
 * The whole machine: state x event -> next state. REMOVED is left only by RESTORE; KEEP_HIDDEN
 * never brings a removed page back to review; dismissing reports only undoes the threshold's
 * own hiding, never a moderator's.
 */
export const TRANSITIONS: Readonly<Record<PageState, Readonly<Record<PageEvent, PageState>>>> = {
  [VISIBLE]: {
    auto_hide: AUTO_HIDDEN,
    keep_hidden: HELD,
    remove: REMOVED,
    restore: VISIBLE,
    dismiss_all: VISIBLE,
    dismiss_last: VISIBLE,
    dismiss_one: VISIBLE,
  },
  [AUTO_HIDDEN]: {
    auto_hide: AUTO_HIDDEN,
    keep_hidden: HELD,
    remove: REMOVED,
    restore: VISIBLE,
    dismiss_all: VISIBLE,
    dismiss_last: VISIBLE,
    dismiss_one: AUTO_HIDDEN,
  },
  [HELD]: {
    auto_hide: HELD,
    keep_hidden: HELD,
    remove: REMOVED,
    restore: VISIBLE,
    dismiss_all: HELD,
    dismiss_last: HELD,
    dismiss_one: HELD,
  },
  [REMOVED]: {
    auto_hide: REMOVED,
    keep_hidden: REMOVED,
    remove: REMOVED,
    restore: VISIBLE,
    dismiss_all: REMOVED,
    dismiss_last: REMOVED,
    dismiss_one: REMOVED,
  },
};

/** Events that decide about the page as a whole: they close every open report of it. */
const PAGE_LEVEL: ReadonlySet<PageEvent> = new Set([
  PageEvent.KEEP_HIDDEN,
  PageEvent.REMOVE,
  PageEvent.RESTORE,
  PageEvent.DISMISS_ALL,
]);

export interface Transition {
  from: PageState;
  to: PageState;
  /** Which open reports the event closes: all of the page's, the one acted on, or none. */
  closes: 'all' | 'one' | 'none';
  /**
   * A moderator left the page visible: reports filed before now, and the networks that filed
   * them, no longer count towards hiding it automatically. Also lifts a brigade flag.
   */
  clearsReports: boolean;
  /** No open report is left: the page leaves the moderators' queue and any flag is lifted. */
  settled: boolean;
}

export function transition(from: PageState, event: PageEvent): Transition {
  const to = TRANSITIONS[from][event];
  const closes = PAGE_LEVEL.has(event) ? 'all' : event === PageEvent.AUTO_HIDE ? 'none' : 'one';
  const byModerator = event !== PageEvent.AUTO_HIDE;
  return {
    from,
    to,
    closes,
    clearsReports: byModerator && to === VISIBLE && event !== PageEvent.DISMISS_ONE,
    settled: closes === 'all' || event === PageEvent.DISMISS_LAST,
  };
}

/** The event a moderator's action is, given its scope and what stays open. */
export function eventFor(
  action: ModerationAction,
  scope: 'page' | 'report',
  openReportsLeft: number,
): PageEvent {
  switch (action) {
    case ModerationAction.KEEP_HIDDEN:
      return PageEvent.KEEP_HIDDEN;
    case ModerationAction.REMOVE_ARTICLE:
      return PageEvent.REMOVE;
    case ModerationAction.RESTORE_ARTICLE:
      return PageEvent.RESTORE;
    case ModerationAction.DISMISS:
      if (scope === 'page') return PageEvent.DISMISS_ALL;
      return openReportsLeft === 0 ? PageEvent.DISMISS_LAST : PageEvent.DISMISS_ONE;
  }
}

/** The status a report closed by this action gets. */
export function closedStatus(action: ModerationAction): ReportStatus {
  return action === ModerationAction.DISMISS ? ReportStatus.DISMISSED : ReportStatus.ACTIONED;
}

/** The machine's state from what is stored: the public state and who hid the page. */
export function pageState(state: ModerationState, autoHidden: boolean): PageState {
  switch (state) {
    case ModerationState.VISIBLE:
      return VISIBLE;
    case ModerationState.REMOVED:
      return REMOVED;
    case ModerationState.UNDER_REVIEW:
      return autoHidden ? AUTO_HIDDEN : HELD;
  }
}

/** What readers see of a machine state. */
export function publicState(state: PageState): ModerationState {
  switch (state) {
    case VISIBLE:
      return ModerationState.VISIBLE;
    case AUTO_HIDDEN:
    case HELD:
      return ModerationState.UNDER_REVIEW;
    case REMOVED:
      return ModerationState.REMOVED;
  }
}
