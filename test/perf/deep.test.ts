/**
 * Deep input either works or fails with a clear SymdiffError, never a RangeError (stack overflow). Nesting is capped
 * at 2,500 levels; walks over deeper-than-200 expressions go children first with an explicit stack.
 */
import { describe, expect, it } from "vitest";
import { thrown } from "../support/errors.js";
import { check, compile, diff, domainProblem, evaluate, format, LimitError, MAX_STEPS, opCount, parse, realValue, simplify, steps, substitute, SymdiffError, toLatex } from "../../src/index.js";
import { MAX_DEPTH } from "../../src/ast/expr.js";

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

/**
 * Every operation at depth 2,499, one level under the limit, on each shape of nesting: none may overflow the stack
 * (walks over deep expressions go children first, see `deepFirst`), and values are checked against the same function
 * computed by plain JavaScript iteration, not by symdiff.
 */
describe("every operation just under the nesting limit", () => {
  const levels = 2498; // wrapped around a leaf: depth 2,499
  const x = 0.3;
  const y = 0.2;
  const iterate = (step: (u: number, x: number) => number, leaf: (x: number) => number) => (at: number) => {
    let u = leaf(at);
    for (let k = 0; k < levels; k++) u = step(u, at);
    return u;
  };
  const iterateHalf = (step: (u: number, x: number) => number, leaf: (x: number) => number) => (at: number) => {
    let u = leaf(at);
    for (let k = 0; k < levels / 2; k++) u = step(u, at);
    return u;
  };
  const shapes: { name: string; text: string; f: (x: number) => number }[] = [
    { name: "nested sin", text: nested("sin(", "x", levels), f: iterate(Math.sin, (x) => x) },
    { name: "a power tower x^x^...^x", text: "x^".repeat(levels) + "x", f: iterate((u, x) => x ** u, (x) => x) },
    {
      name: "sums and products alternating",
      text: Array.from({ length: levels }, (_, k) => (k % 2 ? "(y+" : "(y*")).join("") + "x" + ")".repeat(levels),
      f: (at) => {
        let u = at;
        for (let k = levels - 1; k >= 0; k--) u = k % 2 ? y + u : y * u;
        return u;
      },
    },
    { name: "nested abs(x + ...)", text: nested("abs(x+", "x", levels / 2), f: iterateHalf((u, x) => Math.abs(x + u), (x) => x) },
    { name: "nested max(x, ...)", text: nested("max(x, ", "y", levels), f: iterate((u, x) => Math.max(x, u), () => y) },
    { name: "nested atan2(1, ...)", text: nested("atan2(1, ", "x", levels), f: iterate((u) => Math.atan2(1, u), (x) => x) },
    { name: "an exp chain exp(-exp(-...))", text: nested("exp(-", "x", levels / 2), f: iterateHalf((u) => Math.exp(-u), (x) => x) },
    { name: "nested sin(x + ...)", text: nested("sin(x+", "x", levels / 2), f: iterateHalf((u, x) => Math.sin(x + u), (x) => x) },
  ];

  describe.each(shapes)("$name", ({ text, f }) => {
    const e = parse(text);
    const value = f(x);

    it("parses to depth 2,499 and evaluates, compiles and has a real value", () => {
      expect(e.depth).toBeGreaterThanOrEqual(levels);
      expect(e.depth).toBeLessThan(MAX_DEPTH);
      expect(evaluate(e, { x, y })).toBeCloseTo(value, 12);
      expect(realValue(e, { x, y })).toBeCloseTo(value, 12);
      expect(domainProblem(e, { x, y })).toBeUndefined();
      expect(compile(e, ["x", "y"])(x, y)).toBeCloseTo(value, 12);
    });

    it("prints text that reads back to it, and LaTeX", () => {
      expect(parse(format(e))).toBeExpr(e);
      expect(String(e)).toBe(format(e));
      expect(toLatex(e).length).toBeGreaterThan(levels);
    });

    it("simplifies, counts and substitutes", () => {
      expect(evaluate(simplify(e), { x, y })).toBeCloseTo(value, 12);
      expect(opCount(e)).toBeGreaterThanOrEqual(levels / 2);
      expect(evaluate(substitute(e, new Map([["x", parse("y")]])), { y })).toBeCloseTo(f(y), 12);
      expect(check(e, e).equivalent).toBe(true);
    });

    it("differentiates (the derivative matches a central difference) or says the derivative nests too deeply", () => {
      let d;
      try {
        d = diff(e, "x");
      } catch (error) {
        // d/dx x^u = x^u*(log(x)*u' + u/x) nests u' two levels deeper at each level: deeper than the input.
        expect(error).toBeInstanceOf(LimitError);
        expect((error as Error).message).toMatch(/nested too deeply/);
        return;
      }
      const h = 1e-6;
      const slope = (f(x + h) - f(x - h)) / (2 * h);
      expect(Math.abs(evaluate(d, { x, y }) - slope)).toBeLessThan(1e-6 * Math.max(1, Math.abs(slope)));
    });

    it("refuses steps beyond MAX_STEPS distinct subexpressions with a LimitError", () => {
      expect(() => steps(e, "x")).toThrow(LimitError);
    });

    it("one level deeper than the limit is refused by parse and by the constructors, naming the limit", () => {
      const deeper = thrown(() => parse(`sin(sin(${text}))`));
      expect(deeper).toBeInstanceOf(SymdiffError);
      expect(deeper.message).toMatch(/nested too deeply \(more than 2500 levels\)/);
    });
  });

  it("orders two different deep expressions (sorting the terms of a sum compares them level by level)", () => {
    const [a, b] = [nested("sin(", "x", levels - 1), nested("sin(", "y", levels - 1)];
    let [u, v] = [x, y];
    for (let k = 0; k < levels - 1; k++) [u, v] = [Math.sin(u), Math.sin(v)];
    for (const e of [parse(`${a} + ${b}`), parse(`${b} * ${a}`)]) {
      expect(parse(format(simplify(e)))).toBeExpr(simplify(e));
      expect(evaluate(e, { x, y })).toBeCloseTo(e.kind === "add" ? u + v : u * v, 12);
    }
    expect(parse(`${a} + ${b}`)).toBeExpr(parse(`${b} + ${a}`));
  });

  it("derives step by step up to MAX_STEPS distinct subexpressions, and refuses one more", () => {
    const derivation = steps(nested("sin(", "x", MAX_STEPS - 1), "x");
    expect(derivation).toHaveLength(MAX_STEPS); // a chain rule for each sin but the innermost, its table entry, then put together
    expect(() => steps(nested("sin(", "x", MAX_STEPS), "x")).toThrow(LimitError);
  });
});
