/**
 * Textbook notation (issue 17): what students type, each form with its meaning written out in strict syntax by hand,
 * and each ambiguous form refused with the readings it has. README "Notation" states the rules tested here.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diff, format, parse, ParseError, type ParseOptions } from "../../src/index.js";
import { readEquation, readStatement } from "../../src/parser/parse.js";
import { readCorpus } from "./corpus-cases.js";
import { expression } from "../support/arbitraries.js";

function parseError(text: string, options?: ParseOptions): ParseError {
  try {
    parse(text, options);
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error(`expected a ParseError for ${JSON.stringify(text)}`);
}

/** `text` means what `strict` (plain operators, every call parenthesised) means. */
function expectReading(text: string, strict: string): void {
  expect(parse(text), `${text} as ${strict}`).toBeExpr(parse(strict));
}

describe("functions applied without parentheses", () => {
  it.each([
    ["sin x", "sin(x)"],
    ["ln x", "log(x)"],
    ["sqrt x", "sqrt(x)"],
    ["sin θ", "sin(θ)"],
    ["sin 2x", "sin(2*x)"],
    ["sin 2 x", "sin(2*x)"],
    ["sin x y", "sin(x*y)"],
    ["sin x^2", "sin(x^2)"],
    ["ln x^2", "log(x^2)"],
    ["sin -x", "sin(-x)"],
    ["sin 2(x+1)", "sin(2*(x + 1))"],
    // an explicit operator ends the argument
    ["sin x/2", "sin(x)/2"],
    ["sin x*y", "sin(x)*y"],
    ["sin x + 1", "sin(x) + 1"],
    // and so does the next function, call or root
    ["sin x cos x", "sin(x)*cos(x)"],
    ["sin x sin y", "sin(x)*sin(y)"],
    ["x sin x", "x*sin(x)"],
    ["2 sin x", "2*sin(x)"],
    ["2sin x", "2*sin(x)"],
    ["e^x sin x", "exp(x)*sin(x)"],
    ["sin x sqrt(x)", "sin(x)*sqrt(x)"],
    ["sin x √x", "sin(x)*sqrt(x)"],
    ["-sin x", "-sin(x)"],
    ["sin sin x", "sin(sin(x))"],
    // a bracket right after the function is its argument, as a call's parentheses are
    ["sin (x)", "sin(x)"],
    ["sin (x) y", "sin(x)*y"],
    ["sin (x+1)^2", "sin(x + 1)^2"],
    ["sin [x+1]", "sin(x + 1)"],
    ["ln |x|", "log(abs(x))"],
    ["ln|x|", "log(abs(x))"],
    ["log_2 x", "log(x)/log(2)"],
    ["log_10(x)", "log(x)/log(10)"],
  ])("%s is %s", (text, strict) => expectReading(text, strict));

  it("keeps calls and juxtaposed calls as they were", () => {
    expectReading("sin(x)cos(x)", "sin(x)*cos(x)");
    expectReading("sin(x) cos(x)", "sin(x)*cos(x)");
    expectReading("sin(x)^2", "sin(x)^2");
    expectReading("2x sin(x)", "2*x*sin(x)");
  });

  it("reads function powers: sin^2 x is sin(x)^2, sin^-1 x the inverse function", () => {
    for (const [text, strict] of [
      ["sin^2(x)", "sin(x)^2"],
      ["sin^2 x", "sin(x)^2"],
      ["sin²x", "sin(x)^2"],
      ["sin^2x", "sin(x)^2"],
      ["tan^2 3x", "tan(3*x)^2"],
      ["cos^2 x + sin^2 x", "cos(x)^2 + sin(x)^2"],
      ["sin^2 x cos x", "sin(x)^2*cos(x)"],
      ["sin^2(x) y", "sin(x)^2*y"],
      ["sin^-2 x", "sin(x)^-2"],
      ["sin^-1(x)", "asin(x)"],
      ["sin^-1 x", "asin(x)"],
      ["sin⁻¹x", "asin(x)"],
      ["cos^-1(x/2)", "acos(x/2)"],
      ["tan^-1 x", "atan(x)"],
      ["sinh^-1 x", "asinh(x)"],
      ["arcsin x", "asin(x)"],
    ]) expectReading(text!, strict!);
  });
});

