import type { DataSource } from 'typeorm';
import { Role } from '../src/modules/auth/role.js';
import { StaffUserService } from '../src/modules/staff/staff-user.service.js';
import type { TestApi } from './test-api.js';

let count = 0;

export const TEST_PASSWORD = 'correct horse battery staple';

/** A staff account with a password of its own (no one-time password to change). */
export async function createStaffUser(
  dataSource: DataSource,
  role: Role,
  options: { name?: string; email?: string; password?: string } = {},
) {
  const n = ++count;
  const {
    name = `${role} ${n}`,
    email = `${role}-${n}@folio.test`,
    password = TEST_PASSWORD,
  } = options;
  const { user } = await new StaffUserService(dataSource).create(
    { email, displayName: name, role, password },
    null,
  );
  return { user, email, password };
}

const SIGN_IN = `mutation ($email: String!, $password: String!) {
  signIn(email: $email, password: $password) { token expiresAt idleTimeoutMinutes user { id displayName role mustChangePassword } }
}`;

/** Signs in over HTTP as Studio does; returns the Authorization header for the session. */
export async function signIn(
  api: TestApi,
  email: string,
  password: string,
  headers: Record<string, string> = {},
) {
  const response = await api.query(SIGN_IN, { email, password }, headers);
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  const result = response.data!.signIn;
  return { ...result, headers: { authorization: `Bearer ${result.token}` } };
}

/** A new account of the role, signed in. */
export async function sessionFor(api: TestApi, dataSource: DataSource, role: Role, name?: string) {
  const { user, email, password } = await createStaffUser(dataSource, role, name ? { name } : {});
  const session = await signIn(api, email, password);
  return { user, email, password, ...session };
}

export { Role, SIGN_IN };
