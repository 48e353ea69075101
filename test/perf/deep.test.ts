/**
 * Deep input either works or fails with a clear SymdiffError, never a RangeError (stack overflow). Nesting is capped
 * at 2,500 levels; walks over deeper-than-200 expressions go children first with an explicit stack.
 */
import { describe, expect, it } from "vitest";
import { thrown } from "../support/errors.js";
import { diff, evaluate, format, parse, SymdiffError } from "../../src/index.js";

const nested = (open: string, inner: string, depth: number, close = ")") => open.repeat(depth) + inner + close.repeat(depth);

describe("deep input", () => {
  it("differentiates inside 10,000 nested parentheses", () => {
    expect(format(diff(nested("(", "d1^3", 10_000), "d1"))).toBe("3*d1^2");
  });

  it("differentiates 2,000 nested sin and evaluates the result", () => {
    const depth = 2000;
    const f = parse(nested("sin(", "d2", depth));
    const d = diff(f, "d2");
    // Chain rule: d/dx sin^n(x) = Π_{k<n} cos(sin^k(x)), computed here by iterating the sines.
    let s = 0.7;
    let expected = 1;
    for (let k = 0; k < depth; k++) {
      expected *= Math.cos(s);
      s = Math.sin(s);
    }
    expect(evaluate(d, { d2: 0.7 })).toBeCloseTo(expected, 12);
    expect(evaluate(f, { d2: 0.7 })).toBeCloseTo(s, 12);
  }, 60_000);

  it.each([
    ["10,000 nested sin", nested("sin(", "x", 10_000)],
    ["a 5,000-long chain 2^2^...^x", "2^".repeat(5000) + "x"],
    ["10,000 unary minuses", "-".repeat(10_000) + "x"],
    ["10,000 spaced unary minuses", "- ".repeat(10_000) + "x"],
    ["1,300 nested sin(1 + ...), two levels each", nested("sin(1+", "x", 1300)],
  ])("refuses %s with a SymdiffError naming the nesting limit", (_, text) => {
    const e = thrown(() => diff(text, "x"));
    expect(e).toBeInstanceOf(SymdiffError);
    expect(e.message).toMatch(/nested too deeply \(more than 2500 levels\)/);
  });

  it("differentiates long unary-minus chains within the limit", () => {
    expect(format(diff("-".repeat(2001) + "d3^2", "d3"))).toBe("-2*d3");
    expect(format(diff("- ".repeat(2000) + "d3^2", "d3"))).toBe("2*d3");
  });

  it("differentiates a 600-long power tower 1.4^1.4^...^x", () => {
    const depth = 600; // ln(1.4)^depth, one factor of the result, stays above float64's smallest value
    const d = diff("1.4^".repeat(depth) + "d4", "d4");
    // Chain rule: each level u ↦ 1.4^u contributes ln(1.4)·1.4^u. The tower converges (1.4 < e^(1/e)), so the
    // product stays finite and non-zero (about 0.64^600).
    let u = 0.5;
    let expected = 1;
    for (let k = 0; k < depth; k++) {
      u = 1.4 ** u;
      expected *= Math.log(1.4) * u;
    }
    expect(expected).toBeGreaterThan(0);
    expect(Math.abs(evaluate(d, { d4: 0.5 }) / expected - 1)).toBeLessThan(1e-9);
  }, 60_000);

  it("differentiates 10,000 nested parenthesised sums, which flatten into one", () => {
    expect(format(diff(nested("(d5+", "d5", 10_000), "d5"))).toBe("10001");
  });
});
