/**
 * Every rule and every function-table row, checked two ways: the raw rule output before simplification (so a wrong
 * rule can't hide behind the simplifier) and the simplified result against central differences.
 */
import { describe, expect, it } from "vitest";
import { derivative, rawDerivative } from "../../src/diff.js";
import { diff, evaluate, FUNCTIONS, format, parse, simplify, type Expr } from "../../src/index.js";
import type { RuleName } from "../../src/rules/rule.js";
import { centralDifference, close } from "../support/numeric.js";

/** The rule that applies at the root of `text`, and its unsimplified result with sub-derivatives left symbolic. */
function applyRule(text: string, wrt = "x"): { rule: RuleName | undefined; result: Expr } {
  let rule: RuleName | undefined;
  const result = derivative(parse(text), {
    wrt,
    d: (e) => rawDerivative(e, wrt),
    note: (r) => (rule ??= r),
  });
  return { rule, result };
}

describe("rule selection and raw results", () => {
  it.each<[string, RuleName, string]>([
    ["7", "constant", "0"],
    ["y^2 + sin(y)", "constant", "0"],
    ["x", "variable", "1"],
    ["x + x^2 + y", "sum", "2*x + 1"],
    ["3*x^2", "constant multiple", "6*x"],
    ["y*sin(x)", "constant multiple", "y*cos(x)"],
    ["x*sin(x)", "product", "x*cos(x) + sin(x)"],
    ["sin(x)/x", "quotient", "(x*cos(x) - sin(x))/x^2"],
    ["1/(x*(x + 1))", "reciprocal", "-(2*x + 1)/(x^2*(x + 1)^2)"],
    ["x^5", "power", "5*x^4"],
    ["x^(1/3)", "power", "1/(3*x^(2/3))"],
    ["2^x", "exponential", "2^x*log(2)"],
    ["x^x", "general power", "x^x*(log(x) + 1)"],
    ["sin(x^2)", "chain", "2*x*cos(x^2)"],
  ])("d/dx %s uses the %s rule: %s", (text, rule, expected) => {
    const applied = applyRule(text);
    expect(applied.rule).toBe(rule);
    expect(format(simplify(applied.result))).toBe(expected);
  });

  it("gives the textbook raw form of the quotient rule", () => {
    // (u'v − uv')/v² before any simplification beyond canonical construction
    expect(format(applyRule("(x + 1)/(x - 1)").result)).toBe("-2/(x - 1)^2");
    expect(format(applyRule("sin(x)/cos(x)").result)).toBe("(cos(x)^2 + sin(x)^2)/cos(x)^2");
  });

  it("applies the chain rule to every argument of a two-argument function", () => {
    expect(format(applyRule("max(x^2, 3*x)").result)).toBe("2*x*step(x^2 - 3*x) + 3*step(3*x - x^2)");
  });
});

describe("function table", () => {
  // Points inside each function's domain, away from kinks.
  const points: Record<string, number[]> = {
    asin: [-0.5, 0.3], acos: [-0.5, 0.3], atanh: [-0.5, 0.3], acosh: [1.5, 3], log: [0.5, 2], log2: [0.5, 2],
    log10: [0.5, 2], csc: [-1.3, 0.4, 1.2], cot: [-1.3, 0.4, 1.2], abs: [-1.5, 0.7], sign: [-1.5, 0.7], step: [-1.5, 0.7], relu: [-1.5, 0.7],
    asec: [-1.3, 1.7, 2], acsc: [-1.3, 1.7, 2], acoth: [-1.3, 1.7, 2], asech: [-0.5, 0.4, 0.6],
  };
  for (const [name, row] of FUNCTIONS) {
    it(`${name}: derivative, value and LaTeX are in the table`, () => {
      expect(row.derivative).toHaveLength(row.arity);
      expect(row.latex).toBeTruthy();
      const args = row.arity === 1 ? "u" : "u, v";
      const f = parse(`${name}(${args === "u" ? "x^2 + x/3" : "x^2 + x/3, 1 - x"})`);
      const d = diff(f, "x");
      for (const x of points[name] ?? [-1.3, 0.4, 1.7]) {
        const numeric = centralDifference(f, "x", { x });
        expect(numeric, `${name} at ${x}`).toBeDefined();
        expect(close(evaluate(d, { x }), numeric!), `${name}'(${x}): ${format(d)}`).toBe(true);
      }
    });
  }

  it("documents the derivative at kinks as the average of the one-sided derivatives", () => {
    const at0 = (text: string) => evaluate(diff(text, "x"), { x: 0 });
    expect(at0("abs(x)")).toBe(0);
    expect(at0("relu(x)")).toBe(0.5);
    expect(at0("max(x, 0)")).toBe(0.5);
    expect(at0("min(x, 0)")).toBe(0.5);
    expect(format(diff("abs(x)", "x"))).toBe("sign(x)");
    expect(format(diff("sign(x)", "x"))).toBe("0");
  });
});

describe("powers with a varying exponent have no NaN where the derivative exists", () => {
  // Where the exponent is locally constant the function is a plain power: x^max(2, x) is x^2 for x < 2, so its
  // derivative there is 2x, even at negative x where log(x) is not real.
  it.each([
    ["x^max(2, x)", -1, -2],
    ["x^max(2, x)", -0.5, -1],
    ["x^max(2, x)", 3, 27 * (Math.log(3) + 1)], // x^x: x^x·(ln x + 1)
    ["x^(abs(x) + x)", -1.5, 0], // x^0 = 1 for x < 0
    ["x^(relu(x - 1) + 3)", -2, 12], // x^3
    ["(-2)^max(2, x)", -1, 0], // (-2)^2 = 4 for x < 2
    ["(x - 5)^min(3, x^2)", 4, 3], // (x - 5)^3 for |x| > √3: 3(x - 5)^2
    ["0^(x^2 + 1)", 0.7, 0], // 0 everywhere
  ])("d/dx %s at x = %s is %s", (text, x, expected) => {
    const d = diff(text, "x");
    expect(evaluate(d, { x }), format(d)).toBeCloseTo(expected, 9);
  });

  it("agrees with central differences at points where the function is real around the point", () => {
    for (const text of ["x^max(2, x)", "x^(abs(x) + x)", "x^(step(x) + 2)", "(x^2 + 1)^max(x, 1)", "x^x", "(-3)^min(x, 2)"]) {
      const f = parse(text);
      const d = diff(f, "x");
      for (const x of [-2.5, -1.3, -0.4, 0.6, 1.7, 3.2]) {
        const numeric = centralDifference(f, "x", { x });
        if (numeric === undefined) continue;
        expect(close(evaluate(d, { x }), numeric), `${text} at ${x}: ${format(d)}`).toBe(true);
      }
    }
  });

  it("keeps ln(u) where the exponent has no kink (the form people write)", () => {
    expect(format(diff("x^x", "x"))).toBe("x^x*(log(x) + 1)");
    expect(format(diff("0^(x^2)", "x"))).toBe("0");
  });
});
