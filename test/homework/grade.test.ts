/**
 * The grader, library level: verdicts for a small class worked by hand, the key's problems, the CSV tables and the
 * reports. Derivatives by hand: d/dx sin(x^2) = 2x cos(x^2); d/dx (x^3 - 2x) = 3x^2 - 2; d/dy (x^2 y + sin y) =
 * x^2 + cos y; d²/dx² x^4 = 12x^2.
 */
import { describe, expect, it } from "vitest";
import { grade, prepareKey, readAnswer, summarize, type KeyEntry } from "../../src/homework/grade.js";
import { readAnswers, readKey } from "../../src/homework/grade-table.js";
import { reportCsv, resultJson, spreadsheetText, summaryText } from "../../src/homework/grade-report.js";
import * as library from "../../src/index.js";
import { format } from "../../src/print/text.js";
import { formatCsv, parseCsv } from "../../src/train/csv.js";

const KEY: KeyEntry[] = [
  { question: "q1", function: "sin(x^2)", variable: "x" },
  { question: "q2", function: "x^3 - 2x" },
  { question: "q3", function: "x^2*y + sin(y)", variable: "y", order: "1" },
  { question: "q4", function: "x^4", order: 2 },
];

const gradeOne = (question: string, answer: string, key: KeyEntry[] = KEY) => grade([{ student: "s", question, answer }], prepareKey(key))[0]!;

