// Images in the forms pdfkit can draw: PNG and JPEG as they are, a GIF's first frame as PNG;
// SVG stays vector and is drawn by svg-to-pdfkit. Converted once per image and build.
import { GifReader } from 'omggif';
import { PNG } from 'pngjs';
import type { ImageResource } from '../../model/types.ts';

export type PdfImage = { kind: 'raster'; data: Buffer } | { kind: 'svg'; svg: string };

/** The first frame of a GIF, composited on transparency, as PNG. */
function gifToPng(data: Buffer): Buffer {
  const gif = new GifReader(new Uint8Array(data));
  const png = new PNG({ width: gif.width, height: gif.height });
  const rgba = new Uint8Array(gif.width * gif.height * 4);
  gif.decodeAndBlitFrameRGBA(0, rgba);
  png.data = Buffer.from(rgba);
  return PNG.sync.write(png);
}

export function pdfImage(image: ImageResource): PdfImage {
  switch (image.mime) {
    case 'image/png': case 'image/jpeg': return { kind: 'raster', data: image.data };
    case 'image/gif': return { kind: 'raster', data: gifToPng(image.data) };
    case 'image/svg+xml': return { kind: 'svg', svg: image.data.toString('utf8') };
  }
}
