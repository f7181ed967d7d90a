// Paths of the real project files the tests read.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CORPUS = join(ROOT, 'corpus');
export const SOURCES = join(CORPUS, 'sources');

export const SEED = {
  ocr2023: join(SOURCES, '000_bc26827d51292f16.txt'),
  web2023: join(SOURCES, '001_ffce3baefabbf786.txt'),
  page2025: join(SOURCES, '002_26cc67a30f32e7ad.txt'),
  md2024: join(SOURCES, '003_4a987bdc9f53ee26.txt'),
  html2023: join(SOURCES, '004_670cd57cfbf4118f.txt'),
};
