// The document language: CommonMark + GitHub's extensions + our containers, parsed into the
// document model. One table of elements (elements.ts) is read by the parser; each writer has one
// render function per node type of the model.
export { parseMarkdown, noteLabel, type ParseOptions } from './parse.ts';
export { CONTAINER_ROLES } from './elements.ts';
export { headingSlug, SlugCounter } from './slug.ts';
