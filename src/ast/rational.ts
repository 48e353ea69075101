/**
 * Exact rational numbers over bigint, always in lowest terms with a positive denominator.
 * Users expect `2/3` to stay `2/3` and `x^(1/3)` to differentiate to `x^(-2/3)/3`, so constants never become floats.
 */
import { LimitError } from "../errors.js";

/**
 * Exact numbers are bounded: numerator and denominator below 2^MAX_BITS (up to 4,933 decimal digits). Arithmetic
 * on them, the gcd above all, costs time quadratic in their size (one gcd at the limit takes about 20 ms, at 4× the
 * limit about half a second), and no expression a person writes needs more. Past it a LimitError names the limit; callers
 * that can keep a number symbolic instead (powers, see numericPower in build.ts) stay well below it.
 */
export const MAX_BITS = 16_384;
const SMALL = 1024;
const SMALL_BIG = 1024n;
/** Integers below this are exact in float64. */
const SAFE_BIG = 2n ** 53n;
const TOO_LARGE = 1n << BigInt(MAX_BITS);

export class Rational {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {
    // Invariant: every Rational has |num| and den below 2^MAX_BITS.
    if (num >= TOO_LARGE || num <= -TOO_LARGE || den >= TOO_LARGE) throw tooLarge();
  }

  /**
   * The integers of magnitude up to SMALL, made once: most numbers in expressions are small integers, and arithmetic
   * on them (a sum's coefficients, a product's exponents) then allocates no Rational at all.
   */
  private static readonly SMALL_INTEGERS = Array.from({ length: 2 * SMALL + 1 }, (_, i) => new Rational(BigInt(i - SMALL), 1n));

  static readonly ZERO = Rational.integer(0n);
  static readonly ONE = Rational.integer(1n);
  static readonly MINUS_ONE = Rational.integer(-1n);
  static readonly HALF = new Rational(1n, 2n);

