import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check } from "../../src/homework/check.js";
import { rawDerivative } from "../../src/diff.js";
import { ArgumentError, build, diff, evaluate, type Expr, parse, ParseError, simplify, substitute, SymdiffError } from "../../src/index.js";
import { expression } from "../support/arbitraries.js";

/** A "not equivalent" verdict must come with a point where the two really differ, checked here independently. */
function expectDifferAtReportedPoint(answer: string | Expr, expected: string | Expr) {
  const r = check(answer, expected);
  expect(r.equivalent).toBe(false);
  expect(r.method).toBe("numeric");
  const [a, b] = [evaluate(answer, r.point!), evaluate(expected, r.point!)];
  expect(Math.abs(r.values![0] - a)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a)));
  expect(Math.abs(r.values![1] - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(b)));
  expect(Math.abs(a - b)).toBeGreaterThan(1e-6);
  return r;
}

describe("check: the cases where other tools fail", () => {
  it("(x+1)^2 and x^2 + 2x + 1", () => {
    expect(check("(x+1)^2", "x^2 + 2x + 1")).toEqual({ equivalent: true, method: "symbolic" });
  });

  it("sin(x)^2 + cos(x)^2 and 1", () => {
    expect(check("sin(x)^2 + cos(x)^2", "1")).toEqual({ equivalent: true, method: "symbolic" });
  });

  it("the product-rule form of a derivative and its expanded form", () => {
    const productRuleForm = rawDerivative(parse("(x^2 + 1)*sin(x)*exp(x)"), "x");
    expect(check(productRuleForm, "exp(x)*(2x sin(x) + x^2 sin(x) + x^2 cos(x) + sin(x) + cos(x))").equivalent).toBe(true);
    expect(check("2x cos(x^2) + x^2", rawDerivative(parse("sin(x^2) + x^3/3"), "x")).equivalent).toBe(true);
  });

  it("1/(1 + exp(-z)) - y and the unsimplified gradient of the cross-entropy loss", () => {
    const loss = parse("-(y*log(sigmoid(z)) + (1 - y)*log(1 - sigmoid(z)))");
    expect(check("1/(1 + exp(-z)) - y", rawDerivative(loss, "z"))).toEqual({ equivalent: true, method: "numeric" });
    const written = parse("-(y*log(1/(1 + exp(-z))) + (1 - y)*log(1 - 1/(1 + exp(-z))))");
    expect(check("1/(1 + exp(-z)) - y", rawDerivative(written, "z")).equivalent).toBe(true);
    expectDifferAtReportedPoint("1/(1 + exp(-z)) + y", rawDerivative(loss, "z"));
  });

  it("ln(x^2) and 2 ln(x): equal only for x > 0, and the note says so", () => {
    for (const [a, b] of [["ln(x^2)", "2 ln(x)"], ["2 ln(x)", "ln(x^2)"]]) {
      const r = check(a!, b!);
      expect(r).toMatchObject({ equivalent: true, method: "numeric" });
      expect(r.note).toMatch(/^equal only where x > 0: at x = -[\d.]+, log\(x\^2\) = [\d.]+ but 2\*log\(x\) is undefined$/);
    }
  });

  it("clearly different answers, with the point and both values", () => {
    expectDifferAtReportedPoint("x^2", "x^3");
    expectDifferAtReportedPoint("cos(x^2)", "2x cos(x^2)");
    expectDifferAtReportedPoint("sin(x)^2 - cos(x)^2", "1");
    expectDifferAtReportedPoint("2 ln(x)", "ln(2x)");
  });
});

