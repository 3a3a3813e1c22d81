/**
 * Items made on demand: a big report's per-node entries before anything needs them all at once.
 *
 * A report member holding a LazyList (see `lazyMember`) reads as an ordinary array: the first
 * read builds the array and keeps it. The JSON writer (src/report/json.ts) streams the list
 * instead, an entry at a time, and the text and Markdown renderers rank it in one pass
 * (`itemsOf`, `topItems`), so `analyze` never holds every node's entry at once.
 */

export class LazyList<T> implements Iterable<T> {
  /**
   * `make(i)` builds item i afresh on each call (the same value each time). `plain`: every item is
   * plain data of a modest size (objects, arrays, strings, finite numbers, booleans, null; no
   * toJSON, nothing JSON.stringify leaves out), so the JSON writer hands runs of them to the
   * native serialiser without looking through each first.
   */
  constructor(
    readonly length: number,
    private readonly make: (i: number) => T,
    readonly plain = false,
    /** When given: item i's JSON text, exactly `JSON.stringify(make(i))` plus the JSON writer's extra escapes (src/report/json.ts jsonString: its rows use it as it is). */
    readonly text?: (i: number) => string,
  ) {}

  at(i: number): T {
    return this.make(i);
  }

  *[Symbol.iterator](): Iterator<T> {
    for (let i = 0; i < this.length; i++) yield this.make(i);
  }

  toArray(): T[] {
    const out = new Array<T>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.make(i);
    return out;
  }
}

/** The members of each object still held as lazy lists (those not read yet). */
const pending = new WeakMap<object, Map<string, LazyList<unknown>>>();

/**
 * Make `obj[key]` (an existing member, whose place among the keys is kept) read as the array of
 * `list`'s items, built on the first read and kept; assigning it sets it as any member. Until then
 * `lazyMemberOf(obj, key)` hands out the list itself.
 */
export function lazyMember<O extends object, K extends keyof O & string>(obj: O, key: K, list: LazyList<O[K] extends readonly (infer T)[] ? T : never>): void {
  let members = pending.get(obj);
  if (!members) pending.set(obj, (members = new Map<string, LazyList<unknown>>()));
  members.set(key, list);
  const settle = (value: unknown) => {
    members.delete(key);
    Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  };
  Object.defineProperty(obj, key, {
    enumerable: true,
    configurable: true,
    get() {
      const value = list.toArray();
      settle(value);
      return value;
    },
    set(value: unknown) {
      settle(value);
    },
  });
}

/** The lazy list behind `obj[key]` while it has not been read, else undefined. */
export function lazyMemberOf(obj: object, key: string): LazyList<unknown> | undefined {
  return pending.get(obj)?.get(key);
}

/** Whether any member of `obj` is still a lazy list. */
export function hasLazyMembers(obj: object): boolean {
  const members = pending.get(obj);
  return members !== undefined && members.size > 0;
}

/** The items of `obj[key]` (an array member, lazy or not) in order, without building the array when lazy. */
export function itemsOf<T>(obj: object, key: string): Iterable<T> & { readonly length: number } {
  return (lazyMemberOf(obj, key) ?? (obj as Record<string, unknown>)[key]) as Iterable<T> & { readonly length: number };
}

/**
 * The first `n` of `items` kept by `keep`, in the order of `sort(items.filter(keep), compare)`
 * with ties in their original order (a stable sort), with their indices: one pass, holding at
 * most `n` items (a bounded heap).
 */
export function topItems<T>(items: Iterable<T>, n: number, keep: (item: T) => boolean, compare: (a: T, b: T) => number): { item: T; index: number }[] {
  if (n <= 0) return [];
  type E = { item: T; index: number };
  // Total order: by `compare`, then by index. The heap's root is the worst item kept.
  const before = (a: E, b: E) => {
    const c = compare(a.item, b.item);
    return c < 0 || (!(c > 0) && a.index < b.index); // NaN ties, as in Array.prototype.sort
  };
  const heap: E[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && before(heap[worst], heap[l])) worst = l;
      if (r < heap.length && before(heap[worst], heap[r])) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst], heap[i]];
      i = worst;
    }
  };
  let index = 0;
  for (const item of items) {
    const at = index++;
    if (!keep(item)) continue;
    const e = { item, index: at };
    if (heap.length < n) {
      heap.push(e);
      for (let i = heap.length - 1; i > 0;) {
        const p = (i - 1) >> 1;
        if (!before(heap[p], heap[i])) break;
        [heap[p], heap[i]] = [heap[i], heap[p]];
        i = p;
      }
    } else if (before(e, heap[0])) {
      heap[0] = e;
      down(0);
    }
  }
  return heap.sort((a, b) => (before(a, b) ? -1 : 1));
}
