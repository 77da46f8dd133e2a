-- Cases and everything kept on them.
CREATE TABLE cases (
	id             INTEGER PRIMARY KEY,
	tracking       TEXT    NOT NULL UNIQUE,
	status         TEXT    NOT NULL,
	close_reason   TEXT    NOT NULL DEFAULT '',
	service_code   TEXT    NOT NULL DEFAULT '',
	department     TEXT    NOT NULL DEFAULT '',
	queue          TEXT    NOT NULL DEFAULT '',
	assignee       TEXT    NOT NULL DEFAULT '',
	priority       TEXT    NOT NULL DEFAULT 'normal',
	description    TEXT    NOT NULL DEFAULT '',
	address        TEXT    NOT NULL DEFAULT '',
	lat            REAL,
	lon            REAL,
	language       TEXT    NOT NULL DEFAULT '',
	channel        TEXT    NOT NULL,
	external_id    TEXT    NOT NULL DEFAULT '',
	emergency      INTEGER NOT NULL DEFAULT 0,
	tags           TEXT    NOT NULL DEFAULT '[]',
	created_at     INTEGER NOT NULL,
	updated_at     INTEGER NOT NULL,
	due_at         INTEGER,
	classification TEXT    NOT NULL DEFAULT '{}',
	assignment     TEXT    NOT NULL DEFAULT '{}',
	explanation    TEXT    NOT NULL DEFAULT '{}',
	search         TEXT    NOT NULL DEFAULT '' -- lower-cased description and address, for text filters
);
CREATE UNIQUE INDEX cases_external ON cases (channel, external_id) WHERE external_id <> '';
CREATE INDEX cases_created ON cases (created_at DESC, id DESC);
CREATE INDEX cases_status ON cases (status, created_at DESC, id DESC);
CREATE INDEX cases_department ON cases (department, created_at DESC, id DESC);

CREATE TABLE contacts (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES cases (id),
	channel    TEXT    NOT NULL,
	address    TEXT    NOT NULL,
	name       TEXT    NOT NULL DEFAULT '',
	language   TEXT    NOT NULL DEFAULT '',
	role       TEXT    NOT NULL DEFAULT 'reporter',
	thread_ref TEXT    NOT NULL DEFAULT '',
	consent    INTEGER NOT NULL DEFAULT 0,
	created_at INTEGER NOT NULL,
	UNIQUE (case_id, channel, address)
);
CREATE INDEX contacts_address ON contacts (channel, address);

CREATE TABLE messages (
	id              INTEGER PRIMARY KEY,
	case_id         INTEGER NOT NULL REFERENCES cases (id),
	direction       TEXT    NOT NULL,
	channel         TEXT    NOT NULL,
	address         TEXT    NOT NULL DEFAULT '',
	provider_id     TEXT    NOT NULL DEFAULT '',
	text            TEXT    NOT NULL DEFAULT '',
	at              INTEGER NOT NULL,
	delivery_status TEXT    NOT NULL DEFAULT '',
	error           TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX messages_case ON messages (case_id, id);
CREATE UNIQUE INDEX messages_provider ON messages (channel, direction, provider_id) WHERE provider_id <> '';

CREATE TABLE media (
	id           INTEGER PRIMARY KEY,
	case_id      INTEGER NOT NULL REFERENCES cases (id),
	url          TEXT    NOT NULL,
	content_type TEXT    NOT NULL DEFAULT '',
	size         INTEGER NOT NULL DEFAULT 0,
	name         TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX media_case ON media (case_id, id);

CREATE TABLE history (
	id           INTEGER PRIMARY KEY,
	case_id      INTEGER NOT NULL REFERENCES cases (id),
	status       TEXT    NOT NULL,
	close_reason TEXT    NOT NULL DEFAULT '',
	note         TEXT    NOT NULL DEFAULT '',
	actor        TEXT    NOT NULL DEFAULT '',
	at           INTEGER NOT NULL
);
CREATE INDEX history_case ON history (case_id, id);

CREATE TABLE notes (
	id      INTEGER PRIMARY KEY,
	case_id INTEGER NOT NULL REFERENCES cases (id),
	text    TEXT    NOT NULL,
	public  INTEGER NOT NULL DEFAULT 0,
	author  TEXT    NOT NULL DEFAULT '',
	at      INTEGER NOT NULL
);
CREATE INDEX notes_case ON notes (case_id, id);

-- The outbox: one row per message to one resident.
CREATE TABLE notifications (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES cases (id),
	tracking    TEXT    NOT NULL,
	contact_id  INTEGER NOT NULL DEFAULT 0,
	channel     TEXT    NOT NULL,
	recipient   TEXT    NOT NULL,
	thread_ref  TEXT    NOT NULL DEFAULT '',
	language    TEXT    NOT NULL DEFAULT '',
	kind        TEXT    NOT NULL,
	subject     TEXT    NOT NULL DEFAULT '',
	text        TEXT    NOT NULL,
	case_status TEXT    NOT NULL DEFAULT '',
	state       TEXT    NOT NULL DEFAULT 'pending',
	attempts    INTEGER NOT NULL DEFAULT 0,
	next_at     INTEGER NOT NULL,
	lease_until INTEGER NOT NULL DEFAULT 0,
	last_error  TEXT    NOT NULL DEFAULT '',
	provider_id TEXT    NOT NULL DEFAULT '',
	created_at  INTEGER NOT NULL,
	sent_at     INTEGER
);
CREATE INDEX notifications_due ON notifications (next_at, id) WHERE state = 'pending';
CREATE INDEX notifications_state ON notifications (state, id);
CREATE INDEX notifications_case ON notifications (case_id);

-- Small shared state: conversations, cursors, leases.
CREATE TABLE state (
	scope      TEXT    NOT NULL,
	key        TEXT    NOT NULL,
	value      BLOB    NOT NULL,
	version    INTEGER NOT NULL,
	expires_at INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (scope, key)
);

CREATE TABLE leases (
	name       TEXT    PRIMARY KEY,
	holder     TEXT    NOT NULL,
	expires_at INTEGER NOT NULL
);

CREATE TABLE rules_versions (
	version  INTEGER PRIMARY KEY,
	author   TEXT    NOT NULL DEFAULT '',
	comment  TEXT    NOT NULL DEFAULT '',
	at       INTEGER NOT NULL,
	document BLOB    NOT NULL
);
