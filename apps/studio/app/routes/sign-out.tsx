import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { sessionStorage } from '~/lib/cookies.server';
import { apiClient } from '~/lib/api.server';
import { readForm } from '~/lib/staff.server';

const SIGN_OUT = /* GraphQL */ `
  mutation SignOut {
    signOut
  }
`;

// POST only (a link could be followed by anything): ends the session and clears the cookie.
export async function loader() {
  return redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request);
  const storage = sessionStorage();
  const session = await storage.getSession(request.headers.get('Cookie'));
  const token = session.get('token');
  // The API ends the session itself, so the token is useless even if the cookie was copied.
  if (token)
    await apiClient()
      .request(SIGN_OUT, {}, { token })
      .catch(() => undefined);
  session.unset('token');
  session.unset('user');
  session.flash('notice', 'You have signed out.');
  return redirect('/sign-in', {
    status: 303,
    headers: { 'Set-Cookie': await storage.commitSession(session) },
  });
}
