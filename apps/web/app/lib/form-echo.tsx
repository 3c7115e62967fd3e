import { createContext, useContext } from 'react';

/**
 * Long text a refused form shows back to a reader without JavaScript, handed from the action
 * to the server render (entry.server) through the request's load context rather than the
 * action's data: Remix puts action data in the page twice (rendered, and again as JSON for
 * hydration), so a text sent back that way would be echoed twice. With JavaScript the form
 * keeps what was typed itself and needs neither.
 */
export interface FormEcho {
  details?: string;
}

const FormEchoContext = createContext<FormEcho>({});

export const FormEchoProvider = FormEchoContext.Provider;

export function useFormEcho(): FormEcho {
  return useContext(FormEchoContext);
}
