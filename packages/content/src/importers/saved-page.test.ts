import { savedPageToCandidate } from './saved-page.js';

const paragraph = (n: number) =>
  `<p>Paragraph ${n} of the article, long enough to look like writing rather than page chrome, with a few clauses, commas, and a full stop.</p>`;

const page = `<!doctype html><html><head>
<title>Night buses | City Transport Blog</title>
<meta name="description" content="How the night bus map was redrawn.">
<meta property="og:site_name" content="City Transport Blog">
<meta property="article:published_time" content="2025-03-01T10:00:00Z">
<meta name="author" content="Sam Idris">
<link rel="canonical" href="https://blog.example/night-buses">
</head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<div class="sidebar"><h3>Popular</h3><ul><li><a href="/a">Other</a></li></ul></div>
<article><h1>Night buses</h1>${paragraph(1)}${paragraph(2)}<h2>What changed</h2>${paragraph(3)}
<img src="/map.png" alt="The new map"></article>
<footer>© City</footer>
</body></html>`;

describe('saved web pages', () => {
  it('finds the article and reads title, description, date, author and address from metadata', () => {
    const candidate = savedPageToCandidate(page, 'night.html', '/tmp/night.html');
    expect(candidate).toMatchObject({
      kind: 'article',
      location: 'night.html',
      sourceKey: 'page:https://blog.example/night-buses',
      draft: {
        title: 'Night buses',
        summary: 'How the night bus map was redrawn.',
        author: 'Sam Idris',
        publishedAt: new Date('2025-03-01T10:00:00Z'),
      },
    });
    const { sections } = candidate.draft;
    expect(sections.map((section) => section.heading)).toEqual([null, 'What changed']);
    expect(sections[0]!.blocks).toHaveLength(2);
    expect(sections[1]!.blocks).toEqual([
      expect.objectContaining({ type: 'paragraph' }),
      { type: 'image', src: '/map.png', alt: 'The new map' },
    ]);
    const text = JSON.stringify(sections);
    expect(text).not.toMatch(/Popular|Home|© City/);
  });

  it('keys a page without a canonical address by its file', () => {
    const withoutCanonical = page.replace(/<link rel="canonical"[^>]*>/, '');
    expect(savedPageToCandidate(withoutCanonical, 'n.html', '/data/n.html').sourceKey).toBe(
      'page-file:/data/n.html',
    );
  });

  it('refuses a page with no article in it', () => {
    expect(() => savedPageToCandidate('<html><body></body></html>', 'empty.html', '/e')).toThrow(
      /empty\.html: no article found in the page/,
    );
  });
});
