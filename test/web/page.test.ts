/**
 * The derivative practice page in a real browser: Debian's Chromium driven by playwright-core, against the page as
 * built by Vite and served by the real `symdiff serve` (dist/cli.js, built by `npm test`'s pretest).
 * The derivative and steps shown must be exactly what `diff`, `toLatex` and `steps` give; tangents, difference
 * quotients and hints are checked against values worked out by hand.
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
let base: string;
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
  base = await serve();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage({ viewport: { width: 900, height: 1000 } });
  page.on("pageerror", (e) => pageErrors.push(e.message));
  page.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
  page.on("response", (r) => r.status() >= 400 && pageErrors.push(`${r.status()} ${r.url()}`));
  await page.goto(base);
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
async function screenshot(name: string, of: Page = page): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = `${SCREENSHOTS}${name}`;
  await of.screenshot({ path, fullPage: true });
  console.log(`screenshot: ${path}`);
  return path;
}

/** The LaTeX source KaTeX keeps inside what it rendered. */
const renderedLatex = (selector: string) => page.locator(`${selector} annotation[encoding="application/x-tex"]`).first().textContent();

/** Opens the page at `?query` and waits until it has read it (the answer prompt is typeset once the function is). */
async function open(query: string, on: Page = page): Promise<void> {
  await on.goto(`${base}${query}`);
  await on.waitForSelector("#answer-prompt .katex, #expr-error:not([hidden])");
}

/** The pieces of an SVG path drawn by the page, each as its points' x in the plot's own coordinates. */
async function pieces(selector: string): Promise<number[][]> {
  const d = (await page.getAttribute(selector, "d")) ?? "";
  const xMin = Number(await page.getAttribute("#plot", "data-x-min"));
  const xMax = Number(await page.getAttribute("#plot", "data-x-max"));
  const width = Number((await page.getAttribute("#plot", "viewBox"))!.split(" ")[2]);
  return d
    .split("M")
    .filter((piece) => piece !== "")
    .map((piece) => piece.split("L").map((p) => xMin + (Number(p.split(",")[0]) / width) * (xMax - xMin)));
}

const number = async (selector: string, attribute = "data-value") => Number(await page.getAttribute(selector, attribute));

describe("the plot", () => {
  it("draws f and f' as SVG paths over a window around the point", async () => {
    await open("?f=x^2&a=2");
    for (const curve of ["#plot-f", "#plot-df", "#plot-tangent", "#plot-secant"]) expect(await pieces(curve)).toHaveLength(1);
    const xs = (await pieces("#plot-f"))[0]!;
    expect(Math.min(...xs)).toBeLessThan(2);
    expect(Math.max(...xs)).toBeGreaterThan(2);
    // The window takes in the turning point of x^2 at 0, as the x boxes say.
    expect(Number(await page.inputValue("#x-min"))).toBeLessThanOrEqual(0);
    await screenshot("plot-x-squared.png");
  });

  it("leaves a gap at the pole of 1/x instead of a line across it", async () => {
    await open("?f=1/x&a=1");
    const parts = await pieces("#plot-f");
    expect(parts.length).toBeGreaterThanOrEqual(2);
    for (const xs of parts) expect(Math.min(...xs) < 0 && Math.max(...xs) > 0).toBe(false);
  });

  it("leaves a gap at every pole of tan(x) in the window", async () => {
    await open("?f=tan(x)&a=0");
    const xMin = Number(await page.inputValue("#x-min"));
    const xMax = Number(await page.inputValue("#x-max"));
    const poles = [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5].map((k) => k * Math.PI).filter((p) => xMin < p && p < xMax);
    expect(poles.length).toBeGreaterThanOrEqual(2);
    const parts = await pieces("#plot-f");
    expect(parts).toHaveLength(poles.length + 1);
    for (const xs of parts) expect(poles.filter((p) => Math.min(...xs) < p && p < Math.max(...xs))).toEqual([]);
    await screenshot("plot-tan.png");
  });

  it("uses the x range the user types, and Fit chooses one again", async () => {
    await open("?f=x^2&a=2");
    await page.fill("#x-min", "1");
    await page.fill("#x-max", "3");
    await page.press("#x-max", "Enter");
    await expect.poll(() => page.getAttribute("#plot", "data-x-min")).toBe("1");
    expect(await page.getAttribute("#plot", "data-x-max")).toBe("3");
    await page.click("#fit");
    await expect.poll(() => page.getAttribute("#plot", "data-x-min")).not.toBe("1");
  });
});

