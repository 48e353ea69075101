/** Interning: structurally equal expressions are one object, and shared subexpressions stay shared. */
import { describe, expect, it } from "vitest";
import { build, diff, format, nodeCount, parse, simplify } from "../../src/index.js";
import * as canonical from "../../src/ast/build.js";
import { currentGeneration, distinctNodes, equals, fileNode, findNode, GENERATION_BYTES, internTableSize, makeSym, startGeneration } from "../../src/ast/expr.js";

describe("interning", () => {
  it("gives the same object for the same expression built twice", () => {
    const { add, mul, pow, sym, num, call } = build;
    const once = add(mul(num(3), pow(sym("x"), num(2))), call("sin", [sym("y")]));
    const twice = add(call("sin", [sym("y")]), mul(pow(sym("x"), num(2)), num(3)));
    expect(twice).toBe(once);
    expect(parse("3*x^2 + sin(y)")).toBeExpr(once);
    expect(parse("sin(y)+x*x*3")).toBeExpr(once);
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
    const { add, num, sym } = canonical; // within one operation: no new generation starts in between
    const x = sym("x");
    const sums = Array.from({ length: 100_000 }, (_, i) => add(x, num(i + 1)));
    expect(new Set(sums).size).toBe(sums.length);
    expect(sums.every((s, i) => s.kind === "add" && s.terms[1]!.kind === "num" && s.terms[1].value.num === BigInt(i + 1))).toBe(true);
    expect(add(num(77), x)).toBe(sums[76]);
  });

  it("gives different objects for different expressions", () => {
    expect(parse("x^2")).not.toBeExpr(parse("2^x"));
    expect(parse("x - y")).not.toBeExpr(parse("y - x"));
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
    expect(parse(format(d))).toBeExpr(d);
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

  it("keeps the table within a generation's bytes however many expressions a synchronous loop makes", () => {
    const { add, num, sym } = build;
    const x = sym("x");
    // 600,000 nodes (300,000 numbers and their sums with x), each dropped at once, in one synchronous loop: weak
    // references could never let these go before the loop ends, generations do.
    const first = currentGeneration();
    let largest = 0;
    for (let i = 0; i < 300_000; i++) {
      add(x, num(1_000_000 + i));
      if (i % 1000 === 0) largest = Math.max(largest, internTableSize());
    }
    expect(currentGeneration()).toBeGreaterThan(first);
    expect(largest).toBeLessThan(GENERATION_BYTES / 100); // nodes take over 100 bytes each: one generation's worth
  });

  it("adopts expressions kept from older generations, so they combine with new ones as new ones do", () => {
    const kept = parse("2*x + sin(y)^2");
    startGeneration();
    const fresh = parse("2*x + sin(y)^2");
    expect(fresh).not.toBe(kept); // a new generation: the old node is not in the table any more
    expect(equals(fresh, kept)).toBe(true);
    // Like terms from the two generations are collected, equal factors combined: the constructors adopt old nodes.
    expect(build.sub(fresh, kept)).toBe(build.ZERO);
    expect(build.div(kept, fresh)).toBe(build.ONE);
    expect(format(simplify(build.add(kept, fresh)))).toBe("4*x + 2*sin(y)^2");
    expect(diff(kept, "x")).toBeExpr(parse("2"));
    expect(equals(parse("x + 1"), kept)).toBe(false);
  });

  it("keeps permanent nodes (constants, small integers, templates) the same object in every generation", () => {
    const before = [build.ZERO, build.ONE, build.PI, build.num(7), parse("pi")];
    startGeneration();
    const after = [build.ZERO, build.ONE, build.PI, build.num(7), parse("pi")];
    after.forEach((e, i) => expect(e).toBe(before[i]));
    expect(diff("sin(x)", "x")).toBe(parse("cos(x)"));
  });
});
