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
 * `expected` is what the answer should equal, named by `what` ("the derivative"):
 *   correct (simplified the difference to 0)
 *   incorrect: the derivative is 2*x*cos(x^2)
 *   at x = 0.5: your answer is 0.968912, the derivative is 0.968912
 */
export function verdict(r: CheckResult, expected: Expr, what: string): Verdict {
  const note = r.note ? [`note: ${r.note}`] : [];
  if (r.equivalent) {
    const how = r.method === "symbolic" ? "simplified the difference to 0" : "equal at every point compared";
    return { word: "correct", detail: ` (${how})`, lines: note };
  }
  const at = r.point && Object.entries(r.point).map(([v, x]) => `${v} = ${x}`).join(", ");
  const where = at && r.values ? [`at ${at}: your answer is ${formatValue(r.values[0])}, ${what} is ${formatValue(r.values[1])}`] : [];
  return { word: "incorrect", detail: `: ${what} is ${format(expected)}`, lines: [...where, ...note] };
}

export function verdictText(v: Verdict, paintWord: (word: string) => string = (w) => w): string {
  return [`${paintWord(v.word)}${v.detail}`, ...v.lines].join("\n");
}
