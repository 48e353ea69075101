/**
 * Step-by-step derivations, written the way a textbook works them out: each step applies one rule at one
 * subexpression and leaves the derivatives it still needs as `d/dx[...]`; the steps after it work those out, and the
 * last step puts everything together and simplifies.
 *
 * The rules are the engine's own rule modules, run through `derivative` (diff.ts) twice per subexpression: once with
 * stand-ins for the inner derivatives, which gives the formula a person writes, and once recursing into the inner
 * derivatives, which records their steps and gives the same unsimplified derivative `diff` computes. So a derivation
 * can never disagree with `diff`: the last step's result is `diff(expr, wrt)` itself.
 */
import { withWork } from "../ast/work.js";
import { isNegative, neg, ONE, sym } from "../ast/build.js";
import { children, type Expr } from "../ast/expr.js";
import { checkVariable, derivative, toExpr, type ExprLike } from "../diff.js";
import { ArgumentError, LimitError } from "../errors.js";
import type { RuleName } from "../rules/rule.js";
import { simplify } from "../simplify/simplify.js";
import type { TextOptions } from "../print/text.js";
import { expectTextOptions } from "../arguments.js";
import { latexNotation, type Notation, Pending, textNotation } from "./notation.js";
import { describeRule, describeSimplify, type Phrase, render, type StepRule } from "./describe.js";

// describe.ts names the rules (steps.ts imports it, never the other way round).
export type { StepRule };

export interface Step {
  readonly rule: StepRule;
  /** The subexpression this step differentiates; the whole expression for the last step. */
  readonly expr: Expr;
  /** Its derivative as the rule puts it together; the last step's is simplified and equals `diff(expr, wrt)`. */
  readonly result: Expr;
  /** Nesting: 0 for the whole expression, 1 for a derivative its formula needs, and so on (for indentation). */
  readonly depth: number;
  /** Chain rule: the inner function(s) u (and v), and the table entry used, e.g. "d/du sin(u) = cos(u)". */
  readonly inner?: readonly Expr[];
  readonly entry?: string;
  /** The rule in words, e.g. "chain rule with u = 3*x^2 + x and d/du sin(u) = cos(u)". */
  readonly title: string;
  readonly titleLatex: string;
  /** The equation, left side first: ["d/dx[sin(3*x^2 + x)]", "d/dx[3*x^2 + x]*cos(3*x^2 + x)"]. */
  readonly equation: readonly string[];
  readonly equationLatex: readonly string[];
  /** The step on one line: "<title>: <equation>", and its LaTeX (the equation, then the title). */
  readonly text: string;
  readonly latex: string;
  /**
   * In a derivation of a higher derivative, which derivative this step works toward (1 for the first, 2 for the
   * second: the steps of d/dx of the first derivative, ...). Absent in a derivation of a first derivative.
   */
  readonly order?: number;
}

/**
 * Derivations of expressions with more distinct subexpressions than this are refused: nobody reads a derivation
 * that long, and each step prints its subexpression, so the output would grow quadratically.
 */
export const MAX_STEPS = 400;

/**
 * Most nodes a derivation may print, counted as trees (a shared subexpression once per place it is printed). A few
 * distinct subexpressions can print as a huge text: g(g(...g(x))) with g(x) = x^2 + x, 30 deep, has under 100 of
 * them but 2^30 nodes as a tree. Invariant: the steps made so far print at most this many nodes, checked before each
 * step is printed, so a derivation either stays within a few MB of text or stops at once with a LimitError.
 */
export const MAX_PRINTED_NODES = 1_000_000;

/**
 * Rules after which d/dx x is written as 1 at once, as people do: the power rule gives d/dx x^2 = 2x, not 2x·d/dx x.
 * The sum, product and quotient rules keep d/dx[x] in their formula, so that it shows the rule's shape
 * (d/dx[x]·sin(x) + x·d/dx[sin(x)]), and a later step works it out.
 */
