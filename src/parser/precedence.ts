/**
 * Operator precedence, resolved after the parse. The grammar (grammar/expression.ne) only recognises expressions, as
 * operands separated by infix operators; once it has accepted the tokens, `syntaxOf` shapes them into the syntax tree
 * by the shunting-yard method. It works with explicit stacks, so deep nesting cannot overflow the call stack.
 */
import type { Token } from "moo";
import { inverseFunction, isMinusOne } from "./expression.js";
import { CLOSERS, CLOSING, endsOperand, functionPowerAt, type TokenType } from "./lexer.js";
import { errorAt } from "./position.js";
import type { BinaryOperator, Sign, Syntax } from "./syntax.js";

/**
 * How tightly each operator binds its operands, loosest first. Signs bind looser than ^ but tighter than * and /:
 * -x^2 is -(x^2), 2^-x is 2^(-x), and -2*x is (-2)*x. A root binds like a sign: √2x is √2·x, √x^2 is √(x^2). An open
 * bracket or call binds nothing: it stays on the operator stack until its closer.
 *
 * A bare function (`sin x`) binds like a product, with one difference: implicit multiplication does not end its
 * argument, so the argument is the run of juxtaposed factors after it (`sin 2x` is sin(2x), `sin x^2` is sin(x^2)),
 * as in textbooks and SymPy's implicit application. An explicit operator ends it (`sin x/2` is sin(x)/2, `sin x*y`
 * is sin(x)*y), and so does the next function, call or root (`sin x cos x` is sin(x)*cos(x)).
 */
const OPEN = 0;
const SUM = 1;
const PRODUCT = 2;
const APPLY = PRODUCT;
const SIGN = 3;
const POWER = 4;

/** Token types that start a juxtaposed factor which ends a bare function's argument. */
const ENDS_ARGUMENT: ReadonlySet<string> = new Set(["functionName", "call", "root"]);
/** Brackets that, right after a bare function, delimit its argument as a call's parentheses do: `sin (x) y` is sin(x)*y. */
const BRACKETS: ReadonlySet<string> = new Set(["lparen", "lbracket", "lbrace"]);

/**
 * A function applied to what follows it: its name token, its power (`sin^2 x`) if written, where its argument starts
 * in the text, and where its arguments will start in the operand stack.
 */
type Application = { readonly token: Token; readonly power?: Syntax; readonly argumentOffset: number; readonly argumentStart: number };

/**
 * The syntax tree of `tokens` (an expression of `text`), which the grammar has accepted (anything else is an internal
 * error). + - * / are left-associative: an operator first applies the pending ones that bind at least as tightly
 * (`a - b + c` is `(a - b) + c`). ^ is right-associative: it applies none (`2^3^2` is `2^(3^2)`). Prefixes (signs,
 * roots, bare functions) have nothing to their left to apply.
 */
