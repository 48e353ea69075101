/**
 * Grading a class (goal: 10,000 answers in under 10 s). A seeded class of 500 students answers 20 questions: mostly
 * right in several spellings (text, LaTeX, `y' = ...`), often wrong in the usual ways, sometimes unreadable or
 * blank, and a few answers no one else wrote. Timed three ways: the library call alone; the same class with every
 * answer distinct (the memo of identical answers never helps: the worst case); and the whole command on CSV files,
 * process start and report writing included.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { grade, prepareKey, type Submission } from "../../dist/homework/grade.js";
import { formatCsv } from "../../dist/train/csv.js";
import { mulberry32 } from "../../dist/random.js";
import { printTable } from "../lib/table.js";

interface Question {
  readonly question: string;
  readonly function: string;
  readonly variable?: string;
  readonly order?: number;
  /** Right answers, as students spell them. */
  readonly right: readonly string[];
  /** Usual mistakes. */
  readonly wrong: readonly string[];
}

const QUESTIONS: readonly Question[] = [
  { question: "q01", function: "sin(x^2)", right: ["2x cos(x^2)", "2*x*cos(x^2)", "cos(x^2)*2x", "2x\\cos\\left(x^{2}\\right)", "y' = 2x cos x^2"], wrong: ["cos(x^2)", "2x sin(x^2)", "cos(2x)"] },
  { question: "q02", function: "x^3 - 2x", right: ["3x^2 - 2", "3*x^2-2", "dy/dx = 3x^2 - 2"], wrong: ["3x^2", "3x^2 - 2x", "x^2 - 2"] },
  { question: "q03", function: "exp(3x)", right: ["3exp(3x)", "3e^(3x)", "3\\exp(3x)"], wrong: ["exp(3x)", "3x exp(3x - 1)", "e^(3x)/3"] },
  { question: "q04", function: "ln(x^2 + 1)", right: ["2x/(x^2 + 1)", "\\frac{2x}{x^2+1}", "2x (x^2+1)^-1"], wrong: ["1/(x^2 + 1)", "2x/(x + 1)", "2/(x^2+1)"] },
  { question: "q05", function: "x sin(x)", right: ["sin(x) + x cos(x)", "x cos x + sin x"], wrong: ["cos(x)", "x cos(x)", "sin(x) - x cos(x)"] },
  { question: "q06", function: "sqrt(x)", right: ["1/(2sqrt(x))", "\\frac{1}{2\\sqrt{x}}", "0.5x^(-1/2)", "x^(-1/2)/2"], wrong: ["1/sqrt(x)", "2sqrt(x)", "sqrt(x)/2"] },
  { question: "q07", function: "tan(x)", right: ["sec(x)^2", "1/cos(x)^2", "1 + tan(x)^2", "\\sec^2 x"], wrong: ["-sec(x)^2", "sec(x)", "cot(x)"] },
  { question: "q08", function: "x^2 exp(x)", right: ["(x^2 + 2x) e^x", "x^2 e^x + 2x e^x", "x(x+2)exp(x)"], wrong: ["2x e^x", "x^2 e^x", "2x e^x - x^2 e^x"] },
  { question: "q09", function: "1/x", right: ["-1/x^2", "-x^(-2)", "-\\frac{1}{x^2}"], wrong: ["1/x^2", "ln(x)", "-1/x"] },
  { question: "q10", function: "cos(3x + 1)", right: ["-3 sin(3x + 1)", "-3sin(3x+1)"], wrong: ["3 sin(3x + 1)", "-sin(3x + 1)", "-3 cos(3x + 1)"] },
  { question: "q11", function: "atan(x)", right: ["1/(1 + x^2)", "\\frac{1}{1+x^{2}}"], wrong: ["1/(1 - x^2)", "sec(x)^2", "-1/(1 + x^2)"] },
  { question: "q12", function: "x/(x + 1)", right: ["1/(x + 1)^2", "((x+1) - x)/(x+1)^2"], wrong: ["1", "-1/(x + 1)^2", "x/(x + 1)^2"] },
  { question: "q13", function: "sin(x)^2", right: ["2 sin(x) cos(x)", "sin(2x)", "2sin x cos x"], wrong: ["2 sin(x)", "cos(x)^2", "2 cos(x)"] },
  { question: "q14", function: "(2x + 1)^5", right: ["10(2x + 1)^4", "10*(2*x+1)^4"], wrong: ["5(2x + 1)^4", "10(2x + 1)^5", "(2x + 1)^4"] },
  { question: "q15", function: "exp(-x^2)", right: ["-2x exp(-x^2)", "-2x e^(-x^2)"], wrong: ["exp(-x^2)", "2x exp(-x^2)", "-x^2 exp(-x^2 - 1)"] },
  { question: "q16", function: "x^x", right: ["x^x (ln(x) + 1)", "x^x ln x + x^x"], wrong: ["x x^(x - 1)", "x^x ln(x)", "x^x"] },
  { question: "q17", function: "ln(cos(x))", right: ["-tan(x)", "-sin(x)/cos(x)"], wrong: ["tan(x)", "1/cos(x)", "-1/sin(x)"] },
  { question: "q18", function: "x^2 y + sin(y)", variable: "y", right: ["x^2 + cos(y)", "cos y + x^2"], wrong: ["2x y", "2x y + cos(y)", "x^2 - cos(y)"] },
  { question: "q19", function: "x^4", order: 2, right: ["12x^2", "12*x^2"], wrong: ["4x^3", "12x", "16x^2"] },
  { question: "q20", function: "sinh(x) cosh(x)", right: ["cosh(2x)", "cosh(x)^2 + sinh(x)^2"], wrong: ["cosh(x)^2", "sinh(x)^2", "1"] },
];

