import { createContext, useContext } from 'react';

/** The per-request CSP nonce for Remix's inline scripts (set in entry.server, empty in the browser). */
const NonceContext = createContext('');

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
