import { ErrorCode } from '@folio/contract';
import { GraphQLError } from 'graphql';

/** The caller sent something we will not act on; the message says what is allowed. */
export class BadUserInputError extends GraphQLError {
  constructor(message: string, argumentName?: string) {
    super(message, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argumentName ? { argumentName } : {}) },
    });
  }
}
