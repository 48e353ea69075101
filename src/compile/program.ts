/**
 * Straight-line code for a set of expressions over the shared expression DAG, with common subexpressions computed once.
 *
 * Nodes are interned, so a repeated subexpression is the very same object wherever it occurs — in one expression or
 * across the whole set (a loss and all its partial derivatives share most of their subtrees). Giving every distinct
 * compound node one local (`const t3 = ...`) is therefore complete common-subexpression elimination.
 *
 * Safety: user-chosen names never reach the source. Parameters become `p0, p1, ...` and intermediates `t0, t1, ...`;
 * the rest is number literals, operators and the `Math.*` forms of the function table.
 */
import { deepFirst, type Expr } from "../ast/expr.js";
import { ArgumentError } from "../errors.js";
import { evaluate } from "../evaluate.js";
import { nodeSource, numberLiteral } from "./javascript.js";

export interface Program {
  /** Local name of each parameter, in the order given (`p0`, `p1`, ...). */
  readonly params: readonly string[];
  /**
   * Statements computing the intermediates, each `const tN = ...;`, in dependency order: first those that use none
   * of the `varying` parameters (which a loop over rows computes once), then the others.
   */
  readonly invariant: readonly string[];
  readonly statements: readonly string[];
  /** An atomic source per expression (a local name or a literal), in the order given. */
  readonly results: readonly string[];
}

/** `varying` names the parameters that change from row to row when the program runs in a loop (none by default). */
export function buildProgram(exprs: readonly Expr[], params: readonly string[], varying: ReadonlySet<string> = new Set()): Program {
  const local = new Map<string, string>();
  params.forEach((name, i) => {
    if (typeof name !== "string") throw new ArgumentError(`parameter ${i + 1} must be a variable name, got ${typeof name}`);
    if (local.has(name)) throw new ArgumentError(`parameter '${name}' is listed twice`);
    local.set(name, `p${i}`);
  });
  for (const e of exprs) {
    for (const v of e.vars) {
      if (!local.has(v)) throw new ArgumentError(`variable '${v}' is not among the parameters [${params.join(", ")}]`);
    }
  }

  const invariant: string[] = [];
  const statements: string[] = [];
  let count = 0;
  const sources = new Map<Expr, string>();
  const source = (e: Expr): string => {
    let s = sources.get(e);
    if (s !== undefined) return s;
    if (e.kind === "sym") s = local.get(e.name)!;
    // Constant subtrees fold at compile time through evaluate itself, so folding cannot change a single bit.
    else if (e.vars.size === 0) s = numberLiteral(evaluate(e));
    else {
      const code = nodeSource(e, source);
      s = `t${count++}`;
      ([...e.vars].some((v) => varying.has(v)) ? statements : invariant).push(`const ${s} = ${code};`);
    }
    sources.set(e, s);
    return s;
  };
  // Children first on deep input, so that `source` recurses only where it is shallow.
  for (const e of exprs) deepFirst(e, source, (n) => sources.has(n));
  const results = exprs.map(source);
  return { params: params.map((_, i) => `p${i}`), invariant, statements, results };
}
