// The boilerplate cleaner, one signal at a time, on chrome shaped like other
// outlets' pages (wire services, BBC, Guardian, blogs), plus a property test:
// a normal sentence in the middle of an article is never dropped.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { clean } from "../src/stages/clean.ts";
import { isCaption } from "../src/clean/signals.ts";
import { lineShape, phraseKey } from "../src/clean/lines.ts";
import { normaliseText } from "../src/nlp/normalise.ts";
import { emptyArticle } from "../src/pipeline.ts";
import type { Article, StageContext } from "../src/types.ts";

const ctx = {} as StageContext;

function run(raw: string): Article {
  const doc = { id: "t", sourceFile: "t.txt", format: "text" as const, text: normaliseText(raw), given: {} };
  return clean(emptyArticle(doc), ctx);
}

const bodyLines = (a: Article) => a.text.split("\n").filter(Boolean);
const reasonOf = (a: Article, line: string) => a.removed.find((r) => r.text === line)?.reason ?? "";

// Article prose used around the chrome under test.
const P1 = "The central bank raised its main interest rate by a quarter point on Wednesday, citing persistent inflation.";
const P2 = "Economists had expected the move after consumer prices rose faster than forecast for a third month.";
const P3 = "Officials said further increases would depend on how quickly wage growth slows in the coming months.";
const page = (...lines: string[]) => lines.join("\n");

/** Asserts each chrome line is removed for the given reason and every prose line survives. */
function expectRemoved(a: Article, expected: Record<string, string>, keep: string[] = [P1, P2, P3]) {
  const body = bodyLines(a);
  for (const [line, reason] of Object.entries(expected)) {
    assert.ok(!body.includes(line.trim()), `still in body: ${line}`);
    assert.equal(reasonOf(a, line.trim()), reason, `reason for: ${line}`);
  }
  for (const k of keep) assert.ok(body.includes(k), `lost: ${k}`);
}

describe("clean: footer chrome", () => {
  it("removes wire-service copyright notices but keeps the last body line above them", () => {
    const a = run(page(P1, P2, P3,
      "Copyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission.",
      "© 2024 Reuters"));
    expectRemoved(a, {
      "Copyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed without permission.": "copyright",
      "© 2024 Reuters": "copyright",
    });
    assert.equal(bodyLines(a).at(-1), P3);
  });

  it("removes rights sentences that follow the copyright line", () => {
    const a = run(page(P1, P2, P3, "© Guardian News & Media Limited or its affiliated companies.", "Unauthorized reproduction of this article is prohibited."));
    expectRemoved(a, {
      "© Guardian News & Media Limited or its affiliated companies.": "copyright",
      "Unauthorized reproduction of this article is prohibited.": "copyright",
    });
  });

  it("removes blog comment forms and moderation notices", () => {
    const a = run(page(P1, P2, P3, "Leave a Reply Cancel reply", "Your email address will not be published. Required fields are marked *", "Comments are closed."));
    expectRemoved(a, {
      "Leave a Reply Cancel reply": "comment-form",
      "Your email address will not be published. Required fields are marked *": "comment-form",
      "Comments are closed.": "comment-form",
    });
  });

  it("removes rails and the teaser headlines listed under them", () => {
    const a = run(page(P1, P2, P3, "More on this story", "Markets slide as rate fears grow", "Pound falls to six-month low against dollar"));
    expectRemoved(a, {
      "More on this story": "rail",
      "Markets slide as rate fears grow": "footer",
      "Pound falls to six-month low against dollar": "footer",
    });
  });

  it("removes follow-us and app lines, author bios and opinion disclaimers", () => {
    const a = run(page(P1, P2, P3,
      "Jane Doe is a senior correspondent for The Daily Ledger.",
      "The views expressed in this article are the author's own and do not necessarily reflect the editorial stance of this newspaper.",
      "Follow us on Twitter and Instagram for the latest updates.",
      "Download the Daily Ledger app"));
    expectRemoved(a, {
      "Jane Doe is a senior correspondent for The Daily Ledger.": "author-bio",
      "The views expressed in this article are the author's own and do not necessarily reflect the editorial stance of this newspaper.": "disclaimer",
      "Follow us on Twitter and Instagram for the latest updates.": "follow-us",
      "Download the Daily Ledger app": "widget",
    });
  });

  it("removes desk-staff credits, trending rails and print-edition notes wherever they stand", () => {
    const a = run(page(P1, "Editor: Liu Jing", P2, P3, "[Editor: Wang Shen]", "Search Trends", "Hot Article",
      "This article appeared in the South China Morning Post print edition as: Hang Seng surges 4pc"));
    expectRemoved(a, {
      "Editor: Liu Jing": "staff-credit",
      "[Editor: Wang Shen]": "staff-credit",
      "Search Trends": "rail",
      "Hot Article": "rail",
      "This article appeared in the South China Morning Post print edition as: Hang Seng surges 4pc": "disclaimer",
    });
  });

  it("keeps a last body sentence that only mentions chrome words", () => {
    const last = ["The lawsuit alleged copyright infringement and a breach of the privacy policy.", "The debate moderator asked both candidates about taxes.", "The victim was 35 years old.", "The views expressed at the summit were diverse."];
    for (const line of last) assert.equal(bodyLines(run(page(P1, P2, line, "Most read"))).at(-1), line);
  });

  it("keeps a photo caption that closes the article", () => {
    const caption = "Protesters gather outside parliament on Tuesday. Photo: Jane Doe";
    const a = run(page(P1, P2, P3, caption, "Related Topics"));
    expectRemoved(a, { "Related Topics": "rail" }, [P1, P2, P3, caption]);
  });
});

