/**
 * symdiff: exact symbolic differentiation.
 *
 *   text ──parse──▶ Expr ──diff──▶ Expr ──simplify──▶ Expr ──format / toLatex / evaluate / compile──▶ output
 */
import { equals as equalExprs, type Expr, withinGeneration } from "./ast/expr.js";
import { describeValue as describe, expectArray, expectExpr, expectExprLikeList, expectNames, expectObject, expectOptions, expectString } from "./arguments.js";
import { substitute as substituteIn } from "./ast/transform.js";
import { compile as compileOne, compileAll as compileMany, compileSum as compileRows, gradientFunction as gradientFunctionOf } from "./compile/compile.js";
import { diff as diffOf, gradient as gradientOf, hessian as hessianOf, toExpr, type ExprLike } from "./diff.js";
import { ArgumentError } from "./errors.js";
import { stepsToLatex as stepsLatex, stepsToText as stepsText, type Step } from "./homework/steps.js";
import { type ClassGrades, type GradeOptions, gradeClass, type KeyEntry, type Submission } from "./homework/grade.js";
import { validOptions as validCheckOptions } from "./homework/check.js";
import { type LatexOptions, toLatex as latexOf, toLatexMatrix as latexMatrixOf } from "./print/latex.js";
import { expand } from "./simplify/expand.js";
import { opCount as opCountOf } from "./simplify/size.js";
import { type CsvTable, parseCsv as parseCsvText } from "./train/csv.js";
import { type Dataset, type DatasetOptions, toDataset as datasetOf } from "./train/dataset.js";
import { simplify as simplifyExpr } from "./simplify/simplify.js";
import { format as formatExpr, type TextOptions } from "./print/text.js";
import { evaluate as evaluateExpr, type Scope } from "./evaluate.js";
import { domainProblem as domainProblemOf, type DomainProblem, realValue as realValueOf } from "./domain.js";

export type { Expr, Kind, Num, Sym, Const, Add, Mul, Pow, Call } from "./ast/expr.js";
export { Rational } from "./ast/rational.js";
export { SymdiffError, ParseError, LimitError, ArgumentError, DomainError } from "./errors.js";
export type { DomainProblem } from "./domain.js";
export { MAX_INPUT_LENGTH, type ParseOptions, type UserFunction } from "./parser/parse.js";
export type { Statement } from "./parser/statement.js";
export { parse, toExpr, checkVariable, type ExprLike } from "./diff.js";
export { FUNCTIONS, type FunctionRow } from "./functions.js";
export * as build from "./constructors.js";
export type { Scope } from "./evaluate.js";
export type { TextOptions } from "./print/text.js";

/** The simplest form symdiff finds: like terms collected, common factors out, fractions combined, identities used. */
export function simplify(e: ExprLike): Expr {
  return withinGeneration(() => simplifyExpr(toExpr(e)));
}

/**
 * Plain text that `parse` reads back to an equal expression; `String(expr)` gives the same. With `{ ln: true }`, the
 * textbook spelling `ln(x)` and `e^x` for `log(x)` and `exp(x)` (read back the same).
 */
export function format(e: ExprLike, options: TextOptions): string;
export function format(e: ExprLike): string;
export function format(e: ExprLike, options?: unknown): string {
  // A number is an index from `exprs.map(format)`, not options.
  if (typeof options === "number") options = undefined;
  expectOptions(options, "format: the options");
  return formatExpr(toExpr(e), (options ?? {}) as TextOptions);
}

/** The value in float64 at the given point; IEEE results (NaN, ±Infinity) for domain problems. */
export function evaluate(e: ExprLike, scope: Scope = {}): number {
  return evaluateExpr(toExpr(e), scope);
}

/** The value at the point, or a DomainError saying where and why there is none (`1/x` at x = 0, `log(-1)`). */
export function realValue(e: ExprLike, scope: Scope = {}): number {
  return realValueOf(toExpr(e), scope);
}

/** Why the expression has no finite real value at the point (the innermost part without one), if it has none. */
export function domainProblem(e: ExprLike, scope: Scope = {}): DomainProblem | undefined {
  return domainProblemOf(toExpr(e), scope);
}

/**
 * Are the two the same expression? Expressions made close together are `===` when equal (see "Equality" in the
 * README); this holds for any two, however long ago they were made.
 */
export function equals(a: ExprLike, b: ExprLike): boolean {
  return equalExprs(toExpr(a), toExpr(b));
}

/** Number of nodes of the expression as a tree (shared subexpressions counted each time they occur). */
export function nodeCount(e: ExprLike): number {
  return toExpr(e).size;
}

