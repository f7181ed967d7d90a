// The printed pages of a PDF (pagemap.ts) handed to the EPUB made at the same time, a part at a
// time as the PDF's writer lays them out. Apart from pagemap.ts, which the PDF's painter comes with.
import type { PrintedPage } from './pdf/pagemap.ts';

/**
 * The printed pages of a PDF as it is laid out, a part at a time in book order: for the EPUB
 * made at the same time, which sets each part's page markers as its pages come, and its
 * page-list once every part has come.
 */
export class PrintedFeed {
  private readonly parts = new Map<string, PrintedPage[]>();
  private readonly every: PrintedPage[] = [];
  private state: 'open' | 'done' | 'failed' = 'open';
  private waiting: (() => void)[] = [];

  /** A feed of pages already known, whole. */
  static of(pages: PrintedPage[]): PrintedFeed {
    const feed = new PrintedFeed();
    const byPart = new Map<string, PrintedPage[]>();
    for (const p of pages) byPart.set(p.part, [...(byPart.get(p.part) ?? []), p]);
    for (const [part, own] of byPart) feed.give(part, own);
    feed.end();
    return feed;
  }

  /** A part's pages, laid out. */
  give(part: string, pages: PrintedPage[]): void {
    this.parts.set(part, pages);
    for (const p of pages) this.every.push(p);
    this.wake();
  }

  /** Every part has been given. */
  end(): void {
    this.state = 'done';
    this.wake();
  }

  /** The PDF ended without giving every part (it failed): who waits lays the book out itself. */
  fail(): void {
    if (this.state !== 'open') return;
    this.state = 'failed';
    this.wake();
  }

  /** A part's pages once laid out (none if the PDF sets no page of it), or undefined if they will not come. */
  async part(id: string): Promise<PrintedPage[] | undefined> {
    while (!this.parts.has(id) && this.state === 'open') await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.parts.get(id) ?? (this.state === 'done' ? [] : undefined);
  }

  /** Every page in order, once the book is laid out, or undefined if they will not come. */
  async pages(): Promise<PrintedPage[] | undefined> {
    while (this.state === 'open') await new Promise<void>((resolve) => this.waiting.push(resolve));
    return this.state === 'done' ? this.every : undefined;
  }

  private wake(): void {
    for (const w of this.waiting.splice(0)) w();
  }
}
