/**
 * `--implicit y`: implicit differentiation on the command line (`symdiff diff "x^2 + y^2 = 1" --implicit y --wrt x`
 * prints -x/y; `symdiff steps` shows the derivation). The equation is an implicit curve, a definition or an
 * expression F (meaning F = 0).
 */
import { variableList } from "./args.js";
import { UsageError } from "./report.js";

export interface ImplicitRequest {
  /** The dependent variable (y) and the variable of differentiation (x). */
  readonly y: string;
  readonly x: string;
}

/**
 * The variables of `--implicit y --wrt x`. Without --wrt, x is the equation's only other variable (`variables` reads
 * the equation's variables, only then).
 */
export function implicitRequest(implicit: string, wrt: string | undefined, variables: () => readonly string[]): ImplicitRequest {
  const [y, ...more] = variableList(implicit, "--implicit");
  if (more.length > 0) throw new UsageError(`--implicit: one dependent variable, please (got ${implicit})`);
  if (wrt !== undefined) {
    const given = variableList(wrt, "--wrt");
    if (given.length > 1) throw new UsageError(`--wrt: one variable with --implicit, please (got ${given.join(", ")})`);
    return { y: y!, x: given[0]! };
  }
  const others = variables().filter((v) => v !== y);
  if (others.length !== 1) {
    throw new UsageError(`--implicit ${y}: say which variable to differentiate by with --wrt, e.g. --wrt ${others[0] ?? "x"}`);
  }
  return { y: y!, x: others[0]! };
}
