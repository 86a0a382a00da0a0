// Calendar dates written in news text: ISO and numeric timestamps, month-name
// dates in either order, month + year, and a bare month whose year is stated
// elsewhere in the same sentence. One alternation regex scans each text once.
import vocab from "../data/dates.json" with { type: "json" };

const MONTHS = new Map<string, number>(Object.entries(vocab.months));
const WEEKDAYS = new Set(vocab.weekdays);
const TIMESTAMP_WORDS = new Set(vocab.timestampWords);
const MONTH_CONTEXT = new Set(vocab.monthContext);
const STAMP_LABELS = vocab.stampLabels.map((l) => ` ${l} `);

export type Granularity = "day" | "month" | "year";

export interface FoundDate {
  year: number;
  month: number;
  day: number;
  granularity: Granularity;
  /** Written with a clock time or as numbers only ("2018-11-09 11:11:21"). */
  timestamp: boolean;
  index: number;
}

const MONTH_ALT = [...MONTHS.keys()].sort((a, b) => b.length - a.length).join("|");
const M = `(${MONTH_ALT})\\.?`;
const DAY = `(\\d{1,2})(?:st|nd|rd|th)?`;
const YEAR = `(\\d{4})`;
const TIME = `(?:[ T,]+\\d{1,2}:\\d{2}(?::\\d{2})?)?`;
// Each alternative is a fixed sequence of bounded pieces, so the scan is linear.
const DATE_RE = new RegExp(
  [
    `\\b${YEAR}-(\\d{1,2})-(\\d{1,2})${TIME}(?!\\d)`, // 2018-11-09 11:11:21
    `\\b${YEAR}/(\\d{1,2})/(\\d{1,2})(?!\\d)`, // 2018/11/09
    `\\b(\\d{1,2})[/.](\\d{1,2})[/.]${YEAR}(?!\\d)`, // 09/11/2018 (order decided below)
    `\\b${M}\\s+${DAY}(?:\\s*[-–]\\s*\\d{1,2})?,?\\s+${YEAR}(?!\\d)`, // Nov. 19, 2014
    `\\b${DAY}\\s+${M},?\\s+${YEAR}(?!\\d)`, // 19 November 2014
    `\\b${M},?\\s+${YEAR}(?!\\d)`, // November 2014
  ].join("|"),
  "gi",
);
const HAS_TIME = /\d{1,2}:\d{2}/;
const HAS_DIGIT = /\d/;

function valid(y: number, m: number, d: number): boolean {
  return y >= 1900 && y <= 2100 && m >= 0 && m <= 12 && d >= 0 && d <= 31 && (d === 0 || m > 0);
}

function make(y: number, m: number, d: number, index: number, timestamp: boolean): FoundDate | null {
  if (!valid(y, m, d)) return null;
  const granularity: Granularity = d ? "day" : m ? "month" : "year";
  return { year: y, month: m, day: d, granularity, timestamp, index };
}

/** Every full or month-level date in `text`, in order. Year ranges ("1999-2018") are not dates. */
export function findDates(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  // Every date form has digits: most lines and sentences are passed over by one native scan.
  if (!HAS_DIGIT.test(text)) return out;
  DATE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DATE_RE.exec(text))) {
    const g = m.slice(1).map((x) => x ?? "");
    const at = m.index;
    let d: FoundDate | null = null;
    if (g[0]) d = make(+g[0], +g[1], +g[2], at, true);
    else if (g[3]) d = make(+g[3], +g[4], +g[5], at, true);
    else if (g[6]) {
      const a = +g[6], b = +g[7], y = +g[8];
      // Day-first or month-first: decidable only when one part exceeds 12.
      if (a > 12) d = make(y, b, a, at, true);
      else if (b > 12) d = make(y, a, b, at, true);
      else if (a === b) d = make(y, a, a, at, true);
      else d = make(y, 0, 0, at, true);
    } else if (g[9]) d = make(+g[11], MONTHS.get(g[9].toLowerCase()) ?? 0, +g[10], at, false);
    else if (g[12]) d = make(+g[14], MONTHS.get(g[13].toLowerCase()) ?? 0, +g[12], at, false);
    else if (g[15]) d = make(+g[16], MONTHS.get(g[15].toLowerCase()) ?? 0, 0, at, false);
    const monthName = g[9] || g[13] || g[15];
    // Month names are capitalised in English; "may" and "march" in lower case are verbs.
    if (monthName && monthName[0] === monthName[0].toLowerCase()) d = null;
    if (d) {
      if (HAS_TIME.test(m[0])) d.timestamp = true;
      out.push(d);
    }
  }
  return out;
}

