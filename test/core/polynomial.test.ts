/**
 * Multivariate polynomials (src/simplify/polynomial.ts): products divide exactly by their factors, and the gcd is a
 * common divisor that every common factor divides — checked by exact division, not by comparing with the algorithm.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { format, parse } from "../../src/index.js";
import { expand } from "../../src/simplify/expand.js";
import { divide, gcd, isConstant, isZero, mul, type Poly, Ring } from "../../src/simplify/polynomial.js";

/** Random sums of small monomials in x, y, z and sin(x) (a function call is a generator like any variable). */
const polynomialText = fc
  .array(
    fc.tuple(fc.constantFrom(-3, -2, -1, 1, 2, 5), fc.constantFrom("1", "x", "y", "z", "x^2", "x*y", "y^2", "x*z", "sin(x)")),
    { minLength: 1, maxLength: 4 },
  )
  .map((terms) => terms.map(([c, m]) => `(${c})*${m}`).join(" + "));

function read(ring: Ring, text: string): Poly {
  const p = ring.read(expand(parse(text)));
  if (p === undefined) throw new Error(`not a polynomial: ${text}`);
  return p;
}

describe("polynomials in several variables", () => {
  it("read and write back the expanded expression", () => {
    const ring = new Ring(40);
    for (const text of ["(x - y)*(x + y)", "(x + 1)^3*y", "sin(x)^2 - 2*sin(x)*cos(x) + 3", "x^2/2 - 7/3"]) {
      expect(ring.write(read(ring, text))).toBe(expand(parse(text)));
    }
  });

  it("divide exactly, and only exactly", () => {
    const ring = new Ring(40);
    const q = divide(read(ring, "x^3 - y^3"), read(ring, "x - y"));
    expect(q && format(ring.write(q))).toBe("x^2 + x*y + y^2");
    expect(divide(read(ring, "x^2 + y^2"), read(ring, "x + y"))).toBeUndefined();
    expect(divide(read(ring, "x*y + 1"), read(ring, "y"))).toBeUndefined();
  });

  it("find the greatest common divisor", () => {
    const ring = new Ring(40);
    const g = gcd(read(ring, "x^2*y - y^3"), read(ring, "x^2 + 2*x*y + y^2"));
    // x^2*y - y^3 = y*(x - y)*(x + y): the common factor is x + y, up to a constant.
    const ratio = divide(g, read(ring, "x + y"));
    expect(ratio !== undefined && isConstant(ratio) && !ratio.isZero).toBe(true);
    expect(isConstant(gcd(read(ring, "x^2 + y^2"), read(ring, "x + y")))).toBe(true);
  });

  it("gcd(a*c, b*c) divides both and is divided by c, for random a, b, c", () => {
    fc.assert(
      fc.property(polynomialText, polynomialText, polynomialText, (a, b, c) => {
        const ring = new Ring(40);
        const [pa, pb, pc] = [read(ring, a), read(ring, b), read(ring, c)];
        fc.pre(!isZero(pa) && !isZero(pb) && !isZero(pc));
        const [ac, bc] = [mul(pa, pc), mul(pb, pc)];
        const g = gcd(ac, bc);
        const show = `gcd((${a})*(${c}), (${b})*(${c})) = ${format(ring.write(g))}`;
        expect(divide(ac, g), show).toBeDefined();
        expect(divide(bc, g), show).toBeDefined();
        expect(divide(g, pc), show).toBeDefined();
      }),
      { numRuns: 400, seed: 11 },
    );
  });
});