  /** The integer n (the one object for a small n). */
  static integer(n: bigint): Rational {
    return n >= -SMALL_BIG && n <= SMALL_BIG ? Rational.SMALL_INTEGERS[Number(n) + SMALL]! : new Rational(n, 1n);
  }

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = typeof num === "bigint" ? num : BigInt(num);
    let d = typeof den === "bigint" ? den : BigInt(den);
    if (d === 1n) return Rational.integer(n); // integers are most numbers: no gcd to take
    if (d === 0n) throw new RangeError("Rational with zero denominator");
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    return g === 1n ? new Rational(n, d) : new Rational(n / g, d / g);
  }

  /** Parses `p` or `p/q` with integer p, q. */
  static parse(text: string): Rational {
    const [p, q = "1"] = text.split("/");
    return Rational.of(BigInt(p!), BigInt(q));
  }

  /** Parses a decimal literal such as `3`, `0.5`, `.5` or `1.5e-3` exactly. */
  static fromDecimal(text: string): Rational {
    const match = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!match) throw new RangeError(`not a decimal number: ${text}`);
    const [, whole = "", fraction = "", exponent = "0"] = match;
    const significant = (whole + fraction).replace(/^0+/, "");
    const scale = Number(exponent) - fraction.length;
    // Refused before any bigint is made: 10^scale with a scale in the billions would not even fit in memory.
    if (significant === "") return Rational.ZERO;
    if (significant.length + Math.abs(scale) > MAX_DIGITS) throw tooLarge();
    const digits = BigInt(significant);
    return scale >= 0 ? Rational.of(digits * 10n ** BigInt(scale)) : Rational.of(digits, 10n ** BigInt(-scale));
  }

  get isZero(): boolean {
    return this.num === 0n;
  }
  get isOne(): boolean {
    return this.num === 1n && this.den === 1n;
  }
  get isInteger(): boolean {
    return this.den === 1n;
  }
  get isNegative(): boolean {
    return this.num < 0n;
  }
  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  /**
   * Sums and products reduce with gcds of the operands' parts, never of the (larger) unreduced result (Henrici's
   * algorithms, as GMP's): adding 1/k to a sum with a 4,000-digit denominator takes one gcd with k, not one of two
   * 4,000-digit numbers, which made 1/1 + 1/2 + ... + 1/10000 take most of a minute.
   */
  add(o: Rational): Rational {
    if (this === Rational.ZERO || o === Rational.ZERO) return this === Rational.ZERO ? o : this;
    if (this.den === 1n && o.den === 1n) return Rational.integer(this.num + o.num);
    if (this.den === o.den) return Rational.of(this.num + o.num, this.den);
    const g = gcd(this.den, o.den);
    if (g === 1n) return new Rational(this.num * o.den + o.num * this.den, this.den * o.den);
    const t = this.num * (o.den / g) + o.num * (this.den / g);
    const h = gcd(t, g);
    return new Rational(t / h, (this.den / g) * (o.den / h));
  }
  sub(o: Rational): Rational {
    return this.add(o.neg());
  }
  mul(o: Rational): Rational {
    if (this === Rational.ONE || o === Rational.ONE) return this === Rational.ONE ? o : this;
    if (this.den === 1n && o.den === 1n) return Rational.integer(this.num * o.num);
    return Rational.product(this.num, this.den, o.num, o.den);
  }
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError("Rational with zero denominator");
    return o.num < 0n ? Rational.product(this.num, this.den, -o.den, -o.num) : Rational.product(this.num, this.den, o.den, o.num);
  }
  /** (a/b)·(c/d) from two fractions in lowest terms (b, d > 0): the cross gcds leave the result in lowest terms. */
  private static product(a: bigint, b: bigint, c: bigint, d: bigint): Rational {
    const g = gcd(a, d);
    const h = gcd(c, b);
    const den = (b / h) * (d / g);
    return den === 1n ? Rational.integer((a / g) * (c / h)) : new Rational((a / g) * (c / h), den);
  }
  neg(): Rational {
    return this.den === 1n ? Rational.integer(-this.num) : new Rational(-this.num, this.den);
  }
  abs(): Rational {
    return this.num < 0n ? this.neg() : this;
  }
  /** Integer power; the exponent's magnitude is bounded by the caller. */
  powInt(k: bigint): Rational {
    if (k >= 0n) return new Rational(this.num ** k, this.den ** k);
    return Rational.of(this.den ** -k, this.num ** -k);
  }
  compare(o: Rational): number {
    if (this.den === o.den) return this.num < o.num ? -1 : this.num > o.num ? 1 : 0; // integers, mostly: no products
    const d = this.num * o.den - o.num * this.den;
    return d < 0n ? -1 : d > 0n ? 1 : 0;
  }
  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  /** Largest integer <= this. */
  floor(): bigint {
    const q = this.num / this.den;
    return this.num < 0n && q * this.den !== this.num ? q - 1n : q;
  }

  /**
   * The float64 nearest to this number (ties to even), however large its parts: 2^3000/3^3000 is 0, not
   * Infinity/Infinity. Every conversion of an exact number to a float goes through here or `scaled`.
   */
  toNumber(): number {
    if (this.den === 1n) return Number(this.num); // rounds to nearest, Infinity past the largest float
    const n = Number(this.num);
    const d = Number(this.den);
    if (Number.isSafeInteger(n) && Number.isSafeInteger(d)) return n / d; // exact operands, one rounding
    const [q, shift] = roundedQuotient(this.num < 0n ? -this.num : this.num, this.den, SUBNORMAL_SHIFT);
    return (this.num < 0n ? -1 : 1) * timesPowerOfTwo(q, -shift);
  }

  /**
   * This number as m·2^k with m a float of magnitude in [2^54, 2^56], rounded once to 53 bits: a value beyond the
   * range of floats, for products whose value is within it (2^3000 · 3^-1000). [0, 0] for zero.
   */
  scaled(): [m: number, k: number] {
    if (this.num === 0n) return [0, 0];
    const [q, shift] = roundedQuotient(this.num < 0n ? -this.num : this.num, this.den, Infinity);
    return [this.num < 0n ? -q : q, -shift];
  }
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

/** Decimal digits of a number below 2^MAX_BITS: a decimal literal may spell no more (digits and exponent). */
const MAX_DIGITS = Math.ceil(MAX_BITS * Math.log10(2));

function tooLarge(): LimitError {
  return new LimitError(`exact number too large: more than ${MAX_DIGITS.toLocaleString("en-US")} digits (the limit)`);
}

/** Bits of |n| (0 for 0). */
export function bitLength(n: bigint): number {
  if (n < 0n) n = -n;
  if (n <= 0xffffffffn) return 32 - Math.clz32(Number(n));
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + 32 - Math.clz32(parseInt(hex[0]!, 16));
}

/** The shift that puts the lowest bit of a quotient two places below the smallest subnormal float (2^-1074). */
const SUBNORMAL_SHIFT = 1076;

/**
 * n/d (n, d > 0) as q·2^-shift, q an integer-valued float rounded once to nearest: 53 bits when shift < maxShift,
 * otherwise (subnormal results) at 2^-maxShift. The exact quotient gets 55-56 bits, and a nonzero remainder sets
 * the lowest one (a sticky bit), so that Number() rounds as the exact quotient would.
 */
