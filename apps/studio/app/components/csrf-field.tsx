import { useRouteLoaderData } from '@remix-run/react';

/** The hidden CSRF field every Studio form carries (the token comes from the root loader). */
export function CsrfField() {
  const root = useRouteLoaderData<{ csrf: string }>('root');
  return <input type="hidden" name="_csrf" value={root?.csrf ?? ''} />;
}
