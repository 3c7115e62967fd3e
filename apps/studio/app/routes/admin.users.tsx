import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { CsrfField } from '~/components/csrf-field';
import type {
  CreateStaffUserMutation,
  CreateStaffUserMutationVariables,
  Role,
  StaffUserActionMutation,
  StaffUsersQuery,
  StaffUsersQueryVariables,
} from '~/generated/graphql';
import { formatDateTime } from '~/lib/format';
import { noStore } from '~/lib/http';
import { readForm, redirectWithNotice, refusal, requireStaff } from '~/lib/staff.server';

const USERS_QUERY = /* GraphQL */ `
  query StaffUsers {
    staffUsers {
      id
      email
      displayName
      role
      lastSignInAt
      deactivatedAt
      mustChangePassword
    }
  }
`;

const CREATE_USER = /* GraphQL */ `
  mutation CreateStaffUser($input: CreateStaffUserInput!) {
    createStaffUser(input: $input) {
      oneTimePassword
      user {
        email
      }
    }
  }
`;

// One document, several operations: the form's intent picks which one runs.
const USER_ACTIONS = /* GraphQL */ `
  mutation StaffUserAction(
    $id: ID!
    $role: Role!
    $deactivate: Boolean!
    $reactivate: Boolean!
    $reset: Boolean!
    $setRole: Boolean!
  ) {
    deactivateStaffUser(id: $id) @include(if: $deactivate) {
      id
    }
    reactivateStaffUser(id: $id) @include(if: $reactivate) {
      id
    }
    resetStaffUserPassword(id: $id) @include(if: $reset) {
      oneTimePassword
      user {
        email
      }
    }
    setStaffUserRole(id: $id, role: $role) @include(if: $setRole) {
      id
    }
  }
`;

const ROLES: Role[] = ['EDITOR', 'MODERATOR', 'ADMIN'];

export const meta: MetaFunction = () => [{ title: 'Staff accounts · Folio Studio' }];
export const headers = noStore;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, ['ADMIN'], context);
  const { staffUsers } = await staff.call<StaffUsersQuery, StaffUsersQueryVariables>(USERS_QUERY);
  return json({ users: staffUsers, me: staff.user.id });
}

type Result = { error: string | null; password: { email: string; value: string } | null };

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, ['ADMIN'], context);
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const role = String(form.get('role') ?? 'EDITOR') as Role;
  if (!ROLES.includes(role)) return json<Result>({ error: 'Unknown role.', password: null }, 400);
  try {
    if (intent === 'create') {
      const { createStaffUser } = await staff.call<
        CreateStaffUserMutation,
        CreateStaffUserMutationVariables
      >(CREATE_USER, {
        input: {
          email: String(form.get('email') ?? '').trim(),
          displayName: String(form.get('displayName') ?? '').trim(),
          role,
        },
      });
      return json<Result>({
        error: null,
        password: createStaffUser.oneTimePassword
          ? { email: createStaffUser.user.email, value: createStaffUser.oneTimePassword }
          : null,
      });
    }
    const id = String(form.get('userId') ?? '');
    const flags = {
      deactivate: intent === 'deactivate',
      reactivate: intent === 'reactivate',
      reset: intent === 'reset',
      setRole: intent === 'set-role',
    };
    if (!Object.values(flags).some(Boolean))
      return json<Result>({ error: 'Unknown action.', password: null }, 400);
    const result = await staff.call<StaffUserActionMutation, Record<string, unknown>>(
      USER_ACTIONS,
      { id, role, ...flags },
    );
    if (result.resetStaffUserPassword?.oneTimePassword) {
      return json<Result>({
        error: null,
        password: {
          email: result.resetStaffUserPassword.user.email,
          value: result.resetStaffUserPassword.oneTimePassword,
        },
      });
    }
    const done = {
      deactivate: 'Account deactivated; its sessions have ended.',
      reactivate: 'Account reactivated.',
      'set-role': 'Role changed.',
    }[intent as 'deactivate' | 'reactivate' | 'set-role'];
    return redirectWithNotice(request, '/admin/users', done ?? 'Done.');
  } catch (error) {
    const refused = refusal(error);
    if (refused) return json<Result>({ error: refused.message, password: null }, 400);
    throw error;
  }
}

export default function UsersPage() {
  const { users, me } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <h1>Staff accounts</h1>
      {result?.password ? (
        <div className="notice" role="status">
          <p>
            One-time password for <strong>{result.password.email}</strong>. Hand it over privately;
            they choose their own at the first sign-in. It is not shown again:
          </p>
          <p>
            <code data-testid="one-time-password">{result.password.value}</code>
          </p>
        </div>
      ) : null}
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      <Form method="post" className="toolbar" aria-label="New account">
        <CsrfField />
        <input type="hidden" name="intent" value="create" />
        <div className="field">
          <label htmlFor="user-name">Name</label>
          <input id="user-name" name="displayName" type="text" required maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="user-email">Email</label>
          <input id="user-email" name="email" type="email" required />
        </div>
        <div className="field">
          <label htmlFor="user-role">Role</label>
          <select id="user-role" name="role" defaultValue="EDITOR">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role.toLowerCase()}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Create account</button>
      </Form>
      <table className="data">
        <caption className="visually-hidden">Staff accounts</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>{user.displayName}</td>
              <td>{user.email}</td>
              <td>
                {user.id === me ? (
                  user.role.toLowerCase()
                ) : (
                  <Form method="post" className="toolbar">
                    <CsrfField />
                    <input type="hidden" name="intent" value="set-role" />
                    <input type="hidden" name="userId" value={user.id} />
                    <label className="visually-hidden" htmlFor={`role-${user.id}`}>
                      Role of {user.displayName}
                    </label>
                    <select id={`role-${user.id}`} name="role" defaultValue={user.role}>
                      {ROLES.map((role) => (
                        <option key={role} value={role}>
                          {role.toLowerCase()}
                        </option>
                      ))}
                    </select>
                    <button type="submit" className="secondary">
                      Set<span className="visually-hidden"> role of {user.displayName}</span>
                    </button>
                  </Form>
                )}
              </td>
              <td>{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : 'never'}</td>
              <td>
                {user.deactivatedAt
                  ? 'deactivated'
                  : user.mustChangePassword
                    ? 'one-time password'
                    : 'active'}
              </td>
              <td>
                {user.id === me ? null : (
                  <div className="section-actions">
                    {(user.deactivatedAt ? ['reactivate'] : ['reset', 'deactivate']).map(
                      (intent) => (
                        <Form method="post" className="inline-form" key={intent}>
                          <CsrfField />
                          <input type="hidden" name="intent" value={intent} />
                          <input type="hidden" name="userId" value={user.id} />
                          <button type="submit" className="secondary">
                            {
                              {
                                reset: 'Reset password',
                                deactivate: 'Deactivate',
                                reactivate: 'Reactivate',
                              }[intent]
                            }
                            <span className="visually-hidden"> {user.displayName}</span>
                          </button>
                        </Form>
                      ),
                    )}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