const INLINE_VARIABLE: ReadonlySet<RuleName> = new Set(["power", "exponential", "general power", "chain", "constant multiple"]);

/** Highest derivative `steps` works out: each order is a whole derivation, and nobody reads a dozen of them. */
export const MAX_STEP_ORDER = 10;

/** How the steps' text is written: `{ ln: true }` spells log and exp as ln(x) and e^x, as `format`'s option does. */
export type StepsOptions = TextOptions;

/**
 * The derivation of the `order`-th derivative d/d`wrt` `expr`, step by step; the last step's `result` is
 * `diff(expr, wrt, order)`. A higher derivative is the derivations of each successive derivative, one after the
 * other, each step marked with the `order` it works toward. `options` concern the text only (LaTeX always has \ln).
 */
export function steps(expr: ExprLike, wrt: string, order = 1, options: StepsOptions = {}): Step[] {
  if (typeof order !== "number" || !Number.isSafeInteger(order) || order < 1 || order > MAX_STEP_ORDER) {
    throw new ArgumentError(`steps: the order must be a whole number from 1 to ${MAX_STEP_ORDER}, got ${String(order)}`);
  }
  expectTextOptions(options, "steps: the options");
  return withWork("step-by-step derivation", () => {
    if (order === 1) return derivation(expr, wrt, options);
    const out: Step[] = [];
    let f = toExpr(expr);
    for (let n = 1; n <= order; n++) {
      const next = derivation(f, wrt, options);
      out.push(...next.map((s) => ({ ...s, order: n })));
      f = next.at(-1)!.result;
    }
    return out;
  });
}

function derivation(expr: ExprLike, wrt: string, options: StepsOptions): Step[] {
  const variable = checkVariable(wrt);
  const root = toExpr(expr);
  if (exceeds(root, MAX_STEPS)) {
    throw new LimitError(`expression too large for a step-by-step derivation (more than ${MAX_STEPS} distinct subexpressions); use diff for the result`);
  }
  const ordinary = [...root.vars].every((v) => v === variable);
  const notations = { text: textNotation(variable, ordinary, options), latex: latexNotation(variable, ordinary) };
  const x = sym(variable);
  const out: Step[] = [];
  const derived = new Map<Expr, Expr>();
  let printed = 0;
  /** Counts the nodes of what a step is about to print (sizes are known without walking). */
  const print = (...es: readonly Expr[]) => {
    for (const e of es) printed += e.size;
    if (printed > MAX_PRINTED_NODES) {
      throw new LimitError(`derivation too long to print (more than ${MAX_PRINTED_NODES.toLocaleString("en")} nodes of formulas); use diff for the result`);
    }
  };

  /** `inline`: the caller writes d/dx x as 1 (see INLINE_VARIABLE). */
  const visit = (e: Expr, depth: number, inline: boolean): Expr => {
    if (e === x && inline) return ONE;
    const known = derived.get(e);
    if (known) return known; // worked out in an earlier step

    const slot = out.length;
    out.push(undefined as unknown as Step); // steps are listed before the steps they depend on
    let rule: RuleName | undefined;
    const inlines = () => INLINE_VARIABLE.has(rule!); // rules name themselves before differentiating anything
    const pending = new Pending(root);
    // The difference rule: a sum's negative term -t is differentiated as -d/dx[t].
    const term = (sub: Expr, d: (e: Expr) => Expr) => (rule === "sum" && isNegative(sub) ? neg(d(neg(sub))) : d(sub));
    const formula = derivative(e, {
      wrt: variable,
      d: (sub) => term(sub, (t) => (t === x && inlines() ? ONE : pending.of(t))),
      note: (name) => (rule ??= name),
      everyTerm: true,
    });
    const result = derivative(e, { wrt: variable, d: (sub) => term(sub, (t) => visit(t, depth + 1, inlines())), everyTerm: true });
    derived.set(e, result);
    const described = describeRule(rule!, e, x, root);
    // The left side, the formula with each pending derivative's operand (a child, so at most e's size each time,
    // counted twice for rules that use one twice), and the inner functions named in the title.
    print(e, e, formula, formula, ...(described.inner ?? []));
    out[slot] = makeStep({ ...described, expr: e, result, depth }, [e, (n) => pending.print(formula, n)], notations);
    return result;
  };

  const raw = visit(root, 0, false);
  const simplified = simplify(raw);
  if (out.length > 1 || simplified !== raw) {
    print(root, raw, simplified);
    const sides: [Expr, ...Side[]] = [root, raw];
    if (simplified !== raw) sides.push(simplified);
    out.push(makeStep({ ...describeSimplify(raw, simplified), expr: root, result: simplified, depth: 0 }, sides, notations));
  }
  return out;
}

