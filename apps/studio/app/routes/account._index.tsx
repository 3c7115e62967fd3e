import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { noStore } from '~/lib/http';
import { requireStaff } from '~/lib/staff.server';

export const meta: MetaFunction = () => [{ title: 'Your account · Folio Studio' }];
export const headers = noStore;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request, [], context);
  return json({ user });
}

export default function AccountPage() {
  const { user } = useLoaderData<typeof loader>();
  return (
    <div>
      <h1>Your account</h1>
      <dl>
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Email</dt>
        <dd>{user.email ?? '—'}</dd>
        <dt>Role</dt>
        <dd>{user.role.toLowerCase()}</dd>
      </dl>
      <ul>
        <li>
          <Link to="/account/password">Change your password</Link>
        </li>
        <li>
          <Link to="/account/sessions">Where you are signed in</Link>
        </li>
      </ul>
    </div>
  );
}