describe("clean: the story's closing lines", () => {
  const tour = ["The band's 2020 tour dates:", "June 9 -- Lakeside Amphitheatre, Springfield, IL", "June 12 – Riverside Arena, Columbus, OH", "Aug. 2 -- Harbor Pavilion, Portland, ME"];

  it("keeps a closing list when no chrome follows it", () => {
    for (const list of [
      tour,
      ["Qualified teams", "Norway (Group F): Fourth appearance", "Chile (Group B): Seventh appearance"],
      ["1) Cordless drill with two batteries", "2) Board game – Family Edition", "3) Vinyl record (180 gr)"],
      ["Voters online were split over the advert:", "— Jane Doe (@janedoe) March 4, 2021"],
      ["UP NEXT", "Hawks: Host the Bulls on Friday.", "Bulls: Visit the Hawks on Friday."],
    ]) assert.deepEqual(bodyLines(run(page(P1, P2, P3, ...list))), [P1, P2, P3, ...list]);
  });

  it("starts the footer at the first chrome line after the list, not at the last paragraph", () => {
    const a = run(page(P1, P2, P3, ...tour, "Related stories", "Markets slide as rate fears grow", "© 2020 The Daily Ledger"));
    expectRemoved(a, {
      "Related stories": "rail",
      "Markets slide as rate fears grow": "footer",
      "© 2020 The Daily Ledger": "copyright",
    }, [P1, P2, P3, ...tour]);
  });

  it("needs two weak signals in a row (link, byline, date, credit) to start the footer", () => {
    const venue = ["Harbor Theatre presents", "2019.05.01 ~ OPEN RUN", "www.harbor-theatre.example", "Tickets: 40,000 won"];
    assert.deepEqual(bodyLines(run(page(P1, P2, P3, ...venue))), [P1, P2, P3, ...venue]);
    const a = run(page(P1, P2, P3, "Harbor Theatre presents", "jane.doe@example-times.com", "twitter.com/janedoe", "Markets slide as rate fears grow"));
    expectRemoved(a, { "jane.doe@example-times.com": "url", "twitter.com/janedoe": "url", "Markets slide as rate fears grow": "footer" }, [P1, P2, P3, "Harbor Theatre presents"]);
  });

  it("removes the page's own date stamp below the story but keeps a closing event date", () => {
    const stamped = run(page(P1, P2, P3, "Published 5 June 2023"));
    expectRemoved(stamped, { "Published 5 June 2023": "dateline" });
    const event = ["Exhibition dates:", "29 November 2018 | 20 January 2019"];
    assert.deepEqual(bodyLines(run(page(P1, P2, P3, ...event))), [P1, P2, P3, ...event]);
  });

  it("removes contact and listen-here lines that give a link or an address", () => {
    const a = run(page(P1, P2, P3, "Write to John Roe at john.roe@example-journal.com", "Follow our full coverage of the election at https://www.example-news.com/election"));
    expectRemoved(a, {
      "Write to John Roe at john.roe@example-journal.com": "follow-us",
      "Follow our full coverage of the election at https://www.example-news.com/election": "follow-us",
    });
  });

  it("removes copyright lines written with ⓒ or @ for ©", () => {
    const a = run(page(P1, P2, P3, "Copyright ⓒ Example-media.co.kr. All reproduction prohibited", "Copyright @ 2019 The Example Arab."));
    expectRemoved(a, { "Copyright ⓒ Example-media.co.kr. All reproduction prohibited": "copyright", "Copyright @ 2019 The Example Arab.": "copyright" });
  });
});

