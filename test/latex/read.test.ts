/**
 * LaTeX input: each form people write for calculus, with its meaning written by hand in strict text syntax (the
 * oracle), and the errors, which must say where, what was found and how to fix it.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { build, equals, type Expr, format, implicitDiff, ParseError, parse } from "../../src/index.js";
import { readEquation, readStatement } from "../../src/parser/parse.js";

const latex = (text: string) => parse(text, { syntax: "latex" });

/** Expressions are interned per generation, so `equals` (not `===`) compares across operations. */
function expectReads(input: string, text: string): void {
  const got = latex(input);
  expect(equals(got, parse(text)), `${input} read as ${format(got)}, expected ${text}`).toBe(true);
}

describe("reading LaTeX", () => {
  it.each([
    // fractions and roots
    ["\\frac{a}{b}", "a/b"],
    ["\\dfrac{x+1}{x-1}", "(x + 1)/(x - 1)"],
    ["\\tfrac{1}{2} x", "x/2"],
    ["\\frac12", "1/2"],
    ["\\frac{1}{2}\\frac{x}{y}", "x/(2*y)"],
    ["\\sqrt{x}", "sqrt(x)"],
    ["\\sqrt[3]{x}", "x^(1/3)"],
    ["\\sqrt[n]{x + 1}", "(x + 1)^(1/n)"],
    ["\\sqrt x", "sqrt(x)"],
    // powers
    ["x^{2}", "x^2"],
    ["x^2", "x^2"],
    ["x^2y", "x^2*y"],
    ["x^{-1}", "x^(-1)"],
    // a signed exponent without braces, as in text (TeX would raise only the sign)
    ["x^-1", "x^(-1)"],
    ["x^-2", "x^(-2)"],
    ["x^-1 y", "x^(-1)*y"],
    ["3x^-2", "3*x^(-2)"],
    ["2^-x", "2^(-x)"],
    ["e^-x", "exp(-x)"],
    ["(x + 1)^-1", "(x + 1)^(-1)"],
    ["\\sin(x)^-1", "sin(x)^(-1)"],
    ["x^-{1/2}", "x^(-1/2)"],
    ["x^+2", "x^2"],
    ["\\sin^-1 x", "asin(x)"],
    ["\\sin^-2 x", "sin(x)^(-2)"],
    ["x^{3/2}", "x^(3/2)"],
    ["x^{y^{z}}", "x^(y^z)"],
    ["(x^{y})^{z}", "(x^y)^z"],
    ["2^{x}", "2^x"],
    ["e^{2x}", "exp(2*x)"],
    ["e^x", "exp(x)"],
    ["e", "exp(1)"],
    ["\\exp(x^2)", "exp(x^2)"],
    ["\\exp x", "exp(x)"],
    // logarithms
    ["\\ln|x|", "log(abs(x))"],
    ["\\ln x", "log(x)"],
    ["\\ln(x)^{2}", "log(x)^2"],
    ["\\log_{2}(x)", "log(x)/log(2)"],
    ["\\log_2 x", "log(x)/log(2)"],
    ["\\log_{b} x", "log(x)/log(b)"],
    ["\\log x", "log(x)"],
    ["\\operatorname{log2}(x)", "log2(x)"],
    // trigonometric and hyperbolic functions
    ["\\sin^2 x", "sin(x)^2"],
    ["\\sin^{2}(x)", "sin(x)^2"],
    ["\\cos^{3}(2x)", "cos(2*x)^3"],
    ["\\sin^{-1}(x)", "asin(x)"],
    ["\\tan^{-1} x", "atan(x)"],
    ["\\cosh^{-1} x", "acosh(x)"],
    ["\\arcsin x", "asin(x)"],
    ["\\arctan(x^2)", "atan(x^2)"],
    ["\\sinh x + \\cosh x + \\tanh x + \\coth x", "sinh(x) + cosh(x) + tanh(x) + coth(x)"],
    ["\\operatorname{sech}(x)", "sech(x)"],
    ["\\operatorname{arcsinh}(x)", "asinh(x)"],
    ["\\sec x \\csc x \\cot x", "sec(x)*csc(x)*cot(x)"],
    // function application without parentheses
    ["\\sin x", "sin(x)"],
    ["\\sin 2x", "sin(2*x)"],
    ["\\sin x \\cos x", "sin(x)*cos(x)"],
    ["\\sin x y", "sin(x*y)"],
    ["\\sin x^2", "sin(x^2)"],
    ["\\sin x + 1", "sin(x) + 1"],
    ["\\sin x \\cdot y", "sin(x)*y"],
    ["2\\sin x", "2*sin(x)"],
    ["x \\sin x", "x*sin(x)"],
    ["\\sin x \\cos(x) y", "sin(x)*cos(x)*y"],
    ["\\sin(x) y", "sin(x)*y"],
    // a sign right after a bare function belongs to its argument, as in text (sin -x)
    ["\\sin -x", "sin(-x)"],
    ["\\sin - x", "sin(-x)"],
    ["\\sin -x y", "sin(-(x*y))"],
    ["\\sin -2x", "sin(-(2*x))"],
    ["2\\sin -x", "2*sin(-x)"],
    ["\\sin^2 -x", "sin(-x)^2"],
    ["\\sin -x \\cos x", "sin(-x)*cos(x)"],
    ["\\sin -x + 1", "sin(-x) + 1"],
    ["\\sin +x", "sin(x)"],
    ["\\sin --x", "sin(x)"],
    ["\\ln -x", "log(-x)"],
    ["\\cos -x^2", "cos(-(x^2))"],
    ["\\sin \\frac{x}{2}", "sin(x/2)"],
    ["\\sqrt{\\sin x}", "sqrt(sin(x))"],
    ["(\\sin x)^2", "sin(x)^2"],
    // brackets and absolute values
    ["\\left( x + 1 \\right)^{2}", "(x + 1)^2"],
    ["\\left[ x + 1 \\right] y", "(x + 1)*y"],
    ["[x + 1]^2", "(x + 1)^2"],
    ["\\left| x - 1 \\right|", "abs(x - 1)"],
    ["|x|", "abs(x)"],
    ["|x| |y|", "abs(x)*abs(y)"],
    ["|x + |y||", "abs(x + abs(y))"],
    ["\\lvert x \\rvert", "abs(x)"],
    ["{x + 1}^2", "(x + 1)^2"],
    // \\{ \\} are visible braces, for grouping, as { } are in text
    ["\\{x + 1\\}^2", "(x + 1)^2"],
    ["\\left\\{ x + 1 \\right\\} y", "(x + 1)*y"],
    ["\\lbrace x - 1 \\rbrace^{2}", "(x - 1)^2"],
    ["2\\left\\{x + \\left[ y + 1 \\right]\\right\\}", "2*(x + (y + 1))"],
    ["\\Big( x + 1 \\Big)^2", "(x + 1)^2"],
    ["\\bigl[ x \\bigr]", "x"],
    // operators
    ["x \\cdot y", "x*y"],
    ["x \\times y", "x*y"],
    ["x \\div y", "x/y"],
    ["x / y / z", "x/y/z"],
    ["a - b + c", "a - b + c"],
    ["-x^2", "-(x^2)"],
    ["-2 \\cdot x", "-2*x"],
    ["2 \\cdot -x", "2*(-x)"],
    ["2x", "2*x"],
    ["x y", "x*y"],
    ["xy", "x*y"],
    ["2(x + 1)", "2*(x + 1)"],
    ["x(x + 1)", "x*(x + 1)"],
    // names and constants
    ["\\pi x", "pi*x"],
    ["\\alpha + \\theta", "α + θ"],
    ["\\theta^2", "θ^2"],
    ["\\varphi \\phi", "φ*ϕ"],
    ["θ x", "θ*x"],
    ["w_{1} x_{1}", "w_1*x_1"],
    ["w_1 x", "w_1*x"],
    ["x_{12}", "x_12"],
    ["x_{i,j}", "x_i_j"],
    ["\\theta_{2}", "θ_2"],
    ["\\alpha_{\\mathrm{max}}", "α_max"],
    ["\\mathrm{rate} \\cdot x", "rate*x"],
    ["\\mathit{x1} + \\mathrm{x2}", "x1 + x2"],
    ["\\operatorname{rate}", "rate"],
    ["\\mathrm{a\\_b}", "a_b"],
    ["\\sigma(x)", "sigmoid(x)"],
    ["\\sigma \\cdot (x + 1)", "σ*(x + 1)"],
    ["\\sigma x", "σ*x"],
    ["\\operatorname{ReLU}(x) \\operatorname{H}(x)", "relu(x)*step(x)"],
    ["\\operatorname{sgn}(x)", "sign(x)"],
    ["\\max(x, y) + \\min(x, y)", "max(x, y) + min(x, y)"],
    ["\\operatorname{atan2}(y, x)", "atan2(y, x)"],
    // spacing, style and punctuation are ignored
    ["\\displaystyle x \\, y \\; z \\! w \\quad v", "x*y*z*w*v"],
    ["x^{2} + 1.", "x^2 + 1"],
    ["x^{2},", "x^2"],
    ["0.5 x", "x/2"],
    ["\\frac{ 1 }{ 2 }\n x", "x/2"],
  ])("%s is %s", expectReads);

  it("reads LaTeX without being told when the text has a backslash command", () => {
    expect(equals(parse("\\frac{x}{2}"), parse("x/2"))).toBe(true);
    expect(equals(parse("\\sin x + y"), parse("sin(x) + y"))).toBe(true);
  });

  it("reads equations: the expression is the right side, the left side defines a name", () => {
    const y = readStatement("y = x^{2}", { syntax: "latex" });
    expect(y.definition).toEqual({ name: "y", params: [] });
    expect(equals(y.expression, parse("x^2"))).toBe(true);
    const f = readStatement("f(x, y) = \\frac{x}{y}", { syntax: "latex" });
    expect(f.definition).toEqual({ name: "f", params: ["x", "y"] });
    expect(equals(f.expression, parse("x/y"))).toBe(true);
    expect(readStatement("\\theta(t) = t", { syntax: "latex" }).definition).toEqual({ name: "θ", params: ["t"] });
  });

  it.each([
    ["\\frac{d}{dx}\\left(x^{2} \\sin x\\right)", ["x"], "x^2*sin(x)"],
    ["\\frac{d}{dx} x^2", ["x"], "x^2"],
    ["\\frac{d^2}{dx^2} \\sin x", ["x", "x"], "sin(x)"],
    ["\\frac{d^{3}}{dt^{3}} t^4", ["t", "t", "t"], "t^4"],
    ["\\frac{d}{d\\theta} \\sin(\\theta)", ["θ"], "sin(θ)"],
    ["\\frac{\\partial}{\\partial x} x y", ["x"], "x*y"],
    ["\\frac{\\partial^2}{\\partial x \\partial y} x^2 y", ["y", "x"], "x^2*y"],
    ["\\frac{\\partial^{2}}{\\partial y \\partial x}\\left(x^{2} y\\right)", ["x", "y"], "x^2*y"],
    ["\\frac{\\partial^3}{\\partial x^2 \\partial y} x^3 y^2", ["y", "x", "x"], "x^3*y^2"],
    ["\\frac{\\partial}{\\partial w_{1}} w_1 x", ["w_1"], "w_1*x"],
  ])("%s is a derivative request by %j of %s", (input, variables, text) => {
    const s = readStatement(input, { syntax: "latex" });
    expect(s.derivative).toEqual(variables);
    expect(equals(s.expression, parse(text))).toBe(true);
  });

  it("answers a derivative request through the public parse", () => {
    expect(equals(parse("\\frac{d}{dx}\\left(x^{3}\\right)"), parse("3*x^2"))).toBe(true);
    expect(equals(parse("\\frac{\\partial^2}{\\partial x \\partial y} x^2 y^3"), parse("6*x*y^2"))).toBe(true);
  });

  // The LaTeX of a notation text also reads, and text's reading of it: the two must mean the same.
  it.each([
    ["\\sin -x", "sin -x"],
    ["\\sin -x y", "sin -x y"],
    ["2 \\sin -x", "2 sin -x"],
    ["\\sin^2 -x", "sin^2 -x"],
    ["\\sin -x \\cos x", "sin -x cos x"],
    ["\\sin --x", "sin --x"],
    ["x^-1", "x^-1"],
    ["x^-2 y", "x^-2 y"],
    ["e^-x", "e^-x"],
    ["\\sin^-1 x", "sin^-1 x"],
    ["\\left\\{ x + 1 \\right\\}^2", "{x + 1}^2"],
    ["\\frac{d}{dx} x^3", "d/dx x^3"],
    ["\\frac{d^2}{dx^2} x^4", "d²/dx² x^4"],
    ["\\frac{\\partial}{\\partial x} x y^2", "∂/∂x x y^2"],
    ["\\frac{\\partial^2}{\\partial x \\partial y} x^2 y^3", "∂²/∂x∂y x^2 y^3"],
    ["\\frac{dy}{dx} = 3x^2", "y'(x) = 3x^2"],
  ])("%s means what text's %s means", (input, text) => {
    const got = latex(input);
    expect(equals(got, parse(text)), `${input} read as ${format(got)}, text ${text} as ${format(parse(text))}`).toBe(true);
  });

  it.each([
    // \frac{dy}{dx} = ... is text's y'(x) = ...: a definition of y', read as its right side
    ["\\frac{dy}{dx} = 2x", { name: "y'", params: ["x"] }, "2*x"],
    ["\\frac{d^2y}{dx^2} = -y", { name: "y''", params: ["x"] }, "-y"],
    ["\\frac{d^{3}y}{dx^{3}} = 0", { name: "y'''", params: ["x"] }, "0"],
    ["\\frac{\\mathrm{d}y}{\\mathrm{d}x} = -\\frac{x}{y}", { name: "y'", params: ["x"] }, "-x/y"],
    ["\\frac{d\\theta}{dt} = \\omega", { name: "θ'", params: ["t"] }, "ω"],
    ["\\frac{dy_{1}}{dx} = x", { name: "y_1'", params: ["x"] }, "x"],
  ])("%s defines %j as %s", (input, definition, text) => {
    const s = readStatement(input, { syntax: "latex" });
    expect(s.definition).toEqual(definition);
    expect(s.derivative).toBeUndefined();
    expect(equals(s.expression, parse(text))).toBe(true);
  });

  it("defines y' as text's y'(x) = ... does", () => {
    const fromLatex = readStatement("\\frac{dy}{dx} = x y", { syntax: "latex" });
    const fromText = readStatement("y'(x) = x y");
    expect(fromLatex.definition).toEqual(fromText.definition);
    expect(equals(fromLatex.expression, fromText.expression)).toBe(true);
  });

  it.each([
    ["x^2 + y^2 = 1", "x^2 + y^2", "1"],
    ["\\frac{x^2}{4} + \\frac{y^2}{9} = 1", "x^2/4 + y^2/9", "1"],
    ["\\sin(x y) = x", "sin(x*y)", "x"],
    ["x y^{2} - y = e^{x}", "x*y^2 - y", "exp(x)"],
    ["\\left(x + y\\right)^2 = 4x", "(x + y)^2", "4*x"],
    ["\\sigma(x) = y", "sigmoid(x)", "y"],
    ["2y = x", "2*y", "x"],
  ])("reads the implicit curve %s as %s = %s", (input, left, right) => {
    const curve = readEquation(input, { syntax: "latex" });
    expect(equals(curve.left, parse(left)), format(curve.left)).toBe(true);
    expect(equals(curve.right, parse(right)), format(curve.right)).toBe(true);
  });

  it("reads a curve as text reads it, for implicit differentiation, with or without being told it is LaTeX", () => {
    const text = readEquation("x^2 + y^2 = 1");
    const fromLatex = readEquation("x^2 + y^2 = 1", { syntax: "latex" });
    expect(equals(fromLatex.left, text.left) && equals(fromLatex.right, text.right)).toBe(true);
    // dy/dx on the circle is -x/y, on the ellipse x^2/4 + y^2 = 1 it is -x/(4y)
    expect(equals(implicitDiff("x^2 + y^2 = 1", "y", "x", 1, { syntax: "latex" }), parse("-x/y"))).toBe(true);
    expect(equals(implicitDiff("\\frac{x^2}{4} + y^2 = 1", "y", "x"), parse("-x/(4*y)"))).toBe(true);
    expect(equals(implicitDiff("\\sin(x y) = x", "y", "x"), implicitDiff("sin(x*y) = x", "y", "x"))).toBe(true);
  });

  it("reads a definition's name back as a name in readEquation (\\mathrm{rate} is rate, not r a t e)", () => {
    const { left, right } = readEquation("\\mathrm{rate} = x^2", { syntax: "latex" });
    expect(equals(left, parse("rate"))).toBe(true);
    expect(equals(right, parse("x^2"))).toBe(true);
    expect(equals(readEquation("y = x^{2}", { syntax: "latex" }).left, parse("y"))).toBe(true);
  });

  it("refuses a curve where an expression is expected, and y' where a curve is, as text does", () => {
    expect(() => latex("x^2 + y^2 = 1")).toThrow(
      "an equation whose left side is not a name being defined is not an expression at 1:11, expected y = ... or f(x) = ... for a definition; implicit differentiation (implicitDiff, --implicit) for a curve",
    );
    expect(() => readEquation("\\frac{dy}{dx} = 2x", { syntax: "latex" })).toThrow("'\\frac{dy}{dx} = ...' defines a function, not a curve at 1:1");
    expect(() => readEquation("y'(x) = 2x")).toThrow("'y'(x) = ...' defines a function, not a curve at 1:1");
  });

  it("reads user functions by name, as text does", () => {
    const functions = new Map([["g", { params: ["u"], apply: ([u]: readonly Expr[]) => build.pow(u!, build.num(2)) }]]);
    expect(equals(parse("g(x + 1) + \\operatorname{g}(y)", { functions, syntax: "latex" }), parse("(x + 1)^2 + y^2"))).toBe(true);
  });
});

