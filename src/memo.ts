// Results of pure functions kept in this process: of a project's text, for the next build
// (`wenji watch` rebuilds after every save): reading a document's front matter and its variant
// apparatus, its house rules, where its lemmas are and how its apparatus reads; and the line
// breaks of a paragraph, for the rest of a layout (breakcache.ts). Each is kept with the
// warnings it gave, which are told again when it is taken. What throws is not kept.
import type { Diagnostic } from './diagnostics.ts';

interface Kept<T> { value: T; warnings: Diagnostic[] }

/** Entries kept per kind of result: a few times the documents of a large book. */
const MAX = 4096;

const byName = new Map<string, Map<string, Kept<unknown>>>();
const byOwner = new WeakMap<object, Map<string, Kept<unknown>>>();

function take<T>(kept: Map<string, Kept<unknown>>, key: string, warnings: Diagnostic[], make: (warnings: Diagnostic[]) => T): T {
  let entry = kept.get(key) as Kept<T> | undefined;
  if (entry) {
    // The most recently used last, so that the oldest goes first.
    kept.delete(key);
  } else {
    const told: Diagnostic[] = [];
    entry = { value: make(told), warnings: told };
  }
  kept.set(key, entry);
  while (kept.size > MAX) kept.delete(kept.keys().next().value!);
  warnings.push(...entry.warnings);
  return entry.value;
}

/**
 * `make(warnings)`, or what it gave before for the same `key`, which must hold everything the
 * result depends on (the text it is made from, the file it is told at). Its warnings go into
 * `warnings` either way.
 */
export function remembered<T>(name: string, key: string, warnings: Diagnostic[], make: (warnings: Diagnostic[]) => T): T {
  let kept = byName.get(name);
  if (!kept) byName.set(name, (kept = new Map()));
  return take(kept, key, warnings, make);
}

/** The same, kept with an object the result depends on (a document's parsed apparatus): forgotten with it. */
export function rememberedWith<T>(owner: object, name: string, key: string, warnings: Diagnostic[], make: (warnings: Diagnostic[]) => T): T {
  let kept = byOwner.get(owner);
  if (!kept) byOwner.set(owner, (kept = new Map()));
  return take(kept, `${name}\0${key}`, warnings, make);
}
