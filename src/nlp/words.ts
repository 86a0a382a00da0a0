// The article's word table, read by the word count, the quote grammar's
// tokens, the theme matcher and the keyphrase chunker: runs of letters and
// digits; an apostrophe followed by letters stays inside ("China's"); any other
// character separates words. Same words as /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu,
// scanned by hand because a regex match object per word cost more than the work on the word.
import { classOf, LETTER, NUMBER } from "./chars.ts";

/** The words of a text, as offsets, and lower-cased for lookups. */
export interface Words {
  count: number;
  /** Offsets into the text: word i is text.slice(starts[i], ends[i]). */
  starts: Int32Array;
  ends: Int32Array;
  /** The words lower-cased: word i is lower.slice(lowerStarts[i], lowerEnds[i]). */
  lower: string;
  lowerStarts: Int32Array;
  lowerEnds: Int32Array;
  /** Hash of each lower-cased word as SpanSet hashes it, taken while scanning. */
  hashes: Int32Array;
}

const WORD = LETTER | NUMBER;
/** ASCII classes, read inline by the scanning loop. */
const ASCII = new Uint16Array(0x80).map((_, c) => classOf(c));
const isSurrogateLead = (c: number) => c >= 0xd800 && c <= 0xdbff;

/** Class flags of the (non-ASCII) code point at i. */
const classAt = (text: string, i: number) => classOf(isSurrogateLead(text.charCodeAt(i)) ? text.codePointAt(i)! : text.charCodeAt(i));
/** Length in code units of the code point at i. */
const sizeAt = (text: string, i: number) => (isSurrogateLead(text.charCodeAt(i)) && text.codePointAt(i)! > 0xffff ? 2 : 1);

let lastText: string | undefined;
let lastWords: Words | undefined;
let lastLowerOf: string | undefined;
let lastLower = "";

/** text.toLowerCase(), kept for the last text: figures, themes and keyphrases all read the article lower-cased. */
export function lowerCaseOf(text: string): string {
  if (text !== lastLowerOf) {
    lastLower = text.toLowerCase();
    lastLowerOf = text;
  }
  return lastLower;
}

/**
 * The words of `text`. The segment, quote, theme and keyphrase stages read the
 * same article one after the other, so the last text's words are kept.
 */
export function wordsOf(text: string): Words {
  if (text === lastText && lastWords) return lastWords;
  // Lower-casing once per text is much cheaper than once per word. Lower-casing
  // keeps every character's letter/digit class (test/words.test.ts checks all
  // of Unicode), so when it keeps the length too, the words are scanned in the
  // lower-cased text itself, hashes included (and a fresh flat string scans
  // faster than the text, often a concatenation). The rare text whose length
  // changes ("İ") is scanned as written and lower-cased word by word.
  let lower = lowerCaseOf(text);
  if (lower.length === text.length) {
    const { starts, ends, hashes } = scan(lower);
    lastWords = { count: starts.length, starts, ends, lower, lowerStarts: starts, lowerEnds: ends, hashes };
  } else {
    const { starts, ends } = scan(text);
    const parts = Array.from(starts, (start, k) => text.slice(start, ends[k]).toLowerCase());
    lower = parts.join(" ");
    const lowerStarts = new Int32Array(parts.length);
    const lowerEnds = new Int32Array(parts.length);
    for (let k = 0, at = 0; k < parts.length; at += parts[k].length + 1, k++) {
      lowerStarts[k] = at;
      lowerEnds[k] = at + parts[k].length;
    }
    const hashes = Int32Array.from(parts, (part) => spanHash(part, 0, part.length));
    lastWords = { count: starts.length, starts, ends, lower, lowerStarts, lowerEnds, hashes };
  }
  lastText = text;
  return lastWords;
}

