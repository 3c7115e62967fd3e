import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { CsrfField } from '~/components/csrf-field';
import { ModerationTabs } from '~/components/moderation-tabs';
import type {
  AppealsQueueQuery,
  AppealsQueueQueryVariables,
  ResolveAppealMutation,
  ResolveAppealMutationVariables,
} from '~/generated/graphql';
import { formatDateTime } from '~/lib/format';
import { noStore } from '~/lib/http';
import { readForm, redirectWithNotice, refusal, requireStaff } from '~/lib/staff.server';
import { checkDecision, DECISIONS, STATEMENT_MAX_LENGTH } from '~/lib/statements';

const APPEALS_QUERY = /* GraphQL */ `
  query AppealsQueue {
    appeals(first: 50) {
      totalCount
      edges {
        node {
          id
          appellant
          filedAt
          filedByName
          grounds
          reportReceipt
          articleId
          decision {
            id
            action
            actorName
            decidedAt
            reasons
          }
        }
      }
    }
  }
`;

const RESOLVE_APPEAL = /* GraphQL */ `
  mutation ResolveAppeal($id: ID!, $input: ResolveAppealInput!) {
    resolveAppeal(id: $id, input: $input) {
      id
      status
    }
  }
`;

export const meta: MetaFunction = () => [{ title: 'Appeals · Folio Studio' }];
export const headers = noStore;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, ['MODERATOR'], context);
  const { appeals } = await staff.call<AppealsQueueQuery, AppealsQueueQueryVariables>(
    APPEALS_QUERY,
  );
  return json({ total: appeals.totalCount, appeals: appeals.edges.map((edge) => edge.node) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, ['MODERATOR'], context);
  const form = await readForm(request);
  const id = String(form.get('appealId') ?? '');
  const outcome = form.get('outcome') === 'REVERSE' ? 'REVERSE' : 'UPHOLD';
  // Upholding keeps the first action; reversing needs the new one.
  const checked = checkDecision(
    outcome === 'REVERSE' ? form.get('action') : 'DISMISS',
    form.get('reasons'),
  );
  if (!checked.ok) return json({ id, error: checked.error }, { status: 400 });
  try {
    await staff.call<ResolveAppealMutation, ResolveAppealMutationVariables>(RESOLVE_APPEAL, {
      id,
      input: {
        outcome,
        action: outcome === 'REVERSE' ? checked.decision : null,
        reasons: checked.statement,
        template: null,
      },
    });
  } catch (error) {
    // The API refuses an appeal to the moderator who made the decision (FORBIDDEN): say so
    // beside the appeal rather than on an error page.
    if (error instanceof Response && error.status === 403) {
      const body = (await error.json().catch(() => ({}))) as { message?: string };
      return json(
        { id, error: body.message ?? 'You may not decide this appeal.' },
        { status: 403 },
      );
    }
    const refused = refusal(error);
    if (refused) return json({ id, error: refused.message }, { status: 400 });
    throw error;
  }
  return redirectWithNotice(
    request,
    '/moderation/appeals',
    outcome === 'REVERSE'
      ? 'Appeal granted: the decision is reversed.'
      : 'Appeal decided: the decision stands.',
  );
}

export default function AppealsPage() {
  const { total, appeals } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div>
      <h1>Appeals</h1>
      <ModerationTabs />
      <p className="meta" role="status">
        {total} open {total === 1 ? 'appeal' : 'appeals'}. An appeal is decided by a moderator other
        than the one who made the decision.
      </p>
      {appeals.map((appeal) => (
        <article key={appeal.id} className="queue-group" aria-labelledby={`appeal-${appeal.id}`}>
          <h2 id={`appeal-${appeal.id}`}>
            Appeal by the {appeal.appellant === 'REPORTER' ? 'reporter' : 'author'}
            {appeal.reportReceipt ? ` (${appeal.reportReceipt})` : ''}
          </h2>
          <p className="meta">
            Filed {formatDateTime(appeal.filedAt)} · decision “
            {DECISIONS.find((d) => d.value === appeal.decision.action)?.label}” by{' '}
            {appeal.decision.actorName} on {formatDateTime(appeal.decision.decidedAt)}
          </p>
          <h3>Statement of reasons given</h3>
          <p className="statement">{appeal.decision.reasons}</p>
          <h3>Grounds of the appeal</h3>
          <blockquote className="statement">{appeal.grounds}</blockquote>
          <Form method="post" className="panel">
            <CsrfField />
            <input type="hidden" name="appealId" value={appeal.id} />
            {result && 'id' in result && result.id === appeal.id ? (
              <p className="form-error" role="alert">
                {result.error}
              </p>
            ) : null}
            <fieldset>
              <legend>Outcome</legend>
              <div className="decision-choice">
                <input
                  type="radio"
                  id={`uphold-${appeal.id}`}
                  name="outcome"
                  value="UPHOLD"
                  defaultChecked
                />
                <label htmlFor={`uphold-${appeal.id}`}>Uphold: the decision stands</label>
              </div>
              <div className="decision-choice">
                <input type="radio" id={`reverse-${appeal.id}`} name="outcome" value="REVERSE" />
                <label htmlFor={`reverse-${appeal.id}`}>Reverse it, with a new decision:</label>
              </div>
            </fieldset>
            <div className="field">
              <label htmlFor={`action-${appeal.id}`}>New decision (when reversing)</label>
              <select id={`action-${appeal.id}`} name="action" defaultValue="RESTORE_ARTICLE">
                {DECISIONS.filter(
                  (d) => d.value !== 'DISMISS' && d.value !== appeal.decision.action,
                ).map((d) => (
                  <option key={d.value} value={d.value}>
                    {d.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`reasons-${appeal.id}`}>Reasons the appellant will read</label>
              <textarea
                id={`reasons-${appeal.id}`}
                name="reasons"
                rows={4}
                className="prose"
                maxLength={STATEMENT_MAX_LENGTH}
                required
              />
            </div>
            <button type="submit" disabled={navigation.state !== 'idle'}>
              Decide the appeal
            </button>
          </Form>
        </article>
      ))}
    </div>
  );
}
