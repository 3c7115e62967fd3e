/** How moderators read the reasons readers chose. */
export const REASON_LABELS: Record<string, string> = {
  SPAM: 'Spam',
  MISINFORMATION: 'Misinformation',
  HARASSMENT_OR_HATE: 'Harassment or hate',
  COPYRIGHT: 'Copyright',
  ILLEGAL: 'Illegal',
  SELF_HARM: 'Self-harm',
  SEXUAL_CONTENT: 'Sexual content',
  OTHER: 'Other',
};
