/**
 * LaTeX output: exact strings for the conventions in print/latex.ts, and KaTeX (throwOnError, strict) as the
 * validator for everything the printer produces, derivatives of every table function included.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import katex from "katex";
import { describe, expect, it } from "vitest";
import { ArgumentError, diff, FUNCTIONS, parse } from "../../src/index.js";
import { nameLatex, toLatex, toLatexMatrix } from "../../src/print/latex.js";
import { expression } from "../support/arbitraries.js";

/** Renders through KaTeX, which throws on any LaTeX it cannot typeset (and, strict, on anything dubious). */
function render(latex: string): string {
  return katex.renderToString(latex, { throwOnError: true, strict: "error" });
}

const tex = (text: string) => toLatex(parse(text));

describe("toLatex", () => {
  it.each([
    // fractions, roots and exponents
    ["x^(-2)", "\\frac{1}{x^{2}}"],
    ["-x/(2y)", "-\\frac{x}{2 y}"],
    ["2/3*x", "\\frac{2 x}{3}"],
    ["-2/3", "-\\frac{2}{3}"],
    ["(x + 1)/(x - 1)", "\\frac{x + 1}{x - 1}"],
    ["sqrt(x)", "\\sqrt{x}"],
    ["cbrt(x)", "\\sqrt[3]{x}"],
    ["x^(1/5)", "\\sqrt[5]{x}"],
    ["(x + 1)^(-1/2)", "\\frac{1}{\\sqrt{x + 1}}"],
    ["x^(3/2)", "x^{3/2}"],
    ["x^10", "x^{10}"],
    ["x^y^z", "x^{y^{z}}"],
    ["(x^y)^z", "(x^{y})^{z}"],
    ["(1/2)^x", "\\left(\\frac{1}{2}\\right)^{x}"],
    ["(-2)^x", "(-2)^{x}"],
    ["exp(-x)", "e^{-x}"],
    ["e", "e"],
    ["exp(sin(x)^2 + cos(x)^3 + x)", "\\exp(x + \\cos^{3}(x) + \\sin^{2}(x))"],
    // functions
    ["sin(y)", "\\sin(y)"],
    ["log(x)", "\\ln(x)"],
    ["log2(x + 1)", "\\operatorname{log2}(x + 1)"],
    ["log(x, 2)", "\\log_{2}(x)"],
    ["log(x, 10)*y", "y \\log_{10}(x)"],
    ["atan(x^2)", "\\arctan(x^{2})"],
    ["sinh(x)", "\\sinh(x)"],
    ["abs(x - 1)", "\\left|x - 1\\right|"],
    ["sigmoid(x)", "\\sigma(x)"],
    ["sin(x)^2", "\\sin^{2}(x)"],
    ["sech(x)^2", "\\operatorname{sech}^{2}(x)"],
    ["acot(x)^2", "\\operatorname{arccot}(x)^{2}"],
    ["sin(x)^x", "\\sin(x)^{x}"],
    ["log(x)^2", "\\ln(x)^{2}"],
    ["sin(1/x)", "\\sin\\left(\\frac{1}{x}\\right)"],
    ["max(x, y)", "\\max(x, y)"],
    // products and sums
    ["2*x*y", "2 x y"],
    ["x*sin(x)", "x \\sin(x)"],
    ["2*3^x", "2 \\cdot 3^{x}"],
    ["x*(y + 1)", "x (y + 1)"],
    ["-(x + 1)*y", "-y (x + 1)"],
    ["pi*x", "\\pi x"],
    ["x - 2*y + 3", "x - 2 y + 3"],
    ["-x + y", "y - x"],
    ["rate*x", "\\mathrm{rate} \\cdot x"],
  ])("%s → %s", (text, latex) => {
    expect(tex(text)).toBe(latex);
    render(latex);
  });

  it.each([
    ["alpha", "\\alpha"],
    ["θ", "\\theta"],
    ["Omega", "\\Omega"],
    ["Alpha", "A"],
    ["w_1", "w_{1}"],
    ["x_i_j", "x_{i,j}"],
    ["theta2", "\\mathrm{theta2}"],
    ["x12", "\\mathrm{x12}"],
    ["x1_2", "\\mathrm{x1}_{2}"],
    ["theta_2", "\\theta_{2}"],
    ["alpha_max", "\\alpha_{\\mathrm{max}}"],
    ["rate", "\\mathrm{rate}"],
    ["a_", "\\mathrm{a\\_}"],
    ["é", "\\text{é}"],
  ])("names: %s → %s", (name, latex) => {
    expect(nameLatex(name)).toBe(latex);
    render(latex);
  });

  it("writes the derivative as an equation, with d for one variable and ∂ for several", () => {
    const f = parse("x^2*y + sin(y)");
    expect(toLatex(diff(f, "x"), { lhs: { of: f, wrt: "x" } })).toBe(
      "\\frac{\\partial}{\\partial x}\\left(x^{2} y + \\sin(y)\\right) = 2 x y",
    );
    expect(toLatex(diff(f, ["x", "y"]), { lhs: { of: f, wrt: ["x", "y"] } })).toBe(
      "\\frac{\\partial^{2}}{\\partial y \\partial x}\\left(x^{2} y + \\sin(y)\\right) = 2 x",
    );
    expect(toLatex(diff("x^3", "x", 2), { lhs: { of: "x^3", wrt: "x", order: 2 } })).toBe(
      "\\frac{d^{2}}{dx^{2}}\\left(x^{3}\\right) = 6 x",
    );
    expect(toLatex(diff("sin(θ)", "θ"), { lhs: { of: "sin(θ)", wrt: "θ" } })).toBe("\\frac{d}{d\\theta} \\sin(\\theta) = \\cos(\\theta)");
  });

  it("writes huge orders without spelling them out, and long mixed partials as a power of the operator", () => {
    // The operator used to be built from an array of order × |wrt| names: 10^9 ran out of memory.
    expect(toLatex(diff("sin(x)", "x", 10 ** 9), { lhs: { of: "sin(x)", wrt: "x", order: 10 ** 9 } })).toBe(
      "\\frac{d^{1000000000}}{dx^{1000000000}} \\sin(x) = \\sin(x)",
    );
    expect(toLatex("0", { lhs: { of: "x^2*y^3", wrt: ["x", "y"], order: 7 } })).toBe(
      "\\left(\\frac{\\partial^{2}}{\\partial y \\partial x}\\right)^{7}\\left(x^{2} y^{3}\\right) = 0",
    );
    render(toLatex("0", { lhs: { of: "x^2*y^3", wrt: ["x", "y"], order: 7 } }));
  });

  it("keeps a variable named sigma times a parenthesis apart from sigmoid of it", () => {
    expect(tex("sigmoid(x + 1)")).toBe("\\sigma(x + 1)");
    expect(tex("sigma*(x + 1)")).toBe("\\sigma \\cdot (x + 1)");
    expect(tex("theta*(x + 1)")).toBe("\\theta (x + 1)");
  });

  it("rejects a left-hand side that is not a derivative, rather than printing broken LaTeX", () => {
    const bad: unknown[] = [{ of: "x^2", wrt: "x", order: 0 }, { of: "x^2", wrt: "x", order: 1.5 }, { of: "x^2", wrt: [] }, { of: "x^2", wrt: "x}" }, true];
    for (const lhs of bad) expect(() => toLatex("2*x", { lhs } as never)).toThrow(ArgumentError);
  });

  it("prints matrices", () => {
    expect(toLatexMatrix([["2*y", "2*x"], ["2*x", "-sin(y)"]])).toBe(
      "\\begin{pmatrix} 2 y & 2 x \\\\ 2 x & -\\sin(y) \\end{pmatrix}",
    );
  });
});

