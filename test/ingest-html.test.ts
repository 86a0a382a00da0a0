import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { describe, it } from "node:test";
import fc from "fast-check";
import { decodeHtml, readHtml } from "../src/ingest/html.ts";
import { InputError, readInput } from "../src/ingest/read.ts";
import { SHARED, tempDir } from "./helpers.ts";

const story = [
  "The city council voted on Tuesday to expand the tram network by twelve kilometres, ending a debate that had lasted three years.",
  "Supporters said the new line would cut commuting times for workers in the eastern districts by up to half an hour each way.",
  "Opponents argued that the cost, put at 240 million euros, should have gone to buses, which reach more neighbourhoods for less money.",
];

function page(body: string, head = ""): string {
  return `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;
}

const articleBody = (extra = "") => `<article>${story.map((p) => `<p>${p}</p>`).join("")}${extra}</article>`;

describe("readHtml: main content", () => {
  it("emits one paragraph per line, with whitespace inside a paragraph collapsed", () => {
    const { text } = readHtml(page(`<nav><a href="/">Home</a><a href="/world">World</a></nav>${articleBody()}`));
    assert.deepEqual(text.split("\n"), story);
  });

  it("never lets scripts, styles or hidden elements reach the text", () => {
    const hidden = [
      "<script>var secret = 'SCRIPTTEXT';</script>",
      "<style>.x { content: 'STYLETEXT' }</style>",
      "<noscript>NOSCRIPTTEXT please enable JavaScript</noscript>",
      "<p hidden>HIDDENATTR paragraph that nobody sees on the page at all</p>",
      '<p style="display: none">DISPLAYNONE paragraph that nobody sees on the page</p>',
      '<div aria-hidden="true">ARIAHIDDEN block of text for assistive tech only</div>',
      "<template><p>TEMPLATETEXT</p></template>",
    ].join("");
    const { text } = readHtml(page(articleBody(hidden)));
    for (const marker of ["SCRIPTTEXT", "STYLETEXT", "NOSCRIPTTEXT", "HIDDENATTR", "DISPLAYNONE", "ARIAHIDDEN", "TEMPLATETEXT"]) {
      assert.ok(!text.includes(marker), `${marker} leaked into: ${text}`);
    }
    assert.ok(text.includes(story[2]));
  });

  it("decodes named and numeric entities", () => {
    const { text } = readHtml(page(`<article><p>Caf&eacute; owners &amp; staff said it&#8217;s &quot;fine&quot; &#x2014; mostly. ${story[0]}</p><p>${story[1]}</p></article>`));
    assert.match(text, /Café owners & staff said it’s "fine" — mostly\./);
  });

  it("drops captions and link lists inside the story, but keeps a story wrapped in a chrome-named container", () => {
    const related = `<ul><li><a href="/a">Mayor announces new budget for schools</a></li><li><a href="/b">Bridge closed for repairs until spring</a></li></ul>`;
    const figure = `<figure><img src="x.jpg"><figcaption>The new tram at its depot. Photo: City Press</figcaption></figure>`;
    const html = page(`<div class="article-paywall">${articleBody(figure + related)}</div><div class="image-caption">Another photo caption here</div>`);
    const { text } = readHtml(html);
    assert.deepEqual(text.split("\n"), story);
  });

  it("falls back to the whole body when there is no article structure", () => {
    const { text } = readHtml("<p>Short note.</p><p>Second line.</p>");
    assert.equal(text, "Short note.\nSecond line.");
  });

  it("survives very deep nesting", () => {
    const deep = "<div>".repeat(5000) + story[0] + "</div>".repeat(5000);
    const { text } = readHtml(page(deep));
    assert.equal(text, story[0]);
  });

  it("never throws and never emits blank lines, whatever the markup", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.array(fc.constantFrom("<p>", "</p>", "<div>", "<br>", "<script>", "</script>", "<!--", "-->", "&amp;", "<li>", "a b"), { maxLength: 30 }), (s, tags) => {
        const { text } = readHtml(tags.join("") + s);
        assert.ok(!/\n\n|^\n|\n$/.test(text), JSON.stringify(text));
      }),
      { numRuns: 200 },
    );
  });
});

