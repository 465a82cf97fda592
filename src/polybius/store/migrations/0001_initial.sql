-- Polybius event store, schema version 1.
-- Documents keep their full text so that `polybius recode` can re-code them after a coder upgrade.

CREATE TABLE documents (
    id            VARCHAR PRIMARY KEY,
    pub_date      DATE,
    title         VARCHAR,
    url           VARCHAR,
    source        VARCHAR,
    origin        VARCHAR,
    content_hash  VARCHAR NOT NULL UNIQUE,
    text          VARCHAR NOT NULL,
    warnings      VARCHAR,          -- JSON list of reader warnings
    coder_version VARCHAR,
    ingested_at   TIMESTAMP NOT NULL
);

-- A dense integer key: GDELT's GLOBALEVENTID must be numeric.
CREATE SEQUENCE event_seq START 1;

CREATE TABLE events (
    seq               BIGINT PRIMARY KEY DEFAULT nextval('event_seq'),
    event_id          VARCHAR NOT NULL UNIQUE,
    doc_id            VARCHAR NOT NULL,
    pub_date          DATE,
    event_date        DATE,
    date_end          DATE,
    date_precision    VARCHAR,
    date_text         VARCHAR,
    historical        BOOLEAN NOT NULL DEFAULT FALSE,
    -- The day an analyst filters and plots on: the grounded event date; NULL when the event
    -- has none (a historical reference, or no publication date): never the publication day.
    event_day         DATE,

    source_text       VARCHAR,       -- NULL when the event has no source actor
    source_name       VARCHAR,
    source_country    VARCHAR,
    source_sector     VARCHAR,
    source_code       VARCHAR,
    source_kb_id      VARCHAR,
    source_start      INTEGER,
    source_end        INTEGER,

    target_text       VARCHAR,       -- NULL when the event has no target actor
    target_name       VARCHAR,
    target_country    VARCHAR,
    target_sector     VARCHAR,
    target_code       VARCHAR,
    target_kb_id      VARCHAR,
    target_start      INTEGER,
    target_end        INTEGER,

    cameo_code        VARCHAR NOT NULL,
    cameo_root        VARCHAR NOT NULL,
    cameo_label       VARCHAR,
    goldstein         DOUBLE,
    quad_class        TINYINT,

    plover_type       VARCHAR,
    plover_mode       VARCHAR,
    plover_context    VARCHAR[],

    negated           BOOLEAN NOT NULL DEFAULT FALSE,
    intent            BOOLEAN NOT NULL DEFAULT FALSE,
    hypothetical      BOOLEAN NOT NULL DEFAULT FALSE,

    sentence_index    INTEGER,
    sentence_text     VARCHAR,
    sentence_start    INTEGER,
    sentence_end      INTEGER,
    trigger_text      VARCHAR,
    trigger_start     INTEGER,
    trigger_end       INTEGER,

    location_text         VARCHAR,   -- NULL when the event has no location
    location_name         VARCHAR,
    location_feature      VARCHAR,
    location_country      VARCHAR,
    location_admin1       VARCHAR,
    location_lat          DOUBLE,
    location_lon          DOUBLE,
    location_gazetteer_id VARCHAR,
    location_precision    VARCHAR,
    location_start        INTEGER,
    location_end          INTEGER,

    confidence        DOUBLE,
    coder_version     VARCHAR,
    versions          VARCHAR        -- JSON object: component -> version
);

CREATE INDEX events_doc_id ON events (doc_id);

-- Distinct resolved actors, for actor search in the API and dashboard.
CREATE TABLE actors (
    actor_key VARCHAR PRIMARY KEY,   -- code|name|kb_id
    code      VARCHAR NOT NULL,
    name      VARCHAR,
    country   VARCHAR,
    sector    VARCHAR,
    kb_id     VARCHAR
);
