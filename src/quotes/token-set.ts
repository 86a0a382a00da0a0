// A set of lower-case words asked about tokens of a Doc. Most tokens are
// rejected from their characters alone (a hash of their ASCII-folded form
// that no word of the set has), so they are never sliced and lower-cased.
import type { Doc } from "./doc.ts";

const HASH_BITS = 14;
/** A finished hash is the folded value masked to this. */
export const HASH_MASK = (1 << HASH_BITS) - 1;

/**
 * One more ASCII character `c` folded into hash `h`. Setting bit 0x20 maps A-Z
 * to a-z (and leaves a-z alone): a token and its lower-case form fold alike.
 */
export function foldChar(h: number, c: number): number {
  return (Math.imul(h, 31) + (c | 0x20)) | 0;
}

/** Hash of the ASCII word text[from, to) (a word of a set, or a Doc token), or -1 with a non-ASCII character. */
export function foldedHash(text: string, from: number, to: number): number {
  let h = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return -1;
    h = foldChar(h, c);
  }
  return h & HASH_MASK;
}

export class TokenSet<T = true> {
  /** One bit per hash value that some word of the set has. */
  private readonly hashes = new Uint32Array((HASH_MASK + 1) >> 5);
  private readonly maxLength: number;
  /** Every word is ASCII, so a token's folded hash decides absence. */
  private readonly plain: boolean;
  private readonly words: Map<string, T>;

  constructor(entries: Iterable<[string, T]>) {
    this.words = new Map(entries);
    let plain = true;
    let maxLength = 0;
    for (const word of this.words.keys()) {
      plain &&= /^[\0-\x7f]*$/.test(word);
      maxLength = Math.max(maxLength, word.length);
      if (plain) {
        const h = foldedHash(word, 0, word.length);
        this.hashes[h >> 5] |= 1 << (h & 31);
      }
    }
    this.plain = plain;
    this.maxLength = maxLength;
  }

  static of(words: Iterable<string>): TokenSet {
    return new TokenSet([...words].map((w): [string, true] => [w, true]));
  }

  /** The value stored for token `k`'s lower-case form (see Doc.lower), if any. */
  get(doc: Doc, k: number): T | undefined {
    if (k >= 0 && k < doc.size) {
      const start = doc.start[k];
      const end = doc.end[k];
      // Lower-casing never shortens a string.
      if (end - start > this.maxLength) return undefined;
      // An ASCII token lower-cases to its folded form; others take the slow path.
      if (this.plain) {
        const h = doc.hash[k];
        if (h >= 0 && !(this.hashes[h >> 5] & (1 << (h & 31)))) return undefined;
      }
    }
    return this.words.get(doc.lower(k));
  }

  /** Whether token `k`'s lower-case form is in the set. */
  has(doc: Doc, k: number): boolean {
    return this.get(doc, k) !== undefined;
  }
}
