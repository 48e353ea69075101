/**
 * The expression a syntax tree means: numbers made exact, names resolved to constants and variables, calls to the
 * function table (with the spellings in SUGAR), and chains of sums and products made n-ary. Both readers (text and
 * LaTeX) end here, so a name or a call means the same whichever way it was written.
 */
import type { Token } from "moo";
import { describeValue } from "../arguments.js";
import { add, call, div, mul, neg, num, PI, pow, sym, MINUS_ONE, ONE } from "../ast/build.js";
import { type Expr, isExpr } from "../ast/expr.js";
import { Rational } from "../ast/rational.js";
import { ArgumentError, LimitError, type ParseError } from "../errors.js";
import { FUNCTION_NAMES, functionRow } from "../functions.js";
import { errorAt } from "./position.js";
import type { ParseOptions } from "./statement.js";
import type { Syntax } from "./syntax.js";

/** Spellings that are rewritten into other expressions rather than kept as calls. */
const SUGAR: ReadonlyMap<string, ReadonlyMap<number, (...args: Expr[]) => Expr>> = new Map([
  ["sqrt", new Map([[1, (u: Expr) => pow(u, num(Rational.HALF))]])],
  ["cbrt", new Map([[1, (u: Expr) => pow(u, num(Rational.of(1, 3)))]])],
  ["log", new Map([[2, (u: Expr, b: Expr) => div(call("log", [u]), call("log", [b]))]])],
]);

/** `log_2`, `log_10`: the logarithm to a whole-number base, as textbooks write it (`log_2 x` is log(x)/log(2)). */
const LOG_BASE = /^log_(\d+)$/;

/** Every callable name: table functions, their aliases, the sugar above and logarithms to a base. */
export function isBuiltinFunction(name: string): boolean {
  return FUNCTION_NAMES.has(name) || SUGAR.has(name) || LOG_BASE.test(name);
}

/**
 * The function `f^-1` means when written before its argument (`sin^-1 x`, `\sin^{-1} x`): its inverse, as textbooks
 * write it, for the functions whose inverse is in the table (`asin`, `asinh`...). Undefined for the others
 * (`ln^-1 x`: the reciprocal or exp? the readers refuse it).
 */
export function inverseFunction(name: string): string | undefined {
  const canonical = FUNCTION_NAMES.get(name);
  return canonical === undefined ? undefined : FUNCTION_NAMES.get(`a${canonical}`);
}

/** `-1` as the readers' syntax writes it: the exponent that makes `sin^-1` the inverse function. */
export function isMinusOne(s: Syntax): boolean {
  return s.type === "unary" && s.op === "-" && s.operand.type === "number" && s.operand.token.value === "1";
}

/** Marks a node on the build stack whose operands are still to be pushed. */
const EXPAND = -1;

/**
 * Post-order walk with an explicit stack. A chain of the same precedence (`a - b + c`, `a*b/c d`) becomes one
 * n-ary sum or product, so a sum of 100,000 terms is built in linear time.
 */
export function buildExpression(text: string, root: Syntax, options: ParseOptions): Expr {
  const values: Expr[] = [];
  // Each node is on the stack twice: to push its operands (EXPAND), then, with the index in `values` where its
  // operands' values start, to combine them.
  const nodes: Syntax[] = [root];
  const marks: number[] = [EXPAND];
  let node = root;
  try {
    while (nodes.length > 0) {
      node = nodes.pop()!;
      const mark = marks.pop()!;
      if (mark !== EXPAND) values.push(combine(text, node, values, mark, options));
      else if (node.type === "number") values.push(number(text, node.token));
      else if (node.type === "name") values.push(name(text, node.token, options));
      else {
        nodes.push(node);
        marks.push(values.length);
        pushOperands(node, nodes, marks);
      }
    }
  } catch (e) {
    throw e instanceof LimitError ? errorAt(text, offsetOf(node), e.message, "", "") : e;
  }
  return values[0]!;
}

function offsetOf(syntax: Syntax): number {
  let s = syntax;
  while (s.type === "binary") s = s.left;
  return s.token.offset;
}

/** Whether `s` continues a chain of sums (`additive`) or of products. */
function continuesChain(s: Syntax, additive: boolean): s is Syntax & { type: "binary" } {
  return s.type === "binary" && s.op !== "^" && (s.op === "+" || s.op === "-") === additive;
}

