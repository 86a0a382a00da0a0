import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { quotes } from "../src/stages/quotes.ts";
import { findQuotedSpans } from "../src/quotes/marks.ts";
import { emptyArticle } from "../src/pipeline.ts";
import { splitSentences } from "../src/nlp/sentences.ts";
import type { Article, EntityType, Mention, Quote } from "../src/types.ts";

/** An article whose mentions are built by hand: [surface, canonical name, type] found in order in the text. */
function article(text: string, names: Array<[string, string, EntityType]> = []): Article {
  const a = emptyArticle({ id: "t", sourceFile: "t.txt", format: "text", text, given: {} });
  const mentions: Mention[] = [];
  for (const [surface, name, type] of names) {
    let from = 0;
    for (let at = text.indexOf(surface, from); at >= 0; at = text.indexOf(surface, from)) {
      mentions.push({ start: at, end: at + surface.length, surface, name, type, code: "" });
      from = at + surface.length;
    }
  }
  mentions.sort((x, y) => x.start - y.start);
  return { ...a, text, sentences: splitSentences(text), mentions };
}

const run = (text: string, names: Array<[string, string, EntityType]> = []): Quote[] =>
  quotes(article(text, names), { themes: undefined as never }).quotes;
const brief = (qs: Quote[]) => qs.map((q) => [q.type, q.speaker, q.text]);
/** The quotes of paragraphs with hand-made mentions, briefly. */
const briefOf = (paragraphs: string[], names: Array<[string, string, EntityType]> = []) => brief(run(paragraphs.join("\n\n"), names));

test("said-after and a quote split around its attribution give two quotes by one speaker", () => {
  const text = '"Those who stayed away made a mistake," Okafor said. "I find the hosts open."';
  assert.deepEqual(brief(run(text, [["Okafor", "Ada Okafor", "person"]])), [
    ["direct", "Ada Okafor", "Those who stayed away made a mistake"],
    ["direct", "Ada Okafor", "I find the hosts open."],
  ]);
});

test("inverted attribution with an appositive and curly marks", () => {
  const text = "“Chinese Internet has changed social life,” said Lena Holt, the Nordway chairman.";
  const [q] = run(text, [["Lena Holt", "Lena Holt", "person"], ["Nordway", "Nordway", "company"]]);
  assert.equal(q.speaker, "Lena Holt");
  assert.equal(q.speakerType, "person");
  assert.equal(q.cue, "said");
  assert.equal(text.slice(q.start, q.end), "Chinese Internet has changed social life,");
});

test("said-before with odd spacing, continued over two paragraphs, is one quote", () => {
  const text = 'Lena Holt, chairman of Nordway Group, said at the closing ceremony," The world will face a challenge.\n\n"It is not about who can manage it."\n\nHolt said that 700 million users are in China.';
  const qs = run(text, [["Lena Holt", "Lena Holt", "person"], ["Nordway Group", "Nordway", "company"], ["Holt said", "Lena Holt", "person"]]);
  const direct = qs.filter((q) => q.type === "direct");
  assert.equal(direct.length, 1);
  assert.equal(direct[0].speaker, "Lena Holt");
  assert.equal(direct[0].text, "The world will face a challenge. It is not about who can manage it.");
});

test("pronouns resolve to the nearest fitting subject, never to names inside quotes", () => {
  const text = 'Mika Saarinen spoke to Xinhua. "I met Tomas Berg," he said. International efforts should be made to stop crime, he said.';
  const qs = run(text, [["Mika Saarinen", "Mika Saarinen", "person"], ["Xinhua", "Xinhua", "company"], ["Tomas Berg", "Tomas Berg", "person"]]);
  assert.deepEqual(brief(qs), [
    ["direct", "Mika Saarinen", "I met Tomas Berg"],
    ["indirect", "Mika Saarinen", "International efforts should be made to stop crime"],
  ]);
});

test("indirect speech: X said (that) …, …, said X …, according to X", () => {
  const text = [
    "Holt added that the Internet increases responsibilities.",
    "Linkedin has been used by many enterprises to search for talents, said its founder Raul Brenner in a speech.",
    "According to the ministry, the network now reaches every province.",
  ].join("\n\n");
  const qs = run(text, [["Holt", "Lena Holt", "person"], ["Linkedin", "LinkedIn", "company"], ["Raul Brenner", "Raul Brenner", "person"]]);
  assert.deepEqual(brief(qs).slice(0, 2), [
    ["indirect", "Lena Holt", "the Internet increases responsibilities"],
    ["indirect", "Raul Brenner", "Linkedin has been used by many enterprises to search for talents"],
  ]);
  assert.equal(qs.length, 2, "no speaker entity for 'the ministry': nothing is guessed");
  assert.deepEqual(qs.map((q) => q.cue), ["added", "said"]);
});

