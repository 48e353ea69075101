/**
 * The LaTeX printer: `toLatex(e)` gives math-mode LaTeX that KaTeX and MathJax render, written the way a teacher
 * would write it. It shares the precedence table and fraction split with the text printer (print/precedence.ts) and
 * takes each function's spelling from its row's `latex` field (functions.ts). Conventions, beyond the obvious:
 *
 * - quotients and negative powers become `\frac{..}{..}`; `x^(1/2)` is `\sqrt{x}`, `x^(1/n)` is `\sqrt[n]{x}`;
 *   other rational exponents stay inline (`x^{3/2}`), as they are usually typeset;
 * - `exp(u)` is `e^{u}` while `u` is small (at most SHORT_EXPONENT nodes), `\exp\left(..\right)` beyond;
 * - `log(u)/log(b)` with a whole number b > 1 is `\log_{b}(u)`;
 * - a positive whole power of a trigonometric or hyperbolic function is written `\sin^{2}(x)`;
 * - products are juxtaposed (`2 x y`, `x \sin(x)`) except where that would run symbols together: `\cdot` before a
 *   factor that starts with a digit (`2 \cdot 3^{x}`) and around multi-letter names (`\mathrm{rate} \cdot x`);
 * - parentheses are `(..)`, or `\left(..\right)` around something tall (a fraction, root or nested `\left`);
 * - `sigmoid` prints as `\sigma(x)`, the usual notation in machine learning (its row's `latex`);
 * - names: greek letters spelled out or typed (`alpha`, `θ`) become `\alpha`, `\theta` (capitals without a command
 *   of their own, like `Alpha`, become the latin letter); `w_1` is `w_{1}` and `x_i_j` is `x_{i,j}`; other
 *   multi-character names are upright words (`\mathrm{rate}`, and `\mathrm{x1}`, since `x_{1}` is w_1's kind of
 *   name and the LaTeX reader reads it so), and names outside ASCII use `\text{..}`;
 * - `log2` and `log10` are `\operatorname{log2}(x)`: `\log_{2}(x)` is log(x)/log(2), another expression.
 */
import { isNegative, neg } from "../ast/build.js";
import { deepFirst, type Expr } from "../ast/expr.js";
import { checkVariable, toExpr, type ExprLike } from "../diff.js";
import { ArgumentError, LimitError } from "../errors.js";
import { FUNCTIONS, functionRow } from "../functions.js";
import { asFraction, isHalf, Prec, precedence } from "./precedence.js";
import { MAX_PRINT_SIZE, readingOrder } from "./text.js";

export interface LatexOptions {
  /**
   * Print a whole equation `\frac{d}{dx}\left(of\right) = expr`, where the printed expression is the derivative of
   * `of` with respect to `wrt` (a variable, or a list for a mixed partial, first variable first), `order` times.
   * The operator is `\frac{d}{dx}` when `of` has no other variable, `\frac{\partial}{\partial x}` otherwise.
   */
  readonly lhs?: { readonly of: ExprLike; readonly wrt: string | readonly string[]; readonly order?: number };
}

/** `exp(u)` is printed as `e^{u}` when `u` has at most this many nodes, `\exp(u)` when larger. */
const SHORT_EXPONENT = 7;

/** Functions written `\sin^{2}(x)` rather than `\sin(x)^{2}`, as is customary. */
const POWER_ON_NAME = new Set(["sin", "cos", "tan", "sec", "csc", "cot", "sinh", "cosh", "tanh", "coth", "sech", "csch"]);

export function toLatex(e: ExprLike, options: LatexOptions = {}): string {
  const expr = toExpr(e);
  const body = latexOf(expr);
  const { lhs } = options;
  if (lhs === undefined) return body;
  if (typeof lhs !== "object" || lhs === null) throw new ArgumentError(`lhs must be { of, wrt, order? }, got ${String(lhs)}`);
  return `${derivativeLatex(lhs.of, lhs.wrt, lhs.order)} = ${body}`;
}

/** The derivative written as an operator applied to `of`: `\frac{\partial}{\partial x}\left(x^{2} y\right)`. */
export function derivativeLatex(of: ExprLike, wrt: string | readonly string[], order = 1): string {
  const f = toExpr(of);
  const once = typeof wrt === "string" ? [wrt] : [...wrt];
  if (once.length === 0) throw new ArgumentError("wrt must name at least one variable");
  once.forEach(checkVariable);
  if (!Number.isSafeInteger(order) || order < 1) throw new ArgumentError(`derivative order must be a whole number of at least 1, got ${String(order)}`);
  return `${derivativeOperator(f, once, order)}${operand(f)}`;
}

