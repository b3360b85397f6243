/**
 * The evaluation set as a test: the engine must stay above an accuracy floor on eval/questions.yaml,
 * every question whose answer is not in the knowledge must abstain, and the set itself must stay
 * large and balanced.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  CATEGORIES,
  comparable,
  type EvalResult,
  HELDOUT_23_FILE,
  HELDOUT_24_FILE,
  HELDOUT_25_FILE,
  HELDOUT_26_FILE,
  HELDOUT_27_FILE,
  HELDOUT_28_FILE,
  HELDOUT_29_FILE,
  HELDOUT_30_FILE,
  HELDOUT_31_FILE,
  HELDOUT_32_FILE,
  HELDOUT_33_FILE,
  HELDOUT_34_FILE,
  HELDOUT_35_FILE,
  HELDOUT_36_FILE,
  HELDOUT_37_FILE,
  HELDOUT_38_FILE,
  HELDOUT_39_FILE,
  HELDOUT_40_FILE,
  HELDOUT_41_FILE,
  HELDOUT_42_FILE,
  HELDOUT_43_FILE,
  HELDOUT_44_FILE,
  HELDOUT_45_FILE,
  HELDOUT_46_FILE,
  HELDOUT_47_FILE,
  HELDOUT_48_FILE,
  HELDOUT_49_FILE,
  HELDOUT_50_FILE,
  HELDOUT_51_FILE,
  HELDOUT_52_FILE,
  HELDOUT_FILE,
  loadQuestions,
  runEval,
} from "../../eval/run.ts";

/**
 * Minimum overall accuracy: the measured figure (244/245 = 99.6% on 2026-11-26) minus a margin for
 * questions added later, so that a regression fails the suite.
 */
const FLOOR = 0.95;
const MIN_QUESTIONS = 150;
const MIN_PER_CATEGORY = 8;

describe("comparing an answer with what it must contain", () => {
  it("a date is one date padded or not, and only that date", () => {
    expect(comparable("ngày 17/05/2021")).toContain(comparable("17/5/2021"));
    expect(comparable("Ngày 05/03/2022")).toBe(comparable("ngay 5/3/2022"));
    expect(comparable("1/12/2021")).not.toBe(comparable("11/2/2021"));
    // A document number is not a date.
    expect(comparable("3609/KH-BĐHCĐS")).toBe("3609/kh-bdhcds");
    expect(comparable("Số 01/2023")).toBe("so 01/2023");
  });
});

describe("evaluation set", () => {
  const questions = loadQuestions();

  it(`has at least ${MIN_QUESTIONS} questions`, () => {
    expect(questions.length).toBeGreaterThanOrEqual(MIN_QUESTIONS);
  });

  it(`has at least ${MIN_PER_CATEGORY} questions in every category`, () => {
    const counts = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
    for (const q of questions) counts[q.category] = (counts[q.category] ?? 0) + 1;
    const thin = Object.entries(counts).filter(([, n]) => n < MIN_PER_CATEGORY);
    expect(thin).toEqual([]);
  });

  it("marks every abstain-category question as abstaining, and no other category's question", () => {
    const wrong = questions
      .filter((q) => (q.category === "abstain") !== (q.abstain === true))
      .map((q) => q.q);
    expect(wrong).toEqual([]);
  });

  it("expects facts (or abstention) from every question outside robustness and linking", () => {
    const vague = questions.filter(
      (q) =>
        q.expect.length === 0 &&
        q.abstain !== true &&
        q.category !== "robustness" &&
        q.intent !== "link-needed",
    );
    expect(vague.map((q) => q.q)).toEqual([]);
  });
});

describe("answer engine on the evaluation set", () => {
  let result: EvalResult;

  beforeAll(async () => {
    result = await runEval();
  }, 60_000);

  it(`answers at least ${FLOOR * 100}% of the questions correctly`, () => {
    const summary = `${result.passed}/${result.total}; failures:\n${result.failures
      .map((f) => `#${f.index} [${f.category}] ${f.q}: ${f.reasons.join("; ")}`)
      .join("\n")}`;
    expect(result.overall, summary).toBeGreaterThanOrEqual(FLOOR);
  });

  it(`answers at least ${DEV_CATEGORY_FLOOR * 100}% in every category`, () => {
    const low = Object.entries(result.byCategory)
      .filter(([, c]) => c.total && c.pass / c.total < DEV_CATEGORY_FLOOR)
      .map(([name, c]) => `${name} ${c.pass}/${c.total}`);
    expect(low).toEqual([]);
  });

  it("abstains on every question whose answer is not in the knowledge", () => {
    const notAbstained = result.failures
      .filter((f) => f.category === "abstain")
      .map((f) => `#${f.index} ${f.q}: ${f.reasons.join("; ")}`);
    expect(notAbstained).toEqual([]);
    expect(result.byCategory["abstain"]?.total).toBeGreaterThanOrEqual(MIN_PER_CATEGORY);
  });

  it("never throws and never shows internal values", () => {
    const broken = result.failures.filter((f) =>
      f.reasons.some((r) => r.startsWith("threw") || r.startsWith("answer shows") || r === "empty answer"),
    );
    expect(broken.map((f) => `#${f.index} ${f.q}: ${f.reasons.join("; ")}`)).toEqual([]);
  });
});