describe("grade: verdicts", () => {
  it.each([
    ["2*x*cos(x^2)"],
    ["2x cos(x^2)"],
    ["cos(x^2)*2x"],
    ["2x cos x^2"],
    ["2x\\cos\\left(x^{2}\\right)"],
    ["$2x\\cos(x^2)$"],
    ["\\(2 x \\cos x^{2}\\)"],
    ["y = 2x cos(x^2)"],
    ["y' = 2x cos(x^2)"],
    ["dy/dx = 2x cos(x^2)"],
    ["\\frac{dy}{dx} = 2x\\cos(x^2)"],
    ["f'(x) = x cos(x^2) + x cos(x^2)"],
  ])("%s is correct for d/dx sin(x^2)", (answer) => {
    expect(gradeOne("q1", answer)).toMatchObject({ verdict: "correct", detail: "" });
  });

  it("a wrong answer comes with a point where it differs, and both values there", () => {
    const r = gradeOne("q1", "2x sin(x^2)");
    expect(r.verdict).toBe("incorrect");
    const { at, answer, derivative } = r.counterexample!;
    const x = at.x!;
    // By hand: the answer is 2x sin(x^2), the derivative 2x cos(x^2); they differ wherever tan(x^2) ≠ 1.
    expect(answer).toBeCloseTo(2 * x * Math.sin(x * x), 12);
    expect(derivative).toBeCloseTo(2 * x * Math.cos(x * x), 12);
    expect(Math.abs(answer - derivative)).toBeGreaterThan(1e-6);
    expect(r.detail).toMatch(new RegExp(`^at x = ${x}: the answer is -?[\\d.]+, the derivative is -?[\\d.]+$`));
  });

  it("an answer off by a constant gets a point too, though the checker decides it exactly", () => {
    // 3x^2 against 3x^2 - 2: the difference is exactly 2, everywhere.
    const r = gradeOne("q2", "3x^2");
    expect(r.verdict).toBe("incorrect");
    const { at, answer, derivative } = r.counterexample!;
    expect(answer - derivative).toBeCloseTo(2, 12);
    expect(answer).toBeCloseTo(3 * at.x! ** 2, 12);
    expect(r.detail).toContain("answer - expected is exactly 2");
  });

  it("differentiates by the key's variable and to the key's order", () => {
    expect(gradeOne("q3", "x^2 + cos(y)").verdict).toBe("correct");
    const byX = gradeOne("q3", "2x y + cos(y)");
    expect(byX.verdict).toBe("incorrect");
    const { at, answer, derivative } = byX.counterexample!;
    expect(answer).toBeCloseTo(2 * at.x! * at.y! + Math.cos(at.y!), 12);
    expect(derivative).toBeCloseTo(at.x! ** 2 + Math.cos(at.y!), 12);
    expect(gradeOne("q4", "12x^2").verdict).toBe("correct");
    expect(gradeOne("q4", "4x^3").verdict).toBe("incorrect");
  });

  it("an unreadable answer gets the parse error and its column, in the answer as written", () => {
    expect(gradeOne("q1", "2x cos(x^2")).toMatchObject({
      verdict: "unreadable",
      detail: "unclosed '(' at column 7, expected ')' to close it",
      error: { line: 1, column: 7 },
    });
    // The column counts the `y' = ` that was set aside.
    expect(gradeOne("q2", "y' = 3x^2 - 2)")).toMatchObject({ verdict: "unreadable", error: { column: 14 } });
    expect(gradeOne("q2", "3x^2\n- 2)").error).toMatchObject({ line: 2, column: 4 });
    expect(gradeOne("q1", "d/dx sin(x^2)")).toMatchObject({ verdict: "unreadable", detail: expect.stringContaining("a derivative request is not an expression") });
  });

  it("an empty answer is unreadable: no answer", () => {
    expect(gradeOne("q1", "  ")).toMatchObject({ verdict: "unreadable", detail: "no answer" });
  });

  it("a question missing from the key, or a key entry that cannot be used, leaves the answer ungraded", () => {
    expect(gradeOne("q9", "1")).toEqual({ student: "s", question: "q9", answer: "1", verdict: "ungraded", detail: "question q9 is not in the key" });
    const broken: KeyEntry[] = [
      { question: "a", function: "sin(x" },
      { question: "b", function: "x*y" },
      { question: "c", function: "x^2", order: "two" },
      { question: "d", function: "x^2", variable: "2x" },
      { question: "e", function: "" },
      { question: "f", function: "d/dx x^2", variable: "y" },
    ];
    const details = broken.map((k) => gradeOne(k.question, "2x", broken)).map((r) => [r.verdict, r.detail]);
    expect(details).toEqual([
      ["ungraded", "the key's entry for a has a function that does not parse: unclosed '(' at column 4, expected ')' to close it"],
      ["ungraded", "the key's entry for b has a function of x, y: name the variable to differentiate by"],
      ["ungraded", "the key's entry for c has order 'two': expected a whole number of at least 1"],
      ["ungraded", "the key's entry for d has variable '2x', which is not a variable name"],
      ["ungraded", "the key's entry for e has no function"],
      ["ungraded", "the key's entry for f asks for d/dx in its function but names the variable y"],
    ]);
  });

  it("a key's function may name its variable with a prefix or as a function's parameter", () => {
    const key: KeyEntry[] = [
      { question: "p", function: "d/dt t^3" },
      { question: "f", function: "f(t) = a*t^2" },
    ];
    expect(gradeOne("p", "3t^2", key).verdict).toBe("correct");
    expect(gradeOne("f", "2a t", key).verdict).toBe("correct");
  });

  it("a question given twice in the key is an error", () => {
    expect(() => prepareKey([KEY[0]!, KEY[0]!])).toThrow("question 'q1' is in the key twice");
  });

  it("grades identical answers once, and reports progress per answer", () => {
    const answers = Array.from({ length: 50 }, (_, i) => ({ student: `s${i}`, question: "q1", answer: i % 2 ? "2x cos(x^2)" : "cos(x^2)" }));
    const seen: number[] = [];
    const results = grade(answers, prepareKey(KEY), { onProgress: (done, total) => seen.push(done / total) });
    expect(seen).toHaveLength(50);
    expect(seen.at(-1)).toBe(1);
    // The same outcome object's fields for the same answer: one check per distinct text.
    expect(results[0]!.counterexample).toBe(results[2]!.counterexample);
    expect(results.map((r) => r.verdict)).toEqual(answers.map((_, i) => (i % 2 ? "correct" : "incorrect")));
  });
});

describe("readAnswer", () => {
  it("sets aside math delimiters and the derivative's name", () => {
    expect(format(readAnswer("$$\\frac{d^{2}y}{dx^{2}} = 12x^{2}$$"))).toBe("12*x^2");
    expect(format(readAnswer("d^2y/dx^2 = 12x^2"))).toBe("12*x^2");
    expect(format(readAnswer("y'' = 12x^2"))).toBe("12*x^2");
  });
});

