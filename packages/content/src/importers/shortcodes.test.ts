import { stripShortcodes } from './shortcodes.js';

describe('stripShortcodes', () => {
  it('drops shortcode tags, keeps what they wrap and names what was dropped', () => {
    expect(stripShortcodes('A [gallery ids="1,2"] B [embed]https://v.example/1[/embed] C')).toEqual(
      {
        html: 'A  B https://v.example/1 C',
        dropped: ['gallery', 'embed'],
      },
    );
  });

  it('turns a caption shortcode into a figure with its caption', () => {
    expect(
      stripShortcodes(
        '[caption id="attachment_5" width="300"]<img src="/a.jpg" alt="A"> The shed[/caption]',
      ),
    ).toEqual({
      html: '<figure><img src="/a.jpg" alt="A"> <figcaption>The shed</figcaption></figure>',
      dropped: [],
    });
  });

  it('leaves ordinary brackets and escaped shortcodes as text', () => {
    expect(stripShortcodes('As noted [1] [citation needed]; write [[gallery]] literally.')).toEqual(
      {
        html: 'As noted [1] [citation needed]; write [gallery] literally.',
        dropped: [],
      },
    );
  });
});
