// Console sessions for API tests: log in as one of the seeded accounts.
import { EDGE } from "./edge.mjs";

export const ACCOUNTS = {
  admin: { tenant: "demo", email: "admin@demo.tryggve.se", password: "demo-admin-lösen" },
  moderator: { tenant: "demo", email: "moderator@demo.tryggve.se", password: "demo-moderator-lösen" },
  responder: { tenant: "demo", email: "svarare@demo.tryggve.se", password: "demo-svarare-lösen" },
  observer: { tenant: "demo", email: "polis@demo.tryggve.se", password: "demo-observatör-lösen" },
  otherTenantAdmin: { tenant: "grannby", email: "admin@grannby.example", password: "grannby-admin-lösen" },
};

/** Logs in (to `edge`, the main test edge unless another is named) and returns what a browser
 * would hold: the session cookie and the CSRF token. */
export async function login(account, edge = EDGE) {
  const response = await fetch(`${edge}/api/v1/console/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(account),
  });
  if (response.status !== 200) throw new Error(`login ${account.email}: ${response.status} ${await response.text()}`);
  const info = await response.json();
  const setCookie = response.headers.getSetCookie()[0];
  return { cookie: setCookie.split(";")[0], csrf: info.csrf_token, info, setCookie, edge };
}

/** A console API call with the given session (or none), to the edge it logged in to. */
export async function call(session, method, path, body, { csrf = true } = {}) {
  const headers = {};
  if (session) headers.cookie = session.cookie;
  if (session && csrf) headers["x-csrf-token"] = session.csrf;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch((session?.edge ?? EDGE) + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const isJson = (response.headers.get("content-type") ?? "").includes("json");
  return { response, json: text && isJson ? JSON.parse(text) : null, text };
}
