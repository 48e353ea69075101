/** Runaway work ends in a clear LimitError; very high orders finish when the derivatives repeat. */
import { describe, expect, it } from "vitest";
import { thrown } from "../support/errors.js";
import { diff, evaluate, format, gradient, LimitError, MAX_INPUT_LENGTH, nodeCount, parse, ParseError, simplify, steps, substitute, SymdiffError, type UserFunction } from "../../src/index.js";
import { ONE } from "../../src/ast/build.js";
import { distinctNodes, nodesCreated, withNodeLimit } from "../../src/ast/expr.js";
import { derivativeComputations, MAX_DISTINCT_ORDERS, MAX_ORDER_NODES } from "../../src/diff.js";
import { MAX_PRINTED_NODES } from "../../src/homework/steps.js";
import { AMPLE_WORK, MAX_WORK, withWork, workSpent } from "../../src/ast/work.js";

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
    expect(diff("sin(g4)", "g4", 10 ** 9)).toBeExpr(parse("sin(g4)"));
    expect(diff("sin(g4)", "g4", 10 ** 9 + 1)).toBeExpr(parse("cos(g4)"));
    expect(diff("sin(g4)*cos(h4)", ["g4", "h4"], 7)).toBeExpr(parse("-cos(g4)*sin(h4)"));
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
    expect(parse(text)).toBeExpr(parse(`${terms / 4}*(a + b + c + d)`));
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

describe("the order budget holds at every order", () => {
  it("stops tan(x) to order 999 with a LimitError naming the budget, after fewer orders than asked", () => {
    const e = thrown(() => diff("tan(g7)", "g7", 999));
    expect(e).toBeInstanceOf(LimitError);
    const made = Number(/the first (\d+) derivatives hold more than 10,000 nodes together \(the limit\)/.exec(e.message)?.[1]);
    expect(made).toBeGreaterThan(50);
    expect(made).toBeLessThan(999);
    expect(MAX_ORDER_NODES).toBe(10_000);
  });

  it("computes orders within the budget: the 30th derivative of tan", () => {
    // d/dx P(tan x) = P'(tan x)·(1 + tan² x): the polynomials P_n with P_0(t) = t, computed on coefficient arrays.
    let p = [0, 1];
    for (let n = 0; n < 30; n++) {
      const dp = p.slice(1).map((c, i) => c * (i + 1));
      const next = new Array<number>(dp.length + 2).fill(0);
      dp.forEach((c, i) => {
        next[i]! += c;
        next[i + 2]! += c;
      });
      p = next;
    }
    const t = Math.tan(0.3);
    const expected = p.reduce((sum, c, i) => sum + c * t ** i, 0);
    expect(evaluate(diff("tan(g8)", "g8", 30), { g8: 0.3 }) / expected).toBeCloseTo(1, 9);
  });

  it.each([
    ["atan(g9)", 999],
    ["x_g9^x_g9", 999],
    ["exp(g9^2)*sin(g9)", 500],
  ])("ends %s to order %i with the order budget's LimitError", (f, order) => {
    const e = thrown(() => diff(f, f.startsWith("x_") ? "x_g9" : "g9", order));
    expect(e).toBeInstanceOf(LimitError);
    expect(e.message).toMatch(/derivatives hold more than 10,000 nodes together/);
  });

  it("still reaches order 999 when the derivatives stay small", () => {
    // d^999/dx^999 x^1000 = 1000!·x
    let factorial = 1n;
    for (let k = 2n; k <= 1000n; k++) factorial *= k;
    expect(format(diff("g10^1000", "g10", 999))).toBe(`${factorial}*g10`);
  });
});