describe("the tangent", () => {
  it("is y = 4(x - 2) + 4 for x^2 at 2, in LaTeX with a plain-text name", async () => {
    await open("?f=x^2&a=2");
    const tangent = page.locator("#tangent-equation");
    await expect.poll(() => tangent.getAttribute("data-text")).toBe("y = 4(x - 2) + 4");
    expect(await renderedLatex("#tangent-equation")).toBe("y = 4\\left(x - 2\\right) + 4");
    expect(await tangent.getAttribute("aria-label")).toBe("tangent: y = 4(x - 2) + 4");
    expect(await tangent.locator("math").count()).toBe(1);
  });

  it("follows the point typed, exactly: sin(x) at pi/4 and x^2 at -1", async () => {
    await type("#point", "-1");
    await expect.poll(() => page.getAttribute("#tangent-equation", "data-text")).toBe("y = -2(x + 1) + 1");
    await type("#expr", "sin(x)");
    await type("#point", "pi/4");
    await expect.poll(() => page.getAttribute("#tangent-equation", "data-text")).toBe("y = (sqrt(2)/2)(x - pi/4) + sqrt(2)/2");
  });

  it("moves with the arrow keys while the plot has focus", async () => {
    await open("?f=x^2&a=2");
    await page.focus("#plot");
    await page.keyboard.press("ArrowRight");
    // The window is -2..6 wide 8 or more, so a key moves the point by 0.1: 2.1, where the tangent is known by hand.
    await expect.poll(() => page.inputValue("#point")).toBe("2.1");
    expect(await page.getAttribute("#tangent-equation", "data-text")).toBe("y = 4.2(x - 2.1) + 4.41");
    expect(await page.getAttribute("#plot", "aria-valuenow")).toBe("2.1");
  });

  it("moves to where the plot is clicked or dragged", async () => {
    const box = (await page.locator("#plot").boundingBox())!;
    const xMin = await number("#plot", "data-x-min");
    const xMax = await number("#plot", "data-x-max");
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    const a = Number(await page.inputValue("#point"));
    expect(Math.abs(a - (xMin + 0.75 * (xMax - xMin)))).toBeLessThan(0.2);
    expect(await number("#tangent-equation", "data-slope")).toBeCloseTo(2 * a, 12);
  });
});

describe("the secant", () => {
  it("has a difference quotient that approaches f'(a) as h shrinks", async () => {
    await open("?f=x^2&a=2");
    expect(await number("#exact-slope")).toBe(4);
    const quotients: number[] = [];
    for (const position of ["0", "50", "100"]) {
      await page.fill("#h", position);
      const h = Number(await page.textContent("#h-value"));
      const q = await number("#secant-quotient");
      // For x^2 at 2, ((2 + h)^2 - 4)/h = 4 + h exactly; h is shown to 3 digits.
      expect(Math.abs(q - (4 + h))).toBeLessThan(Math.abs(h) * 0.01 + 1e-9);
      quotients.push(q);
    }
    const errors = quotients.map((q) => Math.abs(q - 4));
    expect(errors[1]).toBeLessThan(errors[0]!);
    expect(errors[2]).toBeLessThan(errors[1]!);
    expect(errors[2]).toBeLessThan(1e-3);
    expect(await page.textContent("#exact-slope")).toContain("f′(2)=4");
  });
});

