/**
 * The syntax tree: the tokens of an accepted expression shaped by precedence (src/parser/precedence.ts). The build
 * step in src/parser/parse.ts turns it into a canonical expression.
 */
import type { Token } from "moo";

export type BinaryOperator = "+" | "-" | "*" | "/" | "^";
export type Sign = "+" | "-";

export type Syntax =
  | { readonly type: "number"; readonly token: Token }
  | { readonly type: "name"; readonly token: Token }
  | { readonly type: "call"; readonly name: string; readonly token: Token; readonly args: readonly Syntax[] }
  | { readonly type: "unary"; readonly op: Sign; readonly operand: Syntax; readonly token: Token }
  | { readonly type: "binary"; readonly op: BinaryOperator; readonly left: Syntax; readonly right: Syntax };
