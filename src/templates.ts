/**
 * Formulas written as text in the function table (derivatives, special values), parsed once on first use.
 * `u` and `v` stand for a function's first and second argument.
 */
import type { Expr } from "./ast/expr.js";
import { substitute } from "./ast/transform.js";
import { parse } from "./parser/parse.js";

const parsed = new Map<string, Expr>();

export function template(text: string): Expr {
  let t = parsed.get(text);
  if (!t) {
    t = parse(text);
    parsed.set(text, t);
  }
  return t;
}

const PARAMETERS = ["u", "v"];

/** The template with `u`, `v` replaced by the given arguments. */
export function instantiate(text: string, args: readonly Expr[]): Expr {
  return substitute(template(text), new Map(args.map((a, i) => [PARAMETERS[i]!, a])));
}