describe("wide and deep derivatives stay cheap", () => {
  it("differentiates a 4,000-variable sum by each variable with linear work", () => {
    const names = Array.from({ length: 4000 }, (_, i) => `w${i}`);
    const sum = parse(names.join(" + "));
    const before = derivativeComputations();
    const g = gradient(sum, names);
    expect(g.every((d) => d === ONE)).toBe(true);
    // One derivative of the sum and one of the variable per partial; the terms free of it are not visited.
    expect(derivativeComputations() - before).toBeLessThanOrEqual(2 * names.length);
  });

  it("differentiates sin(x + sin(x + ...)) 1,000 deep: value against a central difference, work bounded", () => {
    const depth = 1000;
    const f = (x: number) => {
      let u = x;
      for (let k = 0; k < depth; k++) u = Math.sin(x + u);
      return u;
    };
    let text = "g11";
    for (let k = 0; k < depth; k++) text = `sin(g11 + ${text})`;
    const e = parse(text);
    const before = nodesCreated();
    const d = diff(e, "g11");
    // The derivative shares its subexpressions: its distinct nodes grow linearly with the depth.
    expect(nodesCreated() - before).toBeLessThan(400 * depth);
    expect(distinctNodes(d)).toBeLessThan(20 * depth);
    const x = 0.4;
    const h = 1e-6;
    expect(evaluate(d, { g11: x })).toBeCloseTo((f(x + h) - f(x - h)) / (2 * h), 6);
  }, 60_000);
});

describe("steps", () => {
  const composed = (depth: number) => {
    const body = parse("x^2 + x");
    const g: UserFunction = { params: ["x"], apply: ([u]) => substitute(body, new Map([["x", u!]])) };
    return parse(`${"g(".repeat(depth)}x${")".repeat(depth)}`, { functions: new Map([["g", g]]) });
  };

  it("refuses a derivation that would print more than MAX_PRINTED_NODES nodes, before printing it", () => {
    const e = composed(30); // under 100 distinct subexpressions, 2^30 nodes as a tree
    const error = thrown(() => steps(e, "x"));
    expect(error).toBeInstanceOf(LimitError);
    expect(error.message).toBe("derivation too long to print (more than 1,000,000 nodes of formulas); use diff for the result");
    expect(MAX_PRINTED_NODES).toBe(1_000_000);
  });

  it("differentiates the 30-deep composition itself, sharing its subexpressions", () => {
    const e = composed(30);
    const before = nodesCreated();
    const d = diff(e, "x");
    // Expanding products of two long polynomials is not tried (it made 250,000 products per level and took seconds).
    expect(nodesCreated() - before).toBeLessThan(100_000);
    // Chain rule: Π (2·g^k(x) + 1) over k < 30, g^k by iteration.
    let [u, expected] = [0.01, 1];
    for (let k = 0; k < 30; k++) [u, expected] = [u * u + u, expected * (2 * u + 1)];
    expect(evaluate(d, { x: 0.01 }) / expected).toBeCloseTo(1, 10);
  });

  it("derives short compositions, ending in diff's result", () => {
    const e = composed(3);
    const derivation = steps(e, "x");
    expect(derivation.at(-1)!.result).toBeExpr(diff(e, "x"));
    // g(g(g(x))) with g(x) = x² + x: the chain rule gives Π (2·g^k(x) + 1) over k = 0, 1, 2.
    const x = 0.7;
    const g1 = x * x + x;
    const g2 = g1 * g1 + g1;
    expect(evaluate(derivation.at(-1)!.result, { x })).toBeCloseTo((2 * x + 1) * (2 * g1 + 1) * (2 * g2 + 1), 10);
  });
});

/** Taylor coefficients at x0 of tan(tan(...tan(x))) (`levels` tans), from t' = (1 + t²)·u' on truncated series. */
function nestedTanSeries(levels: number, x0: number, terms: number): number[] {
  let u = Array.from({ length: terms }, (_, k) => (k === 0 ? x0 : k === 1 ? 1 : 0));
  for (let level = 0; level < levels; level++) {
    const t = new Array<number>(terms).fill(0);
    const w = new Array<number>(terms).fill(0); // 1 + t², known up to the coefficient being computed
    t[0] = Math.tan(u[0]!);
    for (let m = 0; m + 1 < terms; m++) {
      w[m] = (m === 0 ? 1 : 0) + t.slice(0, m + 1).reduce((sum, c, i) => sum + c * t[m - i]!, 0);
      // (m + 1)·t[m+1] = Σ_{i ≤ m} w[i]·(m - i + 1)·u[m - i + 1]
      let s = 0;
      for (let i = 0; i <= m; i++) s += w[i]! * (m - i + 1) * u[m - i + 1]!;
      t[m + 1] = s / (m + 1);
    }
    u = t;
  }
  return u;
}