describe("absolute values, brackets, roots and Unicode operators", () => {
  it.each([
    ["|x|", "abs(x)"],
    ["|x + |y||", "abs(x + abs(y))"],
    ["|x||y|", "abs(x)*abs(y)"],
    ["|x| |y|", "abs(x)*abs(y)"],
    ["2|x|", "2*abs(x)"],
    ["|x|^2", "abs(x)^2"],
    ["| |x| - 1 |", "abs(abs(x) - 1)"],
    ["|-x|", "abs(-x)"],
    ["[x+1]^2", "(x + 1)^2"],
    ["{x+1}", "x + 1"],
    ["{[(x)]}", "x"],
    ["2[x+1]", "2*(x + 1)"],
    ["√x", "sqrt(x)"],
    ["√(x+1)", "sqrt(x + 1)"],
    ["√2x", "sqrt(2)*x"],
    ["√x^2", "sqrt(x^2)"],
    ["√x+1", "sqrt(x) + 1"],
    ["2√x", "2*sqrt(x)"],
    ["∛x", "cbrt(x)"],
    ["∜x", "x^(1/4)"],
    ["x²", "x^2"],
    ["x⁻¹", "x^-1"],
    ["2x³y", "2*x^3*y"],
    ["x^(½)", "x^(1/2)"],
    ["x^½", "x^(1/2)"],
    ["½x", "x/2"],
    ["¾", "3/4"],
    ["3x⋅y", "3*x*y"],
    ["3x·y", "3*x*y"],
    ["3×x", "3*x"],
    ["x∙y", "x*y"],
    ["x ÷ y", "x/y"],
    ["x − 1", "x - 1"],
    ["x**2", "x^2"],
    ["e^x", "exp(x)"],
    ["e^-x", "exp(-x)"],
    ["e^x (x+1)", "exp(x)*(x + 1)"],
    ["x (x+1)", "x*(x + 1)"],
    ["(x+1)(x-1)", "(x + 1)*(x - 1)"],
    ["π r^2", "pi*r^2"],
    ["w_{1} x + x_{12}", "w_1*x + x_12"],
  ])("%s is %s", (text, strict) => expectReading(text, strict));
});

