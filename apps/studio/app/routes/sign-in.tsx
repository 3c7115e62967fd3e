import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useNavigation, useSearchParams } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { CsrfField } from '~/components/csrf-field';
import { sessionStorage } from '~/lib/cookies.server';
import { NO_STORE, noStore } from '~/lib/http';
import { safeNext } from '~/lib/safe-next';
import { signIn } from '~/lib/sign-in.server';
import { clientInfo, readForm } from '~/lib/staff.server';

export const meta: MetaFunction = () => [{ title: 'Sign in · Folio Studio' }];
export const headers = noStore;

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await sessionStorage().getSession(request.headers.get('Cookie'));
  if (session.get('token')) {
    return redirect(safeNext(new URL(request.url).searchParams.get('next')));
  }
  return json(null, { headers: { 'Cache-Control': NO_STORE } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const email = String(form.get('email') ?? '').trim();
  const password = String(form.get('password') ?? '');
  if (!email || !password) {
    return json({ error: 'Enter your email and password.', email }, { status: 400 });
  }
  const result = await signIn(email, password, clientInfo(request, context));
  if (!result.ok) return json({ error: result.message, email }, { status: result.status });
  const storage = sessionStorage();
  const session = await storage.getSession(request.headers.get('Cookie'));
  session.set('token', result.session.token);
  session.set('user', result.session.user);
  // A one-time password from an admin must be replaced before anything else.
  const next = result.mustChangePassword
    ? '/account/password?first=1'
    : safeNext(String(form.get('next') ?? ''));
  return redirect(next, {
    status: 303,
    headers: { 'Set-Cookie': await storage.commitSession(session) },
  });
}

export default function SignInPage() {
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const errorRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (result?.error) errorRef.current?.focus();
  }, [result]);
  return (
    <div className="narrow">
      <h1>Sign in to Folio Studio</h1>
      <Form method="post" className="stack">
        <CsrfField />
        <input type="hidden" name="next" value={params.get('next') ?? ''} />
        {result?.error ? (
          <p className="form-error" role="alert" tabIndex={-1} ref={errorRef} id="sign-in-error">
            {result.error}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="email">Email</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            defaultValue={result?.email}
            aria-describedby={result?.error ? 'sign-in-error' : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
          />
        </div>
        <button type="submit" disabled={navigation.state === 'submitting'}>
          Sign in
        </button>
      </Form>
    </div>
  );
}
