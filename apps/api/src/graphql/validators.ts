import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Text PostgreSQL can store losslessly: no NUL characters (which `text` refuses) and no lone
 * UTF-16 surrogates (which would be replaced by U+FFFD on the way in).
 */
export function IsStorableText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStorableText',
      validator: {
        validate: (value: unknown) => {
          const check = (text: unknown) =>
            typeof text !== 'string' ||
            (!text.includes('\u0000') &&
              (text as string & { isWellFormed(): boolean }).isWellFormed());
          return Array.isArray(value) ? value.every(check) : check(value);
        },
        defaultMessage: () => '$property must not contain NUL characters or unpaired surrogates',
      },
    },
    options,
  );
}
