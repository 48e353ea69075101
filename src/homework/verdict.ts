/** A checker result in words, for the command line and the REPL. */
import type { Expr } from "../ast/expr.js";
import { format } from "../print/text.js";
import type { CheckResult } from "./check.js";
import { formatValue } from "./check.js";

export interface Verdict {
  /** "correct" or "incorrect": the word a terminal may colour. */
  readonly word: "correct" | "incorrect";
  /** The rest of the first line, then any further lines. */
  readonly detail: string;
  readonly lines: readonly string[];
}

/**
 * `expected` is what the answer should equal, named by `what` ("the derivative"), printed by `render`:
 *   correct (simplified the difference to 0)
 *   incorrect: the derivative is 2*x*cos(x^2)
 *   at x = 0.5: your answer is 0.968912, the derivative is 0.968912
 * A result compared at points of a curve (see curve-check.ts) says so; the coordinate solved for to put the point on
 * the curve is shown to six digits (`y ≈ -0.665946`), the others are the checker's short decimals.
 */
export function verdict(r: CheckResult & { readonly compared?: "curve" | "expressions"; readonly solvedFor?: string }, expected: Expr, what: string, render: (e: Expr) => string = format): Verdict {
  const note = r.note ? [`note: ${r.note}`] : [];
  if (r.equivalent) {
    const how = r.method === "symbolic" ? "simplified the difference to 0" : r.compared === "curve" ? "equal at every point of the curve compared" : "equal at every point compared";
    return { word: "correct", detail: ` (${how})`, lines: note };
  }
  const at = r.point && Object.entries(r.point).map(([v, x]) => (v === r.solvedFor ? `${v} ≈ ${formatValue(x)}` : `${v} = ${x}`)).join(", ");
  const onCurve = r.compared === "curve" ? " (on the curve)" : "";
  const where = at && r.values ? [`at ${at}${onCurve}: your answer is ${formatValue(r.values[0])}, ${what} is ${formatValue(r.values[1])}`] : [];
  return { word: "incorrect", detail: `: ${what} is ${render(expected)}`, lines: [...where, ...note] };
}

export function verdictText(v: Verdict, paintWord: (word: string) => string = (w) => w): string {
  return [`${paintWord(v.word)}${v.detail}`, ...v.lines].join("\n");
}
