// The token view of an article that the attribution grammar walks: words and
// punctuation with their paragraph and sentence, and which quotation (if any)
// each token sits in. Built once per article in linear time into typed arrays
// (one slot per token, no object per token), its words joined from the
// article's word table (src/nlp/words.ts, scanned once for several stages); a
// token's text and lower-case form are read only when the grammar asks.
import type { Span } from "../types.ts";
import { joinedEnd, wordsOf } from "../nlp/words.ts";
import { isCasedUpperAt, isSpaceCode, width } from "./chars.ts";
import type { QuotedSpan } from "./marks.ts";
import { foldedHash } from "./token-set.ts";

/** What joins two runs of letters and digits into one token: tokens read as `[\p{L}\p{N}]+(?:['’\-.&][\p{L}\p{N}]+)*|\S`. */
const isJoiner = (c: number) => c === 0x27 || c === 0x2019 || c === 0x2d || c === 0x2e || c === 0x26;

const WORD = 1;
const CAP = 2;
const MARK = 4;

/** Per-token columns while scanning, reused across articles (each Doc keeps exact-size copies). */
interface Columns {
  start: Int32Array;
  end: Int32Array;
  paragraph: Int32Array;
  sentence: Int32Array;
  quote: Int32Array;
  hash: Int32Array;
  flags: Uint8Array;
}
let scratch: Columns | null = null;

/** Scratch columns for up to `capacity` tokens. */
function columns(capacity: number): Columns {
  if (!scratch || scratch.start.length < capacity) {
    const size = Math.max(capacity, 2 * (scratch?.start.length ?? 0));
    scratch = {
      start: new Int32Array(size), end: new Int32Array(size), paragraph: new Int32Array(size), sentence: new Int32Array(size),
      quote: new Int32Array(size), hash: new Int32Array(size), flags: new Uint8Array(size),
    };
  }
  return scratch;
}

export class Doc {
  /** Number of tokens. */
  readonly size: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly paragraph: Int32Array;
  /** Sentence of each token (sentence ids are local to this doc). */
  readonly sentence: Int32Array;
  /** Index of the quoted span the token is inside (marks excluded), or -1. */
  readonly quote: Int32Array;
  /** Hash of each token's ASCII-folded form (see TokenSet), or -1 when it has a non-ASCII character. */
  readonly hash: Int32Array;
  /** First token index of each quoted span's opening mark and last token of its closing mark (or last token inside). */
  readonly openToken: number[];
  readonly closeToken: number[];
  /** First token index of every paragraph. */
  readonly paragraphStart: number[] = [];
  /** First token index of every sentence. */
  readonly sentenceStart: number[] = [];
  private readonly flags: Uint8Array;
  private readonly lowers: string[];
  /** `text` with every unit cut to its low byte: the same characters wherever the text is ASCII. */
  private readonly oneByte: string;

