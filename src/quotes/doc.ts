// The token view of an article that the attribution grammar walks: words and
// punctuation with their paragraph and sentence, and which quotation (if any)
// each token sits in. Built once per article in linear time.
import type { Span } from "../types.ts";
import type { QuotedSpan } from "./marks.ts";

export interface Token extends Span {
  text: string;
  lower: string;
  /** Starts with a letter or digit. */
  word: boolean;
  /** Starts with an upper-case letter. */
  cap: boolean;
  paragraph: number;
  sentence: number;
  /** Index of the quoted span this token is inside (marks excluded), or -1. */
  quote: number;
  /** The token is the opening or closing mark of a quoted span. */
  mark: boolean;
}

export interface Doc {
  text: string;
  tokens: Token[];
  quoted: QuotedSpan[];
  /** First token index of each quoted span's opening mark and last token of its closing mark (or last token inside). */
  openToken: number[];
  closeToken: number[];
  /** First token index of every paragraph. */
  paragraphStart: number[];
  /** First token index of every sentence (sentence ids are local to this doc). */
  sentenceStart: number[];
}

const TOKEN = /[\p{L}\p{N}]+(?:['’\-.&][\p{L}\p{N}]+)*|\S/gu;
const CAPITAL = /^\p{Lu}/u;
const WORDISH = /^[\p{L}\p{N}]/u;

/**
 * Tokenises `text`. Sentences come from `sentences` (the segment stage), but
 * a sentence boundary inside a quotation does not end the sentence that holds
 * the quotation: attribution looks across the whole quoted stretch.
 */
export function buildDoc(text: string, sentences: Span[], quoted: QuotedSpan[]): Doc {
  const tokens: Token[] = [];
  const openToken = new Array<number>(quoted.length).fill(-1);
  const closeToken = new Array<number>(quoted.length).fill(-1);
  const paragraphStart: number[] = [];
  const sentenceStart: number[] = [];
  let paragraph = -1;
  let lastEnd = 0;
  let sIdx = 0;
  let sentence = -1;
  let currentSentenceSpan = -1;
  let q = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    if (paragraph < 0 || (start > lastEnd + 1 && hasNewline(text, lastEnd, start)) || text.charCodeAt(lastEnd) === 10) {
      paragraph++;
      paragraphStart.push(tokens.length);
    }
    lastEnd = end;
    // Quote membership: advance past quotes that ended before this token.
    while (q < quoted.length && quoteEnd(quoted[q]) <= start && quoted[q].close !== start) q++;
    let inQuote = -1;
    let mark = false;
    if (q < quoted.length) {
      const qs = quoted[q];
      if (start === qs.open) openToken[q] = tokens.length;
      else if (start === qs.close) closeToken[q] = tokens.length;
      else if (start > qs.open && start < quoteEnd(qs)) inQuote = q;
      mark = start === qs.open || start === qs.close;
    }
    while (sIdx < sentences.length && sentences[sIdx].end <= start) sIdx++;
    const span = sIdx < sentences.length && sentences[sIdx].start <= start ? sIdx : -1;
    const newParagraph = paragraphStart[paragraphStart.length - 1] === tokens.length;
    if (newParagraph || (span !== currentSentenceSpan && inQuote < 0)) {
      sentence++;
      sentenceStart.push(tokens.length);
    }
    currentSentenceSpan = span;
    const t = m[0];
    // Single-character tokens are punctuation unless a letter or digit; longer ones are words.
    const word = t.length > 1 || WORDISH.test(t);
    const lower = word ? t.toLowerCase() : t;
    tokens.push({
      start, end, text: t, lower, word, cap: word && lower.charCodeAt(0) !== t.charCodeAt(0) && CAPITAL.test(t),
      paragraph, sentence, quote: inQuote, mark,
    });
  }
  for (let i = 0; i < quoted.length; i++) {
    if (closeToken[i] < 0) closeToken[i] = lastTokenBefore(tokens, quoteEnd(quoted[i]));
  }
  return { text, tokens, quoted, openToken, closeToken, paragraphStart, sentenceStart };
}

export const isMarkToken = (t: Token) => t.mark;

function hasNewline(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) return true;
  return false;
}

/** Offset just past the quoted words (the closing mark's offset when closed). */
function quoteEnd(q: QuotedSpan): number {
  return q.close >= 0 ? q.close : q.pieces[q.pieces.length - 1].end;
}

function lastTokenBefore(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}
