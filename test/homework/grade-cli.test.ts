/**
 * `symdiff grade`, run as the real built binary on the class in test/fixtures/grade. The counterexamples were
 * checked by hand at the points shown: at x = 0.746, 2x sin(x^2) = 1.492·sin(0.556516) = 0.788121 and
 * 2x cos(x^2) = 1.492·cos(0.556516) = 1.26686; at x = 0.254, 3x^2 = 0.193548 and 3x^2 - 2 = -1.80645; at
 * x = 0.746, y = -0.772, 2xy + cos y = -1.151824 + 0.716517 = -0.435307 and x^2 + cos y = 1.27303; at x = 0.746,
 * 4x^3 = 1.66064 and 12x^2 = 6.67819.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { gradeCommand } from "../../src/homework/grade-cli.js";
import { parseCsv } from "../../src/train/csv.js";
import { symdiff } from "../cli/run.js";

const ANSWERS = "test/fixtures/grade/answers.csv";
const KEY = "test/fixtures/grade/key.csv";

const REPORT = [
  "ada  q1  correct",
  "ben  q1  correct",
  "cy   q1  correct",
  "dee  q1  correct",
  "eve  q1  incorrect: at x = 0.746: the answer is 0.788121, the derivative is 1.26686",
  "ada  q2  correct",
  "ben  q2  incorrect: at x = 0.254: the answer is 0.193548, the derivative is -1.80645; answer - expected is exactly 2",
  "cy   q2  unreadable: unexpected ')' at column 9, expected an operator",
  "dee  q2  unreadable: no answer",
  "ada  q3  correct",
  "ben  q3  incorrect: at x = 0.746, y = -0.772: the answer is -0.435307, the derivative is 1.27303",
  "ada  q4  correct",
  "ben  q4  incorrect: at x = 0.746: the answer is 1.66064, the derivative is 6.67819",
  "cy   q5  ungraded: question q5 is not in the key",
  "",
].join("\n");

const SUMMARY = [
  "question  correct  incorrect  unreadable  ungraded",
  "q1              4          1           0         0",
  "q2              1          1           2         0",
  "q3              1          1           0         0",
  "q4              1          1           0         0",
  "q5              0          0           0         1",
  "total           7          4           2         1",
  "",
].join("\n");

const scratch = () => mkdtempSync(join(tmpdir(), "symdiff-grade-test-"));

describe.concurrent("symdiff grade", () => {
  it("prints a verdict per answer, then the summary per question; exit 0 though answers are wrong", async () => {
    expect(await symdiff(["grade", ANSWERS, "--key", KEY])).toEqual({ stdout: `${REPORT}\n${SUMMARY}`, stderr: "", status: 0 });
  });

  it("reads the answers from stdin with -", async () => {
    const run = await symdiff(["grade", "-", "--key", KEY], readFileSync(ANSWERS, "utf8"));
    expect(run).toEqual({ stdout: `${REPORT}\n${SUMMARY}`, stderr: "", status: 0 });
  });

  it("--json: one object per answer on stdout, the summary on stderr", async () => {
    const { stdout, stderr, status } = await symdiff(["grade", ANSWERS, "--key", KEY, "--json"]);
    expect(status).toBe(0);
    expect(stderr).toBe(SUMMARY);
    const lines = stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(14);
    expect(lines[0]).toEqual({ line: 2, student: "ada", question: "q1", answer: "2x cos(x^2)", verdict: "correct" });
    expect(lines[4]).toEqual({
      line: 6,
      student: "eve",
      question: "q1",
      answer: "2x sin(x^2)",
      verdict: "incorrect",
      detail: "at x = 0.746: the answer is 0.788121, the derivative is 1.26686",
      counterexample: { at: { x: 0.746 }, answer: expect.closeTo(1.492 * Math.sin(0.746 ** 2), 12), derivative: expect.closeTo(1.492 * Math.cos(0.746 ** 2), 12) },
    });
    expect(lines[7]).toEqual({
      line: 9,
      student: "cy",
      question: "q2",
      answer: "3x^2 - 2)",
      verdict: "unreadable",
      detail: "unexpected ')' at column 9, expected an operator",
      error: { message: "unexpected ')' at 1:9, expected an operator", line: 1, column: 9 },
    });
    expect(lines.map((l) => l.verdict)).toEqual(REPORT.trimEnd().split("\n").map((l) => /(correct|incorrect|unreadable|ungraded)/.exec(l)![1]));
  });

  it("--out writes the CSV report; stdout has the summary", async () => {
    const out = join(scratch(), "report.csv");
    expect(await symdiff(["grade", ANSWERS, "--key", KEY, "--out", out])).toEqual({ stdout: SUMMARY, stderr: "", status: 0 });
    const table = parseCsv(readFileSync(out, "utf8"));
    expect(table.header).toEqual(["student", "question", "verdict", "detail", "answer"]);
    expect(table.rows[4]).toEqual(["eve", "q1", "incorrect", "at x = 0.746: the answer is 0.788121, the derivative is 1.26686", "2x sin(x^2)"]);
    expect(table.rows[3]).toEqual(["dee", "q1", "correct", "", "$2x\\cos\\left(x^{2}\\right)$"]);
    expect(table.rows.map((r) => r[2])).toEqual(REPORT.trimEnd().split("\n").map((l) => /(correct|incorrect|unreadable|ungraded)/.exec(l)![1]));
  });

  it("--out writes answers that start like a formula as text: a leading ', -x^2 too; the text report keeps them as written", async () => {
    const dir = scratch();
    // d/dx -x^3/3 = -x^2, so the first two answers are right; the others would run in a spreadsheet.
    writeFileSync(
      join(dir, "answers.csv"),
      [
        "student,question,answer",
        "ada,q1,-x^2",
        'ben,q1,"+-x^2"',
        '"=HYPERLINK(""http://evil.example"",""cy"")",q1,-x^2',
        "dee,q1,@SUM(A1:A2)",
        "eve,q1,\t-2x",
        "",
      ].join("\n"),
    );
    writeFileSync(join(dir, "key.csv"), "question,function\nq1,-x^3/3\n");
    const out = join(dir, "report.csv");
    const run = await symdiff(["grade", join(dir, "answers.csv"), "--key", join(dir, "key.csv"), "--out", out]);
    expect(run.status).toBe(0);
    const written = readFileSync(out, "utf8");
    const rows = parseCsv(written).rows;
    expect(rows.map((r) => [r[0], r[2], r[4]])).toEqual([
      ["ada", "correct", "'-x^2"],
      ["ben", "correct", "'+-x^2"],
      ['\'=HYPERLINK("http://evil.example","cy")', "correct", "'-x^2"],
      ["dee", "unreadable", "'@SUM(A1:A2)"],
      ["eve", "incorrect", "'\t-2x"],
    ]);
    // As a spreadsheet reads the file: no cell starts with a formula character.
    expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    const text = await symdiff(["grade", join(dir, "answers.csv"), "--key", join(dir, "key.csv"), "--json"]);
    expect(text.stdout.trimEnd().split("\n").map((l) => (JSON.parse(l) as { answer: string }).answer)).toEqual(["-x^2", "+-x^2", "-x^2", "@SUM(A1:A2)", "\t-2x"]);
  });

  it("--help says how the CSV report writes answers that start like a formula", async () => {
    const help = (await symdiff(["grade", "--help"])).stdout;
    expect(help).toContain("starts with =, +, -, @, a tab or a carriage return gets a leading '");
    expect(help).toContain("the answer -x^2 is written\n                    '-x^2");
  });

  it("--json with --out writes the JSON lines to the file", async () => {
    const out = join(scratch(), "report.jsonl");
    expect(await symdiff(["grade", ANSWERS, "--key", KEY, "--json", "--out", out])).toEqual({ stdout: SUMMARY, stderr: "", status: 0 });
    const lines = readFileSync(out, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.student, l.question, l.verdict])[13]).toEqual(["cy", "q5", "ungraded"]);
  });

  it("reads quoted fields, extra columns and columns in any order", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "answers.csv"), 'Answer,Student,time,Question\n"2x\r\ncos(x^2)","Lee, Ann",9:00,q1\n"cos(x^2), ""2x""",bo,9:01,q1\n');
    writeFileSync(join(dir, "key.csv"), "question,function\nq1,sin(x^2)\n");
    const { stdout, status } = await symdiff(["grade", join(dir, "answers.csv"), "--key", join(dir, "key.csv"), "--json"]);
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.student, l.answer, l.verdict])).toEqual([
      ["Lee, Ann", "2x\r\ncos(x^2)", "correct"],
      ["bo", 'cos(x^2), "2x"', "unreadable"],
    ]);
  });

  it("warns about a key entry it cannot use, grades the rest, and exits 0", async () => {
    const dir = scratch();
    writeFileSync(join(dir, "answers.csv"), "student,question,answer\nada,q1,2x\nada,q2,1\n");
    writeFileSync(join(dir, "key.csv"), "question,function\nq1,x^2\nq2,sin(x\n");
    const run = await symdiff(["grade", join(dir, "answers.csv"), "--key", join(dir, "key.csv")]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(`warning: ${join(dir, "key.csv")}, line 3: the key's entry for q2 has a function that does not parse: unclosed '(' at column 4, expected ')' to close it\n`);
    expect(run.stdout).toContain("ada  q1  correct\nada  q2  ungraded: the key's entry for q2 has a function that does not parse");
  });

  it.each([
    [["grade", ANSWERS], "error: missing --key: the CSV file of questions (question, function, variable, order)\n"],
    [["grade", "--key", KEY], "error: missing the answers file (or - to read it from stdin): symdiff grade answers.csv --key key.csv\n"],
    [["grade", ANSWERS, ANSWERS, "--key", KEY], /^error: expected one answers file, got 2/],
    [["grade", ANSWERS, "--key", KEY, "--bogus"], "error: unknown option '--bogus' (--help lists the options)\n"],
    [["grade", "no-such.csv", "--key", KEY], /^error: cannot read no-such\.csv: ENOENT/],
    [["grade", KEY, "--key", KEY], "error: test/fixtures/grade/key.csv: line 1: no 'student' column (the header has question, function, variable, order; expected student, question, answer)\n"],
    [["grade", ANSWERS, "--key", ANSWERS], "error: test/fixtures/grade/answers.csv: line 1: no 'function' column (the header has student, question, answer; expected question, function)\n"],
  ])("bad input exits 2: %j", async (args, message) => {
    const run = await symdiff(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(message);
  });

  it("a malformed row names the file, line and column; with --json the error is JSON too", async () => {
    const dir = scratch();
    const answers = join(dir, "answers.csv");
    writeFileSync(answers, "student,question,answer\nada,q1,2x\nben,q1\n");
    const run = await symdiff(["grade", answers, "--key", KEY, "--json"]);
    expect(run.status).toBe(2);
    const message = `${answers}: line 3: 2 values, but the header has 3 columns (student, question, answer): no value for column 3 (answer)`;
    expect(run.stderr).toBe(`error: ${message}\n`);
    expect(JSON.parse(run.stdout)).toEqual({ error: message, kind: "input" });
  });

  it("is listed in symdiff --help and has its own help", async () => {
    expect((await symdiff(["--help"])).stdout).toMatch(/^ {2}grade +grade a class/m);
    const help = await symdiff(["grade", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: symdiff grade <answers.csv \| -> --key key.csv/);
  });
});

describe("the progress bar", () => {
  /** Runs the command in-process with stderr a terminal or a pipe, and returns what stderr received. */
  async function stderrOf(isTTY: boolean): Promise<string> {
    const stderr = Object.assign(new PassThrough(), { isTTY });
    const stdout = new PassThrough();
    let written = "";
    stderr.on("data", (chunk: Buffer) => (written += chunk.toString()));
    stdout.resume();
    const code = await gradeCommand.run([ANSWERS, "--key", KEY, "--out", join(scratch(), "r.csv")], { stdin: new PassThrough(), stdout, stderr, isTTY: false, color: false });
    expect(code).toBe(0);
    return written;
  }

  it("is drawn on a terminal and erased at the end", async () => {
    const written = await stderrOf(true);
    expect(written).toMatch(/^\rgrading \[#+-*\] +\d+% {2}\d+\/14 answers\x1b\[K/);
    expect(written).toContain("\rgrading [##############################] 100%  14/14 answers\x1b[K");
    expect(written.endsWith("\r\x1b[K")).toBe(true);
  });

  it("is not drawn when stderr is a pipe", async () => {
    expect(await stderrOf(false)).toBe("");
  });
});
