import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Context } from './context.js';

/**
 * No request runs unbounded: once its deadline has passed, every field not yet started fails
 * with REQUEST_TIMEOUT instead of running (so no further SQL is sent), and the answer goes out
 * with what was done. A statement already running is bounded by PostgreSQL's statement_timeout.
 * `now` is injectable so tests control time instead of waiting for it.
 */
export function requestDeadlinePlugin(
  deadlineMs: number,
  now: () => number = () => performance.now(),
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const deadline = now() + deadlineMs;
      return {
        async executionDidStart() {
          return {
            willResolveField() {
              if (now() > deadline)
                throw new GraphQLError(
                  `The request ran past its ${deadlineMs / 1000} s deadline and was stopped; ask for less at once.`,
                  { extensions: { code: 'REQUEST_TIMEOUT' } },
                );
            },
          };
        },
      };
    },
  };
}
