/**
 * What each step says about its rule: "chain rule with u = 3*x^2 + x and d/du sin(u) = cos(u)". Descriptions are
 * phrases of words and formulas, so that one description prints as text and as LaTeX.
 */
import { call, isNegative, sym } from "../ast/build.js";
import type { Expr, Sym } from "../ast/expr.js";
import { functionRow } from "../functions.js";
import type { RuleName } from "../rules/rule.js";
import { instantiate } from "../templates.js";
import type { Notation } from "./notation.js";

/**
 * The rule a step applies: one of the engine's rules, or the final simplification; in implicit differentiation also
 * differentiating both sides of the equation, collecting the dy/dx terms and solving for dy/dx.
 */
export type StepRule = RuleName | "difference" | "function" | "simplify" | "implicit" | "collect" | "solve";

/** Words (strings) and formulas (printed by the notation). */
export type Phrase = readonly (string | ((n: Notation) => string))[];

export function render(phrase: Phrase, n: Notation): string {
  return phrase.map((piece) => (typeof piece === "string" ? n.words(piece) : piece(n))).join("");
}

export interface RuleDescription {
  readonly rule: StepRule;
  readonly title: Phrase;
  /** The inner functions of a chain rule. */
  readonly inner?: readonly Expr[];
  /** The table entries of a chain rule. */
  readonly entry?: Phrase;
}

const NAMES: Readonly<Record<RuleName, string>> = {
  constant: "constant rule",
  variable: "variable rule",
  sum: "sum rule",
  "constant multiple": "constant multiple rule",
  product: "product rule",
  quotient: "quotient rule",
  reciprocal: "reciprocal rule",
  power: "power rule",
  exponential: "exponential rule",
  "general power": "general power rule",
  chain: "chain rule",
};

/** The description of `rule` applied to `e`; letters for inner functions are chosen free of `root`'s variables. */
export function describeRule(rule: RuleName, e: Expr, x: Sym, root: Expr): RuleDescription {
  switch (rule) {
    case "sum":
      return e.kind === "add" && e.terms.some(isNegative) ? { rule: "difference", title: ["difference rule"] } : { rule, title: [NAMES[rule]] };
    case "power":
    case "exponential": {
      if (e.kind !== "pow") break;
      const inner = rule === "power" ? e.base : e.exponent;
      if (inner === x) return { rule, title: [NAMES[rule]] };
      const [u] = letters(root, 1);
      return { rule, title: [`${NAMES[rule]} and chain rule with `, equals(u!, inner)], inner: [inner] };
    }
    case "chain":
      if (e.kind === "call") return describeChain(e.name, e.args, x, root);
      break;
    default:
      return { rule, title: [NAMES[rule]] };
  }
  throw new Error(`internal: the ${rule} rule applied to a ${e.kind} node`);
}

/** The chain rule, or just the table entry when the arguments that vary are the variable itself. */
function describeChain(name: string, args: readonly Expr[], x: Sym, root: Expr): RuleDescription {
  const row = functionRow(name);
  const params = letters(root, row.arity).map(sym);
  const varying = args.flatMap((arg, i) => (arg.vars.has(x.name) ? [i] : []));
  const general = call(name, params);
  const entry = joined(
    varying.map((i) => (n: Notation) => `${n.letterOperator(params[i]!.name, row.arity > 1)} ${n.expr(general)} = ${n.expr(instantiate(row.derivative[i]!, params))}`),
  );
  if (varying.every((i) => args[i] === x)) {
    return { rule: "function", title: [(n) => n.words(`derivative of ${n.functionName(name)}, `), ...entry], entry };
  }
  const inner = varying.map((i) => args[i]!);
  const substitutions = joined(varying.map((i) => equals(params[i]!.name, args[i]!)));
  return { rule: "chain", title: ["chain rule with ", ...substitutions, " and ", ...entry], inner, entry };
}

export function describeSimplify(raw: Expr, simplified: Expr): RuleDescription {
  return { rule: "simplify", title: [raw === simplified ? "put together" : "put together and simplify"] };
}

function equals(letter: string, e: Expr): (n: Notation) => string {
  return (n) => `${n.expr(sym(letter))} = ${n.expr(e)}`;
}

function joined(formulas: readonly ((n: Notation) => string)[]): Phrase {
  return formulas.flatMap((f, i) => (i === 0 ? [f] : [", ", f]));
}

const LETTERS = ["u", "v", "w", "s", "t", "p", "q", "r"];

/** Names for inner functions that the expression does not use itself. */
function letters(root: Expr, count: number): string[] {
  const free = LETTERS.filter((l) => !root.vars.has(l));
  for (let i = 0; free.length < count; i++) if (!root.vars.has(`u${i}`)) free.push(`u${i}`);
  return free.slice(0, count);
}
