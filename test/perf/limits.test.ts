/** Runaway work ends in a clear LimitError; very high orders finish when the derivatives repeat. */
import { describe, expect, it } from "vitest";
import { thrown } from "../support/errors.js";
import { diff, evaluate, format, LimitError, MAX_INPUT_LENGTH, parse, ParseError, simplify, SymdiffError } from "../../src/index.js";
import { withNodeLimit } from "../../src/ast/expr.js";
import { MAX_DISTINCT_ORDERS } from "../../src/diff.js";

describe("size guard", () => {
  it("stops a derivative that creates more nodes than allowed, with a LimitError naming the limit", () => {
    const e = thrown(() => withNodeLimit(500, () => diff("tan(tan(tan(g1)))", "g1", 4)));
    expect(e).toBeInstanceOf(LimitError);
    expect(e.message).toBe("expression too large: an operation created more than 500 nodes");
  });

  it("leaves the memo tables consistent after a LimitError", () => {
    const f = "x_g2*sin(x_g2)*exp(x_g2)";
    expect(() => withNodeLimit(50, () => diff(f, "x_g2", 3))).toThrow(LimitError);
    // f''' = e^x·(2x·cos x − 2x·sin x + 6 cos x), from d/dx x·e^(1+i)x three times, imaginary part.
    const x = 0.8;
    const expected = Math.exp(x) * (2 * x * Math.cos(x) - 2 * x * Math.sin(x) + 6 * Math.cos(x));
    expect(evaluate(diff(f, "x_g2", 3), { x_g2: x })).toBeCloseTo(expected, 10);
  });

  it("refuses a very high order whose derivatives never repeat, after a bounded number of steps", () => {
    const e = thrown(() => diff("log(g3)", "g3", 10 ** 9));
    expect(e).toBeInstanceOf(LimitError);
    expect(e.message).toBe(`derivative of order 1,000,000,000 too costly: the first ${MAX_DISTINCT_ORDERS} derivatives are all different (the limit)`);
  });
});

describe("high orders", () => {
  it("finds cycles: the 10^9-th derivative of sin is sin, the next one cos", () => {
    expect(diff("sin(g4)", "g4", 10 ** 9)).toBe(parse("sin(g4)"));
    expect(diff("sin(g4)", "g4", 10 ** 9 + 1)).toBe(parse("cos(g4)"));
    expect(diff("sin(g4)*cos(h4)", ["g4", "h4"], 7)).toBe(parse("-cos(g4)*sin(h4)"));
  });

  it("stops at zero: every derivative of a polynomial past its degree", () => {
    expect(format(diff("g5^3 + 2*g5", "g5", 10 ** 9))).toBe("0");
    expect(format(diff("g5^3 + 2*g5", "g5", 3))).toBe("6");
  });

  it("computes the orders below the limit in full", () => {
    // d^n/dx^n log x = (-1)^(n-1)·(n-1)!/x^n
    const d = diff("log(g6)", "g6", 20);
    let factorial = 1;
    for (let k = 1; k < 20; k++) factorial *= k;
    expect(evaluate(d, { g6: 2 })).toBeCloseTo(-factorial / 2 ** 20, 6);
  });
});

describe("input length", () => {
  it("refuses a 1 MB input at once, naming the limit", () => {
    const text = "x+".repeat(2 ** 19);
    const e = thrown(() => parse(text));
    expect(e).toBeInstanceOf(ParseError);
    expect(e.message).toBe(`input too long: 1,048,576 characters, the limit is ${MAX_INPUT_LENGTH.toLocaleString("en")} at 1:${MAX_INPUT_LENGTH + 1}`);
  });

  it("parses input up to the limit, and a sum of 50,000 terms", () => {
    const terms = 50_000;
    const names = ["a", "b", "c", "d"];
    const text = Array.from({ length: terms }, (_, i) => names[i % 4]).join("+");
    expect(text.length).toBeLessThanOrEqual(MAX_INPUT_LENGTH);
    expect(parse(text)).toBe(parse(`${terms / 4}*(a + b + c + d)`));
  });
});

describe("exact numbers", () => {
  // Expected values from exact rational arithmetic (Python fractions). Generous bounds: these took 45 s, a stack overflow, a BigInt RangeError and a hang before exact numbers were
  // bounded and their arithmetic kept its operands small.
  const within = (ms: number, fn: () => unknown) => {
    const start = performance.now();
    fn();
    expect(performance.now() - start).toBeLessThan(ms);
  };

  it("parses the harmonic sum 1/1 + ... + 1/10000 (a 4,300-digit denominator) in well under its former 45 s", () => {
    const text = Array.from({ length: 10_000 }, (_, i) => `1/${i + 1}`).join(" + ");
    within(10_000, () => expect(evaluate(parse(text))).toBe(9.787606036044382));
  });

  it("refuses a longer harmonic sum whose denominator passes the bound, with a LimitError's message", () => {
    const text = Array.from({ length: 16_000 }, (_, i) => `1/${i + 1}`).join(" + ");
    expect(thrown(() => parse(text)).message).toMatch(/^exact number too large: more than 4,933 digits \(the limit\)/);
  });

  it("throws nothing but SymdiffErrors on short inputs with huge exact numbers", () => {
    const inputs = ["2^0.0000000001", "2^(4099/2)", "3*x^1.9999999999", "(1/3)^(10^20)", "2^(10^4000)", "7^(10^4000/3)",
      "(10^4000)^(1/7)", "(10^4000 + 1)^(1/2)", "0.1^5000", "(x + 10^1000)^5", "x^(10^4000)", "2^(1/2^40)*x"];
    for (const text of inputs) {
      for (const op of [() => parse(text), () => simplify(text), () => diff(text, "x"), () => evaluate(text, { x: 1.5 })]) {
        try {
          within(2_000, op);
        } catch (error) {
          expect(error, text).toBeInstanceOf(SymdiffError);
        }
      }
    }
  });

  it("simplifies a quotient of products of 5-term polynomials with 20-digit coefficients without hanging", () => {
    let state = 7;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const coefficient = () => Array.from({ length: 20 }, (_, i) => String(i === 0 ? 1 + Math.floor(next() * 9) : Math.floor(next() * 10))).join("");
    const poly = () => Array.from({ length: 5 }, () => `${coefficient()}*x^${Math.floor(next() * 4)}*y^${Math.floor(next() * 4)}`).join(" + ");
    within(10_000, () => simplify(`((${poly()})*(${poly()}))/((${poly()})*(${poly()}))`));
  });
});
