// Properties of the document language on random input: it never throws, and the words of a
// document made of random constructs all come out, in order, in the text the writers must set.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diagnostics.ts';
import { parseMarkdown } from '../../src/language/index.ts';
import { readingText } from '../../src/model/types.ts';

const HAN = [...'天地玄黄宇宙洪荒日月盈昃辰宿列张寒来暑往秋收冬藏闰余成岁律吕调阳云腾致雨露结为霜'];
const word = fc.array(fc.constantFrom(...HAN), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
const latin = fc.stringMatching(/^[A-Za-z]{1,8}$/u);
const punct = fc.constantFrom('，', '。', '、', '；', '：', '！', '？', '“', '”', '《', '》', '（', '）', '——', '……', '');

/** A run of inline text built from words, and the words it must yield. */
const inline = fc.array(fc.tuple(fc.constantFrom('plain', 'em', 'strong', 'strike', 'code', 'link', 'sup', 'ruby', 'latin', 'note'), word, punct, latin), { minLength: 1, maxLength: 6 })
  .map((parts) => {
    const words: string[] = [];
    const md = parts.map(([kind, w, p, l]) => {
      words.push(w);
      switch (kind) {
        case 'em': return `*${w}*${p}`;
        case 'strong': return `**${w}**${p}`;
        case 'strike': return `~~${w}~~${p}`;
        case 'code': return `\`${w}\`${p}`;
        case 'link': return `[${w}](https://example.org/${l})${p}`;
        case 'sup': return `<sup>${w}</sup>${p}`;
        case 'ruby': return `<ruby>${w}<rt>${l}</rt></ruby>${p}`;
        case 'latin': return ` ${l} ${w}${p}`;
        case 'note': return `${w}[^n${l}]${p}`;
        default: return `${w}${p}`;
      }
    }).join('');
    return { md, words, notes: parts.filter(([k]) => k === 'note').map(([, , , l]) => `[^n${l}]: 注${l}`) };
  });

/** A block wrapping inline text. */
const block = fc.tuple(fc.constantFrom('para', 'heading', 'quote', 'list', 'ordered', 'task', 'table', 'code', 'verse', 'nested'), inline, fc.integer({ min: 1, max: 6 }))
  .map(([kind, { md, words, notes }, n]) => {
    const text = ((): string => {
      switch (kind) {
        case 'heading': return `${'#'.repeat(n)} ${md}`;
        case 'quote': return `> ${md}`;
        case 'list': return `- ${md}\n- ${md}`;
        case 'ordered': return `${n}. ${md}`;
        case 'task': return `- [${n % 2 ? 'x' : ' '}] ${md}`;
        case 'table': return `| 甲 | 乙 |\n|---|:-:|\n| ${md.replace(/\|/gu, '')} | 丙 |`;
        case 'code': return `\`\`\`\n${words.join(' ')}\n\`\`\``;
        case 'verse': return `${md}\\\n${md}`;
        case 'nested': return `- 项\n  > ${md}\n  > > ${md}`;
        default: return md;
      }
    })();
    return { text, words, notes: kind === 'code' ? [] : notes };
  });

describe('the document language on random input', () => {
  it('never throws, whatever the input', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom(...'*_`~[]()!#>|-:^\\<>/ \n\t1.天地', 'x') }), (s) => {
      const warnings: Diagnostic[] = [];
      parseMarkdown(s, { file: 'x.md', idPrefix: 'doc-x', warnings });
      for (const w of warnings) expect(w.line).toBeGreaterThan(0);
    }), { numRuns: 400 });
  });

  it('gives back every word of a document made of random constructs, in order', () => {
    fc.assert(fc.property(fc.array(block, { minLength: 1, maxLength: 8 }), (blocks) => {
      const source = [...blocks.map((b) => b.text), ...new Set(blocks.flatMap((b) => b.notes))].join('\n\n');
      const text = readingText(parseMarkdown(source, { file: 'x.md', idPrefix: 'doc-x' }));
      let from = 0;
      for (const w of blocks.flatMap((b) => b.words)) {
        const at = text.indexOf(w, from);
        expect(at, `${w} after ${from} in ${text}\n---\n${source}`).toBeGreaterThanOrEqual(0);
        from = at + w.length;
      }
    }), { numRuns: 300 });
  });
});