describe("summarize", () => {
  it("counts per question: the key's in order, answered or not, then unknown ones", () => {
    const results = grade(
      [
        { student: "a", question: "q2", answer: "3x^2 - 2" },
        { student: "b", question: "q2", answer: "3x^2" },
        { student: "c", question: "q7", answer: "1" },
        { student: "d", question: "q1", answer: "" },
      ],
      prepareKey(KEY),
    );
    const summary = summarize(results, prepareKey(KEY));
    expect(summary).toEqual([
      { question: "q1", correct: 0, incorrect: 0, unreadable: 1, ungraded: 0 },
      { question: "q2", correct: 1, incorrect: 1, unreadable: 0, ungraded: 0 },
      { question: "q3", correct: 0, incorrect: 0, unreadable: 0, ungraded: 0 },
      { question: "q4", correct: 0, incorrect: 0, unreadable: 0, ungraded: 0 },
      { question: "q7", correct: 0, incorrect: 0, unreadable: 0, ungraded: 1 },
    ]);
    expect(summaryText(summary)).toBe(
      [
        "question  correct  incorrect  unreadable  ungraded",
        "q1              0          0           1         0",
        "q2              1          1           0         0",
        "q3              0          0           0         0",
        "q4              0          0           0         0",
        "q7              0          0           0         1",
        "total           1          1           1         1",
        "",
      ].join("\n"),
    );
    expect(summaryText(summary.slice(0, 2))).not.toContain("ungraded");
  });
});

describe("the grader's CSV files", () => {
  it("reads quoted answers with commas, quotes and line breaks", () => {
    const text = 'Student , QUESTION,answer,submitted\r\n"Lee, Ann",q1,"2x cos(x^2)",monday\n"O""Neil",q1,"2x\ncos(x^2)",tuesday\n';
    expect(readAnswers(text, "answers.csv")).toEqual([
      { student: "Lee, Ann", question: "q1", answer: "2x cos(x^2)", line: 2 },
      { student: 'O"Neil', question: "q1", answer: "2x\ncos(x^2)", line: 3 },
    ]);
  });

  it("reads the key, variable and order optional", () => {
    expect(readKey("function,question\nsin(x^2),q1\n", "key.csv")).toEqual([{ question: "q1", function: "sin(x^2)", line: 2 }]);
    expect(readKey("question,function,variable,order\nq1,\"f(x, y) = x*y\",y,2\n", "key.csv")).toEqual([
      { question: "q1", function: "f(x, y) = x*y", variable: "y", order: "2", line: 2 },
    ]);
  });

  it("names the file, line and column of what is wrong", () => {
    expect(() => readAnswers("student,answer\nada,2x\n", "answers.csv")).toThrow("answers.csv: line 1: no 'question' column (the header has student, answer; expected student, question, answer)");
    expect(() => readAnswers("\nstudent,question\n", "a.csv")).toThrow("a.csv: line 2: no 'answer' column");
    expect(() => readAnswers("student,question,answer\nada,q1\n", "answers.csv")).toThrow(
      "answers.csv: line 2: 2 values, but the header has 3 columns (student, question, answer): no value for column 3 (answer)",
    );
    expect(() => readAnswers("student,question,answer\nada,q1,2x,extra\n", "answers.csv")).toThrow("answers.csv: line 2: 4 values, but the header has 3 columns (student, question, answer): column 4 has no name in the header");
    expect(() => readAnswers('student,question,answer\nada,q1,"2x\n', "answers.csv")).toThrow(`answers.csv: line 2: a quoted value is not closed (missing '"')`);
    expect(() => readKey("question,function\nq1,x^2\nq1,x^3\n", "key.csv")).toThrow("key.csv: line 3, column 1: question 'q1' is already in the key (line 2)");
    expect(() => readKey("question,function\n ,x^2\n", "key.csv")).toThrow("key.csv: line 2, column 1: the question has no name");
  });
});

