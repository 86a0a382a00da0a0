// Ingest reliability units (issue 8): encoding detection and decoding, binary
// refusal, text normalisation, discovery of odd folders, and the article-id
// guard that keeps clean texts inside the output folder.
import { mock, test } from "node:test";
import fsp from "node:fs/promises";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { decode, decodeUtf8WithStrays, InputError, looksGb18030 } from "../src/ingest/decode.ts";
import { discover } from "../src/ingest/discover.ts";
import { normaliseText } from "../src/nlp/normalise.ts";
import { cleanPathOf } from "../src/output/swap.ts";
import { tempDir } from "./helpers.ts";
import { ARTICLES, GZIP, PDF, PNG, cp1252, gb18030, utf16be, utf16le, writeTree } from "./reliability-fixtures.ts";

const { western, chinese, plain } = ARTICLES;

test("UTF-8 with and without BOM, UTF-16 LE/BE with BOM and without decode to the same text", () => {
  const cases: Array<[string, Buffer, string]> = [
    ["utf-8", Buffer.from(western), "utf-8"],
    ["utf-8 BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(western)]), "utf-8"],
    ["utf-16le BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le(western)]), "utf-16le"],
    ["utf-16be BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(western)]), "utf-16be"],
    ["utf-16le, no BOM", utf16le(plain), "utf-16le"],
    ["utf-16be, no BOM", utf16be(plain), "utf-16be"],
  ];
  for (const [label, bytes, encoding] of cases) {
    const got = decode(bytes);
    assert.equal(got.encoding, encoding, label);
    assert.equal(got.text, label.includes("no BOM") ? plain : western, label);
  }
});

test("Windows-1252 decodes its 0x80–0x9F characters (euro, curly quotes, dashes), not C1 controls", () => {
  const bytes = Buffer.from([0x80, 0x20, 0x93, 0x48, 0x69, 0x94, 0x20, 0x97, 0x20, 0x91, 0x9c, 0x92, 0x20, 0x85, 0x20, 0xe9]);
  assert.deepEqual(decode(bytes), { text: "€ “Hi” — ‘œ’ … é", encoding: "windows-1252" });
  assert.deepEqual(decode(cp1252(western)), { text: western, encoding: "windows-1252" });
  assert.deepEqual(decode(Buffer.from("Señor García, Kraków, « Bon appétit »", "latin1")).text, "Señor García, Kraków, « Bon appétit »");
});

test("GB18030/GBK is told apart from Windows-1252 by its byte pairs", () => {
  assert.deepEqual(decode(Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0xd0, 0xc2, 0xce, 0xc5])), { text: "中文新闻", encoding: "gb18030" });
  assert.deepEqual(decode(gb18030(chinese)), { text: chinese, encoding: "gb18030" });
  // A four-byte GB18030 sequence (U+0080) among hanzi.
  assert.ok(looksGb18030(Buffer.from([0xd6, 0xd0, 0x81, 0x30, 0x81, 0x30, 0xce, 0xc4])));
  // Western text: accents stand alone between ASCII letters, even when a pair like "»«" or "é" + letter is valid GBK.
  for (const s of ["déjà vu, l'été, très", "«Oui»«Non» — “quoted”", "Müller’s café: 5 €"]) {
    assert.equal(looksGb18030(cp1252(s)), false, s);
    assert.equal(decode(cp1252(s)).text, s);
  }
});

test("binary files are refused with a reason, also without a known signature", () => {
  const cases: Array<[Buffer, RegExp]> = [
    [PNG, /PNG image/],
    [PDF, /PDF document/],
    [GZIP, /gzip archive/],
    [Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), /ZIP archive/],
    [Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), /ELF executable/],
    [Buffer.from("text with a NUL\0 inside"), /control bytes/],
    [Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41))), /control bytes/],
  ];
  for (const [bytes, reason] of cases) assert.throws(() => decode(bytes), (err: Error) => err instanceof InputError && reason.test(err.message), String(reason));
});

test("property: any bytes either decode to a string or are refused as binary, nothing else", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
      try {
        assert.equal(typeof decode(bytes).text, "string");
      } catch (err) {
        assert.ok(err instanceof InputError, String(err));
      }
    }),
    { numRuns: 500 },
  );
});

