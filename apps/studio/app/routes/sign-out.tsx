import { redirect, type ActionFunctionArgs } from '@remix-run/node';
import { sessionStorage } from '~/lib/cookies.server';
import { readForm } from '~/lib/staff.server';

// POST only (a link could be followed by anything): ends the session and clears the cookie.
export async function loader() {
  return redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  await readForm(request);
  const storage = sessionStorage();
  const session = await storage.getSession(request.headers.get('Cookie'));
  session.unset('token');
  session.unset('user');
  session.flash('notice', 'You have signed out.');
  return redirect('/sign-in', {
    status: 303,
    headers: { 'Set-Cookie': await storage.commitSession(session) },
  });
}
