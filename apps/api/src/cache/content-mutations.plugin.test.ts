import { changesContent } from './content-mutations.plugin.js';

describe('which mutation fields may change what readers see', () => {
  it('not a report, a token revocation, a triage or __typename', () => {
    for (const name of [
      'submitReport',
      'appealReport',
      'revokeApiToken',
      'triageReport',
      '__typename',
    ])
      expect(changesContent(name)).toBe(false);
  });

  it('every editorial and moderation decision, and anything not known to be neutral', () => {
    for (const name of ['updateArticle', 'unpublishArticle', 'resolveReport', 'someNewMutation'])
      expect(changesContent(name)).toBe(true);
  });
});