describe("reports", () => {
  const results = grade(
    [
      { student: "Lee, Ann", question: "q1", answer: "2x cos(x^2)", line: 2 },
      { student: "bo", question: "q1", answer: 'cos(x^2), "I think"', line: 3 },
      { student: "cy", question: "q2", answer: "3x^2", line: 4 },
    ],
    prepareKey(KEY),
  );

  it("the CSV report reads back as the same rows", () => {
    const table = parseCsv(reportCsv(results));
    expect(table.header).toEqual(["student", "question", "verdict", "detail", "answer"]);
    expect(table.rows).toEqual(results.map((r) => [r.student, r.question, r.verdict, r.detail, r.answer]));
    expect(table.rows.map((r) => r[2])).toEqual(["correct", "unreadable", "incorrect"]);
  });

  it("formatCsv quotes only what needs it, and a lone empty cell is not a blank line", () => {
    expect(formatCsv(["a", "b"], [["x,y", 'say "hi"'], [" pad", "plain"]])).toBe('a,b\n"x,y","say ""hi"""\n" pad",plain\n');
    expect(parseCsv(formatCsv(["a"], [[""], ["1"]])).rows).toEqual([[""], ["1"]]);
  });

  it("JSON: one object per answer, a counterexample for a wrong one, the error for an unreadable one", () => {
    const [right, unreadable, wrong] = results.map(resultJson);
    expect(right).toEqual({ line: 2, student: "Lee, Ann", question: "q1", answer: "2x cos(x^2)", verdict: "correct" });
    // The parser takes `cos(x^2),` as the start of a list and stops at the quote, column 11.
    expect(unreadable).toMatchObject({ verdict: "unreadable", error: { message: "unexpected character '\"' at 1:11, expected an operator or an expression", line: 1, column: 11 } });
    expect(wrong).toMatchObject({ verdict: "incorrect", counterexample: { at: { x: expect.any(Number) }, answer: expect.any(Number), derivative: expect.any(Number) } });
    const c = wrong!.counterexample as { at: { x: number }; answer: number; derivative: number };
    expect(c.answer).toBeCloseTo(3 * c.at.x ** 2, 12);
    expect(c.derivative).toBeCloseTo(3 * c.at.x ** 2 - 2, 12);
  });
});

/**
 * What a spreadsheet runs as a formula when it opens a CSV file (Excel, LibreOffice, Google Sheets): a cell whose
 * first character is one of these (OWASP's list), or one of =+-@ after leading spaces (importers may trim them).
 */
const runsAsFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell) || /^ +[=+\-@]/.test(cell);