test("indirect speech: time adjuncts, addressees and a following 'adding that' clause", () => {
  const text = [
    "Microsoft said on Tuesday it would invest in research.",
    "Satya Nadella told reporters at the company's headquarters in Redmond about the plan.",
    "China is ready to work with ASEAN on a digital future, Li said, adding that both sides should build infrastructure.",
  ].join("\n\n");
  const qs = run(text, [["Microsoft", "Microsoft", "company"], ["Satya Nadella", "Satya Nadella", "person"], ["ASEAN", "ASEAN", "organization"], ["Li", "Li Qiang", "person"]]);
  assert.deepEqual(brief(qs), [
    ["indirect", "Microsoft", "it would invest in research"],
    ["indirect", "Li Qiang", "China is ready to work with ASEAN on a digital future"],
    ["indirect", "Li Qiang", "both sides should build infrastructure"],
  ]);
});

test("a short quoted phrase in reported speech is a partial quote", () => {
  const text = 'Tomas Berg, director of the agency, called for more efforts for "an interconnected world shared and governed by all".';
  const [q] = run(text, [["Tomas Berg", "Tomas Berg", "person"]]);
  assert.deepEqual([q.type, q.speaker, q.cue, q.text], ["partial", "Tomas Berg", "called for", "an interconnected world shared and governed by all"]);
});

test("scare quotes, titles, slogans and nicknames are not quotes", () => {
  const text = [
    'Experts attended this "thought feast".',
    "The talks were on the theme of “Wuzhen Talks – Retrospect and Prospect”.",
    'The theme of the conference is: "Innovation-driven Internet Development for the Benefit of All."',
    'Its theme was: "An interconnected world shared and governed by all - building a community."',
    'A cosplayer going by the name "The Katherinator" waited outside.',
  ].join("\n\n");
  assert.deepEqual(run(text), []);
});

test("a follow-on paragraph quote keeps the speaker; a quote with no speaker anywhere stays unattributed", () => {
  const text = '"Seventeen years ago, this would not have been possible," said Ambassador Mohib.\n\n"They represent our aspirations and resilience."';
  const qs = run(text, [["Ambassador Mohib", "Hamdullah Mohib", "person"]]);
  assert.deepEqual(qs.map((q) => q.speaker), ["Hamdullah Mohib", "Hamdullah Mohib"]);
  assert.deepEqual(brief(run('"Nothing here names who is talking at all."')), [["direct", "", "Nothing here names who is talking at all."]]);
});

test("without entity mentions a capitalised name at the attribution is read, and a surname maps to the full name", () => {
  const text = 'Ada Okafor is president of ChinaEU.\n\n"We will launch a policy center," Okafor said.';
  assert.deepEqual(brief(run(text)), [["direct", "Ada Okafor", "We will launch a policy center"]]);
});

test("'she' and 'he' skip a person whose given name has the other gender; an unknown or shared given name still fits", () => {
  const text = [
    "The neurologist Oliver Sacks wrote about music, and Mary Steenburgen read his book.",
    '"I could not have learned any lines," she said.',
    "Mary Steenburgen praised her son, Charlie McDowell, who directed the film.",
    '"She put in the time," he said.',
    "Jordan Reyes and Oliver Sacks were both on stage.",
    '"It was a long night," she said.',
  ].join("\n\n");
  const qs = run(text, [
    ["Mary Steenburgen", "Mary Steenburgen", "person"],
    ["Oliver Sacks", "Oliver Sacks", "person"],
    ["Charlie McDowell", "Charlie McDowell", "person"],
    ["Jordan Reyes", "Jordan Reyes", "person"],
  ]);
  assert.deepEqual(qs.map((q) => q.speaker), ["Mary Steenburgen", "Charlie McDowell", "Jordan Reyes"]);
});

