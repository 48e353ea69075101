/**
 * The JavaScript printer for one node: given the source of each child, the source computing the node's value.
 *
 * It spells out exactly the float64 operations `evaluate` performs (src/evaluate.ts), in the same order, so compiled
 * and interpreted results agree to the bit: sums and products left to right, `rationalPower` for numeric exponents,
 * step gating in products (`isGate`), and each function's `js` form from its row in src/functions.ts (which
 * `evaluate` runs too).
 *
 * Child sources must be atomic — a local name or a literal — because function rows may repeat an argument
 * (`softplus`, `step`) and the real-root branch below repeats the base. The program builder (program.ts) guarantees it
 * by giving every compound node its own local.
 */
import type { Expr } from "../ast/expr.js";
import type { Rational } from "../ast/rational.js";
import { isGate } from "../ast/gate.js";
import { numericCoefficient, numericPrefix } from "../evaluate.js";
import { functionRow } from "../functions.js";

/** Source for a compound node (add, mul, pow or call); `child` gives each child's atomic source. */
export function nodeSource(e: Expr, child: (e: Expr) => string): string {
  switch (e.kind) {
    case "add":
      return e.terms.map(child).join(" + ");
    case "mul": {
      const product = productOperands(e.factors).map((f) => (typeof f === "number" ? numberLiteral(f) : child(f))).join(" * ");
      // Step gates a product (ast/gate.ts), as in evaluate: a step factor that is 0 makes it +0. Others pay nothing.
      const gates = e.factors.filter(isGate).map((f) => `${child(f)} === 0`);
      return gates.length === 0 ? product : `${gates.join(" || ")} ? 0 : ${product}`;
    }
    case "pow":
      return e.exponent.kind === "num"
        ? rationalPowerSource(child(e.base), e.exponent.value)
        : `Math.pow(${child(e.base)}, ${child(e.exponent)})`;
    case "call":
      return functionRow(e.name).js(...e.args.map(child));
    case "num":
    case "sym":
    case "const":
      throw new Error(`internal: ${e.kind} is a leaf, not a compound node`);
  }
}

/** The operands of a product: leading numeric factors are one number, as evaluate multiplies them (2^3000*3^-3000*x is 0, not NaN). */
function productOperands(factors: readonly Expr[]): (Expr | number)[] {
  const n = numericPrefix(factors);
  return n < 2 ? [...factors] : [numericCoefficient(factors.slice(0, n)), ...factors.slice(n)];
}

/** A sum, or a product without step gates: operands that JavaScript folds left to right, as evaluate does. */
export interface Chain {
  readonly operator: "+" | "*";
  /** Nodes, and the number that a product's leading numeric factors make. */
  readonly operands: readonly (Expr | number)[];
}

/**
 * `e` as a chain, if it is one. `a + b + c` is `(a + b) + c`, so a chain may be cut into partial results
 * (`const t1 = a + b; ... t1 + c`) without changing a bit: `nodeSource` prints the same operations in one go.
 */
export function chainOf(e: Expr): Chain | undefined {
  if (e.kind === "add") return { operator: "+", operands: e.terms };
  if (e.kind === "mul" && !e.factors.some(isGate)) return { operator: "*", operands: productOperands(e.factors) };
  return undefined;
}

/** The operations of `rationalPower` in src/evaluate.ts, with the exponent's case decided at compile time. */
function rationalPowerSource(b: string, q: Rational): string {
  if (q.den === 1n) return `Math.pow(${b}, ${numberLiteral(Number(q.num))})`;
  if (q.den === 2n && q.num === 1n) return `Math.sqrt(${b})`;
  if (q.den === 2n && q.num === -1n) return `1 / Math.sqrt(${b})`;
  const exponent = numberLiteral(q.toNumber());
  if (q.den % 2n === 1n) {
    // Odd roots of negative bases are real: (-8)^(1/3) = -2, as in evaluate.
    const oddRoot = `Math.pow(-${b}, ${exponent})`;
    return `${b} < 0 ? ${q.num % 2n === 0n ? oddRoot : `-${oddRoot}`} : Math.pow(${b}, ${exponent})`;
  }
  return `Math.pow(${b}, ${exponent})`;
}

/** A float64 as an atomic JavaScript expression that evaluates to exactly that value, signed zeros included. */
export function numberLiteral(x: number): string {
  if (Number.isNaN(x)) return "(0 / 0)";
  if (x === Infinity) return "(1 / 0)";
  if (x === -Infinity) return "(-1 / 0)";
  if (Object.is(x, -0)) return "(-0)";
  return x < 0 ? `(${String(x)})` : String(x);
}
