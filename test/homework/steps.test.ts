import fc from "fast-check";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { equals } from "../../src/ast/expr.js";
import { rawDerivative } from "../../src/diff.js";
import { implicitSteps } from "../../src/homework/implicit-steps.js";
import { steps, stepsToLatex, stepsToText } from "../../src/homework/steps.js";
import { implicitDiff } from "../../src/implicit.js";
import { ArgumentError, diff, format, LimitError, parse, ParseError, simplify } from "../../src/index.js";
import { expression, VARIABLES } from "../support/arbitraries.js";

const rules = (e: string, wrt = "x") => steps(e, wrt).map((s) => s.rule);
const renders = (latex: string) => katex.renderToString(latex, { throwOnError: true, displayMode: true });

describe("steps: the issue's example, d/dx sin(3x^2 + x)", () => {
  const derivation = steps("sin(3*x^2 + x)", "x");

  it("reads as a textbook derivation: chain rule on u, then the sum, constant multiple and power rules", () => {
    expect(derivation.map((s) => s.text)).toEqual([
      "chain rule with u = 3*x^2 + x and d/du sin(u) = cos(u): d/dx[sin(3*x^2 + x)] = d/dx[3*x^2 + x]*cos(3*x^2 + x)",
      "sum rule: d/dx[3*x^2 + x] = d/dx[3*x^2] + d/dx[x]",
      "constant multiple rule: d/dx[3*x^2] = 3*d/dx[x^2]",
      "power rule: d/dx[x^2] = 2*x",
      "variable rule: d/dx[x] = 1",
      "put together: d/dx[sin(3*x^2 + x)] = (6*x + 1)*cos(3*x^2 + x)",
    ]);
  });

  it("names the inner function and the table entry of the chain rule", () => {
    expect(derivation[0]).toMatchObject({ rule: "chain", entry: "d/du sin(u) = cos(u)", inner: [parse("3*x^2 + x")] });
  });

  it("records each subexpression, its intermediate result and its depth", () => {
    expect(derivation.map((s) => [format(s.expr), format(s.result), s.depth])).toEqual([
      ["sin(3*x^2 + x)", "(6*x + 1)*cos(3*x^2 + x)", 0],
      ["3*x^2 + x", "6*x + 1", 1],
      ["3*x^2", "6*x", 2],
      ["x^2", "2*x", 3],
      ["x", "1", 2],
      ["sin(3*x^2 + x)", "(6*x + 1)*cos(3*x^2 + x)", 0],
    ]);
  });

  it("ends with exactly diff(expr, wrt)", () => {
    expect(derivation.at(-1)!.result).toBeExpr(diff("sin(3*x^2 + x)", "x"));
  });

  it("prints numbered, indented lines", () => {
    expect(stepsToText(derivation).split("\n").slice(0, 4)).toEqual([
      "1. chain rule with u = 3*x^2 + x and d/du sin(u) = cos(u):",
      "   d/dx[sin(3*x^2 + x)] = d/dx[3*x^2 + x]*cos(3*x^2 + x)",
      "2.   sum rule:",
      "     d/dx[3*x^2 + x] = d/dx[3*x^2] + d/dx[x]",
    ]);
  });

  it("has LaTeX for every step and an align* block that KaTeX renders", () => {
    expect(derivation[3]!.latex).toBe("\\frac{d}{dx}\\left[x^{2}\\right] = 2 x \\qquad \\text{power rule}");
    const block = stepsToLatex(derivation);
    expect(block.startsWith("\\begin{align*}\n")).toBe(true);
    expect(block).toContain("\\frac{d}{dx}\\left[3 x^{2} + x\\right] &= \\frac{d}{dx}\\left[3 x^{2}\\right] + \\frac{d}{dx}\\left[x\\right] && \\text{sum rule} \\\\");
    for (const s of derivation) renders(s.latex);
    renders(block);
  });
});

