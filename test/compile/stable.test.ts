import { describe, expect, it } from "vitest";
import { compile, evaluate, parse, stabilize } from "../../src/index.js";

const BCE = parse("-(y*log(sigmoid(z)) + (1 - y)*log(1 - sigmoid(z)))");

describe("stabilize", () => {
  it("rewrites log(sigmoid(u)) to u - softplus(u) and log(1 - sigmoid(u)) to -softplus(u)", () => {
    expect(stabilize(parse("log(sigmoid(a*x + b))"))).toBeExpr(parse("a*x + b - softplus(a*x + b)"));
    expect(stabilize(parse("log(1 - sigmoid(a*x + b))"))).toBeExpr(parse("-softplus(a*x + b)"));
    expect(stabilize(BCE)).toBeExpr(parse("(1 - y)*softplus(z) - y*(z - softplus(z))"));
  });

  it("leaves other logarithms alone", () => {
    for (const text of ["log(2 - sigmoid(x))", "log(2*sigmoid(x))", "log(1 + sigmoid(x))", "log(x)", "sigmoid(log(x))"]) {
      expect(stabilize(parse(text))).toBeExpr(parse(text));
    }
  });

  it("keeps the cross-entropy finite and accurate where the textbook form overflows", () => {
    const textbook = compile(BCE, ["z", "y"]);
    const stable = compile(stabilize(BCE), ["z", "y"]);
    expect(textbook(800, 0)).toBe(Infinity);
    // For large |z| the loss of the wrong class is |z| + log(1 + e^-|z|) ≈ |z|, and of the right class e^-|z|,
    // computed to within an ulp of |z| (as softplus(z) - y*z is in PyTorch and TensorFlow).
    expect(stable(800, 0)).toBe(800);
    expect(stable(-800, 1)).toBe(800);
    expect(stable(-800, 0)).toBe(0);
    expect(Math.abs(stable(40, 1) - Math.exp(-40))).toBeLessThanOrEqual(40 * Number.EPSILON);
    expect(stable(-40, 0)).toBeCloseTo(Math.exp(-40), 30);
  });

  it("agrees with the textbook form for moderate z, where that form is still accurate", () => {
    for (const z of [-3, -0.1, 0, 0.7, 2.5]) {
      for (const y of [0, 1, 0.25]) {
        const expected = evaluate(BCE, { z, y });
        expect(Math.abs(evaluate(stabilize(BCE), { z, y }) - expected)).toBeLessThanOrEqual(1e-15 * Math.max(1, expected));
      }
    }
  });
});
