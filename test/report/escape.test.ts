import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX, escapeHtml, escapeMarkdown, escapeMarkdownCode, truncate } from '../../src/report/escape.js';

const ZWJ = '\u200D';

describe('truncate', () => {
  it('keeps short strings and cuts long ones with an ellipsis', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcd', 3)).toBe('ab…');
    expect(truncate('x'.repeat(10_000)).length).toBe(DEFAULT_MAX);
  });
  it('counts code points and never splits a surrogate pair', () => {
    const s = '😀'.repeat(10);
    const t = truncate(s, 4);
    expect(Array.from(t)).toEqual(['😀', '😀', '😀', '…']);
  });
});

describe('escapeHtml', () => {
  it('escapes & < > " \'', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
  it('leaves no tag in an attack string', () => {
    const out = escapeHtml('<img src=x onerror=alert(1)>');
    expect(out).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).not.toMatch(/[<>"']/);
    expect(escapeHtml('<!-- marker -->')).toBe('&lt;!-- marker --&gt;');
    expect(escapeHtml('"><script>alert(1)</script>')).not.toMatch(/<|>|"/);
  });
  it('replaces control characters, bidi overrides and lone surrogates (invalid or deceptive in XML/HTML)', () => {
    expect(escapeHtml('a\u0000b\u0007c\u001Bd\u007F')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFD');
    expect(escapeHtml('evil\u202Egpj.exe')).toBe('evil\uFFFDgpj.exe');
    expect(escapeHtml('x\uD800y')).toBe('x\uFFFDy');
    expect(escapeHtml('ok 😀')).toBe('ok 😀');
    expect(escapeHtml('tab\tnew\nline')).toBe('tab\tnew\nline');
  });
  it('truncates before escaping, so an entity is never cut', () => {
    const out = escapeHtml('<'.repeat(300));
    expect(out).toBe('&lt;'.repeat(DEFAULT_MAX - 1) + '…');
    expect(escapeHtml('<<<<<', { max: 3 })).toBe('&lt;&lt;…');
    expect(escapeHtml('y'.repeat(5000), { max: Infinity })).toHaveLength(5000);
  });
  it('accepts non-strings defensively', () => {
    expect(escapeHtml(undefined as unknown as string)).toBe('');
    expect(escapeHtml(12 as unknown as string)).toBe('12');
  });
});

/** The text GitHub would show once backslash escapes and the 3 entities are undone. */
function shown(md: string): string {
  return md
    .replace(/\\([\\`*_[\]|#!~$+=.)-])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replaceAll(ZWJ, '');
}

describe('escapeMarkdown', () => {
  const nasty = [
    '<img src=x onerror=alert(1)>',
    '| broken | table',
    '@everyone',
    '[link](javascript:alert(1))',
    '<!-- marker -->',
    '`code` and ``more``',
    '**bold** _em_ ~~del~~ ![i](x) # h',
    '$x^2$ and \\ backslash',
    '&lt; already an entity',
  ];

  it('renders as the input text (modulo invisible joiners)', () => {
    for (const s of nasty) expect(shown(escapeMarkdown(s))).toBe(s);
  });

  it('leaves no raw markup character', () => {
    for (const s of nasty) {
      const out = escapeMarkdown(s);
      expect(out).not.toMatch(/[<>]/);
      // every special character is preceded by a backslash
      for (const m of out.matchAll(/[`*_[\]|#!~$]/g)) expect(out[m.index - 1]).toBe('\\');
    }
  });

  it('turns an HTML comment (the sticky-comment marker) into text', () => {
    expect(escapeMarkdown('<!-- model-budget -->')).toBe('&lt;\\!-- model-budget --&gt;');
    expect(escapeMarkdown('<!-- model-budget -->')).not.toContain('<!--');
  });

  it('keeps table pipes escaped', () => {
    expect(escapeMarkdown('| broken | table')).toBe('\\| broken \\| table');
    expect(escapeMarkdown('a\\|b')).toBe('a\\\\\\|b');
  });

  it('neutralises mentions, issue references and autolinks with a zero-width joiner', () => {
    expect(escapeMarkdown('@everyone')).toBe(`@${ZWJ}everyone`);
    expect(escapeMarkdown('cc @org/team')).toBe(`cc @${ZWJ}org/team`);
    expect(escapeMarkdown('fixes #123')).toBe(`fixes \\#${ZWJ}123`);
    expect(escapeMarkdown('GH-42')).toBe(`GH${ZWJ}-42`);
    expect(escapeMarkdown('https://evil.example/x')).toBe(`https:${ZWJ}//evil.example/x`);
    expect(escapeMarkdown('www.evil.example')).toBe(`www${ZWJ}.evil.example`);
    expect(escapeMarkdown('me@example.com')).toBe(`me@${ZWJ}example.com`);
    expect(escapeMarkdown('@everyone')).not.toMatch(/@[A-Za-z]/);
  });

  it('escapes links and images', () => {
    expect(escapeMarkdown('[link](javascript:alert(1))')).toBe('\\[link\\](javascript:alert(1))');
    expect(escapeMarkdown('![x](http://a)')).toBe(`\\!\\[x\\](http:${ZWJ}//a)`);
  });

  it('turns newlines into spaces and escapes what would start a block', () => {
    expect(escapeMarkdown('a\nb\r\nc\td')).toBe('a b  c d');
    expect(escapeMarkdown('# title')).toBe(`\\#${ZWJ} title`);
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('+ item')).toBe('\\+ item');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
    expect(escapeMarkdown('18.8 FLOP/B')).toBe('18.8 FLOP/B');
    expect(escapeMarkdown('> quote')).toBe('&gt; quote');
  });

  it('truncates long names with an ellipsis', () => {
    const out = escapeMarkdown('n'.repeat(1000), { max: 80 });
    expect(out).toBe('n'.repeat(79) + '…');
    expect(escapeMarkdown('_'.repeat(1000)).length).toBeLessThan(2 * DEFAULT_MAX + 1);
  });

  it('replaces control and bidi characters', () => {
    expect(escapeMarkdown('a\u0000b\u202Ec')).toBe('a\uFFFDb\uFFFDc');
  });
});

describe('escapeMarkdownCode', () => {
  it('wraps in backticks, with a fence longer than any run inside', () => {
    expect(escapeMarkdownCode('conv1')).toBe('`conv1`');
    expect(escapeMarkdownCode('a`b')).toBe('``a`b``');
    expect(escapeMarkdownCode('a``b```c')).toBe('````a``b```c````');
    expect(escapeMarkdownCode('`tick`')).toBe('`` `tick` ``');
    expect(escapeMarkdownCode(' padded ')).toBe('`  padded  `');
  });
  it('shows markup verbatim (code spans do not parse it) but never a raw HTML comment marker', () => {
    expect(escapeMarkdownCode('<img src=x>')).toBe('`<img src=x>`');
    const c = escapeMarkdownCode('<!-- marker -->');
    expect(c).not.toContain('<!--');
    expect(c).not.toContain('-->');
    expect(c.replaceAll(ZWJ, '')).toBe('`<!-- marker -->`');
  });
  it('escapes pipes in table cells only', () => {
    expect(escapeMarkdownCode('a|b', { table: true })).toBe('`a\\|b`');
    expect(escapeMarkdownCode('a|b')).toBe('`a|b`');
  });
  it('flattens newlines, truncates, and gives nothing for an empty string', () => {
    expect(escapeMarkdownCode('a\nb')).toBe('`a b`');
    expect(escapeMarkdownCode('x'.repeat(500), { max: 10 })).toBe('`xxxxxxxxx…`');
    expect(escapeMarkdownCode('')).toBe('');
  });
});
