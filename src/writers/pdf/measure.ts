// Measuring: advance widths from the font itself (fontkit), in ems, cached per text.
// This layer knows fonts; it knows nothing of lines, pages or pdfkit.
import * as fontkit from 'fontkit';
import type { SubsetFont, Weight } from '../../fonts/index.ts';

/** A face to measure with: a weight of the serif (CJK) face, or a font's id in the FontSet (`mono-regular`, `italic-regular`, …). */
export type FaceKey = Weight | string;

export interface Metrics {
  /** Advance width of a text set in a face, in ems (kerning included, features as pdfkit uses). */
  advance(text: string, face: FaceKey): number;
}

/** The font id of a face key: a bare weight means the serif face of that weight. */
export function fontId(face: FaceKey): string {
  return face === 'regular' || face === 'bold' ? `serif-${face}` : face;
}

/** Fonts read by fontkit, by their file: read once, for measuring and for painting (embed.ts). */
const opened = new WeakMap<Buffer, fontkit.Font>();

export function openFont(f: SubsetFont): fontkit.Font {
  let font = opened.get(f.data);
  if (!font) opened.set(f.data, (font = fontkit.create(f.data) as fontkit.Font));
  return font;
}

export function fontMetrics(fonts: SubsetFont[]): Metrics {
  const faces = new Map(fonts.map((f) => [f.id, openFont(f)]));
  // Per face, per text: asked once per character of the book, so the lookup makes no key string.
  const cache = new Map<FaceKey, Map<string, number>>();
  return {
    advance(text, faceKey) {
      let known = cache.get(faceKey);
      if (!known) cache.set(faceKey, (known = new Map()));
      let w = known.get(text);
      if (w === undefined) {
        const face = faces.get(fontId(faceKey)) ?? faces.get('serif-regular')!;
        // A single character needs no shaping: its glyph's advance is its width.
        const single = [...text].length === 1 ? face.glyphForCodePoint(text.codePointAt(0)!) : null;
        w = (single ? single.advanceWidth : face.layout(text).advanceWidth) / face.unitsPerEm;
        known.set(text, w);
      }
      return w;
    },
  };
}

/** A fixed-width measurer for tests: every character one em, Latin letters and digits half. */
export const fixedMetrics: Metrics = {
  advance: (text) => [...text].reduce((n, ch) => n + (/[\x20-\x7e]/u.test(ch) ? 0.5 : 1), 0),
};
