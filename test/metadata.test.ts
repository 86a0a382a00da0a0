// Article metadata: dates, title, authors and publisher, on lines shaped like
// many outlets' headers and footers; then the GUM Wikinews set when present.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { findDates, monthWithYearInSentence, toIso } from "../src/metadata/dates.ts";
import { isByline, parseByline, titleCaseName } from "../src/metadata/byline.ts";
import { closingCredit, copyrightHolder, datelineAgency, selfReference } from "../src/metadata/publisher.ts";
import { normaliseText } from "../src/nlp/normalise.ts";
import { emptyArticle } from "../src/pipeline.ts";
import { clean } from "../src/stages/clean.ts";
import { metadata } from "../src/stages/metadata.ts";
import { segment } from "../src/stages/segment.ts";
import type { Metadata, StageContext } from "../src/types.ts";
import { SHARED } from "./helpers.ts";

const ctx = {} as StageContext;

function meta(raw: string, given: Partial<Metadata> = {}): Metadata {
  const doc = { id: "t", sourceFile: "t.txt", format: "text" as const, text: normaliseText(raw), given };
  return metadata(segment(clean(emptyArticle(doc), ctx), ctx), ctx).meta;
}

const BODY = [
  "The central bank raised its main interest rate by a quarter point on Wednesday, citing persistent inflation.",
  "Economists had expected the move after consumer prices rose faster than forecast for a third month.",
];

describe("dates", () => {
  const iso = (s: string) => findDates(s).map((d) => toIso(d));
  it("reads timestamps, month-name dates in both orders and month + year", () => {
    assert.deepEqual(iso("Updated: 2015-12-19 09:13"), ["2015-12-19"]);
    assert.deepEqual(iso("Published 5 June 2023"), ["2023-06-05"]);
    assert.deepEqual(iso("Friday, July 21, 2017"), ["2017-07-21"]);
    assert.deepEqual(iso("Photo taken on Nov. 3, 2016 shows"), ["2016-11-03"]);
    assert.deepEqual(iso("Sept 30th, 2021"), ["2021-09-30"]);
    assert.deepEqual(iso("in March 2011"), ["2011-03"]);
    assert.deepEqual(iso("2023/06/05"), ["2023-06-05"]);
  });
  it("decides numeric day/month order only when a part exceeds 12", () => {
    assert.deepEqual(iso("25/12/2020"), ["2020-12-25"]);
    assert.deepEqual(iso("12/25/2020"), ["2020-12-25"]);
    assert.deepEqual(iso("05/06/2020"), ["2020"]);
  });
  it("never reads a copyright range, an impossible date or the verb 'may' as a date", () => {
    assert.deepEqual(iso("Copyright ©1999-2018"), []);
    assert.deepEqual(iso("2018-13-45"), []);
    assert.deepEqual(iso("prices may 2020 rise"), []);
  });
  it("takes the year from elsewhere in the sentence when only the month and day are written", () => {
    const d = monthWithYearInSentence("The 2023 summit kicked off in the city on Nov. 8.");
    assert.equal(d && toIso(d), "2023-11");
    assert.equal(monthWithYearInSentence("Sales may rise in 2023, analysts said."), null);
    assert.equal(monthWithYearInSentence("Copyright ©1999-2018 on Nov. 8."), null);
  });
});

describe("bylines", () => {
  it("recognises bylines, not sentences or photo credits", () => {
    for (const l of ["By Jill Lawless and Danica Kirka, Associated Press", "By JOHN SMITH", "Reporting by David Shepardson; Editing by Chizu Nomiyama", "JANE DOE | Reuters", "Written by Ana Silva", "Tom Krisher, AP Auto Writer", "Damian Carrington Environment editor"]) assert.ok(isByline(l), l);
    for (const l of ["By Tuesday, the rebels had seized the city.", "By the end of the year, sales had doubled.", "Photo by Jane Doe / Reuters", "Photograph: Tom Jenkins/The Guardian", "News | World", "Privacy Policy | Terms & Conditions", "Paris, France", "Prices Rise Again as Demand for Homes Outpaces the editor", "By the Numbers"]) assert.ok(!isByline(l), l);
  });
  it("reads authors and outlet from every byline shape", () => {
    assert.deepEqual(parseByline("By Jill Lawless and Danica Kirka, Associated Press"), { authors: ["Jill Lawless", "Danica Kirka"], publisher: "Associated Press" });
    assert.deepEqual(parseByline("By Ana Silva, Tom Berg, Lee Wong, The Toronto Star"), { authors: ["Ana Silva", "Tom Berg", "Lee Wong"], publisher: "The Toronto Star" });
    assert.deepEqual(parseByline("By Ana Silva in Lisbon (Reuters) Updated: 2015-12-19 09:13"), { authors: ["Ana Silva"], publisher: "Reuters" });
    assert.deepEqual(parseByline("JANE DOE | Reuters"), { authors: ["Jane Doe"], publisher: "Reuters" });
    assert.deepEqual(parseByline("By Hou Liqiang | China Daily | Updated: 2024-11-14 07:32"), { authors: ["Hou Liqiang"], publisher: "China Daily" });
    assert.deepEqual(parseByline("By MARY O'BRIEN-SMITH, Staff Writer"), { authors: ["Mary O'Brien-Smith"], publisher: "" });
    assert.deepEqual(parseByline("Reporting by David Shepardson; Editing by Chizu Nomiyama").authors, ["David Shepardson"]);
    assert.deepEqual(parseByline("Tom Krisher, AP Auto Writer"), { authors: ["Tom Krisher"], publisher: "Associated Press" });
    assert.deepEqual(parseByline("By Meg JamesStaff Writer"), { authors: ["Meg James"], publisher: "" });
    assert.deepEqual(parseByline("Damian Carrington Environment editor"), { authors: ["Damian Carrington"], publisher: "" });
  });
  it("title-cases only all-caps names", () => {
    assert.equal(titleCaseName("JEAN-PAUL DE LA CRUZ"), "Jean-Paul De La Cruz");
    assert.equal(titleCaseName("Ma Si"), "Ma Si");
  });
});

