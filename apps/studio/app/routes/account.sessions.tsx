import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { CsrfField } from '~/components/csrf-field';
import type {
  MySessionsQuery,
  MySessionsQueryVariables,
  RevokeSessionMutation,
  RevokeSessionMutationVariables,
} from '~/generated/graphql';
import { formatDateTime } from '~/lib/format';
import { noStore } from '~/lib/http';
import { readForm, redirectWithNotice, requireStaff } from '~/lib/staff.server';

const MY_SESSIONS = /* GraphQL */ `
  query MySessions {
    mySessions {
      id
      current
      address
      userAgent
      createdAt
      lastSeenAt
      expiresAt
    }
  }
`;

const REVOKE_SESSION = /* GraphQL */ `
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`;

export const meta: MetaFunction = () => [{ title: 'Your sessions · Folio Studio' }];
export const headers = noStore;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, [], context);
  const { mySessions } = await staff.call<MySessionsQuery, MySessionsQueryVariables>(MY_SESSIONS);
  return json({ sessions: mySessions });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, [], context);
  const form = await readForm(request);
  await staff.call<RevokeSessionMutation, RevokeSessionMutationVariables>(REVOKE_SESSION, {
    id: String(form.get('sessionId') ?? ''),
  });
  return redirectWithNotice(request, '/account/sessions', 'That session is signed out.');
}

export default function SessionsPage() {
  const { sessions } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Where you are signed in</h1>
      <table className="data">
        <caption className="visually-hidden">Your sessions</caption>
        <thead>
          <tr>
            <th scope="col">Browser</th>
            <th scope="col">Address</th>
            <th scope="col">Signed in</th>
            <th scope="col">Last seen</th>
            <th scope="col">Ends</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((session) => (
            <tr key={session.id}>
              <td>
                {session.userAgent ?? 'Unknown'}
                {session.current ? <strong> (this one)</strong> : null}
              </td>
              <td>{session.address ?? '—'}</td>
              <td>{formatDateTime(session.createdAt)}</td>
              <td>{formatDateTime(session.lastSeenAt)}</td>
              <td>{formatDateTime(session.expiresAt)}</td>
              <td>
                {session.current ? null : (
                  <Form method="post" className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="sessionId" value={session.id} />
                    <button type="submit" className="secondary">
                      Sign out<span className="visually-hidden"> this session</span>
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
