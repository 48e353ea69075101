/**
 * opCount, the size simplification minimises and the corpus compares, counts as SymPy's count_ops does.
 * The expected numbers were printed by SymPy 1.14: `count_ops(sympify(text))`.
 */
import { describe, expect, it } from "vitest";
import { opCount, parse } from "../../src/index.js";

describe("opCount counts as SymPy's count_ops", () => {
  it.each([
    ["x", 0],
    ["x + 1", 1],
    ["129 + 204*x - 216*x^2", 5], // subtracting costs what adding does, wherever the negative term is written
    ["-216*x^2 + 204*x + 129", 5],
    ["-x - 1", 2], // a sum of negative terms is a negated sum
    ["1/(-x - 1)", 3],
    ["-1/x", 2],
    ["x^(-2)", 2],
    ["sqrt(x)", 2], // a power and the division in 1/2
    ["x^(3/2)", 2],
    ["1/sqrt(x)", 3],
    ["x^(-3/2)", 3],
    ["sqrt(2)*x", 3],
    ["exp(-x)", 2],
    ["-exp(-x)", 3],
    ["2*exp(-x)", 2], // 2/exp(x)
    ["x*exp(-x)", 2],
    ["x*exp(-2*x)", 3],
    ["exp(-x)*sin(x)", 3],
    ["exp(-x)/(x + 1)", 4],
    ["exp(-x^2/2)", 4],
    ["x*exp(1 - x)", 3],
    ["x*exp(-x - 1)", 4],
    ["x*exp(-8*x^2 - 9)", 5], // the argument is negative for every real x: x/exp(8*x^2 + 9)
    ["-16*x*exp(-8*x^2 - 9)", 7],
    ["abs(x)", 1],
    ["y*sign(x)", 2],
    ["1/tan(x)", 2],
  ])("%s has %i", (text, ops) => {
    expect(opCount(parse(text))).toBe(ops);
  });
});
