import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { CsrfField } from '~/components/csrf-field';
import type { ChangePasswordMutation, ChangePasswordMutationVariables } from '~/generated/graphql';
import { noStore } from '~/lib/http';
import { homeFor, readForm, redirectWithNotice, refusal, requireStaff } from '~/lib/staff.server';

const CHANGE_PASSWORD = /* GraphQL */ `
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      sessionsRevoked
    }
  }
`;

const MIN_PASSWORD_LENGTH = 12;

export const meta: MetaFunction = () => [{ title: 'Change your password · Folio Studio' }];
export const headers = noStore;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireStaff(request, [], context);
  return json(null);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, [], context);
  const form = await readForm(request);
  const currentPassword = String(form.get('currentPassword') ?? '');
  const newPassword = String(form.get('newPassword') ?? '');
  const confirm = String(form.get('confirmPassword') ?? '');
  if (newPassword.length < MIN_PASSWORD_LENGTH) {
    return json(
      { error: `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.` },
      { status: 400 },
    );
  }
  if (newPassword !== confirm) {
    return json({ error: 'The two new passwords are not the same.' }, { status: 400 });
  }
  try {
    const { changePassword } = await staff.call<
      ChangePasswordMutation,
      ChangePasswordMutationVariables
    >(CHANGE_PASSWORD, { currentPassword, newPassword });
    const others = changePassword.sessionsRevoked;
    return redirectWithNotice(
      request,
      homeFor(staff.user),
      `Password changed.${others > 0 ? ` ${others} other ${others === 1 ? 'session was' : 'sessions were'} signed out.` : ''}`,
    );
  } catch (error) {
    const refused = refusal(error);
    if (refused) return json({ error: refused.message }, { status: 400 });
    throw error;
  }
}

export default function ChangePasswordPage() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  return (
    <div className="narrow">
      <h1>Change your password</h1>
      {params.get('first') ? (
        <p className="notice">You signed in with a one-time password. Choose your own to go on.</p>
      ) : null}
      <Form method="post" className="stack">
        <CsrfField />
        {result?.error ? (
          <p className="form-error" role="alert">
            {result.error}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="currentPassword">Current password</label>
          <input
            id="currentPassword"
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
          />
        </div>
        <div className="field">
          <label htmlFor="newPassword">New password</label>
          <input
            id="newPassword"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            minLength={MIN_PASSWORD_LENGTH}
            required
            aria-describedby="new-password-hint"
          />
          <p className="hint" id="new-password-hint">
            At least {MIN_PASSWORD_LENGTH} characters. Your other sessions will be signed out.
          </p>
        </div>
        <div className="field">
          <label htmlFor="confirmPassword">New password again</label>
          <input
            id="confirmPassword"
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            required
          />
        </div>
        <button type="submit" disabled={navigation.state !== 'idle'}>
          Change password
        </button>
      </Form>
    </div>
  );
}