describe("readHtml: page metadata", () => {
  it("reads title, date, authors, publisher and URL from JSON-LD first", () => {
    const ld = {
      "@context": "https://schema.org",
      "@graph": [
        { "@type": "WebSite", name: "Not the article" },
        {
          "@type": "NewsArticle",
          headline: "Council approves tram extension",
          datePublished: "2019-11-20T04:00:00-06:00",
          author: [{ "@type": "Person", name: "Ana Ruiz" }, { "@type": "Person", name: "Tom  Berg" }],
          publisher: { "@type": "Organization", name: "City Press" },
          mainEntityOfPage: { "@id": "https://example.org/news/tram" },
        },
      ],
    };
    const head = `<title>Tram | City Press</title><meta property="og:title" content="OG title"><script type="application/ld+json">${JSON.stringify(ld)}</script>`;
    const { given } = readHtml(page(articleBody(), head));
    assert.deepEqual(given, {
      title: "Council approves tram extension",
      published: "2019-11-20", // the date the outlet printed, not the UTC date (2019-11-20T10:00Z)
      authors: ["Ana Ruiz", "Tom Berg"],
      publisher: "City Press",
      sourceUrl: "https://example.org/news/tram",
    });
  });

  it("falls back to Open Graph, article: and author meta tags, then <title>", () => {
    const head = [
      "<title>Tram vote | City Press</title>",
      '<meta property="og:title" content="Council approves tram">',
      '<meta property="article:published_time" content="2019-11-19T23:30:00Z">',
      '<meta name="author" content="Ana Ruiz and Tom Berg">',
      '<meta property="og:site_name" content="City Press">',
      '<link rel="canonical" href="https://example.org/tram">',
      '<script type="application/ld+json">{ not json</script>',
    ].join("");
    const { given } = readHtml(page(articleBody(), head));
    assert.deepEqual(given, { title: "Council approves tram", published: "2019-11-19", authors: ["Ana Ruiz", "Tom Berg"], publisher: "City Press", sourceUrl: "https://example.org/tram" });
    assert.equal(readHtml(page(articleBody(), "<title>Just a title</title>")).given.title, "Just a title");
    const titled = readHtml(page(articleBody(), '<title>Tram vote | City Press</title><meta property="og:site_name" content="City Press">')).given;
    assert.equal(titled.title, "Tram vote");
  });

  it("ignores author meta tags that are profile URLs", () => {
    const { given } = readHtml(page(articleBody(), '<meta property="article:author" content="https://facebook.com/someone">'));
    assert.equal(given.authors, undefined);
  });
});

describe("decodeHtml: charset", () => {
  it("uses the declared charset when the bytes are not UTF-8", () => {
    const latin = Buffer.from('<meta charset="iso-8859-1"><p>caf\xe9 \x93quoted\x94</p>', "latin1");
    assert.match(decodeHtml(latin), /café “quoted”/);
    const sjis = Buffer.concat([Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=shift_jis"><p>'), Buffer.from([0x93, 0xfa, 0x96, 0x7b])]);
    assert.match(decodeHtml(sjis), /日本/);
  });

  it("trusts valid UTF-8 and a BOM over a wrong declaration", () => {
    assert.match(decodeHtml(Buffer.from('<meta charset="iso-8859-1"><p>café</p>')), /café/);
    assert.match(decodeHtml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("<p>naïve</p>")])), /naïve/);
  });
});

describe("readInput: HTML files", () => {
  it("reads .html.gz pages, with the whole double extension stripped from the id", async () => {
    const dir = tempDir();
    const rel = "site/tram.html.gz";
    fs.mkdirSync(path.join(dir, "site"));
    fs.writeFileSync(path.join(dir, rel), gzipSync(page(articleBody(), "<title>Tram</title>")));
    const { docs, errors } = await readInput({ path: path.join(dir, rel), rel }, { maxBytes: 1_000_000 });
    assert.deepEqual(errors, []);
    assert.equal(docs.length, 1);
    assert.equal(docs[0].id, "site/tram");
    assert.equal(docs[0].format, "html");
    assert.equal(docs[0].given.title, "Tram");
    assert.deepEqual(docs[0].text.split("\n"), story);
  });

  it("refuses a gzip page that inflates past --max-bytes", async () => {
    const dir = tempDir();
    const file = path.join(dir, "bomb.html.gz");
    fs.writeFileSync(file, gzipSync(Buffer.alloc(5_000_000, 0x20)));
    await assert.rejects(readInput({ path: file, rel: "bomb.html.gz" }, { maxBytes: 1_000_000 }), (err: unknown) => err instanceof InputError && /max-bytes/.test(err.message));
  });
});

const bench = path.join(SHARED, "datasets", "article-extraction-benchmark");
describe("Zyte article-extraction benchmark", { skip: !fs.existsSync(path.join(bench, "ground-truth.json")) && "shared article-extraction-benchmark absent" }, () => {
  // The benchmark's own metric (4-word shingles, per-page precision/recall, averaged), on a
  // fixed sample of pages so the test stays fast; scripts/zyte.sh runs all 181 pages.
  const shingles = (text: string) => {
    const t = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
    const m = new Map<string, number>();
    for (let i = 0; i < Math.max(1, t.length - 3); i++) {
      const k = t.slice(i, i + 4).join(" ");
      if (k) m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  };
  it("extracts the article body with F1 >= 0.95 on a 40-page sample", () => {
    const truth = JSON.parse(fs.readFileSync(path.join(bench, "ground-truth.json"), "utf8")) as Record<string, { articleBody: string }>;
    const ids = Object.keys(truth).sort().filter((_, i) => i % 4 === 0).slice(0, 40);
    let p = 0, r = 0;
    for (const id of ids) {
      const { text } = readHtml(decodeHtml(gunzipSync(fs.readFileSync(path.join(bench, "html", `${id}.html.gz`)))));
      const T = shingles(truth[id].articleBody), P = shingles(text);
      let tp = 0, fp = 0, fn = 0;
      for (const k of new Set([...T.keys(), ...P.keys()])) {
        const a = T.get(k) ?? 0, b = P.get(k) ?? 0;
        tp += Math.min(a, b); fp += Math.max(0, b - a); fn += Math.max(0, a - b);
      }
      p += tp + fp ? tp / (tp + fp) : 0;
      r += tp + fn ? tp / (tp + fn) : 0;
    }
    p /= ids.length;
    r /= ids.length;
    const f1 = (2 * p * r) / (p + r);
    assert.ok(f1 >= 0.95, `precision ${p.toFixed(3)} recall ${r.toFixed(3)} F1 ${f1.toFixed(3)}`);
  });
});