describe("publisher clues", () => {
  it("reads wire datelines, closing credits and copyright holders", () => {
    assert.equal(datelineAgency("WASHINGTON (AP) — The Senate voted on Tuesday."), "Associated Press");
    assert.equal(datelineAgency("BEIJING, Nov. 8 (Xinhua) -- China said on Monday."), "Xinhua");
    assert.equal(datelineAgency("SHENZHEN, China, March 29 (Reuters) - Huawei said on Friday."), "Reuters");
    assert.equal(datelineAgency("HONG KONG/SAN FRANCISCO, Dec 5 (Reuters) - ByteDance has offered to buy back shares."), "Reuters");
    assert.equal(datelineAgency("The White House (pictured) — said nothing."), "");
    assert.equal(closingCredit("Shares fell 3% in early trading. — Bloomberg"), "Bloomberg");
    assert.equal(closingCredit("A rescue worker in Athens (Reuters/Jane Doe)"), "");
    assert.equal(copyrightHolder("Copyright 2023 The Associated Press. All rights reserved."), "Associated Press");
    assert.equal(copyrightHolder("Copyright © 2024 South China Morning Post Publishers Ltd. All rights reserved."), "South China Morning Post");
    assert.equal(copyrightHolder("© 2024 Acme Widgets Inc. All rights reserved."), "Acme Widgets Inc");
    assert.equal(copyrightHolder("© Guardian News & Media Limited or its affiliated companies."), "Guardian News & Media Limited");
    assert.equal(copyrightHolder("Copyright ©1999-2018"), "");
  });
  it("finds an outlet naming itself as the reporter, not one it cites", () => {
    assert.equal(selfReference("Of the thousands, Metronews spoke with a cosplayer."), "Metronews");
    assert.equal(selfReference("The Evening Herald has learned that the deal collapsed."), "Evening Herald");
    assert.equal(selfReference("The Deseret News observed that the hashtag spread."), "");
    assert.equal(selfReference("Police spoke with witnesses."), "");
    // The scan jumps to each written phrase; runs before it and across lines are read as a full scan reads them.
    const story = "Officials (who declined to be named) said talks had stalled: \"no deal\", one said.\n\n";
    assert.equal(selfReference(story.repeat(40) + "Later that day, the Evening Herald has learned, the deal collapsed."), "Evening Herald");
    assert.equal(selfReference(story + "Reporters from the Toronto Star\nhas learned nothing."), "Toronto Star");
    assert.equal(selfReference(story + "A Toronto Star reporter attended the meeting."), "Toronto Star");
  });
});