describe("steps: every rule", () => {
  it.each([
    ["7", ["constant"]],
    ["x", ["variable"]],
    ["x^5", ["power"]],
    ["x^2 + x + 1", ["sum", "power", "variable", "constant", "simplify"]],
    ["x^2 - x", ["difference", "power", "variable", "simplify"]],
    ["4*x^3", ["constant multiple", "power", "simplify"]],
    ["x*sin(x)", ["product", "variable", "function", "simplify"]],
    ["(x + 1)/(x - 1)", ["quotient", "sum", "variable", "constant", "difference", "simplify"]],
    ["1/(x*sin(x))", ["reciprocal", "variable", "function", "simplify"]],
    ["2^x", ["exponential"]],
    ["x^x", ["general power"]],
    ["exp(x^2)", ["chain", "power", "simplify"]],
    ["(3*x + 1)^4", ["power", "sum", "constant multiple", "constant", "simplify"]],
  ])("%s", (e, expected) => {
    expect(rules(e)).toEqual(expected);
  });

  it("never labels a constant multiple a product rule", () => {
    expect(rules("3*x*y", "x")).toEqual(["constant multiple"]);
    expect(rules("pi*y*sin(x)", "x")).toEqual(["constant multiple", "function", "simplify"]);
    fc.assert(
      fc.property(expression(), fc.constantFrom(...VARIABLES), (e, v) => {
        for (const s of steps(e, v).filter((s) => s.rule === "product")) {
          expect(s.expr.kind).toBe("mul");
          if (s.expr.kind === "mul") for (const f of s.expr.factors) expect(f.vars.has(v)).toBe(true);
        }
      }),
    );
  });

  it("writes the derivatives still to be worked out into the formula", () => {
    expect(steps("x*sin(x)", "x")[0]!.equation).toEqual(["d/dx[x*sin(x)]", "d/dx[x]*sin(x) + d/dx[sin(x)]*x"]);
    expect(steps("(x + 1)/(x - 1)", "x")[0]!.equation).toEqual([
      "d/dx[(x + 1)/(x - 1)]",
      "(d/dx[x + 1]*(x - 1) - d/dx[x - 1]*(x + 1))/(x - 1)^2",
    ]);
    expect(steps("x^2 - 3*y*sin(x)", "x")[0]!.equation[1]).toBe("∂/∂x[x^2] - ∂/∂x[3*y*sin(x)]");
    expect(steps("(3*x + 1)^4", "x")[0]!.title).toBe("power rule and chain rule with u = 3*x + 1");
  });

  it("uses partial derivatives when the function has other variables", () => {
    expect(steps("x^2*y + sin(y)", "x").map((s) => s.text)).toEqual([
      "sum rule: ∂/∂x[x^2*y + sin(y)] = ∂/∂x[x^2*y] + ∂/∂x[sin(y)]",
      "constant multiple rule: ∂/∂x[x^2*y] = ∂/∂x[x^2]*y",
      "power rule: ∂/∂x[x^2] = 2*x",
      "constant rule: ∂/∂x[sin(y)] = 0",
      "put together: ∂/∂x[x^2*y + sin(y)] = 2*x*y",
    ]);
    expect(steps("x^2*y", "x")[0]!.latex).toContain("\\frac{\\partial}{\\partial x}\\left[x^{2} y\\right]");
  });

  it("shows the simplification when the assembled derivative simplifies further", () => {
    const last = steps("max(x, x^2)", "x").at(-1)!;
    expect(last.title).toBe("put together and simplify");
    expect(last.equation).toHaveLength(3);
    expect(last.equation[2]).toBe(format(diff("max(x, x^2)", "x")));
  });
});

describe("steps: nested chains", () => {
  it("works from the outside in, one table entry per level", () => {
    const derivation = steps("sin(cos(tan(x)))", "x");
    expect(derivation.map((s) => [s.rule, s.entry])).toEqual([
      ["chain", "d/du sin(u) = cos(u)"],
      ["chain", "d/du cos(u) = -sin(u)"],
      ["function", "d/du tan(u) = sec(u)^2"],
      ["simplify", undefined],
    ]);
    expect(derivation.map((s) => s.inner?.map(format))).toEqual([["cos(tan(x))"], ["tan(x)"], undefined, undefined]);
  });

  it("names both inner functions of a two-argument function", () => {
    expect(steps("max(x, x^2)", "x")[0]!.title).toBe(
      "chain rule with u = x, v = x^2 and ∂/∂u max(u, v) = step(u - v), ∂/∂v max(u, v) = step(v - u)",
    );
  });

  it("picks a letter for the inner function that the expression does not use", () => {
    expect(steps("sin(u^2)", "u")[0]!.title).toBe("chain rule with v = u^2 and d/dv sin(v) = cos(v)");
  });

  it("derives a repeated subexpression once", () => {
    const derivation = steps("sin(x^2) + cos(x^2)", "x");
    // Compared with `equals`: parse runs as an operation of its own, and a new generation of interned nodes may
    // start before it (ast/expr.ts), so its x^2 need not be the very object the derivation holds.
    const square = parse("x^2");
    expect(derivation.filter((s) => equals(s.expr, square))).toHaveLength(1);
    expect(derivation.at(-1)!.result).toBeExpr(diff("sin(x^2) + cos(x^2)", "x"));
  });
});