describe("practice mode", () => {
  it("hides the derivative and the steps until the student answers", async () => {
    await open("?f=x^2*sin(x)");
    expect(await page.isVisible("#solution")).toBe(false);
    expect(await page.getAttribute("#result", "data-text")).toBeNull();
    expect(await page.locator("#steps li").count()).toBe(0);
  });

  it("answers a wrong answer with a point where it differs and the step it missed", async () => {
    await type("#answer", "2x sin(x)");
    await page.click("#check");
    const verdict = page.locator("#verdict");
    await expect.poll(() => verdict.getAttribute("data-verdict")).toBe("incorrect");
    expect(await verdict.textContent()).toMatch(/Not correct.*At x = -?[\d.]+ your answer is -?[\d.]+, but the derivative is -?[\d.]+\./);
    // 2x sin(x) is the product rule with d/dx[sin(x)] left out: step 3 of the derivation.
    expect(await page.textContent("#verdict .hint")).toBe(
      "Hint: your answer is what you get when d/dx[sin(x)] is skipped (step 3, the derivative of a known function), which the product rule needs.",
    );
    expect(await page.isVisible("#solution")).toBe(false);
    await screenshot("practice-wrong-answer.png");
  });

  it("hints at the chain rule's inner derivative when it is forgotten", async () => {
    await open("?f=sin(3x^2 + x)&answer=cos(3x^2 + x)");
    await page.click("#check");
    await expect.poll(() => page.getAttribute("#verdict", "data-verdict")).toBe("incorrect");
    expect(await page.getAttribute("#verdict .hint", "data-rule")).toBe("sum");
    expect(await page.textContent("#verdict .hint")).toContain("d/dx[3*x^2 + x] is skipped (step 2, the sum rule), which the chain rule needs.");
  });

  it("names the first rule when no single missed step explains the answer", async () => {
    await open("?f=x^2*sin(x)&answer=2x cos(x)");
    await page.focus("#answer");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.textContent("#verdict .hint")).toBe("Hint: start with the product rule, and work each derivative it needs out in turn.");
  });

  it("says a right answer is right, in whatever form, and then shows the derivative and its steps", async () => {
    await type("#answer", "2x sin(x) + x^2 cos(x)");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getAttribute("#verdict", "data-verdict")).toBe("correct");
    expect(await page.textContent("#verdict")).toContain("Correct");
    const expected = diff("x^2*sin(x)", "x");
    expect(await page.getAttribute("#result", "data-text")).toBe(format(expected));
    expect(await renderedLatex("#result")).toBe(toLatex(expected, { lhs: { of: "x^2*sin(x)", wrt: "x", order: 1 } }));
    const derivation = steps("x^2*sin(x)", "x");
    const items = page.locator("#steps li");
    expect(await items.evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.rule))).toEqual(derivation.map((s) => s.rule));
    expect(await renderedLatex("#steps li:first-child .math")).toBe(derivation[0]!.equationLatex.join(" = "));
    // Accessible text: MathML from KaTeX, and the plain text as the formula's name.
    expect(await page.locator("#result math").count()).toBe(1);
    expect(await page.getAttribute("#result", "aria-label")).toBe(`d/dx = ${format(expected)}`);
    await screenshot("practice-right-answer.png");
  });

  it("shows the derivative on request", async () => {
    await open("?f=e^(2x)");
    await page.click("#show");
    await expect.poll(() => page.getAttribute("#result", "data-text")).toBe(format(diff("e^(2x)", "x")));
    expect(await page.isVisible("#solution")).toBe(true);
  });

  it("checks higher orders and partial derivatives", async () => {
    await open("?f=x^2 y^3&v=y&n=2");
    expect(await page.locator("#wrt option").allTextContents()).toEqual(["x", "y"]);
    expect(await page.inputValue("#wrt")).toBe("y");
    // d²/dy² x^2 y^3 = 6 x^2 y, by hand.
    await type("#answer", "6 x^2 y");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getAttribute("#verdict", "data-verdict")).toBe("correct");
    expect(await page.locator("#steps h3").allTextContents()).toEqual(["Derivative 1 of 2", "Derivative 2 of 2"]);
    // A function of two variables has no plot; the page says why.
    expect(await page.textContent("#plot-note")).toBe("The plot shows functions of one variable; this one has x, y.");
    await page.selectOption("#wrt", "x");
    await type("#answer", "2 y^3");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getAttribute("#verdict", "data-verdict")).toBe("correct");
  });
});

