import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { phrases } from '../../src/cjk/phrases.ts';

describe('phrases of a display line', () => {
  it('keeps compounds, numbers with their units and short bracketed ranges whole', () => {
    expect(phrases('中华人民共和国和俄罗斯联邦关于深化新时代全面战略协作伙伴关系的联合声明（2023—2025）')).toEqual(
      ['中华人民共和国', '和俄罗斯联邦', '关于', '深化', '新时代', '全面', '战略', '协作', '伙伴关系的', '联合声明', '（2023—2025）'],
    );
    expect(phrases('联合国成立80周年')).toEqual(['联合国', '成立', '80周年']);
    expect(phrases('二〇二五年五月八日于莫斯科')).toEqual(['二〇二五年', '五月', '八日', '于莫斯科']);
    expect(phrases('Node.js 20 安装指南')).toEqual(['Node.js', ' ', '20', ' ', '安装', '指南']);
  });

  it('keeps a one-character word with a neighbour: a suffix with the word before, anything else with the word after', () => {
    expect(phrases('在两国建交75周年之际')).toEqual(['在两国', '建交', '75周年', '之际']);
    expect(phrases('中俄联合声明集')).toEqual(['中俄', '联合声明集']);
    expect(phrases('床前明月光疑是地上霜')).toEqual(['床前', '明月光', '疑是', '地上霜']);
  });

  it('puts opening marks with what follows and closing marks with what precedes', () => {
    expect(phrases('“一带一路”倡议，《联合国宪章》的宗旨——和平。')).toEqual(['“一带一路”', '倡议，', '《联合国宪章》', '的', '宗旨——', '和平。']);
  });

  it('gives the text back whole, for any text', () => {
    const chars = fc.constantFrom(...'中俄关于深化新时代全面战略协作伙伴关系的联合声明二〇二五年月日（）《》“”，。、——……0123456789 abcXYZ.-'.split(''));
    fc.assert(fc.property(fc.array(chars, { maxLength: 60 }).map((a) => a.join('')), (text) => {
      const p = phrases(text);
      expect(p.join('')).toBe(text);
      expect(p.every((x) => x.length > 0)).toBe(true);
    }), { numRuns: 300 });
  });
});
