// The paper sizes an edition may ask for: apart from the edition file's schema, so that the
// command line can offer them without loading the schema library.
export const PAPER_SIZES = ['A5', 'A4', 'B5', '16K'] as const;
