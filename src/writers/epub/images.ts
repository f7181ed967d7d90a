// The book's images in the package: each under images/, named by its order (keys sorted, so the
// names do not depend on the order of assembly) and its own base name made safe for every reader.
import type { Book, ImageResource } from '../../model/types.ts';

const EXTENSION: Record<ImageResource['mime'], string> = {
  'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/svg+xml': 'svg',
};

export interface PackagedImage {
  /** Manifest id and path inside OEBPS/. */
  id: string;
  href: string;
  mime: ImageResource['mime'];
  data: Buffer;
  width: number;
  height: number;
}

/** A base name of ASCII letters, digits and hyphens (non-ASCII names trouble some readers' zips). */
function safeBase(path: string): string {
  const base = path.split('/').pop()!.replace(/\.[^.]*$/u, '');
  return base.normalize('NFKD').replace(/[^A-Za-z0-9-]+/gu, '-').replace(/^-+|-+$/gu, '').toLowerCase().slice(0, 40);
}

export function packageImages(book: Book): Map<string, PackagedImage> {
  const keys = Object.keys(book.images).sort();
  const width = String(keys.length).length;
  return new Map(keys.map((key, i) => {
    const img = book.images[key];
    const n = String(i + 1).padStart(width, '0');
    const base = safeBase(key);
    return [key, { id: `image-${n}`, href: `images/${n}${base ? `-${base}` : ''}.${EXTENSION[img.mime]}`, mime: img.mime, data: img.data, width: img.width, height: img.height }];
  }));
}