/** Pushes the operands of `node` so that they pop (and so are built) left to right. */
function pushOperands(node: Syntax, nodes: Syntax[], marks: number[]): void {
  const push = (s: Syntax) => {
    nodes.push(s);
    marks.push(EXPAND);
  };
  switch (node.type) {
    case "unary":
      push(node.operand);
      break;
    case "call":
      for (let i = node.args.length - 1; i >= 0; i--) push(node.args[i]!);
      break;
    case "binary": {
      if (node.op === "^") {
        push(node.right);
        push(node.left);
        break;
      }
      // The whole left-leaning chain of this precedence level, right to left.
      const additive = node.op === "+" || node.op === "-";
      let s: Syntax = node;
      for (; continuesChain(s, additive); s = s.left) push(s.right);
      // A product's leading sign applies to the whole product (see `combine`).
      while (!additive && s.type === "unary") s = s.operand;
      push(s);
      break;
    }
  }
}

/** The expression of `node` from its operands' values, `values[start..]`, which it removes. */
function combine(text: string, node: Syntax, values: Expr[], start: number, options: ParseOptions): Expr {
  switch (node.type) {
    case "unary": {
      const x = values.pop()!;
      return node.op === "-" ? neg(x) : x;
    }
    case "call":
      return applyFunction(text, node.name, node.token, values.splice(start), options);
    case "binary": {
      if (node.op === "^") {
        const exponent = values.pop()!;
        return pow(values.pop()!, exponent);
      }
      const additive = node.op === "+" || node.op === "-";
      let i = values.length - 1;
      let s: Syntax = node;
      for (; continuesChain(s, additive); s = s.left, i--) {
        if (s.op === "-") values[i] = neg(values[i]!);
        else if (s.op === "/") values[i] = pow(values[i]!, MINUS_ONE);
      }
      if (additive) return add(...values.splice(start));
      // A product's leading sign applies to the whole product: -(a + b)*c is -((a + b)*c), the same value, and the
      // same expression the printer writes that way (a sign distributed into the sum would be another expression).
      let negated = false;
      for (; s.type === "unary"; s = s.operand) negated = negated !== (s.op === "-");
      const product = mul(...values.splice(start));
      return negated ? neg(product) : product;
    }
    default:
      throw new Error(`internal: a ${node.type} has no operands`);
  }
}

/** Numbers beyond this decimal exponent are refused (they would be huge exact integers). */
const MAX_EXPONENT = 400;

function number(text: string, token: Token): Expr {
  const digits = token.value; // the text, or the ASCII digits of a superscript exponent

  const e = Math.max(digits.indexOf("e"), digits.indexOf("E"));
  if (e === -1 && !digits.includes(".")) return num(digits.length < 4 ? Number(digits) : BigInt(digits)); // an integer, the common case
  if (e !== -1 && Math.abs(Number(digits.slice(e + 1))) > MAX_EXPONENT) {
    throw errorAt(text, token.offset, `number '${digits}' out of range (exponents up to ±${MAX_EXPONENT})`, digits, "");
  }
  return num(Rational.fromDecimal(digits));
}

/** Names of constants: pi, and Euler's number as `e`, or `E` as SymPy and math.js print it. */
export const CONSTANTS: ReadonlyMap<string, Expr> = new Map([
  ["pi", PI],
  ["π", PI],
  ["e", call("exp", [ONE])],
  ["E", call("exp", [ONE])],
]);

function name(text: string, token: Token, options: ParseOptions): Expr {
  const n = token.value; // the name as spelled canonically (`w_{1}` is w_1)
  const constant = CONSTANTS.get(n);
  if (constant) return constant;
  if (isBuiltinFunction(n) || options.functions?.has(n)) {
    throw errorAt(text, token.offset, `'${n}' is a function`, n, `a call such as ${n}(x)`);
  }
  const f = options.variables?.includes(n) ? undefined : functionPrefix(n);
  if (f !== undefined) {
    const rest = n.slice(f.length);
    throw errorAt(text, token.offset, `'${n}' is ambiguous: ${f}(${rest}), or a variable named ${n}?`, n, `${f}(${rest}) or ${f} ${rest} for the function; another name for a variable, such as ${f}_${rest}`);
  }
  return sym(n);
}

/**
 * Functions textbooks write before their argument without parentheses, longest first (so `sinhx` is sinh x). A name
 * made of one of them and a single letter, possibly with digits (`sinx`, `sin2x`, `lnx`, `cosθ`, `expx1`), has two
 * readings; other names (`costs`, `sin_x`, `signal`) are variables.
 */
