/**
 * Where an expression has no real value at a point, and why: `1/x` at x = 0 divides by zero, `log(x - 2)` at x = 1
 * takes the logarithm of -1. `evaluate` answers such points with IEEE values (NaN, ±Infinity), as numeric code
 * expects; the CLI and the REPL use this to tell people what went wrong instead.
 */
import { children, type Expr } from "./ast/expr.js";
import { DomainError } from "./errors.js";
import { evaluateAll, type Scope, snapshot } from "./evaluate.js";
import { format } from "./print/text.js";

export interface DomainProblem {
  /** The innermost subexpression without a finite value (all its parts have one). */
  readonly subexpression: Expr;
  /** What happens there, in words: "division by zero", "log(-1) is not a real number", "log(0) = -Infinity". */
  readonly reason: string;
}

/** Why `e` has no finite real value at the point, or undefined when it has one. */
export function domainProblem(e: Expr, scope: Scope = {}): DomainProblem | undefined {
  const values = evaluateAll(e, snapshot(e, scope));
  const finite = (x: Expr) => Number.isFinite(valueOf(x, values));
  if (finite(e)) return undefined;
  let at = e;
  for (let inner = children(at).find((c) => !finite(c)); inner; inner = children(at).find((c) => !finite(c))) at = inner;
  return { subexpression: at, reason: reason(at, values) };
}

/** The value of `e` at the point; a DomainError saying where and why when it has no finite real value. */
export function realValue(e: Expr, given: Scope = {}): number {
  const scope = snapshot(e, given); // each value read once, for the value and for the message alike
  const value = evaluateAll(e, scope).get(e)!;
  if (Number.isFinite(value)) return value;
  const problem = domainProblem(e, scope)!;
  const keys = given instanceof Map ? [...given.keys()] : Object.keys(given); // in the caller's order; no value read again
  const point = keys.filter((name) => scope.has(name)).map((name) => [name, scope.get(name)!] as const);
  const at = point.length > 0 ? ` at ${point.map(([name, v]) => `${name}=${v}`).join(", ")}` : "";
  // A part with no variables is shown by the reason itself (log(-1)); otherwise name the part (in log(x - 2)).
  const where = problem.subexpression === e || problem.subexpression.vars.size === 0 ? "" : ` (in ${format(problem.subexpression)})`;
  throw new DomainError(`no real value${at}: ${problem.reason}${where}`);
}

/** The value of a subexpression; numeric exponents are not among the evaluated (powers use them exactly). */
function valueOf(e: Expr, values: ReadonlyMap<Expr, number>): number {
  return e.kind === "num" ? e.value.toNumber() : values.get(e)!;
}

function reason(e: Expr, values: ReadonlyMap<Expr, number>): string {
  const value = valueOf(e, values);
  const show = (x: Expr) => String(valueOf(x, values));
  switch (e.kind) {
    case "pow": {
      const base = valueOf(e.base, values);
      const exponent = valueOf(e.exponent, values);
      if (base === 0 && exponent < 0) return "division by zero";
      if (base < 0 && !Number.isInteger(exponent)) {
        const power = exponent === 0.5 ? `sqrt(${base})` : `(${base})^(${e.exponent.kind === "num" ? format(e.exponent) : exponent})`;
        return `${power} is not a real number`;
      }
      break;
    }
    case "call": {
      const call = `${e.name}(${e.args.map(show).join(", ")})`;
      if (Number.isNaN(value)) return `${call} is not a real number`;
      return `${call} = ${value}`;
    }
  }
  return `the value is beyond double precision (${value})`;
}
