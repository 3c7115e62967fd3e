import { registerEnumType } from 'type-graphql';

export enum AppealStatus {
  OPEN = 'open',
  UPHELD = 'upheld',
  REVERSED = 'reversed',
}

export enum AppealOutcome {
  UPHOLD = 'uphold',
  REVERSE = 'reverse',
}

export enum Appellant {
  REPORTER = 'reporter',
  AUTHOR = 'author',
}

registerEnumType(AppealStatus, {
  name: 'AppealStatus',
  description: 'OPEN: waiting for a moderator. UPHELD: the decision stands. REVERSED: changed.',
});
registerEnumType(AppealOutcome, { name: 'AppealOutcome' });
registerEnumType(Appellant, {
  name: 'Appellant',
  description: 'Who appealed: a reporter (by receipt) or the article’s author.',
});
