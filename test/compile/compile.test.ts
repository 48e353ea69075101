import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ArgumentError, build, compile, compileAll, compileSum, evaluate, gradientFunction, parse, Rational } from "../../src/index.js";
import { compilable, compiledCoordinate, COMPILED_VARIABLES as VARS, sameNumber } from "../support/arbitraries.js";

const { add, mul, pow, num, sym, call } = build;

describe("compile", () => {
  it("evaluates with the parameters in the order given", () => {
    const f = compile("x^2 - y/2 + sqrt(x)", ["y", "x"]);
    expect(f(10, 9)).toBe(81 - 5 + 3);
  });

  it("agrees with evaluate to the bit on random expressions and points", () => {
    fc.assert(
      fc.property(compilable, fc.tuple(compiledCoordinate, compiledCoordinate, compiledCoordinate), (e, [x, y, z]) => {
        const compiled = compile(e, VARS)(x, y, z);
        const interpreted = evaluate(e, { x, y, z });
        if (!sameNumber(compiled, interpreted)) throw new Error(`${String(e)} at ${[x, y, z]}: ${compiled} vs ${interpreted}`);
      }),
      { numRuns: 2000 },
    );
  });

  it("agrees on signed zeros: -0 + -0 is -0 in both", () => {
    const e = parse("x*y - x*z");
    expect(Object.is(evaluate(e, { x: -0, y: 1, z: -1 }), -0)).toBe(true);
    expect(Object.is(compile(e, VARS)(-0, 1, -1), -0)).toBe(true);
  });

  it("takes real odd roots of negative numbers, as evaluate does", () => {
    expect(compile("x^(1/3)", ["x"])(-8)).toBe(-2);
    expect(compile("x^(2/3)", ["x"])(-8)).toBeCloseTo(4, 14);
    expect(compile("x^(1/2)", ["x"])(-4)).toBeNaN();
  });

  it("folds constant subexpressions to literals at compile time", () => {
    const f = compile("x*log(2) + sin(pi/6)", ["x"]);
    expect(f.source).not.toMatch(/Math\.(log|sin)/);
    expect(f(1)).toBe(evaluate("x*log(2) + sin(pi/6)", { x: 1 }));
  });

  it("reads numeric strings as numbers instead of concatenating them", () => {
    const f = compile("x + y", ["x", "y"]) as unknown as (...args: unknown[]) => number;
    expect(f("2", "3")).toBe(5);
  });

  it("refuses a free variable that is not a parameter, and duplicate parameters", () => {
    expect(() => compile("x + z", ["x"])).toThrow(new ArgumentError("variable 'z' is not among the parameters [x]"));
    expect(() => compile("x", ["x", "x"])).toThrow(/'x' is listed twice/);
  });
});

describe("compileAll", () => {
  const exprs = [parse("sin(x*y)^2"), parse("cos(x*y)"), parse("x"), parse("3")];

  it("computes every expression at the point, in order, into the caller's array", () => {
    const f = compileAll(exprs, ["x", "y"]);
    const out = new Float64Array(4);
    expect(f([2, 0.25], out)).toBe(out);
    expect([...out]).toEqual([Math.sin(0.5) ** 2, Math.cos(0.5), 2, 3]);
    expect([...f(new Float64Array([1, 0]))]).toEqual([0, 1, 1, 3]);
  });

  it("computes a subexpression shared across the set once", () => {
    const { source } = compileAll(exprs, ["x", "y"]);
    expect(source.match(/p0 \* p1/g)).toHaveLength(1);
  });

  it("checks the sizes of its arrays, also when a checked array changes length", () => {
    const f = compileAll(exprs, ["x", "y"]);
    expect(() => f([1])).toThrow(new ArgumentError("expected 2 argument values [x, y], got 1"));
    expect(() => f([1, 2], new Float64Array(3))).toThrow(/holds 3 values, 4 needed/);
    expect(() => f(undefined as unknown as number[])).toThrow(new ArgumentError("expected an array of argument values [x, y], got undefined"));
    expect(() => f([1, 2], [0, 0, 0, 0] as unknown as Float64Array)).toThrow(/must be a Float64Array/);
    const args = new Float64Array([1, 2]);
    const out = new Float64Array(4);
    f(args, out);
    expect(() => f(args.subarray(1), out)).toThrow(/got 1/);
    const list = [1, 2];
    f(list, out);
    list.pop();
    expect(() => f(list, out)).toThrow(/got 1/);
  });

  it("agrees with evaluate on random sets of expressions", () => {
    fc.assert(
      fc.property(fc.array(compilable, { minLength: 1, maxLength: 4 }), fc.tuple(compiledCoordinate, compiledCoordinate, compiledCoordinate), (es, [x, y, z]) => {
        const values = compileAll(es, VARS)([x, y, z]);
        es.forEach((e, i) => expect(sameNumber(values[i]!, evaluate(e, { x, y, z }))).toBe(true));
      }),
      { numRuns: 150 },
    );
  });
});