test("AP style's 'said Tuesday' is a time, not a speaker or reported words; 'Gov.' is a title read without the entity stage", () => {
  const withMayer = '"We had some issues," Mayer, the chairman, said Tuesday at the Code conference in Hollywood.';
  assert.deepEqual(brief(run(withMayer, [["Mayer", "Kevin Mayer", "person"]])), [["direct", "Kevin Mayer", "We had some issues"]]);
  const reported = "The European Space Agency said Monday that its researchers examined how hibernation would work.";
  assert.deepEqual(brief(run(reported, [["European Space Agency", "European Space Agency", "organization"]])), [
    ["indirect", "European Space Agency", "its researchers examined how hibernation would work"],
  ]);
  const unnamed = 'The race was close.\n\n"We won," said Tuesday.';
  assert.deepEqual(brief(run(unnamed)), [["direct", "", "We won"]]);
  const governor = 'Gov. Kristi Noem opened the session.\n\n"We are on it," Noem said.';
  assert.deepEqual(brief(run(governor)), [["direct", "Kristi Noem", "We are on it"]]);
});

test("'called' and 'dubbed' quote a named speaker calling something a phrase, never a name given after the verb", () => {
  const paragraphs = [
    'Senator Ben Sasse called his death "a crisis of public trust" on Monday.',
    'She watched a show called "Ask the Doctor Tonight" and read about a condition called "feather duvet lung" there.',
    'The plan, which critics dubbed "a tax on the poor and the sick", passed.',
  ];
  assert.deepEqual(briefOf(paragraphs, [["Ben Sasse", "Ben Sasse", "person"]]), [["partial", "Ben Sasse", "a crisis of public trust"]]);
});

test("a quoted phrase alone in its paragraph without a full stop is a heading or list item; with one it is a quote", () => {
  const paragraphs = [
    "Here are the highlights of the testimony:",
    '6. "The Gordon problem"',
    "Morrison testified that he did not always follow the advice.",
    '"We write with urgency"',
    '"We will keep working on this until the job is done."',
  ];
  assert.deepEqual(briefOf(paragraphs), [["direct", "", "We will keep working on this until the job is done."]]);
});

test("'testified', 'recounted' and 'as X put it' attribute; an adverbial clause alone before 'X testified' is not what X said", () => {
  const people: Array<[string, string, EntityType]> = [["Morrison", "Tim Morrison", "person"], ["Gaiman", "Neil Gaiman", "person"], ["Sawyer", "Kathleen Sawyer", "person"], ["Liu", "Liu He", "person"]];
  const paragraphs = [
    "Morrison also testified that the aide had become frustrated over the meetings.",
    'As Gaiman put it, "Had he written five books, he would be famous now."',
    "As the charges were unsealed in New York, Sawyer testified before the committee.",
    "If the talks fail, tariffs will rise, Liu said.",
  ];
  assert.deepEqual(briefOf(paragraphs, people), [
    ["indirect", "Tim Morrison", "the aide had become frustrated over the meetings"],
    ["direct", "Neil Gaiman", "Had he written five books, he would be famous now."],
    ["indirect", "Liu He", "If the talks fail, tariffs will rise"],
  ]);
});

test("a reported clause holding a short quoted phrase is indirect speech, and the phrase a partial quote", () => {
  const paragraphs = [
    'Li Chenggang said the mechanism would allow both sides to address concerns "in a timely manner."',
    'Wang Yi said that, over five months, "We have worked hard to keep the talks going."',
  ];
  assert.deepEqual(briefOf(paragraphs, [["Li Chenggang", "Li Chenggang", "person"], ["Wang Yi", "Wang Yi", "person"]]), [
    ["indirect", "Li Chenggang", 'the mechanism would allow both sides to address concerns "in a timely manner."'],
    ["partial", "Li Chenggang", "in a timely manner."],
    ["direct", "Wang Yi", "We have worked hard to keep the talks going."],
  ]);
});

test("'continue to', 'went on to' and 'added to' are no speech, so they do not cut the reported clause they stand in", () => {
  const paragraphs = [
    "Wang Wenbin said China will continue to deepen reform and opening-up.",
    'A poem called "Winter Solstice, Camelot Station," went on to win the award.',
    '"We will keep going," Wang continued.',
  ];
  assert.deepEqual(briefOf(paragraphs, [["Wang Wenbin", "Wang Wenbin", "person"], ["China", "China", "country"], ["Wang", "Wang Wenbin", "person"]]), [
    ["indirect", "Wang Wenbin", "China will continue to deepen reform and opening-up"],
    ["direct", "Wang Wenbin", "We will keep going"],
  ]);
});

