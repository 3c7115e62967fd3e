import { ErrorCode, isArticleSlug } from '@folio/contract';
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { BLOCK_FRAGMENT, INLINE_FRAGMENT } from '@folio/ui';
import { useMemo, useState, type FormEvent } from 'react';
import { ArticlePreview } from '~/components/article-preview';
import { ArticleTabs } from '~/components/article-tabs';
import { CsrfField } from '~/components/csrf-field';
import { StatusBadge } from '~/components/status-badge';
import type {
  AddSectionMutation,
  AddSectionMutationVariables,
  ArchiveArticleMutation,
  ArchiveArticleMutationVariables,
  EditorArticleQuery,
  EditorArticleQueryVariables,
  MoveSectionMutation,
  MoveSectionMutationVariables,
  PublishArticleMutation,
  PublishArticleMutationVariables,
  RemoveSectionMutation,
  RemoveSectionMutationVariables,
  UnpublishArticleMutation,
  UnpublishArticleMutationVariables,
  UpdateArticleDetailsMutation,
  UpdateArticleDetailsMutationVariables,
  UpdateSectionMutation,
  UpdateSectionMutationVariables,
} from '~/generated/graphql';
import { ApiRequestError } from '~/lib/api.server';
import { planSave, readEditorForm, type FieldChange } from '~/lib/article-editor.server';
import { env } from '~/lib/env.server';
import { formatDateTime } from '~/lib/format';
import { noStore } from '~/lib/http';
import { blocksToMarkdown, previewBlocks } from '~/lib/markdown';
import {
  readForm,
  redirectWithNotice,
  refusal,
  requireStaff,
  type Staff,
} from '~/lib/staff.server';

const EDITOR_ARTICLE_QUERY = /* GraphQL */ `
  query EditorArticle($slug: String!) {
    article(slug: $slug, preview: true) {
      id
      slug
      title
      label
      summary
      author
      tags
      status
      moderationState
      publishedAt
      updatedAt
      version
      sections {
        id
        position
        anchor
        heading
        blocks {
          ...BlockFields
        }
      }
    }
  }
  ${BLOCK_FRAGMENT}
  ${INLINE_FRAGMENT}
`;

const UPDATE_ARTICLE = /* GraphQL */ `
  mutation UpdateArticleDetails($id: ID!, $input: UpdateArticleInput!, $expectedVersion: Int) {
    updateArticle(id: $id, input: $input, expectedVersion: $expectedVersion) {
      id
      version
      slug
    }
  }
`;
const UPDATE_SECTION = /* GraphQL */ `
  mutation UpdateSection($id: ID!, $input: UpdateSectionInput!, $expectedVersion: Int) {
    updateSection(id: $id, input: $input, expectedVersion: $expectedVersion) {
      id
      version
    }
  }
`;
const ADD_SECTION = /* GraphQL */ `
  mutation AddSection($articleId: ID!, $input: AddSectionInput!, $expectedVersion: Int) {
    addSection(articleId: $articleId, input: $input, expectedVersion: $expectedVersion) {
      id
      version
    }
  }
`;
const MOVE_SECTION = /* GraphQL */ `
  mutation MoveSection($id: ID!, $position: Int!, $expectedVersion: Int) {
    moveSection(id: $id, position: $position, expectedVersion: $expectedVersion) {
      id
      version
    }
  }
`;
const REMOVE_SECTION = /* GraphQL */ `
  mutation RemoveSection($id: ID!, $expectedVersion: Int) {
    removeSection(id: $id, expectedVersion: $expectedVersion) {
      id
      version
    }
  }
`;
const PUBLISH_ARTICLE = /* GraphQL */ `
  mutation PublishArticle($id: ID!, $input: PublishArticleInput, $expectedVersion: Int) {
    publishArticle(id: $id, input: $input, expectedVersion: $expectedVersion) {
      id
      version
      status
      publishedAt
    }
  }
`;
const UNPUBLISH_ARTICLE = /* GraphQL */ `
  mutation UnpublishArticle($id: ID!, $expectedVersion: Int) {
    unpublishArticle(id: $id, expectedVersion: $expectedVersion) {
      id
      version
    }
  }
`;
const ARCHIVE_ARTICLE = /* GraphQL */ `
  mutation ArchiveArticle($id: ID!, $expectedVersion: Int) {
    archiveArticle(id: $id, expectedVersion: $expectedVersion) {
      id
      version
    }
  }
`;

