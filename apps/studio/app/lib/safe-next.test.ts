import { safeNext } from './safe-next';

describe('safeNext', () => {
  it('keeps paths on Studio and refuses anything that leaves it', () => {
    expect(safeNext('/articles/new')).toBe('/articles/new');
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', '', null]) {
      expect(safeNext(bad)).toBe('/');
    }
  });
});
