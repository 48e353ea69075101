/** The eight expressions of issue 5, and fresh variable names for cold calls (shared by the derivative and memory suites). */

export interface Case {
  readonly label: string;
  readonly text: string;
  readonly wrt: string;
}

const POLYNOMIAL_20 = ["1", "2*x", ...Array.from({ length: 18 }, (_, i) => `${i + 3}*x^${i + 2}`)].join("+");

export const CASES: readonly Case[] = [
  { label: "x^2*y+sin(y)", text: "x^2*y+sin(y)", wrt: "x" },
  { label: "sin(3*x^2+x)", text: "sin(3*x^2+x)", wrt: "x" },
  { label: "(4*x^2+x)*(x^3+8*x^2)", text: "(4*x^2+x)*(x^3+8*x^2)", wrt: "x" },
  { label: "x^x", text: "x^x", wrt: "x" },
  { label: "BCE of sigmoid (d/dw)", text: "-(y*log(1/(1+exp(-(w*x+b))))+(1-y)*log(1-1/(1+exp(-(w*x+b)))))", wrt: "w" },
  { label: "20-term polynomial", text: POLYNOMIAL_20, wrt: "x" },
  { label: "atan(x/y)*exp(-x^2-y^2)", text: "atan(x/y)*exp(-x^2-y^2)", wrt: "x" },
  { label: "sqrt(1+sin(x)^2)/log(x)", text: "sqrt(1+sin(x)^2)/log(x)", wrt: "x" },
];

/** Single-letter variables (not function names, not the constant e) get the suffix `i`: fresh nodes per call. */
export function renamed(c: Case, i: number): Case {
  const rename = (s: string) => s.replace(/\b([a-df-z])\b(?!\s*\()/g, `$1${i}`);
  return { ...c, text: rename(c.text), wrt: rename(c.wrt) };
}