test("normaliseText: every line-end convention becomes LF; odd spaces, invisibles and controls are unified", () => {
  assert.equal(normaliseText("a\r\nb\rc\nd\u2028e\u0085f\u000cg"), "a\nb\nc\nd\ne\nf\ng");
  assert.equal(normaliseText("a\u00a0b\u2009c\u3000d"), "a b c d");
  assert.equal(normaliseText("in\u200bvisible\ufeff soft\u00adhyphen"), "invisible softhyphen");
  assert.equal(normaliseText("bell\u0007 nul\u0000 kept\ttab"), "bell nul kept\ttab");
  assert.equal(normaliseText("trailing   \t\nspaces  \r\nend  "), "trailing\nspaces\nend");
  // Decomposed accents (as macOS writes file contents) compose, so offsets match NFC input.
  assert.equal(normaliseText("Zu\u0308rich cafe\u0301"), "Zürich café");
});

test("normaliseText is linear: a million spaces before a word, and a million short lines, in well under a second", () => {
  for (const text of [" ".repeat(1_000_000) + "x", "a \n".repeat(1_000_000)]) {
    const t0 = performance.now();
    normaliseText(text);
    assert.ok(performance.now() - t0 < 1000, `${Math.round(performance.now() - t0)} ms`);
  }
});

test("discover: nested folders, spaces and non-ASCII names, sorted by code point; hidden files and work folders skipped", async () => {
  const root = tempDir();
  writeTree(root, {
    "b/z.txt": Buffer.from("z"),
    "a b/ünï cödé.txt": Buffer.from("u"),
    "a b/北京.txt": Buffer.from("c"),
    "A.txt": Buffer.from("A"),
    ".hidden.txt": Buffer.from("h"),
    ".git/config": Buffer.from("g"),
    "out.newsmine-tmp-123/clean/x.txt": Buffer.from("t"),
    "out/clean/y.txt": Buffer.from("o"),
  });
  const { files, problems } = await discover(root, { exclude: [path.join(root, "out")] });
  assert.deepEqual(
    files.map((f) => f.rel),
    ["A.txt", "a b/ünï cödé.txt", "a b/北京.txt", "b/z.txt"],
  );
  assert.deepEqual(problems, []);
  for (const f of files) assert.equal(f.path, path.join(root, f.rel));
});

test("discover: a file name that is not valid UTF-8 is reported, not read under a mangled name", async () => {
  const root = tempDir();
  fs.writeFileSync(Buffer.concat([Buffer.from(root + "/caf"), Buffer.from([0xe9]), Buffer.from(".txt")]), "Latin-1 name");
  fs.writeFileSync(path.join(root, "fine.txt"), "ok");
  const { files, problems } = await discover(root);
  assert.deepEqual(files.map((f) => f.rel), ["fine.txt"]);
  assert.deepEqual(problems, [{ rel: "caf\ufffd.txt", error: "file name is not valid UTF-8" }]);
});

test("cleanPathOf keeps every article id inside clean/ and refuses the rest", () => {
  const root = "/out/clean";
  assert.equal(cleanPathOf(root, "a/b c/ünï"), "/out/clean/a/b c/ünï.txt");
  assert.equal(cleanPathOf(root, "..foo"), "/out/clean/..foo.txt");
  assert.equal(cleanPathOf(root, "x\\..\\y"), "/out/clean/x\\..\\y.txt");
  for (const id of ["", "..", "../x", "a/../../x", "/etc/passwd", "a//b", "./a", "a/.", "nul\0x", "a/"]) assert.throws(() => cleanPathOf(root, id), /article_id/, JSON.stringify(id));
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom("a", ".", "/", "\\", "\0", " "), maxLength: 20 }), (id) => {
      let file: string;
      try {
        file = cleanPathOf(root, id);
      } catch {
        return;
      }
      assert.ok(file.startsWith(root + "/") && !path.relative(root, file).split("/").includes(".."), `${JSON.stringify(id)} -> ${file}`);
    }),
    { numRuns: 2000 },
  );
});

test("discover: a symlink loop and a second link to a folder are reported once each; the real folder is read once", async () => {
  const root = tempDir();
  writeTree(root, { "real/story.txt": Buffer.from("s") });
  fs.symlinkSync("..", path.join(root, "real", "up"));
  fs.symlinkSync("real", path.join(root, "zz-alias"));
  const { files, problems } = await discover(root);
  assert.deepEqual(files.map((f) => f.rel), ["real/story.txt"]);
  assert.deepEqual(problems, [
    { rel: "real/up", error: "symlink loop: links back to a folder above it" },
    { rel: "zz-alias", error: "links to a folder already read" },
  ]);
});

