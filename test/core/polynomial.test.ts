/**
 * Multivariate polynomials (src/simplify/polynomial.ts): products divide exactly by their factors, and the gcd is a
 * common divisor that every common factor divides — checked by exact division, not by comparing with the algorithm.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, format, parse, simplify } from "../../src/index.js";
import { expand } from "../../src/simplify/expand.js";
import { divide, gcd, isConstant, isZero, mul, type Poly, Ring, withBudget } from "../../src/simplify/polynomial.js";

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

/** Products of two 5-term polynomials in x and y with 20-digit coefficients (seeded): their remainder sequences
 * make coefficients of thousands of digits within a few hundred operations. */
function bigProducts(seed: number, count: number): string[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const coefficient = () => Array.from({ length: 20 }, (_, i) => String(i === 0 ? 1 + Math.floor(next() * 9) : Math.floor(next() * 10))).join("");
  const poly = () => Array.from({ length: 5 }, () => `${coefficient()}*x^${Math.floor(next() * 4)}*y^${Math.floor(next() * 4)}`).join(" + ");
  return Array.from({ length: count }, () => `(${poly()})*(${poly()})`);
}

describe("the gcd's budget counts digits", () => {
  it("gives up (undefined) or answers correctly on coefficients that grow, rather than running on", () => {
    for (const seed of [2, 3]) {
      const [a, b] = bigProducts(seed, 2);
      const ring = new Ring(40);
      const [pa, pb] = [read(ring, a!), read(ring, b!)];
      const g = withBudget(20_000, () => gcd(pa, pb));
      if (g !== undefined) {
        expect(divide(pa, g)).toBeDefined();
        expect(divide(pb, g)).toBeDefined();
      }
    }
  });

  it("still cancels factors with 30-digit coefficients", () => {
    const c = 10n ** 30n;
    const quotient = `(x^2 + ${c - 1n}*x*y - ${c}*y^2)/(x^2 + ${c + 2n}*x*y + ${2n * c}*y^2)`;
    expect(format(simplify(parse(quotient)))).toBe("(x - y)/(x + 2*y)");
  });

  it("simplifying a quotient of such products returns an equal expression", () => {
    const [a, b] = bigProducts(2, 2);
    const e = parse(`${a}/${b}`);
    const s = simplify(e);
    const at = { x: 0.7, y: -1.3 };
    expect(evaluate(s, at) / evaluate(e, at)).toBeCloseTo(1, 9);
  });
});