export function syntaxOf(text: string, tokens: readonly Token[]): Syntax {
  const operands: Syntax[] = [];
  // Pending operators, prefixes, open brackets and calls, innermost last, with how tightly each binds and, for a
  // function application (a call, or a bare function), what it applies.
  const operators: Token[] = [];
  const strengths: number[] = [];
  const applications: (Application | undefined)[] = [];

  /**
   * Applies the pending operators that bind at least as tightly as `strength`, innermost first; with
   * `withinArgument`, stops at a bare function, whose argument goes on.
   */
  const applyDownTo = (strength: number, withinArgument = false) => {
    while (strengths.length > 0 && strengths[strengths.length - 1]! >= strength) {
      if (withinArgument && operators[operators.length - 1]!.type === "functionName") return;
      reduce();
    }
  };
  const reduce = () => {
    const token = operators.pop()!;
    const strength = strengths.pop()!;
    const application = applications.pop();
    if (application) operands.push(applied(text, application, operands.splice(application.argumentStart)));
    else if (token.type === "root") operands.push(root(token, operands.pop()!));
    else if (strength === SIGN) operands.push({ type: "unary", op: token.value as Sign, operand: operands.pop()!, token });
    else {
      const right = operands.pop()!;
      operands.push({ type: "binary", op: token.value as BinaryOperator, left: operands.pop()!, right });
    }
  };
  const open = (token: Token, strength: number, application?: Application) => {
    operators.push(token);
    strengths.push(strength);
    applications.push(application);
  };
  /** Closes the innermost bracket or call: its contents have been applied down to it. */
  const close = () => {
    const token = operators.pop()!;
    strengths.pop();
    const application = applications.pop();
    if (application) operands.push(applied(text, application, operands.splice(application.argumentStart)));
    else if (token.type === "lbar") operands.push({ type: "call", name: "abs", token, args: [operands.pop()!] });
  };

  let previous: TokenType | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    let type = token.type as TokenType;
    switch (type) {
      case "number":
      case "name":
        operands.push({ type, token });
        break;
      case "lparen":
      case "lbracket":
      case "lbrace":
      case "lbar":
        open(token, OPEN);
        break;
      case "call":
        open(token, OPEN, { token, argumentOffset: token.offset + token.text.length, argumentStart: operands.length });
        break;
      case "functionName": {
        let power: Syntax | undefined;
        const written = functionPowerAt(tokens, i); // checked by the parser: a whole number, after an optional sign
        if (written) {
          const { sign, number } = written;
          const operand: Syntax = { type: "number", token: number! };
          power = sign ? { type: "unary", op: sign.value as Sign, operand, token: sign } : operand;
          i = written.end - 1;
        }
        const application = { token, power, argumentOffset: tokens[i + 1]!.offset, argumentStart: operands.length };
        if (BRACKETS.has(tokens[i + 1]!.type!)) {
          type = tokens[++i]!.type as TokenType; // `sin (x)`, `sin^2 [x]`: the bracket is the argument
          open(tokens[i]!, OPEN, application);
        } else open(token, APPLY, application);
        break;
      }
      case "root":
        open(token, SIGN);
        break;
      case "comma": // an argument is complete
        applyDownTo(SUM);
        break;
      case "rparen":
      case "rbracket":
      case "rbrace":
      case "rbar":
        applyDownTo(SUM);
        close();
        break;
      case "additive":
        // A + or - where no operand has just ended is a sign.
        if (endsOperand(previous)) {
          applyDownTo(SUM);
          open(token, SUM);
        } else open(token, SIGN);
        break;
      case "multiplicative": {
        // Juxtaposition (an implicit `*`, with no text) goes on a bare function's argument, unless a function follows.
        const next = tokens[i + 1]!;
        applyDownTo(PRODUCT, token.text === "" && !ENDS_ARGUMENT.has(next.type!));
        if (token.text === "" && operators[operators.length - 1]?.type === "functionName") checkArgumentGoesOn(text, tokens, i + 1, applications[applications.length - 1]!);
        open(token, PRODUCT);
        break;
      }
      case "pow":
        open(token, POWER);
        break;
      default:
        throw new Error(`internal: the grammar accepted a token of type ${type} in an expression`);
    }
    previous = type;
  }
  applyDownTo(SUM);
  if (operands.length !== 1 || operators.length !== 0) throw new Error("internal: the grammar accepted an incomplete expression");
  return operands[0]!;
}

/**
 * A bracket after a space in a bare function's argument has two readings: `sin x (x+1)` could be sin(x)*(x+1) or
 * sin(x*(x+1)). Refused, with both spelled out; without the space (`sin 2(x+1)`), the bracket is in the argument.
 */
function checkArgumentGoesOn(text: string, tokens: readonly Token[], next: number, application: Application): void {
  const bracket = tokens[next]!;
  if (!(bracket.type! in CLOSING) || bracket.type === "call" || !/\s/.test(text[bracket.offset - 1] ?? "")) return;
  let depth = 0;
  let end = next;
  for (; end < tokens.length; end++) {
    const type = tokens[end]!.type!;
    if (type in CLOSING) depth++;
    else if (CLOSERS.has(type)) depth--;
    if (depth === 0) break;
  }
  const closer = tokens[Math.min(end, tokens.length - 1)]!;
  const f = application.token;
  const name = text.slice(f.offset, application.argumentOffset).trimEnd();
  const argument = text.slice(application.argumentOffset, bracket.offset).trim();
  const factor = text.slice(bracket.offset, closer.offset + closer.text.length);
  const found = `${name} ${argument} ${factor}`;
  throw errorAt(text, f.offset, `'${found}' is ambiguous: is ${factor} part of ${name}'s argument?`, found, `${name}(${argument}) ${factor} for a product, or ${name}(${argument} ${factor}) for one argument`);
}

/** A function applied to its arguments: a call, raised to the function's power if one was written. */
function applied(text: string, { token, power }: Application, args: Syntax[]): Syntax {
  const name = token.type === "call" ? token.text.slice(0, -1) : token.text;
  if (power === undefined) return { type: "call", name, token, args };
  if (isMinusOne(power)) {
    const inverse = inverseFunction(name);
    if (inverse === undefined) {
      throw errorAt(text, token.offset, `${name}^-1 has no inverse function here`, `${name}^-1`, `1/${name}(x) for the reciprocal, or the inverse function by its name`);
    }
    return { type: "call", name: inverse, token, args };
  }
  return { type: "binary", op: "^", left: { type: "call", name, token, args }, right: power };
}

/** `√x`, `∛x`: sqrt and cbrt; `∜x`, which has no function of its own: x^(1/4). */
function root(token: Token, radicand: Syntax): Syntax {
  if (token.value === "2") return { type: "call", name: "sqrt", token, args: [radicand] };
  if (token.value === "3") return { type: "call", name: "cbrt", token, args: [radicand] };
  const number = (value: string): Syntax => ({ type: "number", token: { ...token, type: "number", value } });
  return { type: "binary", op: "^", left: radicand, right: { type: "binary", op: "/", left: number("1"), right: number(token.value) } };
}
