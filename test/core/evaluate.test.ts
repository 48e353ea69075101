import { describe, expect, it } from "vitest";
import { ArgumentError, build, compile, DomainError, domainProblem, evaluate, format, parse, realValue, simplify } from "../../src/index.js";
import { Rational } from "../../src/ast/rational.js";

describe("evaluate", () => {
  it("computes in float64", () => {
    expect(evaluate("x^2 + y", { x: 3, y: 0.5 })).toBe(9.5);
    expect(evaluate("2/3")).toBe(2 / 3);
    expect(evaluate("pi")).toBe(Math.PI);
  });

  it("accepts a Map as the scope", () => {
    expect(evaluate("a*b", new Map([["a", 2], ["b", 5]]))).toBe(10);
  });

  it("names a missing variable", () => {
    expect(() => evaluate("x + y", { x: 1 })).toThrow(ArgumentError);
    expect(() => evaluate("x + y", { x: 1 })).toThrow("no value for variable 'y'");
    expect(() => evaluate("x", { x: "1" as unknown as number })).toThrow("no value for variable 'x' (got string)");
  });

  it("never reads inherited properties as values", () => {
    expect(() => evaluate("constructor + 1", {})).toThrow("no value for variable 'constructor'");
    expect(() => evaluate("toString", {})).toThrow(ArgumentError);
  });

  it("follows IEEE for domain problems instead of throwing", () => {
    expect(evaluate("log(-1)")).toBeNaN();
    expect(evaluate("1/0")).toBe(Infinity);
    expect(evaluate("log(x)", { x: 0 })).toBe(-Infinity);
    expect(evaluate("sqrt(x)", { x: -4 })).toBeNaN();
    expect(evaluate("asin(2)")).toBeNaN();
    expect(evaluate("1/x", { x: 0 })).toBe(Infinity);
  });

  it("keeps divisions by zero visible, and printable", () => {
    const e = build.mul(parse("x/2"), build.pow(build.ZERO, build.MINUS_ONE));
    expect(format(e)).toBe("x/2/0");
    expect(parse(format(e))).toBe(e);
    expect(evaluate(e, { x: 1 })).toBe(Infinity);
    expect(evaluate("-1/0")).toBe(-Infinity);
  });

  it("takes real odd roots of negative numbers", () => {
    expect(evaluate("x^(1/3)", { x: -8 })).toBe(-2);
    expect(evaluate("cbrt(x)", { x: -27 })).toBe(-3);
    expect(evaluate("x^(2/3)", { x: -8 })).toBeCloseTo(4, 14);
  });

  it("evaluates every function", () => {
    expect(evaluate("sigmoid(0) + softplus(0) + relu(-2) + step(0) + sign(-3)")).toBeCloseTo(0.5 + Math.LN2 + 0 + 0.5 - 1, 15);
    expect(evaluate("softplus(1000)")).toBe(1000); // no overflow
    expect(evaluate("sigmoid(-1000)")).toBe(0);
    expect(evaluate("min(2, x) + max(2, x)", { x: 5 })).toBe(7);
    expect(evaluate("log(8, 2)")).toBeCloseTo(3, 15);
    expect(evaluate("sec(0) + csc(pi/2) + cot(pi/4)")).toBeCloseTo(3, 14);
  });

  it("evaluates shared subexpressions once per call", () => {
    // e_{k+1} = e_k * sin(e_k): a tree of 2^60 nodes held in 120 shared ones
    let e = parse("x");
    for (let i = 0; i < 60; i++) e = build.mul(e, build.call("sin", [e]));
    expect(e.size).toBeGreaterThan(2 ** 60);
    let expected = 0.5;
    for (let i = 0; i < 60; i++) expected = expected * Math.sin(expected);
    expect(evaluate(e, { x: 0.5 })).toBe(expected);
  });
});

describe("one zero", () => {
  it("gives functions that tell -0 from 0 the real zero: x*relu(x) at x = -1 is 0, and atan2(0, -1) is pi", () => {
    // x*relu(x) at -1 is -1*0, which floats make -0.
    expect(evaluate(parse("atan2(x*relu(x), -1)"), { x: -1 })).toBe(Math.PI);
    expect(evaluate(parse("acot(x*relu(x))"), { x: -1 })).toBe(Math.PI / 2); // acot(0) = pi/2, as SymPy's
    expect(compile(parse("atan2(x*relu(x), -1)"), ["x"])(-1)).toBe(Math.PI);
  });
});

describe("undefined values stay undefined", () => {
  it("keeps 0/0 and poles instead of folding them to numbers", () => {
    expect(format(simplify("0/0"))).toBe("0/0");
    expect(evaluate("0/0")).toBeNaN();
    expect(format(simplify("tan(pi/2)"))).toBe("1/0");
    expect(format(simplify("cot(0) + csc(0)"))).toBe("2/0");
  });
});