const YEAR_RE = /(?<![\d\-–/.©])(19\d\d|20\d\d)(?![\d\-–/])/g;
const MONTH_WORD_RE = new RegExp(`\\b(?:(${MONTH_ALT})\\.?\\s+(\\d{1,2})(?!\\d)|(\\w+)\\s+(${MONTH_ALT})\\b)`, "gi");

/**
 * A month named in a sentence whose year is stated elsewhere in it
 * ("The 2023 … Summit kicked off … on Nov. 8"): month granularity.
 * A bare month counts only with a day number or after a preposition ("in May").
 */
export function monthWithYearInSentence(sentence: string): FoundDate | null {
  YEAR_RE.lastIndex = 0;
  const year = YEAR_RE.exec(sentence);
  if (!year) return null;
  MONTH_WORD_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MONTH_WORD_RE.exec(sentence))) {
    const written = m[1] ?? m[4];
    if (written[0] === written[0].toLowerCase()) continue; // "may", "march": verbs
    if (!m[1] && !MONTH_CONTEXT.has(m[3].toLowerCase())) continue;
    const name = written.toLowerCase();
    const month = MONTHS.get(name) ?? 0;
    return make(+year[1], month, 0, m.index, false);
  }
  return null;
}

export function toIso(d: FoundDate, granularity: Granularity = d.granularity): string {
  const p = (n: number) => String(n).padStart(2, "0");
  if (granularity === "year" || !d.month) return String(d.year);
  if (granularity === "month" || !d.day) return `${d.year}-${p(d.month)}`;
  return `${d.year}-${p(d.month)}-${p(d.day)}`;
}

/** A word that can stand in a dateline or timestamp besides the date itself. */
/** A zone written as an offset ("GMT+8", "UTC-05:00"). */
const UTC_OFFSET = /^(?:gmt|utc)[+-]\d{1,2}(?::?\d\d)?$/;

export function isDateWord(word: string): boolean {
  const w = word.toLowerCase().replace(/\.$/, "");
  return MONTHS.has(w) || WEEKDAYS.has(w) || TIMESTAMP_WORDS.has(w) || /^[\d:/.\-–,]+(?:st|nd|rd|th|am|pm|h)?$/.test(w) || UTC_OFFSET.test(w);
}

/** A line that opens with a page date-stamp label ("Published 5 June 2023", "Last updated: 10:32 GMT"). */
export function opensWithStampLabel(line: string): boolean {
  const head = ` ${line.slice(0, 40).toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;
  return STAMP_LABELS.some((l) => head.startsWith(l));
}

const LEADING_DATELINE = new RegExp(
  `^(?:(?:${vocab.weekdays.join("|")})\\.?,?\\s+)?(?:${M}\\s+${DAY},?\\s+${YEAR}|${DAY}\\s+${M},?\\s+${YEAR})${TIME}[,.:;]?(?=\\s+\\S)`,
  "i",
);

/** Length of a date that opens a line and is followed by more text ("Thursday, May 7, 2015 On Tuesday, …"); 0 if none. */
export function leadingDatelineLength(line: string): number {
  const m = LEADING_DATELINE.exec(line);
  return m ? m[0].length : 0;
}
