import type { BlockFieldsFragment } from '@folio/ui';
import { blocksToMarkdown } from './markdown';
import { parseTags } from './format';

// The editor's form, read and compared with the article as it is now, so a save sends only
// what changed, and a save over someone else's newer edit is caught and shown.

export interface EditableArticle {
  id: string;
  title: string;
  label: string | null;
  summary: string | null;
  author: string | null;
  tags: string[];
  /** Nullable in the schema (withheld from non-staff on removed pages); Studio is staff. */
  updatedAt: string | null;
  sections: Array<{ id: string; heading: string | null; blocks: BlockFieldsFragment[] }>;
}

export interface EditorForm {
  title: string;
  label: string;
  summary: string;
  author: string;
  tags: string[];
  sections: Array<{ id: string; heading: string; markdown: string }>;
  /** The version the editor opened (API optimistic concurrency), when the API reports one. */
  loadedVersion: number | null;
}

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export function readEditorForm(form: FormData): EditorForm {
  const ids = form.getAll('sectionId').map(String);
  const version = Number(form.get('loadedVersion'));
  return {
    title: text(form, 'title'),
    label: text(form, 'label'),
    summary: text(form, 'summary'),
    author: text(form, 'author'),
    tags: parseTags(String(form.get('tags') ?? '')),
    sections: ids.map((id) => ({
      id,
      heading: text(form, `heading-${id}`),
      markdown: String(form.get(`markdown-${id}`) ?? '')
        .replace(/\r\n/g, '\n')
        .trim(),
    })),
    loadedVersion: Number.isInteger(version) && version > 0 ? version : null,
  };
}

export interface FieldChange {
  field: string;
  /** What the article holds now. */
  current: string;
  /** What the form asks for. */
  yours: string;
}

export interface PlannedSave {
  details: {
    title?: string;
    label?: string | null;
    summary?: string | null;
    author?: string | null;
    tags?: string[];
  } | null;
  sections: Array<{ id: string; heading: string | null; markdown: string }>;
  /** Field by field, where the form differs from the article now (for a conflict notice). */
  changes: FieldChange[];
}

const orNull = (value: string) => (value === '' ? null : value);

/** Compares the form with the article now: what to send, and what differs. */
export function planSave(article: EditableArticle, form: EditorForm): PlannedSave {
  const details: NonNullable<PlannedSave['details']> = {};
  const changes: FieldChange[] = [];
  const compare = (
    field: string,
    current: string | null,
    yours: string,
    apply: (value: string) => void,
  ) => {
    if ((current ?? '') !== yours) {
      apply(yours);
      changes.push({ field, current: current ?? '', yours });
    }
  };
  compare('Title', article.title, form.title, (v) => (details.title = v));
  compare('Label', article.label, form.label, (v) => (details.label = orNull(v)));
  compare('Summary', article.summary, form.summary, (v) => (details.summary = orNull(v)));
  compare('Author', article.author, form.author, (v) => (details.author = orNull(v)));
  compare('Tags', article.tags.join(', '), form.tags.join(', '), () => (details.tags = form.tags));

  const sections: PlannedSave['sections'] = [];
  for (const section of form.sections) {
    const current = article.sections.find((candidate) => candidate.id === section.id);
    if (!current) continue;
    const currentMarkdown = blocksToMarkdown(current.blocks);
    const name = current.heading || 'Opening section';
    if ((current.heading ?? '') !== section.heading || currentMarkdown !== section.markdown) {
      sections.push({
        id: section.id,
        heading: orNull(section.heading),
        markdown: section.markdown,
      });
      if ((current.heading ?? '') !== section.heading)
        changes.push({
          field: `${name}: heading`,
          current: current.heading ?? '',
          yours: section.heading,
        });
      if (currentMarkdown !== section.markdown)
        changes.push({ field: `${name}: text`, current: currentMarkdown, yours: section.markdown });
    }
  }
  return { details: Object.keys(details).length > 0 ? details : null, sections, changes };
}
