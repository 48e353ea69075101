/**
 * Grading a class: every student's answer to every question, checked against the derivative the key asks for.
 * Library level: rows in, verdicts out, no I/O (grade-table.ts reads the CSV files, grade-report.ts writes reports).
 *
 * Classes hand in many identical answers, so each (question, answer text) is checked once, and each question's
 * derivative is worked out once, when the key is prepared.
 */
import type { Expr } from "../ast/expr.js";
import { candidateVariables, checkVariable, diff } from "../diff.js";
import { ArgumentError, ParseError, SymdiffError } from "../errors.js";
import { parse, readStatement } from "../parser/parse.js";
import { mulberry32 } from "../random.js";
import { check, type CheckOptions, type CheckResult, formatValue } from "./check.js";
import { constantsOf, type Point, randomPoint, turnsFor, valueAt } from "./sampling.js";

export interface Submission {
  readonly student: string;
  readonly question: string;
  /** As the student wrote it: text (`2x cos x^2`, `y = ...`, `dy/dx = ...`) or LaTeX (`2x\cos\left(x^{2}\right)`). */
  readonly answer: string;
}

export interface KeyEntry {
  readonly question: string;
  /** The function to differentiate, as text or LaTeX; a prefix (`d/dx x^2`) or an equation (`f(t) = ...`) may name its variable. */
  readonly function: string;
  /** The variable to differentiate by; may be left out when the function names it or has only one. */
  readonly variable?: string;
  /** How many times to differentiate (default 1): a whole number, or its text as written in a key file. */
  readonly order?: number | string;
}

/**
 * `ungraded`: the answer could not be graded through no fault of its own (its question is not in the key, or the
 * key's entry for it is unusable); `detail` says why.
 */
export type GradeVerdict = "correct" | "incorrect" | "unreadable" | "ungraded";

/** Where an incorrect answer and the derivative differ, and both values there (NaN: undefined there). */
export interface Counterexample {
  readonly at: Point;
  readonly answer: number;
  readonly derivative: number;
}

/** What the grader says about one answer. */
export interface GradeOutcome {
  readonly verdict: GradeVerdict;
  /** The verdict explained in a sentence, for people; "" when there is nothing to add to "correct". */
  readonly detail: string;
  /** For an incorrect answer, when both sides are defined somewhere. */
  readonly counterexample?: Counterexample;
  /** For an unreadable answer: the parse error, with its position in the answer when it has one. */
  readonly error?: { readonly message: string; readonly line?: number; readonly column?: number };
}

export type Graded<S extends Submission = Submission> = S & GradeOutcome;

/** A question of the key, ready for grading: its derivative, or why it cannot be graded. */
export type PreparedQuestion =
  | { readonly question: string; readonly derivative: Expr; readonly variables: readonly string[]; readonly order: number }
  | { readonly question: string; readonly problem: string };

export type PreparedKey = ReadonlyMap<string, PreparedQuestion>;

