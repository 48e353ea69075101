import { describe, expect, it } from "vitest";
import { ArgumentError, ParseError, diff, evaluate, format, parse } from "../../src/index.js";
import { tokenize } from "../../src/parser/lexer.js";
import { syntaxOf } from "../../src/parser/precedence.js";
import { earleyParseCount } from "../../src/parser/parse.js";
import type { Syntax } from "../../src/parser/syntax.js";

/** Parses and prints: the printed form is the canonical reading of the input. */
const read = (text: string) => format(parse(text));

describe("numbers and names", () => {
  it.each([
    ["3", "3"],
    ["0.5", "1/2"],
    [".5", "1/2"],
    ["1.5e-3", "3/2000"],
    ["2E3", "2000"],
    ["1e+2", "100"],
    ["007", "7"],
    ["0.50", "1/2"],
    ["pi", "pi"],
    ["π", "pi"],
    ["e", "e"],
    ["x", "x"],
    ["y2", "y2"],
    ["w_1", "w_1"],
    ["theta", "theta"],
    ["α + θ", "α + θ"],
  ])("%s reads as %s", (input, expected) => {
    expect(read(input)).toBe(expected);
  });

  it("keeps decimals exact", () => {
    expect(read("0.1 + 0.2")).toBe("3/10");
    expect(read("2/3")).toBe("2/3");
  });

  it("treats odd JavaScript names as ordinary variables", () => {
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "prototype"]) {
      const e = parse(`${name}^2 + 1`);
      expect(format(e)).toBe(`${name}^2 + 1`);
      expect(evaluate(e, { [name]: 3 })).toBe(10);
    }
  });

  it("reads e as Euler's number and e^x as exp(x)", () => {
    expect(parse("e^x")).toBeExpr(parse("exp(x)"));
    expect(evaluate(parse("e"))).toBe(Math.E);
  });

  it("reads E as Euler's number too, as SymPy and math.js print it", () => {
    expect(parse("E*x + 3")).toBeExpr(parse("e*x + 3"));
    expect(format(diff("E^(2*x)", "x"))).toBe("2*exp(2*x)");
    expect(() => diff("E*x", "E")).toThrow(/cannot differentiate with respect to "E"/);
  });
});

describe("operators and precedence", () => {
  it.each([
    ["1 + 2*3", "7"],
    ["2^3^2", "512"],
    ["2**3**2", "512"],
    ["-2^2", "-4"],
    ["(-2)^2", "4"],
    ["2^-1", "1/2"],
    ["2^-1^2", "1/2"],
    ["8/4/2", "1"],
    ["2 - 3 - 4", "-5"],
    ["+3", "3"],
    ["--3", "3"],
    ["2*-3", "-6"],
  ])("%s = %s", (input, expected) => {
    expect(read(input)).toBe(expected);
  });

  it("accepts the typographic spellings of the operators", () => {
    expect(parse("x·y × z ÷ w − 1")).toBeExpr(parse("x*y*z/w - 1"));
    expect(parse("−x")).toBeExpr(parse("-x"));
    expect(parse("2 ÷ −x")).toBeExpr(parse("2/(-x)"));
  });

  it("binds unary minus looser than power", () => {
    expect(parse("-x^2")).toBeExpr(parse("-(x^2)"));
    expect(parse("2^-x")).toBeExpr(parse("2^(-x)"));
    expect(evaluate(parse("-x^2"), { x: 3 })).toBe(-9);
  });

  it("makes ^ right-associative", () => {
    expect(parse("x^y^z")).toBeExpr(parse("x^(y^z)"));
    expect(parse("x^y^z")).not.toBeExpr(parse("(x^y)^z"));
  });
});

/** The syntax tree of `text`, fully parenthesised: every operator application in parentheses, calls as written. */
function shape(text: string): string {
  const show = (s: Syntax): string => {
    switch (s.type) {
      case "number":
      case "name":
        return s.token.text;
      case "call":
        return `${s.token.text}${s.args.map(show).join(", ")})`;
      case "unary":
        return `(${s.op}${show(s.operand)})`;
      case "binary":
        return `(${show(s.left)}${s.op}${show(s.right)})`;
    }
  };
  return show(syntaxOf(text, tokenize(text)));
}

