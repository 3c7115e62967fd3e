import {
  DETAILS_MAX_LENGTH,
  IDEMPOTENCY_KEY_PATTERN,
  SECTION_ANCHOR_MAX_LENGTH,
} from '@folio/contract';
import { z } from 'zod';
import type { ReportReason } from '~/generated/graphql';

export { DETAILS_MAX_LENGTH };

/** The reasons a reader can give, each with the one line the form shows under it. */
export const REPORT_REASONS: ReadonlyArray<{ value: ReportReason; label: string; hint: string }> = [
  { value: 'SPAM', label: 'Spam or scam', hint: 'Advertising, scams or repeated junk.' },
  {
    value: 'MISINFORMATION',
    label: 'False information',
    hint: 'Misleading claims presented as fact.',
  },
  {
    value: 'HARASSMENT_OR_HATE',
    label: 'Harassment or hate',
    hint: 'Attacks, threats or hate against a person or group.',
  },
  {
    value: 'SEXUAL_CONTENT',
    label: 'Sexual content',
    hint: 'Sexual material that does not belong here.',
  },
  {
    value: 'SELF_HARM',
    label: 'Self-harm',
    hint: 'Encourages suicide, self-harm or eating disorders.',
  },
  { value: 'COPYRIGHT', label: 'Copyright', hint: "Someone's work used without their permission." },
  {
    value: 'ILLEGAL',
    label: 'Illegal content',
    hint: 'Breaks the law, such as fraud or illegal goods.',
  },
  { value: 'OTHER', label: 'Something else', hint: 'Tell us what is wrong in the details below.' },
];

const ReportFormSchema = z
  .object({
    reason: z.enum(REPORT_REASONS.map((r) => r.value) as [ReportReason, ...ReportReason[]], {
      errorMap: () => ({ message: 'Choose the reason that fits best.' }),
    }),
    details: z
      .string()
      .trim()
      .max(DETAILS_MAX_LENGTH, `Keep the details to ${DETAILS_MAX_LENGTH} characters or fewer.`)
      .refine(
        (text) => !text.includes('\u0000'),
        'The details contain characters we cannot store.',
      ),
    contactEmail: z.union([
      z.literal(''),
      z.string().trim().email('Enter an email address like name@example.com, or leave it empty.'),
    ]),
    section: z.string().max(SECTION_ANCHOR_MAX_LENGTH).optional(),
    idempotencyKey: z.string().regex(IDEMPOTENCY_KEY_PATTERN),
  })
  .superRefine((value, ctx) => {
    if (value.reason === 'OTHER' && value.details === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['details'],
        message: 'Tell us what is wrong when you choose "Something else".',
      });
    }
  });

export type ReportFormValues = {
  reason: string;
  details: string;
  contactEmail: string;
  section: string;
};
export type ReportFormErrors = Partial<
  Record<'reason' | 'details' | 'contactEmail' | 'form', string>
>;

export type ParsedReportForm =
  | { ok: true; data: z.infer<typeof ReportFormSchema>; values: ReportFormValues }
  | { ok: false; errors: ReportFormErrors; values: ReportFormValues; keyRejected: boolean };

const EMAIL_ECHO_MAX = 254;
const SECTION_ECHO_MAX = 200;

/** At most max UTF-16 units, never ending inside a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * What the form page shows back after a refusal: what was typed, but never more than a
 * browser could have sent through this form (its fields' own limits), and a reason only when
 * it is one of ours. A client posting megabytes gets none of it back.
 */
function echoOf(sent: ReportFormValues): ReportFormValues {
  return {
    reason: REPORT_REASONS.some((r) => r.value === sent.reason) ? sent.reason : '',
    details: clip(sent.details, DETAILS_MAX_LENGTH),
    contactEmail: clip(sent.contactEmail, EMAIL_ECHO_MAX),
    section: clip(sent.section, SECTION_ECHO_MAX),
  };
}

/** Reads the posted form; on failure, says what to fix per field and keeps what was typed. */
export function parseReportForm(form: FormData): ParsedReportForm {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const sent: ReportFormValues = {
    reason: text('reason'),
    details: text('details'),
    contactEmail: text('contactEmail'),
    section: text('section'),
  };
  const result = ReportFormSchema.safeParse({
    ...sent,
    section: sent.section || undefined,
    idempotencyKey: text('idempotencyKey'),
  });
  const values = echoOf(sent);
  if (result.success) return { ok: true, data: result.data, values };
  const errors: ReportFormErrors = {};
  let keyRejected = false;
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if (field === 'idempotencyKey') keyRejected = true;
    else if (field === 'reason' || field === 'details' || field === 'contactEmail')
      errors[field] ??= issue.message;
    else errors.form ??= issue.message;
  }
  if (keyRejected)
    errors.form ??=
      'This form had expired, so nothing was sent. Please check your answers and send it again.';
  return { ok: false, errors, values, keyRejected };
}
