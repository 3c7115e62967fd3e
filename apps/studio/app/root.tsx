import {
  json,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react';
import readerStyles from '@folio/ui/reader.css?url';
import type { ReactNode } from 'react';
import { CsrfField } from './components/csrf-field';
import type { SessionUser } from './lib/cookies.server';
import { sessionStorage } from './lib/cookies.server';
import { NO_STORE } from './lib/http';
import { useNonce } from './lib/nonce';
import { csrf } from './lib/staff.server';
import studioStyles from './styles/studio.css?url';

// Studio's own styles build on the reader's, so a preview looks exactly like the reader's page.
export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: readerStyles },
  { rel: 'stylesheet', href: studioStyles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
];

export const meta: MetaFunction = () => [
  { title: 'Folio Studio' },
  { name: 'robots', content: 'noindex, nofollow' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const storage = sessionStorage();
  const session = await storage.getSession(request.headers.get('Cookie'));
  const user = session.get('user') ?? null;
  const notice = session.get('notice') ?? null;
  const { token, setCookie } = await csrf().issue(request);
  const headers = new Headers({ 'Cache-Control': NO_STORE });
  if (setCookie) headers.append('Set-Cookie', setCookie);
  // Reading the flash consumes it: the session cookie is rewritten without it.
  if (notice) headers.append('Set-Cookie', await storage.commitSession(session));
  return json({ user, notice, csrf: token }, { headers });
}

type RootData = { user: SessionUser | null; notice: string | null; csrf: string };

const NAV: Array<{ to: string; label: string; roles: SessionUser['role'][] }> = [
  { to: '/articles', label: 'Articles', roles: ['EDITOR'] },
  { to: '/moderation', label: 'Moderation', roles: ['MODERATOR'] },
  { to: '/admin/audit', label: 'Audit log', roles: ['ADMIN'] },
  { to: '/admin/users', label: 'Staff', roles: ['ADMIN'] },
  { to: '/admin/tokens', label: 'API tokens', roles: ['ADMIN'] },
];

function StudioHeader({ user }: { user: SessionUser | null }) {
  return (
    <header className="site-header studio-header">
      <div className="site-header-inner">
        <Link to="/" className="site-name">
          Folio <span className="studio-name">Studio</span>
        </Link>
        {user ? (
          <>
            <nav aria-label="Studio" className="studio-nav">
              <ul>
                {NAV.filter((item) => user.role === 'ADMIN' || item.roles.includes(user.role)).map(
                  (item) => (
                    <li key={item.to}>
                      <NavLink to={item.to}>{item.label}</NavLink>
                    </li>
                  ),
                )}
              </ul>
            </nav>
            <div className="studio-account">
              <NavLink to="/account" className="studio-user">
                {user.name} <span className="role">({user.role.toLowerCase()})</span>
              </NavLink>
              <Form method="post" action="/sign-out" className="inline-form">
                <CsrfField />
                <button type="submit" className="secondary">
                  Sign out
                </button>
              </Form>
            </div>
          </>
        ) : null}
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<RootData>('root');
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body className="studio">
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <StudioHeader user={data?.user ?? null} />
        <main id="main" tabIndex={-1}>
          {data?.notice ? (
            <p className="flash" role="status">
              {data.notice}
            </p>
          ) : null}
          {children}
        </main>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    isRouteErrorResponse(error) && error.data && typeof error.data === 'object'
      ? String((error.data as { message?: string }).message ?? '')
      : '';
  const titles: Record<number, string> = {
    403: 'You may not do that',
    404: 'Not found',
    503: 'The API is unavailable',
  };
  return (
    <div className="error-page">
      <p className="label">Error {status}</p>
      <h1>{titles[status] ?? 'Something went wrong'}</h1>
      {message ? <p>{message}</p> : null}
      <p>
        <Link to="/">Back to Studio</Link>
      </p>
    </div>
  );
}
