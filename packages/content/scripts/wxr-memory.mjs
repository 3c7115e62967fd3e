// Shows that a large WordPress export is read in bounded memory: generates WXR files of the
// given sizes (MB), streams each through the importer's reader and converter (everything the
// import command does before the database) and prints the peak resident set size for each.
// Peak RSS should stay flat as the file grows, and the reader runs with its V8 heap capped at
// 48 MB, less than half the largest file.
//
//   npm run build -w @folio/content && node packages/content/scripts/wxr-memory.mjs [25,100]
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { execFileSync } from 'node:child_process';
import { prepareArticle } from '../dist/index.js';
import { wxrSourceItems } from '../dist/importers/index.js';

const sizes = (process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : '25,100')
  .split(',')
  .map(Number);
const MB = 1024 * 1024;
// The reader runs with a V8 heap capped well below the file size: it could not hold the file.
const HEAP_LIMIT = '--max-old-space-size=48';

const head = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Big site</title><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://big.example</wp:base_site_url>
<wp:author><wp:author_login>ed</wp:author_login><wp:author_display_name>Ed Itor</wp:author_display_name></wp:author>
`;

function item(id) {
  const paragraph = `<!-- wp:paragraph -->\n<p>Post ${id}: ${'The quick brown fox jumps over the lazy dog, <em>again</em> and <a href="https://big.example/x">again</a>. '.repeat(6)}</p>\n<!-- /wp:paragraph -->\n\n`;
  const body =
    paragraph.repeat(3) +
    `<!-- wp:heading -->\n<h2>Part two of ${id}</h2>\n<!-- /wp:heading -->\n\n` +
    `<!-- wp:image -->\n<figure class="wp-block-image"><img src="https://big.example/i/${id}.jpg" alt="Picture ${id}"/></figure>\n<!-- /wp:image -->\n\n` +
    `<!-- wp:list -->\n<ul><li>One</li><li>Two [gallery ids="1,2"]</li></ul>\n<!-- /wp:list -->\n\n` +
    paragraph.repeat(3);
  return `<item><title><![CDATA[Post number ${id}]]></title><dc:creator>ed</dc:creator>
<content:encoded><![CDATA[${body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${id}</wp:post_id><wp:post_date_gmt>2024-01-01 00:00:00</wp:post_date_gmt>
<wp:post_name>post-${id}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="post_tag" nicename="t${id % 50}"><![CDATA[Topic ${id % 50}]]></category></item>
`;
}

async function generate(file, bytes) {
  const out = createWriteStream(file);
  let written = 0;
  let id = 0;
  const write = async (text) => {
    written += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(head);
  while (written < bytes) await write(item(++id));
  await write('</channel></rss>\n');
  out.end();
  await once(out, 'finish');
  return id;
}

async function measure(file) {
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 20);
  const started = Date.now();
  let articles = 0;
  let sections = 0;
  for await (const item of wxrSourceItems(createReadStream(file, { encoding: 'utf8', highWaterMark: 64 * 1024 }), 'big.xml')) {
    if (item.kind !== 'article') throw new Error(`unexpected ${item.kind}: ${item.reason}`);
    sections += prepareArticle(item.draft).sections.length;
    articles += 1;
    if (articles % 200 === 0) sample();
  }
  clearInterval(timer);
  sample();
  return { articles, sections, seconds: (Date.now() - started) / 1000, baseline, peak };
}

// `--generate <file> <MB>` only writes an export, e.g. to time the import command on it.
if (process.argv[2] === '--generate') {
  console.log(`${await generate(process.argv[3], Number(process.argv[4]) * MB)} posts`);
  process.exit(0);
}
// Each file is measured in a fresh process, so generating it does not count.
if (process.argv[2] === '--measure') {
  console.log(JSON.stringify(await measure(process.argv[3])));
  process.exit(0);
}

const folder = await mkdtemp(path.join(tmpdir(), 'folio-wxr-'));
try {
  for (const size of sizes) {
    const file = path.join(folder, `export-${size}.xml`);
    const posts = await generate(file, size * MB);
    const { size: bytes } = await stat(file);
    const result = JSON.parse(
      execFileSync(process.execPath, [HEAP_LIMIT, new URL(import.meta.url).pathname, '--measure', file], {
        encoding: 'utf8',
      }),
    );
    if (result.articles !== posts) throw new Error(`read ${result.articles} of ${posts} posts`);
    console.log(
      `${(bytes / MB).toFixed(1)} MB WXR, ${posts} posts (${result.sections} sections) in ` +
        `${result.seconds.toFixed(1)} s: peak RSS ${(result.peak / MB).toFixed(0)} MB ` +
        `(${(result.baseline / MB).toFixed(0)} MB before reading; heap capped at 48 MB)`,
    );
  }
} finally {
  await rm(folder, { recursive: true, force: true });
}