describe("equations and derivative requests", () => {
  it("reads an equation as its right side, and says what it defines", () => {
    expectReading("y = x^2", "x^2");
    expectReading("f(x) = x^2", "x^2");
    expectReading("f(x, y) = x y", "x*y");
    expectReading("f'(x) = 2x", "2*x");
    expect(readStatement("f(x, y) = x y").definition).toEqual({ name: "f", params: ["x", "y"] });
    expect(readStatement("y = sin x").definition).toEqual({ name: "y", params: [] });
  });

  it("takes a function's parameters as the default variables to differentiate by", () => {
    expect(format(diff("f(t) = t^3 + a t"))).toBe("a + 3*t^2");
    expect(format(diff("y = x^2"))).toBe("2*x");
  });

  it("differentiates after a Leibniz prefix, in the library's parse and diff", () => {
    for (const [text, derivative] of [
      ["d/dx x^2", "2*x"],
      ["d/dx(x^2)", "2*x"],
      ["d/dx [x^3]", "3*x^2"],
      ["d/dt (t^2)", "2*t"],
      ["d/dx sin x", "cos(x)"],
      ["d²/dx² x^3", "6*x"],
      ["d^2/dx^2 x^4", "12*x^2"],
      ["∂/∂x x*y", "y"],
      ["∂/∂y x y^2", "2*x*y"],
      ["∂²/∂x∂y x^2 y^3", "6*x*y^2"],
      ["∂^2/∂x^2 x^2 y", "2*y"],
    ]) {
      expect(format(parse(text!)), text).toBe(derivative);
      expect(format(diff(text!)), text).toBe(derivative);
    }
    expect(readStatement("∂²/∂x∂y x y").derivative).toEqual(["y", "x"]);
  });

  it("reads an implicit curve as an equation, never as an expression", () => {
    const { left, right } = readEquation("x^2 + y^2 = 1");
    expect(left).toBeExpr(parse("x^2 + y^2"));
    expect(right).toBeExpr(parse("1"));
    expect(readEquation("sin(x) = y").left).toBeExpr(parse("sin(x)"));
    expect(readEquation("y = x^3").left).toBeExpr(parse("y"));
    expect(() => readEquation("x^2")).toThrow(/not an equation: there is no '='/);
    expect(() => readEquation("f(x) = x^2")).toThrow(/defines a function, not a curve/);
  });

  it("refuses equations and prefixes that do not make sense", () => {
    expect(parseError("sin(x) = x").message).toMatch(/^an equation whose left side is not a name being defined is not an expression/);
    expect(parseError("x^2 + y^2 = 1")).toMatchObject({ column: 11, found: "=" });
    expect(parseError("pi = 3").message).toMatch(/^'pi' is built in/);
    expect(parseError("f(x, x) = x").message).toMatch(/^parameter 'x' appears twice/);
    expect(parseError("d²/dx x^2").message).toMatch(/^the derivative prefix 'd²\/dx' does not add up/);
    expect(parseError("d/∂x x^2").message).toMatch(/mixes d and ∂/);
    expect(parseError("d/dx")).toMatchObject({ column: 5, expected: "an expression" });
    expect(parseError("2x = 3").found).toBe("=");
  });
});

describe("ambiguous forms are refused with their readings", () => {
  it.each([
    ["sinx", 1, /^'sinx' is ambiguous: sin\(x\), or a variable named sinx\?/, "sin(x) or sin x for the function; another name for a variable, such as sin_x"],
    ["2 + cosθ", 5, /^'cosθ' is ambiguous/, "cos(θ) or cos θ for the function; another name for a variable, such as cos_θ"],
    ["sin2x", 1, /^'sin2x' is ambiguous: sin\(2x\)/, /sin\(2x\) or sin 2x/],
    ["lnx", 1, /^'lnx' is ambiguous/, /ln\(x\)/],
    ["sinhx", 1, /^'sinhx' is ambiguous: sinh\(x\)/, /sinh\(x\)/],
    ["log_2x", 1, /^'log_2x' is ambiguous/, /log_2\(x\)/],
    ["xsin(x)", 1, /^unknown function 'xsin'/, "x*sin(x) or x sin(x) for a product"],
    ["x(x+1)", 1, /^unknown function 'x'/, "x*(x+1) or x (x+1) for a product, or a known function"],
    ["2^3x", 2, /^'\^3x' is ambiguous/, "^(3x) for the first, ^3*x or ^3 x for the second"],
    ["x^2y", 2, /^'\^2y' is ambiguous/, /\^\(2y\).*\^2\*y/],
    ["e^2x", 2, /^'\^2x' is ambiguous/, /\^\(2x\)/],
    ["x^-2y", 2, /^'\^-2y' is ambiguous/, /\^\(-2y\)/],
    ["2½", 1, /^'2½' is ambiguous/, "2 + 1/2 for a mixed number, or 2*(1/2) for a product"],
    ["x½", 1, /^'x½' is ambiguous/, "x^(1/2) for a power, or x*(1/2) for a product"],
    ["sin x (x+1)", 1, /^'sin x \(x\+1\)' is ambiguous/, "sin(x) (x+1) for a product, or sin(x (x+1)) for one argument"],
    ["sin x |y|", 1, /^'sin x \|y\|' is ambiguous/, /sin\(x\) \|y\| for a product/],
  ] as const)("%s", (text, column, reason, expected) => {
    const e = parseError(text);
    expect(e.column).toBe(column);
    expect(e.reason).toMatch(reason);
    if (typeof expected === "string") expect(e.expected).toBe(expected);
    else expect(e.expected).toMatch(expected);
  });

  it("reads such a name as a variable when it is declared one", () => {
    expect(format(parse("sinx + 1", { variables: ["sinx"] }))).toBe("sinx + 1");
    expect(parseError("cost^2").reason).toMatch(/^'cost' is ambiguous/);
    expect(format(diff("cost^2", "cost"))).toBe("2*cost"); // the variable differentiated by is declared
  });

  it("keeps names that only start like a function as variables", () => {
    for (const name of ["costs", "sin_x", "signal", "exponent", "tangent", "logit", "s", "sines"]) {
      expect(format(parse(`${name} + 1`)), name).toBe(`${name} + 1`);
    }
  });
});