/** A matrix (or, with one column, a column vector) of expressions as a `pmatrix`. */
export function toLatexMatrix(rows: readonly (readonly ExprLike[])[]): string {
  return pmatrix(rows.map((row) => row.map((e) => toLatex(e))));
}

/** Cells of LaTeX in a `pmatrix`. */
export function pmatrix(cells: readonly (readonly string[])[]): string {
  return `\\begin{pmatrix} ${cells.map((row) => row.join(" & ")).join(" \\\\ ")} \\end{pmatrix}`;
}

/** A mixed partial repeated more often than this is written as a power of the operator: the list would be unreadable. */
const MAX_WRITTEN_OUT = 12;

/**
 * `\frac{\partial^{2}}{\partial y \partial x}` for the variables in the order they are applied, `once` repeated
 * `order` times. Orders can be huge (`diff("sin(x)", "x", 10 ** 9)`), so nothing here is proportional to them.
 */
function derivativeOperator(of: Expr, once: readonly string[], order: number): string {
  const single = new Set(once).size === 1;
  const d = single && [...of.vars].every((v) => v === once[0]) ? "d" : "\\partial ";
  const power = (n: number) => (n === 1 ? "" : `^{${n}}`);
  if (single) return `\\frac{${d.trim()}${power(once.length * order)}}{${d}${nameLatex(once[0]!)}${power(once.length * order)}}`;
  if (order > 1 && once.length * order > MAX_WRITTEN_OUT) return `\\left(${derivativeOperator(of, once, 1)}\\right)^{${order}}`;
  const sequence = Array.from({ length: order }, () => once).flat();
  // Consecutive repeats collapse into powers; the last variable applied is written first.
  const groups: { name: string; count: number }[] = [];
  for (const v of [...sequence].reverse()) {
    const last = groups[groups.length - 1];
    if (last?.name === v) last.count++;
    else groups.push({ name: v, count: 1 });
  }
  const denominator = groups.map((g) => `${d}${nameLatex(g.name)}${power(g.count)}`).join(" ");
  return `\\frac{${d.trim()}${power(sequence.length)}}{${denominator}}`;
}

function operand(of: Expr): string {
  return latexPrecedence(of) === Prec.Atom ? ` ${latexOf(of)}` : `\\left(${latexOf(of)}\\right)`;
}

function latexOf(e: Expr): string {
  if (e.size > MAX_PRINT_SIZE) throw new LimitError(`expression too large to print (${e.size.toLocaleString("en")} nodes)`);
  const printer = new LatexPrinter();
  deepFirst(e, (n) => printer.print(n), () => false); // children first: printing recurses only where it is shallow
  return printer.print(e);
}

// ---------------------------------------------------------------------------------------------------------------
// Expressions

/** The shared table, adjusted where LaTeX spells a node differently: `e^{u}` is a power, `\sqrt[n]{u}` an atom. */
function latexPrecedence(e: Expr): Prec {
  if (isEulerPower(e)) return Prec.Power;
  if (rootIndex(e) !== undefined) return Prec.Atom;
  return precedence(e);
}

function isEulerPower(e: Expr): boolean {
  return e.kind === "call" && e.name === "exp" && !isEuler(e) && e.args[0]!.size <= SHORT_EXPONENT;
}

function isEuler(e: Expr): boolean {
  return e.kind === "call" && e.name === "exp" && e.args[0]!.kind === "num" && e.args[0].value.isOne;
}

/** n for `u^(1/n)` (n ≥ 2), printed as a root. */
function rootIndex(e: Expr): bigint | undefined {
  if (e.kind !== "pow" || e.exponent.kind !== "num") return undefined;
  const q = e.exponent.value;
  return q.num === 1n && q.den > 1n ? q.den : undefined;
}

/** Parentheses that grow with their content. */
function parens(s: string): string {
  return /\\frac|\\sqrt|\\left|\\begin/.test(s) ? `\\left(${s}\\right)` : `(${s})`;
}

class LatexPrinter {
  /** Memo per node: expressions are DAGs, and a shared subtree is printed once. */
  private readonly memo = new Map<Expr, string>();

  print(e: Expr): string {
    let s = this.memo.get(e);
    if (s === undefined) {
      s = this.printNode(e);
      this.memo.set(e, s);
    }
    return s;
  }

  private wrap(e: Expr, min: Prec): string {
    const s = this.print(e);
    return latexPrecedence(e) < min ? parens(s) : s;
  }