const UNREADABLE = ["2x cos(x^2", "3x^2 -", "sin(x)/", "(x+1))", "2x ** 3", "x^", "sec^x", "\\frac{1}{x"];

const STUDENTS = 500;

/**
 * The class's answers: 62% right, 25% usual mistakes, 5% unreadable, 3% blank, 5% an answer of their own (a wrong
 * multiple of a right answer, different for each). Spacing varies, as it does when students type.
 */
function classAnswers(seed: number, distinct: boolean): Submission[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const out: Submission[] = [];
  for (let s = 0; s < STUDENTS; s++) {
    for (const q of QUESTIONS) {
      const roll = random();
      let answer =
        roll < 0.62 ? pick(q.right)
        : roll < 0.87 ? pick(q.wrong)
        : roll < 0.92 ? pick(UNREADABLE)
        : roll < 0.95 ? ""
        : `${2 + Math.floor(random() * 1000)}*(${pick(q.right).replace(/^.*=/, "")})`;
      if (random() < 0.3) answer = answer.replace(/ /g, "");
      // Every answer distinct: a term that is 0 and reads differently each time keeps it right or wrong as it was.
      if (distinct && answer !== "" && !UNREADABLE.includes(answer)) {
        const zero = answer.includes("\\") ? ` + 0 x^{${out.length + 2}}` : ` + 0*x^${out.length + 2}`;
        answer = `${answer.replace(/^.*=/, "")}${zero}`;
      }
      out.push({ student: `student${String(s + 1).padStart(3, "0")}`, question: q.question, answer });
    }
  }
  return out;
}

const keyEntries = QUESTIONS.map(({ question, function: f, variable, order }) => ({ question, function: f, ...(variable && { variable }), ...(order && { order }) }));

function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

export async function run(): Promise<void> {
  const rows = [];
  for (const [label, distinct] of [["realistic class", false], ["every answer distinct", true]] as const) {
    const answers = classAnswers(7, distinct);
    const { value: results, ms } = timed(() => grade(answers, prepareKey(keyEntries)));
    const count = (v: string) => results.filter((r) => r.verdict === v).length;
    const unique = new Set(answers.map((a) => `${a.question}\u0000${a.answer.trim()}`)).size;
    rows.push([label, answers.length, unique, count("correct"), count("incorrect"), count("unreadable"), ms / 1000, (ms * 1000) / answers.length]);
  }
  console.log("Library: grade(answers, prepareKey(key)), one run each (the memo of identical answers is the point).\n");
  printTable(["class", "answers", "distinct", "correct", "incorrect", "unreadable", "s", "µs/answer"], rows);

  const dir = mkdtempSync(join(tmpdir(), "symdiff-grade-"));
  try {
    const answers = join(dir, "answers.csv");
    const key = join(dir, "key.csv");
    writeFileSync(answers, formatCsv(["student", "question", "answer"], classAnswers(7, false).map((a) => [a.student, a.question, a.answer])));
    writeFileSync(key, formatCsv(["question", "function", "variable", "order"], QUESTIONS.map((q) => [q.question, q.function, q.variable ?? "", String(q.order ?? "")])));
    const bin = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
    const { ms } = timed(() => execFileSync(process.execPath, [bin, "grade", answers, "--key", key, "--out", join(dir, "report.csv")]));
    console.log(`\nCommand line: symdiff grade answers.csv --key key.csv --out report.csv (10,000 answers): ${(ms / 1000).toFixed(2)} s, process start included`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
