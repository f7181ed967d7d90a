// Writes test/fixtures/import/statement.docx (run by hand: npx tsx test/import/unseen/make-docx.ts):
// a small Word file made from the corpus text of the 2023 statement, as an editor might bring it:
// a title and a section heading in Word's heading styles, paragraphs with bold and italic runs, a
// bulleted list of the "——" items, a footnote, and a table of the signatories. A .docx is a zip
// of XML parts; this writes the few parts Word and mammoth need.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { loadCorpus } from '../../../src/corpus/load.ts';
import { CORPUS, ROOT } from '../../helpers/paths.ts';

const doc = loadCorpus(CORPUS).find((d) => d.front.id === '2023-03-21-deepening-partnership')!;
const units = doc.body.split('\n').filter((l) => l.trim());
const after = (heading: string) => units[units.indexOf(heading) + 1];
const items = units.filter((u) => u.startsWith('——')).slice(0, 3).map((u) => u.slice(2));

const x = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;');
const run = (t: string, props = '') => `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${x(t)}</w:t></w:r>`;
const para = (runs: string, style?: string, numbered = false) =>
  `<w:p><w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}${numbered ? '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>' : ''}</w:pPr>${runs}</w:p>`;
const cell = (t: string) => `<w:tc><w:p>${run(t)}</w:p></w:tc>`;

const [first, second] = [units[0], units[1]];
const cut = first.indexOf('。') + 1;
const body = [
  para(run(doc.front.title), 'Heading1'),
  // The first sentence in bold, a phrase of the second paragraph in italics, a footnote after it.
  para(run(first.slice(0, cut), '<w:b/>') + run(first.slice(cut))),
  para(run(second.slice(0, 9)) + run(second.slice(9, 15), '<w:i/>') + run(second.slice(15))
    + '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'),
  para(run('一'), 'Heading2'),
  para(run(after('## 一'))),
  ...items.map((t) => para(run(t), undefined, true)),
  `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>${doc.front.signatories.map((s) => `<w:tr>${cell(s.office)}${cell(s.name)}</w:tr>`).join('')}</w:tbl>`,
].join('');

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const zip = new JSZip();
zip.file('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>`);
zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
zip.file('word/_rels/document.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>`);
zip.file('word/document.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`);
zip.file('word/styles.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${W}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style><w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/></w:style></w:styles>`);
zip.file('word/numbering.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="—"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`);
zip.file('word/footnotes.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes ${W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p>${run(doc.front.dateline!)}</w:p></w:footnote></w:footnotes>`);

const out = join(ROOT, 'test/fixtures/import/statement.docx');
// A fixed date for every entry, so that the file is the same each time it is made.
zip.forEach((_, f) => { f.date = new Date('2025-01-01T00:00:00Z'); });
writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
console.log(`written ${out}`);
