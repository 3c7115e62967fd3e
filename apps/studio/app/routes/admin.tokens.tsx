import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { CsrfField } from '~/components/csrf-field';
import type {
  AdminApiTokensQuery,
  AdminApiTokensQueryVariables,
  CreateApiTokenMutation,
  CreateApiTokenMutationVariables,
  RevokeApiTokenMutation,
  RevokeApiTokenMutationVariables,
  Role,
} from '~/generated/graphql';
import { formatDateTime } from '~/lib/format';
import { noStore } from '~/lib/http';
import { readForm, redirectWithNotice, refusal, requireStaff } from '~/lib/staff.server';

const TOKENS_QUERY = /* GraphQL */ `
  query AdminApiTokens {
    apiTokens {
      id
      name
      role
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`;

const CREATE_TOKEN = /* GraphQL */ `
  mutation CreateApiToken($name: String!, $role: Role!) {
    createApiToken(name: $name, role: $role) {
      token
      apiToken {
        name
        role
      }
    }
  }
`;

const REVOKE_TOKEN = /* GraphQL */ `
  mutation RevokeApiToken($name: String!) {
    revokeApiToken(name: $name)
  }
`;

const ROLES: Role[] = ['EDITOR', 'MODERATOR', 'ADMIN'];

export const meta: MetaFunction = () => [{ title: 'API tokens · Folio Studio' }];
export const headers = noStore;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, ['ADMIN'], context);
  const { apiTokens } = await staff.call<AdminApiTokensQuery, AdminApiTokensQueryVariables>(
    TOKENS_QUERY,
  );
  return json({ tokens: apiTokens });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, ['ADMIN'], context);
  const form = await readForm(request);
  const name = String(form.get('name') ?? '').trim();
  try {
    if (form.get('intent') === 'revoke') {
      await staff.call<RevokeApiTokenMutation, RevokeApiTokenMutationVariables>(REVOKE_TOKEN, {
        name,
      });
      return redirectWithNotice(request, '/admin/tokens', `Token “${name}” revoked.`);
    }
    const role = String(form.get('role') ?? '') as Role;
    if (!name || !ROLES.includes(role)) {
      return json({ error: 'Give the token a name and a role.', created: null }, { status: 400 });
    }
    const { createApiToken } = await staff.call<
      CreateApiTokenMutation,
      CreateApiTokenMutationVariables
    >(CREATE_TOKEN, { name, role });
    // Shown on this response only; it is never stored in Studio or shown again.
    return json(
      { error: null, created: { name: createApiToken.apiToken.name, token: createApiToken.token } },
      { headers: { 'Cache-Control': 'private, no-store' } },
    );
  } catch (error) {
    const refused = refusal(error);
    if (refused) return json({ error: refused.message, created: null }, { status: 400 });
    throw error;
  }
}

export default function TokensPage() {
  const { tokens } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div>
      <h1>API tokens</h1>
      <p>Tokens let integrations call the API. Each is shown once, when it is made.</p>
      {result?.created ? (
        <div className="notice" role="status">
          <p>
            Token <strong>{result.created.name}</strong> created. Copy it now; it will not be shown
            again:
          </p>
          <p>
            <code data-testid="new-token">{result.created.token}</code>
          </p>
        </div>
      ) : null}
      {result?.error ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      <Form method="post" className="toolbar">
        <CsrfField />
        <input type="hidden" name="intent" value="create" />
        <div className="field">
          <label htmlFor="token-name">Name</label>
          <input id="token-name" name="name" type="text" required maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="token-role">Role</label>
          <select id="token-role" name="role" defaultValue="EDITOR">
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role.toLowerCase()}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Create token</button>
      </Form>
      <table className="data">
        <caption className="visually-hidden">API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">State</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <td>{token.name}</td>
              <td>{token.role.toLowerCase()}</td>
              <td>{formatDateTime(token.createdAt)}</td>
              <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'never'}</td>
              <td>{token.revokedAt ? `revoked ${formatDateTime(token.revokedAt)}` : 'live'}</td>
              <td>
                {token.revokedAt ? null : (
                  <Form method="post" className="inline-form">
                    <CsrfField />
                    <input type="hidden" name="intent" value="revoke" />
                    <input type="hidden" name="name" value={token.name} />
                    <button type="submit" className="secondary">
                      Revoke<span className="visually-hidden"> {token.name}</span>
                    </button>
                  </Form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
