/**
 * The REPL's state and the meaning of a line, independent of any terminal: `execute(line)` returns what to print.
 *
 * A line is, in this order:
 * - a command (`:help`, `grad f`, `d/dx f`, ...; see commands.ts), chosen by its first word;
 * - a definition, `f = x^2*y + sin(y)` or `g(x, y) = x*y`. Definitions are values: names used on the right are
 *   replaced by their definitions at that moment, so redefining `f` later does not change `h = f + 1`;
 * - an expression, printed simplified, optionally evaluated at a point: `f at x=1, y=2`. The substitution is exact
 *   (`x^2*y at x=1/2` gives `y/4`); a constant result that is not a plain number also shows its decimal value.
 * `diff(expr, x)` may be used inside any expression.
 */
import type { Expr } from "../ast/expr.js";
import { diff } from "../diff.js";
import { ArgumentError } from "../errors.js";
import { substitute } from "../ast/transform.js";
import { NAME } from "../parser/lexer.js";
import { CONSTANTS, isBuiltinFunction, parse, type UserFunction } from "../parser/parse.js";
import { toLatex } from "../print/latex.js";
import { format } from "../print/text.js";
import { simplify } from "../simplify/simplify.js";
import { type Assignment, assignments, shifted } from "../cli/args.js";
import { constantValue, substituted, valueText } from "../cli/point.js";
import { AT_POINT, type CommandInput, type Definition, type ReplCommand, type SessionContext } from "./command.js";
import { REPL_COMMANDS } from "./commands.js";

export type { Definition } from "./command.js";

const DEFINITION = new RegExp(String.raw`^\s*(${NAME})\s*(?:\(([^()]*)\))?\s*=(?!=)`, "u");
/** Names a definition may not take: they already mean something in every expression. */
const RESERVED = new Set([...CONSTANTS.keys(), "diff"]);

const NO_NAMES: ReadonlySet<string> = new Set();

export class Session implements SessionContext {
  private readonly defs = new Map<string, Definition>();
  /** Names used as variables so far (in definitions and expressions): giving one a value deserves a warning. */
  private readonly usedAsVariables = new Set<string>();
  /** Print LaTeX instead of text. */
  latex = false;
  /** Print `ln` and `e^x` in text. */
  ln = false;
  /** Set by `:quit`. */
  done = false;
  /** The last line's answer was a failure (an incorrect `check`). */
  failed = false;
  /** The line being executed: parse errors are reported in its coordinates. */
  private line = "";

  constructor(private readonly commands: readonly ReplCommand[] = REPL_COMMANDS) {}

  /** What `line` prints; throws a SymdiffError (with a position in `line` for parse errors) for bad input. */
  execute(line: string): string | undefined {
    this.line = line;
    this.failed = false;
    if (line.trim() === "") return undefined;
    const found = this.command(line);
    if (found) return found.command.run(found.input, this);
    // No expression starts with ':', so this is a mistyped command, not bad syntax.
    const colon = /^\s*(:\S*)/.exec(line);
    if (colon) throw new ArgumentError(`unknown command '${colon[1]}' (:help lists the commands)`);
    const definition = DEFINITION.exec(line);
    if (definition) return this.define(definition[1]!, definition[2], definition[0].length);
    return this.evaluateLine(line, 0);
  }

  get definitions(): ReadonlyMap<string, Definition> {
    return this.defs;
  }

  get commandList(): readonly ReplCommand[] {
    return this.commands;
  }

  /** Text or LaTeX, as the session is set. */
  render(e: Expr): string {
    return this.latex ? toLatex(e) : format(e, { ln: this.ln });
  }

  /**
   * Parses `text`, which starts at `offset` in the current line, with the session's definitions applied, except
   * that the names in `variables` stay variables.
   */
  parse(text: string, offset: number, variables: ReadonlySet<string> = NO_NAMES): Expr {
    return shifted(this.line, offset, () => this.resolve(text, variables));
  }

  /**
   * The expression in `text` (at `offset` in the line), transformed by `transform` and evaluated at the point
   * given by a trailing `at x=1, y=2`, if any.
   */
  evaluateLine(text: string, offset: number, transform: (e: Expr) => Expr = simplify, variables: ReadonlySet<string> = NO_NAMES): string {
    const split = [...text.matchAll(AT_POINT)].pop();
    if (!split) return this.show(transform(this.parse(text, offset, variables)), false);
    const expression = transform(this.parse(text.slice(0, split.index), offset, variables));
    const pointOffset = offset + split.index + split[0].length;
    const point = this.readPoint(text.slice(split.index + split[0].length), pointOffset);
    return this.show(substituted(expression, point), true);
  }

  readPoint(text: string, offset: number): Assignment[] {
    return shifted(this.line, offset, () => assignments(text, (t) => this.resolve(t)));
  }

  /**
   * A result. A constant without a real value (1/0, log(-1)) is an error saying why; evaluated at a point, a constant
   * shows its decimal value beside it, as `symdiff eval` does (see cli/point.ts), unless it is a plain whole number.
   */
  private show(result: Expr, atPoint: boolean): string {
    if (result.vars.size > 0) return this.render(result);
    const value = constantValue(result);
    if (!atPoint) return this.render(result);
    return valueText(value, (e) => this.render(e), this.latex ? "\\approx" : "≈");
  }

  /** A command or an expression that is part of the current line, starting at `offset` (as in `latex d/dx f`). */
  executePart(text: string, offset: number): string | undefined {
    const found = this.command(text);
    if (found) return found.command.run({ ...found.input, restOffset: offset + found.input.restOffset }, this);
    return this.evaluateLine(text, offset);
  }

