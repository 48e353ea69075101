import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SymdiffError } from "../../src/index.js";
import { parseCsv } from "../../src/train/csv.js";
import { IRIS_FILE, loadCsv, loadIris } from "../../src/train/data.js";
import { type DatasetOptions, toDataset } from "../../src/train/dataset.js";

const load = (text: string, options: DatasetOptions = {}) => toDataset(parseCsv(text), options);

describe("parseCsv", () => {
  it("reads quoted cells, CRLF line ends, blank lines and a byte-order mark", () => {
    const table = parseCsv('\uFEFFa,"b, with comma",c\r\n1,"say ""hi""",3\r\n\r\n  \n4,"two\nlines",6\n');
    expect(table.header).toEqual(["a", "b, with comma", "c"]);
    expect(table.rows).toEqual([["1", 'say "hi"', "3"], ["4", "two\nlines", "6"]]);
    expect(table.lines).toEqual([2, 5]);
  });

  it("names the line of a ragged row", () => {
    expect(() => parseCsv("a,b,c\n1,2,3\n4,5\n")).toThrow("line 3: 2 values, but the header has 3 columns (a, b, c)");
    expect(() => parseCsv("a,b\n1,2,3\n")).toThrow("line 2: 3 values, but the header has 2 columns (a, b)");
  });

  it("refuses an empty file, unnamed or repeated columns and an unclosed quote", () => {
    expect(() => parseCsv("\n\n")).toThrow(/the file is empty/);
    expect(() => parseCsv("a,,c\n1,2,3")).toThrow("line 1, column 2: the header has an empty column name");
    expect(() => parseCsv("a,b,a\n1,2,3")).toThrow("line 1: column name 'a' appears twice in the header");
    expect(() => parseCsv('a,b\n1,"2\n3,4\n')).toThrow(`line 2: a quoted value is not closed (missing '"')`);
  });
});

describe("toDataset", () => {
  it("holds features row by row and 0/1 labels, the label being the last column by default", () => {
    const data = load("x,z,y\n1,2,0\n3,4.5e1,1\n-5,.5,1\n");
    expect(data.featureNames).toEqual(["x", "z"]);
    expect([...data.features]).toEqual([1, 2, 3, 45, -5, 0.5]);
    expect([...data.labels]).toEqual([0, 1, 1]);
    expect([data.size, data.dimension, data.labelName]).toEqual([3, 2, "y"]);
  });

  it("maps class names with a positive class, keeps chosen classes and features in the order given", () => {
    const data = load("kind,a,b\ncat,1,2\ndog,3,4\nfox,5,6\ndog,7,8\n", { label: "kind", positive: "dog", classes: ["cat", "dog"], features: ["b", "a"] });
    expect([...data.features]).toEqual([2, 1, 4, 3, 8, 7]);
    expect([...data.labels]).toEqual([0, 1, 1]);
    expect(data.positive).toBe("dog");
  });

  it("names the line and column of a missing value, a non-numeric cell or a bad label", () => {
    expect(() => load("a,b,y\n1,2,0\n3,,1\n")).toThrow("line 3, column 'b': missing value");
    expect(() => load("a,b,y\n1,2,0\n3,four,1\n")).toThrow("line 3, column 'b': 'four' is not a number");
    expect(() => load("a,b,y\n1,0x10,0\n")).toThrow("line 2, column 'b': '0x10' is not a number");
    expect(() => load("a,b,y\n1,1e999,0\n")).toThrow("line 2, column 'b': 1e999 is too large for a float64");
    expect(() => load("a,y\n1,0\n2,2\n")).toThrow("line 3, column 'y': label '2' is not 0 or 1 (with class names, name the positive class: --positive NAME)");
    expect(() => load("a,y\n1,0\n2,\n")).toThrow("line 3, column 'y': missing label");
  });

  it("refuses unknown columns and classes, and data with a single class", () => {
    expect(() => load("a,y\n1,0\n", { label: "label" })).toThrow("no column 'label' (columns: a, y)");
    expect(() => load("a,y\n1,0\n", { features: ["a", "c"] })).toThrow("no column 'c' (columns: a, y)");
    expect(() => load("a,y\n1,0\n", { features: ["y"] })).toThrow("column 'y' is the label, it cannot also be a feature");
    expect(() => load("a,k\n1,cat\n2,dog\n", { positive: "cow" })).toThrow("no row has class 'cow' in column 'k' (found: cat, dog)");
    expect(() => load("a,k\n1,cat\n2,dog\n", { positive: "cat", classes: ["cat"] })).toThrow("all 1 rows have label 1: training needs examples of both classes");
    expect(() => load("a,y\n")).toThrow("no rows to train on");
  });

  it("reports errors as SymdiffErrors naming the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "symdiff-data-"));
    const file = join(dir, "bad.csv");
    writeFileSync(file, "a,y\n1,0\n2,x\n");
    expect(() => loadCsv(file)).toThrow(new RegExp(`^${file}: line 3, column 'y': label 'x' is not 0 or 1`));
    expect(() => loadCsv(join(dir, "missing.csv"))).toThrow(SymdiffError);
    expect(() => loadCsv(join(dir, "missing.csv"))).toThrow(/cannot read .*missing\.csv: ENOENT/);
  });
});

describe("the bundled Iris data", () => {
  it("lives inside the package, not in a sibling directory", () => {
    expect(IRIS_FILE.pathname).toMatch(/\/data\/iris\.csv$/);
    expect(IRIS_FILE.pathname).not.toMatch(/shared/);
  });

  it("gives task a: setosa vs versicolor, the first 100 flowers, 4 features, versicolor = 1", () => {
    const data = loadIris("a");
    expect([data.size, data.dimension]).toEqual([100, 4]);
    expect([...data.labels.subarray(0, 50)].every((y) => y === 0)).toBe(true);
    expect([...data.labels.subarray(50)].every((y) => y === 1)).toBe(true);
    expect([...data.features.subarray(0, 4)]).toEqual([5.1, 3.5, 1.4, 0.2]); // the first flower
  });

  it("gives task b: setosa (= 1) vs the rest, sepal length and width", () => {
    const data = loadIris("b");
    expect([data.size, data.dimension, data.positive]).toEqual([150, 2, "setosa"]);
    expect(data.featureNames).toEqual(["sepal_length", "sepal_width"]);
    expect(data.labels.reduce((s, y) => s + y, 0)).toBe(50);
  });
});