/** The variables of an expression, sorted. */
export function variables(e: ExprLike): string[] {
  return [...toExpr(e).vars].sort();
}
export type { CompiledFunction, CompiledSet, CompiledSum } from "./compile/compile.js";
export { stabilize } from "./compile/stable.js";
export type { LatexOptions } from "./print/latex.js";
export { Trainer, type FitOptions, type TrainerOptions } from "./train/trainer.js";
export { logisticRegression } from "./train/logistic.js";
export { softmaxRegression } from "./train/softmax.js";
export { neuralNetwork, type Activation, type NetworkOptions } from "./train/network.js";
export type { Model } from "./train/model.js";
export type { Definition, Derivation, Gradient } from "./train/backprop.js";
export { loadCsv, loadIris, IRIS_TASKS, type IrisTask } from "./train/data.js";
export type { CsvTable } from "./train/csv.js";
export type { Dataset, DatasetOptions } from "./train/dataset.js";
export { DataError } from "./train/errors.js";
export { steps, MAX_STEPS, MAX_STEP_ORDER, type Step, type StepRule, type StepsOptions } from "./homework/steps.js";
export { implicitSteps, type ImplicitStepsOptions } from "./homework/implicit-steps.js";
export { check, type CheckOptions, type CheckResult } from "./homework/check.js";
export { checkImplicit, type CurveCheckResult } from "./homework/curve-check.js";
export type { ClassGrades, Counterexample, GradeOptions, GradeVerdict, Graded, KeyEntry, QuestionSummary, Submission } from "./homework/grade.js";
export { tangent, type TangentLine, type PointLike } from "./tangent.js";
export { implicitDiff, MAX_IMPLICIT_ORDER } from "./implicit.js";

/*
 * Each public function that makes expressions runs in one generation of nodes (`withinGeneration`): its arguments,
 * parsed or adopted, and everything it makes stay of one generation until it returns (see src/ast/expr.ts).
 *
 * The public functions below check the types of their arguments (src/arguments.ts; expressions are checked by
 * toExpr in the modules) and then call the module that does the work. Invariant: misuse of any function exported here is an ArgumentError naming the argument, never a
 * TypeError from inside (the modules themselves trust their TypeScript types).
 */

/** The derivative, simplified; `wrt` is a variable, or a list of them for a mixed partial; `order` repeats it. */
export function diff(e: ExprLike, wrt?: string | readonly string[], order = 1): Expr {
  if (wrt !== undefined && typeof wrt !== "string") expectNames(wrt, "diff: wrt (a variable name or a list of them)");
  return diffOf(e, wrt, order); // one operation, in one generation, from its parse on (src/diff.ts)
}

/** The partial derivatives with respect to each of `vars`. */
export function gradient(e: ExprLike, vars: readonly string[]): Expr[] {
  return gradientOf(e, expectNames(vars, "gradient: the variables")); // in one generation (src/diff.ts)
}

/** The matrix of second partials; symmetric, each mixed partial is computed once. */
export function hessian(e: ExprLike, vars: readonly string[]): Expr[][] {
  return hessianOf(e, expectNames(vars, "hessian: the variables")); // in one generation (src/diff.ts)
}

/** `e` with variables replaced by expressions (a Map from names to expressions). */
export function substitute(e: Expr, values: ReadonlyMap<string, Expr>): Expr {
  return withinGeneration(() => {
    expectExpr(e, "substitute: the expression");
    if (!(values instanceof Map)) throw new ArgumentError(`substitute: the values must be a Map from names to expressions, got ${describe(values)}`);
    for (const [name, value] of values) {
      expectString(name, "substitute: a name in the values");
      expectExpr(value, `substitute: the value of '${name}'`);
    }
    return substituteIn(e, values);
  });
}

/** Size as SymPy's count_ops measures it. */
export function opCount(e: Expr): number {
  return opCountOf(expectExpr(e, "opCount: the expression"));
}

/** Products and integer powers of sums multiplied out. */
export function expandExpr(e: Expr): Expr {
  return withinGeneration(() => expand(expectExpr(e, "expandExpr: the expression")));
}

/** A JavaScript function of `params` computing `expr` (see src/compile/compile.ts). */
export function compile(expr: ExprLike, params: readonly string[]): ReturnType<typeof compileOne> {
  return withinGeneration(() => compileOne(expr, expectNames(params, "compile: the parameters")));
}

export function compileAll(exprs: readonly ExprLike[], params: readonly string[]): ReturnType<typeof compileMany> {
  return withinGeneration(() => {
    expectExprLikeList(exprs, "compileAll: the expressions");
    return compileMany(exprs, expectNames(params, "compileAll: the parameters"));
  });
}

export function compileSum(exprs: readonly ExprLike[], params: readonly string[], rowVariables: readonly string[]): ReturnType<typeof compileRows> {
  return withinGeneration(() => {
    expectExprLikeList(exprs, "compileSum: the expressions");
    return compileRows(exprs, expectNames(params, "compileSum: the parameters"), expectNames(rowVariables, "compileSum: the row variables"));
  });
}

export function gradientFunction(f: ExprLike, wrt: readonly string[], params?: readonly string[]): ReturnType<typeof gradientFunctionOf> {
  return withinGeneration(() => {
    expectNames(wrt, "gradientFunction: wrt");
    if (params !== undefined) expectNames(params, "gradientFunction: the parameters");
    return gradientFunctionOf(f, wrt, params);
  });
}

