// The markdown-it set-up of the document language: CommonMark, GitHub's extensions (tables,
// strikethrough, autolinks, task lists, footnotes) and one generic container rule for our
// semantic blocks (`::: role`). Raw HTML is tokenised so that the safe set can be rendered and
// everything else reported (html.ts); nothing here decides what a token means (elements.ts does).
import MarkdownIt from 'markdown-it';
import container from 'markdown-it-container';
import footnote from 'markdown-it-footnote';
// @ts-expect-error markdown-it-task-lists ships no types: a plugin function.
import taskLists from 'markdown-it-task-lists';

/** `::: role` or `::: role title` (the title form is other tools' admonition syntax). */
const ROLE = /^[A-Za-z][\w-]*(?:\s.*)?$/u;

function markdown() {
  const md = new MarkdownIt('commonmark', { html: true, linkify: true, typographer: false })
    .enable(['table', 'strikethrough', 'linkify'])
    .use(footnote)
    .use(taskLists, { enabled: false });
  // Autolinks of the GitHub kind (www.…, https://…); no e-mail or bare-domain guessing in Chinese text.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  md.use(container, 'div', { validate: (params: string) => ROLE.test(params.trim()) });
  return md;
}

export const md = markdown();
