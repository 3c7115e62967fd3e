import { statementText } from './statement-text.js';

describe('statementText', () => {
  it("builds a name's text on its first use only, and sends the very same string after", () => {
    let builds = 0;
    const build = () => {
      builds += 1;
      // built from parts, as the services' statements are: a new string on every call
      return ['SELECT n', 'FROM generate_series(1, $1::int) AS n'].join(' ');
    };
    const first = statementText('unit_probe_built', build);
    const second = statementText('unit_probe_built', build);
    expect(first).toBe('SELECT n FROM generate_series(1, $1::int) AS n');
    expect(builds).toBe(1);
    // the same string object, not an equal copy: pg's comparison then costs no flattening
    expect(Object.is(first, second)).toBe(true);
  });

  it('keeps apart the texts of different names, and takes a given string as it is', () => {
    expect(statementText('unit_probe_a', () => 'SELECT 1')).toBe('SELECT 1');
    expect(statementText('unit_probe_b', () => 'SELECT 2')).toBe('SELECT 2');
    expect(statementText('unit_probe_a', 'SELECT 3')).toBe('SELECT 3');
  });
});
