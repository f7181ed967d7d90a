// Anchors in runs of text (apparatus lemmas): a place with no text of its own is carried onto a
// character, so that the painter can name a destination there and the apparatus find its line.
import type { Run, Style } from './items.ts';

/**
 * Runs with the anchors carried onto text: an anchor has no text of its own, so its id goes to
 * the first character after it (or, at the end of a block, the last before it), where the painter
 * names a destination and the line finder looks for it.
 */
export function carryAnchors(parts: Run[]): Run[] {
  const out: Run[] = [];
  let pending: Style[] = [];
  // The anchor's id, and the note it marks (an apparatus entry at the page's foot).
  const mark = (style: Style, from: Style): Style => ({ ...style, anchor: from.anchor, ...(from.note ? { note: from.note } : {}) });
  for (const r of parts) {
    if (!r.text && r.style.anchor && !r.style.image) { pending.push(r.style); continue; }
    if (pending.length && r.text && !r.style.anchor) {
      // Two lemmas at one place: the second on the next character.
      const chars = [...r.text];
      const k = Math.min(pending.length, chars.length);
      for (let c = 0; c < k; c++) out.push({ text: chars[c], style: mark(r.style, pending[c]) });
      if (chars.length > k) out.push({ ...r, text: chars.slice(k).join('') });
      pending = pending.slice(k);
      continue;
    }
    out.push(r);
  }
  for (const from of pending.reverse()) {
    let k = out.length - 1;
    while (k >= 0 && !(out[k].text && !out[k].style.anchor)) k--;
    if (k < 0) break;
    const r = out[k];
    const chars = [...r.text];
    const last = chars.pop()!;
    out.splice(k, 1, ...(chars.length ? [{ ...r, text: chars.join('') }] : []), { text: last, style: mark(r.style, from) });
  }
  return out;
}
