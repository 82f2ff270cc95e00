// Survey rounds of the past for the tests: a round that closed long ago cannot be planned through
// the API (its days would be in the past only later), so it is written into D1 as the edge keeps
// rounds and answers.
import { query } from "./edge.mjs";

/** A Swedish-ish date `offset` days from today (`YYYY-MM-DD`). */
export const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Adds `name`, open from 200 to 170 days ago with graffiti as its one problem, and `count`
 * answers from `area`, all `safety`; returns its id. */
export function closedRound(tenant, name, { area = "centrum", safety = "very_unsafe", count = 10 } = {}) {
  const questions = JSON.stringify({ problems: [{ id: "graffiti", text: { sv: "Klotter" } }], ask_age: false });
  const now = new Date().toISOString();
  query(`INSERT INTO survey_rounds (tenant_id, name, opens_on, closes_on, questions, created_at)
    VALUES ('${tenant}', '${name}', '${day(-200)}', '${day(-170)}', '${questions}', '${now}')`);
  const [{ id }] = query(`SELECT id FROM survey_rounds WHERE tenant_id = '${tenant}' AND name = '${name}'`);
  const rows = Array.from({ length: count }, (_, i) => `('${tenant}', ${id}, '${name}-${i}', '${area}', '${safety}', NULL, '{}', NULL, '${now}')`);
  query(`INSERT INTO survey_answers (tenant_id, round_id, device_hash, area_id, safety, worry, problems, age, answered_at) VALUES ${rows.join(",")}`);
  return id;
}