/** Word offsets in `s`, with the spanHash of each word's characters. */
function scan(s: string): { starts: Int32Array; ends: Int32Array; hashes: Int32Array } {
  // Sized for prose (6 characters a word, space included), doubled when a text is denser.
  let starts: Int32Array = new Int32Array(Math.ceil(s.length / 5) + 16);
  let ends: Int32Array = new Int32Array(starts.length);
  let hashes: Int32Array = new Int32Array(starts.length);
  let count = 0;
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (!(c < 0x80 ? ASCII[c] & WORD : classAt(s, i) & WORD)) {
      i += c < 0x80 ? 1 : sizeAt(s, i);
      continue;
    }
    const start = i;
    let hash = HASH_SEED;
    let classes = WORD;
    // Letters and digits, then apostrophe + letters groups.
    for (;;) {
      while (i < n) {
        const d = s.charCodeAt(i);
        const size = d < 0x80 ? 1 : sizeAt(s, i);
        if (!((d < 0x80 ? ASCII[d] : classAt(s, i)) & classes)) break;
        hash = mix(hash, d);
        if (size === 2) hash = mix(hash, s.charCodeAt(i + 1));
        i += size;
      }
      const d = s.charCodeAt(i);
      if (i + 1 >= n || (d !== 39 /* ' */ && d !== 0x2019 /* ’ */) || !(classAt(s, i + 1) & LETTER)) break;
      hash = mix(hash, d);
      i++;
      classes = LETTER;
    }
    if (count === starts.length) {
      starts = doubled(starts);
      ends = doubled(ends);
      hashes = doubled(hashes);
    }
    starts[count] = start;
    ends[count] = i;
    hashes[count++] = finish(hash);
  }
  return { starts: starts.subarray(0, count), ends: ends.subarray(0, count), hashes: hashes.subarray(0, count) };
}

/**
 * Index just past the words joined to word `w`: those that touch the one
 * before (a digit after "rock'n") or that one character `joins` accepts
 * parts from it. Scanners that keep "don't", "U.S" or "AT&T" whole read their
 * words from the table this way instead of scanning the text again.
 */
export function joinedEnd(words: Words, text: string, w: number, joins: (c: number) => boolean): number {
  let next = w + 1;
  for (; next < words.count; next++) {
    const gap = words.starts[next] - words.ends[next - 1];
    if (gap !== 0 && !(gap === 1 && joins(text.charCodeAt(words.ends[next - 1])))) break;
  }
  return next;
}

/**
 * Whether word i, lower-cased and without its last `cut` characters, is in
 * `set`: for a whole word only the hash taken while scanning is probed.
 */
export function wordIn(set: SpanSet, words: Words, i: number, cut = 0): boolean {
  const from = words.lowerStarts[i];
  const to = words.lowerEnds[i] - cut;
  return cut === 0 ? set.hasHashed(words.hashes[i], words.lower, from, to) : set.has(words.lower, from, to);
}

/**
 * A fixed set of words asked about by span (`source`, from, to) instead of by
 * string, so a scanner can reject or accept a word without slicing it out.
 * The words are kept end to end in one string, next to the slot table, so a
 * lookup touches little memory.
 */
export class SpanSet {
  private readonly slots: Int32Array;
  private readonly slotHashes: Int32Array;
  private readonly chars: string;
  /** Word k is chars.slice(offsets[k], offsets[k + 1]). */
  private readonly offsets: Int32Array;
  private readonly mask: number;

  constructor(words: Iterable<string>) {
    const unique = [...new Set(words)];
    this.chars = unique.join("");
    this.offsets = new Int32Array(unique.length + 1);
    for (const [k, w] of unique.entries()) this.offsets[k + 1] = this.offsets[k] + w.length;
    let size = 16;
    while (size < unique.length * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.slotHashes = new Int32Array(size);
    this.mask = size - 1;
    for (const [k, w] of unique.entries()) {
      const hash = spanHash(w, 0, w.length);
      let slot = hash & this.mask;
      while (this.slots[slot]) slot = (slot + 1) & this.mask;
      this.slots[slot] = k + 1;
      this.slotHashes[slot] = hash;
    }
  }

  has(source: string, from: number, to: number): boolean {
    return this.hasHashed(spanHash(source, from, to), source, from, to);
  }

  /** `has` for a span whose hash (spanHash) is known. */
  hasHashed(hash: number, source: string, from: number, to: number): boolean {
    for (let slot = hash & this.mask; this.slots[slot]; slot = (slot + 1) & this.mask) {
      if (this.slotHashes[slot] === hash && this.equals(this.slots[slot] - 1, source, from, to)) return true;
    }
    return false;
  }

  private equals(k: number, source: string, from: number, to: number): boolean {
    const start = this.offsets[k];
    if (this.offsets[k + 1] - start !== to - from) return false;
    for (let i = 0; i < to - from; i++) if (this.chars.charCodeAt(start + i) !== source.charCodeAt(from + i)) return false;
    return true;
  }
}

function doubled(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

// FNV-1a over UTF-16 code units, folded to a small integer.
const HASH_SEED = 0x811c9dc5 | 0;
const mix = (hash: number, code: number) => Math.imul(hash ^ code, 0x01000193);
const finish = (hash: number) => (hash ^ (hash >>> 15)) & 0x3fffffff;

function spanHash(s: string, from: number, to: number): number {
  let hash = HASH_SEED;
  for (let i = from; i < to; i++) hash = mix(hash, s.charCodeAt(i));
  return finish(hash);
}
