// A local webhook receiver for the tests: an HTTP server on 127.0.0.1 in a thread of its own, so
// that it answers while the test's own thread is blocked (`query()` runs wrangler synchronously).
// It keeps every request and can answer 500 to the first attempt of each delivery id.
import { Worker } from "node:worker_threads";

const SERVER = `
const { parentPort } = require("node:worker_threads");
const http = require("node:http");
let failFirst = false;
const attempts = new Map();
parentPort.on("message", (m) => { failFirst = m.failFirst; parentPort.postMessage({ set: failFirst }); });
const server = http.createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk) => { body += chunk; });
  req.on("end", () => {
    const id = req.headers["tryggve-delivery"] ?? "";
    const n = (attempts.get(id) ?? 0) + 1;
    attempts.set(id, n);
    const status = failFirst && n === 1 ? 500 : 200;
    res.statusCode = status;
    res.end();
    parentPort.postMessage({ request: { path: req.url, method: req.method, headers: req.headers, body, status } });
  });
});
server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
`;

/** Starts a receiver; `requests` fills as deliveries arrive. */
export async function startReceiver() {
  const worker = new Worker(SERVER, { eval: true });
  const requests = [];
  let settled = () => {};
  const port = await new Promise((resolve) => {
    worker.on("message", (m) => {
      if (m.port) resolve(m.port);
      if (m.request) requests.push(m.request);
      if ("set" in m) settled();
    });
  });
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    /** An address on this machine where nothing listens. */
    closedUrl: () => `http://127.0.0.1:${port === 65535 ? 1 : port + 1}/nobody`,
    requests,
    /** Whether the first attempt of each delivery gets 500 (from now on). */
    failFirst: (on) => new Promise((resolve) => { settled = resolve; worker.postMessage({ failFirst: on }); }),
    /** Waits until `predicate(requests)` holds (the edge delivers after it has answered). */
    async waitFor(predicate, what, ms = 20_000) {
      const until = Date.now() + ms;
      while (!predicate(requests)) {
        if (Date.now() > until) throw new Error(`no ${what} within ${ms} ms: ${JSON.stringify(requests.map((r) => [r.path, r.headers["tryggve-event"], r.status]))}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => worker.terminate(),
  };
}