  private printNode(e: Expr): string {
    switch (e.kind) {
      case "num":
        return numberLatex(e.value.num, e.value.den);
      case "sym":
        return nameLatex(e.name);
      case "const":
        return "\\pi";
      case "call":
        return this.printCall(e.name, e.args);
      case "add":
        return this.printSum(e.terms);
      case "mul":
        return this.printProduct(e);
      case "pow":
        return this.printPower(e.base, e.exponent, e);
    }
  }

  private printCall(name: string, args: readonly Expr[], power?: string): string {
    if (name === "exp") {
      if (args[0]!.kind === "num" && args[0].value.isOne) return "e";
      if (args[0]!.size <= SHORT_EXPONENT) return `e^{${this.print(args[0]!)}}`;
    }
    const { latex } = functionRow(name);
    const printed = args.map((a) => this.print(a));
    if (typeof latex === "function") return latex(...printed);
    return `${latex}${power ?? ""}${parens(printed.join(", "))}`;
  }

  private printSum(terms: readonly Expr[]): string {
    const ordered = readingOrder(terms);
    let s = this.print(ordered[0]!);
    for (const t of ordered.slice(1)) s += isNegative(t) ? ` - ${this.wrap(neg(t), Prec.Product)}` : ` + ${this.print(t)}`;
    return s;
  }

  private printPower(base: Expr, exponent: Expr, whole: Expr): string {
    if (isNegative(exponent)) return this.printProduct(whole); // a fraction
    if (isHalf(exponent)) return `\\sqrt{${this.print(base)}}`;
    const index = rootIndex(whole);
    if (index !== undefined) return `\\sqrt[${index}]{${this.print(base)}}`;
    const sup = exponent.kind === "num" ? exponent.value.toString() : this.print(exponent);
    if (base.kind === "call" && POWER_ON_NAME.has(base.name) && exponent.kind === "num" && exponent.value.isInteger) {
      return this.printCall(base.name, base.args, `^{${sup}}`);
    }
    return `${this.wrap(base, Prec.Atom)}^{${sup}}`;
  }

  private printProduct(e: Expr): string {
    const { negative, coefficient, numerator, denominator } = asFraction(e);
    const [top, bottom] = logarithmsToBase(numerator, denominator);
    const upper = this.factors(top, coefficient.num, true);
    const lower = this.factors(bottom, coefficient.den, false);
    const s = lower.length === 0 ? juxtapose(upper) : `\\frac{${juxtapose(upper)}}{${juxtapose(lower)}}`;
    return negative ? `-${s}` : s;
  }

  /** One side of a fraction: the coefficient unless it is 1 (an empty numerator is 1), then the factors. */
  private factors(list: readonly (Expr | string)[], coefficient: bigint, isNumerator: boolean): Factor[] {
    const withCoefficient = coefficient !== 1n || (isNumerator && list.length === 0);
    const alone = list.length === 1 && !withCoefficient;
    const out = list.map((f) => (typeof f === "string" ? { expr: undefined, latex: f } : { expr: f, latex: this.wrap(f, alone ? Prec.Sum : Prec.Power) }));
    return withCoefficient ? [{ expr: undefined, latex: coefficient.toString() }, ...out] : out;
  }
}

/** A factor of a product and its LaTeX; `expr` is undefined for a number or a prepared logarithm. */
interface Factor {
  readonly expr: Expr | undefined;
  readonly latex: string;
}

/**
 * `log(u)/log(b)` with a whole number b > 1 is the base-b logarithm, which `log(u, b)` parses to: the pair becomes
 * the prepared LaTeX `\\log_{b}(u)` in place of `log(u)`.
 */
function logarithmsToBase(numerator: readonly Expr[], denominator: readonly Expr[]): [(Expr | string)[], Expr[]] {
  const isLog = (e: Expr): e is Extract<Expr, { kind: "call" }> => e.kind === "call" && e.name === "log";
  const base = denominator.findIndex((d) => isLog(d) && d.args[0]!.kind === "num" && d.args[0].value.isInteger && d.args[0].value.num > 1n);
  const log = numerator.findIndex(isLog);
  if (base < 0 || log < 0) return [[...numerator], [...denominator]];
  const b = (denominator[base] as Extract<Expr, { kind: "call" }>).args[0]!;
  const u = (numerator[log] as Extract<Expr, { kind: "call" }>).args[0]!;
  const top = numerator.map((f, i) => (i === log ? `\\log_{${latexOf(b)}}${parens(latexOf(u))}` : f));
  return [top, denominator.filter((_, i) => i !== base)];
}

/** Function names printed as a bare symbol, such as sigmoid's `\sigma`, which a variable may print as too. */
const FUNCTION_SYMBOLS = new Set([...FUNCTIONS.values()].flatMap((row) => (typeof row.latex === "string" ? [row.latex] : [])));

