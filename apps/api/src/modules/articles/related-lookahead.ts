import { Kind, type FieldNode, type GraphQLResolveInfo } from 'graphql';
import { selectionsOf } from '../../graphql/selects-field.js';
import { relatedLimit } from './article.service.js';

type LookaheadInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'variableValues'>;

/**
 * The `first` of the `related` the article being resolved is asked for, when its statement
 * can carry them: exactly one limit among its `related` selections, and a valid one (a wrong
 * `first` is left to the field, which answers it with its error). `null` otherwise: none
 * asked, several limits, or a selection the look-ahead cannot read; `related` then loads
 * them itself, as for a list.
 */
export function relatedLimitAskedFor(info: LookaheadInfo): number | null {
  const selections = selectionsOf(info, 'related');
  if (selections === null || selections.length === 0) return null;
  const limits = new Set(selections.map((field) => limitOf(field, info.variableValues)));
  if (limits.size !== 1) return null;
  const [limit] = limits;
  return limit === undefined || limit === null || limit === 0 ? null : limit;
}

/** The limit one selection asks for, `null` for a `first` the field will refuse. */
function limitOf(field: FieldNode, variables: LookaheadInfo['variableValues']): number | null {
  const argument = field.arguments?.find((candidate) => candidate.name.value === 'first');
  let first: unknown = null;
  if (argument?.value.kind === Kind.INT) first = Number(argument.value.value);
  else if (argument?.value.kind === Kind.VARIABLE) first = variables[argument.value.name.value];
  else if (argument && argument.value.kind !== Kind.NULL) return null;
  if (first !== null && first !== undefined && typeof first !== 'number') return null;
  try {
    return relatedLimit(first);
  } catch {
    return null;
  }
}
