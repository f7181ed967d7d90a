// Small projects written file by file into a fresh folder, for tests of the project layer.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Writes `files` (path → content) under a new folder and returns it. */
export function makeProject(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'wenji-project-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

/** The 1-based line and column of the first occurrence of `needle` in `text`. */
export function placeOf(text: string, needle: string): { line: number; column: number } {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} is not in the text`);
  return { line: i + 1, column: lines[i].indexOf(needle) + 1 };
}

/** A 1×1 PNG, a 1×1 GIF, and the first bytes of a JPEG with its size (8×4). */
export const PNG_1x1 = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360f8cfc0f01f0005000201e221bc330000000049454e44ae426082', 'hex');
export const GIF_1x1 = Buffer.from('47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b', 'hex');
export const JPEG_8x4 = Buffer.from('ffd8ffe000104a46494600010100000100010000ffc0000b080004000801011100ffd9', 'hex');
export const SVG_20x10 = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10"/></svg>\n';
