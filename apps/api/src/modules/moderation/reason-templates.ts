import { ModerationAction } from '../reports/report-enums.js';

/**
 * Starting points for a statement of reasons. The moderator picks one and edits it; what is
 * stored and shown to the reporter is the edited text, with the template's key for statistics.
 */
export interface ReasonTemplate {
  key: string;
  action: ModerationAction;
  title: string;
  text: string;
}

export const REASON_TEMPLATES: readonly ReasonTemplate[] = [
  {
    key: 'dismiss-no-violation',
    action: ModerationAction.DISMISS,
    title: 'No rule broken',
    text: 'We reviewed the page against our content rules and found no breach of them. The page stays available.',
  },
  {
    key: 'dismiss-insufficient-detail',
    action: ModerationAction.DISMISS,
    title: 'Not enough to act on',
    text: 'We could not identify the problem from the report. If you have more detail, please file a new report describing what is wrong and where.',
  },
  {
    key: 'keep-hidden-under-investigation',
    action: ModerationAction.KEEP_HIDDEN,
    title: 'Kept hidden while we investigate',
    text: 'The page stays hidden from lists and search while we look into the report further. We will decide and update this statement.',
  },
  {
    key: 'remove-illegal',
    action: ModerationAction.REMOVE_ARTICLE,
    title: 'Illegal content',
    text: 'The page contained content we consider illegal under the applicable law. It has been removed.',
  },
  {
    key: 'remove-copyright',
    action: ModerationAction.REMOVE_ARTICLE,
    title: 'Copyright',
    text: 'The page reproduced material without the rights holder’s permission. It has been removed.',
  },
  {
    key: 'remove-harassment',
    action: ModerationAction.REMOVE_ARTICLE,
    title: 'Harassment or hate',
    text: 'The page targeted people with harassment or hateful content, which our rules do not allow. It has been removed.',
  },
  {
    key: 'remove-spam',
    action: ModerationAction.REMOVE_ARTICLE,
    title: 'Spam',
    text: 'The page was spam or misleading promotion. It has been removed.',
  },
  {
    key: 'restore-no-violation',
    action: ModerationAction.RESTORE_ARTICLE,
    title: 'Restored after review',
    text: 'After review we found no breach of our content rules. The page is available again.',
  },
  {
    key: 'restore-corrected',
    action: ModerationAction.RESTORE_ARTICLE,
    title: 'Restored after correction',
    text: 'The problem reported has been corrected. The page is available again.',
  },
];

export function findReasonTemplate(key: string): ReasonTemplate | undefined {
  return REASON_TEMPLATES.find((template) => template.key === key);
}
