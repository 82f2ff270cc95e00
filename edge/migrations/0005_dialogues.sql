-- Trygghetsdialoger: dialogues, residents' questions, their votes, and written answers.
-- The live rooms (WebSocket fan-out) are Durable Objects; what is said is stored here.

CREATE TABLE dialogues (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL DEFAULT '',
  -- Local time of the municipality, YYYY-MM-DDTHH:MM.
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  stream_url TEXT,
  -- JSON array of {name, title}.
  panel TEXT NOT NULL DEFAULT '[]',
  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'live', 'closed')),
  now_answering INTEGER,
  -- Grows with every change to the dialogue or its questions; browsers merge by it.
  revision INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX dialogues_by_tenant ON dialogues(tenant_id, starts_at);

CREATE TABLE questions (
  id INTEGER PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants(id),
  dialogue_id INTEGER NOT NULL REFERENCES dialogues(id),
  -- SHA-256 of the participant's browser-made secret; emptied by the retention job.
  participant_hash TEXT NOT NULL,
  idempotency_key TEXT,
  text TEXT NOT NULL,
  display_name TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'merged')),
  rejection_reason TEXT,
  merged_into INTEGER REFERENCES questions(id),
  -- Counted from question_votes in the same statement that records a vote.
  votes INTEGER NOT NULL DEFAULT 0,
  asked_at TEXT NOT NULL,
  answered_at TEXT,
  revision INTEGER NOT NULL,
  UNIQUE (dialogue_id, idempotency_key)
);
CREATE INDEX questions_by_dialogue ON questions(dialogue_id, status);
CREATE INDEX questions_by_participant ON questions(dialogue_id, participant_hash);

-- One vote per participant and question: the primary key is the rule.
CREATE TABLE question_votes (
  question_id INTEGER NOT NULL REFERENCES questions(id),
  participant_hash TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (question_id, participant_hash)
) WITHOUT ROWID;
CREATE INDEX question_votes_by_time ON question_votes(at);

CREATE TABLE answers (
  id INTEGER PRIMARY KEY,
  question_id INTEGER NOT NULL REFERENCES questions(id),
  moderator_id INTEGER REFERENCES moderators(id),
  responder_name TEXT NOT NULL,
  responder_title TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX answers_by_question ON answers(question_id);