/** The ParseError of `input`, which must fail. */
function failure(input: string): ParseError {
  try {
    latex(input);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(`expected a ParseError for ${JSON.stringify(input.slice(0, 40))}`);
}

describe("LaTeX errors say where, what and how to fix it", () => {
  it.each([
    // input, message, offset, found
    ["\\sinn x", "unknown command '\\sinn' at 1:1, expected '\\sin'", 0, "\\sinn"],
    ["\\alpah", "unknown command '\\alpah' at 1:1, expected '\\alpha'", 0, "\\alpah"],
    ["\\frac{1}", "unexpected end of input at 1:9, expected the denominator of \\frac, as in \\frac{1}{2}", 8, ""],
    ["\\frac", "unexpected end of input at 1:6, expected the numerator of \\frac, as in \\frac{1}{2}", 5, ""],
    ["\\sqrt", "unexpected end of input at 1:6, expected the argument of \\sqrt, as in \\sqrt{x}", 5, ""],
    ["\\left( x + 1", "unclosed '\\left(' at 1:1, expected '\\right)' to close it", 0, "\\left("],
    ["\\left( x \\right]", "'\\right]' does not close '\\left(' at 1:10, expected '\\right)'", 9, "\\right]"],
    ["\\left( x )", "')' does not close '\\left(' at 1:10, expected '\\right)'", 9, ")"],
    ["{x + 1", "unclosed '{' at 1:1, expected '}' to close it", 0, "{"],
    ["x + 1}", "'}' closes nothing at 1:6, expected an expression, or delete it", 5, "}"],
    ["|x", "unclosed '|' at 1:1, expected '|' to close it", 0, "|"],
    ["\\left x", "\\left needs a delimiter, found 'x' at 1:7, expected \\left( \\left[ \\left\\{ or \\left|", 6, "x"],
    ["", "empty input at 1:1, expected an expression", 0, ""],
    ["  \\, ", "empty input at 1:6, expected an expression", 5, ""],
    ["x^", "unexpected end of input at 1:3, expected an expression", 2, ""],
    ["x + ", "unexpected end of input at 1:5, expected an expression", 4, ""],
    ["x 2", "unexpected '2' at 1:3, expected an expression or an operator", 2, "2"],
    ["x^{2}^{3}", "unexpected '^' at 1:6, expected an expression or an operator", 5, "^"],
    ["\\ln^{-1} x", "\\ln has no inverse function at 1:1, expected \\ln(x)^{-1} for the reciprocal", 0, "\\ln"],
    ["\\partial x", "unexpected '\\partial' (outside a derivative operator such as \\frac{\\partial}{\\partial x}) at 1:1, expected an expression", 0, "\\partial"],
    ["x \\frac{d}{dx} x", "unexpected derivative operator '\\frac{d}{dx}' (it can only come first) at 1:3, expected an expression or an operator", 2, "\\frac{d}{dx}"],
    ["\\frac{d^2}{dx} x^3", "the order 2 above does not match the 1 variable below at 1:1, expected as many variables below as the order above, as in \\frac{d^2}{dx^2}", 0, "\\frac{d^2}{dx}"],
    ["x_{n+1}", "unexpected '+' in a subscript at 1:5, expected a subscript of letters and digits, as in w_{1} or x_{i,j}", 4, "+"],
    ["x = y = 2", "unexpected '=' at 1:7, expected an expression or an operator", 6, "="],
    ["\\frac{d}{dx} x = 2", "unexpected '=' at 1:16, expected an expression or an operator", 15, "="],
    // definitions are checked as in text
    ["e = x", "'e' is built in and cannot be defined at 1:1, expected another name on the left of '=', such as f(x) = ... or y = ...", 0, "e"],
    ["\\pi = 3", "'π' is built in and cannot be defined at 1:1, expected another name on the left of '=', such as f(x) = ... or y = ...", 0, "π"],
    ["f(x, x) = x", "parameter 'x' appears twice at 1:6, expected distinct parameter names", 5, "x"],
    ["f(\\pi) = 1", "the constant 'π' cannot be a parameter at 1:3, expected a variable name", 2, "π"],
    // Leibniz fractions with something on top
    ["\\frac{dy}{dx}", "'\\frac{dy}{dx}', a derivative, is read only on the left of an equation: \\frac{dy}{dx} = ... at 1:1, expected \\frac{d}{dx} before what to differentiate, as in \\frac{d}{dx} x^2", 0, "\\frac{dy}{dx}"],
    ["x + \\frac{dy}{dx}", "'\\frac{dy}{dx}', a derivative, is read only on the left of an equation: \\frac{dy}{dx} = ... at 1:5, expected \\frac{d}{dx} before what to differentiate, as in \\frac{d}{dx} x^2", 4, "\\frac{dy}{dx}"],
    ["y = \\frac{dy}{dx}", "'\\frac{dy}{dx}', a derivative, is read only on the left of an equation: \\frac{dy}{dx} = ... at 1:5, expected \\frac{d}{dx} before what to differentiate, as in \\frac{d}{dx} x^2", 4, "\\frac{dy}{dx}"],
    ["\\frac{d(x^2)}{dx}", "the derivative '\\frac{d(x^2)}{dx}' has what it differentiates on top at 1:1, expected the operator in front of it: \\frac{d}{dx} (x^2)", 0, "\\frac{d(x^2)}{dx}"],
    ["\\frac{\\partial^2 f}{\\partial x \\partial y}", "the derivative '\\frac{\\partial^2 f}{\\partial x \\partial y}' has what it differentiates on top at 1:1, expected the operator in front of it: \\frac{\\partial^2}{\\partial x \\partial y} f", 0, "\\frac{\\partial^2 f}{\\partial x \\partial y}"],
    ["\\frac{\\partial f}{\\partial x} = 2x", "'\\frac{\\partial f}{\\partial x}' cannot be the left side of an equation: only a name's derivative by one variable can, such as \\frac{dy}{dx} or \\frac{d^2y}{dx^2} at 1:1, expected the right side alone", 0, "\\frac{\\partial f}{\\partial x}"],
    ["\\frac{dy}{dx^2} = 1", "the order 1 above does not match the 2 variables below at 1:1, expected as many variables below as the order above, as in \\frac{d^2}{dx^2}", 0, "\\frac{dy}{dx^2}"],
    ["\\frac{d\\pi}{dx} = 1", "'π' is built in and cannot be defined at 1:8, expected another name on the left of '=', such as f(x) = ... or y = ...", 7, "π"],
    // evaluation bars, invisible delimiters and visible braces
    ["\\left. x^2 \\right|_{x=2}", "an evaluation bar is not read at 1:12, expected the expression alone, with the point given apart: --at x=2 on the command line, evaluate(e, { x: 2 }) in code", 11, "\\right|_{x=2}"],
    ["\\left. \\frac{d}{dx} x^3 \\right|_{x = -1}", "an evaluation bar is not read at 1:25, expected the expression alone, with the point given apart: --at x=-1 on the command line, evaluate(e, { x: -1 }) in code", 24, "\\right|_{x = -1}"],
    ["\\left. x^2 \\right|_0^1", "an evaluation bar is not read at 1:12, expected the expression alone, with the point given apart: --at x=... on the command line, evaluate(e, { x: ... }) in code", 11, "\\right|_0^1"],
    ["x^2 \\Big|_{x=2}", "an evaluation bar is not read at 1:9, expected the expression alone, with the point given apart: --at x=2 on the command line, evaluate(e, { x: 2 }) in code", 8, "|_{x=2}"],
    ["x^2 |_{t=3}", "an evaluation bar is not read at 1:5, expected the expression alone, with the point given apart: --at t=3 on the command line, evaluate(e, { t: 3 }) in code", 4, "|_{t=3}"],
    ["\\left. x \\right)", "'\\left.' (an invisible delimiter) is not read at 1:1, expected \\left( \\left[ \\left\\{ or \\left|, closed by its \\right", 0, "\\left."],
    ["\\left\\{ x \\right.", "'\\right.' (an invisible delimiter) is not read at 1:11, expected a \\right that matches its \\left, as in \\left( x \\right)", 10, "\\right."],
    ["\\left\\{ x \\right)", "'\\right)' does not close '\\left\\{' at 1:11, expected '\\right\\}'", 10, "\\right)"],
    ["\\{ x + 1", "unclosed '\\{' at 1:1, expected '\\}' to close it", 0, "\\{"],
    ["( x \\}", "'\\}' does not close '(' at 1:5, expected ')'", 4, "\\}"],
    // signs and digits in exponents
    ["x^-12", "unexpected '2' at 1:5, expected braces around a script or argument of more than one digit, as in x^{12}, x^{-12} or \\frac{12}{5} (without them it takes one digit, as in TeX)", 4, "2"],
    ["x^12", "unexpected '2' at 1:4, expected braces around a script or argument of more than one digit, as in x^{12}, x^{-12} or \\frac{12}{5} (without them it takes one digit, as in TeX)", 3, "2"],
    ["e^-x^2", "unexpected '^' at 1:5, expected an expression or an operator", 4, "^"],
    ["x^--1", "unexpected '-' at 1:4, expected an expression", 3, "-"],
    ["\\sin -", "unexpected end of input at 1:7, expected an expression", 6, ""],
    ["\\operatorname{sinn}(x)", "unknown function 'sinn' at 1:1, expected 'sin', a known function", 0, "\\operatorname{sinn}"],
    ["\\mathrm x", "\\mathrm without a name in braces at 1:1, expected \\mathrm{name}, of letters, digits and \\_", 0, "\\mathrm"],
    ["x . y", "unexpected '.' at 1:3, expected a number such as 0.5, or '.' only at the end", 2, "."],
    ["x # y", "unexpected character '#' at 1:3, expected an expression", 2, "#"],
    ["\\frac{1}{x}\n+ \\sinn", "unknown command '\\sinn' at 2:3, expected '\\sin'", 14, "\\sinn"],
    ["\\sin", "unexpected end of input at 1:5, expected the function's argument, as in \\sin x or \\sin(x)", 4, ""],
    ["\\sin \\cdot x", "unexpected '\\cdot' at 1:6, expected the function's argument, as in \\sin x or \\sin(x)", 5, "\\cdot"],
    ["x_12", "unexpected '2' at 1:4, expected an expression or an operator", 3, "2"],
  ])("%j: %s", (input, message, offset, found) => {
    const e = failure(input);
    expect(e.message).toBe(message);
    expect(e.offset).toBe(offset);
    expect(e.found).toBe(found);
  });

  it("bounds the input length and the nesting, without overflowing the stack", () => {
    expect(failure(`x${" + x".repeat(30_000)}`).message).toMatch(/^input too long: 120,001 characters, the limit is 100,000/);
    expect(failure(`${"{".repeat(3000)}x${"}".repeat(3000)}`).message).toMatch(/^expression nested too deeply \(more than 2500 levels\)/);
    expect(failure(`${"-".repeat(3000)}x`).message).toMatch(/^expression nested too deeply \(more than 2500 signs in a row\)/);
    // Deep but within the limits: read, not a stack overflow.
    expect(equals(latex(`${"\\left(".repeat(1000)}x${"\\right)".repeat(1000)}`), parse("x"))).toBe(true);
    expect(equals(latex(`${"\\sqrt{".repeat(200)}x${"}".repeat(200)}`), parse(`x^(1/2^200)`))).toBe(true);
  });
});

describe("LaTeX that is read or refused, never a crash", () => {
  // Fragments of what people paste, the constructs of evaluation bars, braces and Leibniz fractions among them.
  const fragments = [
    "x", "y", "d", "2", "12", "e", "+", "-", "=", "^", "_", "{", "}", "(", ")", "[", "]", "|", ",", ".", "\\frac",
    "\\frac{d}{dx}", "\\frac{dy}{dx}", "\\frac{d^2y}{dx^2}", "\\partial", "\\sin", "\\ln", "\\log", "\\sqrt", "\\left",
    "\\right", "\\left.", "\\right.", "\\right|", "\\{", "\\}", "\\left\\{", "\\right\\}", "\\Big|", "\\cdot", "\\theta",
    "\\mathrm{d}", "_{x=2}", "^-1", " ",
  ];

  it("gives a ParseError at a place inside the text for whatever cannot be read", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 14 }), (parts) => {
        const text = parts.join("");
        for (const read of [() => readStatement(text, { syntax: "latex" }), () => readEquation(text, { syntax: "latex" })]) {
          try {
            read();
          } catch (e) {
            if (!(e instanceof ParseError)) throw e;
            expect(e.offset).toBeGreaterThanOrEqual(0);
            expect(e.offset).toBeLessThanOrEqual(text.length);
            // What was found is at the place named (`\\right )` is shown as `\\right)`).
            const unspaced = (s: string) => s.replace(/\s+/g, "");
            expect(unspaced(text.slice(e.offset)).startsWith(unspaced(e.found)), `${e.message} for ${text}`).toBe(true);
          }
        }
      }),
      { numRuns: 3000, seed: 19 },
    );
  });
});