describe("check: domains, variables and constants", () => {
  it("names the interval where both sides are defined", () => {
    expect(check("asin(x) + acos(x)", "pi/2").note).toMatch(/^equal only where -1 < x < 1: /);
    expect(check("sqrt(x - 1)^2", "x - 1").equivalent).toBe(true);
  });

  it("is not fooled by functions that agree on part of the line", () => {
    expectDifferAtReportedPoint("relu(x)", "x");
    expectDifferAtReportedPoint("min(x, 5)", "x");
    expectDifferAtReportedPoint("abs(x)", "x");
  });

  it("says when the two are never both defined", () => {
    const r = check("log(x - 1)", "log(1 - x)");
    expect(r.equivalent).toBe(false);
    expect(r.note).toMatch(/never both defined/);
    expect(Number.isNaN(r.values![0])).toBe(true);
    expect(r.values![1]).toBeCloseTo(evaluate("log(1 - x)", r.point!), 12);
  });

  it("takes __proto__ and constructor as variable names", () => {
    expect(check("2*__proto__ + constructor", "3*__proto__ + constructor")).toMatchObject({ equivalent: false, method: "numeric" });
    const { point, values } = check("2*__proto__", "3*__proto__");
    expect(Object.keys(point!)).toEqual(["__proto__"]);
    expect(values).toEqual([2 * point!.__proto__!, 3 * point!.__proto__!]);
  });

  it("points out a variable that only the answer uses", () => {
    expect(expectDifferAtReportedPoint("2*t", "2*x").note).toBe("the answer uses t, which the expected expression does not");
  });

  it("compares constants exactly where it can, and by value otherwise", () => {
    // d/dx (2x + 1/x)/(x + y) at (1, 2) is ((2 - 1)·3 - 3)/9 = 0, not the -2 of many worked solutions.
    const atPoint = substitute(diff("(2x + 1/x)/(x + y)", "x"), new Map([["x", build.num(1)], ["y", build.num(2)]]));
    expect(check("-2", atPoint)).toMatchObject({ equivalent: false, values: [-2, 0] });
    expect(check("0", atPoint)).toEqual({ equivalent: true, method: "symbolic" });
    expect(check("sqrt(2)/2", "sin(pi/4)")).toMatchObject({ equivalent: true });
  });

  it("does not mistake cancellation in an expanded polynomial for a difference", () => {
    const expanded = "x^8 - 80x^7 + 2800x^6 - 56000x^5 + 700000x^4 - 5600000x^3 + 28000000x^2 - 80000000x + 100000000";
    expect(check("(x - 10)^8 + log(x^2)", `${expanded} + 2*log(x)`)).toMatchObject({ equivalent: true, method: "numeric" });
    expectDifferAtReportedPoint("(x - 10)^8 + log(x^2)", `${expanded.replace("80000000x", "80000001x")} + 2*log(x)`);
  });

  it("does not mistake rounding at ill-conditioned points for a difference", () => {
    expect(check("tan(exp(x^3))", "sin(exp(x^3))/cos(exp(x^3))").equivalent).toBe(true);
  });

  it("says so when no point can be trusted, rather than guessing", () => {
    // At x of order 1, 10^30·x carries no information about its last 2π: every value of sin and cos is noise.
    expect(check("sin(10^30*x)", "cos(10^30*x)")).toEqual({
      equivalent: false,
      method: "numeric",
      note: "at the 1024 points tried the two are undefined or too sensitive to rounding to compare",
    });
  });
});

describe("check: options", () => {
  it("is deterministic for a seed", () => {
    expect(check("x^2", "x^3", { seed: 7 })).toEqual(check("x^2", "x^3", { seed: 7 }));
    expect(check("x^2", "x^3", { seed: 7 }).point).not.toEqual(check("x^2", "x^3", { seed: 8 }).point);
  });

  it("honours the tolerance", () => {
    expect(check("x + 1e-6", "x").equivalent).toBe(false);
    expect(check("x + 1e-6", "x", { absoluteTolerance: 1e-5 }).equivalent).toBe(true);
  });

  it("rejects bad options and bad input with clear errors", () => {
    expect(() => check("x", "x", { samples: 0 })).toThrow(/samples must be a whole number/);
    expect(() => check("x", "x", { seed: 1.5 })).toThrow(ArgumentError);
    expect(() => check("x", "x", { relativeTolerance: -1 })).toThrow(/relativeTolerance must be a finite number/);
    expect(() => check("x +", "x")).toThrow(ParseError);
  });
});