describe("every LaTeX string renders in KaTeX", () => {
  const unary = [...FUNCTIONS.values()].filter((row) => row.arity === 1).map((row) => row.name);
  const inputs = [
    ...unary.flatMap((name) => [`${name}(x)`, `${name}(x^2 + 1)`, `${name}(2*x)^3`, `x*${name}(1/x)`]),
    "min(x, x^2)", "max(2*x, y)",
    "x^2*y + sin(y)", "sin(x)*cos(x)*tan(x)", "x*exp(x)*log(x)", "sin(x)/x", "(x^2 + 1)/(x - 1)^3",
    "x/(y*z)", "1/(1 + exp(-x))", "x^x", "x^(x^x)", "(x^2 + 1)^(x + 1)", "((x + 1)^2)^3", "x^(-3/2)", "x^(2/3)",
    "x^(-1/3)", "(1 - x^2)^(-1/2)", "abs(x)^3", "abs(sin(x))", "log(x, 2)", "log(x^2 + 1, 10)", "log(x, y)",
    "2^x*3^x", "pi^x", "exp(exp(x))", "w_1*x + w_2*x^2 + b", "theta*x^2 + alpha*x", "θ*exp(-λ*x)",
    "sigmoid(w*x + b)", "softplus(x)^2", "relu(x)*step(x)", "sqrt(x^2 + y^2)", "cbrt(x*y)",
  ];
  const corpus = readFileSync(new URL("../fixtures/corpus-sample.jsonl", import.meta.url), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { expr: string; wrt: string; order: number });

  it.each(inputs)("%s and its first and second derivatives", (text) => {
    const f = parse(text);
    const [v] = [...f.vars].sort();
    render(toLatex(f));
    for (const order of [1, 2]) {
      const d = diff(f, v!, order);
      render(toLatex(d, { lhs: { of: f, wrt: v!, order } }));
    }
  });

  it("renders the derivatives of the sample corpus", () => {
    for (const c of corpus) render(toLatex(diff(c.expr, c.wrt, c.order), { lhs: { of: c.expr, wrt: c.wrt, order: c.order } }));
  });

  it("renders random expressions and their derivatives", () => {
    fc.assert(
      fc.property(expression(), (e) => {
        render(toLatex(e));
        render(toLatex(diff(e, "x")));
      }),
      { numRuns: 200 },
    );
  });
});
