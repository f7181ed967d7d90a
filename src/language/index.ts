// The document language: CommonMark + GitHub's extensions + our containers, parsed into the
// document model. One table of elements (elements.ts) is read by the parser, the linter and
// (through the model's node types) both writers.
export { parseMarkdown } from '../model/parse.ts';
export { headingSlug, SlugCounter } from './slug.ts';