describe("check: random pairs from the property-test generator", () => {
  /** Defined somewhere, and of moderate size there: a change of 1 to 1e40 is below any relative tolerance. */
  const moderate = (e: Expr) => [-0.7, 0.3, 1.1, 2.3].some((x) => Math.abs(evaluate(e, { x, y: 0.6 })) < 1e6);

  it("an expression and its simplified form are equivalent", () => {
    fc.assert(
      fc.property(expression(), (e) => {
        fc.pre(moderate(e));
        expect(check(e, simplify(e)).equivalent).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("an expression and a perturbed form are not", () => {
    const { add, mul, num, sym } = build;
    fc.assert(
      fc.property(expression(), fc.constantFrom(num(1), sym("x"), mul(num(-3), sym("y"))), (e, perturbation) => {
        fc.pre(moderate(e));
        const r = check(add(e, perturbation), e);
        expect(r.equivalent).toBe(false);
        if (r.values) expect(r.values[0]).not.toBe(r.values[1]);
      }),
      { numRuns: 150 },
    );
  });

  it("shows a point where the two values differ as floats, not only exactly (found by the property above)", () => {
    // At x near 3, cosh(exp(6*x)) is about 7e37 and -3*y is lost in its float: the difference is exact, the values not.
    const r = check("cosh(exp(6*x)) - 3*y", "cosh(exp(6*x))");
    expect(r.equivalent).toBe(false);
    expect(r.values![0]).not.toBe(r.values![1]);
  });
});

describe("check: exact differences, the scales of the constants, both domains (issue 15, class 6)", () => {
  it("decides a difference that simplifies to a number exactly: two different constants are never equivalent", () => {
    expect(check("1e-10", "0")).toMatchObject({ equivalent: false, method: "symbolic", values: [1e-10, 0] });
    expect(check("x + 1e-12", "x")).toMatchObject({ equivalent: false, method: "symbolic" });
    expect(check("1/3", "0.3333333333333333")).toMatchObject({ equivalent: false, method: "symbolic" });
    expect(check("pi", "3.141592653589793")).toMatchObject({ equivalent: false, method: "symbolic" });
    expect(check("(pi + 1)^2", "pi^2 + 2pi + 1")).toMatchObject({ equivalent: true });
    // A float-rounded decimal of an irrational is still a different number when it can be told apart in float64.
    expect(check("sqrt(2)", "1.41421356237").equivalent).toBe(false);
  });

  it("does not let a small exact term vanish beside a large one", () => {
    // 1e-10*sin(x) is 1e-10 relative to x^2 near x = 1: below a 1e-9 relative tolerance on the values.
    for (const [answer, small] of [["x^2 + 1e-10*sin(x)", "1e-10*sin(x)"], ["exp(x) + 1e-9*x", "1e-9*x"]]) {
      const r = check(answer!, answer!.replace(/ \+ .*/, ""));
      expect(r.equivalent).toBe(false);
      // The reported values differ by the small term, computed here on its own.
      const gap = evaluate(small!, r.point!);
      expect(Math.abs(r.values![0] - r.values![1] - gap)).toBeLessThan(1e-5 * Math.abs(gap));
      expect(evaluate(small!, r.point!)).not.toBe(0);
    }
  });

  it("tries points beyond and around the constants of either side", () => {
    // min(x, c) is x for every x < c: only points beyond c tell them apart.
    for (const c of [20, 100, 2500, 1e6]) {
      const r = expectDifferAtReportedPoint(`min(x, ${c})`, "x");
      expect(r.point!.x).toBeGreaterThan(c);
    }
    expectDifferAtReportedPoint("x", "max(x, -300)");
    expectDifferAtReportedPoint("relu(x - 50)", "x - 50");
    // ... and small scales: abs(x) - abs(x - 1e-4) is constant only beyond 1e-4.
    expectDifferAtReportedPoint("min(x, 0.001)", "x");
  });

  it("finds points inside both domains, far from 0", () => {
    const r = check("log(2x - 40)", "log(x - 20) + log(2)");
    expect(r).toMatchObject({ equivalent: true });
    expect(r.note).toBeUndefined();
    expect(check("asin(x - 30)", "pi/2 - acos(x - 30)").equivalent).toBe(true);
    // Defined only for 7 < |x| < 7.15 (x^2 between 49 and 51): found by scanning the line, not by chance.
    expect(check("asin(x^2 - 50)", "pi/2 - acos(x^2 - 50)").equivalent).toBe(true);
    const narrow = check("asin(x^2 - 50)", "asin(x^2 - 50) + x/1000");
    expect(narrow.equivalent).toBe(false);
    expect(Math.abs(narrow.point!.x!) ** 2 - 50).toBeLessThanOrEqual(1);
    expect(Math.abs(narrow.point!.x!) ** 2 - 50).toBeGreaterThanOrEqual(-1);
    expectDifferAtReportedPoint("log(2x - 40)", "log(x - 20)");
    expect(expectDifferAtReportedPoint("x*sqrt(x - 1000)", "1000*sqrt(x - 1000)").point!.x).toBeGreaterThan(1000);
  });

  it("says where the two agree when that is only part of the line, at the constants' scale", () => {
    const r = check("log(x^2 - 400)", "log(x - 20) + log(x + 20)");
    expect(r.equivalent).toBe(true);
    expect(r.note).toMatch(/^equal only where x > 20: /);
  });

  it("never throws anything but a SymdiffError (decimal exponents)", () => {
    for (const [a, b] of [["3*x^1.9999999999", "3*x^2"], ["x^0.0000000001", "1"]]) {
      let r;
      try {
        r = check(a!, b!);
      } catch (error) {
        expect(error).toBeInstanceOf(SymdiffError);
        continue;
      }
      // x^1.9999999999 is not x^2: 3x^2(x^(-1e-10) - 1) is about 1e-10 relative, which float64 sees.
      expect(r.equivalent).toBe(false);
    }
  });

  it("rejects options that are not an object", () => {
    expect(() => check("x", "x", null as never)).toThrow(ArgumentError);
    expect(() => check("x", "x", 5 as never)).toThrow(ArgumentError);
  });
});

describe("check: where a wrong answer is still right", () => {
  it("says where the two agree when that is only part of the line", () => {
    const r = check("min(x, 20)", "x");
    expect(r.equivalent).toBe(false);
    expect(r.point!.x).toBeGreaterThan(20);
    expect(r.note).toBe("the two agree only where x < 20");
    expect(check("relu(x)", "x").note).toBe("the two agree only where x > 0");
    expect(check("abs(x)", "x").note).toBe("the two agree only where x > 0");
    // Nowhere equal: no such note.
    expect(check("x^2", "x^3").note).toBeUndefined();
  });

  it("names an exact difference readably", () => {
    expect(check("1e-10", "0").note).toBe("answer - expected is exactly 1e-10");
    expect(check("x", "x + 1/3").note).toBe("answer - expected is exactly -1/3");
  });
});
