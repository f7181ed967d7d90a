// A balanced page tree for pdfkit. pdfkit puts every page in the Kids of the one Pages node; a
// reader that finds page n by walking that list (pdf.js does, for every page it opens) takes time
// in proportion to n, so reading a book of thousands of pages back took time growing with the
// square of its length. Here each page is moved, as it is added, into a Pages node of its own
// group of LEAF pages under the root, which keeps the walk short: about n/LEAF + LEAF steps.
import type PDFDocument from 'pdfkit';

const LEAF = 64;

interface Ref { data: Record<string, unknown>; end(): void }
type Doc = InstanceType<typeof PDFDocument> & { _root: { data: { Pages: Ref } }; page: { dictionary: Ref }; ref(data: Record<string, unknown>): Ref };

/** Groups the pages of `doc` from now on; call the returned function before `doc.end()`. */
export function balancePageTree(pdf: InstanceType<typeof PDFDocument>): () => void {
  const doc = pdf as Doc;
  const root = doc._root.data.Pages;
  let leaf: Ref | undefined;
  let kids: Ref[] = [];
  const close = () => {
    if (!leaf) return;
    leaf.data.Count = kids.length;
    leaf.end();
    leaf = undefined;
  };
  doc.on('pageAdded', () => {
    const rootKids = root.data.Kids as Ref[];
    const page = rootKids.pop()!;
    if (!leaf || kids.length === LEAF) {
      close();
      kids = [];
      leaf = doc.ref({ Type: 'Pages', Parent: root, Count: 0, Kids: kids });
      rootKids.push(leaf);
    }
    kids.push(page);
    page.data.Parent = leaf;
  });
  return close;
}
