import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderRss, renderSitemap } from './feed.server';
import { xmlSafeText } from './xml-text';

const channel = {
  title: 'Folio',
  description: 'The latest articles from Folio',
  link: 'https://folio.example/',
  selfLink: 'https://folio.example/feed.xml',
  copyright: 'Folio and its authors',
  updated: new Date('2026-01-02T03:04:05Z'),
};

const hostileTitle = 'A]]><injected>one</injected>B]]><injected>two</injected>]]>C';
const controls = 'bell\u0007 nul-ish\u0001 tab\t line\n ret\r ffff\uFFFF fffe\uFFFE lone\uD800 end';

function parse(xml: string) {
  expect(XMLValidator.validate(xml)).toBe(true);
  return new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: false }).parse(
    xml,
  );
}

describe('the RSS feed', () => {
  it('carries titles and summaries that close CDATA sections, repeatedly, as text', () => {
    const xml = renderRss(channel, [
      {
        title: hostileTitle,
        link: 'https://folio.example/articles/a',
        summary: `<script>alert(1)</script> & ${hostileTitle}`,
        author: 'Ann <ann@example.org>',
        tags: ['x]]>y'],
        published: new Date('2026-01-01T00:00:00Z'),
      },
    ]);
    expect(xml).not.toContain('<injected>');
    expect(xml).not.toContain('<script>');
    const item = parse(xml).rss.channel.item;
    expect(item.title).toBe(hostileTitle);
    expect(item.description).toBe(`<script>alert(1)</script> & ${hostileTitle}`);
    expect(item.category).toBe('x]]>y');
    expect(item['dc:creator']).toBe('Ann <ann@example.org>');
    expect(item.pubDate).toBe('Thu, 01 Jan 2026 00:00:00 GMT');
  });

  it('leaves out pubDate, rather than inventing one, for an item without a date', () => {
    const xml = renderRss(channel, [
      { title: 'Undated', link: 'https://folio.example/articles/u', tags: [] },
    ]);
    const item = parse(xml).rss.channel.item;
    expect(item.title).toBe('Undated');
    expect(item).not.toHaveProperty('pubDate');
  });

  it('drops characters XML cannot carry, and keeps tab, line feed and emoji', () => {
    const xml = renderRss(channel, [
      {
        title: `${controls} 😀`,
        link: 'https://folio.example/articles/a',
        summary: controls,
        tags: [],
        published: new Date(0),
      },
    ]);
    const item = parse(xml).rss.channel.item;
    expect(item.title).toBe('bell nul-ish tab\t line\n ret\n ffff fffe lone end 😀');
    for (const invalid of ['\u0001', '\u0007', '\uFFFE', '\uFFFF', '\uD800'])
      expect(item.description).not.toContain(invalid);
  });

  it('is RSS 2.0 with the channel and items readers expect', () => {
    const rss = parse(
      renderRss(channel, [
        {
          title: 'One',
          link: 'https://folio.example/articles/one',
          tags: ['a', 'b'],
          published: new Date(0),
        },
        {
          title: 'Two',
          link: 'https://folio.example/articles/two',
          tags: [],
          published: new Date(0),
        },
      ]),
    ).rss;
    expect(rss['@_version']).toBe('2.0');
    expect(rss.channel).toMatchObject({
      title: 'Folio',
      link: 'https://folio.example/',
      lastBuildDate: 'Fri, 02 Jan 2026 03:04:05 GMT',
      'atom:link': { '@_href': 'https://folio.example/feed.xml', '@_rel': 'self' },
    });
    expect(rss.channel.item.map((item: { title: string }) => item.title)).toEqual(['One', 'Two']);
    expect(rss.channel.item[0].category).toEqual(['a', 'b']);
  });
});

describe('the sitemap', () => {
  it('escapes addresses and drops characters XML cannot carry', () => {
    const xml = renderSitemap([
      { loc: 'https://folio.example/?a=1&b=<2>' },
      { loc: 'https://folio.example/articles/x\u0001y', lastmod: '2026-01-01T00:00:00.000Z' },
    ]);
    const urls = parse(xml).urlset.url;
    expect(urls[0].loc).toBe('https://folio.example/?a=1&b=<2>');
    expect(urls[1]).toMatchObject({
      loc: 'https://folio.example/articles/xy',
      lastmod: '2026-01-01T00:00:00.000Z',
    });
  });
});

describe('xmlSafeText', () => {
  it('keeps surrogate pairs and removes lone halves at either end', () => {
    expect(xmlSafeText('\uDC00a😀b\uD83D')).toBe('a😀b');
  });
});
