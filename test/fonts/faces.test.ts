// The font set on real fonts: each face subset from the right package files, holding exactly the
// characters set in it, drawn exactly as the package draws them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildFontSet, type FaceRequest, type FontSet } from '../../src/fonts/index.ts';
import { CORPUS } from '../helpers/paths.ts';
import { charactersOf, fileFor, glyphOf, heldFor, open, openFile, sorted } from './sources.ts';

const REGULAR: FaceRequest = { weight: 'regular' };
/** Characters of classical novels that are not in the package's `chinese-simplified` file. */
const RARE = '悒跣澌奁斝';

const font = (set: FontSet, id: string) => {
  const f = set.fonts.find((x) => x.id === id);
  if (!f) throw new Error(`no ${id} in the set: ${set.fonts.map((x) => x.id).join(', ')}`);
  return f;
};

describe('the serif face: the whole Noto Serif SC', () => {
  it('sets rare characters from the numbered slices, drawn as the package draws them, beside the common ones', async () => {
    const text = `子曰：${RARE}。`;
    const set = await buildFontSet([{ text, req: REGULAR }]);
    for (const [weight, css] of [['regular', '400'], ['bold', '700']] as const) {
      const f = font(set, `serif-${weight}`);
      const merged = open(f.data);
      const common = openFile('noto-serif-sc', `noto-serif-sc-chinese-simplified-${css}-normal.woff2`);
      for (const ch of RARE) {
        expect(set.faceFor(ch, { weight })?.id).toBe(`serif-${weight}`);
        expect(common.hasGlyphForCodePoint(ch.codePointAt(0)!)).toBe(false);
        const file = fileFor('noto-serif-sc', `${css}.css`, ch);
        expect(file).toMatch(new RegExp(`^noto-serif-sc-\\d+-${css}-normal\\.woff2$`, 'u'));
        expect(glyphOf(merged, ch)).toEqual(glyphOf(openFile('noto-serif-sc', file), ch));
        expect(glyphOf(merged, ch).path.length).toBeGreaterThan(50);
      }
      for (const ch of '子曰：。') expect(glyphOf(merged, ch)).toEqual(glyphOf(common, ch));
      expect(f.slices[0]).toBe('chinese-simplified');
      expect(f.slices.filter((s) => /^\[\d+\]$/u.test(s)).length).toBeGreaterThanOrEqual(3);
      expect(charactersOf(merged)).toBe(sorted(text));
      expect(f.chars).toBe(sorted(text));
      expect(merged.postscriptName).toBe(weight === 'regular' ? 'NotoSerifSC-Regular' : 'NotoSerifSC-Bold');
      expect(merged.familyName).toBe('Noto Serif SC');
    }
  });

  it('merges a whole book: every character of the corpus and the rare ones drawn as in its package file', async () => {
    const corpus = readdirSync(CORPUS).filter((n) => n.endsWith('.md')).map((n) => readFileSync(join(CORPUS, n), 'utf8')).join('');
    const text = [...new Set(corpus + RARE)].filter((ch) => !/\s/u.test(ch)).join('');
    const set = await buildFontSet([{ text, req: REGULAR }]);
    const f = font(set, 'serif-regular');
    expect(f.slices.length).toBeGreaterThan(1);
    const merged = open(f.data);
    const common = openFile('noto-serif-sc', 'noto-serif-sc-chinese-simplified-400-normal.woff2');
    expect([...text].length).toBeGreaterThan(1000);
    for (const ch of text) {
      const source = common.hasGlyphForCodePoint(ch.codePointAt(0)!) ? common : openFile('noto-serif-sc', fileFor('noto-serif-sc', '400.css', ch));
      expect(glyphOf(merged, ch), ch).toEqual(glyphOf(source, ch));
    }
    expect(charactersOf(merged)).toBe(heldFor(text));
    expect(f.chars).toBe(heldFor(text));
  });

  it('maps characters beyond the BMP in a merged font', async () => {
    const set = await buildFontSet([{ text: '中🈚🈲', req: REGULAR }]);
    const f = font(set, 'serif-regular');
    const merged = open(f.data);
    expect(f.slices).toEqual(['chinese-simplified', '[4]']);
    for (const ch of '🈚🈲') expect(glyphOf(merged, ch)).toEqual(glyphOf(openFile('noto-serif-sc', fileFor('noto-serif-sc', '400.css', ch)), ch));
    expect(charactersOf(merged)).toBe('中🈚🈲');
  });

  it('keeps the layout features of its main slice: vertical forms of punctuation still substitute', async () => {
    const set = await buildFontSet([{ text: `「${RARE}」`, req: REGULAR }]);
    const merged = open(font(set, 'serif-regular').data);
    const common = openFile('noto-serif-sc', 'noto-serif-sc-chinese-simplified-400-normal.woff2');
    const vertical = (f: typeof merged) => f.layout('「', ['vert']).glyphs[0].path.toSVG();
    expect(vertical(merged)).toBe(vertical(common));
    expect(vertical(merged)).not.toBe(glyphOf(merged, '「').path);
  });
});

