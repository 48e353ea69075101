/** Help texts in one layout, with the common options described once. */

const OPTION_HELP = {
  wrt: "--wrt x[,y]     the variable; a list is a mixed partial, x first (default: the only variable)",
  vars: "--vars x,y      the variables, in order (default: all, sorted); --wrt x,y is the same",
  order: "--order n       differentiate n times (default 1)",
  implicit: "--implicit y    the input is a curve (x^2 + y^2 = 1): dy/dx on it, by --wrt x",
  at: "--at x=1,y=2    also evaluate at this point: exactly where possible, with the decimal (values may be pi/6)",
  atRequired: "--at x=1,y=2    the point (values may be constants such as pi/6)",
  latex: "--latex         print LaTeX instead of text",
  json: "--json          print one JSON object per expression, for scripts (a failure too: error, kind, ...)",
  ln: "--ln            write ln(x) and e^x rather than log(x) and exp(x)",
  latexIn: "--latex-in      read the expressions as LaTeX (automatic for text with a \\command such as \\frac)",
  help: "-h, --help      show this help",
} as const;

export type OptionName = keyof typeof OPTION_HELP;

export interface HelpSpec {
  readonly usage: string;
  readonly description: string;
  readonly options: readonly OptionName[];
  /** Command lines, each optionally followed by `  # its output`, lines joined by ", " (a test runs them). */
  readonly examples: readonly string[];
  readonly notes?: string;
}

export function helpText(spec: HelpSpec): string {
  const lines = [`Usage: ${spec.usage}`, "", spec.description, ""];
  if (spec.options.length > 0) lines.push("Options:", ...[...spec.options, "help" as const].map((o) => `  ${OPTION_HELP[o]}`), "");
  if (spec.notes) lines.push(spec.notes, "");
  lines.push("Examples:", ...spec.examples.map((e) => `  ${e}`), "");
  return lines.join("\n");
}
