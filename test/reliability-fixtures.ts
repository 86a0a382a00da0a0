// Builds, at test time, input folders with one file of each kind users feed
// newsmine: every supported encoding and line-end convention, and every kind
// of bad file. Nothing binary is committed; the bytes are made here.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { decodeWindows1252 } from "../src/ingest/decode.ts";

// Invented articles (not from any dataset), with the characters each
// encoding must carry: accents, curly quotes, dashes, the euro sign, hanzi.
export const ARTICLES = {
  western:
    "Café owners in Zürich raise prices\n\nZürich, 3 March 2025 — Café owners said on Monday that the price of an espresso rose to €4.20, up 12 percent in a year.\n\n“It is the beans and the rent,” said Jürgen Müller, who runs a café near the station. Rents rose by a quarter since 2023.\n",
  latin1:
    "Señor García opens a bakery in Kraków\n\nKraków, 14 May 2024. Señor García, 54, said the bakery employs 18 people and bakes 2,500 loaves a day. « Bon appétit », he told guests at the opening.\n",
  chinese:
    "北京发布数字经济报告\n\n北京市政府周一发布报告说，数字经济规模同比增长百分之十二，达到四万亿元。\n\n专家表示，网络安全和数据保护仍是今后工作的重点。\n",
  plain:
    "Port of Rotterdam reports record volumes\n\nRotterdam, 9 January 2025. The Port of Rotterdam handled 440 million tonnes of cargo last year, the port authority said on Thursday.\n\nChief executive Boudewijn Siemons said: \"Container volumes grew by 3.5 percent.\" Dutch officials expect further growth.\n",
} as const;

export const utf16le = (s: string) => Buffer.from(s, "utf16le");
export const utf16be = (s: string) => {
  const b = Buffer.from(s, "utf16le");
  for (let i = 0; i + 1 < b.length; i += 2) [b[i], b[i + 1]] = [b[i + 1], b[i]];
  return b;
};

/** Windows-1252 bytes of `s` (every character must exist in the code page). */
export function cp1252(s: string): Buffer {
  const high = decodeWindows1252(Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i));
  return Buffer.from(
    [...s].map((c) => {
      const code = c.codePointAt(0)!;
      if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
      const i = high.indexOf(c);
      if (i < 0) throw new Error(`${c} is not in Windows-1252`);
      return 0x80 + i;
    }),
  );
}

let gbTable: Map<string, number[]> | undefined;
/** GB18030 bytes of `s`, by inverting the platform's decoder over the two-byte range. */
export function gb18030(s: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const dec = new TextDecoder("gb18030");
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const c = dec.decode(Uint8Array.of(lead, trail));
        if (c.length === 1 && !gbTable.has(c)) gbTable.set(c, [lead, trail]);
      }
  }
  return Buffer.from(
    [...s].flatMap((c) => {
      const code = c.codePointAt(0)!;
      if (code < 0x80) return [code];
      const bytes = gbTable!.get(c);
      if (!bytes) throw new Error(`${c} has no two-byte GB18030 code`);
      return bytes;
    }),
  );
}

export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);
export const GZIP = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3, 0x4b, 0x4c, 0x4a, 6, 0, 0xc2, 0x41, 0x24, 0x35, 3, 0, 0, 0]);
export const PDF = Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "latin1");

/** Good files: relative path → bytes, each the same article as its twin in `twins()`. */
export function goodFiles(): Record<string, Buffer> {
  const { western, latin1, chinese, plain } = ARTICLES;
  return {
    "utf8/plain.txt": Buffer.from(plain),
    "utf8/with bom.txt": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(western)]),
    "utf16/le.txt": Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(western)]),
    "utf16/be.txt": Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(chinese)]),
    "legacy/windows-1252.txt": cp1252(western),
    "legacy/latin-1.txt": Buffer.from(latin1, "latin1"),
    "legacy/gb18030.txt": gb18030(chinese),
    "line-ends/crlf.txt": Buffer.from(plain.replace(/\n/g, "\r\n")),
    "line-ends/cr.txt": Buffer.from(western.replace(/\n/g, "\r")),
    "nested/déjà vu/北京 report (final).md": Buffer.from(chinese),
  };
}