  /**
   * Tokenises `text`. Sentences come from `sentences` (the segment stage), but
   * a sentence boundary inside a quotation does not end the sentence that holds
   * the quotation: attribution looks across the whole quoted stretch.
   */
  constructor(readonly text: string, sentences: Span[], readonly quoted: QuotedSpan[]) {
    // Every token holds at least one character.
    const col = columns(text.length);
    const openToken = new Array<number>(quoted.length).fill(-1);
    const closeToken = new Array<number>(quoted.length).fill(-1);
    const { paragraphStart, sentenceStart } = this;
    let n = 0;
    let paragraph = -1;
    let newline = false;
    let sentence = -1;
    let currentSentenceSpan = -1;
    // The sentence span and the quoted span at or after the current token, with their bounds in locals.
    let sIdx = 0;
    let spanStart = sentences.length ? sentences[0].start : -1;
    let spanEnd = sentences.length ? sentences[0].end : -1;
    let q = 0;
    let qOpen = quoted.length ? quoted[0].open : -1;
    let qClose = quoted.length ? quoted[0].close : -1;
    let qEnd = quoted.length ? quoteEnd(quoted[0]) : -1;
    const words = wordsOf(text);
    let w = 0; // the first word of the table after the last token
    let i = 0;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (isSpaceCode(c)) {
        if (c === 10) newline = true;
        i++;
        continue;
      }
      const tokenStart = i;
      // A token that starts with a letter or digit starts a word of the table (which splits "AT&T" finer).
      const alnum = w < words.count && words.starts[w] === i;
      if (alnum) {
        w = joinedEnd(words, text, w, isJoiner);
        i = words.ends[w - 1];
      } else i += width(text, i);
      const newParagraph = paragraph < 0 || newline;
      if (newParagraph) {
        paragraph++;
        paragraphStart.push(n);
      }
      newline = false;
      // Quote membership: advance past quotes that ended before this token.
      while (q < quoted.length && qEnd <= tokenStart && qClose !== tokenStart) {
        if (++q < quoted.length) {
          qOpen = quoted[q].open;
          qClose = quoted[q].close;
          qEnd = quoteEnd(quoted[q]);
        }
      }
      let inQuote = -1;
      let mark = false;
      if (q < quoted.length) {
        if (tokenStart === qOpen) openToken[q] = n;
        else if (tokenStart === qClose) closeToken[q] = n;
        else if (tokenStart > qOpen && tokenStart < qEnd) inQuote = q;
        mark = tokenStart === qOpen || tokenStart === qClose;
      }
      while (sIdx < sentences.length && spanEnd <= tokenStart) {
        if (++sIdx < sentences.length) {
          spanStart = sentences[sIdx].start;
          spanEnd = sentences[sIdx].end;
        }
      }
      const span = sIdx < sentences.length && spanStart <= tokenStart ? sIdx : -1;
      if (newParagraph || (span !== currentSentenceSpan && inQuote < 0)) {
        sentence++;
        sentenceStart.push(n);
      }
      currentSentenceSpan = span;
      col.start[n] = tokenStart;
      col.end[n] = i;
      col.paragraph[n] = paragraph;
      col.sentence[n] = sentence;
      col.quote[n] = inQuote;
      col.hash[n] = foldedHash(text, tokenStart, i);
      // Single-unit tokens are punctuation unless a letter or digit; longer ones are words.
      const flags = alnum ? (isCasedUpperAt(text, tokenStart, i) ? WORD | CAP : WORD) : i - tokenStart > 1 ? WORD : 0;
      col.flags[n] = mark ? flags | MARK : flags;
      n++;
    }
    // Exact-size copies in one buffer: reads past the last token give undefined, as on an array.
    this.size = n;
    const store = new Int32Array(6 * n);
    const copy = (from: Int32Array, column: number) => {
      store.set(from.subarray(0, n), column * n);
      return store.subarray(column * n, (column + 1) * n);
    };
    this.start = copy(col.start, 0);
    this.end = copy(col.end, 1);
    this.paragraph = copy(col.paragraph, 2);
    this.sentence = copy(col.sentence, 3);
    this.quote = copy(col.quote, 4);
    this.hash = copy(col.hash, 5);
    this.flags = col.flags.slice(0, n);
    this.lowers = new Array<string>(n);
    this.oneByte = Buffer.from(text, "latin1").toString("latin1");
    for (let k = 0; k < quoted.length; k++) {
      if (closeToken[k] < 0) closeToken[k] = this.lastTokenBefore(quoteEnd(quoted[k]));
    }
    this.openToken = openToken;
    this.closeToken = closeToken;
  }

  /** Starts with a letter or digit (or is longer than one unit). */
  isWord(k: number): boolean {
    return (this.flags[k] & WORD) !== 0;
  }

  /** Starts with an upper-case letter. */
  isCap(k: number): boolean {
    return (this.flags[k] & CAP) !== 0;
  }

  /** The token is the opening or closing mark of a quoted span. */
  isMark(k: number): boolean {
    return (this.flags[k] & MARK) !== 0;
  }

  /** The token as written ("" past either end). */
  tokenText(k: number): string {
    if (k < 0 || k >= this.size) return "";
    // An ASCII token is cut from the one-byte copy: one-byte strings lower-case and hash much faster.
    return (this.hash[k] >= 0 ? this.oneByte : this.text).slice(this.start[k], this.end[k]);
  }

  /** The token in lower case (words only; punctuation as written; "" past either end). */
  lower(k: number): string {
    if (k < 0 || k >= this.size) return "";
    let lower = this.lowers[k];
    if (lower === undefined) {
      const t = this.tokenText(k);
      lower = this.flags[k] & WORD ? t.toLowerCase() : t;
      this.lowers[k] = lower;
    }
    return lower;
  }

  /** Whether token `k` is the one character `ch` (a punctuation mark). */
  is(k: number, ch: number): boolean {
    return this.end[k] - this.start[k] === 1 && this.text.charCodeAt(this.start[k]) === ch;
  }

  private lastTokenBefore(offset: number): number {
    let lo = 0;
    let hi = this.size - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.start[mid] < offset) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return best;
  }
}

/** Offset just past the quoted words (the closing mark's offset when closed). */
function quoteEnd(q: QuotedSpan): number {
  return q.close >= 0 ? q.close : q.pieces[q.pieces.length - 1].end;
}
