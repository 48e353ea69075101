import { describe, expect, it } from "vitest";
import { ArgumentError, build, compile, compileAll, diff, DomainError, domainProblem, evaluate, format, gradient, parse, realValue, simplify, substitute } from "../../src/index.js";
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
    expect(parse(format(e))).toBeExpr(e);
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

describe("step gates a product: a step factor that is exactly 0 makes the product +0", () => {
  /** Relative agreement with a hand-derived value (the power functions round differently). */
  const near = (got: number, want: number) => expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-14 * Math.abs(want));
  /** The value of `e` at v, after checking that compiled code gives the very same float. */
  const at = (e: ReturnType<typeof parse>, v: string, p: number) => {
    const value = evaluate(e, { [v]: p });
    expect(Object.is(compile(e, [v])(p), value)).toBe(true);
    return value;
  };

  it("derivatives through flat kinks are 0 where the kink function is constant, not 0*Infinity", () => {
    // Hand-derived: relu(x)^a has derivative a*x^(a-1) for x > 0 and 0 for x < 0; cbrt(relu(x)) is relu(x)^(1/3).
    const cases: [string, number][] = [["relu(x)^(2/3)", 2 / 3], ["relu(x)^(4/5)", 4 / 5], ["cbrt(relu(x))", 1 / 3]];
    for (const [text, a] of cases) {
      const d = diff(text, "x");
      for (const x of [-0.4, -3, -1e-300]) expect(Object.is(at(d, "x", x), 0)).toBe(true);
      for (const x of [0.5, 2.7]) near(at(d, "x", x), a * x ** (a - 1));
    }
    const d2 = diff("relu(x)^(2/3)", "x", 2);
    expect(Object.is(at(d2, "x", -0.4), 0)).toBe(true);
    near(at(d2, "x", 0.5), (-2 / 9) * 0.5 ** (-4 / 3));
    // sqrt(min(0, y)) is 0 for y >= 0, so its derivative is 0 there; for y < 0 the function itself has no real value.
    const dy = diff("sqrt(min(0, y))", "y");
    expect(Object.is(at(dy, "y", 0.87), 0)).toBe(true);
    expect(at(dy, "y", -0.5)).toBeNaN();
    expect(realValue(diff("relu(x)^(2/3)", "x"), { x: -0.4 })).toBe(0);
    expect(domainProblem(diff("relu(x)^(2/3)", "x"), { x: -0.4 })).toBeUndefined();
  });

  it("is the Heaviside piecewise product: g where u > 0, g/2 at u = 0, 0 where u < 0; gating only at exact 0", () => {
    const e = parse("step(x)*log(x)");
    expect(Object.is(at(e, "x", -1), 0)).toBe(true);
    expect(at(e, "x", 2)).toBe(Math.log(2));
    expect(at(parse("step(x)*x^-1"), "x", 0)).toBe(Infinity); // 1/2 * Infinity
    expect(Object.is(at(parse("step(-x)^2*log(x - 3)"), "x", 2), 0)).toBe(true); // a positive power of a step gates too
    expect(Object.is(at(parse("-step(x)*x"), "x", -1), 0)).toBe(true); // +0, not -1*0*(-1)
    expect(evaluate("y*log(x)", { x: -1, y: 0 })).toBeNaN(); // only step gates
    // Exact substitution keeps the same convention.
    expect(format(simplify(substitute(e, new Map([["x", parse("-1")]]))))).toBe("0");
  });

  it("keeps the gate when powers of a step combine: step(u)*g/step(u) is g*step(u), not g", () => {
    const e = parse("x*step(y)/step(y)");
    expect(format(e)).toBe("x*step(y)");
    expect(Object.is(evaluate(e, { x: 3, y: -1 }), 0)).toBe(true); // gated, as the uncombined product is
    expect(evaluate(e, { x: 3, y: 2 })).toBe(3);
    // Found by the fuzzer: d/dy d/dx of a power whose base is gated by step(y) was NaN at y = -1, where the function
    // is 0 for every x and so is every derivative. Mixed partials must agree in either order.
    const f = "(step(y)*y*(abs(y) - 1)*sign(y))^x";
    const xy = diff(f, ["x", "y"]);
    const yx = diff(diff(f, "y"), "x");
    for (const y of [-2, -1, -0.5, 0.5, 2, 3]) {
      const point = { x: 2.5, y };
      const [a, b] = [evaluate(xy, point), evaluate(yx, point)];
      if (Number.isFinite(a) || Number.isFinite(b)) expect(Math.abs(a - b), `at y = ${y}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
    }
    expect(Object.is(evaluate(xy, { x: 2.5, y: -1 }), 0)).toBe(true);
  });

  it("leaves a relu network's gradient as the chain rule gives it, active or not", () => {
    // loss = (w2*relu(h) - t)^2 with h = w1*x + b; by hand, with e = w2*relu(h) - t:
    // d/dw1 = 2*e*w2*step(h)*x, d/db = 2*e*w2*step(h), d/dw2 = 2*e*relu(h).
    const params = ["w1", "b", "w2", "x", "t"];
    const grads = gradient("(w2*relu(w1*x + b) - t)^2", ["w1", "b", "w2"]);
    const compiled = compileAll(grads, params);
    for (const [w1, b, w2, x, t] of [[0.7, 0.1, -1.3, 2, 0.5], [0.7, 0.1, -1.3, -2, 0.5], [-0.2, 0, 2, 0, 1]]) {
      const h = w1! * x! + b!;
      const step = h > 0 ? 1 : h < 0 ? 0 : 0.5;
      const e = w2! * Math.max(h, 0) - t!;
      const want = [2 * e * w2! * step * x!, 2 * e * w2! * step, 2 * e * Math.max(h, 0)];
      const got = grads.map((g) => evaluate(g, { w1: w1!, b: b!, w2: w2!, x: x!, t: t! }));
      got.forEach((g, i) => near(g, want[i]!));
      expect([...compiled([w1!, b!, w2!, x!, t!])]).toEqual(got);
    }
  });
});
