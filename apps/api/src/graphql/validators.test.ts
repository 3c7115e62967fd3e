import 'reflect-metadata';
import { getMetadataStorage, validate, validateOrReject } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { DETAILS_MAX_LENGTH } from '@folio/contract';
// Every input class with validation decorators, so each one's verdicts are compared below.
import '../modules/editorial/editorial.inputs.js';
import '../modules/moderation/decision.types.js';
import '../modules/moderation/moderation.types.js';
import '../modules/staff/staff.inputs.js';
import { SubmitReportInput } from '../modules/reports/report.inputs.js';
import { ARGUMENT_VALIDATOR_OPTIONS, argumentValidator } from './validators.js';

type InputClass = new () => object;

/** The classes class-validator holds decorators for (its storage is keyed by class). */
function decoratedClasses(): InputClass[] {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, unknown> };
  return [...storage.validationMetadatas.keys()].filter(
    (key): key is InputClass => typeof key === 'function',
  );
}

/** A deterministic generator, so a failure names an input that can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const SCALARS: unknown[] = [
  undefined,
  null,
  '',
  'a',
  'the-slug_01',
  'reader@example.org',
  'not an email',
  'x'.repeat(8),
  'x'.repeat(99),
  'x'.repeat(101),
  'x'.repeat(201),
  'y'.repeat(DETAILS_MAX_LENGTH),
  'y'.repeat(DETAILS_MAX_LENGTH + 1),
  'NUL \u0000 inside',
  'lone \ud800 surrogate',
  'Ünïcödé → text',
  -1,
  0,
  7,
  ['a', 'b'],
  ['x'.repeat(500)],
  ['a', 'x'.repeat(500)],
  new Set(['a', 'x'.repeat(500)]),
  ['a\u0000'],
  Array.from({ length: 60 }, (_, i) => `tag${i}`),
  [],
  new Date('2026-11-27T00:00:00Z'),
];

function propertiesOf(type: InputClass): string[] {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(type, '', false, false);
  return [...new Set(metadatas.map((metadata) => metadata.propertyName))];
}

function randomInstance(type: InputClass, next: () => number, depth = 0): object {
  const instance = new type();
  for (const property of propertiesOf(type)) {
    // nested inputs: a list of instances of each decorated class, valid or not
    const nested = depth === 0 && next() < 0.2;
    (instance as Record<string, unknown>)[property] = nested
      ? Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
          randomInstance(
            decoratedClasses()[Math.floor(next() * decoratedClasses().length)]!,
            next,
            1,
          ),
        )
      : // left out half the time (never checked), so inputs with many fields pass too
        next() < 0.5
        ? undefined
        : SCALARS[Math.floor(next() * SCALARS.length)];
  }
  return instance;
}

/** Whether the validator lets an argument through (undefined) or refuses it (the error). */
async function verdict(argValue: unknown): Promise<ArgumentValidationError | undefined> {
  const validateFn = argumentValidator();
  try {
    await validateFn(argValue, Object, {} as never);
    return undefined;
  } catch (error) {
    return error as ArgumentValidationError;
  }
}

describe('argumentValidator', () => {
  it('lets through and refuses exactly what class-validator does, for every input class', async () => {
    const next = random(15);
    const classes = decoratedClasses();
    expect(classes.map((type) => type.name)).toEqual(
      expect.arrayContaining(['SubmitReportInput', 'CreateArticleInput', 'SectionInput']),
    );
    for (const type of classes) {
      let accepted = 0;
      let refused = 0;
      // each field alone with every value (the others left out), then random mixes
      const inputs = [
        ...propertiesOf(type).flatMap((property) =>
          [...SCALARS, [randomInstance(decoratedClasses()[0]!, next, 1)]].map((value) =>
            Object.assign(new type(), { [property]: value }),
          ),
        ),
        ...Array.from({ length: 300 }, () => randomInstance(type, next)),
      ];
      for (const input of inputs) {
        const expected = await (async () => validate(input, ARGUMENT_VALIDATOR_OPTIONS))().then(
          (errors) => errors.length === 0,
          (error: Error) => error,
        );
        const error = await verdict(input);
        const got =
          error === undefined ||
          (error instanceof ArgumentValidationError &&
          !Array.isArray(error.extensions.validationErrors)
            ? (error.extensions.validationErrors as Error) // what class-validator threw
            : false);
        if (
          expected instanceof Error
            ? !(got instanceof Error) || got.message !== expected.message
            : got !== expected
        ) {
          throw new Error(
            `${type.name}: ${String(got)} instead of ${String(expected)} for ${JSON.stringify(input)}`,
          );
        }
        if (expected === true) accepted += 1;
        else refused += 1;
      }
      // the corpus exercises both answers for every class that can refuse anything
      const canRefuse = getMetadataStorage()
        .getTargetValidationMetadatas(type, '', false, false)
        .some((metadata) => metadata.type !== 'conditionalValidation');
      expect({ type: type.name, accepted: accepted > 0, refused: refused > 0 }).toEqual({
        type: type.name,
        accepted: true,
        refused: canRefuse,
      });
    }
  });

  it("refuses bad input with class-validator's own errors and messages", async () => {
    const input = Object.assign(new SubmitReportInput(), {
      articleSlug: '',
      details: 'y'.repeat(DETAILS_MAX_LENGTH + 1),
      contactEmail: 'not an email',
      idempotencyKey: 'short',
    });
    const error = await verdict(input);
    expect(error).toBeInstanceOf(ArgumentValidationError);
    expect(error!.extensions.code).toBe('BAD_USER_INPUT');
    const expected = await validateOrReject(input, ARGUMENT_VALIDATOR_OPTIONS).catch(
      (errors: unknown) => errors,
    );
    expect(error!.extensions.validationErrors).toEqual(expected);
    expect(
      (error!.extensions.validationErrors as Array<{ constraints: object }>).map(
        (problem) => problem.constraints,
      ),
    ).toEqual([
      { minLength: 'articleSlug must be longer than or equal to 1 characters' },
      { maxLength: `details must be at most ${DETAILS_MAX_LENGTH} characters` },
      { isEmail: 'contactEmail must be an email address' },
      { matches: 'idempotencyKey must be 8 to 100 letters, digits, - or _' },
    ]);
  });

  it('checks each object of a list argument, and ignores scalars and nulls', async () => {
    const good = Object.assign(new SubmitReportInput(), {
      articleSlug: 'a-page',
      idempotencyKey: 'key-12345678',
    });
    const bad = Object.assign(new SubmitReportInput(), {
      articleSlug: 'a-page',
      idempotencyKey: 'no',
    });
    expect(await verdict(good)).toBeUndefined();
    expect(await verdict([good, null, 'text', good])).toBeUndefined();
    expect(await verdict('x\u0000')).toBeUndefined();
    expect(await verdict(null)).toBeUndefined();
    const error = await verdict([good, bad]);
    expect(error).toBeInstanceOf(ArgumentValidationError);
    expect(error!.extensions.validationErrors).toEqual([
      expect.objectContaining({ property: 'idempotencyKey' }),
    ]);
  });
});
