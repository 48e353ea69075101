/** The static file server behind `symdiff serve`, on a temporary directory: what it serves, and what it refuses. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, staticFiles } from "../../src/homework/serve.js";

let dir: string;
let server: Server;
let port: number;

beforeAll(async () => {
  const base = mkdtempSync(join(tmpdir(), "symdiff-serve-"));
  dir = join(base, "web");
  mkdirSync(join(dir, "assets"), { recursive: true });
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>page</title>");
  writeFileSync(join(dir, "assets", "app.js"), "console.log(1);");
  writeFileSync(join(base, "secret.txt"), "not for the browser");
  server = createServer(staticFiles(dir));
  port = await listen(server, 0);
});

afterAll(() => {
  server.close();
  rmSync(join(dir, ".."), { recursive: true, force: true });
});

/** A raw request: the path is sent exactly as written (no normalisation of `..` by a client library). */
function get(path: string, method = "GET"): Promise<{ status: number; type?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, method }, (res) => {
      let body = "";
      res.setEncoding("utf8").on("data", (s: string) => (body += s));
      res.on("end", () => resolve({ status: res.statusCode!, type: res.headers["content-type"], body }));
    });
    req.on("error", reject).end();
  });
}

describe("the page server", () => {
  it("serves the page and its assets with their content types", async () => {
    expect(await get("/")).toEqual({ status: 200, type: "text/html; charset=utf-8", body: "<!doctype html><title>page</title>" });
    expect(await get("/assets/app.js")).toMatchObject({ status: 200, type: "text/javascript; charset=utf-8", body: "console.log(1);" });
    expect(await get("/assets/app.js?v=2")).toMatchObject({ status: 200 });
    expect(await get("/", "HEAD")).toMatchObject({ status: 200, body: "" });
  });

  it("refuses anything outside its directory, missing files and other methods", async () => {
    for (const path of ["/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt"]) {
      expect((await get(path)).status).toBe(404);
    }
    expect((await get("/nothing.js")).status).toBe(404);
    expect((await get("/assets/")).status).toBe(404);
    expect((await get("/%E0%A4%A")).status).toBe(400);
    expect((await get("/", "POST")).status).toBe(405);
  });
});