/** The n-th derivative at x0 from Taylor coefficients. */
function nthDerivative(series: readonly number[], n: number): number {
  let factorial = 1;
  for (let k = 2; k <= n; k++) factorial *= k;
  return series[n]! * factorial;
}

describe("the work budget of one operation", () => {
  const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

  it("past its ample work, diff returns a correct but less simplified derivative, and later calls are not affected", () => {
    const x0 = 0.3;
    const expected = nthDerivative(nestedTanSeries(2, x0, 5), 4);
    // Short of work from the start: no candidate forms are searched, every node is only rebuilt.
    const rough = withWork("derivative", () => diff("tan(tan(b1))", "b1", 4), { ample: 0, max: Infinity });
    expect(relative(evaluate(rough, { b1: x0 }), expected)).toBeLessThan(1e-9);
    // The same derivative with the full budget: what a fresh variable gets (no memo shared with the rough call).
    const full = diff("tan(tan(b1))", "b1", 4);
    const fresh = diff("tan(tan(c1))", "c1", 4);
    expect(format(full)).toBe(format(fresh).replaceAll("c1", "b1"));
    expect(relative(evaluate(full, { b1: x0 }), expected)).toBeLessThan(1e-9);
    expect(nodeCount(rough)).toBeGreaterThan(nodeCount(full));
    // Nor is simplify given a rough form for a node the rough call met.
    expect(simplify(rough)).toBeExpr(simplify(parse(format(rough))));
  });

  it("past its limit, diff throws a LimitError naming the limit, and the memo tables stay consistent", () => {
    const e = thrown(() => withWork("derivative", () => diff("tan(tan(tan(b2)))", "b2", 5), { ample: 1_000, max: 20_000 }));
    expect(e).toBeInstanceOf(LimitError);
    expect(e.message).toBe("derivative too costly: more than 20,000 units of work (the limit)");
    const expected = nthDerivative(nestedTanSeries(3, 0.2, 6), 5);
    expect(relative(evaluate(diff("tan(tan(tan(b2)))", "b2", 5), { b2: 0.2 }), expected)).toBeLessThan(1e-9);
  });

  it("charges every operation from zero, and nested ones to the outermost", () => {
    const spent = withWork("derivative", () => {
      diff("sin(b3)^5*cos(b3)^3", "b3", 2);
      return workSpent();
    });
    expect(spent).toBeGreaterThan(0);
    expect(spent).toBeLessThan(AMPLE_WORK);
    expect(workSpent()).toBe(0); // outside every operation
  });

  it("bounds the 11th derivative of tan(tan(tan(x))) (770,000 term products in one simplify): a correct result", () => {
    // Before the budget: about 6 s in one simplification.
    const x0 = 0.1;
    const expected = nthDerivative(nestedTanSeries(3, x0, 12), 11);
    let d;
    try {
      d = diff("tan(tan(tan(b4)))", "b4", 11);
    } catch (error) {
      expect((error as Error).message).toMatch(/^derivative too costly: more than [\d,]+ units of work \(the limit\)$/);
      return;
    }
    expect(relative(evaluate(d, { b4: x0 }), expected)).toBeLessThan(1e-7);
  }, 30_000);

  it("bounds power towers: the second derivative of x^x^...^x (61 x's) against a central difference", () => {
    // Before the budget: 8.6 s, a derivative of 475,000 nodes as a tree.
    const tower = (x: number) => {
      let u = x;
      for (let k = 1; k < 61; k++) u = x ** u;
      return u;
    };
    const d = diff(Array.from({ length: 61 }, () => "b5").join("^"), "b5", 2);
    const [x, h] = [1.2, 1e-4];
    const second = (tower(x + h) - 2 * tower(x) + tower(x - h)) / (h * h);
    expect(relative(evaluate(d, { b5: x }), second)).toBeLessThan(1e-5);
  }, 30_000);

  it("keeps its documented figures", () => {
    expect(AMPLE_WORK).toBe(6_000_000);
    expect(MAX_WORK).toBe(7_500_000);
  });
});