/** The same articles as `goodFiles()`, all UTF-8 with LF line ends, at the same paths. */
export function twins(): Record<string, Buffer> {
  const { western, latin1, chinese, plain } = ARTICLES;
  return {
    "utf8/plain.txt": Buffer.from(plain),
    "utf8/with bom.txt": Buffer.from(western),
    "utf16/le.txt": Buffer.from(western),
    "utf16/be.txt": Buffer.from(chinese),
    "legacy/windows-1252.txt": Buffer.from(western),
    "legacy/latin-1.txt": Buffer.from(latin1),
    "legacy/gb18030.txt": Buffer.from(chinese),
    "line-ends/crlf.txt": Buffer.from(plain),
    "line-ends/cr.txt": Buffer.from(western),
    "nested/déjà vu/北京 report (final).md": Buffer.from(chinese),
  };
}

export const MAX_BYTES = 64 * 1024;

/** Bad files: relative path → the stage and a pattern its errors.csv row and stderr line must show. */
export const BAD: Record<string, { stage: string; error: RegExp }> = {
  "bad/empty.txt": { stage: "ingest", error: /empty/ },
  "bad/blank.txt": { stage: "ingest", error: /empty/ },
  "bad/photo.txt": { stage: "ingest", error: /binary file \(PNG image\)/ },
  "bad/archive.txt": { stage: "ingest", error: /binary file \(gzip archive\)/ },
  "bad/paper.txt": { stage: "ingest", error: /binary file \(PDF document\)/ },
  "bad/noise.txt": { stage: "ingest", error: /binary file/ },
  "bad/huge.txt": { stage: "ingest", error: /over the --max-bytes limit/ },
  "bad/dangling link.txt": { stage: "discover", error: /broken symlink/ },
  "bad/loop.txt": { stage: "discover", error: /symlink loop/ },
  "bad/loop-folder": { stage: "discover", error: /symlink loop/ },
  "bad/pipe.txt": { stage: "discover", error: /not a regular file \(named pipe\)/ },
  "bad/locked.txt": { stage: "ingest", error: /permission denied/ },
};

/** Files newsmine does not read: skipped with a note, no error. */
export const SKIPPED = ["notes/data.csv", "notes/picture.png"];

export function writeTree(root: string, files: Record<string, Buffer>): void {
  for (const [rel, bytes] of Object.entries(files)) {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, bytes);
  }
}

/** The mixed folder: good files, bad files of every kind, skipped files. */
export function buildMixedInput(root: string): void {
  writeTree(root, goodFiles());
  let seed = 7;
  const noise = Buffer.from(Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff));
  writeTree(root, {
    "bad/empty.txt": Buffer.alloc(0),
    "bad/blank.txt": Buffer.from("  \n\t\r\n   \u00a0\n"),
    "bad/photo.txt": PNG,
    "bad/archive.txt": GZIP,
    "bad/paper.txt": PDF,
    "bad/noise.txt": noise,
    "bad/huge.txt": Buffer.from("All work and no play. ".repeat(Math.ceil((MAX_BYTES * 2) / 22))),
    "bad/locked.txt": Buffer.from(ARTICLES.plain),
    "notes/data.csv": Buffer.from("a,b\n1,2\n"),
    "notes/picture.png": PNG,
  });
  fs.symlinkSync(path.join(root, "bad", "no such target.txt"), path.join(root, "bad", "dangling link.txt"));
  fs.symlinkSync("loop.txt", path.join(root, "bad", "loop.txt"));
  fs.symlinkSync("..", path.join(root, "bad", "loop-folder"));
  fs.chmodSync(path.join(root, "bad", "locked.txt"), 0o000);
  const fifo = spawnSync("mkfifo", [path.join(root, "bad", "pipe.txt")]);
  if (fifo.status !== 0) throw new Error("mkfifo failed: " + String(fifo.stderr));
}