describe("the syntax tree of precedence and associativity", () => {
  it.each([
    ["1+2*3", "(1+(2*3))"],
    ["1*2+3", "((1*2)+3)"],
    ["a-b+c", "((a-b)+c)"],
    ["a/b*c/d", "(((a/b)*c)/d)"],
    ["2^3^2", "(2^(3^2))"],
    ["a*b^c", "(a*(b^c))"],
    ["-x^2", "(-(x^2))"],
    ["2^-x", "(2^(-x))"],
    ["2^-x^2", "(2^(-(x^2)))"],
    ["-2*x", "((-2)*x)"],
    ["a*-b^c*d", "((a*(-(b^c)))*d)"],
    ["a - -b*c", "(a-((-b)*c))"],
    ["x^-y*z", "((x^(-y))*z)"],
    ["--x", "(-(-x))"],
    ["+-x^y^z", "(+(-(x^(y^z))))"],
    ["2x^2 y", "((2*(x^2))*y)"],
    ["(((x)))", "x"],
    ["(a+b)*(c-d)", "((a+b)*(c-d))"],
    ["max(a+b, -c)^2", "(max((a+b), (-c))^2)"],
    ["atan2(y, max(x, 1) - 2) / 3", "(atan2(y, (max(x, 1)-2))/3)"],
    ["f()+1", "(f()+1)"],
  ])("%s is %s", (input, expected) => {
    expect(shape(input)).toBe(expected);
  });

  it("shapes nesting far deeper than a recursive walk could (no stack overflow)", () => {
    const depth = 100_000;
    const text = "(".repeat(depth) + "-x" + ")^2".repeat(depth);
    let s = syntaxOf(text, tokenize(text));
    let powers = 0;
    for (; s.type === "binary" && s.op === "^"; s = s.left) powers++;
    expect(powers).toBe(depth);
    expect(s.type).toBe("unary");
  });
});

describe("implicit multiplication", () => {
  it.each([
    ["2x", "2*x"],
    ["3x^2", "3*x^2"],
    ["2 sin(x)", "2*sin(x)"],
    ["x y", "x*y"],
    ["(x+1)(x-1)", "(x+1)*(x-1)"],
    ["2(x+1)", "2*(x+1)"],
    ["2x y^2", "2*x*y^2"],
    ["2 pi r", "2*pi*r"],
    ["-2x", "-2*x"],
    ["x sin(x) cos(x)", "x*sin(x)*cos(x)"],
  ])("%s means %s", (implicit, explicit) => {
    expect(parse(implicit)).toBeExpr(parse(explicit));
  });

  it("has the precedence of explicit multiplication", () => {
    expect(parse("1/2x")).toBeExpr(parse("(1/2)*x"));
    expect(parse("2^x y")).toBeExpr(parse("(2^x)*y"));
  });

  it("reads a name without a space as one name", () => {
    expect(parse("xy")).not.toBeExpr(parse("x y"));
    expect(format(parse("xy"))).toBe("xy");
  });
});

