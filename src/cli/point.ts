/**
 * Values at a point, shared by the command line (`--at x=pi/6`) and the REPL (`f at x=pi/6`): the point's values are
 * kept exact, so that a value is shown exactly when symdiff can find it (`1/2`), with its decimal beside it
 * (`1/2 ≈ 0.5`). A whole number small enough to be exact as a double is shown alone: its decimal adds nothing.
 */
import type { Expr } from "../ast/expr.js";
import { substitute } from "../ast/transform.js";
import { realValue } from "../domain.js";
import { SymdiffError } from "../errors.js";
import { format } from "../print/text.js";
import { simplify } from "../simplify/simplify.js";
import { type Assignment, assignments } from "./args.js";
import { inSource, UsageError } from "./report.js";

/** `x=1,y=pi/6` → the point, every value a constant. Parse errors point into `text` (see SourcedError). */
export function constantPoint(text: string, option = "--at"): Assignment[] {
  const point = inSource(text, () => assignments(text));
  for (const { name, value } of point) {
    if (value.vars.size > 0) throw new UsageError(`${option}: the value of ${name} must be a number, got '${format(value)}'`);
  }
  return point;
}

/** The point in doubles, for numeric evaluation. */
export function numbersOf(point: readonly Assignment[]): Record<string, number> {
  // fromEntries defines own properties, so a variable named __proto__ is a value, not the object's prototype.
  return Object.fromEntries(point.map(({ name, value }) => [name, realValue(value)]));
}

/** `e` with the point's values put in, simplified: exact arithmetic, so sin(pi/6) is 1/2. */
export function substituted(e: Expr, point: readonly Assignment[]): Expr {
  return simplify(substitute(e, new Map(point.map((a) => [a.name, a.value]))));
}

export interface Value {
  /** The value in double precision. */
  readonly number: number;
  /** The exact value, when the expression simplifies to a constant at the point. */
  readonly exact?: Expr;
}

/**
 * The value of `e` at `point`. The double comes first: where `e` has no real value, its DomainError names the point
 * and the part that fails (`log(x - 2)`), which the simplified constant could no longer say.
 */
export function valueAt(e: Expr, point: readonly Assignment[]): Value {
  const number = realValue(e, numbersOf(point));
  try {
    const exact = substituted(e, point);
    // The decimal of the exact value is the better one: sin(pi/6) is 0.5, where the doubles give 0.49999999999999994.
    return exact.vars.size === 0 ? { number: realValue(exact), exact } : { number };
  } catch (e) {
    // The exact value is a bonus: when simplifying is too costly, the double alone is the answer.
    if (e instanceof SymdiffError) return { number };
    throw e;
  }
}

/** The value of a constant expression (a DomainError when it has no real value, such as log(-1)). */
export function constantValue(e: Expr): Value {
  return { number: realValue(e), exact: e };
}

/** How a value is shown: `render` prints the exact form, `approx` is `≈` (or `\approx` in LaTeX). */
export function valueText(value: Value, render: (e: Expr) => string, approx = "≈", decimal: (n: number) => string = String): string {
  const { exact, number } = value;
  if (exact === undefined) return decimal(number);
  return isSmallInteger(exact) ? render(exact) : `${render(exact)} ${approx} ${decimal(number)}`;
}

/** A whole number the double shows exactly. */
function isSmallInteger(e: Expr): boolean {
  return e.kind === "num" && e.value.isInteger && Math.abs(e.value.toNumber()) <= Number.MAX_SAFE_INTEGER;
}
