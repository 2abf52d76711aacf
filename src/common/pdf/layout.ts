// A small flowing-text layout on top of pdf-lib: text is measured with the embedded font,
// wrapped to a width (a word longer than the width is broken between letters), and laid
// out line by line down A4 pages, opening a new page whenever the next line would not
// fit. Nothing is ever clipped: every line is either drawn whole or moved to the next page.
import { rgb, type Color, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';

export const A4: [number, number] = [595.28, 841.89];
export const MARGIN = { top: 56, bottom: 56, left: 56, right: 56 };
export const CONTENT_WIDTH = A4[0] - MARGIN.left - MARGIN.right;

export const INK = rgb(0.08, 0.08, 0.1);
export const MUTED = rgb(0.38, 0.38, 0.42);
export const RULE = rgb(0.78, 0.78, 0.8);

export interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** A piece of text in one style; a paragraph is a list of spans. */
export interface Span {
  text: string;
  bold?: boolean;
  color?: Color;
}

/** One laid-out line: its runs, each drawable with a single drawText. */
export interface Line {
  runs: { text: string; font: PDFFont; color: Color }[];
}

/** A wrapped line with the size it is drawn at and the height it takes. */
export interface SizedLine {
  line: Line;
  size: number;
  height: number;
}

export const lineHeight = (size: number) => size * 1.38;

/**
 * Control characters other than line breaks cannot be drawn and would garble extraction;
 * tabs become spaces and every kind of line break becomes '\n'.
 */
export function cleanText(text: string): string {
  return (
    text
      .replace(/\r\n?|[\u2028\u2029\u0085]/g, '\n')
      .replace(/\t/g, ' ')
      // eslint-disable-next-line no-control-regex -- removing control characters is the point
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '')
  );
}

interface Token {
  text: string;
  font: PDFFont;
  color: Color;
  /** A space separates it from the token before, on the same line. */
  spaced: boolean;
  /** It starts a new line (a '\n' in the text). */
  hardBreak: boolean;
}

/** Measures text with the embedded fonts, remembering each word's width. */
export class Measurer {
  readonly #cache = new Map<PDFFont, Map<string, number>>();

  width(text: string, font: PDFFont, size: number): number {
    let widths = this.#cache.get(font);
    if (!widths) {
      widths = new Map();
      this.#cache.set(font, widths);
    }
    let at1000 = widths.get(text);
    if (at1000 === undefined) {
      at1000 = font.widthOfTextAtSize(text, 1000);
      widths.set(text, at1000);
    }
    return (at1000 * size) / 1000;
  }
}

function tokenize(spans: Span[], fonts: Fonts): Token[] {
  const tokens: Token[] = [];
  let spaceBefore = false;
  let breakBefore = false;
  for (const span of spans) {
    const font = span.bold ? fonts.bold : fonts.regular;
    const color = span.color ?? INK;
    // Split on spaces and line breaks, keeping them as separators.
    for (const piece of cleanText(span.text).split(/([^\S\n]+|\n)/)) {
      if (piece === '') continue;
      if (piece === '\n') {
        if (breakBefore) tokens.push({ text: '', font, color, spaced: false, hardBreak: true });
        breakBefore = true;
        spaceBefore = false;
      } else if (/^[^\S\n]+$/.test(piece)) {
        spaceBefore = true;
      } else {
        tokens.push({ text: piece, font, color, spaced: spaceBefore, hardBreak: breakBefore });
        spaceBefore = false;
        breakBefore = false;
      }
    }
  }
  return tokens;
}

/** Cuts a word wider than `maxWidth` into pieces that fit, between letters. */
function splitLongWord(token: Token, size: number, maxWidth: number, measure: Measurer): Token[] {
  const pieces: Token[] = [];
  let current = '';
  for (const char of Array.from(token.text)) {
    if (current !== '' && measure.width(current + char, token.font, size) > maxWidth) {
      pieces.push({ ...token, text: current, spaced: pieces.length === 0 && token.spaced });
      current = '';
    }
    current += char;
  }
  if (current !== '')
    pieces.push({ ...token, text: current, spaced: pieces.length === 0 && token.spaced });
  return pieces.map((piece, i) => (i === 0 ? piece : { ...piece, hardBreak: false }));
}

/**
 * Lays `spans` out as lines no wider than `maxWidth` at `size`, measured with the fonts
 * the text is drawn in. Always returns at least one line (an empty one for no text).
 */
export function wrap(
  spans: Span[],
  fonts: Fonts,
  size: number,
  maxWidth: number,
  measure: Measurer,
): Line[] {
  const lines: Line[] = [];
  let runs: Line['runs'] = [];
  let width = 0;
  const flush = () => {
    lines.push({ runs });
    runs = [];
    width = 0;
  };
  const append = (token: Token, withSpace: boolean) => {
    const last = runs.at(-1);
    const text = withSpace ? ` ${token.text}` : token.text;
    if (last && last.font === token.font && last.color === token.color) last.text += text;
    else runs.push({ text, font: token.font, color: token.color });
  };

  for (const whole of tokenize(spans, fonts)) {
    if (whole.hardBreak && (runs.length > 0 || lines.length > 0 || whole.text === '')) flush();
    if (whole.text === '') continue;
    const fitsAlone = measure.width(whole.text, whole.font, size) <= maxWidth;
    const parts = fitsAlone ? [whole] : splitLongWord(whole, size, maxWidth, measure);
    for (const token of parts) {
      const wordWidth = measure.width(token.text, token.font, size);
      const withSpace = runs.length > 0 && token.spaced;
      const spaceWidth = withSpace ? measure.width(' ', token.font, size) : 0;
      if (runs.length > 0 && width + spaceWidth + wordWidth > maxWidth) {
        flush();
        append(token, false);
        width = wordWidth;
      } else {
        append(token, withSpace);
        width += spaceWidth + wordWidth;
      }
    }
  }
  if (runs.length > 0 || lines.length === 0) flush();
  return lines;
}

