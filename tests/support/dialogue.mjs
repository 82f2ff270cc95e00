// Dialogues for tests: created through the console API, and residents as participants.
import { createHmac, randomBytes } from "node:crypto";
import { EDGE, SECRETS } from "./edge.mjs";
import { call } from "./console.mjs";

/**
 * A new participant of `tenant`'s dialogues: a code as the edge issues it (`POST
 * /api/v1/tenants/{tenant}/participants`), signed here with the local key so that tests with
 * many participants do not spend the per-client limit on codes. api_participants.test.mjs
 * checks that the edge issues and recognises exactly these.
 */
export const participant = (tenant = "demo") => signedParticipant(SECRETS.PARTICIPANT_KEY, tenant, randomBytes(8).toString("hex"));

/** 16 hex digits of randomness and 16 of HMAC-SHA256(key, "participant|tenant|id"). */
export function signedParticipant(key, tenant, id) {
  return id + createHmac("sha256", key).update(`participant|${tenant}|${id}`).digest("hex").slice(0, 16);
}

/** A code a client makes up, of the right shape: the edge must count nothing with it. */
export const madeUpParticipant = () => randomBytes(16).toString("hex");

export function dialogueDetails(overrides = {}) {
  return {
    title: "Trygghetsdialog om stationsområdet",
    description: "Ställ frågor om kvällarna vid stationen.",
    place: "Kommunhuset",
    starts_at: "2026-12-01T18:00",
    ends_at: "2026-12-01T19:30",
    stream_url: "https://play.example.se/dialog",
    panel: [{ name: "Anna Ek", title: "Kommunpolis" }],
    ...overrides,
  };
}

/** Creates a dialogue as `session` and moves it to `state` (draft, open or live). */
export async function createDialogue(session, state = "open", overrides = {}) {
  const tenant = session.info.tenant;
  const { response, json } = await call(session, "POST", `/api/v1/console/${tenant}/dialogues`, dialogueDetails(overrides));
  if (response.status !== 201) throw new Error(`create dialogue: ${response.status} ${JSON.stringify(json)}`);
  for (const next of { draft: [], open: ["open"], live: ["open", "live"] }[state]) {
    await dialogueAction(session, json.id, { action: "set_state", state: next });
  }
  return json.id;
}

export async function dialogueAction(session, id, action) {
  const tenant = session.info.tenant;
  return call(session, "POST", `/api/v1/console/${tenant}/dialogues/${id}/actions`, action);
}

export async function questionAction(session, id, question, action) {
  const tenant = session.info.tenant;
  return call(session, "POST", `/api/v1/console/${tenant}/dialogues/${id}/questions/${question}/actions`, action);
}

/** A resident's request to a dialogue's public API. */
export async function resident(method, tenant, path, who, body) {
  const headers = {};
  if (who) headers.authorization = `Bearer ${who}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${EDGE}/api/v1/tenants/${tenant}/dialogues${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { response, json: await response.json() };
}

export const ask = (tenant, id, who, body) => resident("POST", tenant, `/${id}/questions`, who, body);
export const vote = (tenant, id, question, who) => resident("POST", tenant, `/${id}/questions/${question}/votes`, who);
export const snapshot = (tenant, id) => resident("GET", tenant, `/${id}`);
export const mine = (tenant, id, who) => resident("GET", tenant, `/${id}/mine`, who);
