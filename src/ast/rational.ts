/**
 * Exact rational numbers over bigint, always in lowest terms with a positive denominator.
 * Users expect `2/3` to stay `2/3` and `x^(1/3)` to differentiate to `x^(-2/3)/3`, so constants never become floats.
 */
export class Rational {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);
  static readonly MINUS_ONE = new Rational(-1n, 1n);
  static readonly HALF = new Rational(1n, 2n);

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    let n = typeof num === "bigint" ? num : BigInt(num);
    let d = typeof den === "bigint" ? den : BigInt(den);
    if (d === 1n) return new Rational(n, d); // integers are most numbers: no gcd to take
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
    const digits = BigInt((whole + fraction).replace(/^0+(?=\d)/, "") || "0");
    const scale = Number(exponent) - fraction.length;
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

  add(o: Rational): Rational {
    if (this === Rational.ZERO || o === Rational.ZERO) return this === Rational.ZERO ? o : this;
    if (this.den === 1n && o.den === 1n) return new Rational(this.num + o.num, 1n);
    return this.den === o.den ? Rational.of(this.num + o.num, this.den) : Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return this.add(o.neg());
  }
  mul(o: Rational): Rational {
    if (this === Rational.ONE || o === Rational.ONE) return this === Rational.ONE ? o : this;
    if (this.den === 1n && o.den === 1n) return new Rational(this.num * o.num, 1n);
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rational {
    return new Rational(-this.num, this.den);
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

  toNumber(): number {
    const n = Number(this.num);
    const d = Number(this.den);
    if (Number.isFinite(n) && Number.isFinite(d)) return n / d;
    // Huge parts: scale both down keeping ~17 significant digits of the quotient.
    const shift = BigInt(Math.max(this.num.toString().length, this.den.toString().length) - 300);
    return Number(this.num / 10n ** shift) / Number(this.den / 10n ** shift);
  }
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

export function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/** Greatest common divisor of rationals: gcd of numerators over lcm of denominators (always positive). */
export function rationalGcd(a: Rational, b: Rational): Rational {
  const den = (a.den / gcd(a.den, b.den)) * b.den;
  return Rational.of(gcd(a.num, b.num), den);
}

/** The exact integer k-th root of n >= 0, or undefined if n is not a perfect k-th power. */
export function exactRoot(n: bigint, k: bigint): bigint | undefined {
  if (n < 0n) return undefined;
  if (n < 2n) return n;
  const bits = n.toString(2).length;
  let lo = 0n;
  let hi = 1n << BigInt(Math.ceil(bits / Number(k)) + 1);
  while (lo < hi) {
    const mid = (lo + hi + 1n) / 2n;
    if (mid ** k <= n) lo = mid;
    else hi = mid - 1n;
  }
  return lo ** k === n ? lo : undefined;
}