describe("the address bar", () => {
  it("restores function, variable, order, point and answer from a link", async () => {
    await open("?f=x^3&v=x&n=2&a=1&answer=6x");
    expect(await page.inputValue("#expr")).toBe("x^3");
    expect(await page.inputValue("#wrt")).toBe("x");
    expect(await page.inputValue("#order")).toBe("2");
    expect(await page.inputValue("#point")).toBe("1");
    expect(await page.inputValue("#answer")).toBe("6x");
    expect(await page.getAttribute("#tangent-equation", "data-text")).toBe("y = 3(x - 1) + 1");
    await page.focus("#answer");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getAttribute("#verdict", "data-verdict")).toBe("correct");
  });

  it("records changes in the history, so the back button goes back", async () => {
    await type("#expr", "cos(x)");
    await expect.poll(() => new URL(page.url()).searchParams.get("f")).toBe("cos(x)");
    expect(new URL(page.url()).searchParams.get("answer")).toBe("6x");
    await page.goBack();
    await expect.poll(() => page.inputValue("#expr")).toBe("x^3");
    expect(await page.getAttribute("#tangent-equation", "data-text")).toBe("y = 3(x - 1) + 1");
    await page.goForward();
    await expect.poll(() => page.inputValue("#expr")).toBe("cos(x)");
  });
});

