import { ErrorCode } from '@folio/contract';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { unwrapResolverError } from '@apollo/server/errors';
import type { ValidationError } from 'class-validator';

/**
 * Shapes every error a client sees:
 * - errors we did not raise on purpose (a database failure, a bug) become a bare "Internal
 *   server error": no SQL, constraint names or stack traces; the original is logged;
 * - input validation errors say what is wrong in the message ("details: …") and never echo
 *   the submitted values back.
 */
export function formatApiError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const validationErrors = formatted.extensions?.validationErrors as
      ValidationError[] | undefined;
    if (code === ErrorCode.BAD_USER_INPUT && validationErrors) {
      const problems = validationErrors.flatMap((problem) => describe(problem));
      return {
        ...formatted,
        message: `Invalid input: ${problems.map((p) => `${p.field}: ${p.messages.join(', ')}`).join('; ')}`,
        extensions: { code, validationErrors: problems },
      };
    }
    if (code !== undefined && code !== ErrorCode.INTERNAL_SERVER_ERROR) return formatted;
    logger.error(
      { err: unwrapResolverError(error), path: formatted.path },
      'unexpected GraphQL error',
    );
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function describe(
  error: ValidationError,
  parent = '',
): Array<{ field: string; messages: string[] }> {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
  return [...own, ...(error.children ?? []).flatMap((child) => describe(child, field))];
}
