/**
 * The sanitisers every output and error message passes through: a field on one line, a quoted
 * token, and a whole output with no line a CI runner would take as a workflow command.
 */
import { describe, expect, it } from 'vitest';
import { neutraliseCommands, quoteToken, safeText } from '../../src/util/sanitize.js';

/** What a runner does before it looks for a command: trim Unicode white space at both ends. */
const isCommand = (line: string) => line.replace(/^\s+/u, '').startsWith('::');

describe('safeText', () => {
  it('keeps one line: CR, LF, tab, ESC, C1 and bidi controls become U+FFFD', () => {
    expect(safeText('a\nb\rc\td\x1b[2Je\u009bf\u202eg')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFD[2Je\uFFFDf\uFFFDg');
  });
  it('truncates to max code points with an ellipsis, never splitting a surrogate pair', () => {
    expect(safeText('abcdef', 4)).toBe('abc…');
    expect(safeText('😀😀😀😀', 3)).toBe('😀😀…');
    expect(safeText('short', 10)).toBe('short');
  });
});

describe('quoteToken', () => {
  it('quotes strings short and clean, and describes other values by kind', () => {
    expect(quoteToken('x'.repeat(100), 10)).toBe(`'${'x'.repeat(9)}…'`);
    expect(quoteToken('SECRET=1\nTOKEN=2')).toBe("'SECRET=1\uFFFDTOKEN=2'");
    expect([quoteToken(5), quoteToken(true), quoteToken(null), quoteToken(undefined), quoteToken([1]), quoteToken({ a: 1 })]).toEqual([
      '5',
      'true',
      'nothing',
      'nothing',
      'a list',
      'a mapping',
    ]);
  });
});

describe('neutraliseCommands', () => {
  const hostile = [
    '::error title=pwned::x',
    '  ::add-mask::secret',
    '\t::set-output name=a::b',
    '\u00a0::warning::x',
    '\u2003::error::em space',
    '\u3000::error::ideographic space',
    '\ufeff::stop-commands::token',
  ];
  it.each(hostile)('defuses %j', (line) => {
    const out = neutraliseCommands(`ok\n${line}\nend\n`);
    expect(out.split('\n').some(isCommand)).toBe(false);
    // Shown the same: only a zero-width space was added.
    expect(out.replace(/\u200b/g, '')).toBe(`ok\n${line}\nend\n`);
  });
  it('leaves `::` inside a line alone, removes CR and escape sequences, keeps tabs and newlines', () => {
    expect(neutraliseCommands('a::b\tc\n')).toBe('a::b\tc\n');
    expect(neutraliseCommands('x\r::error::y\n')).toBe('x::error::y\n');
    expect(neutraliseCommands('\x1b]8;;http://evil\x07link\n')).toBe('\uFFFD]8;;http://evil\uFFFDlink\n');
  });
});
