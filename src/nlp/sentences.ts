// Sentence segmentation shared by every analysis stage: computed once per
// article, as spans into the clean text. A line break always ends a sentence
// (clean text keeps one paragraph per line); inside a line, terminal
// punctuation ends one unless it closes an abbreviation or an initial.
import abbreviations from "../data/abbreviations.json" with { type: "json" };
import type { Span } from "../types.ts";

const NON_TERMINAL = new Set(abbreviations.nonTerminal);
const AMBIGUOUS = new Set(abbreviations.ambiguous);
const OPENERS = new Set(abbreviations.sentenceOpeners);

// Terminal punctuation, optional closing quotes/brackets, whitespace, then
// something that can open a sentence (capital, digit, opening quote).
const BOUNDARY = /[.!?]+["'”’)\]]*(?=[ \t]+["'“‘(\[]?[\p{Lu}\p{N}])/gu;
const WORD_BEFORE = /([\p{L}.]+)\.$/u;
const NEXT_WORD = /^[ \t]+["'“‘(\[]?([\p{L}]+)/u;

function endsSentence(line: string, punctStart: number, punctEnd: number): boolean {
  if (line[punctStart] !== ".") return true;
  // Look at the token that the period closes, within a short window (keeps this linear).
  const before = WORD_BEFORE.exec(line.slice(Math.max(0, punctStart - 24), punctStart + 1));
  if (!before) return true;
  const word = before[1].toLowerCase();
  if (/^\p{Lu}$/u.test(before[1])) return false; // an initial: "Makame M. Mbarawa"
  if (AMBIGUOUS.has(word)) {
    const next = NEXT_WORD.exec(line.slice(punctEnd, punctEnd + 40));
    return !!next && OPENERS.has(next[1].toLowerCase());
  }
  if (NON_TERMINAL.has(word)) return false;
  return true;
}

/** Sentence spans over `text`, trimmed of surrounding whitespace; empty lines yield none. */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    let from = 0;
    BOUNDARY.lastIndex = 0;
    for (let m = BOUNDARY.exec(line); m; m = BOUNDARY.exec(line)) {
      const end = m.index + m[0].length;
      if (endsSentence(line, m.index, end)) {
        pushTrimmed(spans, text, lineStart + from, lineStart + end);
        from = end;
      }
    }
    pushTrimmed(spans, text, lineStart + from, lineEnd);
    lineStart = lineEnd + 1;
  }
  return spans;
}

function pushTrimmed(spans: Span[], text: string, start: number, end: number): void {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
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
