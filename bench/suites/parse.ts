/**
 * Parse time against input size (goal: linear), and what happens to a 1 MB input (parse within 2 s, or a fast
 * LimitError naming the limit). Peak memory is the growth of the process's maximum resident set, so it shows only
 * when a case needs more memory than every case before it (cases run smallest first).
 */
import { MAX_INPUT_LENGTH, parse } from "../../dist/index.js";
import { describeFit, fitGrowth } from "../lib/growth.js";
import { printTable } from "../lib/table.js";
import { timeCalls, timeOnce } from "../lib/timing.js";

const LETTERS = "abcdfghijklmnopqrstuvwxyz"; // no e: it is Euler's number

/** `a + b + c + ...`: the densest sum, two characters per term. */
function letterSum(terms: number): string {
  return Array.from({ length: terms }, (_, i) => LETTERS[i % LETTERS.length]).join("+");
}

/** `1*x^0 + 2*x^1 + ...`: a polynomial, about eight characters per term. */
function polynomialSum(terms: number): string {
  return Array.from({ length: terms }, (_, i) => `${i + 1}*x^${i % 100}`).join("+");
}

/** `text` with its first term renamed v<i>, whole terms dropped at the end to keep it no longer. */
function unique(text: string, i: number): string {
  const head = `v${i}`;
  const rest = text.slice(text.indexOf("+"));
  return head + rest.slice(0, rest.lastIndexOf("+", rest.length - head.length));
}

const peakMB = () => process.resourceUsage().maxRSS / 1024;

interface Row {
  readonly family: string;
  readonly terms: number;
  readonly text: string;
}

export async function run(): Promise<void> {
  const rows: Row[] = [];
  for (const terms of [1_000, 10_000, 50_000, 75_000, 100_000]) rows.push({ family: "a+b+c+...", terms, text: letterSum(terms) });
  for (const terms of [1_000, 10_000, 12_000, 100_000]) rows.push({ family: "k*x^j + ...", terms, text: polynomialSum(terms) });

  for (let i = 0; i < 5; i++) parse(polynomialSum(2_000)); // let the JIT compile the parser before timing it
  console.log(`Input limit: ${MAX_INPUT_LENGTH.toLocaleString("en")} characters. Median of rounds (fewer for slow cases).\n`);
  const measured: { chars: number; ms: number }[] = [];
  const table = [];
  for (const { family, terms, text } of rows) {
    if (text.length > MAX_INPUT_LENGTH) {
      table.push([family, terms, text.length, "—", "—", "—", rejection(text)]);
      continue;
    }
    const before = peakMB();
    // A different first name per call (v1, v2, ...; the last term or two dropped to keep the length), so that
    // parse's cache of recent texts never answers (cycling through 25 letters let it answer from the 26th call on).
    const { micros } = await timeCalls((i) => unique(text, i), parse, { rounds: 5, budgetMs: 6000 });
    const ms = micros / 1000;
    measured.push({ chars: text.length, ms });
    table.push([family, terms, text.length, ms, (micros * 1000) / text.length, peakMB() - before, "parsed"]);
  }
  printTable(["terms", "count", "characters", "ms", "ns/char", "peak +MB", "outcome"], table);
  const fit = fitGrowth(
    measured.map((m) => m.chars),
    measured.map((m) => m.ms),
  );
  console.log(`fit: time ${describeFit(fit, "chars")}`);

  let terms = 0;
  let oneMB = "";
  while (oneMB.length < 2 ** 20) oneMB = polynomialSum((terms += 10_000));
  console.log(`\nA 1 MB input (k*x^j + ..., ${terms.toLocaleString("en")} terms, ${oneMB.length.toLocaleString("en")} characters): ${rejection(oneMB)}`);
}

/** Parses `text` once and says how it ended and how long that took. */
function rejection(text: string): string {
  const { ms, result } = timeOnce(() => {
    try {
      parse(text);
      return "parsed";
    } catch (e) {
      return `${(e as Error).name}: ${(e as Error).message}`;
    }
  });
  return `${result} (${ms.toFixed(1)} ms)`;
}
