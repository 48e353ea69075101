/** The hessian of a long product: work bounded through the engine's node counter (never through timing). */
import { describe, expect, it } from "vitest";
import { evaluate, hessian } from "../../src/index.js";
import { nodesCreated } from "../../src/ast/expr.js";

describe("hessian of exp(h1*h2*...*h60)", () => {
  it("makes its 1,830 entries without expanding them", () => {
    const vars = Array.from({ length: 60 }, (_, i) => `h${i + 1}`);
    const before = nodesCreated();
    const h = hessian(`exp(${vars.join("*")})`, vars);
    // Each mixed partial is exp(P)*P/(hi*hj)*(P + 1): multiplying it out (never smaller, see simplify/bound.ts) made
    // 9,218 nodes in all, as large as the entries themselves.
    expect(nodesCreated() - before).toBeLessThan(5_000);
    const ones = Object.fromEntries(vars.map((v) => [v, 1]));
    expect(evaluate(h[0]![1]!, ones)).toBeCloseTo(2 * Math.E, 12);
    expect(evaluate(h[7]![7]!, ones)).toBeCloseTo(Math.E, 12);
  });
});