/**
 * The held-out set (written blind, never tuned on): a floor under the figure measured when it was
 * written (364/504 = 72% on 2026-12-06; 406/504 after that day's engine work), so that an engine change that loses ground on questions
 * nobody tuned for fails the suite. Its failures are not printed here: read them with
 * `npm run eval -- --heldout-failures` to find a class of problem, never to fix one question.
 */
const HELDOUT_FLOOR = 0.9;
/** Every category of the held-out set (measured 80–100 % at the end of 2026-12-06). */
const HELDOUT_CATEGORY_FLOOR = 0.7;
/** Every category of the dev set (measured 100 % on 2026-12-06). */
const DEV_CATEGORY_FLOOR = 0.9;

describe("answer engine on the held-out set", () => {
  let result: EvalResult;

  beforeAll(async () => {
    result = await runEval({ questionsFile: HELDOUT_FILE });
  }, 60_000);

  it("is a valid set: unique ids, paraphrases of existing questions", () => {
    const questions = loadQuestions(HELDOUT_FILE);
    const ids = questions.map((q) => q.id);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const known = new Set(ids);
    expect(questions.filter((q) => q.same && !known.has(q.same)).map((q) => q.id)).toEqual([]);
    expect(questions.filter((q) => !q.same).length).toBeGreaterThanOrEqual(200);
  });

  it(`answers at least ${HELDOUT_FLOOR * 100}% of the held-out questions correctly`, () => {
    expect(result.overall).toBeGreaterThanOrEqual(HELDOUT_FLOOR);
  });

  it(`answers at least ${HELDOUT_CATEGORY_FLOOR * 100}% in every held-out category`, () => {
    const low = Object.entries(result.byCategory)
      .filter(([, c]) => c.total && c.pass / c.total < HELDOUT_CATEGORY_FLOOR)
      .map(([name, c]) => `${name} ${c.pass}/${c.total}`);
    expect(low).toEqual([]);
  });

  it("never throws and never shows internal values", () => {
    const broken = result.failures.filter((f) =>
      f.reasons.some((r) => r.startsWith("threw") || r.startsWith("answer shows") || r === "empty answer"),
    );
    expect(broken.length).toBe(0);
  });
});

/**
 * The later held-out sets, each written blind and first run once (2026-12-06): set 2 75 %, set 3 85 %,
 * set 4 89 %, set 5 89 % (381/430), set 6 94 % (417/442; abstentions 65/68), set 7 91 % (393/430;
 * abstentions 53/62), set 8 94.9 % (408/430; abstentions 61/63), set 9 91 % (392/430 with dates compared
 * unpadded, 377 strictly; abstentions 74/82),
 * set 10 89.5 % (385/430; abstentions 67/80), set 11 91.2 % (392/430; abstentions 75/85),
 * set 12 90.9 % (391/430; abstentions 71/81). Floors a little under their figures at the end of that day, per set
 * and per category, so that a change that loses ground on any of them fails the suite.
 */
/**
 * Sets 2–17 are spent (read and tuned on) and score 97–99.6 %; their floors (0.88–0.97) guarded little that
 * the dev set and the sets below do not, and their 7,000 questions cost CI half a minute, so they are
 * reported by `npm run eval` only. Sets 18–22 (spent, 97–99 %) joined them on 2026-12-08, when sets 48 and
 * 49 were added, to keep CI's time where it was.
 */
