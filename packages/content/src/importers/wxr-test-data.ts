// WXR text for tests: a channel header, items and the closing tags, as WordPress writes them.

export const WXR_HEAD = `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Test site</title>
<link>https://site.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://site.example</wp:base_site_url>
<wp:author><wp:author_login><![CDATA[kim]]></wp:author_login><wp:author_display_name><![CDATA[Kim Lee]]></wp:author_display_name></wp:author>
`;

export const WXR_TAIL = '</channel>\n</rss>\n';

export interface TestPost {
  id: number;
  title?: string;
  type?: string;
  status?: string;
  body?: string;
  slug?: string;
  date?: string;
  password?: string;
}

export function wxrItem({
  id,
  title = `Post ${id}`,
  type = 'post',
  status = 'publish',
  body = `<p>Body of post ${id}.</p>`,
  slug = `post-${id}`,
  date = '2024-06-05 16:04:48',
  password = '',
}: TestPost): string {
  return `<item>
<title><![CDATA[${title}]]></title>
<dc:creator><![CDATA[kim]]></dc:creator>
<content:encoded><![CDATA[${body}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>${id}</wp:post_id>
<wp:post_date_gmt><![CDATA[${date}]]></wp:post_date_gmt>
<wp:post_name><![CDATA[${slug}]]></wp:post_name>
<wp:status><![CDATA[${status}]]></wp:status>
<wp:post_type><![CDATA[${type}]]></wp:post_type>
<wp:post_password><![CDATA[${password}]]></wp:post_password>
<category domain="category" nicename="news"><![CDATA[News]]></category>
<category domain="post_tag" nicename="kim"><![CDATA[Field notes]]></category>
<category domain="post_format" nicename="post-format-aside"><![CDATA[Aside]]></category>
<wp:comment><wp:comment_content><![CDATA[<h2>not the post's</h2>]]></wp:comment_content></wp:comment>
</item>
`;
}

export function wxr(...posts: TestPost[]): string {
  return WXR_HEAD + posts.map(wxrItem).join('') + WXR_TAIL;
}

export async function* chunksOf(text: string, size = 100): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
