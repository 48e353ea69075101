/**
 * Operator precedence, resolved after the parse. The grammar (grammar/expression.ne) only recognises expressions, as
 * operands separated by infix operators; once it has accepted the tokens, `syntaxOf` shapes them into the syntax tree
 * by the shunting-yard method. It works with explicit stacks, so deep nesting cannot overflow the call stack.
 */
import type { Token } from "moo";
import { endsOperand, type TokenType } from "./lexer.js";
import type { BinaryOperator, Sign, Syntax } from "./syntax.js";

/**
 * How tightly each operator binds its operands, loosest first. Signs bind looser than ^ but tighter than * and /:
 * -x^2 is -(x^2), 2^-x is 2^(-x), and -2*x is (-2)*x. An open parenthesis or call binds nothing: it stays on the
 * operator stack until its ')' closes it.
 */
const OPEN = 0;
const SUM = 1;
const PRODUCT = 2;
const SIGN = 3;
const POWER = 4;

/**
 * The syntax tree of `tokens`, which the grammar has accepted (anything else is an internal error). + - * / are
 * left-associative: an operator first applies the pending ones that bind at least as tightly (`a - b + c` is
 * `(a - b) + c`). ^ is right-associative: it applies none (`2^3^2` is `2^(3^2)`). A sign is a prefix: there is
 * nothing to its left to apply.
 */
export function syntaxOf(tokens: readonly Token[]): Syntax {
  const operands: Syntax[] = [];
  // Pending operators, open parentheses and calls, innermost last, with how tightly each binds.
  const operators: Token[] = [];
  const strengths: number[] = [];
  // Per open call, the index in `operands` where its arguments start.
  const argumentStarts: number[] = [];

  /** Applies the pending operators that bind at least as tightly as `strength`, innermost first. */
  const applyDownTo = (strength: number) => {
    while (strengths.length > 0 && strengths[strengths.length - 1]! >= strength) {
      const token = operators.pop()!;
      if (strengths.pop() === SIGN) {
        operands.push({ type: "unary", op: token.value as Sign, operand: operands.pop()!, token });
      } else {
        const right = operands.pop()!;
        operands.push({ type: "binary", op: token.value as BinaryOperator, left: operands.pop()!, right });
      }
    }
  };
  const open = (token: Token, strength: number) => {
    operators.push(token);
    strengths.push(strength);
  };
  /** Closes the innermost parenthesis or call: its contents have been applied down to it. */
  const close = () => {
    const token = operators.pop()!;
    strengths.pop();
    if (token.type === "call") operands.push({ type: "call", name: token.text.slice(0, -1).trimEnd(), token, args: operands.splice(argumentStarts.pop()!) });
  };

  let previous: TokenType | undefined;
  for (const token of tokens) {
    const type = token.type as TokenType;
    switch (type) {
      case "number":
      case "name":
        operands.push({ type, token });
        break;
      case "lparen":
        open(token, OPEN);
        break;
      case "call":
        argumentStarts.push(operands.length);
        open(token, OPEN);
        break;
      case "comma": // an argument is complete
        applyDownTo(SUM);
        break;
      case "rparen":
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
      case "multiplicative":
        applyDownTo(PRODUCT);
        open(token, PRODUCT);
        break;
      case "pow":
        open(token, POWER);
        break;
      default:
        throw new Error(`internal: the grammar accepted a token of type ${type}`);
    }
    previous = type;
  }
  applyDownTo(SUM);
  if (operands.length !== 1 || operators.length !== 0) throw new Error("internal: the grammar accepted an incomplete expression");
  return operands[0]!;
}