/** Writes lines down the pages, adding a page when the next line would not fit. */
export class PageFlow {
  readonly doc: PDFDocument;
  readonly fonts: Fonts;
  readonly measure = new Measurer();
  readonly pages: PDFPage[] = [];
  /** Top of the next line, in PDF points from the bottom of the page. */
  y = 0;
  /** Called on every new page after the first, e.g. to repeat a table's header. */
  onNewPage: (() => void) | undefined;
  #page: PDFPage | undefined;

  constructor(doc: PDFDocument, fonts: Fonts) {
    this.doc = doc;
    this.fonts = fonts;
    this.addPage();
  }

  get page(): PDFPage {
    if (!this.#page) throw new Error('no page');
    return this.#page;
  }

  addPage(): void {
    this.#page = this.doc.addPage(A4);
    this.pages.push(this.#page);
    this.y = A4[1] - MARGIN.top;
    if (this.pages.length > 1) this.onNewPage?.();
  }

  /** Starts a new page unless `height` still fits on this one. */
  ensure(height: number): void {
    if (this.y - height < MARGIN.bottom) this.addPage();
  }

  gap(height: number): void {
    this.y -= height;
  }

  wrap(spans: Span[], size: number, width: number): SizedLine[] {
    return wrap(spans, this.fonts, size, width, this.measure).map((line) => ({
      line,
      size,
      height: lineHeight(size),
    }));
  }

  /** Draws `line` with its top at the current position, `x` from the page's left edge. */
  drawLine({ line, size }: SizedLine, x: number): void {
    let cursor = x;
    const baseline = this.y - size;
    for (const run of line.runs) {
      this.page.drawText(run.text, {
        x: cursor,
        y: baseline,
        size,
        font: run.font,
        color: run.color,
      });
      cursor += this.measure.width(run.text, run.font, size);
    }
  }

  /** A wrapped paragraph across the content width, less `indent`. */
  paragraph(spans: Span[], size: number, options: { indent?: number; after?: number } = {}): void {
    const indent = options.indent ?? 0;
    for (const sized of this.wrap(spans, size, CONTENT_WIDTH - indent)) {
      this.ensure(sized.height);
      this.drawLine(sized, MARGIN.left + indent);
      this.y -= sized.height;
    }
    this.gap(options.after ?? 0);
  }

  /**
   * Two columns drawn line by line in step, so a long row continues on the next page
   * instead of being cut. `keep` lines at least stay together on one page.
   */
  columns(left: SizedLine[], right: SizedLine[], rightX: number, keep = 3): void {
    const rows = Math.max(left.length, right.length);
    const heightOf = (i: number) => Math.max(left[i]?.height ?? 0, right[i]?.height ?? 0);
    let head = 0;
    for (let i = 0; i < Math.min(rows, keep); i++) head += heightOf(i);
    this.ensure(head);
    for (let i = 0; i < rows; i++) {
      const height = heightOf(i);
      this.ensure(height);
      const l = left[i];
      const r = right[i];
      if (l) this.drawLine(l, MARGIN.left);
      if (r) this.drawLine(r, rightX);
      this.y -= height;
    }
  }

  rule(color: Color = RULE): void {
    this.page.drawLine({
      start: { x: MARGIN.left, y: this.y },
      end: { x: A4[0] - MARGIN.right, y: this.y },
      thickness: 0.5,
      color,
    });
  }
}

/** Type sizes of Qorgan's printed documents: the case file and the evidence package summary. */
export const TYPE_SIZE = { title: 18, subtitle: 13, heading: 13, body: 10, small: 8.5 };
/** How far a field sits in from its section. */
export const INDENT = 12;

/** "Label: value", wrapped, indented; nothing when the value is empty. */
export function labelledParagraph(
  flow: PageFlow,
  label: string,
  value: string | null | undefined,
  indent = INDENT,
): void {
  if (value === null || value === undefined || value.trim() === '') return;
  flow.paragraph(
    [{ text: `${label}: `, bold: true, color: MUTED }, { text: value }],
    TYPE_SIZE.body,
    { indent },
  );
}

/** A section's heading with a rule under it. */
export function sectionHeading(flow: PageFlow, text: string): void {
  flow.gap(14);
  // A heading never ends a page alone: keep room for it and two lines below.
  flow.ensure(TYPE_SIZE.heading * 1.4 + 6 + 2 * lineHeight(TYPE_SIZE.body));
  flow.paragraph([{ text, bold: true }], TYPE_SIZE.heading, { after: 3 });
  flow.rule();
  flow.gap(6);
}