/** LaTeX for the expression; with `lhs`, a whole equation d/dx(of) = expr. */
export function toLatex(e: ExprLike, options: LatexOptions = {}): string {
  return withinGeneration(() => {
    expectOptions(options, "toLatex: the options");
    const lhs: unknown = options.lhs;
    if (lhs !== undefined) {
      expectOptions(lhs, "toLatex: options.lhs ({ of, wrt, order? })");
      const { wrt } = lhs as { wrt?: unknown };
      if (typeof wrt !== "string") expectNames(wrt, "toLatex: options.lhs.wrt (a variable name or a list of them)");
    }
    return latexOf(e, options);
  });
}

/** A pmatrix of expressions, row by row. */
export function toLatexMatrix(rows: readonly (readonly ExprLike[])[]): string {
  return withinGeneration(() => {
    expectArray(rows, "toLatexMatrix: the rows", '[["x", "y"], ["1", "0"]]').forEach((row, i) => expectExprLikeList(row, `toLatexMatrix: row ${i}`));
    return latexMatrixOf(rows);
  });
}

function expectSteps(derivation: unknown, what: string): readonly Step[] {
  const list = expectArray(derivation, what, 'steps("x^2", "x")');
  list.forEach((s, i) => {
    if (typeof s !== "object" || s === null || typeof (s as Step).text !== "string" || typeof (s as Step).latex !== "string") {
      throw new ArgumentError(`${what}[${i}] must be a step from steps(), got ${describe(s)}`);
    }
  });
  return list as readonly Step[];
}

/** The derivation as numbered lines of text. */
export function stepsToText(derivation: readonly Step[]): string {
  return stepsText(expectSteps(derivation, "stepsToText: the steps"));
}

/** The derivation as a LaTeX align* block. */
export function stepsToLatex(derivation: readonly Step[]): string {
  return stepsLatex(expectSteps(derivation, "stepsToLatex: the steps"));
}

/** A CSV text as a header and rows. */
export function parseCsv(text: string): CsvTable {
  return parseCsvText(expectString(text, "parseCsv: the text"));
}

/** A table as a data set of features and 0/1 labels. */
export function toDataset(table: CsvTable, options: DatasetOptions = {}): Dataset {
  const t = table as Partial<CsvTable> | null;
  if (typeof t !== "object" || t === null || !Array.isArray(t.header) || !Array.isArray(t.rows) || !Array.isArray(t.lines)) {
    throw new ArgumentError(`toDataset: the table must be { header, rows, lines } as parseCsv returns, got ${describe(table)}`);
  }
  expectOptions(options, "toDataset: the options");
  if (options.features !== undefined) expectNames(options.features, "toDataset: options.features");
  if (options.classes !== undefined) expectNames(options.classes, "toDataset: options.classes");
  for (const key of ["label", "positive"] as const) if (options[key] !== undefined) expectString(options[key], `toDataset: options.${key}`);
  return datasetOf(table, options);
}

const ANSWER_EXAMPLE = '{ student: "ada", question: "q1", answer: "2x cos(x^2)" }';
const KEY_EXAMPLE = '{ question: "q1", function: "sin(x^2)", variable: "x", order: 1 }';

/**
 * Grades a class, as `symdiff grade` does: every answer checked against the derivative its question's key entry asks
 * for. Returns a verdict per answer (correct; incorrect, with a counterexample; unreadable, with the parse error; or
 * ungraded), the counts per question, and the key's entries that could not be used. A bad answer or key entry is a
 * verdict, never an exception; a question given twice in the key is an ArgumentError.
 */
export function grade<S extends Submission>(answers: readonly S[], key: readonly KeyEntry[], options: GradeOptions = {}): ClassGrades<S> {
  expectArray(answers, "grade: the answers", `[${ANSWER_EXAMPLE}]`).forEach((row, i) => {
    const fields = expectObject(row, `grade: answers[${i}]`, ANSWER_EXAMPLE);
    for (const name of ["student", "question", "answer"]) expectString(fields[name], `grade: answers[${i}].${name}`);
  });
  expectArray(key, "grade: the key", `[${KEY_EXAMPLE}]`).forEach((row, i) => {
    const fields = expectObject(row, `grade: key[${i}]`, KEY_EXAMPLE);
    for (const name of ["question", "function"]) expectString(fields[name], `grade: key[${i}].${name}`);
    if (fields.variable !== undefined) expectString(fields.variable, `grade: key[${i}].variable`);
    if (fields.order !== undefined && typeof fields.order !== "number" && typeof fields.order !== "string") {
      throw new ArgumentError(`grade: key[${i}].order must be a whole number (or its text), got ${describe(fields.order)}`);
    }
  });
  expectOptions(options, "grade: the options");
  if (options.check !== undefined) {
    expectOptions(options.check, "grade: options.check");
    // Checked here: inside, a checker error marks one answer ungraded, and bad options would mark them all.
    try {
      validCheckOptions(options.check);
    } catch (error) {
      throw error instanceof ArgumentError ? new ArgumentError(`grade: options.check: ${error.message}`) : error;
    }
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== "function") {
    throw new ArgumentError(`grade: options.onProgress must be a function (done, total) => void, got ${describe(options.onProgress)}`);
  }
  return gradeClass(answers, key, options);
}
