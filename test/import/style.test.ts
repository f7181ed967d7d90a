import { describe, expect, it } from 'vitest';
import { applyStyle } from '../../src/import/style.ts';
import { pairDiagnostics, unbalancedPairs } from '../../src/cjk/brackets.ts';

describe('house style (GB/T 15834-2011 by default)', () => {
  it('joins the ends of a numeric range with the 一字线, whatever mark the witness used', () => {
    for (const mark of ['-', '－', '–', '—', '～', '~', '―']) {
      expect(applyStyle(`评价2022${mark}2023年中俄`).text).toBe('评价2022—2023年中俄');
    }
    expect(applyStyle('评价2022-2023年').changes).toEqual([{ what: '数字起止连接号统一为“—”', example: '评价2022-2023年' }]);
    expect(applyStyle('评价2022—2023年').changes).toEqual([]);
  });
  it('follows the edition\'s own choice of range mark', () => {
    expect(applyStyle('评价2022－2023年', { range: '～' }).text).toBe('评价2022～2023年');
  });
  it('leaves dates, model numbers, decimals and Latin text alone', () => {
    for (const t of ['于2023-03-21签署', '苏-57战机', 'COVID-19疫情', '增长3.5-4.0个百分点', 'pages 10-12 of the report', '昆明－蒙特利尔全球生物多样性框架']) {
      expect(applyStyle(t).text, t).toBe(t);
    }
  });
  it('makes dashes ——, ellipses …… and letters and digits half-width', () => {
    expect(applyStyle('双方将--以两国元首共识为引领').text).toBe('双方将——以两国元首共识为引领');
    expect(applyStyle('－－根据《纲要》').text).toBe('——根据《纲要》');
    expect(applyStyle('能源、交通...等领域').text).toBe('能源、交通……等领域');
    expect(applyStyle('能源、交通…等领域').text).toBe('能源、交通……等领域');
    expect(applyStyle('能源、交通……等领域').changes).toEqual([]);
    expect(applyStyle('在５Ｇ领域增长２０％').text).toBe('在5G领域增长20%');
  });
});

describe('unbalancedPairs', () => {
  it('finds a pair left open and one closed without opening, with line and column', () => {
    const body = '甲段《乙（丙）丁\n\n戊己》庚。\n\n## 二\n\n“好”（坏\n';
    expect(unbalancedPairs(body).map(({ line, column, mark, kind }) => ({ line, column, mark, kind }))).toEqual([
      { line: 1, column: 3, mark: '《', kind: 'unclosed' },
      { line: 3, column: 3, mark: '》', kind: 'unopened' },
      { line: 7, column: 4, mark: '（', kind: 'unclosed' },
    ]);
  });
  it('reports a crossing pair at the mark left inside', () => {
    expect(unbalancedPairs('《甲（乙》丙）').map((p) => [p.column, p.mark, p.kind])).toEqual([[3, '（', 'unclosed'], [7, '）', 'unopened']]);
  });
  it('accepts nested and balanced pairs across lines of one paragraph', () => {
    expect(unbalancedPairs('《关于〈条约〉的“声明”》（草案）\n「甲」〔乙〕')).toEqual([]);
  });
});

describe('pairDiagnostics, the corpus lint', () => {
  it('places each problem in the file, with the mark and its words', () => {
    const d = pairDiagnostics({ file: 'corpus/x.md', bodyLine: 10, body: '甲。\n\n加快协商《中俄船只在黑瞎子岛地区\n\n周围水域航行的政府间协定》文本。\n' });
    expect(d.map(({ file, line, column, code }) => ({ file, line, column, code }))).toEqual([
      { file: 'corpus/x.md', line: 12, column: 5, code: 'pairs-unbalanced' },
      { file: 'corpus/x.md', line: 14, column: 13, code: 'pairs-unbalanced' },
    ]);
    expect(d[0].message).toContain('《 is not closed');
  });
});
