// Words the writers print themselves (not from templates). They are part of the font subset.
export const LABELS = {
  toc: '目录',
  landmarks: '导航',
  cover: '封面',
  bodymatter: '正文',
  coverAlt: '封面',
  noteBack: '返回',
  licence: '字体许可',
  pageList: '页码',
  bullet: '•',
  leader: '.',
  apparatusEntry: '校勘记',
} as const;

export const LABEL_TEXT = Object.values(LABELS).join('');
