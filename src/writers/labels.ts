// Words the writers print themselves (not from templates), in the book's language: Simplified
// and Traditional Chinese, Japanese and English. They are part of the font subset.
import { wordsOf, type Words } from '../model/language.ts';

export interface Labels {
  toc: string;
  landmarks: string;
  cover: string;
  bodymatter: string;
  coverAlt: string;
  noteBack: string;
  licence: string;
  pageList: string;
  apparatusEntry: string;
  taskDone: string;
  taskOpen: string;
  /** Joins a title and its subtitle in the e-book's one title. */
  subtitleJoin: string;
  /** The e-book's rights statement: the embedded typefaces ({families}) and where their licence is ({licence}). */
  rights: string;
  /** The PDF built from the same edition, named as the source of the e-book's page numbers ({title}, {file}). */
  printSource: string;
}

const ZH_HANS: Labels = {
  toc: '目录', landmarks: '导航', cover: '封面', bodymatter: '正文', coverAlt: '封面', noteBack: '返回',
  licence: '字体许可', pageList: '页码', apparatusEntry: '校勘记', taskDone: '已完成', taskOpen: '未完成',
  subtitleJoin: '：', rights: '字体 {families} 依 SIL Open Font License 1.1 嵌入，许可全文见书末“{licence}”。', printSource: '{title}，PDF 印本（{file}）',
};

const ZH_HANT: Labels = {
  toc: '目錄', landmarks: '導覽', cover: '封面', bodymatter: '正文', coverAlt: '封面', noteBack: '返回',
  licence: '字型授權', pageList: '頁碼', apparatusEntry: '校勘記', taskDone: '已完成', taskOpen: '未完成',
  subtitleJoin: '：', rights: '字型 {families} 依 SIL Open Font License 1.1 嵌入，授權全文見書末「{licence}」。', printSource: '{title}，PDF 印本（{file}）',
};

const JA: Labels = {
  toc: '目次', landmarks: 'ナビゲーション', cover: '表紙', bodymatter: '本文', coverAlt: '表紙', noteBack: '戻る',
  licence: 'フォントのライセンス', pageList: 'ページ', apparatusEntry: '校異', taskDone: '完了', taskOpen: '未完了',
  subtitleJoin: '：', rights: 'フォント {families} は SIL Open Font License 1.1 に基づき埋め込まれています。全文は巻末「{licence}」を参照。', printSource: '{title}、PDF 版（{file}）',
};

const EN: Labels = {
  toc: 'Contents', landmarks: 'Landmarks', cover: 'Cover', bodymatter: 'Start', coverAlt: 'Cover', noteBack: 'Back',
  licence: 'Font licences', pageList: 'Pages', apparatusEntry: 'Apparatus entry', taskDone: 'done', taskOpen: 'not done',
  subtitleJoin: ': ', rights: 'The typefaces {families} are embedded under the SIL Open Font License 1.1; its text is at the end of the book ("{licence}").', printSource: '{title}, PDF edition ({file})',
};

const BY_LANGUAGE: Record<Words, Labels> = { 'zh-Hans': ZH_HANS, 'zh-Hant': ZH_HANT, ja: JA, en: EN };

/** The labels of a language (a BCP 47 tag); Simplified Chinese for a language wenji has no words in. */
export function labelsFor(language: string): Labels {
  return BY_LANGUAGE[wordsOf(language) ?? 'zh-Hans'];
}

/** Fills a label's {names}. */
export function fill(label: string, values: Record<string, string>): string {
  return label.replace(/\{(\w+)\}/gu, (m, k: string) => values[k] ?? m);
}

/** Marks the writers set in every language: the list bullet, the contents' leader. */
export const MARKS = { bullet: '•', leader: '.' } as const;

/** Simplified Chinese, the default. */
export const LABELS = ZH_HANS;

/** Every character the writers may set on a page for a book in `language` (the metadata's sentences are not set). */
export function labelText(language: string): string {
  const { rights: _r, printSource: _p, subtitleJoin: _s, ...set } = labelsFor(language);
  return [...Object.values(set), ...Object.values(MARKS)].join('');
}

export const LABEL_TEXT = labelText('zh-Hans');