async function loadArticle(staff: Staff, slug: string | undefined) {
  if (!slug || !isArticleSlug(slug)) throw json({ message: 'No such article.' }, { status: 404 });
  const { article } = await staff.call<EditorArticleQuery, EditorArticleQueryVariables>(
    EDITOR_ARTICLE_QUERY,
    { slug },
  );
  if (!article) throw json({ message: 'No such article.' }, { status: 404 });
  return article;
}

export const headers = noStore;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data?.article.title ?? 'Article'} · Folio Studio` },
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const staff = await requireStaff(request, ['EDITOR'], context);
  const article = await loadArticle(staff, params.slug);
  return json({
    article,
    markdown: Object.fromEntries(article.sections.map((s) => [s.id, blocksToMarkdown(s.blocks)])),
    readerUrl: env().READER_URL,
  });
}

type ActionData =
  | { error: string }
  | {
      error: string;
      conflict: FieldChange[];
      values: Record<string, string>;
      /** The version the editor had, to link to what changed since (revisions diff). */
      fromVersion: number | null;
      savedBy: string | null;
    };

const formValues = (form: FormData) =>
  Object.fromEntries(
    [...form.entries()].filter(([name, v]) => typeof v === 'string' && name !== '_csrf'),
  ) as Record<string, string>;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const staff = await requireStaff(request, ['EDITOR'], context);
  const form = await readForm(request);
  const article = await loadArticle(staff, params.slug);
  const intent = String(form.get('intent') ?? '');
  const here = `/articles/${article.slug}`;
  const loaded = Number(form.get('loadedVersion'));
  // Every change names the version it was based on: the API refuses it (EDIT_CONFLICT) when
  // someone else saved in between, and nothing is overwritten silently.
  let expectedVersion: number | null = Number.isInteger(loaded) && loaded > 0 ? loaded : null;
  const conflict = (message: string, savedBy: string | null) => {
    const values = readEditorForm(form);
    return json<ActionData>(
      {
        error: message,
        conflict: intent === 'save' ? planSave(article, values).changes : [],
        values: intent === 'save' ? formValues(form) : {},
        fromVersion: expectedVersion,
        savedBy,
      },
      { status: 409 },
    );
  };
  try {
    switch (intent) {
      case 'save': {
        const values = readEditorForm(form);
        if (!values.title)
          return json<ActionData>({ error: 'A title is needed.' }, { status: 400 });
        const plan = planSave(article, values);
        if (expectedVersion !== null && expectedVersion !== article.version) {
          return conflict(
            'Someone else saved this article after you opened it. Nothing was saved. Here is what differs between their version and yours; your text is kept below.',
            null,
          );
        }
        let slug = article.slug;
        if (plan.details) {
          const { updateArticle } = await staff.call<
            UpdateArticleDetailsMutation,
            UpdateArticleDetailsMutationVariables
          >(UPDATE_ARTICLE, {
            id: article.id,
            expectedVersion,
            input: {
              title: plan.details.title ?? null,
              label: plan.details.label ?? null,
              summary: plan.details.summary ?? null,
              author: plan.details.author ?? null,
              tags: plan.details.tags ?? null,
              slug: null,
            },
          });
          slug = updateArticle.slug;
          expectedVersion = updateArticle.version;
        }
        for (const section of plan.sections) {
          const { updateSection } = await staff.call<
            UpdateSectionMutation,
            UpdateSectionMutationVariables
          >(UPDATE_SECTION, {
            id: section.id,
            expectedVersion,
            input: { heading: section.heading, markdown: section.markdown },
          });
          expectedVersion = updateSection.version;
        }
        const saved = plan.details || plan.sections.length > 0;
        return redirectWithNotice(
          request,
          `/articles/${slug}`,
          saved ? 'Saved.' : 'Nothing had changed.',
        );
      }
      case 'add-section': {
        const markdown = String(form.get('markdown') ?? '').trim();
        const heading = String(form.get('heading') ?? '').trim();
        if (!markdown && !heading)
          return json<ActionData>(
            { error: 'A new section needs a heading or some text.' },
            { status: 400 },
          );
        await staff.call<AddSectionMutation, AddSectionMutationVariables>(ADD_SECTION, {
          articleId: article.id,
          expectedVersion,
          input: { heading: heading || null, markdown, position: null },
        });
        return redirectWithNotice(request, here, 'Section added.');
      }
      case 'move-up':
      case 'move-down': {
        const section = article.sections.find((s) => s.id === form.get('sectionId'));
        if (!section) return json<ActionData>({ error: 'That section is gone.' }, { status: 400 });
        const position = section.position + (intent === 'move-up' ? -1 : 1);
        if (position < 0 || position >= article.sections.length) return redirect(here, 303);
        await staff.call<MoveSectionMutation, MoveSectionMutationVariables>(MOVE_SECTION, {
          id: section.id,
          position,
          expectedVersion,
        });
        return redirectWithNotice(request, here, 'Section moved.');
      }
      case 'remove-section': {
        const id = String(form.get('sectionId') ?? '');
        await staff.call<RemoveSectionMutation, RemoveSectionMutationVariables>(REMOVE_SECTION, {
          id,
          expectedVersion,
        });
        return redirectWithNotice(request, here, 'Section removed.');
      }
      case 'publish':
        await staff.call<PublishArticleMutation, PublishArticleMutationVariables>(PUBLISH_ARTICLE, {
          id: article.id,
          input: null,
          expectedVersion,
        });
        return redirectWithNotice(request, here, 'Published: readers can see it now.');
      case 'schedule': {
        const at = String(form.get('at') ?? '');
        const when = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(at) ? new Date(`${at}:00Z`) : null;
        if (!when || Number.isNaN(when.getTime()) || when.getTime() <= Date.now()) {
          return json<ActionData>(
            { error: 'Choose a time in the future (UTC) to schedule.' },
            { status: 400 },
          );
        }
        await staff.call<PublishArticleMutation, PublishArticleMutationVariables>(PUBLISH_ARTICLE, {
          id: article.id,
          input: { at: when.toISOString() },
          expectedVersion,
        });
        return redirectWithNotice(
          request,
          here,
          `Scheduled for ${formatDateTime(when.toISOString())}.`,
        );
      }
      case 'unpublish':
        await staff.call<UnpublishArticleMutation, UnpublishArticleMutationVariables>(
          UNPUBLISH_ARTICLE,
          { id: article.id, expectedVersion },
        );
        return redirectWithNotice(request, here, 'Unpublished: it is a draft again.');
      case 'archive':
        await staff.call<ArchiveArticleMutation, ArchiveArticleMutationVariables>(ARCHIVE_ARTICLE, {
          id: article.id,
          expectedVersion,
        });
        return redirectWithNotice(request, here, 'Archived.');
      default:
        return json<ActionData>({ error: 'Unknown action.' }, { status: 400 });
    }
  } catch (error) {
    if (error instanceof ApiRequestError && error.code === ErrorCode.EDIT_CONFLICT) {
      const savedBy = error.extensions.savedBy;
      return conflict(error.message, typeof savedBy === 'string' ? savedBy : null);
    }
    const refused = refusal(error);
    if (refused) return json<ActionData>({ error: refused.message }, { status: 400 });
    throw error;
  }
}

export default function ArticleEditorPage() {
  const { article, markdown, readerUrl } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const kept = result && 'values' in result ? (result.values as Record<string, string>) : null;
  const conflict = result && 'conflict' in result ? (result.conflict as FieldChange[]) : null;
  const initial = useMemo((): Record<string, string> => {
    const fields: Record<string, string> = {
      title: article.title,
      label: article.label ?? '',
      summary: article.summary ?? '',
      author: article.author ?? '',
      tags: article.tags.join(', '),
    };
    for (const section of article.sections) {
      fields[`heading-${section.id}`] = section.heading ?? '';
      fields[`markdown-${section.id}`] = markdown[section.id] ?? '';
    }
    return { ...fields, ...(kept ?? {}) };
  }, [article, markdown, kept]);
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [lastInitial, setLastInitial] = useState(initial);
  if (lastInitial !== initial) {
    setLastInitial(initial);
    setValues(initial);
  }
  const onInput = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement | HTMLTextAreaElement;
    if (target.name in values)
      setValues((previous) => ({ ...previous, [target.name]: target.value }));
  };
  const busy = navigation.state !== 'idle';
  const preview = {
    slug: article.slug,
    title: values.title ?? '',
    label: values.label || null,
    summary: values.summary || null,
    author: values.author || null,
    tags: (values.tags ?? '')
      .split(',')
      .map((t: string) => t.trim())
      .filter(Boolean),
    publishedAt: article.publishedAt,
    sections: article.sections.map((section) => ({
      id: section.id,
      anchor: section.anchor,
      heading: values[`heading-${section.id}`] || null,
      blocks: previewBlocks(values[`markdown-${section.id}`] ?? ''),
    })),
  };

  return (
    <div>
      <p className="label">
        <Link to="/articles">Articles</Link> / editing
      </p>
      <h1>{article.title}</h1>
      <p className="meta">
        <StatusBadge status={article.status} />{' '}
        {article.moderationState !== 'VISIBLE' ? (
          <StatusBadge status={article.moderationState} />
        ) : null}{' '}
        {article.publishedAt
          ? `${article.status === 'SCHEDULED' ? 'Scheduled for' : 'Published'} ${formatDateTime(article.publishedAt)}`
          : 'Never published'}{' '}
        {article.updatedAt ? `· last saved ${formatDateTime(article.updatedAt)}` : null}
      </p>
      <ArticleTabs slug={article.slug} />
      {article.status === 'PUBLISHED' ? (
        <p>
          <a href={`${readerUrl}/articles/${article.slug}`}>View on the reader</a>
        </p>
      ) : null}

      {result?.error ? (
        <div className={'conflict' in result ? 'conflict' : 'form-error'} role="alert">
          <p>{result.error}</p>
          {'conflict' in result ? (
            <table className="data">
              <caption className="visually-hidden">What differs</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Saved meanwhile</th>
                  <th scope="col">Yours</th>
                </tr>
              </thead>
              <tbody>
                {conflict?.map((change) => (
                  <tr key={change.field}>
                    <th scope="row">{change.field}</th>
                    <td>
                      <pre>{change.current}</pre>
                    </td>
                    <td>
                      <pre>{change.yours}</pre>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {'conflict' in result ? (
            <p>
              {result.fromVersion ? (
                <Link
                  to={`/articles/${article.slug}/revisions?fromNumber=${result.fromVersion}&toNumber=${article.version}`}
                >
                  See everything that changed since your version {result.fromVersion}
                </Link>
              ) : null}{' '}
              {conflict && conflict.length > 0
                ? 'Save again to replace their version with yours.'
                : 'The page now shows the current version.'}
            </p>
          ) : null}
        </div>
      ) : null}

      <div className="editor">
        <div>
          <Form method="post" id="editor-form" onInput={onInput} key={article.updatedAt}>
            <CsrfField />
            <input type="hidden" name="loadedVersion" value={article.version} />
            <input type="hidden" name="intent" value="save" />
            <fieldset className="panel">
              <legend>Details</legend>
              <div className="field">
                <label htmlFor="title">Title</label>
                <input
                  id="title"
                  name="title"
                  type="text"
                  required
                  maxLength={300}
                  defaultValue={initial.title}
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
                    defaultValue={initial.label}
                    aria-describedby="label-hint"
                  />
                  <p className="hint" id="label-hint">
                    The kind of page, e.g. “Blog Article”.
                  </p>
                </div>
                <div className="field">
                  <label htmlFor="author">Author</label>
                  <input
                    id="author"
                    name="author"
                    type="text"
                    maxLength={200}
                    defaultValue={initial.author}
                  />
                </div>
              </div>
              <div className="field">
                <label htmlFor="summary">Summary</label>
                <textarea
                  id="summary"
                  name="summary"
                  rows={3}
                  className="prose"
                  maxLength={1000}
                  defaultValue={initial.summary}
                />
              </div>
              <div className="field">
                <label htmlFor="tags">Tags</label>
                <input
                  id="tags"
                  name="tags"
                  type="text"
                  defaultValue={initial.tags}
                  aria-describedby="tags-hint"
                />
                <p className="hint" id="tags-hint">
                  Separated by commas.
                </p>
              </div>
            </fieldset>
            {article.sections.map((section, index) => (
              <fieldset key={section.id} className="section-editor">
                <legend>
                  Section {index + 1}
                  {section.heading ? `: ${section.heading}` : ''}
                </legend>
                <input type="hidden" name="sectionId" value={section.id} />
                <div className="field">
                  <label htmlFor={`heading-${section.id}`}>Heading</label>
                  <input
                    id={`heading-${section.id}`}
                    name={`heading-${section.id}`}
                    type="text"
                    maxLength={200}
                    defaultValue={initial[`heading-${section.id}`]}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`markdown-${section.id}`}>Text (Markdown)</label>
                  <textarea
                    id={`markdown-${section.id}`}
                    name={`markdown-${section.id}`}
                    rows={10}
                    defaultValue={initial[`markdown-${section.id}`]}
                  />
                </div>
                <div className="section-actions">
                  <button
                    type="submit"
                    form={`move-up-${section.id}`}
                    className="secondary"
                    disabled={index === 0}
                  >
                    Move up<span className="visually-hidden"> section {index + 1}</span>
                  </button>
                  <button
                    type="submit"
                    form={`move-down-${section.id}`}
                    className="secondary"
                    disabled={index === article.sections.length - 1}
                  >
                    Move down<span className="visually-hidden"> section {index + 1}</span>
                  </button>
                  <button type="submit" form={`remove-${section.id}`} className="secondary">
                    Remove<span className="visually-hidden"> section {index + 1}</span>
                  </button>
                </div>
              </fieldset>
            ))}
            <button type="submit" disabled={busy}>
              Save
            </button>
          </Form>
          {article.sections.map((section) =>
            (['move-up', 'move-down', 'remove'] as const).map((intent) => (
              <Form
                key={`${intent}-${section.id}`}
                method="post"
                id={`${intent}-${section.id}`}
                hidden
              >
                <CsrfField />
                <input type="hidden" name="loadedVersion" value={article.version} />
                <input
                  type="hidden"
                  name="intent"
                  value={intent === 'remove' ? 'remove-section' : intent}
                />
                <input type="hidden" name="sectionId" value={section.id} />
              </Form>
            )),
          )}

          <Form method="post" className="panel" key={`add-${article.version}`}>
            <CsrfField />
            <input type="hidden" name="loadedVersion" value={article.version} />
            <input type="hidden" name="intent" value="add-section" />
            <h2>Add a section</h2>
            <div className="field">
              <label htmlFor="new-heading">Heading</label>
              <input id="new-heading" name="heading" type="text" maxLength={200} />
            </div>
            <div className="field">
              <label htmlFor="new-markdown">Text (Markdown)</label>
              <textarea id="new-markdown" name="markdown" rows={6} />
            </div>
            <button type="submit" disabled={busy}>
              Add section
            </button>
          </Form>

          <section className="panel" aria-labelledby="publishing-title">
            <h2 id="publishing-title">Publishing</h2>
            <div className="section-actions">
              {article.status !== 'PUBLISHED' ? (
                <Form method="post" className="inline-form">
                  <CsrfField />
                  <input type="hidden" name="loadedVersion" value={article.version} />
                  <input type="hidden" name="intent" value="publish" />
                  <button type="submit" disabled={busy}>
                    Publish now
                  </button>
                </Form>
              ) : null}
              {article.status === 'PUBLISHED' || article.status === 'SCHEDULED' ? (
                <Form method="post" className="inline-form">
                  <CsrfField />
                  <input type="hidden" name="loadedVersion" value={article.version} />
                  <input type="hidden" name="intent" value="unpublish" />
                  <button type="submit" className="secondary" disabled={busy}>
                    Unpublish
                  </button>
                </Form>
              ) : null}
              {article.status !== 'ARCHIVED' ? (
                <Form method="post" className="inline-form">
                  <CsrfField />
                  <input type="hidden" name="loadedVersion" value={article.version} />
                  <input type="hidden" name="intent" value="archive" />
                  <button type="submit" className="secondary" disabled={busy}>
                    Archive
                  </button>
                </Form>
              ) : null}
            </div>
            <Form method="post" className="toolbar">
              <CsrfField />
              <input type="hidden" name="loadedVersion" value={article.version} />
              <input type="hidden" name="intent" value="schedule" />
              <div className="field">
                <label htmlFor="schedule-at">Publish at (UTC)</label>
                <input id="schedule-at" name="at" type="datetime-local" required />
              </div>
              <button type="submit" disabled={busy}>
                Schedule
              </button>
            </Form>
          </section>
        </div>
        <section aria-labelledby="live-preview-title">
          <h2 id="live-preview-title">Preview</h2>
          <p className="hint">As readers will see it; it follows what you type.</p>
          <div className="editor-preview">
            <ArticlePreview article={preview} />
          </div>
        </section>
      </div>
    </div>
  );
}
