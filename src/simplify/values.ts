/** Exact values of functions at special points, from the function table: acos(0) = pi/2, softplus(0) = log(2). */
import type { Call, Expr } from "../ast/expr.js";
import { functionRow } from "../functions.js";
import { template } from "../templates.js";

const tables = new Map<string, Map<Expr, Expr>>();

function valuesOf(name: string): Map<Expr, Expr> {
  let t = tables.get(name);
  if (!t) {
    const entries = Object.entries(functionRow(name).values ?? {});
    t = new Map(entries.map(([at, value]) => [template(at), template(value)]));
    tables.set(name, t);
  }
  return t;
}

export function specialValue(e: Call): Expr | undefined {
  return e.args.length === 1 ? valuesOf(e.name).get(e.args[0]!) : undefined;
}
