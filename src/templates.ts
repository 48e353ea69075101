/**
 * Formulas written as text in the function table (derivatives, special values), parsed once on first use.
 * `u` and `v` stand for a function's first and second argument.
 */
import { rebuild } from "./ast/build.js";
import { children, type Expr, pin } from "./ast/expr.js";
import { parse } from "./parser/parse.js";

const PARAMETERS = ["u", "v"];

/** A template as a function of its arguments. */
type Builder = (args: readonly Expr[]) => Expr;

const parsed = new Map<string, Expr>();
const builders = new Map<string, Builder>();

export function template(text: string): Expr {
  let t = parsed.get(text);
  if (!t) {
    t = pin(parse(text)); // kept for good, so the nodes are every generation's (see expr.ts)
    parsed.set(text, t);
  }
  return t;
}

/** The template with `u`, `v` replaced by the given arguments. */
export function instantiate(text: string, args: readonly Expr[]): Expr {
  let build = builders.get(text);
  if (!build) {
    build = builder(template(text));
    builders.set(text, build);
  }
  return build(args);
}

/**
 * The template's tree, walked once, as nested constructor calls over the arguments: instantiating then makes only
 * the nodes that hold an argument, with no walk, lookup table or cache per call (the chain rule instantiates a
 * template for every function call it differentiates).
 */
function builder(t: Expr): Builder {
  if (t.kind === "sym") {
    const i = PARAMETERS.indexOf(t.name);
    if (i >= 0) return (args) => args[i]!;
  }
  if (!PARAMETERS.some((p) => t.vars.has(p))) return () => t;
  const parts = children(t).map(builder);
  return (args) => rebuild(t, parts.map((build) => build(args)));
}
