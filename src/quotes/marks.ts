// Finds the spans of text inside double quotation marks, in one left-to-right
// pass over the marks (linear in the text). Straight marks alternate; curly
// marks are read by their shape and, when misused ("decision.“ However"), by
// which side touches a word. News convention for long quotes: a paragraph
// that leaves a quote open continues it in the next paragraph, which opens
// with a mark again; that whole run is one quotation.
import type { Span } from "../types.ts";

export interface QuotedSpan {
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark, or -1 when the quote ran to a paragraph end unclosed. */
  close: number;
  /** The quoted words, one trimmed piece per paragraph. */
  pieces: Span[];
}

const OPENING = new Set(["“", "„", "«"]);
const CLOSING = new Set(["”", "»"]);
const STRAIGHT = '"';
const isSpace = (ch: string | undefined) => ch === undefined || ch === " " || ch === "\t" || ch === "\n" || ch === "\r";

/** A mark that touches a word on its right and not on its left opens a quote. */
function leftFlanking(text: string, i: number): boolean {
  return !isSpace(text[i + 1]) && (i === 0 || isSpace(text[i - 1]) || "([{—–-/".includes(text[i - 1]));
}

/** A mark that touches a word on its left and space or punctuation on its right closes one. */
function rightFlanking(text: string, i: number): boolean {
  return i > 0 && !isSpace(text[i - 1]) && (isSpace(text[i + 1]) || ".,;:!?)]}—–-".includes(text[i + 1]));
}

function trimmed(text: string, start: number, end: number): Span | null {
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return end > start ? { start, end } : null;
}

const SINGLE_OPENING = new Set(["‘", "'"]);
const SINGLE_CLOSING = new Set(["’", "'"]);

/** Any quotation mark (a plain character class: the regex engine scans for it faster than a loop). */
const ANY_MARK = new RegExp(`[${[STRAIGHT, ...OPENING, ...CLOSING, ...SINGLE_OPENING, ...SINGLE_CLOSING].join("")}]`, "g");
const SINGLE_MARKS = new Set([...SINGLE_OPENING, ...SINGLE_CLOSING]);

/**
 * Quoted spans in `text`: double quotation marks everywhere, and single ones
 * (British style, ‘…’ or '…') in paragraphs that use no double marks, so an
 * apostrophe or a quote within a quote is never read as one.
 */
export function findQuotedSpans(text: string): QuotedSpan[] {
  const doubleMarks: number[] = [];
  const singleMarks: number[] = [];
  ANY_MARK.lastIndex = 0;
  for (let m = ANY_MARK.exec(text); m; m = ANY_MARK.exec(text)) (SINGLE_MARKS.has(m[0]) ? singleMarks : doubleMarks).push(m.index);
  const double = doubleQuotedSpans(text, doubleMarks);
  const single = singleMarks.length ? singleQuotedSpans(text, singleMarks, doubleMarks) : [];
  if (!single.length) return double;
  return [...double, ...single].sort((a, b) => a.open - b.open);
}