test("a passive reporting verb has no speaker: the addressee is not the one speaking", () => {
  const text = "Paris met Sea Org officials. In 1995, she was told that she must cut ties with her mother.";
  assert.deepEqual(run(text, [["Paris", "Valeska Paris", "person"], ["Sea Org", "Sea Org", "organization"]]), []);
});

test("'the company' and 'the city' refer back to the nearest entity of that kind", () => {
  const text = [
    "Nordway opened a new office in Livorno on Monday.",
    '"We will hire 500 engineers," the company said.',
    'The city reasoned, "because the users pay a fee, this is a commercial activity".',
  ].join("\n\n");
  const qs = run(text, [["Nordway", "Nordway", "company"], ["Livorno", "Livorno", "place"]]);
  assert.deepEqual(qs.map((q) => [q.speaker, q.speakerType, q.cue]), [["Nordway", "company", "said"], ["Livorno", "place", "reasoned"]]);
});

test("a quoted name before a noun is not attributed by a later verb; lead-ins to quotes are not indirect speech", () => {
  const text = [
    'The "History" section of the site explains that the attack was a protest.',
    'Mr. Tedeschi also told the court that, over the last five months of her life, "Gloria was in pain and her parents knew it."',
  ].join("\n\n");
  const qs = run(text, [["Tedeschi", "Mark Tedeschi", "person"]]);
  assert.deepEqual(brief(qs), [["direct", "Mark Tedeschi", "Gloria was in pain and her parents knew it."]]);
});

test("a title before the subject after a quote, and a quote ending in '!' whose attribution the splitter cut off", () => {
  const text = '"Sales were below our expectations," chairman, CEO and president Dana Reyes said on Tuesday.\n\n' +
    '"Vote for your great governor!" Reyes tweeted on Monday.';
  assert.deepEqual(brief(run(text, [["Dana Reyes", "Dana Reyes", "person"]])).map((q) => q[1]), ["Dana Reyes", "Dana Reyes"]);
  // Without the subject right at the mark, the next sentence does not attribute the quote.
  const cut = '"Vote for your great governor!" The crowd cheered as Reyes said nothing.';
  assert.deepEqual(run(cut, [["Reyes", "Dana Reyes", "person"]]).filter((q) => q.speaker), []);
});

test("a surname the entity stage left untagged still names the person it tagged elsewhere", () => {
  const text = "Carl Benn praised Governor Ana Ortiz on Monday. Ortiz sent a message later.\n\n\u201cGo out and vote today,\u201d she said.";
  // Only the full names are mentions; the bare surname opening the second sentence is not.
  const a = article(text, [["Carl Benn", "Carl Benn", "person"], ["Ana Ortiz", "Ana Ortiz", "person"]]);
  const [q] = quotes(a, { themes: undefined as never }).quotes;
  assert.equal(q.speaker, "Ana Ortiz");
});

test("'added' and 'wrote' with a noun-phrase object are not reported speech; with a subject pronoun they are", () => {
  const names: Array<[string, string, EntityType]> = [["Lee Park", "Lee Park", "person"]];
  assert.deepEqual(run("Lee Park added three assists to lead the home team.", names), []);
  assert.deepEqual(run("Lee Park wrote hundreds of songs that summer.", names), []);
  assert.deepEqual(brief(run("Lee Park added he would stay with the club next season.", names)), [
    ["indirect", "Lee Park", "he would stay with the club next season"],
  ]);
});

test("an abbreviation's period inside the attribution does not end it; 'told X' names the addressee, not the speaker", () => {
  const names: Array<[string, string, EntityType]> = [
    ["Ruth Olsen", "Ruth Olsen", "person"], ["Ivo Kral", "Ivo Kral", "person"], ["City News", "City News", "organization"],
  ];
  const text = '"The plan needs a second launch pad," said Rep. Ruth Olsen (D-OR), a member of the panel.\n\n' +
    '"The defendants failed in their duty," Ivo Kral, the U.S. attorney for the district, said in a release.\n\n' +
    '"This is how outbreaks begin," Dr. Ana Lind, a signatory to the letter, told City News.';
  // The untagged "Dr. Ana Lind" is read from its capitals; "City News" is only the addressee.
  assert.deepEqual(run(text, names).map((q) => q.speaker), ["Ruth Olsen", "Ivo Kral", "Ana Lind"]);
});