describe('the other faces', () => {
  it('sets Latin text under emphasis in Source Serif 4 Italic, a true italic, and Han text in the serif', async () => {
    const set = await buildFontSet([
      { text: '他说', req: REGULAR },
      { text: 'Ein Wort 中文', req: { weight: 'regular', italic: true } },
      { text: 'Fett', req: { weight: 'bold', italic: true } },
    ]);
    const regular = font(set, 'italic-regular');
    const bold = font(set, 'italic-bold');
    expect([regular.family, regular.style, bold.family, bold.style]).toEqual(['Source Serif 4', 'italic', 'Source Serif 4', 'italic']);
    for (const [f, weight] of [[regular, 400], [bold, 700]] as const) {
      const face = open(f.data);
      expect(face.italicAngle).toBeLessThan(-5);
      const os2 = (face as unknown as { 'OS/2': { usWeightClass: number; fsSelection: { italic: boolean } } })['OS/2'];
      expect(os2.fsSelection.italic).toBe(true);
      expect(os2.usWeightClass).toBe(weight);
    }
    expect(regular.chars).toBe(sorted('Ein Wort'));
    expect(bold.chars).toBe(sorted('Fett'));
    expect(glyphOf(open(regular.data), 'W')).toEqual(glyphOf(openFile('source-serif-4', fileFor('source-serif-4', '400-italic.css', 'W')), 'W'));
    expect(set.faceFor('W', { weight: 'regular', italic: true })?.id).toBe('italic-regular');
    expect(set.faceFor('F', { weight: 'bold', italic: true })?.id).toBe('italic-bold');
    expect(set.faceFor('中', { weight: 'regular', italic: true })?.id).toBe('serif-regular');
    // Latin letters under emphasis are not put into the serif, nor the Chinese into the italic.
    expect(font(set, 'serif-regular').chars).toBe(sorted('他说中文'));
  });

  it('sets code in Source Code Pro, fixed pitch, and Han characters in code in the serif', async () => {
    const code = 'let x = 1; // 注释';
    const set = await buildFontSet([{ text: code, req: { weight: 'regular', mono: true } }]);
    const mono = font(set, 'mono-regular');
    const face = open(mono.data);
    expect(mono.family).toBe('Source Code Pro');
    expect((face as unknown as { post: { isFixedPitch: number } }).post.isFixedPitch).not.toBe(0);
    const advances = new Set([...'let x=1;/'].map((ch) => glyphOf(face, ch).advance));
    expect(advances.size).toBe(1);
    expect(mono.chars).toBe(sorted('let x = 1; // '));
    expect(set.faceFor('注', { weight: 'regular', mono: true })?.id).toBe('serif-regular');
    expect(set.faceFor('x', { weight: 'bold', mono: true })?.id).toBe('mono-regular');
    expect(font(set, 'serif-regular').chars).toBe(sorted('注释'));
  });

  it('sets symbols no other face has from Noto Sans Symbols 2, and those the serif has from the serif', async () => {
    const set = await buildFontSet([{ text: '☐☑✓中', req: REGULAR }]);
    const fallback = font(set, 'fallback-regular');
    expect(fallback.family).toBe('Noto Sans Symbols 2');
    expect(fallback.chars).toBe('☐☑');
    expect(set.faceFor('☑', REGULAR)?.id).toBe('fallback-regular');
    expect(set.faceFor('☑', { weight: 'bold', italic: true })?.id).toBe('fallback-regular');
    expect(glyphOf(open(fallback.data), '☑')).toEqual(glyphOf(openFile('noto-sans-symbols-2', fileFor('noto-sans-symbols-2', '400.css', '☑')), '☑'));
    expect(set.faceFor('✓', REGULAR)?.id).toBe('serif-regular');
  });

  it('has no face for a character no package has', async () => {
    const set = await buildFontSet([{ text: '中\u{10FFFD}\u{17000}', req: REGULAR }, { text: '\u{17000}', req: { weight: 'regular', mono: true } }]);
    for (const ch of ['\u{10FFFD}', '\u{17000}']) {
      for (const req of [REGULAR, { weight: 'bold' as const, italic: true }, { weight: 'regular' as const, mono: true }]) expect(set.faceFor(ch, req)).toBeUndefined();
      expect(set.fonts.some((f) => f.chars.includes(ch))).toBe(false);
    }
  });

  it('makes only the faces a book needs', async () => {
    const chinese = await buildFontSet([{ text: '中文，正文。', req: REGULAR }, { text: '重要', req: { weight: 'regular', italic: true } }, { text: '标题', req: { weight: 'bold' } }]);
    expect(chinese.fonts.map((f) => f.id)).toEqual(['serif-regular', 'serif-bold']);
    const all = await buildFontSet([{ text: '中 ☑', req: REGULAR }, { text: 'x', req: { weight: 'regular', mono: true } }, { text: 'Wort', req: { weight: 'regular', italic: true } }]);
    expect(all.fonts.map((f) => f.id).sort()).toEqual(['fallback-regular', 'italic-regular', 'mono-regular', 'serif-bold', 'serif-regular']);
    // Every font holds exactly what it says it holds.
    for (const f of all.fonts) expect(charactersOf(open(f.data))).toBe(f.chars);
  });
});
