/** The REPL's own commands. Each is one entry of the table in commands.ts. */
import { diff } from "../diff.js";
import { ArgumentError } from "../errors.js";
import { toLatexMatrix } from "../print/latex.js";
import { NAME } from "../parser/lexer.js";
import { emptyMatrixNote, GRADIENT, HESSIAN, matrixText, matrixVariables, type Shape } from "../cli/grad.js";
import type { ReplCommand, SessionContext } from "./command.js";

export const helpCommand: ReplCommand = {
  name: ":help",
  takesArgument: false,
  usage: ":help",
  summary: "this list",
  example: ":help",
  run: (_, session) => helpText(session),
};

export const varsCommand: ReplCommand = {
  name: ":vars",
  takesArgument: false,
  usage: ":vars",
  summary: "list the definitions",
  example: ":vars",
  run: (_, session) => {
    const defs = [...session.definitions.values()];
    return defs.length === 0 ? "no definitions yet (define one with f = x^2*y)" : defs.map((d) => session.describe(d)).join("\n");
  },
};

export const latexModeCommand: ReplCommand = {
  name: ":latex",
  takesArgument: false,
  usage: ":latex",
  summary: "switch between text and LaTeX output",
  example: ":latex",
  run: (_, session) => {
    session.latex = !session.latex;
    return `LaTeX output ${session.latex ? "on" : "off"}`;
  },
};

export const lnModeCommand: ReplCommand = {
  name: ":ln",
  takesArgument: false,
  usage: ":ln",
  summary: "switch between log(x), exp(x) and ln(x), e^x in text output",
  example: ":ln",
  run: (_, session) => {
    session.ln = !session.ln;
    return session.ln ? "ln(x) and e^x on" : "log(x) and exp(x) again";
  },
};

export const quitCommand: ReplCommand = {
  name: ":quit",
  head: /^:(quit|q|exit)$/,
  takesArgument: false,
  usage: ":quit",
  summary: "leave (or Ctrl-D)",
  example: ":quit",
  run: (_, session) => {
    session.done = true;
    return undefined;
  },
};

export const latexCommand: ReplCommand = {
  name: "latex",
  takesArgument: true,
  usage: "latex <line>",
  summary: "print one result as LaTeX",
  example: "latex d/dx x^2/(x + 1)",
  run: ({ rest, restOffset }, session) => {
    const mode = session.latex;
    session.latex = true;
    try {
      return session.executePart(rest, restOffset);
    } finally {
      session.latex = mode;
    }
  },
};

/** `d/dx expr`, `d2/dx2 expr`, `d/dθ expr`, each optionally `at x=1`. */
export const derivativeCommand: ReplCommand = {
  name: "d/dx",
  head: new RegExp(`^d(\\d*)\\/d${NAME}$`, "u"),
  takesArgument: true,
  usage: "dN/dxN <expr> [at x=1]",
  summary: "derivative (order N, default 1)",
  example: "d2/dx2 x^3*y",
  run: ({ head, rest, restOffset }, session) => {
    const { variable, order } = derivativeHead(head);
    const note = session.definedVariablesNote([variable]);
    const result = session.evaluateLine(rest, restOffset, (f) => {
      // `d3/dx2` reads as the third derivative in a variable x2; without an x2 in sight it is a typo, not a 0.
      const [top, bottom] = head.split("/") as [string, string];
      if (top.length > 1 && variable === bottom.slice(1) && /\d$/.test(variable) && !f.vars.has(variable)) {
        const letters = variable.replace(/\d+$/, "");
        throw new ArgumentError(
          `'${head}': the order on top (${top.slice(1)}) differs from the one below, and there is no variable ${variable}; write ${top}/d${letters}${top.slice(1)}`,
        );
      }
      return diff(f, variable, order);
    }, new Set([variable]));
    return note ? `${result}\n${note}` : result;
  },
};

/** `:unset x y`: forget definitions (values or functions), so that a name given a value is a variable again. */
export const unsetCommand: ReplCommand = {
  name: ":unset",
  takesArgument: false,
  usage: ":unset <name> ...",
  summary: "forget definitions (a name given a value becomes a variable again)",
  example: ":unset x",
  run: ({ head, rest }, session) => {
    const names = rest.split(/[\s,]+/u).filter((n) => n !== "");
    if (names.length === 0) throw new ArgumentError(`write the names to forget, as in ${head} x`);
    const unknown = names.filter((n) => !session.definitions.has(n));
    if (unknown.length > 0) throw new ArgumentError(`${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not defined (:vars lists the definitions)`);
    session.unset(names);
    return `${names.join(", ")} ${names.length === 1 ? "is" : "are"} no longer defined`;
  },
};

/**
 * `del x`: the same as `:unset x`, as Python spells it. It needs a name after it: `del` alone is an expression (a
 * variable named del).
 */
export const delCommand: ReplCommand = {
  ...unsetCommand,
  name: "del",
  takesArgument: true,
  usage: "del <name> ...",
  summary: "the same as :unset",
  example: "del x",
};

/** `d2/dx2` → x, 2. The variable is what follows `d`, less the order when one is written on top. */
function derivativeHead(head: string): { variable: string; order: number } {
  const [top, bottom] = head.split("/") as [string, string];
  const order = top.length > 1 ? Number(top.slice(1)) : 1;
  // Beyond 2^53 the order is rounded (10^20 - 1 would become 10^20) and the result silently wrong.
  if (!Number.isSafeInteger(order)) throw new ArgumentError(`derivative order ${top.slice(1)} is too large (at most ${Number.MAX_SAFE_INTEGER})`);
  const name = bottom.slice(1);
  const variable = top.length > 1 && name.endsWith(top.slice(1)) ? name.slice(0, -(top.length - 1)) : name;
  return { variable, order };
}

function matrixCommand(name: string, shape: Shape, summary: string, example: string): ReplCommand {
  return {
    name,
    takesArgument: true,
    usage: `${name} <expr>`,
    summary,
    example,
    run: ({ rest, restOffset }, session) => {
      const f = session.parse(rest, restOffset);
      const vars = matrixVariables(f);
      if (vars.length === 0) return `note: ${emptyMatrixNote(shape, rest)}`;
      const matrix = shape.compute(f, vars);
      return session.latex ? toLatexMatrix(matrix) : matrixText(shape, vars, matrix.map((row) => row.map((e) => session.render(e)))).join("\n");
    },
  };
}

export const gradCommand = matrixCommand("grad", GRADIENT, "gradient over all variables", "grad x^2*y + sin(y)");
export const hessianCommand = matrixCommand("hessian", HESSIAN, "Hessian matrix over all variables", "hessian x^2*y + sin(y)");

function helpText(session: SessionContext): string {
  const commands = session.commandList;
  const width = Math.max(...commands.map((c) => c.usage.length), 24);
  const row = (usage: string, summary: string, example: string) => `  ${usage.padEnd(width)}  ${summary}${example ? `, e.g. ${example}` : ""}`;
  return [
    "Type an expression to simplify it. Also:",
    row("name = <expr>", "define a value", "f = x^2*y + sin(y)"),
    row("name(x, y) = <expr>", "define a function", "g(x, y) = x*y"),
    row("<expr> at x=1, y=2", "substitute values and evaluate", "f at x=1, y=2"),
    row("diff(<expr>, x)", "derivative inside an expression", "diff(f, y) + 1"),
    ...commands.map((c) => row(c.usage, c.summary, c.example === c.usage ? "" : c.example)),
    "Tab completes function and defined names; Up/Down recall history; Ctrl-C clears the line.",
  ].join("\n");
}
