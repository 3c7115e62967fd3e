import type { DataSource } from 'typeorm';
import { ApiTokenService } from '../src/modules/auth/api-token.service.js';
import { Role } from '../src/modules/auth/role.js';

let count = 0;

/** A fresh token for the role, as the Authorization header a client would send. */
export async function bearerFor(dataSource: DataSource, role: Role, name = `${role}-${++count}`) {
  const { token } = await new ApiTokenService(dataSource).create(name, role);
  return { authorization: `Bearer ${token}` };
}

export { Role };