describe("where and why there is no real value", () => {
  it.each([
    ["1/x", { x: 0 }, "1/x", "division by zero"],
    ["x*log(x - 2)", { x: 1 }, "log(x - 2)", "log(-1) is not a real number"],
    ["sqrt(x) + 1", { x: -4 }, "sqrt(x)", "sqrt(-4) is not a real number"],
    ["x^(3/2)", { x: -1 }, "x^(3/2)", "(-1)^(3/2) is not a real number"],
    ["asin(x)*2", { x: 2 }, "asin(x)", "asin(2) is not a real number"],
    ["log(x)", { x: 0 }, "log(x)", "log(0) = -Infinity"],
    ["exp(x)*x", { x: 1000 }, "exp(x)", "exp(1000) = Infinity"],
  ])("%s at %o: %s, %s", (text, at, part, reason) => {
    const problem = domainProblem(text, at);
    expect(problem && [format(problem.subexpression), problem.reason]).toEqual([part, reason]);
  });

  it("finds nothing where the value is real (odd roots of negative numbers are)", () => {
    expect(domainProblem("x^(1/3)", { x: -8 })).toBeUndefined();
    expect(domainProblem("log(x)", { x: 2 })).toBeUndefined();
  });

  it("realValue gives the value, or a DomainError naming the point, the reason and the part", () => {
    expect(realValue("x^2", { x: 3 })).toBe(9);
    expect(() => realValue("x/(x - y)", { x: 1, y: 1 })).toThrow(new DomainError("no real value at x=1, y=1: division by zero (in 1/(x - y))"));
    expect(() => realValue("log(-1)")).toThrow(new DomainError("no real value: log(-1) is not a real number"));
  });
});

describe("exact numbers beyond the range of floats", () => {
  // Expected values from Python's exact integer division (correctly rounded): float(Fraction(a, b)).
  it("converts a rational to the nearest float however large its parts", () => {
    expect(Rational.of(10n ** 400n + 1n, 3n * 10n ** 399n).toNumber()).toBe(3.3333333333333335);
    expect(Rational.of(1n, 3n * 2n ** 1060n).toNumber()).toBe(2.698e-320); // subnormal, rounded once
    expect(Rational.of(-(7n ** 1500n), 2n ** 4200n + 1n).toNumber()).toBe(-2094.4897177321636);
    expect(Rational.of(1n, 10n ** 400n).toNumber()).toBe(0);
    expect(Rational.of(10n ** 400n, 7n).toNumber()).toBe(Infinity);
  });

  it("multiplies the numeric factors of a product as one number: 2^3000/3^3000 is 0, not NaN", () => {
    expect(evaluate(parse("2^3000/3^3000"))).toBe(0);
    expect(evaluate(parse("2^5000/3^3154"))).toBe(2.0395808896692276);
    expect(evaluate(parse("x*2^5000/3^3154"), { x: -2 })).toBe(-4.079161779338455);
    expect(evaluate(parse("(-2)^5001*3^(-3154)"))).toBe(-4.079161779338455);
    // Past the bound on exact numbers (16,384 bits) powers stay powers; their product is still scaled as one number
    // (values from Python's exact fractions).
    expect(evaluate(parse("2^20000/3^12618"))).toBe(1.9227429468719361);
    expect(evaluate(parse("x*2^20000/3^12618"), { x: -2 })).toBe(-3.8454858937438723);
    // Powers of numbers other than 2 that large are scaled through their logarithms: within a few units of the last place.
    expect(Math.abs(evaluate(parse("10^5000*7^(-5916)")) / 2.5118591068484126 - 1)).toBeLessThan(1e-14);
    expect(realValue(parse("2^3000/3^3000"))).toBe(0);
  });

  it("scales powers whose exponents are far past any float's range without looping over them", () => {
    expect(evaluate(parse("1e308^1e308/3.14159^(2^64)"))).toBe(Infinity); // the quotient is about 10^(3*10^310)
    expect(evaluate(parse("2^(2^64)/3^(2^64)"))).toBe(0);
    expect(evaluate(parse("3^(2^64)/2^(2^64 + 1)"))).toBe(Infinity);
  });

  it("compiles such products to the same values", () => {
    for (const text of ["2^3000/3^3000*x", "x*2^5000/3^3154", "7^(1/2)*2^5000*3^(-3154)*x"]) {
      const e = parse(text);
      expect(compile(e, ["x"])(1.5)).toBe(evaluate(e, { x: 1.5 }));
      expect(Number.isFinite(evaluate(e, { x: 1.5 }))).toBe(true);
    }
  });
});
