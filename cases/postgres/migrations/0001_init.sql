-- The cases, their details and outbox, and the small shared state of the
-- gateway's replicas.

CREATE TABLE cases (
    id                         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tracking                   text        NOT NULL,
    status                     text        NOT NULL,
    close_reason               text        NOT NULL DEFAULT '',
    service_code               text        NOT NULL DEFAULT '',
    department                 text        NOT NULL DEFAULT '',
    queue                      text        NOT NULL DEFAULT '',
    assignee                   text        NOT NULL DEFAULT '',
    priority                   text        NOT NULL DEFAULT '',
    description                text        NOT NULL DEFAULT '',
    address                    text        NOT NULL DEFAULT '',
    lat                        double precision,
    lon                        double precision,
    language                   text        NOT NULL DEFAULT '',
    channel                    text        NOT NULL,
    external_id                text        NOT NULL DEFAULT '',
    emergency                  boolean     NOT NULL DEFAULT false,
    tags                       text[]      NOT NULL DEFAULT '{}',
    created_at                 timestamptz NOT NULL,
    updated_at                 timestamptz NOT NULL,
    due_at                     timestamptz,
    classification             jsonb       NOT NULL DEFAULT '{}',
    assignment                 jsonb       NOT NULL DEFAULT '{}',
    -- Explanations are kept as written (json, not jsonb).
    classification_explanation json,
    assignment_explanation     json,
    -- Lower-cased by the gateway (Unicode rules, whatever the server's
    -- locale) for the case-insensitive text filter.
    description_folded         text        NOT NULL DEFAULT '',
    address_folded             text        NOT NULL DEFAULT '',
    CONSTRAINT cases_tracking_key UNIQUE (tracking),
    CONSTRAINT cases_lat_lon CHECK ((lat IS NULL) = (lon IS NULL))
);

-- Provider retries are idempotent on (channel, external id).
CREATE UNIQUE INDEX cases_external_key ON cases (channel, external_id) WHERE external_id <> '';
-- Lists are newest first; these serve the first page and every cursor.
CREATE INDEX cases_created ON cases (created_at DESC, id DESC);
CREATE INDEX cases_status_created ON cases (status, created_at DESC, id DESC);
CREATE INDEX cases_department_created ON cases (department, created_at DESC, id DESC);

CREATE TABLE contacts (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id    bigint      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    channel    text        NOT NULL,
    address    text        NOT NULL,
    name       text        NOT NULL DEFAULT '',
    language   text        NOT NULL DEFAULT '',
    role       text        NOT NULL DEFAULT '',
    thread_ref text        NOT NULL DEFAULT '',
    consent    boolean     NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL,
    CONSTRAINT contacts_case_address_key UNIQUE (case_id, channel, address)
);

CREATE INDEX contacts_address ON contacts (channel, address);

CREATE TABLE messages (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id         bigint      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    direction       text        NOT NULL,
    channel         text        NOT NULL,
    address         text        NOT NULL DEFAULT '',
    provider_id     text        NOT NULL DEFAULT '',
    text            text        NOT NULL DEFAULT '',
    at              timestamptz NOT NULL,
    delivery_status text        NOT NULL DEFAULT '',
    error           text        NOT NULL DEFAULT ''
);

-- A message a provider delivers twice is kept once; delivery reports find
-- outbound messages by the same key.
CREATE UNIQUE INDEX messages_provider_key ON messages (channel, direction, provider_id) WHERE provider_id <> '';
CREATE INDEX messages_case ON messages (case_id, id);

CREATE TABLE media (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id      bigint NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    url          text   NOT NULL,
    content_type text   NOT NULL DEFAULT '',
    size         bigint NOT NULL DEFAULT 0,
    name         text   NOT NULL DEFAULT ''
);

CREATE INDEX media_case ON media (case_id, id);

CREATE TABLE history (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id      bigint      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    status       text        NOT NULL,
    close_reason text        NOT NULL DEFAULT '',
    note         text        NOT NULL DEFAULT '',
    actor        text        NOT NULL DEFAULT '',
    at           timestamptz NOT NULL
);

CREATE INDEX history_case ON history (case_id, id);

CREATE TABLE notes (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id bigint      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    text    text        NOT NULL,
    public  boolean     NOT NULL DEFAULT false,
    author  text        NOT NULL DEFAULT '',
    at      timestamptz NOT NULL
);

CREATE INDEX notes_case ON notes (case_id, id);

CREATE TABLE notifications (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id      bigint      NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    contact_id   bigint      REFERENCES contacts (id) ON DELETE SET NULL,
    tracking     text        NOT NULL,
    channel      text        NOT NULL,
    to_address   text        NOT NULL,
    thread_ref   text        NOT NULL DEFAULT '',
    language     text        NOT NULL DEFAULT '',
    kind         text        NOT NULL DEFAULT '',
    subject      text        NOT NULL DEFAULT '',
    text         text        NOT NULL DEFAULT '',
    case_status  text        NOT NULL DEFAULT '',
    state        text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'dead')),
    attempts     integer     NOT NULL DEFAULT 0,
    next_at      timestamptz NOT NULL,
    leased_until timestamptz,
    last_error   text        NOT NULL DEFAULT '',
    provider_id  text        NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL,
    sent_at      timestamptz
);

-- Claims take pending rows by due time; lists go by state and id.
CREATE INDEX notifications_due ON notifications (state, next_at, id);
CREATE INDEX notifications_state ON notifications (state, id);
CREATE INDEX notifications_case ON notifications (case_id);

CREATE TABLE state (
    scope      text   NOT NULL,
    key        text   NOT NULL,
    value      bytea  NOT NULL,
    version    bigint NOT NULL,
    expires_at timestamptz,
    PRIMARY KEY (scope, key)
);

CREATE INDEX state_expires ON state (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE leases (
    name       text        PRIMARY KEY,
    holder     text        NOT NULL,
    expires_at timestamptz NOT NULL
);

CREATE TABLE rules_versions (
    version  bigint      PRIMARY KEY,
    author   text        NOT NULL DEFAULT '',
    comment  text        NOT NULL DEFAULT '',
    at       timestamptz NOT NULL,
    document bytea       NOT NULL
);
