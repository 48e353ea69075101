/**
 * symdiff: exact symbolic differentiation.
 *
 *   text ──parse──▶ Expr ──diff──▶ Expr ──simplify──▶ Expr ──format / toLatex / evaluate / compile──▶ output
 */
import type { Expr } from "./ast/expr.js";
import { toExpr, type ExprLike } from "./diff.js";
import { simplify as simplifyExpr } from "./simplify/simplify.js";
import { format as formatExpr } from "./print/text.js";
import { evaluate as evaluateExpr, type Scope } from "./evaluate.js";
import { domainProblem as domainProblemOf, type DomainProblem, realValue as realValueOf } from "./domain.js";

export type { Expr, Kind, Num, Sym, Const, Add, Mul, Pow, Call } from "./ast/expr.js";
export { Rational } from "./ast/rational.js";
export { SymdiffError, ParseError, LimitError, ArgumentError, DomainError } from "./errors.js";
export type { DomainProblem } from "./domain.js";
export { parse, MAX_INPUT_LENGTH, type ParseOptions, type UserFunction } from "./parser/parse.js";
export { diff, gradient, hessian, toExpr, checkVariable, type ExprLike } from "./diff.js";
export { FUNCTIONS, type FunctionRow } from "./functions.js";
export { substitute } from "./ast/transform.js";
export { opCount } from "./simplify/size.js";
export { expand as expandExpr } from "./simplify/expand.js";
export * as build from "./ast/build.js";
export type { Scope } from "./evaluate.js";

/** The simplest form symdiff finds: like terms collected, common factors out, fractions combined, identities used. */
export function simplify(e: ExprLike): Expr {
  return simplifyExpr(toExpr(e));
}

/** Plain text that `parse` reads back to an equal expression; `String(expr)` gives the same. */
export function format(e: ExprLike): string {
  return formatExpr(toExpr(e));
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

/** Number of nodes of the expression as a tree (shared subexpressions counted each time they occur). */
export function nodeCount(e: ExprLike): number {
  return toExpr(e).size;
}

/** The variables of an expression, sorted. */
export function variables(e: ExprLike): string[] {
  return [...toExpr(e).vars].sort();
}
export { compile, compileAll, compileSum, gradientFunction, type CompiledFunction, type CompiledSet, type CompiledSum } from "./compile/compile.js";
export { stabilize } from "./compile/stable.js";
export { toLatex, toLatexMatrix, type LatexOptions } from "./print/latex.js";
export { Trainer, type FitOptions } from "./train/trainer.js";
export { logisticRegression } from "./train/logistic.js";
export { neuralNetwork, type Activation, type NetworkOptions } from "./train/network.js";
export type { Model } from "./train/model.js";
export { loadCsv, loadIris, IRIS_TASKS, type IrisTask } from "./train/data.js";
export { parseCsv, type CsvTable } from "./train/csv.js";
export { toDataset, type Dataset, type DatasetOptions } from "./train/dataset.js";
export { DataError } from "./train/errors.js";
export { steps, stepsToLatex, stepsToText, MAX_STEPS, type Step, type StepRule } from "./homework/steps.js";
export { check, type CheckOptions, type CheckResult } from "./homework/check.js";
