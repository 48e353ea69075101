/**
 * `expect(a).toBeExpr(b)`: a and b are the same expression. Within a generation of nodes that is `===`; across one
 * (a test file that makes more than GENERATION_BYTES of nodes starts new ones) it is `equals`, which is what the
 * library promises for expressions made far apart (README, "Equality"). The message shows both as text.
 */
import { expect } from "vitest";
import { equals, isExpr } from "../../src/ast/expr.js";
import { format } from "../../src/print/text.js";

interface ExprMatchers<R = unknown> {
  toBeExpr(expected: unknown): R;
}

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Assertion<T = any> extends ExprMatchers<T> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AsymmetricMatchersContaining extends ExprMatchers {}
}

expect.extend({
  toBeExpr(received: unknown, expected: unknown) {
    if (!isExpr(received) || !isExpr(expected)) {
      return { pass: false, message: () => `toBeExpr compares expressions, got ${typeof received} and ${typeof expected}` };
    }
    const pass = equals(received, expected);
    return {
      pass,
      message: () => `expected ${format(received)} ${pass ? "not " : ""}to be the expression ${format(expected)}`,
    };
  },
});