describe("clean: comment-form vocabulary only on form-shaped lines", () => {
  it("keeps story sentences about comments, wherever they stand", () => {
    const lines = [
      "The mayor's office didn't immediately respond to the Ledger's request for comment.",
      "A spokesman for the club did not immediately respond to a request for comment.",
      '"Any decision rests with the board. We have no further comment," the company said.',
      "Tell us which ones we missed in the comments below and we will add your name to the list.",
    ];
    for (const line of lines) {
      assert.deepEqual(bodyLines(run(page(P1, P2, line))), [P1, P2, line], line);
      assert.deepEqual(bodyLines(run(page(P1, line, P2, P3, "Most read"))), [P1, line, P2, P3], line);
    }
  });

  it("still removes form labels, buttons and moderation notices", () => {
    const a = run(page(P1, P2, P3, "Please enter your comment!", "No comments.", "Add your comments...", "Your Name", "Comments may be removed by the moderator if they are off-topic."));
    expectRemoved(a, {
      "Please enter your comment!": "comment-form",
      "No comments.": "comment-form",
      "Add your comments...": "comment-form",
      "Your Name": "comment-form",
      "Comments may be removed by the moderator if they are off-topic.": "comment-form",
    });
  });
});

describe("clean: header chrome", () => {
  it("removes breadcrumbs and section labels, keeps the headline once", () => {
    const headline = "Central bank raises rates again as inflation lingers";
    const a = run(page("News > World > Europe", "Business", headline, "By Jill Lawless and Danica Kirka, Associated Press", headline, P1, P2, P3));
    expectRemoved(a, {
      "News > World > Europe": "breadcrumb",
      "Business": "rail",
      "By Jill Lawless and Danica Kirka, Associated Press": "byline",
    }, [headline, P1, P2, P3]);
    assert.equal(bodyLines(a)[0], headline);
    assert.equal(bodyLines(a).filter((l) => l === headline).length, 1);
    assert.equal(a.removed.filter((r) => r.reason === "duplicate-headline").length, 1);
  });

  it("keeps a location line above the first paragraph: it is not a section label", () => {
    const a = run(page("GENEVA, SWITZERLAND", P1, P2, P3));
    assert.deepEqual(bodyLines(a), ["GENEVA, SWITZERLAND", P1, P2, P3]);
  });

  it("moves timestamps and datelines out of the body", () => {
    const a = run(page("Rates rise again across Europe", "Published 5 June 2023", "Last updated: 2023-06-05 14:32 GMT", P1, P2, P3));
    expectRemoved(a, { "Published 5 June 2023": "dateline", "Last updated: 2023-06-05 14:32 GMT": "timestamp" });
  });

  it("removes share, print and font-size widgets, including glued navigation runs", () => {
    const a = run(page("Share this with Email Facebook Messenger Twitter Pinterest WhatsApp LinkedIn", "HomeNewsSportWeatherReel", "A- A+ Print", P1, P2, P3));
    expectRemoved(a, {
      "Share this with Email Facebook Messenger Twitter Pinterest WhatsApp LinkedIn": "widget",
      "HomeNewsSportWeatherReel": "navigation",
      "A- A+ Print": "widget",
    });
  });

  it("keeps a headline naming camel-case brands; a relative timestamp with a zone offset goes whole", () => {
    const headline = "TikTok owner ByteDance valued at $300 billion in share buyback, sources say";
    const a = run(page(headline, "December 5, 2024 11:02 AM GMT+8 Updated a day ago", P1, P2, P3));
    expectRemoved(a, { "December 5, 2024 11:02 AM GMT+8 Updated a day ago": "timestamp" }, [headline, P1, P2, P3]);
  });

  it("keeps the first line when it is a photo caption", () => {
    const caption = "Firefighters work to contain a wildfire near Athens, Greece, July 18, 2023. REUTERS/Jane Doe";
    const a = run(page(caption, P1, P2, P3));
    assert.equal(bodyLines(a)[0], caption);
    assert.equal(a.removed.length, 0);
  });

  it("splits a dateline glued to the first paragraph", () => {
    const a = run(page("Rates rise again", "", "Thursday, May 7, 2015 On Tuesday, the central bank raised its main rate.", P2));
    assert.ok(bodyLines(a).includes("On Tuesday, the central bank raised its main rate."));
    assert.deepEqual(a.removed.map((r) => [r.text, r.reason]), [["Thursday, May 7, 2015", "dateline"]]);
  });
});

describe("clean: captions", () => {
  it("recognises captions by their credit, not by the word 'photo'", () => {
    const info = (text: string) => ({ text, shape: lineShape(text), key: phraseKey(text) });
    for (const t of ["Firefighters work near Athens, Greece. REUTERS/Jane Doe", "Delegates attend the opening ceremony. (Xinhua/Ju Huanzong)", "Photo taken on Nov. 3, 2016 shows a trade center", "A man walks past the bank. Photograph: Tom Jenkins/The Guardian", "Crowds gather in the square. Image: Jane Doe."]) assert.ok(isCaption(info(t)), t);
    for (const t of ["Warhol's photo legacy spread by university exhibits", "The image by default shows a town.", "The ratio of 3/4 of voters was high."]) assert.ok(!isCaption(info(t)), t);
  });

  it("keeps a headline that mentions a photo as the headline, and the dateline under it out of the body", () => {
    const a = run(page("Photo legacy of a pop artist spread by university exhibits", "Tuesday, January 28, 2014", P1, P2));
    assert.deepEqual(bodyLines(a), ["Photo legacy of a pop artist spread by university exhibits", P1, P2]);
  });
});

