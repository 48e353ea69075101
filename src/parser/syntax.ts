/**
 * The syntax tree that the grammar's postprocessors record. Each postprocessor is O(1): the parser calls them for
 * every partial parse, so real work (building canonical expressions) waits until the parse has succeeded.
 */
import type { Token } from "moo";

export type BinaryOperator = "+" | "-" | "*" | "/" | "^";

export type Syntax =
  | { readonly type: "number"; readonly token: Token }
  | { readonly type: "name"; readonly token: Token }
  | { readonly type: "call"; readonly token: Token; readonly args: readonly Syntax[] }
  | { readonly type: "unary"; readonly op: "+" | "-"; readonly operand: Syntax; readonly token: Token }
  | { readonly type: "binary"; readonly op: BinaryOperator; readonly left: Syntax; readonly right: Syntax };

/** nearley hands each postprocessor the matched symbols' data as an untyped array. */
type Data = readonly unknown[];

export const binary = (d: Data): Syntax => {
  const [left, token, right] = d as [Syntax, Token, Syntax];
  return { type: "binary", op: token.value as BinaryOperator, left, right };
};
export const unary = (d: Data): Syntax => {
  const [token, operand] = d as [Token, Syntax];
  return { type: "unary", op: token.value as "+" | "-", operand, token };
};
export const number = (d: Data): Syntax => ({ type: "number", token: d[0] as Token });
export const name = (d: Data): Syntax => ({ type: "name", token: d[0] as Token });
export const call = (d: Data): Syntax => {
  const args: Syntax[] = [];
  for (let list: ArgumentList | undefined = d[1] as ArgumentList | undefined; list; list = list.before) args.push(list.last);
  return { type: "call", token: d[0] as Token, args: args.reverse() };
};
export const group = (d: Data): Syntax => d[1] as Syntax;
/** Arguments so far, last first (none: undefined): adding one is O(1), where copying an array would be quadratic. */
type ArgumentList = { readonly last: Syntax; readonly before: ArgumentList | undefined };
export const noArguments = (): ArgumentList | undefined => undefined;
export const firstArgument = (d: Data): ArgumentList => ({ last: d[0] as Syntax, before: undefined });
export const nextArgument = (d: Data): ArgumentList => ({ last: d[2] as Syntax, before: d[0] as ArgumentList });
