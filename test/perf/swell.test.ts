/** No expression swell: repeated derivatives stay as small as a careful person's answer, and stay correct. */
import { describe, expect, it } from "vitest";
import { build, diff, evaluate, type Expr, nodeCount, parse } from "../../src/index.js";
import * as canonical from "../../src/ast/build.js";
import { centralDifference, close } from "../support/numeric.js";

/** (a + bi)(c + di) */
const times = ([a, b]: number[], [c, d]: number[]) => [a! * c! - b! * d!, a! * d! + b! * c!];

describe("repeated derivatives", () => {
  it("keeps every derivative of x*sin(x)*exp(x) up to the 12th within 20 nodes, and exact", () => {
    // x·sin(x)·e^x = Im(x·e^((1+i)x)), so the n-th derivative is Im(((1+i)^n·x + n·(1+i)^(n-1))·e^((1+i)x)).
    const x = 0.6;
    const rotation = [Math.exp(x) * Math.cos(x), Math.exp(x) * Math.sin(x)];
    let power = [1, 0]; // (1+i)^(n-1)
    let d: Expr = parse("x*sin(x)*exp(x)");
    for (let n = 1; n <= 12; n++) {
      d = diff(d, "x");
      const next = times(power, [1, 1]); // (1+i)^n
      const [re, im] = [next[0]! * x + n * power[0]!, next[1]! * x + n * power[1]!];
      const expected = times([re, im], rotation)[1]!;
      expect(nodeCount(d), `order ${n}`).toBeLessThanOrEqual(20);
      expect(close(evaluate(d, { x }), expected, 1e-10), `order ${n}`).toBe(true);
      power = next;
    }
  });

  it("keeps the derivatives of exp(sin(x)) growing at most linearly in size up to the 12th", () => {
    let d: Expr = parse("exp(sin(x))");
    for (let n = 1; n <= 12; n++) {
      const next = diff(d, "x");
      // The n-th derivative is exp(sin x) times a polynomial in sin x and cos x of degree n: O(n) nodes.
      expect(nodeCount(next), `order ${n}`).toBeLessThanOrEqual(10 * n);
      const estimate = centralDifference(d, "x", { x: 0.4 });
      if (estimate !== undefined) expect(close(evaluate(next, { x: 0.4 }), estimate, 1e-5), `order ${n}`).toBe(true);
      d = next;
    }
  });
});

describe("products of linear factors", () => {
  it("multiplies out the derivative of (x+1)(x+2)...(x+12) into a polynomial of 12 terms", () => {
    const k = 12;
    const d = diff(Array.from({ length: k }, (_, i) => `(x+${i + 1})`).join("*"), "x");
    // P = Π(x + i) has degree k and positive coefficients, so P' has exactly k terms (degrees k-1 .. 0).
    expect(d.kind).toBe("add");
    expect(d.kind === "add" && d.terms.length).toBe(k);
    // ...each a monomial c·x^n (at most 5 nodes), not the product rule's k products of k - 1 factors.
    expect(nodeCount(d)).toBeLessThanOrEqual(5 * k + 1);
    // P'(0) = P(0)·Σ 1/i = k!·H_k = 12!·86021/27720.
    expect(evaluate(d, { x: 0 })).toBe(1_486_442_880);
  });

  it("leaves products that would not collect (several variables) factored, and correct", () => {
    const f = parse(Array.from({ length: 12 }, (_, i) => `(x+y+${i + 1})`).join("*"));
    const d = diff(f, "x");
    const at = { x: 0.1, y: -0.2 };
    // P'/P = Σ 1/(x + y + i)
    let logDerivative = 0;
    for (let i = 1; i <= 12; i++) logDerivative += 1 / (at.x + at.y + i);
    expect(close(evaluate(d, at), evaluate(f, at) * logDerivative, 1e-10)).toBe(true);
  });
});

describe("shared parts", () => {
  it("are looked at once when abs asks whether its argument is never negative", () => {
    // e(n+1) = e(n)*(e(n) + 1) + 1: 40 levels, each part shared by two paths (2^40 paths through the tree).
    const { add, call, mul, num, sym, isNonNegative } = canonical;
    let e: Expr = call("exp", [sym("x")]);
    for (let i = 0; i < 40; i++) e = add(mul(e, add(e, num(1))), num(1));
    expect(isNonNegative(e)).toBe(true);
    expect(call("abs", [e])).toBeExpr(e);
    expect(isNonNegative(add(e, num(-2)))).toBe(false); // e - 2 = e(39)*(e(39) + 1) - 1
  });
});
