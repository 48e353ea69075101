/**
 * The moo lexer. Whitespace separates tokens (`x y` is two names, `xy` one) and is then dropped, so the grammar
 * never mentions it. A name directly followed by `(` is a single `call` token, which keeps `f(x)` (a call) apart
 * from `2(x)` (implicit multiplication) without grammar ambiguity.
 */
import moo from "moo";

const NAME = String.raw`[\p{L}_][\p{L}\p{N}_]*`;

const rules = {
  space: { match: /\s+/u, lineBreaks: true },
  number: /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/u,
  call: new RegExp(`${NAME}[ \\t]*\\(`, "u"),
  name: new RegExp(NAME, "u"),
  pow: ["^", "**"],
  times: ["*", "·", "×"],
  divide: ["/", "÷"],
  plus: "+",
  minus: ["-", "−"],
  lparen: "(",
  rparen: ")",
  comma: ",",
  invalid: { match: /[^]/u, lineBreaks: true },
};

export type TokenType = keyof typeof rules;

const base = moo.compile(rules);

/** A moo lexer that skips whitespace tokens; nearley drives it through this interface. */
export const lexer = {
  reset(chunk: string, state?: moo.LexerState) {
    base.reset(chunk, state);
  },
  next(): moo.Token | undefined {
    let token = base.next();
    while (token?.type === "space") token = base.next();
    return token;
  },
  save: () => base.save(),
  formatError: (token: moo.Token, message?: string) => base.formatError(token, message),
  has: (type: string) => base.has(type),
};

/** All tokens of `text` (whitespace dropped), for callers that inspect the input before parsing. */
export function* tokens(text: string): Generator<moo.Token> {
  base.reset(text);
  for (let t = base.next(); t; t = base.next()) if (t.type !== "space") yield t;
}
