/**
 * Large programs compiled in chunks (src/compile/chunks.ts). A tiny injected budget forces chunking on small random
 * sets, which must then agree to the bit with evaluate and with the single function compiled as before; chains of
 * two or three operands force partial sums and products, and the reuse of a chain's prefix.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { build, type Expr, evaluate, gradient, logisticRegression, stabilize } from "../../src/index.js";
import { type Chunking, CHUNKING } from "../../src/compile/chunks.js";
import { compile, compileAll, compileSum, gradientFunction } from "../../src/compile/compile.js";
import { compilable, compiledCoordinate, COMPILED_VARIABLES as VARS, sameNumber } from "../support/arbitraries.js";

const { add, mul, num, sym, call, pow } = build;

const tiny: fc.Arbitrary<Chunking> = fc.record({
  budget: fc.integer({ min: 1, max: 400 }),
  chainLength: fc.integer({ min: 2, max: 4 }),
  rowBlock: fc.integer({ min: 1, max: 3 }),
});
const SINGLE: Chunking = { budget: Infinity, chainLength: 2, rowBlock: 1 };

/** Sets whose sums and products share operands and prefixes: each member adds (or multiplies) a few of a pool's terms. */
const chains: fc.Arbitrary<Expr[]> = fc
  .tuple(
    fc.array(compilable, { minLength: 2, maxLength: 8 }),
    fc.array(fc.tuple(fc.boolean(), fc.array(fc.nat(), { minLength: 2, maxLength: 8 })), { minLength: 1, maxLength: 4 }),
  )
  .map(([pool, picks]) => picks.map(([sum, indices]) => (sum ? add : mul)(...indices.map((i) => pool[i % pool.length]!))));

const sets = fc.oneof(fc.array(compilable, { minLength: 1, maxLength: 4 }), chains);
const point = fc.tuple(compiledCoordinate, compiledCoordinate, compiledCoordinate);

