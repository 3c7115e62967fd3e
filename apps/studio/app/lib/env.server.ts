import { z } from 'zod';

// Read once, validated, frozen. Server code only (the .server suffix keeps it out of the browser).
const DEV_SESSION_SECRET = 'folio-studio-development-secret-not-for-production';

export const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    FOLIO_API_URL: z.string().url().default('http://127.0.0.1:4000/graphql'),
    /** The reader's public origin: preview links and "view on the reader" point there. */
    READER_URL: z.string().url().default('http://localhost:3000'),
    /**
     * Signs Studio's cookies (session and CSRF). Comma-separated to rotate: the first signs,
     * all verify. Required in production; at least 32 characters each.
     */
    SESSION_SECRET: z.string().optional(),
    /** Shared with the API: lets it trust the browser address Studio forwards (sign-in limits). */
    FORWARDED_ADDRESS_SECRET: z.string().min(16).optional(),
    /** Cookies marked Secure (served over HTTPS). Defaults to on in production. */
    COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  })
  .transform((raw, ctx) => {
    const secrets = (raw.SESSION_SECRET ?? '')
      .split(',')
      .map((secret) => secret.trim())
      .filter(Boolean);
    if (secrets.length === 0) {
      if (raw.NODE_ENV === 'production') {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['SESSION_SECRET'],
          message: 'required in production',
        });
        return z.NEVER;
      }
      secrets.push(DEV_SESSION_SECRET);
    }
    if (secrets.some((secret) => secret.length < 32)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['SESSION_SECRET'],
        message: 'each secret needs at least 32 characters',
      });
      return z.NEVER;
    }
    return {
      NODE_ENV: raw.NODE_ENV,
      FOLIO_API_URL: raw.FOLIO_API_URL,
      READER_URL: raw.READER_URL.replace(/\/$/, ''),
      SESSION_SECRETS: secrets,
      FORWARDED_ADDRESS_SECRET: raw.FORWARDED_ADDRESS_SECRET,
      COOKIE_SECURE: raw.COOKIE_SECURE
        ? raw.COOKIE_SECURE === 'true'
        : raw.NODE_ENV === 'production',
    };
  });

export type StudioEnv = Readonly<z.output<typeof EnvSchema>>;

export function parseEnv(source: Record<string, string | undefined>): StudioEnv {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    throw new Error(
      `Invalid environment: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return Object.freeze(result.data);
}

let cached: StudioEnv | undefined;

export function env(): StudioEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