function roundedQuotient(n: bigint, d: bigint, maxShift: number): [q: number, shift: number] {
  const shift = Math.min(55 - (bitLength(n) - bitLength(d)), maxShift);
  const [p, r] = shift >= 0 ? [n << BigInt(shift), d] : [n, d << BigInt(-shift)];
  const q = p / r;
  return [Number(q * r === p ? q : q | 1n), shift];
}

/** Integer powers are computed exactly for `scaledPower` up to this many bits (a few milliseconds at most). */
const EXACT_POWER_BITS = 65_536;

/**
 * b^e as m·2^k (as `scaled` gives), b ≠ 0, with the real-root convention of `evaluate` (NaN where b^e is not real):
 * for values beyond the range of floats. Rounded once for integer exponents with results up to EXACT_POWER_BITS;
 * otherwise from logarithms, to a relative 2^-52·|log2(b^e)|.
 */
export function scaledPower(b: Rational, e: Rational): [m: number, k: number] {
  if (b.isNegative && e.den % 2n === 0n) return [NaN, 0];
  const sign = b.isNegative && e.num % 2n !== 0n ? -1 : 1;
  const n = b.isNegative ? -b.num : b.num;
  const size = Math.max(bitLength(n), bitLength(b.den)) * Math.abs(Number(e.num));
  if (e.isInteger && size <= EXACT_POWER_BITS) {
    const k = e.num < 0n ? -e.num : e.num;
    const [q, shift] = e.num < 0n ? roundedQuotient(b.den ** k, n ** k, Infinity) : roundedQuotient(n ** k, b.den ** k, Infinity);
    return [sign * q, -shift];
  }
  const [m, k] = b.abs().scaled();
  const log2 = e.toNumber() * (Math.log2(m) + k);
  if (!Number.isFinite(log2)) return [sign * (log2 > 0 ? Infinity : 0), 0];
  const whole = Math.floor(log2);
  return [sign * 2 ** (log2 - whole), whole];
}

/**
 * x·2^k in steps that stay exact while in range, so that only the last one rounds (into the subnormals). k is first
 * clamped to ±2,200, past which any finite nonzero x over- or underflows anyway: the loops run at most three times
 * whatever k is (a product with 1e308^1e308 in it brings k near 2^64), and an infinite x stays infinite.
 */
export function timesPowerOfTwo(x: number, k: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  k = Math.max(-2200, Math.min(2200, k));
  for (; k > 1000 && Number.isFinite(x); k -= 1000) x *= 2 ** 1000;
  for (; k < -1000 && x !== 0; k += 1000) x *= 2 ** -1000;
  return x * 2 ** k;
}

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a < SAFE_BIG && b < SAFE_BIG) {
    // In float64, exactly: each bigint step would allocate.
    let x = Number(a);
    let y = Number(b);
    while (y !== 0) {
      const r = x % y;
      x = y;
      y = r;
    }
    return x === 1 ? 1n : BigInt(x);
  }
  while (b !== 0n) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/** Greatest common divisor of rationals: gcd of numerators over lcm of denominators (always positive). */
export function rationalGcd(a: Rational, b: Rational): Rational {
  if (a.isZero || b.isZero) return a.isZero ? b.abs() : a.abs();
  if (a.den === 1n && b.den === 1n) return Rational.integer(gcd(a.num, b.num));
  const den = (a.den / gcd(a.den, b.den)) * b.den;
  return Rational.of(gcd(a.num, b.num), den);
}

/**
 * The exact integer k-th root of n >= 0, or undefined if n is not a perfect k-th power. Cheap for any k: an index
 * of at least n's bit length has no root above 1 to find (2^k > n), and the root is found by Newton's iteration
 * from a float estimate just above it, not by bisection.
 */
export function exactRoot(n: bigint, k: bigint): bigint | undefined {
  if (n < 0n) return undefined;
  if (n < 2n) return n;
  const bits = bitLength(n);
  if (k >= BigInt(bits)) return undefined;
  // log2(n) from its top 53 bits; n^(1/k) from it, raised by a relative 2^-30 (far above the float error) so as to
  // start above the root.
  const drop = Math.max(0, bits - 53);
  const log2r = (drop + Math.log2(Number(n >> BigInt(drop)))) / Number(k) + 2 ** -30;
  const whole = Math.floor(log2r);
  let x = whole < 52 ? BigInt(Math.ceil(2 ** log2r)) + 1n : BigInt(Math.ceil(2 ** (log2r - whole + 52))) << BigInt(whole - 52);
  // From any start above floor(n^(1/k)), the integer Newton step decreases strictly until it reaches it.
  for (;;) {
    const y = ((k - 1n) * x + n / x ** (k - 1n)) / k;
    if (y >= x) break;
    x = y;
  }
  return x ** k === n ? x : undefined;
}