test("a participle right after a closing mark shares the subject of the verb before the quote", () => {
  const text = 'Ruth Olsen later tweeted that the crisis "needs to be discussed at every table," adding "we need everyone on it."';
  const qs = run(text, [["Ruth Olsen", "Ruth Olsen", "person"]]);
  assert.deepEqual(qs.map((q) => [q.speaker, q.text]), [
    ["Ruth Olsen", "needs to be discussed at every table"], ["Ruth Olsen", "we need everyone on it."],
  ]);
});

test("a relative clause with a reporting verb reports nothing; one after a preposition does", () => {
  const names: Array<[string, string, EntityType]> = [["Ivo Kral", "Ivo Kral", "person"]];
  assert.deepEqual(run("Ivo Kral blamed the storm, which he said damaged the north wing of the school.", names), []);
  assert.deepEqual(brief(run("Ivo Kral cited a memo, in which he said others had raised concerns about the budget.", names)), [
    ["indirect", "Ivo Kral", "others had raised concerns about the budget"],
  ]);
});

test("a spokesperson speaks for the organisation named with it", () => {
  const names: Array<[string, string, EntityType]> = [["Nordway", "Nordway", "company"], ["Health Ministry", "Health Ministry", "organization"]];
  const text = '"We are cooperating with the inquiry," a Nordway spokesperson said.\n\n' +
    '"Vaccines are not part of our mandate," a spokesperson for the Health Ministry said.\n\n' +
    '"We received an inquiry and are cooperating," said a Nordway spokesperson when contacted.';
  assert.deepEqual(run(text, names).map((q) => q.speaker), ["Nordway", "Health Ministry", "Nordway"]);
});

test("marks: straight quotes alternate, a stray closing mark is ignored, misused curly closers still close", () => {
  const t = "He said odd” and “first bit.“ Then “second”.";
  assert.deepEqual(findQuotedSpans(t).map((q) => q.pieces.map((p) => t.slice(p.start, p.end)).join("|")), ["first bit.", "second"]);
});

test("British single quotes are quotes where a paragraph has no double marks; apostrophes and plural possessives are not", () => {
  const text = [
    "‘We don’t accept the players’ union demands,’ said Lena Holt. ‘The talks are over.’",
    'Ma said, "They called it \'a farce\' and walked out."',
  ].join("\n\n");
  assert.deepEqual(brief(run(text, [["Lena Holt", "Lena Holt", "person"], ["Ma", "Lena Holt", "person"]])), [
    ["direct", "Lena Holt", "We don’t accept the players’ union demands"],
    ["direct", "Lena Holt", "The talks are over."],
    ["direct", "Lena Holt", "They called it 'a farce' and walked out."],
  ]);
});

test("never throws and keeps offsets inside the text on arbitrary input", () => {
  const alphabet = fc.constantFrom('"', "“", "”", "'", "‘", "’", " ", "\n", "\n\n", ",", ".", ":", "said", "he", "Ma", "Lena Holt", "that", "according to", "-");
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 80 }), (parts) => {
      const text = parts.join(" ");
      for (const q of run(text, [["Lena Holt", "Lena Holt", "person"]])) {
        assert.ok(q.start >= 0 && q.start <= q.end && q.end <= text.length);
      }
    }),
    { numRuns: 300 },
  );
});

test("linear time on hostile input: 200,000 quotation marks and other run-on shapes", () => {
  const hostile = [
    '"'.repeat(200_000),
    "“".repeat(100_000) + "”".repeat(100_000),
    ('"a, " said he, "' + "“”".repeat(10) + '" ').repeat(200_000 / 24),
    '"' + ", ".repeat(100_000) + 'x" he said',
    "he said ".repeat(50_000),
  ];
  for (const text of hostile) {
    const t0 = performance.now();
    for (const q of run(text, [["he", "he", "person"]])) assert.ok(q.start >= 0 && q.end <= text.length);
    const ms = performance.now() - t0;
    // Linear work takes well under a second here; a quadratic pass would take minutes.
    assert.ok(ms < 8000, `${JSON.stringify(text.slice(0, 20))}… took ${Math.round(ms)} ms`);
  }
});
