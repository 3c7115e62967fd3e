import { NavLink } from '@remix-run/react';

/** The pages of one article in Studio: edit, revisions, preview links. */
export function ArticleTabs({ slug }: { slug: string }) {
  return (
    <ul className="tabs" aria-label="Article pages">
      <li>
        <NavLink to={`/articles/${slug}`} end>
          Edit
        </NavLink>
      </li>
      <li>
        <NavLink to={`/articles/${slug}/revisions`}>Revisions</NavLink>
      </li>
      <li>
        <NavLink to={`/articles/${slug}/previews`}>Preview links</NavLink>
      </li>
    </ul>
  );
}