/** Spans between the double marks at offsets `marks` (in order). */
function doubleQuotedSpans(text: string, marks: number[]): QuotedSpan[] {
  const spans: QuotedSpan[] = [];
  let open = -1;
  let pieceStart = 0;
  // End of the paragraph holding pieceStart, cached so each mark costs O(1).
  let paragraphEnd = text.length;
  let pieces: Span[] = [];
  let newlineSearchedTo = -1;
  const startPiece = (at: number) => {
    pieceStart = at;
    // Search for the next line break only once we have passed the last one found.
    if (at > newlineSearchedTo) {
      const nl = text.indexOf("\n", at);
      newlineSearchedTo = nl < 0 ? text.length : nl;
    }
    paragraphEnd = newlineSearchedTo;
  };

  const finish = (close: number, end: number) => {
    const last = trimmed(text, pieceStart, end);
    if (last) pieces.push(last);
    if (pieces.length) spans.push({ open, close, pieces });
    open = -1;
    pieces = [];
  };

  let m = 0;
  while (m < marks.length) {
    const i = marks[m];
    if (open >= 0) {
      // Did the open quote cross a paragraph end before this mark?
      if (paragraphEnd < i) {
        let next = paragraphEnd;
        while (next < text.length && isSpace(text[next])) next++;
        const piece = trimmed(text, pieceStart, paragraphEnd);
        const nextParagraphEnd = text.indexOf("\n", next);
        const markInNextParagraph = nextParagraphEnd < 0 || i < nextParagraphEnd;
        if (next === i && (OPENING.has(text[i]) || text[i] === STRAIGHT)) {
          // The next paragraph re-opens the same quotation.
          if (piece) pieces.push(piece);
          startPiece(i + 1);
          m++;
          continue;
        }
        if (markInNextParagraph && next !== i && !CLOSING.has(text[i]) && text[i] !== STRAIGHT) {
          finish(-1, paragraphEnd);
          continue; // re-read this mark as an opening one
        }
        if (markInNextParagraph && rightFlanking(text, i)) {
          // The quote runs on into a paragraph that closes it.
          if (piece) pieces.push(piece);
          startPiece(next);
        } else {
          finish(-1, paragraphEnd);
          continue;
        }
      }
      const reopens = OPENING.has(text[i]) && leftFlanking(text, i) && !rightFlanking(text, i);
      if (reopens) {
        // An opening mark inside an open quote: the first one was never closed.
        finish(-1, i);
        continue;
      }
      finish(i, i);
      m++;
      continue;
    }
    if (CLOSING.has(text[i]) && !leftFlanking(text, i)) {
      m++; // a stray closing mark
      continue;
    }
    open = i;
    startPiece(i + 1);
    m++;
  }
  if (open >= 0) finish(-1, paragraphEnd);
  return spans;
}

const isLetter = (ch: string | undefined) => ch !== undefined && ch.toLowerCase() !== ch.toUpperCase();

/** A single mark opens at a word start: after space or an opening bracket, before a word. */
function singleOpens(text: string, i: number): boolean {
  return SINGLE_OPENING.has(text[i]) && leftFlanking(text, i) && !isSpace(text[i + 1]);
}

/**
 * A single mark closes after a word and before space or punctuation, unless it
 * is the apostrophe of a plural possessive (`the players’ union`).
 */
function singleCloses(text: string, i: number): boolean {
  if (!SINGLE_CLOSING.has(text[i]) || !rightFlanking(text, i)) return false;
  const possessive = (text[i - 1] === "s" || text[i - 1] === "S") && text[i + 1] === " " && isLetter(text[i + 2]) &&
    text[i + 2] === text[i + 2].toLowerCase();
  return !possessive;
}

/** Spans between the single marks at offsets `marks`, in paragraphs without any of the double marks `doubleMarks`. */
function singleQuotedSpans(text: string, marks: number[], doubleMarks: number[]): QuotedSpan[] {
  const spans: QuotedSpan[] = [];
  // A quote left open at a paragraph end, continued if the next paragraph opens with a mark.
  let carried: { open: number; pieces: Span[] } | null = null;
  let start = 0;
  let m = 0;
  let d = 0;
  while (start < text.length) {
    const nl = text.indexOf("\n", start);
    const end = nl < 0 ? text.length : nl;
    let first = start;
    while (first < end && isSpace(text[first])) first++;
    if (first === end) {
      start = end + 1;
      continue;
    }
    let open = -1;
    let pieces: Span[] = [];
    let pieceStart = 0;
    let i = first;
    if (carried && singleOpens(text, first)) {
      ({ open, pieces } = carried);
      pieceStart = first + 1;
      i = first + 1;
    }
    carried = null;
    while (d < doubleMarks.length && doubleMarks[d] < first) d++;
    const withDouble = d < doubleMarks.length && doubleMarks[d] < end;
    while (m < marks.length && marks[m] < i) m++;
    for (; m < marks.length && marks[m] < end && !withDouble; m++) {
      i = marks[m];
      if (open < 0) {
        if (singleOpens(text, i)) {
          open = i;
          pieceStart = i + 1;
          pieces = [];
        }
      } else if (singleCloses(text, i)) {
        const piece = trimmed(text, pieceStart, i);
        if (piece) pieces.push(piece);
        if (pieces.length) spans.push({ open, close: i, pieces });
        open = -1;
      }
    }
    if (open >= 0) {
      const piece = trimmed(text, pieceStart, end);
      carried = { open, pieces: piece ? [...pieces, piece] : pieces };
    }
    start = end + 1;
  }
  return spans;
}