const LATER_SETS: { file: string; name: string; overall: number; category: number; abstain: number }[] = [
  { file: HELDOUT_23_FILE, name: "held-out set 23", overall: 0.92, category: 0.8, abstain: 0.91 },
  { file: HELDOUT_24_FILE, name: "held-out set 24", overall: 0.91, category: 0.8, abstain: 0.87 },
  // Set 25: unread; first run 387/430 (abstentions 72/82) on facc710, the commit before it.
  { file: HELDOUT_25_FILE, name: "held-out set 25", overall: 0.89, category: 0.8, abstain: 0.86 },
  // Set 26: unread; first run 387/430 (abstentions 75/82) on cc24824, the commit before it.
  { file: HELDOUT_26_FILE, name: "held-out set 26", overall: 0.89, category: 0.7, abstain: 0.9 },
  // Set 27: first run 386/430 (abstentions 78/82) on b0e4f96, the commit before it; spent (read for
  // classes on 2026-12-07), now 421/430.
  { file: HELDOUT_27_FILE, name: "held-out set 27", overall: 0.95, category: 0.85, abstain: 0.97 },
  // Set 28: first run 367/430 (abstentions 70/82) on 7003c4f, the commit before it; spent (read for
  // classes on 2026-12-07), now 402/430.
  { file: HELDOUT_28_FILE, name: "held-out set 28", overall: 0.92, category: 0.75, abstain: 0.93 },
  // Set 29: first run 395/430 (abstentions 77/82) on 51983b7, the commit before it; read for classes since
  // (429/430 after).
  { file: HELDOUT_29_FILE, name: "held-out set 29", overall: 0.97, category: 0.9, abstain: 0.97 },
  // Set 30: first run 404/430 (abstentions 80/82) on 4863091; spent in the review (its failures were printed by mistake).
  { file: HELDOUT_30_FILE, name: "held-out set 30", overall: 0.93, category: 0.75, abstain: 0.96 },
  // Set 31: unread; first run 393/430 (abstentions 79/82) on 56af97d, the commit before it.
  { file: HELDOUT_31_FILE, name: "held-out set 31", overall: 0.9, category: 0.7, abstain: 0.95 },
  // Set 32: unread; committed before this stop's engine work, first run 396/430 (abstentions 78/82) on
  // 2f9232e, the final engine.
  { file: HELDOUT_32_FILE, name: "held-out set 32", overall: 0.92, category: 0.8, abstain: 0.95 },
  // First run on 5ddca40: 392/430, search 12/18, abstentions 76/82; then read for classes.
  { file: HELDOUT_33_FILE, name: "held-out set 33", overall: 0.91, category: 0.65, abstain: 0.92 },
  // First run on 096b912: 393/430, tasks 29/36, abstentions 79/82; then read for classes.
  { file: HELDOUT_34_FILE, name: "held-out set 34", overall: 0.91, category: 0.78, abstain: 0.95 },
  // Set 35: unread; committed at 064311c before this stop's engine work, first run 405/430 (abstentions
  // 79/82) on 70f8f5e, the final engine (the engine before the stop scores the same 405).
  { file: HELDOUT_35_FILE, name: "held-out set 35", overall: 0.94, category: 0.8, abstain: 0.95 },
  // Set 36: committed at 326417c before this stop's engine work, first run 414/430 (abstentions 75/82) on
  // 3aeaa44 (the engine before the stop scores 412); then read for classes (spent), now 419.
  { file: HELDOUT_36_FILE, name: "held-out set 36", overall: 0.96, category: 0.85, abstain: 0.9 },
  // Set 37: committed at 0f79f84 before the classes from set 36, first run 403/430 (abstentions 75/82) on
  // 485e922 (3aeaa44 scores 403 too, the engine before that stop 402); then read for classes (spent).
  { file: HELDOUT_37_FILE, name: "held-out set 37", overall: 0.96, category: 0.85, abstain: 0.95 },
  // Set 38: committed at b60c300 before this stop's engine work, first run 406/430 (abstentions
  // 79/82, deadlines 26/32) on 64b46b5, the final engine (bac0e13, the engine before the stop, scores 406
  // too); read for classes in the next stop (spent), now 416.
  { file: HELDOUT_38_FILE, name: "held-out set 38", overall: 0.94, category: 0.8, abstain: 0.95 },
  // Set 39: committed at 9d7f282 before this stop's last engine commits, first run 414/430
  // (abstentions 79/82) on 418ddc8, the final engine (64b46b5 scores 414 too, bac0e13 411 with 77/82); read for classes in the next stop (spent), now 421.
  { file: HELDOUT_39_FILE, name: "held-out set 39", overall: 0.96, category: 0.85, abstain: 0.95 },
  // Set 40: committed at bbdb152 before this stop's engine work, first run 409/430 (abstentions 78/82) on
  // 75317ab; the engine before the stop (0b033b7) scores 409 with 78/82 too. Then read for classes (spent).
  { file: HELDOUT_40_FILE, name: "held-out set 40", overall: 0.95, category: 0.85, abstain: 0.95 },
  // Set 41: committed at 854c939 before that stop's second round, first run 412/430 (abstentions 79/82)
  // on 927c67d; read for classes in the next stop (spent), now 423.
  { file: HELDOUT_41_FILE, name: "held-out set 41", overall: 0.95, category: 0.85, abstain: 0.95 },
  // Set 42: committed at 074aa37 before this stop's engine work, first run 413/430 (abstentions 77/82) on
  // 6d7c516 (4be55f9, the engine before the stop, scores 410 with 77/82); then read for classes (spent).
  { file: HELDOUT_42_FILE, name: "held-out set 42", overall: 0.96, category: 0.9, abstain: 0.95 },
  // Set 43: committed at 25563da before the classes from set 42, first run 410/430 (abstentions 79/82) on
  // 3a7aaaf (4be55f9 scores 407 with 78/82); then read for classes (spent).
  { file: HELDOUT_43_FILE, name: "held-out set 43", overall: 0.96, category: 0.9, abstain: 0.95 },
  // Set 44: committed at 84a5e1e before the classes from set 43, first run 409/430 (abstentions 78/82) on
  // 855d4fa; 4be55f9 (the engine before that stop) scores the same. Read for classes the stop after (spent).
  { file: HELDOUT_44_FILE, name: "held-out set 44", overall: 0.95, category: 0.85, abstain: 0.95 },
  // Sets 45, 46, 47: each committed before the engine work it measured (472f9fe, d5a8b96, 183065d), first
  // runs 412/430 (76/82) on e7aab42, 409/430 (77/82) on 3f10df9, 411/430 (78/82) on 7194a7c (and 258c15a, the final engine); af03732, the
  // engine before the stop, scores the same on each. All three then read for classes (spent; 47 in the
  // stop after, now 425/430).
  { file: HELDOUT_45_FILE, name: "held-out set 45", overall: 0.95, category: 0.85, abstain: 0.95 },
  { file: HELDOUT_46_FILE, name: "held-out set 46", overall: 0.95, category: 0.85, abstain: 0.95 },
  { file: HELDOUT_47_FILE, name: "held-out set 47", overall: 0.95, category: 0.85, abstain: 0.95 },
  // Set 48: committed at 401d97f before the classes from set 47, first run 405/430 (abstentions 76/82, mine
  // 25/32) on bb0ddbf; 6b539ae, the engine before this stop, scores the same. Read for classes since
  // (spent), now 418/430.
  { file: HELDOUT_48_FILE, name: "held-out set 48", overall: 0.94, category: 0.75, abstain: 0.95 },
  // Set 49: committed at d170c23 before the classes from set 48, first run 414/430 (abstentions 80/82) on
  // 2789354; bb0ddbf, the engine before those classes, scores the same. Read for classes since (spent).
  { file: HELDOUT_49_FILE, name: "held-out set 49", overall: 0.95, category: 0.85, abstain: 0.95 },
  // Set 50: committed at 444ced2 before the next classes from set 48, first run 414/430 (abstentions
  // 81/82) on 267d2b6; 51b218b, the engine before them, scores the same. Read for classes since (spent),
  // now 416/430.
  { file: HELDOUT_50_FILE, name: "held-out set 50", overall: 0.95, category: 0.85, abstain: 0.95 },
  // Set 51: unread; committed at 905fadd before the classes from set 49, first run 418/430 (abstentions
  // 79/82) on 8c5d37c; 43c85a5, the engine before them, scores the same.
  { file: HELDOUT_51_FILE, name: "held-out set 51", overall: 0.95, category: 0.85, abstain: 0.95 },
  // Set 52: unread; committed at f70193a before the last classes of this stop, first run 413/430
  // (abstentions 78/82) on 3a50915; 8c5d37c, the engine before them, scores the same.
  { file: HELDOUT_52_FILE, name: "held-out set 52", overall: 0.95, category: 0.85, abstain: 0.95 },
];

describe.each(LATER_SETS)("answer engine on $name", ({ file, overall, category, abstain }) => {
  let result: EvalResult;
  beforeAll(async () => {
    result = await runEval({ questionsFile: file });
  }, 60_000);

  it("is a valid set of at least 200 questions with unique ids", () => {
    const questions = loadQuestions(file);
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(questions.filter((q) => !q.same).length).toBeGreaterThanOrEqual(200);
  });

  it(`answers at least ${overall * 100}% overall, ${category * 100}% in every category, ${abstain * 100}% of the abstentions`, () => {
    expect(result.overall).toBeGreaterThanOrEqual(overall);
    const low = Object.entries(result.byCategory)
      .filter(([, c]) => c.total && c.pass / c.total < category)
      .map(([name, c]) => `${name} ${c.pass}/${c.total}`);
    expect(low).toEqual([]);
    expect(result.abstentions.pass / result.abstentions.total).toBeGreaterThanOrEqual(abstain);
  });
});
