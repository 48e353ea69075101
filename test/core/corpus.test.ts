/**
 * The sample corpus: derivatives checked against an independent computer-algebra system (SymPy) at given points,
 * and our result sizes compared with SymPy's simplified results (`sympy_ops`, SymPy's count_ops).
 */
import { describe, expect, it } from "vitest";
import { diff, evaluate, format, opCount, parse } from "../../src/index.js";
import { readCorpus } from "./corpus-cases.js";

const cases = readCorpus("corpus-sample");

describe("sample corpus", () => {
  it.each(cases.map((c) => [`${c.category}: d/d${c.wrt} ${c.expr}`, c] as const))("%s", (_, c) => {
    const d = diff(c.expr, c.wrt, c.order);
    c.points.forEach((at, i) => {
      expect(evaluate(d, at)).toBeCloseTo(c.values[i]!, 9);
    });
    // No larger than SymPy's simplified result, give or take the sign conventions of counting.
    expect(opCount(d), `${format(d)} vs SymPy's ${c.sympy}`).toBeLessThanOrEqual(c.sympy_ops + 1);
    expect(opCount(d)).toBe(opCount(parse(format(d))));
  });
});
