// Sentence segmentation shared by every analysis stage: computed once per
// article, as spans into the clean text. A line break always ends a sentence
// (clean text keeps one paragraph per line); inside a line, terminal
// punctuation ends one unless it closes an abbreviation or an initial.
import abbreviations from "../data/abbreviations.json" with { type: "json" };
import { isSpaceUnit } from "../clean/chars.ts";
import { classOf, LETTER, UPPER, WORD } from "./chars.ts";
import type { Span } from "../types.ts";

const NON_TERMINAL = new Set(abbreviations.nonTerminal);
const AMBIGUOUS = new Set(abbreviations.ambiguous);
const OPENERS = new Set(abbreviations.sentenceOpeners);

const isStopUnit = (code: number) => code === 46 || code === 33 || code === 63; // . ! ?
const isCloserUnit = (code: number) => code === 34 || code === 39 || code === 0x201d || code === 0x2019 || code === 41 || code === 93; // " ' ” ’ ) ]
const isOpenerUnit = (code: number) => code === 34 || code === 39 || code === 0x201c || code === 0x2018 || code === 40 || code === 91; // " ' “ ‘ ( [
const isBlankUnit = (code: number) => code === 32 || code === 9;

/** Offset after spaces or tabs and an optional opening quote or bracket, when at least one space or tab comes first; else -1. */
function afterGap(line: string, from: number): number {
  let i = from;
  while (isBlankUnit(line.charCodeAt(i))) i++;
  if (i === from) return -1;
  return isOpenerUnit(line.charCodeAt(i)) ? i + 1 : i;
}

/**
 * End of a candidate boundary starting at `start`: terminal punctuation, then
 * closing quotes or brackets, before a gap and something that can open a
 * sentence (capital or digit); -1 when what follows cannot open one.
 * (/[.!?]+["'”’)\]]*(?=[ \t]+["'“‘(\[]?[\p{Lu}\p{N}])/u, decided without backtracking.)
 */
function boundaryEnd(line: string, start: number): number {
  let end = start;
  while (isStopUnit(line.charCodeAt(end))) end++;
  while (isCloserUnit(line.charCodeAt(end))) end++;
  const next = afterGap(line, end);
  if (next < 0 || next >= line.length) return -1;
  const cls = classOf(line.codePointAt(next)!);
  return cls & UPPER || (cls & (WORD | LETTER)) === WORD ? end : -1;
}

/** Longest abbreviation looked at before a period, and the window after it read for the next word (UTF-16 units). */
const WORD_BEFORE_WINDOW = 24;
const NEXT_WORD_WINDOW = 40;

/** Start of the run of letters and periods ending at `end`, reaching back no further than `limit`. */
function lettersAndPeriodsStart(line: string, limit: number, end: number): number {
  let i = end;
  while (i > limit) {
    const code = line.charCodeAt(i - 1);
    if (code === 46) { i--; continue; }
    const astral = code >= 0xdc00 && code <= 0xdfff && i - 2 >= limit && line.charCodeAt(i - 2) >= 0xd800 && line.charCodeAt(i - 2) <= 0xdbff;
    const start = astral ? i - 2 : i - 1;
    if (!(classOf(line.codePointAt(start)!) & LETTER)) break;
    i = start;
  }
  return i;
}

/** The word after a boundary (letters after spaces and an optional opening quote, within a short window), or "". */
function nextWord(line: string, from: number): string {
  const limit = Math.min(line.length, from + NEXT_WORD_WINDOW);
  const start = afterGap(line, from);
  if (start < 0 || start >= limit) return "";
  let end = start;
  while (end < limit) {
    const cp = line.codePointAt(end)!;
    const size = cp > 0xffff ? 2 : 1;
    if (end + size > limit || !(classOf(cp) & LETTER)) break;
    end += size;
  }
  return line.slice(start, end);
}

function endsSentence(line: string, punctStart: number, punctEnd: number): boolean {
  if (line.charCodeAt(punctStart) !== 46) return true;
  // Look at the token that the period closes, within a short window (keeps this linear).
  const start = lettersAndPeriodsStart(line, Math.max(0, punctStart - WORD_BEFORE_WINDOW), punctStart);
  if (start === punctStart) return true;
  const written = line.slice(start, punctStart);
  const cp = written.codePointAt(0)!;
  if (written.length === (cp > 0xffff ? 2 : 1) && classOf(cp) & UPPER) return false; // an initial: "Makame M. Mbarawa"
  const word = written.toLowerCase();
  if (AMBIGUOUS.has(word)) {
    const next = nextWord(line, punctEnd);
    return next !== "" && OPENERS.has(next.toLowerCase());
  }
  if (NON_TERMINAL.has(word)) return false;
  return true;
}

// Terminal punctuation, found by a native scan (the characters between are not looked at one by one).
const STOPS = /[.!?]/g;

/** Sentence spans over `text`, trimmed of surrounding whitespace; empty lines yield none. */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    let from = 0;
    STOPS.lastIndex = 0;
    for (let m = STOPS.exec(line); m; m = STOPS.exec(line)) {
      const end = boundaryEnd(line, m.index);
      if (end < 0) {
        let i = m.index + 1;
        while (isStopUnit(line.charCodeAt(i))) i++;
        STOPS.lastIndex = i;
        continue;
      }
      if (endsSentence(line, m.index, end)) {
        pushTrimmed(spans, text, lineStart + from, lineStart + end);
        from = end;
      }
      STOPS.lastIndex = end;
    }
    pushTrimmed(spans, text, lineStart + from, lineEnd);
    lineStart = lineEnd + 1;
  }
  return spans;
}

function pushTrimmed(spans: Span[], text: string, start: number, end: number): void {
  while (start < end && isSpaceUnit(text.charCodeAt(start))) start++;
  while (end > start && isSpaceUnit(text.charCodeAt(end - 1))) end--;
  if (end > start) spans.push({ start, end });
}

/** Index of the sentence containing `offset` (binary search), or -1. */
export function sentenceAt(sentences: Span[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = sentences[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}
