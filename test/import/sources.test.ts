// Sources people bring: a Word file, and a repost in Traditional characters, taken by import
// like the five witnesses; `normalize --kind docx` shows a Word file as Markdown.
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import MarkdownIt from 'markdown-it';
import { importCorpus } from '../../src/import/index.ts';
import { readWitness } from '../../src/import/read.ts';
import { docxToHtml } from '../../src/import/docx.ts';
import { htmlToMarkdown } from '../../src/import/html-markdown.ts';
import { detectScript } from '../../src/import/script.ts';
import { CORPUS, ROOT } from '../helpers/paths.ts';

const FIX = join(ROOT, 'test/fixtures/import');
const DOCX = join(FIX, 'statement.docx');
const TRAD = join(FIX, 'trad-2025-law.txt');

describe('a Word file', () => {
  const { markdown } = htmlToMarkdown(docxToHtml(DOCX).html);

  it('comes out as Markdown with its headings, emphasis, list, footnote and table', () => {
    const lines = markdown.split('\n');
    expect(lines[0]).toBe('# 中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明');
    expect(lines).toContain('## 一');
    // Bold that ends on a mark before a letter is written as HTML, which CommonMark reads as strong.
    expect(markdown).toContain('<strong>应俄罗斯联邦总统普京邀请，中华人民共和国主席习近平于2023年3月20日至22日对俄罗斯联邦进行国事访问。</strong>两国元首');
    expect(markdown).toContain('中华人民共和国和俄*罗斯联邦（以*下称');
    expect(markdown).toContain('- 以两国元首共识为引领，确保双边关系始终沿着正确方向前行。');
    expect(markdown).toContain('声明如下：[^1]');
    expect(markdown).toContain('[^1]: 新华社莫斯科3月21日电');
    expect(markdown).toContain('| 中华人民共和国主席 | 习近平 |\n| --- | --- |\n| 俄罗斯联邦总统 | 弗·弗·普京 |');
  });

  it('is Markdown a CommonMark parser reads back into those elements', () => {
    const html = new MarkdownIt({ html: true }).render(markdown);
    for (const el of ['<h1>', '<h2>', '<strong>', '<em>', '<ul>', '<li>']) expect(html).toContain(el);
  });

  it('is read by import as its text: title, section, paragraphs and list items, without the note', () => {
    const w = readWitness(DOCX, 'docx');
    const [doc] = w.docs;
    expect(doc.title?.text).toBe('中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明');
    expect(doc.body.filter((u) => u.type === 'heading').map((u) => u.type === 'heading' && u.numeral)).toEqual(['一']);
    const text = doc.body.map((u) => (u.type === 'para' ? u.text : '')).join('\n');
    expect(text).toContain('中华人民共和国和俄罗斯联邦（以下称“双方”），声明如下：\n');
    expect(text).not.toContain('新华社');
    expect(w.removed.find((r) => r.what === '脚注（不属正文）')?.count).toBe(1);
  });

  it('that is not a Word file is an error naming it', () => {
    expect(() => readWitness(TRAD, 'docx', { label: 'trad.docx' })).toThrow(/trad\.docx.*cannot convert the Word file/su);
  });
});

describe('a witness in Traditional characters', () => {
  it('is recognised as such; Simplified witnesses are not', () => {
    expect(detectScript(readFileSync(TRAD, 'utf8'))).toBe('hant');
    for (const f of ['000_bc26827d51292f16.txt', '002_26cc67a30f32e7ad.txt', '003_4a987bdc9f53ee26.txt']) {
      expect(detectScript(readFileSync(join(CORPUS, 'sources', f), 'utf8')), f).toBe('hans');
    }
  });
});

describe('import with a Word file and a Traditional repost among the witnesses', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wenji-sources-'));
  cpSync(CORPUS, join(dir, 'corpus'), { recursive: true });
  copyFileSync(DOCX, join(dir, 'corpus/sources/statement.docx'));
  copyFileSync(TRAD, join(dir, 'corpus/sources/trad-2025-law.txt'));
  const manifest = join(dir, 'corpus/sources.yaml');
  writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('\ndocuments:', `
  - file: statement.docx
    kind: docx
    authority: web
    medium: Word文档
    origin: 编者所得Word文档
    state: 节录
  - file: trad-2025-law.txt
    kind: text
    authority: web
    medium: 网络纯文本（繁体字）
    origin: 台湾网站转载
    state: 繁体字
\ndocuments:`));
  const files = importCorpus(join(dir, 'corpus'));
  const front = (id: string) => files.find((f) => f.front?.id === id)!.front!;

  it('collates the Word file with the 2023 statement, over the part it has', () => {
    const w = front('2023-03-21-deepening-partnership').witnesses.find((x) => x.file === 'statement.docx')!;
    expect(w).toMatchObject({ kind: 'docx', role: 'collated', reliable: true });
    expect(w.covers).not.toBe('全文');
  });

  it('reads the Traditional repost in Simplified: it agrees with the print, and the conversion is counted', () => {
    const law = front('2025-05-08-international-law');
    const w = law.witnesses.find((x) => x.file === 'trad-2025-law.txt')!;
    // What the converter leaves (於 read as a surname in 基於單獨) is recorded, and the print followed.
    expect(w).toMatchObject({ role: 'collated', reliable: true });
    expect(w.divergences).toBeLessThanOrEqual(2);
    expect(w.removed.find((r) => r.what.startsWith('繁体字'))!.count).toBeGreaterThan(500);
    const body = files.find((f) => f.path.endsWith('2025-05-08-international-law.md'))!.content;
    expect(body.split('---\n').at(-1)).toBe(readFileSync(join(CORPUS, '2025-05-08-international-law.md'), 'utf8').split('---\n').at(-1));
  });
});

describe('the edition\'s own house style', () => {
  it('sets numeric ranges with the mark corpus/sources.yaml names, and counts each change', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wenji-style-'));
    cpSync(CORPUS, join(dir, 'corpus'), { recursive: true });
    const manifest = join(dir, 'corpus/sources.yaml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('style:\n  range: —', 'style:\n  range: ～'));
    const files = importCorpus(join(dir, 'corpus'));
    const doc = files.find((f) => f.path.endsWith('2024-05-16-75th-anniversary.md'))!;
    expect(doc.content).toContain('高度评价2022～2023年中俄体育交流年成果');
    expect(doc.content.split('---\n').at(-1)).not.toMatch(/[0-9]{4}[—－-][0-9]{4}/u);
    expect(doc.front!.witnesses[0].removed.find((r) => r.what === '体例：数字起止连接号统一为“～”')?.count).toBe(3);
  });
});