describe("the CSV report against formula injection", () => {
  it("spreadsheetText puts a ' before a cell that starts with =, +, -, @, a tab or a carriage return", () => {
    const cases: [string, string][] = [
      ["=HYPERLINK(\"http://evil\", \"x\")", "'=HYPERLINK(\"http://evil\", \"x\")"],
      ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
      ["-x^2", "'-x^2"], // a legitimate answer: OWASP's rule does not tell it from -2+3+cmd|...
      ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
      ["\t=1+1", "'\t=1+1"],
      ["\r=1+1", "'\r=1+1"],
      ["  =1+1", "'  =1+1"],
      ["\0=1", "'\0=1"],
    ];
    for (const [cell, written] of cases) expect(spreadsheetText(cell)).toBe(written);
    // Anything else is left as it is, a ' inside or at the start included.
    for (const cell of ["2x cos(x^2)", "x - 1", "x = 2", "'-x^2", "", "incorrect", "ada", "y' = 2x", "$-x^2$"]) expect(spreadsheetText(cell)).toBe(cell);
  });

  it("no cell of the report runs as a formula, and each reads as the text it came from after its '", () => {
    const key: KeyEntry[] = [{ question: "q1", function: "-x^3/3" }, { question: "=q2", function: "x^2" }];
    const submissions = [
      { student: "=HYPERLINK(\"http://evil.example\", \"ada\")", question: "q1", answer: "-x^2" },
      { student: "ben", question: "q1", answer: "+2x" },
      { student: "@cy", question: "q1", answer: "=1+1" },
      { student: "dee", question: "q1", answer: "\t-x^2" },
      { student: "eve", question: "=q2", answer: "-2+3+cmd|' /C calc'!A0" },
      { student: "fay", question: "=q2", answer: "2x, \"done\"" },
    ];
    const results = grade(submissions, prepareKey(key));
    expect(results.map((r) => r.verdict)).toEqual(["correct", "incorrect", "unreadable", "correct", "unreadable", "unreadable"]);
    const table = parseCsv(reportCsv(results));
    const cells = table.rows.flat();
    expect(cells.filter(runsAsFormula)).toEqual([]);
    const unescape = (cell: string) => cell.replace(/^'(?=[=+\-@\t\r\0]| +[=+\-@])/, "");
    expect(table.rows.map((row) => row.map(unescape))).toEqual(results.map((r) => [r.student, r.question, r.verdict, r.detail, r.answer]));
    expect(table.rows[0]![0]).toBe("'=HYPERLINK(\"http://evil.example\", \"ada\")");
    expect(table.rows[0]![4]).toBe("'-x^2");
    expect(table.rows[5]![4]).toBe('2x, "done"');
    // The JSON report keeps every answer exactly as written.
    expect(results.map((r) => resultJson(r).answer)).toEqual(submissions.map((s) => s.answer));
  });
});

describe("the library's grade", () => {
  // By hand: d/dx sin(x^2) = 2x cos(x^2); d/dx (x^3 - 2x) = 3x^2 - 2.
  const answers = [
    { student: "ada", question: "q1", answer: "2x cos(x^2)", email: "ada@example.org" },
    { student: "ben", question: "q1", answer: "2x sin(x^2)", email: "ben@example.org" },
    { student: "cy", question: "q2", answer: "3x^2 - 2)", email: "cy@example.org" },
    { student: "dee", question: "q3", answer: "2x", email: "dee@example.org" },
    { student: "eve", question: "q4", answer: "1", email: "eve@example.org" },
  ];
  const key = [
    { question: "q1", function: "sin(x^2)" },
    { question: "q2", function: "x^3 - 2x", variable: "x", order: 1 },
    { question: "q3", function: "x*y" },
  ];

  it("gives a verdict per answer, with its fields kept, and a counterexample a hand computation confirms", () => {
    const { results } = library.grade(answers, key);
    expect(results.map((r) => [r.student, r.email, r.verdict])).toEqual([
      ["ada", "ada@example.org", "correct"],
      ["ben", "ben@example.org", "incorrect"],
      ["cy", "cy@example.org", "unreadable"],
      ["dee", "dee@example.org", "ungraded"],
      ["eve", "eve@example.org", "ungraded"],
    ]);
    const c = results[1]!.counterexample!;
    expect(c.answer).toBeCloseTo(2 * c.at.x! * Math.sin(c.at.x! ** 2), 12);
    expect(c.derivative).toBeCloseTo(2 * c.at.x! * Math.cos(c.at.x! ** 2), 12);
    expect(Math.abs(c.answer - c.derivative)).toBeGreaterThan(1e-3);
    expect(results[2]).toMatchObject({ detail: "unexpected ')' at column 9, expected an operator", error: { line: 1, column: 9 } });
    expect(results[3]!.detail).toBe("the key's entry for q3 has a function of x, y: name the variable to differentiate by");
    expect(results[4]!.detail).toBe("question q4 is not in the key");
  });

  it("counts per question and names the key's unusable entries", () => {
    const { summary, keyProblems } = library.grade(answers, key);
    expect(summary).toEqual([
      { question: "q1", correct: 1, incorrect: 1, unreadable: 0, ungraded: 0 },
      { question: "q2", correct: 0, incorrect: 0, unreadable: 1, ungraded: 0 },
      { question: "q3", correct: 0, incorrect: 0, unreadable: 0, ungraded: 1 },
      { question: "q4", correct: 0, incorrect: 0, unreadable: 0, ungraded: 1 },
    ]);
    expect(keyProblems).toEqual([{ question: "q3", problem: "the key's entry for q3 has a function of x, y: name the variable to differentiate by" }]);
  });

  it("gives the verdicts symdiff grade gives, and takes the checker's seed", () => {
    const rows = [{ student: "ben", question: "q1", answer: "2x sin(x^2)" }];
    const cli = grade(rows, prepareKey(KEY));
    expect(library.grade(rows, KEY).results).toEqual(cli);
    const seeded = library.grade(rows, KEY, { check: { seed: 7 } }).results[0]!;
    expect(seeded.verdict).toBe("incorrect");
    expect(seeded.counterexample!.at).not.toEqual(cli[0]!.counterexample!.at); // another seed, another point
  });

  it("refuses a key with a question twice, and misuse, with ArgumentErrors naming the argument", () => {
    expect(() => library.grade([], [key[0]!, key[0]!])).toThrow("question 'q1' is in the key twice");
    expect(() => library.grade([{ student: "a", question: "q1" } as never], key)).toThrow("grade: answers[0].answer must be a string, got undefined");
    expect(() => library.grade("a.csv" as never, key)).toThrow(/^grade: the answers must be an array/);
    expect(() => library.grade(answers, [{ question: "q1", function: "x", order: [2] as never }])).toThrow("grade: key[0].order must be a whole number (or its text), got an array");
    expect(() => library.grade(answers, key, { check: { samples: -1 } })).toThrow("grade: options.check: samples must be a whole number from 1 to 10000, got -1");
  });
});
