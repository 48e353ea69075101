/** Interning: structurally equal expressions are one object, and shared subexpressions stay shared. */
import { describe, expect, it } from "vitest";
import { build, diff, format, nodeCount, parse } from "../../src/index.js";
import { distinctNodes, fileNode, findNode, internTableSize, makeSym } from "../../src/ast/expr.js";

describe("interning", () => {
  it("gives the same object for the same expression built twice", () => {
    const { add, mul, pow, sym, num, call } = build;
    const once = add(mul(num(3), pow(sym("x"), num(2))), call("sin", [sym("y")]));
    const twice = add(call("sin", [sym("y")]), mul(pow(sym("x"), num(2)), num(3)));
    expect(twice).toBe(once);
    expect(parse("3*x^2 + sin(y)")).toBe(once);
    expect(parse("sin(y)+x*x*3")).toBe(once);
  });

  it("tells apart different nodes that file under the same hash", () => {
    // Hashes are 32-bit, so different shapes do collide now and then; the table must compare shapes, not hashes.
    const named = (name: string) => findNode(12345, "sym", name) ?? fileNode(12345, makeSym(name));
    const a = named("collision_a");
    const b = named("collision_b");
    const c = named("collision_c");
    expect(new Set([a, b, c]).size).toBe(3);
    expect([named("collision_a"), named("collision_b"), named("collision_c")]).toEqual([a, b, c]);
    expect(named("collision_b")).toBe(b);
  });

  it("keeps a hundred thousand distinct sums distinct (with 32-bit hashes, collisions are likely among so many)", () => {
    const { add, num, sym } = build;
    const x = sym("x");
    const sums = Array.from({ length: 100_000 }, (_, i) => add(x, num(i + 1)));
    expect(new Set(sums).size).toBe(sums.length);
    expect(sums.every((s, i) => s.kind === "add" && s.terms[1]!.kind === "num" && s.terms[1].value.num === BigInt(i + 1))).toBe(true);
    expect(add(num(77), x)).toBe(sums[76]);
  });

  it("gives different objects for different expressions", () => {
    expect(parse("x^2")).not.toBe(parse("2^x"));
    expect(parse("x - y")).not.toBe(parse("y - x"));
  });

  it.each([
    "x^2*y+sin(y)",
    "sin(3*x^2+x)",
    "(4*x^2+x)*(x^3+8*x^2)",
    "x^x",
    "-(y*log(1/(1+exp(-(w*x+b))))+(1-y)*log(1-1/(1+exp(-(w*x+b)))))",
    "atan(x/y)*exp(-x^2-y^2)",
    "sqrt(1+sin(x)^2)/log(x)",
  ])("reads the printed derivative of %s back to the very same object", (text) => {
    const d = diff(text, text.includes("w") ? "w" : "x");
    expect(parse(format(d))).toBe(d);
  });

  it("keeps repeated subexpressions shared: d/dx sin(sin(...sin(x))) is quadratic as a tree, linear in memory", () => {
    const depth = 30;
    const d = diff("sin(".repeat(depth) + "q" + ")".repeat(depth), "q");
    // The derivative is the product of cos(sin^k(q)) for k = 0..depth-1; cos(sin^k(q)) has k + 2 tree nodes.
    let tree = 1;
    for (let k = 0; k < depth; k++) tree += k + 2;
    expect(nodeCount(d)).toBe(tree);
    // In memory: q and sin^k(q) (depth nodes), the depth cosines, and the product.
    expect(distinctNodes(d)).toBe(2 * depth + 1);
  });

  it("lets expressions nobody holds be collected: the table does not grow with every expression ever made", async () => {
    const { add, num, sym } = build;
    const gc = (globalThis as { gc?: () => void }).gc;
    expect(gc, "vitest.config.ts runs the tests with --expose-gc").toBeTypeOf("function");
    const x = sym("x");
    const before = internTableSize();
    // 600,000 nodes (300,000 numbers and their sums with x), each dropped at once, made in separate turns of the
    // event loop as a long-running program's calls are: within one turn the language keeps every weakly held object
    // alive. A collection between turns, as the engine would run one anyway, makes the dead ones observable.
    for (let turn = 0; turn < 30; turn++) {
      await new Promise((resolve) => setImmediate(resolve));
      gc!();
      for (let i = 0; i < 10_000; i++) add(x, num(1_000_000 + turn * 10_000 + i));
    }
    expect(internTableSize() - before).toBeLessThan(100_000);
  });
});
