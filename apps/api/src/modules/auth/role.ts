import { registerEnumType } from 'type-graphql';

export enum Role {
  EDITOR = 'editor',
  MODERATOR = 'moderator',
  ADMIN = 'admin',
}

registerEnumType(Role, {
  name: 'Role',
  description:
    'What a staff member or an API token may do. Admins may do everything editors and moderators may.',
});

export const ROLES = Object.values(Role);
