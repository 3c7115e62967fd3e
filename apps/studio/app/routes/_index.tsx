import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { homeFor, requireStaff } from '~/lib/staff.server';

/** Studio's front door: editors land on their articles, moderators on the queue. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireStaff(request);
  return redirect(homeFor(user));
}
