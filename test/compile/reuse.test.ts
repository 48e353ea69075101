/** The trainer's speed rewrite: 1/cosh(u)^2 as 1 - tanh(u)^2 where tanh(u) is computed anyway. */
import { describe, expect, it } from "vitest";
import { diff, evaluate, format, parse } from "../../src/index.js";
import { reusingTanh } from "../../src/compile/reuse.js";

describe("reusingTanh", () => {
  it("writes 1/cosh(u)^2 through tanh(u) where tanh(u) is in the set, keeping every value", () => {
    const activation = parse("tanh(w*x + b)");
    const dw = diff("v*tanh(w*x + b)", "w");
    expect(format(dw)).toBe("v*x/cosh(b + w*x)^2");
    const [rewritten, same] = reusingTanh([dw, activation]);
    expect(format(rewritten!)).toBe("v*x*(1 - tanh(b + w*x)^2)");
    expect(same).toBe(activation);
    for (const at of [{ w: 0.3, x: -1.2, b: 0.5, v: 2 }, { w: -2, x: 3, b: 1, v: -0.7 }]) {
      expect(evaluate(rewritten!, at)).toBeCloseTo(evaluate(dw, at), 12);
    }
  });

  it("leaves 1/cosh(u)^2 alone when nothing computes tanh(u)", () => {
    const d = diff("tanh(x)", "x");
    expect(reusingTanh([d])).toEqual([d]);
    const other = [diff("tanh(2*x)", "x"), parse("tanh(x)")];
    expect(reusingTanh(other)).toEqual(other);
  });
});
