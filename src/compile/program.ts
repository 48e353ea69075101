/**
 * Straight-line code for a set of expressions over the shared expression DAG, with common subexpressions computed once.
 *
 * Nodes are interned, so a repeated subexpression is the very same object wherever it occurs — in one expression or
 * across the whole set (a loss and all its partial derivatives share most of their subtrees). Giving every distinct
 * compound node one local (`const t3 = ...`) is therefore complete common-subexpression elimination.
 *
 * Safety: user-chosen names never reach the source. Parameters become `p0, p1, ...` and intermediates `t0, t1, ...`;
 * the rest is number literals, operators and the `Math.*` forms of the function table.
 *
 * Each statement comes with its name, its code and the locals it reads, so that a large program can be split into
 * several functions (chunks.ts) knowing which values cross from one to another.
 */
import { deepFirst, type Expr } from "../ast/expr.js";
import { ArgumentError } from "../errors.js";
import { evaluate } from "../evaluate.js";
import { type Chain, chainOf, nodeSource, numberLiteral } from "./javascript.js";

/** One intermediate: `const ${name} = ${code};` (see `declaration`). */
export interface Statement {
  /** The local it defines, `tN`. */
  readonly name: string;
  /** The JavaScript computing its value from literals and the locals in `uses`. */
  readonly code: string;
  /** The locals (parameters `pN` and earlier intermediates `tN`) that `code` reads, each once. */
  readonly uses: readonly string[];
}

export interface Program {
  /** Local name of each parameter, in the order given (`p0`, `p1`, ...). */
  readonly params: readonly string[];
  /**
   * The statements computing the intermediates, in dependency order: first those that use none of the `varying`
   * parameters (which a loop over rows computes once), then the others.
   */
  readonly invariant: readonly Statement[];
  readonly statements: readonly Statement[];
  /** An atomic source per expression (a local name or a literal, see `isLocal`), in the order given. */
  readonly results: readonly string[];
}

export function declaration(s: Statement): string {
  return `const ${s.name} = ${s.code};`;
}

/** Whether an atomic source of the program is a local (a parameter or an intermediate) rather than a literal. */
export function isLocal(source: string): boolean {
  return /^[pt]\d+$/.test(source);
}

/**
 * `varying` names the parameters that change from row to row when the program runs in a loop (none by default).
 *
 * With a `chainLength`, no statement adds or multiplies more than that many operands: a longer sum or product is a
 * chain of partial results (`const t7 = t0 + ... + t6; ... t7 + t8 + ...`), each right after the operands it takes,
 * and a chain that starts as an earlier one did goes on from that one's result (the loss's logit sum
 * `b + w1*x1 + ... + wd*xd` inside `... + wd*xd - softplus(z)`). The values are the same to the bit, as JavaScript
 * folds `a + b + c` left to right. A program split into chunks needs it: a statement cannot be split, and partial
 * results computed next to their operands leave one value to cross a chunk boundary instead of all the operands.
 */
export function buildProgram(exprs: readonly Expr[], params: readonly string[], varying: ReadonlySet<string> = new Set(), chainLength?: number): Program {
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

  const invariant: Statement[] = [];
  const statements: Statement[] = [];
  let count = 0;
  const varyingLocals = new Set(params.flatMap((name, i) => (varying.has(name) ? [`p${i}`] : [])));
  // The code of every partial result of a chain so far (`t0 + t1 + t2`), and the local holding it.
  const partials = new Map<string, string>();
  const declare = (code: string, operands: readonly string[]): string => {
    const name = `t${count++}`;
    const isVarying = operands.some((o) => varyingLocals.has(o));
    (isVarying ? statements : invariant).push({ name, code, uses: [...new Set(operands.filter(isLocal))] });
    if (isVarying) varyingLocals.add(name);
    partials.set(code, name);
    return name;
  };
  const chainSource = ({ operator, operands }: Chain): string => {
    const operand = (o: Expr | number) => (typeof o === "number" ? numberLiteral(o) : source(o));
    let group = [operand(operands[0]!)];
    let code = group[0]!;
    for (const o of operands.slice(1)) {
      const x = operand(o);
      // Working out x may have computed a chain that starts as this one does so far (x = softplus(z) in z + ... + x).
      const before = partials.get(code);
      if (before !== undefined) {
        group = [before];
        code = before;
      }
      group.push(x);
      code += ` ${operator} ${x}`;
      const known = partials.get(code) ?? (group.length === chainLength ? declare(code, group) : undefined);
      if (known !== undefined) {
        group = [known];
        code = known;
      }
    }
    return group.length === 1 ? group[0]! : declare(code, group);
  };
  const sources = new Map<Expr, string>();
  const source = (e: Expr): string => {
    let s = sources.get(e);
    if (s !== undefined) return s;
    const chain = chainLength === undefined ? undefined : chainOf(e);
    if (e.kind === "sym") s = local.get(e.name)!;
    // Constant subtrees fold at compile time through evaluate itself, so folding cannot change a single bit.
    else if (e.vars.size === 0) s = numberLiteral(evaluate(e));
    else if (chain !== undefined) s = chainSource(chain);
    else {
      const uses = new Set<string>();
      const code = nodeSource(e, (child) => {
        const c = source(child);
        if (isLocal(c)) uses.add(c);
        return c;
      });
      s = `t${count++}`;
      const isVarying = [...e.vars].some((v) => varying.has(v));
      (isVarying ? statements : invariant).push({ name: s, code, uses: [...uses] });
      if (isVarying) varyingLocals.add(s);
    }
    sources.set(e, s);
    return s;
  };
  // Children first on deep input, so that `source` recurses only where it is shallow.
  for (const e of exprs) deepFirst(e, source, (n) => sources.has(n));
  const results = exprs.map(source);
  return { params: params.map((_, i) => `p${i}`), invariant, statements, results };
}
