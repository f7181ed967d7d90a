// Writes the unseen pages into test/fixtures/import/unseen/ (run by hand: npx tsx test/import/unseen/make.ts).
// Each page comes with its truth: the units of the document as the corpus establishes them.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCorpus } from '../../../src/corpus/load.ts';
import { CORPUS, ROOT } from '../../helpers/paths.ts';
import { unseenPage, type PageStyle } from './ocr.ts';
import { repostPage, type RepostStyle } from './html.ts';
import * as OpenCC from 'opencc-js/cn2t';

const OUT = join(ROOT, 'test/fixtures/import/unseen');
const units = (id: string) => loadCorpus(CORPUS).find((d) => d.front.id === id)!.body.split('\n').filter((l) => l.trim());

const pages: [string, string, Omit<PageStyle, 'seed'>][] = [
  ['ocr-2023-w15-blank', '2023-03-21-deepening-partnership', { width: 15, indent: 'width', blankLines: true, spacing: 0.1, halfWidth: 0.05 }],
  ['ocr-2023-w22-noisy', '2023-03-21-deepening-partnership', { width: 22, indent: 'width', blankLines: false, spacing: 0.3, halfWidth: 0.2 }],
  ['ocr-2023-w31-spaces', '2023-03-21-deepening-partnership', { width: 31, indent: 'spaces', blankLines: false, spacing: 0.05, halfWidth: 0.05 }],
  ['ocr-2024-w18', '2024-05-16-75th-anniversary', { width: 18, indent: 'width', blankLines: false, spacing: 0.1, halfWidth: 0.1 }],
  ['ocr-2024-w27-ideographic', '2024-05-16-75th-anniversary', { width: 27, indent: 'ideographic', blankLines: true, spacing: 0.05, halfWidth: 0.1 }],
  ['ocr-2024-w35', '2024-05-16-75th-anniversary', { width: 35, indent: 'width', blankLines: false, spacing: 0.05, halfWidth: 0.05 }],
  ['ocr-2025-gss-w13', '2025-05-08-global-strategic-stability', { width: 13, indent: 'width', blankLines: false, spacing: 0.1, halfWidth: 0.1 }],
  ['ocr-2025-law-w24-blank', '2025-05-08-international-law', { width: 24, indent: 'width', blankLines: true, spacing: 0.1, halfWidth: 0.1 }],
  ['ocr-2025-moscow-w20', '2025-05-08-moscow-joint-statement', { width: 20, indent: 'width', blankLines: false, spacing: 0.2, halfWidth: 0.1 }],
  ['ocr-2025-moscow-w29-spaces', '2025-05-08-moscow-joint-statement', { width: 29, indent: 'spaces', blankLines: false, spacing: 0.1, halfWidth: 0.05 }],
  // Held out: made after the reader was tuned on the pages above, and not used to tune it.
  ['held-2023-w17-push', '2023-03-21-deepening-partnership', { width: 17, indent: 'width', blankLines: true, spacing: 0.15, halfWidth: 0.1, kinsoku: 'push' }],
  ['held-2023-w26', '2023-03-21-deepening-partnership', { width: 26, indent: 'width', blankLines: false, spacing: 0.1, halfWidth: 0.15 }],
  ['held-2024-w21-push', '2024-05-16-75th-anniversary', { width: 21, indent: 'width', blankLines: false, spacing: 0.2, halfWidth: 0.1, kinsoku: 'push' }],
  ['held-2024-w40-spaces', '2024-05-16-75th-anniversary', { width: 40, indent: 'spaces', blankLines: true, spacing: 0.05, halfWidth: 0.05 }],
  ['held-2025-gss-w19', '2025-05-08-global-strategic-stability', { width: 19, indent: 'width', blankLines: false, spacing: 0.1, halfWidth: 0.2, kinsoku: 'push' }],
  ['held-2025-law-w16', '2025-05-08-international-law', { width: 16, indent: 'width', blankLines: false, spacing: 0.1, halfWidth: 0.1 }],
  ['held-2025-moscow-w25-push', '2025-05-08-moscow-joint-statement', { width: 25, indent: 'width', blankLines: true, spacing: 0.1, halfWidth: 0.1, kinsoku: 'push' }],
  ['held-2025-moscow-w33', '2025-05-08-moscow-joint-statement', { width: 33, indent: 'width', blankLines: false, spacing: 0.1, halfWidth: 0.1 }],
  // Held out as well, made after the full stops and straight quotes of OCR were handled.
  ['held-2024-w23-ascii', '2024-05-16-75th-anniversary', { width: 23, indent: 'width', blankLines: false, spacing: 0.1, halfWidth: 0.1, ascii: 0.15, kinsoku: 'push' }],
  ['held-2023-w19-ascii', '2023-03-21-deepening-partnership', { width: 19, indent: 'width', blankLines: true, spacing: 0.2, halfWidth: 0.1, ascii: 0.1 }],
];

pages.forEach(([name, id, style], i) => {
  const u = units(id);
  writeFileSync(join(OUT, `${name}.txt`), unseenPage(u, { ...style, seed: 1000 + i }));
  writeFileSync(join(OUT, `${name}.truth.md`), `${u.join('\n\n')}\n`);
});
const reposts: [string, string, Omit<RepostStyle, 'seed'>][] = [
  ['html-2023-centred', '2023-03-21-deepening-partnership', { layout: 'centred-numerals', title: '中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明' }],
  ['html-2024-h3', '2024-05-16-75th-anniversary', { layout: 'h3-numerals', title: '中俄在两国建交75周年之际关于深化新时代全面战略协作伙伴关系的联合声明（全文）' }],
  ['html-2025-moscow-divbr', '2025-05-08-moscow-joint-statement', { layout: 'div-br', title: '中俄联合声明全文发布' }],
  // Held out: made after the reader was written.
  ['held-html-2023-table', '2023-03-21-deepening-partnership', { layout: 'table', title: '中俄关于深化新时代全面战略协作伙伴关系的联合声明（全文）' }],
  ['html-2025-law-h3', '2025-05-08-international-law', { layout: 'h3-numerals', title: '中华人民共和国和俄罗斯联邦关于进一步加强合作维护国际法权威的联合声明' }],
];
reposts.forEach(([name, id, style], i) => {
  const u = units(id);
  writeFileSync(join(OUT, `${name}.html`), repostPage(u, { ...style, seed: 2000 + i }));
  writeFileSync(join(OUT, `${name}.truth.md`), `${u.join('\n\n')}\n`);
});
// A Taiwan repost of the international-law statement in Traditional characters, as web text.
const law = loadCorpus(CORPUS).find((d) => d.front.id === '2025-05-08-international-law')!;
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
writeFileSync(join(ROOT, 'test/fixtures/import/trad-2025-law.txt'), `${toTraditional([law.front.title, ...units(law.front.id)].join('\n\n'))}\n`);

console.log(`${pages.length} pages and ${reposts.length} reposts written to ${OUT}`);
