// A font as the PDF embeds it (src/fonts/trim.ts): the same glyph ids and metrics, the outlines of
// the glyphs drawn (and of the glyphs they are built from), nothing else drawn, read by fontkit.
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { buildFontSet } from '../../src/fonts/index.ts';
import { trimOutlines } from '../../src/fonts/trim.ts';
import { readTables } from '../../src/fonts/sfnt.ts';

const open = (data: Buffer) => fontkit.create(data) as fontkit.Font;

/** Glyph ids a composite glyph of a font is built from, as fontkit reads them. */
const parts = (g: fontkit.Glyph) => ((g as unknown as { _decode(): { components?: { glyphID: number }[] } })._decode()?.components ?? []).map((c) => c.glyphID);

describe('trimmed fonts', () => {
  it('keep every glyph id and advance, and draw only the glyphs kept', async () => {
    const set = await buildFontSet([{ text: '中华人民共和国，“和平”。abc', req: { weight: 'regular' } }]);
    const serif = set.fonts.find((f) => f.id === 'serif-regular')!;
    const before = open(serif.data);
    const keep = [...'华国，'].map((ch) => before.glyphForCodePoint(ch.codePointAt(0)!).id);
    const after = open(trimOutlines(serif.data, keep));
    expect(after.numGlyphs).toBe(before.numGlyphs);
    let drawn = 0;
    for (let id = 0; id < before.numGlyphs; id++) {
      const [a, b] = [before.getGlyph(id), after.getGlyph(id)];
      expect(b.advanceWidth).toBe(a.advanceWidth);
      if (id === 0 || keep.includes(id)) {
        expect(b.path.toSVG()).toBe(a.path.toSVG());
        if (id) expect(a.path.commands.length).toBeGreaterThan(0);
        drawn++;
      } else expect(b.path.commands).toHaveLength(0);
    }
    expect(drawn).toBe(keep.length + 1);
    // Only what a PDF viewer draws with: no character map, no layout tables, no names.
    expect(readTables(trimOutlines(serif.data, keep)).map((t) => t.tag).sort()).toEqual(readTables(serif.data).map((t) => t.tag).filter((t) => ['glyf', 'loca', 'head', 'hhea', 'hmtx', 'maxp', 'cvt ', 'fpgm', 'prep'].includes(t)).sort());
  });

  it('keep the glyphs a composite glyph is built from', async () => {
    const set = await buildFontSet([{ text: 'éàüñçøå', req: { weight: 'regular', mono: true } }]);
    const mono = set.fonts.find((f) => f.id === 'mono-regular')!;
    const before = open(mono.data);
    const composite = [...'éàüñçøå'].map((ch) => before.glyphForCodePoint(ch.codePointAt(0)!)).find((g) => parts(g).length > 0);
    expect(composite).toBeDefined();
    const after = open(trimOutlines(mono.data, [composite!.id]));
    expect(after.getGlyph(composite!.id).path.toSVG()).toBe(composite!.path.toSVG());
    for (const id of parts(composite!)) expect(after.getGlyph(id).path.toSVG()).toBe(before.getGlyph(id).path.toSVG());
  });
});