/**
 * Factors side by side, with `\cdot` where juxtaposition would run symbols together, or where a variable spelled
 * like a function would read as a call (`\sigma \cdot (x + 1)` for sigma*(x + 1), unlike sigmoid's `\sigma(x + 1)`).
 */
function juxtapose(factors: readonly Factor[]): string {
  let s = factors[0]!.latex;
  for (let i = 1; i < factors.length; i++) {
    const [left, right] = [factors[i - 1]!, factors[i]!];
    const readsAsCall = left.expr?.kind === "sym" && FUNCTION_SYMBOLS.has(left.latex) && /^(\(|\\left\()/.test(right.latex);
    const dot = /^\d/.test(right.latex) || isWord(left.expr) || isWord(right.expr) || readsAsCall;
    s += dot ? ` \\cdot ${right.latex}` : ` ${right.latex}`;
  }
  return s;
}

/** Is the factor a multi-letter name (or a power of one), which juxtaposition would merge with its neighbours? */
function isWord(e: Expr | undefined): boolean {
  const base = e?.kind === "pow" ? e.base : e;
  return base?.kind === "sym" && /^\\(mathrm|text)/.test(nameLatex(base.name));
}

function numberLatex(num: bigint, den: bigint): string {
  const sign = num < 0n ? "-" : "";
  const magnitude = num < 0n ? -num : num;
  return den === 1n ? `${sign}${magnitude}` : `${sign}\\frac{${magnitude}}{${den}}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Names

/** Greek letters with a LaTeX command, by their spelled-out names. */
const GREEK = [
  "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa",
  "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho", "sigma", "varsigma", "tau", "upsilon", "phi", "varphi",
  "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
];

/** Letters typed in greek, by the name of their LaTeX command (ε and φ are the open forms, ϵ and ϕ the closed). */
const TYPED_GREEK: Readonly<Record<string, string>> = {
  α: "alpha", β: "beta", γ: "gamma", δ: "delta", ε: "varepsilon", ϵ: "epsilon", ζ: "zeta", η: "eta", θ: "theta",
  ϑ: "vartheta", ι: "iota", κ: "kappa", λ: "lambda", μ: "mu", ν: "nu", ξ: "xi", π: "pi", ρ: "rho", σ: "sigma",
  ς: "varsigma", τ: "tau", υ: "upsilon", φ: "varphi", ϕ: "phi", χ: "chi", ψ: "psi", ω: "omega", Γ: "Gamma",
  Δ: "Delta", Θ: "Theta", Λ: "Lambda", Ξ: "Xi", Π: "Pi", Σ: "Sigma", Υ: "Upsilon", Φ: "Phi", Ψ: "Psi", Ω: "Omega",
};

/** Greek letters that look latin have no command of their own: they print as the latin letter. */
const LATIN_LOOKING: Readonly<Record<string, string>> = {
  omicron: "o", ο: "o", Alpha: "A", Α: "A", Beta: "B", Β: "B", Epsilon: "E", Ε: "E", Zeta: "Z", Ζ: "Z", Eta: "H",
  Η: "H", Iota: "I", Ι: "I", Kappa: "K", Κ: "K", Mu: "M", Μ: "M", Nu: "N", Ν: "N", Omicron: "O", Ο: "O", Rho: "P",
  Ρ: "P", Tau: "T", Τ: "T", Chi: "X", Χ: "X",
};

const GREEK_LATEX: ReadonlyMap<string, string> = new Map([
  ...GREEK.map((g) => [g, `\\${g}`] as const),
  ...Object.entries(TYPED_GREEK).map(([letter, g]) => [letter, `\\${g}`] as const),
  ...Object.entries(LATIN_LOOKING),
]);

/** A variable name in LaTeX: `theta` → `\theta`, `w_1` → `w_{1}`, `x12` → `\mathrm{x12}`, `rate` → `\mathrm{rate}`. */
export function nameLatex(name: string): string {
  const parts = name.split("_");
  const [head, ...subscripts] = parts.length > 1 && !parts.includes("") ? parts : [name];
  const stem = word(head!);
  return subscripts.length === 0 ? stem : `${stem}_{${subscripts.map(word).join(",")}}`;
}

function word(w: string): string {
  const greek = GREEK_LATEX.get(w);
  if (greek !== undefined) return greek;
  if (/^(\d+|[A-Za-z])$/.test(w)) return w;
  const escaped = w.replaceAll("_", "\\_");
  return /^\w+$/.test(w) ? `\\mathrm{${escaped}}` : `\\text{${escaped}}`;
}