export interface GradeOptions {
  /** Passed to the answer checker (seed, samples, tolerances). */
  readonly check?: CheckOptions;
  /** Called after each submission is graded: a progress bar's hook. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A class graded: a verdict per answer, counts per question, and the key's entries that could not be used. */
export interface ClassGrades<S extends Submission = Submission> {
  /** One per submission, in order: the submission's own fields (extra ones too) and its outcome. */
  readonly results: Graded<S>[];
  /** See `summarize`. */
  readonly summary: QuestionSummary[];
  /** The key's entries that cannot be used, with the reason (their answers are "ungraded"), in the key's order. */
  readonly keyProblems: readonly { readonly question: string; readonly problem: string }[];
}

/** The whole job without I/O: the key prepared, every submission graded, the counts per question. */
export function gradeClass<S extends Submission>(submissions: readonly S[], entries: readonly KeyEntry[], options: GradeOptions = {}): ClassGrades<S> {
  const key = prepareKey(entries);
  const results = grade(submissions, key, options);
  const keyProblems = [...key.values()].flatMap((q) => ("problem" in q ? [{ question: q.question, problem: q.problem }] : []));
  return { results, summary: summarize(results, key), keyProblems };
}

/** Works out every question's derivative. A broken entry is kept with its problem; a question given twice is an error. */
export function prepareKey(entries: readonly KeyEntry[]): PreparedKey {
  const key = new Map<string, PreparedQuestion>();
  for (const entry of entries) {
    const question = entry.question.trim();
    if (key.has(question)) throw new ArgumentError(`question '${question}' is in the key twice`);
    key.set(question, prepareQuestion(question, entry));
  }
  return key;
}

function prepareQuestion(question: string, entry: KeyEntry): PreparedQuestion {
  const problem = (text: string): PreparedQuestion => ({ question, problem: `the key's entry for ${question} ${text}` });
  const text = entry.function.trim();
  if (text === "") return problem("has no function");
  const order = orderOf(entry.order);
  if (order === undefined) return problem(`has order '${String(entry.order).trim()}': expected a whole number of at least 1`);
  const variable = entry.variable?.trim() || undefined;
  if (variable !== undefined) {
    try {
      checkVariable(variable);
    } catch {
      return problem(`has variable '${variable}', which is not a variable name`);
    }
  }
  try {
    const statement = readStatement(text, variable === undefined ? {} : { variables: [variable] });
    let variables: readonly string[];
    if (statement.derivative) {
      if (variable !== undefined && statement.derivative.join(",") !== variable) {
        return problem(`asks for d/d${statement.derivative.join(",")} in its function but names the variable ${variable}`);
      }
      variables = statement.derivative;
    } else if (variable !== undefined) variables = [variable];
    else {
      variables = candidateVariables(statement);
      if (variables.length > 1) return problem(`has a function of ${variables.join(", ")}: name the variable to differentiate by`);
    }
    return { question, derivative: diff(statement.expression, variables, order), variables, order };
  } catch (error) {
    if (error instanceof ParseError) return problem(`has a function that does not parse: ${parseErrorText(error)}`);
    if (error instanceof SymdiffError) return problem(`cannot be differentiated: ${error.message}`);
    throw error;
  }
}

/** 1 when absent or blank; undefined when not a whole number of at least 1. */
function orderOf(order: number | string | undefined): number | undefined {
  if (order === undefined || (typeof order === "string" && order.trim() === "")) return 1;
  const n = typeof order === "number" ? order : /^\s*\d+\s*$/.test(order) ? Number(order) : NaN;
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}

/**
 * Grades every submission, in order. Never throws for a bad answer or a bad key entry: those are verdicts
 * ("unreadable", "ungraded"); only a bug escapes.
 */
export function grade<S extends Submission>(submissions: readonly S[], key: PreparedKey, options: GradeOptions = {}): Graded<S>[] {
  const outcomes = new Map<string, Map<string, GradeOutcome>>(); // question → answer text → outcome
  const results: Graded<S>[] = [];
  for (const submission of submissions) {
    const question = submission.question.trim();
    let byAnswer = outcomes.get(question);
    if (!byAnswer) outcomes.set(question, (byAnswer = new Map()));
    const text = submission.answer.trim();
    let outcome = byAnswer.get(text);
    if (!outcome) byAnswer.set(text, (outcome = gradeAnswer(key.get(question), question, text, options.check ?? {})));
    results.push({ ...submission, ...outcome });
    options.onProgress?.(results.length, submissions.length);
  }
  return results;
}

function gradeAnswer(prepared: PreparedQuestion | undefined, question: string, text: string, options: CheckOptions): GradeOutcome {
  if (!prepared) return { verdict: "ungraded", detail: `question ${question} is not in the key` };
  if ("problem" in prepared) return { verdict: "ungraded", detail: prepared.problem };
  if (text === "") return { verdict: "unreadable", detail: "no answer", error: { message: "no answer" } };
  let answer: Expr;
  try {
    answer = readAnswer(text);
  } catch (error) {
    if (error instanceof ParseError) {
      return { verdict: "unreadable", detail: parseErrorText(error), error: { message: error.message, line: error.line, column: error.column } };
    }
    if (error instanceof SymdiffError) return { verdict: "unreadable", detail: error.message, error: { message: error.message } };
    throw error;
  }
  try {
    const result = screenedCheck(answer, prepared.derivative, options);
    const note = result.note ?? "";
    if (result.equivalent) return { verdict: "correct", detail: note };
    const counterexample = result.point && result.values
      ? { at: result.point, answer: result.values[0], derivative: result.values[1] }
      : findCounterexample(answer, prepared.derivative, options.seed ?? 1);
    const where = counterexample ? counterexampleText(counterexample) : "";
    return { verdict: "incorrect", detail: [where, note].filter((s) => s !== "").join("; "), ...(counterexample && { counterexample }) };
  } catch (error) {
    // The checker's work limits: too large an answer to compare is not the student's mistake to be marked for.
    if (error instanceof SymdiffError) return { verdict: "ungraded", detail: `the answer could not be checked: ${error.message}` };
    throw error;
  }
}

/**
 * The checker's verdict, in a fraction of the time for wrong answers. After finding a difference the checker
 * evaluates samples·4 more points to say where the two still agree, which makes a wrong answer cost ten times a
 * right one. A first pass with few samples visits a prefix of the same seeded points, so a difference it finds at
 * a point where both sides are defined is one the full check finds there too (it stops only after `samples`
 * points agree), and an exact difference does not depend on samples at all. Anything else the first pass says
 * (equal; never both defined among its fewer points) proves nothing, and the full check decides. Only a screened
 * wrong answer's note on where the two still agree rests on fewer points than the full check would use.
 */
const SCREEN_SAMPLES = 8;

function screenedCheck(answer: Expr, derivative: Expr, options: CheckOptions): CheckResult {
  if ((options.samples ?? Infinity) > SCREEN_SAMPLES) {
    const screened = check(answer, derivative, { ...options, samples: SCREEN_SAMPLES });
    const bothDefined = screened.point !== undefined && screened.values !== undefined && screened.values.every(Number.isFinite);
    if (!screened.equivalent && (screened.method === "symbolic" || bothDefined)) return screened;
  }
  return check(answer, derivative, options);
}

/** "at x = 0.5: the answer is 0.247404, the derivative is 0.968912" */
export function counterexampleText(c: Counterexample): string {
  const at = Object.entries(c.at).map(([v, x]) => `${v} = ${x}`).join(", ");
  return `${at ? `at ${at}: ` : ""}the answer is ${formatValue(c.answer)}, the derivative is ${formatValue(c.derivative)}`;
}

/** "unclosed '(' at column 7, expected ')' to close it" (line:column when the answer has several lines). */
function parseErrorText(e: ParseError): string {
  const at = e.line > 1 ? `${e.line}:${e.column}` : `column ${e.column}`;
  return `${e.reason} at ${at}${e.expected ? `, expected ${e.expected}` : ""}`;
}

/**
 * The checker decides some answers exactly, without a point (`2x + 1` against `2x` differ by exactly 1). A report
 * still shows a point: the first of the checker's own seeded points where both sides are defined.
 */
const COUNTEREXAMPLE_TRIES = 256;

function findCounterexample(answer: Expr, derivative: Expr, seed: number): Counterexample | undefined {
  const variables = [...new Set([...answer.vars, ...derivative.vars])].sort();
  const turns = turnsFor([...constantsOf(answer), ...constantsOf(derivative)]);
  const random = mulberry32(seed);
  for (let i = 0; i < (variables.length === 0 ? 1 : COUNTEREXAMPLE_TRIES); i++) {
    const at = randomPoint(variables, random, i, turns);
    const a = valueAt(answer, at);
    const d = valueAt(derivative, at);
    if (Number.isFinite(a) && Number.isFinite(d) && a !== d) return { at, answer: a, derivative: d };
  }
  return undefined;
}

/**
 * An answer's expression. Students write the derivative's name before it (`y' = ...`, `dy/dx = ...`,
 * `\frac{dy}{dx} = ...`) and wrap LaTeX in math delimiters (`$...$`): both are set aside, and a parse error's
 * position still points into the answer as written. A derivative request (`d/dx sin(x^2)`) is not an answer.
 */
export function readAnswer(text: string): Expr {
  const { body, offset } = answerBody(text);
  try {
    return parse(body);
  } catch (error) {
    if (!(error instanceof ParseError) || offset === 0) throw error;
    const at = offset + error.offset;
    const before = text.slice(0, at).split("\n");
    throw new ParseError(error.reason, error.expected, error.found, at, before.length, before.at(-1)!.length + 1);
  }
}

const DELIMITERS: readonly (readonly [string, string])[] = [["$$", "$$"], ["$", "$"], ["\\(", "\\)"], ["\\[", "\\]"]];

/** `y'`, `f''(x)`, `dy/dx`, `d^2y/dx^2`, `\frac{dy}{dx}`, `\frac{d^{2}y}{dx^{2}}`, followed by `=`. */
const DERIVATIVE_NAME = new RegExp(
  [
    String.raw`[A-Za-z]\w*'+(?:\s*\([^()=]*\))?`,
    String.raw`d(?:\^\{?\d+\}?)?\s*[A-Za-z]\w*\s*/\s*d\s*[A-Za-z]\w*(?:\^\{?\d+\}?)?`,
    String.raw`\\[dt]?frac\s*\{\s*d(?:\^\{?\d+\}?)?\s*[A-Za-z]\w*\s*\}\s*\{\s*d\s*[A-Za-z]\w*(?:\^\{?\d+\}?)?\s*\}`,
  ].map((p) => `(?:${p})`).join("|"),
);
const DERIVATIVE_LEFT_SIDE = new RegExp(String.raw`^\s*(?:${DERIVATIVE_NAME.source})\s*=`);

function answerBody(text: string): { body: string; offset: number } {
  let start = 0;
  let end = text.length;
  const inner = text.trim();
  const lead = text.indexOf(inner);
  const pair = DELIMITERS.find(([open, close]) => inner.length >= open.length + close.length && inner.startsWith(open) && inner.endsWith(close));
  if (pair) {
    start = lead + pair[0].length;
    end = lead + inner.length - pair[1].length;
  }
  const name = DERIVATIVE_LEFT_SIDE.exec(text.slice(start, end));
  if (name) start += name[0].length;
  return { body: text.slice(start, end), offset: start };
}

export interface QuestionSummary {
  readonly question: string;
  readonly correct: number;
  readonly incorrect: number;
  readonly unreadable: number;
  readonly ungraded: number;
}

/** Counts per question: the key's questions in its order (answered or not), then any others in order of appearance. */
export function summarize(results: readonly Graded[], key: PreparedKey): QuestionSummary[] {
  const counts = new Map<string, Record<GradeVerdict, number>>();
  const zero = () => ({ correct: 0, incorrect: 0, unreadable: 0, ungraded: 0 });
  for (const question of key.keys()) counts.set(question, zero());
  for (const r of results) {
    const question = r.question.trim();
    let c = counts.get(question);
    if (!c) counts.set(question, (c = zero()));
    c[r.verdict]++;
  }
  return [...counts].map(([question, c]) => ({ question, ...c }));
}
