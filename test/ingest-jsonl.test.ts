import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import fc from "fast-check";
import { readRecords, safeIdPart } from "../src/ingest/jsonl.ts";
import { readInput } from "../src/ingest/read.ts";
import { tempDir } from "./helpers.ts";

const body = "The port authority said on Monday that container traffic rose 4 percent in October.\nShipping lines expect the rise to continue into the new year.";
const line = (o: unknown) => JSON.stringify(o);

describe("readRecords", () => {
  it("reads one article per line, ids from the id field or the line number", () => {
    const content = [line({ id: "a1", text: body }), "", line({ text: "Second article text." })].join("\n");
    const { docs, errors } = readRecords(content, "crawl/2019", "crawl/2019.jsonl");
    assert.deepEqual(errors, []);
    assert.deepEqual(docs.map((d) => d.id), ["crawl/2019/a1", "crawl/2019/3"]);
    assert.equal(docs[0].text, body);
    assert.equal(docs[0].format, "json");
    assert.equal(docs[0].sourceFile, "crawl/2019.jsonl");
  });

  it("turns a malformed line into one error and reads the rest", () => {
    const content = [line({ id: 1, text: body }), '{"id": 2, "text": "broken', line({ id: 3, title: "no body" }), line(["not", "an", "object"]), line({ id: 5, text: body })].join("\n");
    const { docs, errors } = readRecords(content, "f", "f.jsonl");
    assert.deepEqual(docs.map((d) => d.id), ["f/1", "f/5"]);
    assert.equal(errors.length, 3);
    assert.match(errors[0], /^line 2: invalid JSON/);
    assert.equal(errors[1], 'line 3: no "text" or "html" field');
    assert.equal(errors[2], "line 4: not a JSON object");
  });

  it("reads a JSON array, and a single pretty-printed object", () => {
    const array = readRecords(JSON.stringify([{ text: body }, { id: "x", text: body }], null, 2), "f", "f.json");
    assert.deepEqual(array.docs.map((d) => d.id), ["f/1", "f/x"]);
    const single = readRecords(JSON.stringify({ id: "only", text: body }, null, 2), "f", "f.json");
    assert.deepEqual(single.errors, []);
    assert.deepEqual(single.docs.map((d) => d.id), ["f/only"]);
  });

  it("keeps the stated metadata, normalising the date to ISO", () => {
    const rec = { id: 7, text: body, title: "Port  traffic\nrises", published: "2019-11-18T08:00:00+01:00", url: "https://example.org/port", publisher: "Harbour News", authors: ["Lena Vogt", "Ken Abe"] };
    const { docs } = readRecords(line(rec), "f", "f.jsonl");
    assert.deepEqual(docs[0].given, { title: "Port traffic rises", published: "2019-11-18", sourceUrl: "https://example.org/port", publisher: "Harbour News", authors: ["Lena Vogt", "Ken Abe"] });
  });

  it("extracts the main content of an html field; stated fields win over the page's own metadata", () => {
    const html = `<html><head><title>Page title</title><meta property="og:site_name" content="Page Site"><meta name="author" content="Page Author"></head><body><nav><a href="/">Home</a></nav><article><p>${body.split("\n").join("</p><p>")}</p></article><script>SCRIPTTEXT()</script></body></html>`;
    const { docs } = readRecords(line({ id: "h", html, title: "Stated title" }), "f", "f.jsonl");
    assert.equal(docs[0].format, "html");
    assert.equal(docs[0].text, body);
    assert.deepEqual(docs[0].given, { title: "Stated title", authors: ["Page Author"], publisher: "Page Site" });
  });

  it("makes hostile ids safe and keeps ids unique", () => {
    const content = [
      line({ id: "../../etc/passwd", text: body }),
      line({ id: "/abs/path", text: body }),
      line({ id: "a\u0000b", text: body }),
      line({ id: "..", text: body }),
      line({ id: "a\u0000b", text: body }),
    ].join("\n");
    const ids = readRecords(content, "in", "in.jsonl").docs.map((d) => d.id);
    assert.deepEqual(ids, ["in/etc_passwd", "in/abs_path", "in/a_b", "in/4", "in/a_b-5"]);
  });
});

describe("safeIdPart", () => {
  it("never yields a path separator, a parent reference, NUL or a leading dot", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom("..", "../x", "./.", "..\\..", ".hidden")), (raw) => {
        const id = safeIdPart(raw);
        assert.ok(!/[/\\\u0000]/.test(id) && !id.includes("..") && !id.startsWith("."), JSON.stringify({ raw, id }));
        assert.ok(id.length <= 120);
      }),
    );
  });
});

describe("readInput: JSON files", () => {
  it("returns the docs and the per-record errors of a .jsonl file", async () => {
    const dir = tempDir();
    const file = path.join(dir, "export.jsonl");
    fs.writeFileSync(file, [line({ id: "ok", text: body }), "{oops"].join("\r\n"));
    const { docs, errors } = await readInput({ path: file, rel: "export.jsonl" }, { maxBytes: 1_000_000 });
    assert.deepEqual(docs.map((d) => d.id), ["export/ok"]);
    assert.deepEqual(errors.map((e) => e.slice(0, 20)), ["line 2: invalid JSON"]);
  });
});