/** An equation side: an expression, or a formula printed by the notation (one with pending derivatives). */
type Side = Expr | ((n: Notation) => string);

interface Described {
  readonly rule: StepRule;
  readonly title: Phrase;
  readonly inner?: readonly Expr[];
  readonly entry?: Phrase;
  readonly expr: Expr;
  readonly result: Expr;
  readonly depth: number;
}

function makeStep(d: Described, [lhs, ...rhs]: [Expr, ...Side[]], notations: { text: Notation; latex: Notation }): Step {
  const equation = (n: Notation) => [n.applied(n.operator, n.expr(lhs)), ...rhs.map((s) => (typeof s === "function" ? s(n) : n.expr(s)))];
  const title = render(d.title, notations.text);
  const titleLatex = render(d.title, notations.latex);
  const text = equation(notations.text);
  const latex = equation(notations.latex);
  return {
    rule: d.rule,
    expr: d.expr,
    result: d.result,
    depth: d.depth,
    ...(d.inner && { inner: d.inner }),
    ...(d.entry && { entry: render(d.entry, notations.text) }),
    title,
    titleLatex,
    equation: text,
    equationLatex: latex,
    text: `${title}: ${text.join(" = ")}`,
    latex: `${latex.join(" = ")} \\qquad ${titleLatex}`,
  };
}

/** Whether `e` has more than `limit` distinct subexpressions (stops counting there). */
function exceeds(e: Expr, limit: number): boolean {
  const seen = new Set<Expr>();
  const stack = [e];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (seen.size > limit) return true;
    stack.push(...children(node));
  }
  return false;
}

/** The derivation as a LaTeX `align*` block: one row per step, equations aligned at `=`, the rule on the right. */
export function stepsToLatex(derivation: readonly Step[]): string {
  const rows = derivation.flatMap((s, i) => {
    const [lhs, ...rhs] = s.equationLatex;
    const row = `  ${lhs} &= ${rhs.join(" = ")} && ${s.titleLatex}`;
    const heading = orderHeading(derivation, i);
    return heading ? [`  &\\text{${heading}}`, row] : [row];
  });
  return `\\begin{align*}\n${rows.join(" \\\\\n")}\n\\end{align*}`;
}

/** The derivation as numbered lines of text, indented by depth; a higher derivative's orders are headed. */
export function stepsToText(derivation: readonly Step[]): string {
  const width = String(derivation.length).length;
  return derivation
    .flatMap((s, i) => {
      const step = `${String(i + 1).padStart(width)}. ${"  ".repeat(s.depth)}${s.title}:\n${" ".repeat(width + 2)}${"  ".repeat(s.depth)}${s.equation.join(" = ")}`;
      const heading = orderHeading(derivation, i);
      return heading ? [`${heading}:`, step] : [step];
    })
    .join("\n");
}

const ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"];

/** "Second derivative" before the first step of each order of a higher derivative; undefined elsewhere. */
function orderHeading(derivation: readonly Step[], i: number): string | undefined {
  const order = derivation[i]!.order;
  if (order === undefined || (i > 0 && derivation[i - 1]!.order === order)) return undefined;
  const word = ORDINALS[order - 1] ?? `order ${order}`;
  return `${word[0]!.toUpperCase()}${word.slice(1)} derivative`;
}
