import {
  ValidateBy,
  ValidationTypes,
  getMetadataStorage,
  validateOrReject,
  type ValidationArguments,
  type ValidationError,
  type ValidationOptions,
  type ValidatorOptions,
} from 'class-validator';
import { ArgumentValidationError, type ValidatorFn } from 'type-graphql';

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

/** class-validator's options for arguments, as type-graphql sets them by default. */
export const ARGUMENT_VALIDATOR_OPTIONS: ValidatorOptions = {
  // unknown input fields are already refused by GraphQL
  forbidUnknownValues: false,
  // a field left out (or null) is GraphQL's business: nullable, or refused before we run
  skipMissingProperties: true,
};

/**
 * Validates every argument with class-validator's decorators, as type-graphql's own `validate`
 * does, at a fraction of the cost. type-graphql runs `validateOrReject` on each input object of
 * each request: a new ValidationExecutor that filters the class's metadata again and looks up
 * every constraint's instance in class-validator's container, a linear search over one entry
 * per decorator in the app. Here each class's checks are gathered once, into a list of the
 * same constraint functions, and an input that passes them all is let through at once. An
 * input that fails (or a class using a feature the list does not cover: nested validation,
 * async constraints...) goes through `validateOrReject` itself, so every error, message and
 * `extensions.validationErrors` is class-validator's, exactly as before.
 */
export function argumentValidator(
  options: ValidatorOptions = ARGUMENT_VALIDATOR_OPTIONS,
): ValidatorFn {
  const checks = new Map<unknown, InputCheck | null>();
  const passes = (input: object): boolean => {
    const type = input.constructor;
    let check = checks.get(type);
    if (check === undefined) {
      check = typeof type === 'function' ? compileCheck(type, options) : null;
      checks.set(type, check);
    }
    if (check === null) return false;
    try {
      return check(input);
    } catch {
      // a constraint that throws (validator.js's isEmail on a lone surrogate) is
      // class-validator's to report, as it did before
      return false;
    }
  };
  return (argValue: unknown) => {
    if (argValue === null || typeof argValue !== 'object') return;
    if (!Array.isArray(argValue)) {
      if (!passes(argValue)) return rejectWithErrors([argValue], options);
      return;
    }
    const inputs = argValue.filter(
      (item): item is object => item !== null && typeof item === 'object',
    );
    if (!inputs.every(passes)) return rejectWithErrors(inputs, options);
  };
}

/** What type-graphql does with an argument (or each object of a list argument). */
async function rejectWithErrors(inputs: object[], options: ValidatorOptions): Promise<void> {
  try {
    await Promise.all(inputs.map((input) => validateOrReject(input, options)));
  } catch (errors) {
    throw new ArgumentValidationError(errors as ValidationError[]);
  }
}

/** True when an input passes every check; false sends it to class-validator itself. */
type InputCheck = (input: object) => boolean;

interface PropertyCheck {
  property: string;
  /** IsOptional and ValidateIf: all must hold for the property to be validated. */
  conditions: Array<(object: object, value: unknown) => boolean>;
  constraints: Array<{
    validate(value: unknown, args: ValidationArguments): unknown;
    each: boolean;
    constraints: unknown[];
  }>;
}

/**
 * The checks class-validator's ValidationExecutor would run on an instance of `type` with
 * these options (ungrouped), or null when the class uses anything beyond synchronous custom
 * constraints and conditions: such classes are always validated by class-validator itself.
 */
function compileCheck(type: { name: string }, options: ValidatorOptions): InputCheck | null {
  if (options.groups?.length || options.always || options.strictGroups || options.whitelist)
    return null;
  if (options.forbidUnknownValues !== false) return null;
  const storage = getMetadataStorage();
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- class-validator's own type
  const metadatas = storage.getTargetValidationMetadatas(type as Function, '', false, false);
  const properties: PropertyCheck[] = [];
  for (const [property, group] of Object.entries(storage.groupByPropertyName(metadatas))) {
    const check: PropertyCheck = { property, conditions: [], constraints: [] };
    for (const metadata of group) {
      if (metadata.type === ValidationTypes.CONDITIONAL_VALIDATION) {
        check.conditions.push(metadata.constraints[0] as PropertyCheck['conditions'][number]);
      } else if (metadata.type === ValidationTypes.CUSTOM_VALIDATION) {
        for (const constraint of storage.getTargetValidatorConstraints(metadata.constraintCls)) {
          if (constraint.async) return null;
          // resolved once here: class-validator looks it up in its container on every call
          const instance = constraint.instance;
          check.constraints.push({
            validate: (value, args) => instance.validate(value, args),
            each: metadata.each,
            constraints: metadata.constraints,
          });
        }
      } else {
        return null;
      }
    }
    properties.push(check);
  }
  const skipNull = options.skipMissingProperties === true || options.skipNullProperties === true;
  const skipUndefined =
    options.skipMissingProperties === true || options.skipUndefinedProperties === true;
  return (input) => {
    for (const { property, conditions, constraints } of properties) {
      const value = (input as Record<string, unknown>)[property];
      if (!conditions.every((condition) => condition(input, value))) continue;
      if ((value === null && skipNull) || (value === undefined && skipUndefined)) continue;
      for (const constraint of constraints) {
        const args: ValidationArguments = {
          targetName: type.name,
          property,
          object: input,
          value,
          constraints: constraint.constraints,
        };
        const many = value instanceof Set || value instanceof Map || Array.isArray(value);
        const valid =
          constraint.each && many
            ? [...(value instanceof Map ? value.values() : (value as Iterable<unknown>))].every(
                (item) => isTrue(constraint.validate(item, args)),
              )
            : isTrue(constraint.validate(value, args));
        if (!valid) return false;
      }
    }
    return true;
  };
}

/** Valid as class-validator reads a constraint's answer; a promise is left to class-validator. */
function isTrue(answer: unknown): boolean {
  return Boolean(answer) && typeof (answer as { then?: unknown }).then !== 'function';
}
