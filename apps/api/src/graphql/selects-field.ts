import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved asks for `name` among its own sub-fields, through inline
 * fragments and named fragments too: a look-ahead, so a resolver can leave out of its SQL what
 * nobody asked for. It errs towards yes (a sub-field under @skip or @include counts as asked
 * for), so what it decides may only save work, never change an answer: whatever is left out
 * must still be found another way if a resolver reads it.
 */
export function selectsField(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  name: string,
): boolean {
  const seen = new Set<string>();
  const within = (selectionSet: SelectionSetNode | undefined): boolean =>
    selectionSet?.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return within(selection.selectionSet);
      const fragment = selection.name.value;
      if (seen.has(fragment)) return false;
      seen.add(fragment);
      // A fragment the document does not define cannot pass validation; yes, to be safe.
      const definition = info.fragments[fragment];
      return definition ? within(definition.selectionSet) : true;
    }) ?? false;
  return info.fieldNodes.some((node) => within(node.selectionSet));
}
