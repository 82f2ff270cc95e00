// Serves examples/ from its own origin, as a municipality's web server would, pointing the
// pages' script tags (written for the local default http://127.0.0.1:8787) at the edge under test.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { EDGE } from "./edge.mjs";

const root = path.resolve(import.meta.dirname, "../../examples");
const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8" };

export function startExamplesServer() {
  const port = Number(process.env.TRYGGVE_EXAMPLES_PORT);
  if (!port) throw new Error("TRYGGVE_EXAMPLES_PORT is not set: run through `cargo xtask test`");
  const server = http.createServer((req, res) => {
    const name = path.basename(new URL(req.url, "http://x").pathname);
    const file = path.join(root, name);
    if (!fs.existsSync(file) || !TYPES[path.extname(name)]) {
      res.writeHead(404).end();
      return;
    }
    const body = fs.readFileSync(file, "utf8").replaceAll("http://127.0.0.1:8787", EDGE);
    res.writeHead(200, { "content-type": TYPES[path.extname(name)] }).end(body);
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve({
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(done)),
  })));
}