test("mixed encodings: UTF-8 with stray legacy bytes, and Windows-1252 with pasted UTF-8, both read right", () => {
  const utf8WithStray = Buffer.concat([Buffer.from("Zürich café — “quoted” 北京 "), Buffer.from([0xe9]), Buffer.from("t\u00e9 end")]);
  assert.deepEqual(decode(utf8WithStray), { text: "Zürich café — “quoted” 北京 ét\u00e9 end", encoding: "utf-8+windows-1252" });
  const cp1252WithUtf8 = Buffer.concat([cp1252("déjà vu, l'été "), Buffer.from("it’s"), cp1252(" très")]);
  assert.deepEqual(decode(cp1252WithUtf8), { text: "déjà vu, l'été it’s très", encoding: "utf-8+windows-1252" });
  // Chinese UTF-8 with one stray byte stays UTF-8, although its bytes also pair up like GBK.
  const zh = Buffer.concat([Buffer.from(chinese.slice(0, 40)), Buffer.from([0xff]), Buffer.from(chinese.slice(40))]);
  assert.equal(decode(zh).encoding, "utf-8+windows-1252");
  assert.equal(decode(zh).text, chinese.slice(0, 40) + "ÿ" + chinese.slice(40));
  // Invalid UTF-8 forms (overlong, surrogate, beyond U+10FFFF, truncated) are stray bytes, never decoded as text.
  const forms = Buffer.from([0x41, 0xc0, 0xaf, 0x42, 0xed, 0xa0, 0x80, 0x43, 0xf4, 0x90, 0x80, 0x80, 0x44, 0xe2, 0x82]);
  assert.equal(decode(forms).text, "AÀ¯Bí\u00a0€Cô\u0090€€Dâ‚");
});

test("discover gives the same files and problems whatever order the file system lists entries in", async () => {
  const root = tempDir();
  writeTree(root, { "b/2.txt": Buffer.from("x"), "b/1.txt": Buffer.from("x"), "a.txt": Buffer.from("x"), "é/x.md": Buffer.from("x"), "Z.txt": Buffer.from("x") });
  fs.symlinkSync("b", path.join(root, "alias-1"));
  fs.symlinkSync("b", path.join(root, "alias-2"));
  fs.symlinkSync("nowhere", path.join(root, "dangling.txt"));
  const listed = await discover(root);
  const realReaddir = fsp.readdir;
  for (const order of ["reverse", "rotate"] as const) {
    const readdir = mock.method(fsp, "readdir", async (...args: Parameters<typeof realReaddir>) => {
      const entries = (await (realReaddir as (...a: unknown[]) => Promise<unknown[]>)(...args)).slice();
      return order === "reverse" ? entries.reverse() : [...entries.slice(1), ...entries.slice(0, 1)];
    });
    try {
      assert.deepEqual(await discover(root), listed, order);
      assert.ok(readdir.mock.callCount() > 0);
    } finally {
      readdir.mock.restore();
    }
  }
  // The real folder is read under its real path; both links to it are reported.
  assert.deepEqual(listed.files.map((f) => f.rel), ["Z.txt", "a.txt", "b/1.txt", "b/2.txt", "é/x.md"]);
  assert.deepEqual(
    listed.problems.map((p) => [p.rel, p.error]),
    [
      ["alias-1", "links to a folder already read"],
      ["alias-2", "links to a folder already read"],
      ["dangling.txt", "broken symlink (file not found)"],
    ],
  );
});

test("property: the stray-byte decoder reads valid UTF-8 exactly as TextDecoder does, and any bytes without throwing", () => {
  fc.assert(
    fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
      assert.deepEqual(decodeUtf8WithStrays(Buffer.from(text)).text, text);
      assert.equal(decodeUtf8WithStrays(Buffer.from(text)).strays, 0);
    }),
    { numRuns: 500 },
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
      const { text, strays } = decodeUtf8WithStrays(bytes);
      assert.doesNotMatch(text, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/, "no lone surrogates");
      let valid = true;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      assert.equal(strays === 0, valid, "a stray byte exactly where strict UTF-8 fails");
    }),
    { numRuns: 1000 },
  );
});
