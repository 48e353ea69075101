/**
 * LaTeX round trips: what toLatex prints, the LaTeX reader reads back as the same expression, for the corpora
 * (inputs, derivatives, simplified derivatives), every table function, names of every kind, and random expressions.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diff, equals, type Expr, format, FUNCTIONS, parse, simplify } from "../../src/index.js";
import { toLatex } from "../../src/print/latex.js";
import { readCorpus } from "../core/corpus-cases.js";
import { expression, expressionWithAbs } from "../support/arbitraries.js";

/** toLatex, then the LaTeX reader: must give `e` back (`equals`: identity within a generation of interned nodes). */
function expectRoundTrip(e: Expr): void {
  const latex = toLatex(e);
  const back = parse(latex, { syntax: "latex" });
  expect(equals(back, e), `${format(e)} printed as ${latex} read back as ${format(back)}`).toBe(true);
}

describe("LaTeX round trip over the corpora", () => {
  for (const name of ["corpus-sample", "corpus-generated"]) {
    it(`${name}: inputs, derivatives and simplified derivatives`, () => {
      const cases = readCorpus(name);
      expect(cases.length).toBeGreaterThan(10);
      for (const c of cases) {
        const f = parse(c.expr);
        const d = diff(f, c.wrt, c.order);
        for (const e of [f, d, simplify(d)]) expectRoundTrip(e);
      }
    });
  }
});

describe("LaTeX round trip of functions and names", () => {
  const unary = [...FUNCTIONS.values()].filter((row) => row.arity === 1).map((row) => row.name);
  it.each(unary.flatMap((f) => [`${f}(x)`, `${f}(x)^2`, `${f}(x^2 + 1)*y`, `x*${f}(1/x)`, `${f}(x)^(-1)`]))("%s", (text) => {
    expectRoundTrip(parse(text));
  });

  it.each([
    "min(x, y)", "max(2*x, y)", "atan2(y, x)", "log(x, 2)", "log(x, 10)*y", "log(x)/(log(2)*log(3))", "log(x, y)",
    "exp(x)", "exp(x^2 + x*y + y^2 + 1)", "e", "e*x", "pi*x", "(-2)^x", "(1/2)^x", "x^(3/2)", "x^(-1/3)", "x^y^z",
    "(x^y)^z", "2*3^x", "-(x + 1)*y", "x*(y + 1)", "-x/(2*y)", "x/0", "abs(x)^3", "abs(abs(x) - 1)",
    "x1 + x2*y12", "w_1*x + w_2", "x_i_j", "rate*x", "a_*b", "x1_2", "θ*exp(-λ*x)", "α_max",
    "σ*(x + 1)", "sigmoid(σ*x)", "θ_2 + θ2",
  ])("%s", (text) => {
    expectRoundTrip(parse(text));
  });

  it("reads a spelled-out Greek name back as the letter, which the printer writes alike", () => {
    // `theta` and `θ` both print as \theta (as readers expect the letter); \theta reads as θ, the typed letter.
    expect(equals(parse(toLatex(parse("theta*x")), { syntax: "latex" }), parse("θ*x"))).toBe(true);
  });
});

/**
 * Has `e` a power of 0 (1/0)? Excluded: the printer writes 2/(cosh(x)^2)/0 as \frac{2}{0 \cosh^{2}(x)}, whose
 * denominator, read as a product, is 0.
 */
function dividesByZero(e: Expr): boolean {
  switch (e.kind) {
    case "pow":
      return (e.base.kind === "num" && e.base.value.isZero) || dividesByZero(e.base) || dividesByZero(e.exponent);
    case "add":
      return e.terms.some(dividesByZero);
    case "mul":
      return e.factors.some(dividesByZero);
    case "call":
      return e.args.some(dividesByZero);
    default:
      return false;
  }
}

describe("LaTeX round trip of random expressions", () => {
  it("reads back every random expression and its derivative", () => {
    fc.assert(
      fc.property(expression(), (e) => {
        for (const x of [e, diff(e, "x")]) if (!dividesByZero(x)) expectRoundTrip(x);
      }),
      { numRuns: 400 },
    );
  });

  it("reads back random expressions with absolute values", () => {
    fc.assert(
      fc.property(expressionWithAbs(), (e) => {
        if (!dividesByZero(e)) expectRoundTrip(e);
      }),
      { numRuns: 400 },
    );
  });

});