describe("functions", () => {
  it("accepts every spelling in the issue", () => {
    const names = ["sin", "cos", "tan", "sec", "csc", "cot", "asin", "acos", "atan", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh", "exp", "ln", "log", "log2", "log10", "sqrt", "cbrt", "abs", "sign", "sigmoid", "softplus", "relu"];
    for (const f of names) expect(() => parse(`${f}(x)`), f).not.toThrow();
    expect(() => parse("min(x, y) + max(x, 2)")).not.toThrow();
  });

  it("maps aliases and sugar to one canonical form", () => {
    expect(parse("ln(x)")).toBeExpr(parse("log(x)"));
    expect(parse("arcsin(x)")).toBeExpr(parse("asin(x)"));
    expect(parse("sqrt(x)")).toBeExpr(parse("x^(1/2)"));
    expect(parse("cbrt(x)")).toBeExpr(parse("x^(1/3)"));
    expect(parse("log(x, 2)")).toBeExpr(parse("log(x)/log(2)"));
  });

  it("evaluates sigmoid as the logistic function", () => {
    expect(evaluate(parse("sigmoid(x)"), { x: 0.3 })).toBeCloseTo(1 / (1 + Math.exp(-0.3)), 15);
  });

  it("allows a space before the parenthesis of a call", () => {
    expect(parse("sin (x)")).toBeExpr(parse("sin(x)"));
  });
});

/** The error thrown for `text`, which must be a ParseError. */
function parseError(text: string): ParseError {
  try {
    parse(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  throw new Error(`expected a ParseError for ${JSON.stringify(text)}`);
}

describe("errors", () => {
  it.each([
    ["", "empty input at 1:1, expected an expression", 0],
    ["   ", "empty input at 1:4, expected an expression", 3],
    ["x^^2", "unexpected '^' at 1:3, expected an expression", 2],
    ["(((x", "unclosed '(' at 1:3, expected ')' to close it", 2],
    ["(((x +", "unexpected end of input at 1:7, expected an expression", 6],
    ["2..3", "unexpected number '.3' at 1:3, expected an operator", 2],
    ["x + )", "unexpected ')' at 1:5, expected an expression", 4],
    ["(x + y))", "unexpected ')' at 1:8, expected an operator", 7],
    ["x # 2", "unexpected character '#' at 1:3, expected an operator or an expression", 2],
    ["2 3", "unexpected number '3' at 1:3, expected an operator", 2],
    ["sin()", "sin expects 1 argument, got 0 at 1:1", 0],
    ["max(x)", "max expects 2 arguments, got 1 at 1:1", 0],
    ["x + sin", "'sin' needs an argument at 1:8, expected its argument: sin(x) or sin x", 7],
  ])("%j → %s", (input, message, offset) => {
    const e = parseError(input);
    expect(e.message).toBe(message);
    expect(e.offset).toBe(offset);
  });

  it("reports line and column on later lines", () => {
    const e = parseError("x +\n  y +\n  * 2");
    expect([e.line, e.column, e.offset, e.found]).toEqual([3, 3, 12, "*"]);
    expect(e.message).toBe("unexpected '*' at 3:3, expected an expression");
  });

  it("names unknown functions and suggests the closest known one", () => {
    const e = parseError("2 + sinn(x)");
    expect(e.message).toMatch(/^unknown function 'sinn' at 1:5, expected 'sin'/);
    expect(e.found).toBe("sinn");
    expect(parseError("foo(x)").message).toContain("foo*(x) or foo (x) for a product");
  });

  it("treats a variable followed by parentheses as an unknown function, with a hint", () => {
    expect(parseError("x(x+1)").message).toBe("unknown function 'x' at 1:1, expected x*(x+1) or x (x+1) for a product, or a known function");
  });

  it("refuses constants used as functions", () => {
    expect(parseError("e(x)").message).toBe("'e' is a constant, not a function at 1:1, expected e*(x) or e (x) for a product");
  });

  it("refuses numbers beyond the exponent range instead of building huge integers", () => {
    expect(parseError("1e999999999").message).toMatch(/out of range/);
  });

  it("counts columns in characters, not UTF-16 units", () => {
    // 𝑥 (mathematical italic x, two UTF-16 units) is not a letter of names: the error is at it, column 1.
    const e = parseError("𝑥 + )");
    expect([e.column, e.offset, e.found]).toEqual([1, 0, "𝑥"]);
    const after = parseError("π*2 + )");
    expect([after.column, after.offset]).toEqual([7, 6]);
  });

  it("rejects non-strings with an ArgumentError", () => {
    expect(() => parse(42 as unknown as string)).toThrow(ArgumentError);
    expect(() => parse("x", null as never)).toThrow(ArgumentError);
    expect(() => parse("x", { functions: {} } as never)).toThrow(/must be a Map/);
  });
});

describe("limits", () => {
  it("parses 10,000 nested parentheses", () => {
    const text = "(".repeat(10_000) + "x" + ")".repeat(10_000);
    expect(parse(text)).toBeExpr(parse("x"));
  });

  it("refuses 10,000 nested functions with a clear error", () => {
    const text = "sin(".repeat(10_000) + "x" + ")".repeat(10_000);
    expect(parseError(text).message).toMatch(/nested too deeply \(more than 2500 levels\)/);
  });

  it("refuses long right-recursive chains fast", () => {
    expect(parseError("2^".repeat(5000) + "2").message).toMatch(/nested too deeply/);
    expect(parseError("-".repeat(5000) + "x").message).toMatch(/nested too deeply/);
  });

  it("parses a sum of 20,000 terms", () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `x${i % 100}`).join(" + ");
    const e = parse(text);
    expect(e.kind).toBe("add");
    expect(evaluate(e, Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`x${i}`, 1])))).toBe(20_000);
  });

  it("reads a long implicit product of powers as a product, not as nesting", () => {
    const text = Array.from({ length: 3000 }, (_, i) => `x${i}^2`).join(" ");
    const e = parse(text);
    expect(e.kind).toBe("mul");
    expect(e).toBeExpr(parse(text.replaceAll(" ", "*")));
  });

  it("counts a long argument list", () => {
    const args = Array.from({ length: 10_000 }, (_, i) => `x${i}`).join(", ");
    expect(parseError(`max(${args})`).message).toBe("max expects 2 arguments, got 10000 at 1:1");
  });

  it("reports errors in long input as in short input", () => {
    const sum = Array.from({ length: 5_000 }, (_, i) => `x${i}`).join(" + ");
    const e = parseError(`${sum} + )`);
    expect(e.message).toBe(`unexpected ')' at 1:${sum.length + 4}, expected an expression`);
    expect(parseError(`(${sum}`).message).toBe("unclosed '(' at 1:1, expected ')' to close it");
  });

  it("keeps powers of numbers with huge root indices as powers, without computing them", () => {
    expect(format(parse("2^0.0000000001"))).toBe("2^(1/10000000000)");
    expect(evaluate(parse("2^0.0000000001"))).toBe(2 ** 1e-10);
    expect(format(parse("3*x^1.9999999999"))).toBe("3*x^(19999999999/10000000000)");
    expect(format(parse("4^(1/2^40)"))).toBe("4^(1/1099511627776)");
  });

  it("keeps a power whose whole part is too large to fold as one power (no splitting and recombining)", () => {
    expect(format(parse("2^(32769/2)"))).toBe("2^(32769/2)"); // 2^16384 is past the bound on exact numbers
    expect(parse(format(parse("3^(-41001/4)")))).toBeExpr(parse("3^(-41001/4)"));
    expect(format(parse("2^(4097/2)"))).toMatch(/^\d+\*sqrt\(2\)$/); // 2^2048 folds: 4,096 bits
  });

  it("gives every number below the bound one form: powers fold up to the bound, so printed fractions parse back", () => {
    expect(parse("2^16383").kind).toBe("num"); // 16,384 bits: the largest power of 2 an exact number holds
    expect(format(parse("2^16384"))).toBe("2^16384");
    const harmonic = parse(Array.from({ length: 3_000 }, (_, i) => `1/${i + 1}`).join(" + ")); // a 1,302-digit denominator
    expect(harmonic.kind).toBe("num");
    expect(parse(format(harmonic))).toBeExpr(harmonic);
    const big = `1/${"7".repeat(4_900)}`;
    expect(parse(format(parse(big)))).toBeExpr(parse(big));
  });

  it("takes exact roots with large indices and large radicands", () => {
    expect(parse("(3^2000)^(1/2000)")).toBeExpr(parse("3"));
    expect(parse("(123456789012345678901234567890^7)^(1/7)")).toBeExpr(parse("123456789012345678901234567890"));
    expect(format(parse("(10^600 + 1)^(1/2)"))).toBe(`sqrt(1${"0".repeat(599)}1)`);
    expect(parse("(2^4000)^(1/2)")).toBeExpr(parse("2^2000"));
  });

  it("adds fractions exactly: the harmonic sum to 300", () => {
    // H(300) = p/q with q of 129 digits, computed here from scratch with bigints.
    let p = 0n;
    let q = 1n;
    for (let k = 1n; k <= 300n; k++) [p, q] = [p * k + q, q * k];
    const g = (a: bigint, b: bigint): bigint => (b === 0n ? a : g(b, a % b));
    const d = g(p, q);
    const text = Array.from({ length: 300 }, (_, i) => `1/${i + 1}`).join(" + ");
    expect(format(parse(text))).toBe(`${p / d}/${q / d}`);
  });

  it("refuses exact numbers past the bound with a clear error", () => {
    expect(parseError("9".repeat(5000)).message).toMatch(/^exact number too large: more than 4,933 digits \(the limit\)/);
    const big = "9".repeat(3000);
    expect(parseError(`${big}*${big}`).message).toMatch(/^exact number too large/);
    expect(format(parse(`1/${"3".repeat(4000)}`))).toBe(`1/${"3".repeat(4000)}`);
  });

  it("refuses input beyond the length limit, naming it", () => {
    const e = parseError("x+".repeat(600_000) + "x");
    expect(e.message).toMatch(/^input too long: 1,200,001 characters, the limit is [\d,]+/);
  });
});

