import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

type SelectionInfo = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/**
 * The fields selected in `selectionSets` themselves (not their sub-fields), through inline and
 * named fragments, each named fragment once; `null` if a fragment is not defined, which cannot
 * pass validation, so a caller can only say "anything may be asked for".
 */
function fieldsOf(
  info: SelectionInfo,
  selectionSets: ReadonlyArray<SelectionSetNode | undefined>,
): FieldNode[] | null {
  const fields: FieldNode[] = [];
  const seen = new Set<string>();
  const walk = (selectionSet: SelectionSetNode | undefined): boolean =>
    (selectionSet?.selections ?? []).every((selection) => {
      if (selection.kind === Kind.FIELD) return fields.push(selection) > 0;
      if (selection.kind === Kind.INLINE_FRAGMENT) return walk(selection.selectionSet);
      const fragment = selection.name.value;
      if (seen.has(fragment)) return true;
      seen.add(fragment);
      const definition = info.fragments[fragment];
      return definition ? walk(definition.selectionSet) : false;
    });
  return selectionSets.every(walk) ? fields : null;
}

/**
 * Whether the field being resolved asks for `name` among its own sub-fields, through inline
 * fragments and named fragments too: a look-ahead, so a resolver can leave out of its SQL what
 * nobody asked for. It errs towards yes (a sub-field under @skip or @include counts as asked
 * for), so what it decides may only save work, never change an answer: whatever is left out
 * must still be found another way if a resolver reads it.
 */
export function selectsField(info: SelectionInfo, name: string): boolean {
  const fields = fieldsOf(
    info,
    info.fieldNodes.map((node) => node.selectionSet),
  );
  return fields === null || fields.some((field) => field.name.value === name);
}

/**
 * The names of the sub-fields asked for under `name` (every selection of it, whatever its
 * alias) among the field being resolved's own sub-fields: empty when `name` is not asked for,
 * `null` when it cannot be told. Errs towards more, as selectsField does.
 */
export function subfieldsOf(info: SelectionInfo, name: string): ReadonlySet<string> | null {
  const selections = selectionsOf(info, name);
  if (selections === null) return null;
  const under = fieldsOf(
    info,
    selections.map((field) => field.selectionSet),
  );
  return under === null ? null : new Set(under.map((field) => field.name.value));
}

/**
 * Every selection of `name` (whatever its alias) among the field being resolved's own
 * sub-fields, so a look-ahead can read their arguments; `null` when it cannot be told.
 */
export function selectionsOf(info: SelectionInfo, name: string): FieldNode[] | null {
  const fields = fieldsOf(
    info,
    info.fieldNodes.map((node) => node.selectionSet),
  );
  return fields === null ? null : fields.filter((field) => field.name.value === name);
}
