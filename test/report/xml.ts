/**
 * A tiny well-formedness check for the SVG (and the HTML, which the renderer writes as XHTML-
 * compatible markup bar a few void elements): tags balance, attribute values are quoted and
 * hold no '<', text holds no raw '<' and no '&' outside an entity. Returns the problems found.
 */
export interface Element {
  name: string;
  attrs: Record<string, string>;
  /** Text directly inside (entities left as written). */
  text: string;
  children: Element[];
  /** Text and children in document order. */
  content: (string | Element)[];
}

const VOID = new Set(['meta', 'br', 'hr', 'img', 'link', 'input']);
const ENTITY = /^&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);/;

export function checkXml(src: string, options: { html?: boolean } = {}): { errors: string[]; root: Element } {
  const errors: string[] = [];
  const root: Element = { name: '#root', attrs: {}, text: '', children: [], content: [] };
  const stack: Element[] = [root];
  let i = 0;
  const checkText = (t: string, where: number) => {
    for (let k = 0; k < t.length; k++) {
      if (t[k] === '&' && !ENTITY.test(t.slice(k))) errors.push(`raw '&' at ${where + k}`);
    }
  };
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const text = src.slice(i, lt === -1 ? src.length : lt);
    checkText(text, i);
    stack[stack.length - 1].text += text;
    if (text) stack[stack.length - 1].content.push(text);
    if (lt === -1) break;
    if (src.startsWith('<!--', lt)) {
      errors.push(`comment at ${lt}`);
      const end = src.indexOf('-->', lt);
      i = end === -1 ? src.length : end + 3;
      continue;
    }
    if (options.html && /^<!doctype html>/i.test(src.slice(lt, lt + 15))) {
      i = lt + 15;
      continue;
    }
    const m = /^<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/.exec(src.slice(lt));
    if (!m) {
      errors.push(`raw '<' or malformed tag at ${lt}: ${JSON.stringify(src.slice(lt, lt + 40))}`);
      i = lt + 1;
      continue;
    }
    const [whole, close, name, attrText, selfClose] = m;
    const attrs: Record<string, string> = {};
    for (const a of attrText.matchAll(/([\w:-]+)="([^"]*)"/g)) {
      if (a[1] in attrs) errors.push(`duplicate attribute ${a[1]} on <${name}>`);
      attrs[a[1]] = a[2];
      checkText(a[2], lt);
    }
    if (close) {
      const top = stack.pop();
      if (!top || top.name !== name) errors.push(`</${name}> closes <${top?.name ?? 'nothing'}> at ${lt}`);
    } else {
      const el: Element = { name, attrs, text: '', children: [], content: [] };
      stack[stack.length - 1].children.push(el);
      stack[stack.length - 1].content.push(el);
      if (!selfClose && !(options.html && VOID.has(name.toLowerCase()))) {
        if (options.html && (name === 'style' || name === 'script')) {
          const end = src.indexOf(`</${name}>`, lt + whole.length);
          el.text = src.slice(lt + whole.length, end);
          el.content.push(el.text);
          i = end + name.length + 3;
          continue;
        }
        stack.push(el);
      }
    }
    i = lt + whole.length;
  }
  if (stack.length !== 1)
    errors.push(
      `unclosed: ${stack
        .slice(1)
        .map((e) => e.name)
        .join(', ')}`,
    );
  return { errors, root };
}

export function* walk(el: Element): Generator<Element> {
  for (const c of el.children) {
    yield c;
    yield* walk(c);
  }
}

export function findAll(root: Element, pred: (e: Element) => boolean): Element[] {
  return [...walk(root)].filter(pred);
}

/** Entities back to characters (the five XML ones and numeric). */
export function unescapeXml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39|#x[0-9a-f]+|#\d+);/gi, (_, e: string) => {
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      default:
        return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    }
  });
}

/** All text inside, in document order, entities decoded. */
export function textContent(el: Element): string {
  const raw = (e: Element): string => e.content.map((c) => (typeof c === 'string' ? c : raw(c))).join('');
  return unescapeXml(raw(el));
}