describe("compileSum", () => {
  it("sums each expression over the rows, in row order, exactly as a loop over evaluate does", () => {
    const row = fc.tuple(compiledCoordinate, compiledCoordinate);
    fc.assert(
      fc.property(fc.array(compilable, { minLength: 1, maxLength: 3 }), compiledCoordinate, fc.array(row, { maxLength: 6 }), (es, x, rows) => {
        const sums = compileSum(es, ["x"], ["y", "z"])([x], rows.flat());
        es.forEach((e, k) => {
          let expected = 0;
          for (const [y, z] of rows) expected += evaluate(e, { x, y, z });
          expect(sameNumber(sums[k]!, expected)).toBe(true);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("computes subexpressions of the parameters once per call, outside the loop over rows", () => {
    const { source } = compileSum(["sin(w)*x + y", "cos(w*v)"], ["w", "v"], ["x", "y"]);
    const loop = source.indexOf("for (");
    expect(source.lastIndexOf("Math.sin(")).toBeLessThan(loop);
    expect(source.lastIndexOf("Math.cos(")).toBeLessThan(loop);
    expect(source.indexOf("p2 = +rows[r + 0]")).toBeGreaterThan(loop);
  });

  it("writes into the caller's array and checks the sizes of its arrays", () => {
    const f = compileSum(["w*x", "x"], ["w"], ["x"]);
    const out = new Float64Array(2);
    expect(f([2], [1, 2, 3], out)).toBe(out);
    expect([...out]).toEqual([12, 6]);
    expect(() => f([1, 2], [1])).toThrow(new ArgumentError("expected 1 parameter values [w], got 2"));
    expect(() => compileSum(["x + y"], [], ["x", "y"])([], [1, 2, 3])).toThrow(/the rows hold 3 values, not a multiple of 2 \[x, y\]/);
    expect(() => f([1], [1], new Float64Array(1))).toThrow(/holds 1 values, 2 needed/);
    expect(() => compileSum(["w"], ["w"], [])).toThrow(/at least one row variable/);
  });
});

describe("gradientFunction", () => {
  it("gives the hand-checkable cross-entropy values for x = 6.7, y = 0, w = 1, b = 0", () => {
    const loss = "-(y*log(sigmoid(w*x + b)) + (1 - y)*log(1 - sigmoid(w*x + b)))";
    const f = gradientFunction(loss, ["w", "b"]); // parameters: w, b, then x, y
    const [value, dw, db] = f([1, 0, 6.7, 0]);
    expect(value).toBeCloseTo(6.70123015495, 10);
    expect(dw).toBeCloseTo(6.69176302923, 10);
    expect(db).toBeCloseTo(0.99877060137, 10);
  });
});

describe("generated code", () => {
  // Names that would shadow, break or inject JavaScript if they reached the source, and the compiler's own locals.
  const NAMES = ["constructor", "__proto__", "Math", "return", "π", "x y", "a); globalThis.hacked = 1; (", "toString", "a", "out", "p0", "t0", "é"];

  it("compiles any variable name to a sanitised local and evaluates correctly", () => {
    const e = NAMES.map((n, i) => mul(num(i + 1), sym(n))).reduce((s, t) => add(s, call("sin", [t])));
    const point = NAMES.map((_, i) => 0.1 * (i + 1));
    const expected = evaluate(e, new Map(NAMES.map((n, i) => [n, point[i]!])));
    expect(compile(e, NAMES)(...point)).toBe(expected);
    expect(compileAll([e], NAMES)(point)[0]).toBe(expected);
    expect(compileSum([e], NAMES.slice(0, 5), NAMES.slice(5))(point.slice(0, 5), point.slice(5))[0]).toBe(expected);
    expect((globalThis as { hacked?: number }).hacked).toBeUndefined();
  });

  it("holds only numbers, operators, Math calls and generated local names", () => {
    const e = NAMES.map((n) => call("softplus", [sym(n)])).reduce((s, t) => add(s, mul(t, call("step", [t]))));
    const sources = [
      compile(e, NAMES).source,
      compileAll([e, pow(e, num(Rational.of(1, 3)))], NAMES).source,
      compileSum([e], NAMES.slice(0, 5), NAMES.slice(5)).source,
    ];
    for (const source of sources) {
      const leftover = source
        .replace(/"use strict";|\bfunction \w+\(/g, "")
        .replace(/\bMath\.[a-z0-9]+\b/g, "")
        .replace(/\b(const|let|for|return|if|undefined|[pts]\d+|a|r|rows|out|length|check|checked|args)\b/g, "")
        .replace(/\d+(\.\d+)?(e[+-]\d+)?/g, "")
        .replace(/[\s+\-*/%=<>?:;,.!|(){}[\]]/g, "");
      expect(leftover).toBe("");
    }
  });
});
