import { NavLink } from '@remix-run/react';

export function ModerationTabs() {
  return (
    <ul className="tabs" aria-label="Moderation pages">
      <li>
        <NavLink to="/moderation" end>
          Queue
        </NavLink>
      </li>
      <li>
        <NavLink to="/moderation/appeals">Appeals</NavLink>
      </li>
      <li>
        <NavLink to="/moderation/transparency">Transparency report</NavLink>
      </li>
    </ul>
  );
}