const TEXTBOOK_FUNCTIONS = [
  ...["sin", "cos", "tan", "sec", "csc", "cot"].flatMap((f) => [f, `${f}h`, `a${f}`, `arc${f}`, `a${f}h`, `ar${f}h`, `arc${f}h`]),
  "exp", "ln", "log", "sqrt", "cbrt",
].filter(isBuiltinFunction).sort((a, b) => b.length - a.length);
/** One of them (or `log_2`...), then one letter with digits before or after it (`x`, `2x`, `θ`, `x1`, `x_1`). */
const FUNCTION_AND_LETTER = new RegExp(String.raw`^(log_\d+|${TEXTBOOK_FUNCTIONS.join("|")})\d*\p{L}(?:\d*|_\w*)$`, "u");

/** The function a name starts with, when the rest is a single letter: `sinx` has two readings. */
function functionPrefix(name: string): string | undefined {
  return FUNCTION_AND_LETTER.exec(name)?.[1];
}

function applyFunction(text: string, fname: string, token: Token, args: Expr[], options: ParseOptions): Expr {
  const fail = (reason: string, expected = "") => errorAt(text, token.offset, reason, fname, expected);
  const plural = (n: number) => `${n} argument${n === 1 ? "" : "s"}`;

  const user = options.functions?.get(fname);
  if (user && !isBuiltinFunction(fname)) {
    if (args.length !== user.params.length) throw fail(`${fname} expects ${plural(user.params.length)}, got ${args.length}`);
    const result: unknown = user.apply(args);
    if (!isExpr(result)) throw new ArgumentError(`the function ${fname} given to parse returned ${describeValue(result)}, not an expression`);
    return result;
  }
  const sugar = SUGAR.get(fname)?.get(args.length);
  if (sugar) return sugar(...args);
  const base = LOG_BASE.exec(fname)?.[1];
  if (base !== undefined) {
    if (args.length !== 1) throw fail(`${fname} expects 1 argument, got ${args.length}`);
    if (Number(base) < 2) throw fail(`${fname} has no meaning: a logarithm's base is positive and not 1`, "a base such as log_2, log_10, or log for the natural logarithm");
    return div(call("log", [args[0]!]), call("log", [num(BigInt(base))]));
  }
  const canonical = FUNCTION_NAMES.get(fname);
  if (canonical === undefined) throw unknownFunction(text, fname, token, options);
  const arity = functionRow(canonical).arity;
  const accepted = [arity, ...(SUGAR.get(fname)?.keys() ?? [])];
  if (!accepted.includes(args.length)) {
    throw fail(`${fname} expects ${accepted.map(plural).join(" or ")}, got ${args.length}`);
  }
  return call(canonical, args);
}

/**
 * The error for a call of an unknown function, with the fix for what it most likely is: a misspelled function
 * (`sinn(x)`), a product written without its operator (`x(x+1)`, `xsin(x)`), or a derivative (`f'(x)`).
 */
function unknownFunction(text: string, fname: string, token: Token, options: ParseOptions): ParseError {
  const fail = (reason: string, expected: string) => errorAt(text, token.offset, reason, fname, expected);
  const argument = argumentText(text, token.offset + token.text.length);
  if (fname.endsWith("'")) {
    const f = fname.replace(/'+$/, "");
    return fail(`${fname}(${argument}), a derivative, is read only on the left of an equation: ${fname}(x) = ...`, `d/dx ${f}(${argument}) to differentiate ${f}`);
  }
  if (CONSTANTS.has(fname)) return fail(`'${fname}' is a constant, not a function`, `${fname}*(${argument}) or ${fname} (${argument}) for a product`);
  const known = [...FUNCTION_NAMES.keys(), ...SUGAR.keys(), ...(options.functions?.keys() ?? [])];
  const hint = closest(fname, known);
  const suffix = known.filter((f) => fname.endsWith(f) && f.length < fname.length).sort((a, b) => b.length - a.length)[0];
  if (suffix !== undefined) {
    const factor = fname.slice(0, -suffix.length);
    return fail(`unknown function '${fname}'`, `${factor}*${suffix}(${argument}) or ${factor} ${suffix}(${argument}) for a product`);
  }
  const product = `${fname}*(${argument}) or ${fname} (${argument}) for a product`;
  return fail(`unknown function '${fname}'`, hint ? `'${hint}', a known function, or ${product}` : `${product}, or a known function`);
}

/** The text of a call's arguments, from `start` (just after its `(`) to its `)`, shortened when long. */
function argumentText(text: string, start: number): string {
  let depth = 1;
  let end = start;
  for (; end < text.length && depth > 0; end++) {
    if ("([{".includes(text[end]!)) depth++;
    else if (")]}".includes(text[end]!)) depth--;
  }
  const inside = text.slice(start, depth === 0 ? end - 1 : end).trim();
  return inside.length > 20 ? "..." : inside;
}

/** The known name closest to `name` (one edit away, two for longer names), for "did you mean" hints. */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = name.length >= 5 ? 3 : 2;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}