describe("clean: body", () => {
  it("removes mid-article teasers, keeps short sentences, subheadings and links the story lists", () => {
    const link = "https://shop.example.com/item/12345678";
    const a = run(page(P1, "1) Wireless headphones with noise cancelling", link, "He declined to comment.", "Economic impact", "Read more:", P2, P3));
    expectRemoved(a, { "Read more:": "rail" }, [P1, P2, P3, "1) Wireless headphones with noise cancelling", link, "He declined to comment.", "Economic impact"]);
  });

  it("removes a link standing alone at the top or the bottom of the page", () => {
    const top = "https://www.example-times.com/news/world/article/Rates-rise-again-12345678.php";
    const a = run(page("Sign In", top, P1, P2, P3, "jane.doe@example-times.com", "twitter.com/janedoe"));
    expectRemoved(a, { [top]: "url", "jane.doe@example-times.com": "url", "twitter.com/janedoe": "url" });
  });

  it("keeps a date standing alone inside the body: a timeline subheading, not a dateline", () => {
    const a = run(page(P1, "March 3, 2020", P2, P3));
    assert.deepEqual(bodyLines(a), [P1, "March 3, 2020", P2, P3]);
  });

  it("writes paragraphs separated by blank lines, ending with a newline", () => {
    const a = run(page("  " + P1 + "  ", "", "", P2));
    assert.equal(a.text, `${P1}\n\n${P2}\n`);
  });

  it("records raw line numbers of removed lines", () => {
    const a = run(page(P1, "", P2, "Most read"));
    assert.deepEqual(a.removed, [{ line: 3, text: "Most read", reason: "rail" }]);
  });

  it("never throws on empty or odd input", () => {
    for (const raw of ["", "\n\n", "©", "By", ">", "http://", "\u0000\u00a0"]) assert.doesNotThrow(() => run(raw));
  });
});

describe("clean: property", () => {
  // Ordinary words, including some that also occur in chrome labels.
  const WORDS = ["the", "minister", "said", "share", "prices", "print", "comment", "follow", "rules", "app", "users", "related", "news", "photo", "email", "market", "rose", "percent", "in", "on", "with", "by", "more", "home", "top", "stories", "latest", "report", "data", "city", "officials", "police", "Twitter", "China", "2015", "children"];
  const sentence = fc
    .tuple(fc.constantFrom(...WORDS), fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 25 }), fc.constantFrom(".", "!", "?", '."'))
    .map(([first, rest, stop]) => first[0].toUpperCase() + first.slice(1) + " " + rest.join(" ") + stop);

  it("never drops a line shaped like a sentence in the middle of an article", () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 6 }), (middle) => {
        const a = run(page("Officials weigh new rules for online markets", P1, ...middle, P2, P3, "Related stories"));
        const body = bodyLines(a);
        for (const s of middle) assert.ok(body.includes(s), `dropped: ${s}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe("clean: property, closing lists", () => {
  // List items as stories close with them: numbered products, dated venues, results.
  const NAMES = ["Riverside", "Arena", "Pavilion", "Norway", "Chile", "Group", "Collection", "Deluxe", "Springfield", "Portland", "Harbor", "Center"];
  const item = fc
    .tuple(fc.constantFrom("1)", "June 9 --", "Aug. 2 –", "Wolves 3,", "12."), fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 6 }), fc.constantFrom("", ", OH", " (2 DVD)", ": Fifth appearance"))
    .map(([lead, names, tail]) => `${lead} ${names.join(" ")}${tail}`);

  it("keeps every list line after the last paragraph when no chrome follows", () => {
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 12 }), (list) => {
        assert.deepEqual(bodyLines(run(page(P1, P2, P3, ...list))), [P1, P2, P3, ...list]);
      }),
      { numRuns: 200 },
    );
  });
});

describe("clean: hostile input runs in linear time", () => {
  it("handles a 5 MB line and 1 MB of capitalised words quickly", () => {
    for (const raw of ["x".repeat(5_000_000), "Capital ".repeat(130_000), "Capital Words Here\n".repeat(20_000), "aaBb".repeat(400_000)]) {
      const t0 = performance.now();
      run(raw);
      assert.ok(performance.now() - t0 < 15_000, `took ${Math.round(performance.now() - t0)} ms`);
    }
  });
});