function isChunked(source: string): boolean {
  return /^function c0\(/m.test(source);
}

describe("chunked compiled code", () => {
  it("compileAll agrees with evaluate and with the single function, to the bit", () => {
    fc.assert(
      fc.property(sets, point, tiny, (es, [x, y, z], chunking) => {
        const chunked = compileAll(es, VARS, chunking);
        const values = chunked([x, y, z]);
        const single = compileAll(es, VARS, SINGLE)([x, y, z]);
        es.forEach((e, i) => {
          const expected = evaluate(e, { x, y, z });
          if (!sameNumber(values[i]!, expected) || !sameNumber(single[i]!, expected)) {
            throw new Error(`${String(e)} at ${[x, y, z]}: chunked ${values[i]}, single ${single[i]}, evaluate ${expected}`);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it("compile and gradientFunction agree with evaluate, to the bit", () => {
    fc.assert(
      fc.property(compilable, point, tiny, (e, [x, y, z], chunking) => {
        expect(sameNumber(compile(e, VARS, chunking)(x, y, z), evaluate(e, { x, y, z }))).toBe(true);
        const g = gradientFunction(e, ["x", "y"], VARS, chunking)([x, y, z]);
        const expected = [e, ...gradient(e, ["x", "y"])].map((d) => evaluate(d, { x, y, z }));
        expected.forEach((v, i) => expect(sameNumber(g[i]!, v)).toBe(true));
      }),
      { numRuns: 150 },
    );
  });

  it("compileSum sums each expression over the rows exactly as a loop over evaluate does", () => {
    const row = fc.tuple(compiledCoordinate, compiledCoordinate);
    fc.assert(
      fc.property(sets, compiledCoordinate, fc.array(row, { maxLength: 5 }), tiny, (es, x, rows, chunking) => {
        const sums = compileSum(es, ["x"], ["y", "z"], chunking)([x], rows.flat());
        const single = compileSum(es, ["x"], ["y", "z"], SINGLE)([x], rows.flat());
        es.forEach((e, k) => {
          let expected = 0;
          for (const [y, z] of rows) expected += evaluate(e, { x, y, z });
          expect(sameNumber(sums[k]!, expected)).toBe(true);
          expect(sameNumber(single[k]!, expected)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it("is what a tiny budget produces, and computes results that are parameters or literals", () => {
    const es = [sym("x"), num(3), call("sin", [mul(sym("x"), sym("y"))])];
    const all = compileAll(es, ["x", "y"], { budget: 1, chainLength: 2, rowBlock: 2 });
    expect(isChunked(all.source)).toBe(true);
    expect([...all([2, 0.25])]).toEqual([2, 3, Math.sin(0.5)]);
    const sum = compileSum(es, ["x"], ["y"], { budget: 1, chainLength: 2, rowBlock: 2 });
    expect(isChunked(sum.source)).toBe(true);
    expect([...sum([2], [0.25, 0.5, 1])]).toEqual([6, 9, Math.sin(0.5) + Math.sin(1) + Math.sin(2)]); // two blocks of rows
    expect([...sum([2], [])]).toEqual([0, 0, 0]);
  });

  it("reads every argument before it writes a result, so the output may be the argument array", () => {
    const es = [mul(sym("x"), sym("y")), add(sym("x"), sym("y")), pow(sym("y"), num(2))];
    const args = new Float64Array([3, 4, 0]);
    expect([...compileAll(es, ["x", "y", "z"], { budget: 1, chainLength: 2, rowBlock: 2 })(args, args)]).toEqual([12, 7, 16]);
  });
});

describe("chunking a large program", () => {
  const d = 60;
  const model = logisticRegression(d);
  const exprs = [model.loss, ...gradient(model.loss, model.parameters)].map((e) => stabilize(e));
  const rowVariables = [...model.features, ...model.labels];
  // Three rows of features in [-2, 2] with labels 0, 1, 1, and weights of either sign.
  const rows = Array.from({ length: 3 }, (_, i) => [...Array.from({ length: d }, (_, j) => Math.sin(7 * i + j) * 2), i === 0 ? 0 : 1]);
  const params = model.parameters.map((_, k) => Math.cos(k) / 4);

  it("splits logistic regression's loss and gradient at 60 features into chunks within the budget", () => {
    const { source } = compileSum(exprs, model.parameters, rowVariables);
    const chunks = source.split(/^(?=function )/m).filter((f) => f.startsWith("function c"));
    expect(chunks.length).toBeGreaterThan(1);
    // The budget counts statements and the loads they add; a chunk passes it by at most its last statement.
    for (const chunk of chunks) expect(chunk.length).toBeLessThan(8000 * 1.1);
  });

  it("sums them over the rows to the bit as evaluate does, in one block of rows or several", () => {
    const expected = exprs.map((e) => {
      let sum = 0;
      for (const row of rows) {
        const values = new Map([...model.parameters.map((p, i) => [p, params[i]!] as const), ...rowVariables.map((v, j) => [v, row[j]!] as const)]);
        sum += evaluate(e, values);
      }
      return sum;
    });
    for (const chunking of [CHUNKING, { ...CHUNKING, rowBlock: 2 }]) {
      const sums = compileSum(exprs, model.parameters, rowVariables, chunking)(params, rows.flat());
      expected.forEach((v, k) => expect(sameNumber(sums[k]!, v)).toBe(true));
    }
  });

  it("keeps user names out of the source", () => {
    const NAMES = ["constructor", "__proto__", "Math", "return", "π", "x y", "a); globalThis.hacked = 1; (", "S", "c0", "rows", "r", "é"];
    const e = NAMES.map((n, i) => mul(num(i + 1), sym(n))).reduce((s, t) => add(s, call("softplus", [t])));
    const point = NAMES.map((_, i) => 0.1 * (i + 1));
    const expected = evaluate(e, new Map(NAMES.map((n, i) => [n, point[i]!])));
    const chunking = { budget: 40, chainLength: 2, rowBlock: 1 };
    const sources = [compile(e, NAMES, chunking), compileAll([e], NAMES, chunking), compileSum([e], NAMES.slice(0, 5), NAMES.slice(5), chunking)].map((f) => f.source);
    expect(compile(e, NAMES, chunking)(...point)).toBe(expected);
    expect(compileAll([e], NAMES, chunking)(point)[0]).toBe(expected);
    expect(compileSum([e], NAMES.slice(0, 5), NAMES.slice(5), chunking)(point.slice(0, 5), point.slice(5))[0]).toBe(expected);
    expect((globalThis as { hacked?: number }).hacked).toBeUndefined();
    for (const source of sources) {
      expect(isChunked(source)).toBe(true);
      const leftover = source
        .replace(/\bfunction \w+\(/g, "")
        .replace(/\bMath\.[a-z0-9]+\b/g, "")
        .replace(/\b(const|let|for|return|if|undefined|[ptcs]\d+|S|fill|min|[aikrx]|start|end|rows|out|length|check|checked|args)\b/g, "")
        .replace(/\d+(\.\d+)?(e[+-]\d+)?/g, "")
        .replace(/[\s+\-*/%=<>?:;,.!|(){}[\]]/g, "");
      expect(leftover).toBe("");
    }
  });
});

describe("small programs", () => {
  it("compile to the single function they always did", () => {
    // Logistic regression with two features, as compileSum printed it before chunks existed.
    const model = logisticRegression(2);
    const exprs = [model.loss, ...gradient(model.loss, model.parameters)].map((e) => stabilize(e));
    expect(compileSum(exprs, model.parameters, [...model.features, ...model.labels]).source).toBe(
      [
        "function compiled(a, rows, out) {",
        "if (a.length !== 3 || rows.length % 3 !== 0 || out === undefined || out.length < 4) out = check(a, rows, out);",
        "const p0 = +a[0];",
        "const p1 = +a[1];",
        "const p2 = +a[2];",
        "let s0 = 0;",
        "let s1 = 0;",
        "let s2 = 0;",
        "let s3 = 0;",
        "for (let r = 0; r < rows.length; r += 3) {",
        "const p3 = +rows[r + 0];",
        "const p4 = +rows[r + 1];",
        "const p5 = +rows[r + 2];",
        "const t0 = p0 * p3;",
        "const t1 = p1 * p4;",
        "const t2 = p2 + t0 + t1;",
        "const t3 = (Math.max(t2, 0) + Math.log1p(Math.exp(-Math.abs(t2))));",
        "const t4 = (-1) * t3;",
        "const t5 = p2 + t0 + t1 + t4;",
        "const t6 = (-1) * p5 * t5;",
        "const t7 = (-1) * p5;",
        "const t8 = t7 + 1;",
        "const t9 = t8 * t3;",
        "const t10 = t6 + t9;",
        "const t11 = (1 / (1 + Math.exp(-t2)));",
        "const t12 = t7 + t11;",
        "const t13 = p3 * t12;",
        "const t14 = p4 * t12;",
        "s0 += t10;",
        "s1 += t13;",
        "s2 += t14;",
        "s3 += t12;",
        "}",
        "out[0] = s0;",
        "out[1] = s1;",
        "out[2] = s2;",
        "out[3] = s3;",
        "return out;",
        "}",
      ].join("\n"),
    );
  });

  it("stay single functions on random sets", () => {
    fc.assert(
      fc.property(fc.array(compilable, { minLength: 1, maxLength: 4 }), (es) => {
        expect(isChunked(compileAll(es, VARS).source)).toBe(false);
        expect(isChunked(compileSum(es, ["x"], ["y", "z"]).source)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
