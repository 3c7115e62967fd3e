import { createReadStream } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { ContentParseError, parseArticleFile } from '@folio/content';
import {
  countWxrItems,
  detectFormat,
  failedItem,
  ghostSourceItems,
  savedPageToCandidate,
  wxrSourceItems,
  type SourceFormat,
  type SourceItem,
} from '@folio/content/importers';

// A file given to the importer, recognised by its content, as a sequence of items.

export interface ImportSource {
  file: string;
  format: SourceFormat;
  /**
   * Reads the whole source once to check it and count its items: a file that fails here
   * (malformed XML, invalid JSON) is refused whole, before anything of it is stored.
   */
  check(): Promise<number>;
  items(): AsyncIterable<SourceItem>;
}

const HEAD_BYTES = 16 * 1024;

/** Opens a file as an import source; throws ContentParseError for formats it cannot read. */
export async function openSource(file: string, name: string): Promise<ImportSource> {
  const format = detectFormat(file, await readHead(file));
  switch (format) {
    case 'wordpress': {
      // Read twice, streaming both times: once to check and count, once to import.
      const stream = () => createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 });
      return {
        file,
        format,
        check: () => countWxrItems(stream(), name),
        items: () => wxrSourceItems(stream(), name),
      };
    }
    case 'ghost': {
      let items: SourceItem[] | undefined;
      return {
        file,
        format,
        check: async () => (items = ghostSourceItems(await readFile(file, 'utf8'), name)).length,
        items: () => arrayItems(items ?? []),
      };
    }
    case 'html':
      return singleItemSource(file, name, format, async () =>
        savedPageToCandidate(await readFile(file, 'utf8'), name, file),
      );
    case 'markdown':
    case 'plain-text':
      return singleItemSource(file, name, format, async () => ({
        kind: 'article',
        location: name,
        draft: parseArticleFile(file, await readFile(file, 'utf8')),
        warnings: [],
      }));
    default:
      throw new ContentParseError(
        'not a format the importer reads: expected a WordPress export (WXR), a Ghost export ' +
          '(JSON), a saved web page (HTML), Markdown or plain text',
      );
  }
}

function singleItemSource(
  file: string,
  name: string,
  format: SourceFormat,
  read: () => Promise<SourceItem>,
): ImportSource {
  return {
    file,
    format,
    check: async () => 1,
    items: async function* () {
      try {
        yield await read();
      } catch (error) {
        yield failedItem(name, error);
      }
    },
  };
}

async function* arrayItems(items: SourceItem[]): AsyncIterable<SourceItem> {
  yield* items;
}

async function readHead(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    // A multi-byte character cut at the end decodes to U+FFFD, which detection ignores.
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
