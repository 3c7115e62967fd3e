import { z } from 'zod';

// Read once, validated, frozen. Server code only (the .server suffix keeps it out of the browser).
/** The variables the app reads (server.mjs has its own, in server-env.mjs). */
export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  FOLIO_API_URL: z.string().url().default('http://127.0.0.1:4000/graphql'),
  /** The reader's public origin, for canonical URLs, feeds and sitemaps. */
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  /** Shared with the API: lets it trust the reader address we forward for rate limits. */
  FORWARDED_ADDRESS_SECRET: z.string().min(16).optional(),
  SITE_NAME: z.string().default('Folio'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type WebEnv = Readonly<z.infer<typeof EnvSchema>>;

let cached: WebEnv | undefined;

export function env(): WebEnv {
  if (!cached) {
    const result = EnvSchema.safeParse(process.env);
    if (!result.success) {
      throw new Error(
        `Invalid environment: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    }
    cached = Object.freeze(result.data);
  }
  return cached;
}
