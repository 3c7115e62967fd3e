import type { z } from 'zod';

/** One line per problem, named by variable, so a bad deployment says what to fix. */
export function formatEnvIssues(error: z.ZodError): string {
  const problems = error.issues
    .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    .join('\n');
  return `Invalid environment:\n${problems}`;
}

/** Parses the environment with a server's schema, or throws naming every variable at fault. */
export function parseEnvironment<T extends z.ZodTypeAny>(
  schema: T,
  source: Record<string, string | undefined>,
): z.infer<T> {
  const result = schema.safeParse(source);
  if (!result.success) throw new Error(formatEnvIssues(result.error));
  return result.data;
}
