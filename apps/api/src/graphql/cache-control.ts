import {
  DirectiveLocation,
  GraphQLBoolean,
  GraphQLDirective,
  GraphQLEnumType,
  GraphQLInt,
} from 'graphql';
import { Directive } from 'type-graphql';

// Apollo's cache hints, declared in the schema and applied with type-graphql's @Directive.
// Apollo's cache-control plugin reads them from each type and field and works out how long a
// whole response may be kept: the shortest maxAge of everything in it, and 0 (not cached at
// all) when any object in it carries no hint. Private data (reports, moderation, tokens,
// revisions, audit) is therefore never cached simply by having no hint.

/** How long public content may be kept. Edits invalidate the cache long before this runs out. */
export const PUBLIC_CONTENT_MAX_AGE_SECONDS = 300;

const CacheControlScope = new GraphQLEnumType({
  name: 'CacheControlScope',
  values: { PUBLIC: {}, PRIVATE: {} },
});

/** The directive as Apollo documents it. */
export const cacheControlDirective = new GraphQLDirective({
  name: 'cacheControl',
  locations: [
    DirectiveLocation.FIELD_DEFINITION,
    DirectiveLocation.OBJECT,
    DirectiveLocation.INTERFACE,
    DirectiveLocation.UNION,
  ],
  args: {
    maxAge: { type: GraphQLInt },
    scope: { type: CacheControlScope },
    inheritMaxAge: { type: GraphQLBoolean },
  },
});

/** On a root query whose answer is the same for every anonymous reader. */
export const PublicContent = () =>
  Directive(`@cacheControl(maxAge: ${PUBLIC_CONTENT_MAX_AGE_SECONDS}, scope: PUBLIC)`);

/** On types (and fields) that are parts of content: as cacheable as what they are part of. */
export const PartOfParent = () => Directive('@cacheControl(inheritMaxAge: true)');