describe("the grammar is unambiguous", () => {
  it("gives exactly one parse or a ParseError for every string of up to 4 tokens", () => {
    // parse() treats a second parse as an internal error (not a SymdiffError), so any ambiguity fails here.
    // (Up to 5 tokens of these and of " " and "**", 813,616 strings, was checked once by hand: about a minute.)
    const alphabet = ["x", "2", "+", "-", "*", "/", "^", "(", ")", "sin(", ",", "max("];
    let parsed = 0;
    const visit = (text: string, more: number): void => {
      try {
        parse(text);
        parsed++;
      } catch (e) {
        if (!(e instanceof ParseError)) throw e;
      }
      if (more > 0) for (const a of alphabet) visit(text + a, more - 1);
    };
    visit("", 4);
    // The valid ones among them, a check that the enumeration ran (2^2x and x^2x are refused as ambiguous).
    expect(parsed).toBe(316);
  });
});

describe("no silent misreading (issue 15, class 7)", () => {
  it("reads superscript digits and signs as an exponent", () => {
    // Values at x = 1.5 computed by hand: 1.5^2 = 2.25, 2*1.5^3 = 6.75, 1/1.5 = 0.666..., 1.5^23.
    expect(evaluate("x²", { x: 1.5 })).toBe(2.25);
    expect(evaluate("2x³", { x: 1.5 })).toBe(6.75);
    expect(evaluate("x⁻¹", { x: 1.5 })).toBeCloseTo(1 / 1.5, 15);
    expect(evaluate("x²³", { x: 1.5 })).toBeCloseTo(Math.pow(1.5, 23), 6);
    expect(evaluate("x²y", { x: 1.5, y: 2 })).toBe(4.5);
    expect(evaluate("(x + 1)²", { x: 1.5 })).toBe(6.25);
    expect(evaluate("2²", {})).toBe(4);
    expect(format(diff("x²", "x"))).toBe("2*x");
    expect(format(diff("x⁻²", "x"))).toBe("-2/x^3");
  });

  it("points at a superscript that has nothing to raise, or that follows another", () => {
    expect(parseError("x + ²")).toMatchObject({ column: 5, found: "²" });
    // x²⁻¹ could mean x^(2-1) or (x^2)^-1: not guessed.
    expect(parseError("x²⁻¹")).toMatchObject({ column: 3, found: "⁻" });
  });

  it("takes only ASCII letters, digits, _ and Greek letters in names", () => {
    expect(format(parse("θ^2 + α_1 + w_2"))).toBe("w_2 + α_1 + θ^2");
    for (const [text, column, hint] of [
      ["х^2", 1, /'х' \(U\+0445\): names are made of ASCII letters/], // Cyrillic х, not x
      ["x₁ + 1", 2, /subscript with _, as in x_1/],
      ["x•y", 2, /write \* for multiplication/],
      ["x‐y", 2, /write - for minus/],
      ["x⁻", 2, /write exponents with \^/],
      ["café", 4, /'é' \(U\+00E9\)/],
    ] as const) {
      const e = parseError(text);
      expect(e.column).toBe(column);
      expect(e.reason).toMatch(hint);
    }
  });

  it("reads no character outside names, numbers, operators and spaces as anything: it is an error", () => {
    const operators = new Set(["·", "⋅", "∙", "∗", "×", "÷", "−", "√", "∛", "∜", "π"]);
    for (let code = 0x80; code < 0x3000; code++) {
      const c = String.fromCodePoint(code);
      if (/\s/u.test(c) || operators.has(c)) continue;
      const greek = /[\u0391-\u03A9\u03B1-\u03C9\u03D1\u03D5\u03D6\u03F5]/u.test(c);
      const superscript = /[⁰¹²³⁴⁵⁶⁷⁸⁹]/u.test(c);
      let result: string;
      try {
        result = format(parse(`x${c}`));
      } catch (error) {
        expect(error).toBeInstanceOf(ParseError);
        continue;
      }
      // Anything parsed is a Greek letter continuing the name, or an exponent.
      expect(greek || superscript).toBe(true);
      const power = "⁰¹²³⁴⁵⁶⁷⁸⁹".indexOf(c);
      expect(result).toBe(greek ? `x${c}` : power === 0 ? "1" : power === 1 ? "x" : `x^${power}`);
    }
  });
});

describe("accepted token sequences", () => {
  it("parses a sequence of token types once: texts that differ only in names and numbers skip the Earley parse", () => {
    parse("sin(shape_a1*shape_b1^2) + 3");
    const before = earleyParseCount();
    const e = parse("sin(shape_a2*shape_b2^7) + 4");
    expect(earleyParseCount()).toBe(before);
    expect(format(e)).toBe("sin(shape_a2*shape_b2^7) + 4");
  });

  it("still rejects what the grammar rejects, with the parser's message, after accepting a similar text", () => {
    parse("shape_c + shape_d");
    expect(() => parse("shape_c + ")).toThrow(/unexpected end of input at 1:11, expected an expression/);
    expect(() => parse("shape_c + shape_d)")).toThrow(ParseError);
    expect(() => parse("(shape_c + shape_d")).toThrow(ParseError);
  });
});
