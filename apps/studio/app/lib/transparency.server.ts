import type { TransparencyQuery, TransparencyQueryVariables } from '~/generated/graphql';
import type { Staff } from './staff.server';
import { periodBounds, type Period } from './transparency';

const TRANSPARENCY_QUERY = /* GraphQL */ `
  query Transparency($from: DateTime!, $to: DateTime!) {
    transparencyReport(from: $from, to: $to) {
      reportCount
      reportsByReason {
        reason
        count
      }
      decisionCount
      decisionsByAction {
        action
        count
      }
      medianSecondsToDecision
      appealsFiled
      appealsUpheld
      appealsReversed
    }
  }
`;

export async function transparencyFigures(staff: Staff, period: Period) {
  const { transparencyReport } = await staff.call<TransparencyQuery, TransparencyQueryVariables>(
    TRANSPARENCY_QUERY,
    periodBounds(period),
  );
  return transparencyReport;
}
