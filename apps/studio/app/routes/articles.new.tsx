import {
  json,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useNavigation } from '@remix-run/react';
import { CsrfField } from '~/components/csrf-field';
import type {
  CreateArticleDraftMutation,
  CreateArticleDraftMutationVariables,
} from '~/generated/graphql';
import { parseTags } from '~/lib/format';
import { noStore } from '~/lib/http';
import { readForm, redirectWithNotice, refusal, requireStaff } from '~/lib/staff.server';

const CREATE_ARTICLE = /* GraphQL */ `
  mutation CreateArticleDraft($input: CreateArticleInput!) {
    createArticle(input: $input) {
      id
      slug
    }
  }
`;

export const meta: MetaFunction = () => [{ title: 'New article · Folio Studio' }];
export const headers = noStore;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ['EDITOR']);
  return json(null);
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request, ['EDITOR']);
  const form = await readForm(request);
  const field = (name: string) => String(form.get(name) ?? '').trim();
  const values = {
    title: field('title'),
    label: field('label'),
    summary: field('summary'),
    author: field('author'),
    tags: field('tags'),
    heading: field('heading'),
    markdown: field('markdown'),
  };
  if (!values.title) {
    return json({ error: 'A title is needed.', values }, { status: 400 });
  }
  try {
    const { createArticle } = await staff.call<
      CreateArticleDraftMutation,
      CreateArticleDraftMutationVariables
    >(CREATE_ARTICLE, {
      input: {
        title: values.title,
        label: values.label || null,
        summary: values.summary || null,
        author: values.author || null,
        tags: parseTags(values.tags),
        slug: null,
        markdown: null,
        sections: [{ heading: values.heading || null, markdown: values.markdown }],
      },
    });
    return redirectWithNotice(
      request,
      `/articles/${createArticle.slug}`,
      'Draft created. Readers will not see it until you publish it.',
    );
  } catch (error) {
    const refused = refusal(error);
    if (refused) return json({ error: refused.message, values }, { status: 400 });
    throw error;
  }
}

export default function NewArticlePage() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const values = result?.values;
  return (
    <div className="narrow-wide">
      <p className="label">
        <Link to="/articles">Articles</Link> / new
      </p>
      <h1>New article</h1>
      <Form method="post" className="stack">
        <CsrfField />
        {result?.error ? (
          <p className="form-error" role="alert">
            {result.error}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="title">Title</label>
          <input
            id="title"
            name="title"
            type="text"
            required
            maxLength={300}
            defaultValue={values?.title}
          />
        </div>
        <div className="grid-2">
          <div className="field">
            <label htmlFor="label">Label</label>
            <input
              id="label"
              name="label"
              type="text"
              maxLength={100}
              defaultValue={values?.label}
            />
          </div>
          <div className="field">
            <label htmlFor="author">Author</label>
            <input
              id="author"
              name="author"
              type="text"
              maxLength={200}
              defaultValue={values?.author}
            />
          </div>
        </div>
        <div className="field">
          <label htmlFor="summary">Summary</label>
          <textarea
            id="summary"
            name="summary"
            rows={3}
            maxLength={1000}
            defaultValue={values?.summary}
          />
        </div>
        <div className="field">
          <label htmlFor="tags">Tags</label>
          <input
            id="tags"
            name="tags"
            type="text"
            aria-describedby="tags-hint"
            defaultValue={values?.tags}
          />
          <p className="hint" id="tags-hint">
            Separated by commas.
          </p>
        </div>
        <fieldset className="section-editor">
          <legend>First section</legend>
          <div className="field">
            <label htmlFor="heading">Heading (optional for an opening section)</label>
            <input
              id="heading"
              name="heading"
              type="text"
              maxLength={200}
              defaultValue={values?.heading}
            />
          </div>
          <div className="field">
            <label htmlFor="markdown">Text (Markdown)</label>
            <textarea id="markdown" name="markdown" rows={10} defaultValue={values?.markdown} />
          </div>
        </fieldset>
        <button type="submit" disabled={navigation.state !== 'idle'}>
          Create draft
        </button>
      </Form>
    </div>
  );
}