describe("metadata stage", () => {
  it("takes title, timestamp, authors and outlet from a newspaper header", () => {
    const m = meta(["World / Europe", "Central bank raises rates again", "By Ana Silva and Tom Berg in Lisbon (The Lisbon Post) Updated: 2023-06-05 14:32", ...BODY, "Most read"].join("\n"));
    assert.equal(m.title, "Central bank raises rates again");
    assert.equal(m.published, "2023-06-05");
    assert.equal(m.dateSource, "timestamp");
    assert.deepEqual(m.authors, ["Ana Silva", "Tom Berg"]);
    assert.equal(m.publisher, "The Lisbon Post");
  });
  it("has no title when the text opens with a caption, and dates the story by the caption's month", () => {
    const m = meta(["Firefighters battle a wildfire near Athens, Greece, July 18, 2023. (Reuters/Jane Doe)", ...BODY, "Copyright ©1999-2024 Athensnews.gr. All rights reserved."].join("\n"));
    assert.equal(m.title, "");
    assert.equal(m.published, "2023-07");
    assert.equal(m.dateSource, "caption");
    assert.equal(m.publisher, "Athensnews.gr");
  });
  it("has no title when the text opens with a byline; dates from a month and a year in the same sentence", () => {
    const m = meta(["By ANA SILVA, TOM BERG, The Lisbon Post", "The 2024 Web Summit opened in Lisbon on Nov. 11 with record attendance.", ...BODY].join("\n"));
    assert.equal(m.title, "");
    assert.equal(m.published, "2024-11");
    assert.equal(m.dateSource, "body");
    assert.deepEqual(m.authors, ["Ana Silva", "Tom Berg"]);
    assert.equal(m.publisher, "The Lisbon Post");
  });
  it("reads a dateline glued to share widgets, and the site's own name from the footer", () => {
    const m = meta(["Markets after the vote", "By Ana Silva", "0 Comment(s)Print E-mail Lisbonpost.pt, March 3, 2021", "Adjust font size:", ...BODY, "Follow Lisbonpost.pt on Twitter and Facebook to join the conversation."].join("\n"));
    assert.equal(m.published, "2021-03-03");
    assert.equal(m.dateSource, "dateline");
    assert.equal(m.publisher, "Lisbonpost.pt");
  });
  it("reads a wire dateline and never dates from a copyright range", () => {
    const m = meta(["WASHINGTON (AP) — The Senate passed the bill on Tuesday after a long debate.", ...BODY, "Copyright 1999-2018 The Associated Press. All rights reserved."].join("\n"));
    assert.equal(m.publisher, "Associated Press");
    assert.equal(m.published, "");
  });
  it("reads a wire-service page: byline, timestamp, agency dateline; credits and standards notes are not body", () => {
    const m = meta([
      "Business",
      "Carmaker shares jump after record quarterly deliveries",
      "By Hana Kim and Ravi Menon",
      "3 minute read",
      "January 2, 2024 10:15 PM UTC Updated ago",
      "SAN FRANCISCO, Jan 2 (Reuters) - The carmaker delivered a record number of vehicles in the fourth quarter, the company said on Tuesday.",
      ...BODY,
      "Reporting by Ravi Menon in Bengaluru; Editing by Tom Brown",
      "Our Standards: The Thomson Reuters Trust Principles.",
    ].join("\n"));
    assert.deepEqual([m.title, m.published, m.dateSource, m.publisher], ["Carmaker shares jump after record quarterly deliveries", "2024-01-02", "timestamp", "Reuters"]);
    assert.deepEqual(m.authors, ["Hana Kim", "Ravi Menon"]);
  });
  it("reads a broadsheet header: archive notice, name with beat, abbreviated dateline", () => {
    const m = meta(["Climate crisis", "This article is more than 1 year old", "Global heating pushes Earth past key threshold, scientists warn", "Damian Carrington Environment editor", "Mon 5 Jun 2023 12.00 BST", ...BODY, "Explore more on these topics", "Share", "Reuse this content"].join("\n"));
    assert.deepEqual([m.title, m.published, m.dateSource], ["Global heating pushes Earth past key threshold, scientists warn", "2023-06-05", "dateline"]);
    assert.deepEqual(m.authors, ["Damian Carrington"]);
  });
  it("lets metadata given by the source win over inferred", () => {
    const m = meta(["Central bank raises rates again", "Published 5 June 2023", ...BODY].join("\n"), { title: "Given title", published: "2023-06-04", publisher: "Given Outlet" });
    assert.equal(m.title, "Given title");
    assert.equal(m.published, "2023-06-04");
    assert.equal(m.dateSource, "given");
    assert.equal(m.publisher, "Given Outlet");
  });
  it("does not take photographers for authors", () => {
    const m = meta(["Central bank raises rates again", "Photo by Jane Doe / The Lisbon Post", ...BODY].join("\n"));
    assert.deepEqual(m.authors, []);
  });
});

const GUM = path.join(SHARED, "datasets", "gum-news");
describe("GUM Wikinews articles", { skip: !fs.existsSync(path.join(GUM, "gold")) && "shared GUM data set not present" }, () => {
  it("gets every title and publication date right", () => {
    for (const f of fs.readdirSync(path.join(GUM, "gold")).filter((x) => x.endsWith(".json"))) {
      const gold = JSON.parse(fs.readFileSync(path.join(GUM, "gold", f), "utf8"));
      const m = meta(fs.readFileSync(path.join(GUM, "corpus", `${gold.article_id}.txt`), "utf8"));
      assert.equal(m.title, gold.title, gold.article_id);
      assert.ok(m.published.startsWith(gold.published), `${gold.article_id}: ${m.published} vs ${gold.published}`);
    }
  });
});