describe("layout and access", () => {
  it("shows a parse error beside the function box, with what the parser expected there", async () => {
    await open("?f=x");
    await type("#expr", "x^2 +");
    const error = page.locator("#expr-error");
    // Poll the text, not the visibility: the error for a partly typed line ("x^") is visible first.
    await expect.poll(() => error.textContent()).toBe("x^2 +\n     ^ unexpected end of input\nexpected here: an expression");
    expect(await page.getAttribute("#expr", "aria-invalid")).toBe("true");
    const input = (await page.locator("#expr").boundingBox())!;
    const box = (await error.boundingBox())!;
    expect(box.y - (input.y + input.height)).toBeLessThan(24);
    expect(box.x).toBeCloseTo(input.x, 0);
  });

  it("shows a wrong order beside the order box, and a new function's own variable", async () => {
    await open("?f=x^2");
    await page.fill("#order", "0");
    await expect.poll(() => page.textContent("#order-error")).toBe("a whole number from 1 to 10");
    expect(await page.isVisible("#expr-error")).toBe(false);
    await page.fill("#order", "1");
    await expect.poll(() => page.isVisible("#order-error")).toBe(false);
    await type("#expr", "t^3");
    await expect.poll(() => page.locator("#wrt option").allTextContents()).toEqual(["t"]);
    expect(await page.getAttribute("#tangent-equation", "data-text")).toBe("y = 3(t - 1) + 1");
  });

  it("can be used from the keyboard alone: tab order, Enter to check", async () => {
    await open("?f=x^2");
    await page.focus("#expr");
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      order.push(await page.evaluate(() => document.activeElement?.id ?? ""));
    }
    expect(order).toEqual(["wrt", "order", "answer", "check", "show", "point"]);
    await page.focus("#answer");
    await page.keyboard.type("2x");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getAttribute("#verdict", "data-verdict")).toBe("correct");
  });

  it("keeps a long result inside its box on a 390 px phone, reachable by scrolling the box", async () => {
    const phone = await browser!.newPage({ viewport: { width: 390, height: 844 } });
    // The derivative issue 18 saw cut off at "x((x cos(x) +" on a phone.
    const f = "x^2 sin(x) cos(x) e^x ln(x)";
    await open(`?f=${encodeURIComponent(f)}`, phone);
    await phone.click("#show");
    await phone.waitForSelector("#result .katex");
    const sizes = await phone.evaluate(() => {
      const result = document.getElementById("result")!;
      const before = { scrollWidth: result.scrollWidth, clientWidth: result.clientWidth, right: result.getBoundingClientRect().right };
      result.scrollLeft = result.scrollWidth;
      const katex = result.querySelector(".katex-html")!.getBoundingClientRect();
      return { ...before, scrolledTo: result.scrollLeft + result.clientWidth, lastRight: katex.right, page: document.documentElement.scrollWidth };
    });
    expect(sizes.scrollWidth).toBeGreaterThan(sizes.clientWidth); // the formula is wider than a phone: the test means something
    expect(sizes.right).toBeLessThanOrEqual(390);
    expect(sizes.page).toBeLessThanOrEqual(390); // the page itself does not scroll sideways
    expect(sizes.scrolledTo).toBe(sizes.scrollWidth); // the end of the formula is reached by scrolling its box
    expect(sizes.lastRight).toBeLessThanOrEqual(390);
    await phone.evaluate(() => (document.getElementById("result")!.scrollLeft = 0));
    await screenshot("phone-390.png", phone);
    await phone.close();
  });

  it("follows a dark colour scheme", async () => {
    const dark = await browser!.newPage({ viewport: { width: 900, height: 1000 }, colorScheme: "dark" });
    await open("?f=x^2&a=2", dark);
    const luminance = (color: string) => {
      const [r, g, b] = color.match(/[\d.]+/g)!.map(Number);
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const background = await dark.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const card = await dark.evaluate(() => getComputedStyle(document.querySelector(".card")!).backgroundColor);
    const text = await dark.evaluate(() => getComputedStyle(document.body).color);
    expect(luminance(background)).toBeLessThan(40);
    expect(luminance(card)).toBeLessThan(50);
    expect(luminance(text)).toBeGreaterThan(180);
    await screenshot("dark-mode.png", dark);
    await dark.emulateMedia({ colorScheme: "light" });
    expect(luminance(await dark.evaluate(() => getComputedStyle(document.documentElement).backgroundColor))).toBeGreaterThan(200);
    await dark.close();
  });

  it("shows formulas too long to typeset as plain text rather than freezing the tab", async () => {
    // 300 nested sines: 1.4 MB of LaTeX over the derivative and its 300 steps, half a minute or more of KaTeX layout.
    const deep = `${"sin(".repeat(300)}x${")".repeat(300)}`;
    const expected = format(diff(deep, "x"));
    await open("?f=x");
    await page.fill("#expr", deep);
    await expect.poll(() => page.getAttribute("#answer-prompt", "aria-label"), { timeout: 20_000 }).toMatch(/^d\/dx of sin\(sin\(/);
    await page.click("#show");
    const result = page.locator("#result.plain");
    await expect.poll(() => result.getAttribute("data-text"), { timeout: 20_000 }).toBe(expected);
    expect(await result.textContent()).toBe(`d/dx = ${expected}`);
    expect(await page.locator("#result .katex").count()).toBe(0);
    expect(await page.locator("#steps li").count()).toBe(steps(deep, "x").length);
  });

  it("works opened straight from disk too", async () => {
    const fromDisk = await browser!.newPage();
    const errors: string[] = [];
    fromDisk.on("pageerror", (e) => errors.push(e.message));
    fromDisk.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await fromDisk.goto(`${new URL("../../dist/web/index.html", import.meta.url).href}?f=x^2&a=2`);
    await fromDisk.waitForSelector('#tangent-equation[data-text="y = 4(x - 2) + 4"] .katex');
    await fromDisk.close();
    expect(errors).toEqual([]);
  });

  it("ran without errors in the page, and every file it asked for was there", () => {
    expect(pageErrors).toEqual([]);
  });
});
