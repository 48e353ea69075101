/**
 * The homework checker page in a real browser: Debian's Chromium driven by playwright-core, against the page as
 * built by Vite and served by the real `symdiff serve` (dist/cli.js, built by `npm test`'s pretest).
 * Expected values come from the library itself: the page must show exactly what `diff`, `toLatex` and `steps` give.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { steps } from "../../src/homework/steps.js";
import { diff, format, toLatex } from "../../src/index.js";

const CHROMIUM = "/usr/bin/chromium";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = fileURLToPath(new URL("../../dist/cli.js", import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL("./__screenshots__/", import.meta.url));

let server: ChildProcess | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];

/** Starts `symdiff serve` on a free port and resolves to the URL it prints. */
function serve(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "serve"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    server = child;
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
      if (url) resolve(url[0]);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`symdiff serve exited with ${code}: ${output}`)));
  });
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: install it with 'apt-get install -y chromium' (.ci/run does this in CI)`);
  }
  await build({ configFile: fileURLToPath(new URL("../../web/vite.config.ts", import.meta.url)), logLevel: "error" });
  const url = await serve();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
  page.on("response", (r) => r.status() >= 400 && pageErrors.push(`${r.status()} ${r.url()}`));
  await page.goto(url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.kill("SIGINT");
});

/** Types into an input as a person does, replacing what was there. */
async function type(selector: string, text: string) {
  await page.fill(selector, "");
  await page.type(selector, text);
}

/** Saves a screenshot of the whole page under test/web/__screenshots__/ (not committed) and prints its path. */
async function screenshot(name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}${name}`;
  await page.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
  return path;
}

/** The LaTeX source KaTeX keeps inside what it rendered. */
const renderedLatex = (selector: string) => page.locator(`${selector} annotation[encoding="application/x-tex"]`).first().textContent();

describe("the homework checker page", () => {
  it("renders the derivative of what is typed, with KaTeX", async () => {
    await type("#expr", "x^2*sin(x)");
    const expected = diff("x^2*sin(x)", "x");
    await page.waitForSelector(`#result[data-text="${format(expected)}"]`);
    expect(await renderedLatex("#result")).toBe(toLatex(expected, { lhs: { of: "x^2*sin(x)", wrt: "x" } }));
    expect(await page.locator(".katex-error").count()).toBe(0);
  });

  it("shows the steps, each naming its rule", async () => {
    const derivation = steps("x^2*sin(x)", "x");
    const items = page.locator("#steps > li");
    await expect.poll(() => items.count()).toBe(derivation.length);
    expect(await items.evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.rule))).toEqual(derivation.map((s) => s.rule));
    expect(await renderedLatex("#steps > li:first-child .math")).toBe(derivation[0]!.equationLatex.join(" = "));
  });

  it("says a wrong answer is wrong, with a point where it differs", async () => {
    await type("#answer", "2x cos(x)");
    await page.click("#check");
    const verdict = page.locator("#verdict");
    await expect.poll(() => verdict.getAttribute("data-verdict")).toBe("incorrect");
    expect(await verdict.textContent()).toMatch(/Not correct.*At x = -?[\d.]+ your answer is -?[\d.]+, but the derivative is -?[\d.]+\./);
    await screenshot("homework-checker-wrong-answer.png");
  });

  it("says a right answer is right, in whatever form it is written", async () => {
    await type("#answer", "2x sin(x) + x^2 cos(x)");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#verdict").getAttribute("data-verdict")).toBe("correct");
    expect(await page.locator("#verdict").textContent()).toContain("Correct");
  });

  it("takes a screenshot for people to look at", async () => {
    expect(existsSync(await screenshot("homework-checker.png"))).toBe(true);
  });

  it("shows formulas too long to typeset as plain text rather than freezing the tab", async () => {
    // 300 nested sines: 1.4 MB of LaTeX over the derivative and its 300 steps, half a minute or more of KaTeX layout.
    const deep = `${"sin(".repeat(300)}x${")".repeat(300)}`;
    const expected = format(diff(deep, "x"));
    await page.fill("#expr", deep);
    const result = page.locator("#result.plain");
    await expect.poll(() => result.getAttribute("data-text"), { timeout: 20_000 }).toBe(expected);
    expect(await result.textContent()).toBe(`d/dx = ${expected}`);
    expect(await page.locator("#result .katex").count()).toBe(0);
    expect(await page.locator("#steps > li").count()).toBe(steps(deep, "x").length);
  });

  it("points at a typing mistake instead of failing", async () => {
    await type("#expr", "x^2 +");
    const error = page.locator("#expr-error");
    // Poll the text, not the visibility: the error for a partly typed line ("x^") is visible first.
    await expect.poll(() => error.textContent()).toBe("x^2 +\n     ^ unexpected end of input at 1:6, expected an expression");
    expect(await error.isVisible()).toBe(true);
  });

  it("works opened straight from disk too", async () => {
    const fromDisk = await browser!.newPage();
    const errors: string[] = [];
    fromDisk.on("pageerror", (e) => errors.push(e.message));
    fromDisk.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await fromDisk.goto(new URL("../../dist/web/index.html", import.meta.url).href);
    await fromDisk.waitForSelector(`#result[data-text="${format(diff("sin(3x^2 + x)", "x"))}"] .katex`);
    await fromDisk.close();
    expect(errors).toEqual([]);
  });

  it("ran without errors in the page, and every file it asked for was there", () => {
    expect(pageErrors).toEqual([]);
  });
});