describe("steps: agreement with diff", () => {
  it("ends with diff(expr, wrt), and every intermediate result is the engine's derivative of its subexpression", () => {
    fc.assert(
      fc.property(expression(), fc.constantFrom(...VARIABLES), (e, v) => {
        const derivation = steps(e, v);
        expect(derivation.at(-1)!.result).toBeExpr(diff(e, v));
        for (const s of derivation.slice(0, -1)) {
          expect(s.result).toBeExpr(rawDerivative(s.expr, v));
          expect(simplify(s.result)).toBeExpr(diff(s.expr, v));
        }
      }),
    );
  });

  it("prints LaTeX that KaTeX renders, for random expressions", () => {
    fc.assert(
      fc.property(expression(3), fc.constantFrom(...VARIABLES), (e, v) => {
        renders(stepsToLatex(steps(e, v)));
      }),
      { numRuns: 40 },
    );
  });
});

describe("steps: bad input", () => {
  it("reports a bad variable, a parse error and an expression too large to explain", () => {
    expect(() => steps("x^2", "2")).toThrow(ArgumentError);
    expect(() => steps("x +", "x")).toThrow(ParseError);
    const huge = Array.from({ length: 500 }, (_, i) => `sin(${i + 1}*x)`).join(" + ");
    expect(() => steps(huge, "x")).toThrow(LimitError);
  });
});

describe("steps: higher orders (issue 18)", () => {
  it("works out each successive derivative, marking the order; the last result is the n-th derivative", () => {
    const derivation = steps("x^3", "x", 3); // 3x^2, 6x, 6
    expect(derivation.map((s) => s.order)).toEqual([1, 2, 2, 2, 3]); // d/dx[6*x] = 6 in one step
    expect(derivation.filter((s, i) => derivation[i + 1]?.order !== s.order).map((s) => String(s.result))).toEqual(["3*x^2", "6*x", "6"]);
    expect(steps("x^3", "x").every((s) => s.order === undefined)).toBe(true);
  });

  it("heads each order in text and LaTeX", () => {
    const text = stepsToText(steps("sin(x)", "x", 2));
    expect(text.split("\n").filter((l) => l.endsWith("derivative:"))).toEqual(["First derivative:", "Second derivative:"]);
    const latex = stepsToLatex(steps("sin(x)", "x", 2));
    expect(latex).toContain("&\\text{Second derivative} \\\\");
    katex.renderToString(latex, { throwOnError: true, displayMode: true });
  });

  it("refuses orders outside 1 to MAX_STEP_ORDER", () => {
    expect(() => steps("x^2", "x", 0)).toThrow("steps: the order must be a whole number from 1 to 10, got 0");
    expect(() => steps("x^2", "x", 11)).toThrow("from 1 to 10");
  });
});

describe("implicitSteps (issue 18)", () => {
  it("the circle: differentiate both sides, chain rule, collect, solve", () => {
    const derivation = implicitSteps("x^2 + y^2 = 1", "y", "x");
    expect(derivation.map((s) => [s.rule, s.equation.join(" = ")])).toEqual([
      ["implicit", "d/dx[x^2 + y^2] = d/dx[1]"],
      ["chain", "2*x + 2*y*y' = 0"],
      ["collect", "2*y*y' = -2*x"],
      ["solve", "y' = -x/y"],
    ]);
    expect(derivation.at(-1)!.result).toBe(implicitDiff("x^2 + y^2 = 1", "y", "x"));
    expect(derivation[1]!.equationLatex).toEqual(["2 x + 2 y \\frac{dy}{dx}", "0"]);
  });

  it("the folium: y' terms on both sides are collected, and the quotient simplified", () => {
    const derivation = implicitSteps("x^3 + y^3 = 6x y", "y", "x");
    expect(derivation.slice(1).map((s) => s.equation.join(" = "))).toEqual([
      "3*x^2 + 3*y^2*y' = 6*x*y' + 6*y",
      "y'*(3*y^2 - 6*x) = 6*y - 3*x^2",
      "y' = (6*y - 3*x^2)/(3*(y^2 - 2*x)) = (2*y - x^2)/(y^2 - 2*x)",
    ]);
    expect(derivation.at(-1)!.title).toBe("solve for y' and simplify");
  });

  it("a higher order adds a step per order, ending at implicitDiff's result", () => {
    const derivation = implicitSteps("x^2 + y^2 = 1", "y", "x", 2);
    expect(derivation.at(-1)!.equation.at(-1)).toBe("-(x^2 + y^2)/y^3");
    expect(derivation.at(-1)!.equation[0]).toBe("y''");
    expect(derivation.at(-1)!.result).toBe(implicitDiff("x^2 + y^2 = 1", "y", "x", 2));
  });

  it("a definition skips the steps that would repeat the equation", () => {
    expect(implicitSteps("y = x^2", "y", "x").map((s) => s.equation.join(" = "))).toEqual(["d/dx[y] = d/dx[x^2]", "y' = 2*x"]);
  });

  it("LaTeX renders", () => {
    katex.renderToString(stepsToLatex(implicitSteps("sin(x*y) = x", "y", "x", 2)), { throwOnError: true, displayMode: true });
  });
});
