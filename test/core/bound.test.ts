/** expansionBound never claims more operations than the expansion has (the simplifier skips expansions by it). */
import { describe, expect, it } from "vitest";
import { opCount, parse } from "../../src/index.js";
import { expansionBound } from "../../src/simplify/bound.js";
import { expand } from "../../src/simplify/expand.js";

describe("expansionBound", () => {
  it.each([
    "x*(x + 1)",
    "x^2*y*(x*y + 3)",
    "sqrt(x)*(sqrt(x) + 1)", // x^(1/2)*x^(1/2) = x: fewer operations than either
    "x^(-2)*(x^(-1) + y)",
    "x^(-2)*(x^2 + y)", // cancels
    "(x + 1)/x",
    "exp(x)*(exp(-x) + 1)", // exponentials combine
    "sin(x)*y*(sin(x) + y)",
    "abs(x)*(abs(x) + x)",
    "sign(x)*(x + 1)",
    "x^y*(x + 1)",
    "2*pi*x*(pi*x - 1)",
    "exp(a*b*c*d)*a*b*(a*b*c*d + 1)", // a hessian entry
    "exp(a*b*c*d)*a^(-1)*b*(a*b*c*d + 1)",
    "(x + 1)*(x - 1)",
    "x*(x + 1)^2",
  ])("%s", (text) => {
    const e = parse(text);
    if (e.kind !== "mul") throw new Error(`${text} is no product`);
    expect(expansionBound(e)).toBeLessThanOrEqual(opCount(expand(e)));
  });

  it("bounds a hessian entry of a long product above the entry itself (its expansion is skipped)", () => {
    const p = Array.from({ length: 12 }, (_, i) => `a${i + 1}`).join("*");
    const e = parse(`exp(${p})*${p}/(a1*a2)*(${p} + 1)`);
    if (e.kind !== "mul") throw new Error("no product");
    expect(expansionBound(e)).toBeGreaterThan(opCount(e));
    expect(expansionBound(e)).toBeLessThanOrEqual(opCount(expand(e)));
  });
});
