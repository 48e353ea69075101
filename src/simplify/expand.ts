/**
 * Expansion: distribute products over sums and multiply out small integer powers of sums, collecting like terms
 * as it goes (the canonical constructors do that). Function arguments and denominators are left as they are.
 * Bounded: a product that would expand into more than MAX_TERMS terms (or MAX_FACTORS factors, or would make more
 * than MAX_PRODUCTS products of terms on the way) is left unexpanded.
 */
import { add, mul, num, pow } from "../ast/build.js";
import { deepFirst, type Expr, NodeMemo, sameChildren } from "../ast/expr.js";
import { mapChildren } from "../ast/transform.js";
import { charge } from "../ast/work.js";

export const MAX_TERMS = 500;
/**
 * Nor is one expanded into terms with more than this many factors in all: the work on an expansion (and on every candidate made
 * from it) grows with its factors, and a chain like ((u1 + 1)*u2 + 1)*u3 ... expands into n terms of up to n
 * factors each, n² in all, at every one of its n levels.
 */
const MAX_FACTORS = 2 * MAX_TERMS;
const MAX_POWER = 12;
/** Most products of terms one multiplication of sums may make. */
const MAX_PRODUCTS = 4 * MAX_TERMS;

const memo = new NodeMemo<Expr>();

export function expand(e: Expr): Expr {
  const known = memo.get(e);
  if (known) return known;
  deepFirst(e, expanded, (n) => memo.get(n) !== undefined); // children first: recursion only where shallow
  return expanded(e);
}

function expanded(e: Expr): Expr {
  return memo.get(e) ?? memo.set(e, expandNode(e));
}

function termsOf(e: Expr): readonly Expr[] {
  return e.kind === "add" ? e.terms : [e];
}

function factorCount(e: Expr): number {
  let n = 0;
  for (const t of termsOf(e)) n += t.kind === "mul" ? t.factors.length : 1;
  return n;
}

/** (a1 + a2 + ...)(b1 + b2 + ...) with like terms collected. */
function multiply(a: Expr, b: Expr): Expr {
  const ta = termsOf(a);
  const tb = termsOf(b);
  if (ta.length === 1 && tb.length === 1) return mul(a, b);
  charge(ta.length * tb.length);
  const products: Expr[] = [];
  for (const x of ta) for (const y of tb) products.push(mul(x, y));
  return add(...products);
}

function expandNode(e: Expr): Expr {
  switch (e.kind) {
    case "add":
      return mapChildren(e, expand);
    case "mul": {
      const factors = e.factors.map(expand);
      if (!factors.some((f) => f.kind === "add")) return sameChildren(factors, e.factors) ? e : mul(...factors); // nothing to distribute
      let estimate = 1;
      for (const f of factors) estimate *= termsOf(f).length;
      // Beyond the bound, expanding can still pay when like terms collect as they go: (x + 1)(x + 2)...(x + k) has
      // k + 1 terms, not 2^k. Multiply out one factor at a time while the product stays about as long as the
      // factors so far together ((x + y + 1)...(x + y + k) grows quadratically and is left alone early).
      const collecting = estimate > MAX_TERMS;
      // Everything that is not a sum multiplies out at once; then the sums, one at a time.
      let product = mul(...factors.filter((f) => f.kind !== "add"));
      let factorTerms = 1;
      for (const f of factors.filter((f) => f.kind === "add")) {
        factorTerms += termsOf(f).length;
        // Products of terms are looked up or made before like terms collect: too many to make is too many to try,
        // as for powers below (two 500-term polynomials make 250,000 products, to be left unexpanded anyway).
        if (termsOf(product).length * termsOf(f).length > MAX_PRODUCTS) return mul(...factors);
        product = multiply(product, f);
        const terms = termsOf(product).length;
        if (terms > MAX_TERMS || (collecting && terms > 2 * factorTerms) || factorCount(product) > MAX_FACTORS) return mul(...factors);
      }
      return product;
    }
    case "pow": {
      const base = expand(e.base);
      const n = e.exponent.kind === "num" && e.exponent.value.isInteger ? Number(e.exponent.value.num) : 0;
      if (base.kind !== "add" || n < 2 || n > MAX_POWER || base.terms.length ** n > MAX_PRODUCTS) return base === e.base ? e : pow(base, e.exponent);
      let result: Expr = base;
      for (let i = 1; i < n; i++) {
        result = multiply(result, base);
        if (termsOf(result).length > MAX_TERMS) return pow(base, num(n));
      }
      return result;
    }
    default:
      return e;
  }
}