describe("errors that say how to fix the input", () => {
  it.each([
    ["|x", 1, "unclosed '|'", "'|' to close it"],
    ["(x + 1", 1, "unclosed '('", "')' to close it"],
    ["(x +", 5, "unexpected end of input", "an expression"],
    ["((x)", 1, "unclosed '('", "')' to close it"],
    ["sin(x", 4, "unclosed '('", "')' to close it"],
    ["[x + 1)", 7, "')' does not match the '[' before it", "']' to close the '['"],
    ["sin", 4, "'sin' needs an argument", "its argument: sin(x) or sin x"],
    ["x + sin * 2", 9, "'sin' needs an argument", "its argument: sin(x) or sin x"],
    ["sin^x y", 5, "the power of a function written before its argument is a whole number: sin^2 x is sin(x)^2", "a number, or (sin x)^... for another power"],
    ["ln^-1 x", 1, "ln^-1 has no inverse function here", "1/ln(x) for the reciprocal, or the inverse function by its name"],
    ["f'(x) + 1", 1, "f'(x), a derivative, is read only on the left of an equation: f'(x) = ...", "d/dx f(x) to differentiate f"],
    ["log_1 x", 1, "log_1 has no meaning: a logarithm's base is positive and not 1", "a base such as log_2, log_10, or log for the natural logarithm"],
  ] as const)("%s", (text, column, reason, expected) => {
    const e = parseError(text);
    expect(e.column).toBe(column);
    if (reason !== undefined) expect(e.reason).toBe(reason);
    expect(e.expected).toBe(expected);
  });
});

describe("the forgiving grammar reads what the strict one read", () => {
  const texts = new Set<string>();
  for (const name of ["corpus-sample", "corpus-generated"]) {
    for (const c of readCorpus(name)) {
      const e = parse(c.expr);
      texts.add(format(e));
      texts.add(format(diff(e, c.wrt, c.order)));
    }
  }

  it(`reads every format output of the corpora back as the same expression (${texts.size} texts)`, () => {
    for (const text of texts) expect(format(parse(text)), text).toBe(text);
  });

  /** `text` with a space, or none, between its tokens, chosen by `spaces`. */
  function respaced(text: string, spaces: boolean[]): string {
    const tokens = text.match(/[A-Za-z_\u0370-\u03FF][A-Za-z_\u0370-\u03FF0-9]*|\d+(?:\.\d+)?|\S/gu) ?? [];
    return tokens.map((t, i) => (spaces[i % spaces.length] ? ` ${t}` : t)).join("");
  }

  it("reads format output the same with spaces between its tokens (a space before '(' included)", () => {
    fc.assert(
      fc.property(expression(), fc.array(fc.boolean(), { minLength: 1, maxLength: 16 }), (e, spaces) => {
        const text = respaced(format(e), spaces);
        expect(parse(text), text).toBeExpr(e);
      }),
      { numRuns: 400, seed: 20261206 },
    );
  });
});