  /** The command named by the line's first word (which ends at a space or a parenthesis), if any. */
  private command(line: string): { command: ReplCommand; input: CommandInput } | undefined {
    const match = /^\s*([^\s(]+)/u.exec(line);
    if (!match) return undefined;
    const head = match[1]!;
    const rest = line.slice(match[0].length);
    const command = this.commands.find((c) => (c.head ? c.head.test(head) : c.name === head) && (!c.takesArgument || rest.trim() !== ""));
    return command && { command, input: { head, rest, restOffset: match[0].length } };
  }

  private define(name: string, paramText: string | undefined, bodyOffset: number): string {
    if (RESERVED.has(name) || isBuiltinFunction(name)) throw new ArgumentError(`'${name}' is built in and cannot be redefined`);
    const params = paramText?.split(",").map((p) => p.trim());
    if (params?.some((p) => !new RegExp(`^${NAME}$`, "u").test(p))) throw new ArgumentError(`parameters must be names, as in ${name}(x, y) = x*y`);
    if (params && new Set(params).size !== params.length) throw new ArgumentError(`a parameter of ${name} is repeated`);
    const text = this.line.slice(bodyOffset);
    const parsed = shifted(this.line, bodyOffset, () => parse(text, { functions: this.functions() }));
    // Parameters stay symbols; other defined names are replaced by their current values.
    const body = simplify(substitute(parsed, this.values(new Set(params))));
    const shadowed = !this.defs.has(name) && this.isUsedAsVariable(name);
    this.noteVariables(parsed, params);
    this.defs.set(name, { name, params, body });
    const shown = this.describe(this.defs.get(name)!);
    if (!shadowed) return shown;
    return `${shown}\n${params ? this.functionShadowWarning(name) : this.shadowWarning(name)}`;
  }

  /** Is `name` a variable somewhere: in an earlier line, or in the body of a definition? */
  private isUsedAsVariable(name: string): boolean {
    return this.usedAsVariables.has(name) || [...this.defs.values()].some((d) => d.body.vars.has(name) && !d.params?.includes(name));
  }

  private noteVariables(e: Expr, except: readonly string[] = []): void {
    for (const v of e.vars) if (!this.defs.has(v) && !except.includes(v)) this.usedAsVariables.add(v);
  }

  /**
   * Invariant: a name that was a variable never silently becomes a constant. Giving it a value says what changes,
   * what does not (derivatives with respect to it) and how to undo it.
   */
  private shadowWarning(name: string): string {
    return [
      `note: ${name} was a variable; later lines replace ${name} by this value (d/d${name} still treats ${name} as the variable).`,
      `      ':unset ${name}' makes ${name} a variable again.`,
    ].join("\n");
  }

  /** As `shadowWarning`, for a function: the name alone no longer reads as the variable. */
  private functionShadowWarning(name: string): string {
    return [
      `note: ${name} was a variable; from now on ${name} is this function, called as ${name}(...), and ${name} alone is an error.`,
      `      ':unset ${name}' makes ${name} a variable again.`,
    ].join("\n");
  }

  /** Forgets the definitions of `names`; returns those that had one. */
  unset(names: readonly string[]): string[] {
    return names.filter((n) => this.defs.delete(n));
  }

  /** A note for a derivative with respect to names that have values here; "" when none do. */
  definedVariablesNote(variables: readonly string[]): string {
    const defined = [...new Set(variables)].filter((v) => this.defs.has(v) && !this.defs.get(v)!.params);
    return defined
      .map((v) => `note: ${v} is defined as ${this.render(this.defs.get(v)!.body)}; d/d${v} treats ${v} as the variable (':unset ${v}' forgets the value)`)
      .join("\n");
  }

  /** `f = x^2` or `g(x, y) = x*y`, as the session prints. */
  describe(d: Definition): string {
    return `${d.name}${d.params ? `(${d.params.join(", ")})` : ""} = ${this.render(d.body)}`;
  }

  /** `text` parsed, with defined names replaced by their values except those in `variables`. */
  private resolve(text: string, variables: ReadonlySet<string> = NO_NAMES): Expr {
    const parsed = parse(text, { functions: this.functions() });
    this.noteVariables(parsed);
    return substitute(parsed, this.values(variables));
  }

  private values(except: ReadonlySet<string> = new Set()): Map<string, Expr> {
    const values = new Map<string, Expr>();
    for (const d of this.defs.values()) if (!d.params && !except.has(d.name)) values.set(d.name, d.body);
    return values;
  }

  /** User functions for the parser: the function definitions, and `diff(expr, x)`. */
  private functions(): Map<string, UserFunction> {
    const functions = new Map<string, UserFunction>();
    for (const d of this.defs.values()) {
      if (d.params) functions.set(d.name, { params: d.params, apply: (args) => substitute(d.body, new Map(d.params!.map((p, i) => [p, args[i]!]))) });
    }
    functions.set("diff", {
      params: ["expr", "variable"],
      apply: ([f, v]) => {
        if (v!.kind !== "sym") throw new ArgumentError(`diff(expr, x): the second argument must be a variable, got '${format(v!)}'`);
        // The variable of differentiation stays a variable even if it has a value: d/dx of x^2 is 2*x, not d/dx of 9.
        return diff(substitute(f!, this.values(new Set([v!.name]))), v!.name);
      },
    });
    return functions;
  }
}
