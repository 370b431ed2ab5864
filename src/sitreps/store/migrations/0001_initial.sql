-- sitreps store, version 1: the tables of sitreps/tables.py, plus what only the store keeps
-- (where an article came from, its near-duplicate, when it was ingested, its MinHash signature)
-- and a full-text index over article titles and text.
-- Spans are (article_id, <name>_start, <name>_end, <name>_text); dates are ISO 8601 text;
-- booleans are 0/1; "position" keeps the order of each list of the Reading.

CREATE TABLE articles (
    seq INTEGER PRIMARY KEY,  -- a stable rowid for the external-content FTS index (VACUUM keeps it)
    id TEXT NOT NULL UNIQUE,
    url TEXT,
    outlet TEXT,
    author TEXT,
    title TEXT,
    published TEXT,
    language TEXT,
    text TEXT NOT NULL,
    source TEXT,
    duplicate_of TEXT,
    duplicate_similarity REAL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published, id);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_duplicate_of ON articles (duplicate_of);

CREATE TABLE minhashes (
    article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    signature BLOB NOT NULL
);

CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT,
    country TEXT,
    sector TEXT,
    role TEXT
);
CREATE INDEX actors_article ON actors (article_id, position);
CREATE INDEX actors_name ON actors (name);

CREATE TABLE actor_aliases (
    actor_id TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    alias TEXT NOT NULL,
    PRIMARY KEY (actor_id, position)
);
CREATE INDEX actor_aliases_article ON actor_aliases (article_id);

CREATE TABLE mentions (
    actor_id TEXT NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    mention_start INTEGER NOT NULL,
    mention_end INTEGER NOT NULL,
    mention_text TEXT NOT NULL,
    PRIMARY KEY (actor_id, position)
);
CREATE INDEX mentions_article ON mentions (article_id);

CREATE TABLE places (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    mention_start INTEGER NOT NULL,
    mention_end INTEGER NOT NULL,
    mention_text TEXT NOT NULL,
    name TEXT,
    place_id TEXT,
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    lat REAL,
    lon REAL,
    feature TEXT,
    precision INTEGER,
    metonymic INTEGER NOT NULL CHECK (metonymic IN (0, 1)),
    confidence REAL
);
CREATE INDEX places_article ON places (article_id, position);
CREATE INDEX places_country ON places (country, admin1);

CREATE TABLE times (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    mention_start INTEGER NOT NULL,
    mention_end INTEGER NOT NULL,
    mention_text TEXT NOT NULL,
    start TEXT,
    "end" TEXT,
    precision TEXT NOT NULL,
    anchor TEXT
);
CREATE INDEX times_article ON times (article_id, position);
CREATE INDEX times_start ON times (start, "end");

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    plover TEXT NOT NULL,
    mode TEXT,
    acled_event_type TEXT,
    acled_sub_event_type TEXT,
    cameo_root TEXT,
    actor1 TEXT,
    actor2 TEXT,
    time TEXT,
    habitual INTEGER NOT NULL CHECK (habitual IN (0, 1)),
    negated INTEGER NOT NULL CHECK (negated IN (0, 1)),
    hypothetical INTEGER NOT NULL CHECK (hypothetical IN (0, 1)),
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger_text TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    sentence_text TEXT NOT NULL,
    confidence REAL
);
CREATE INDEX events_article ON events (article_id, position);
CREATE INDEX events_plover ON events (plover, mode);
CREATE INDEX events_acled ON events (acled_event_type, acled_sub_event_type);
CREATE INDEX events_time ON events (time);

CREATE TABLE event_places (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    place_id TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
);
CREATE INDEX event_places_article ON event_places (article_id);
CREATE INDEX event_places_place ON event_places (place_id);

CREATE TABLE event_associated (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    actor_id TEXT NOT NULL,
    PRIMARY KEY (event_id, position)
);
CREATE INDEX event_associated_article ON event_associated (article_id);
CREATE INDEX event_associated_actor ON event_associated (actor_id);

CREATE TABLE figures (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    count INTEGER,
    count_min INTEGER,
    count_max INTEGER,
    qualifier TEXT NOT NULL,
    party TEXT,
    population TEXT NOT NULL,
    event TEXT,
    as_of TEXT,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    span_text TEXT NOT NULL
);
CREATE INDEX figures_article ON figures (article_id, position);
CREATE INDEX figures_event ON figures (event);
CREATE INDEX figures_kind ON figures (kind);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    subject TEXT,
    subject_kind TEXT NOT NULL,
    statement_start INTEGER,
    statement_end INTEGER,
    statement_text TEXT,
    claimant TEXT,
    stance TEXT NOT NULL,
    quoted INTEGER NOT NULL CHECK (quoted IN (0, 1)),
    said_on TEXT,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence_text TEXT NOT NULL
);
CREATE INDEX claims_article ON claims (article_id, position);
CREATE INDEX claims_subject ON claims (subject);
CREATE INDEX claims_claimant ON claims (claimant);

CREATE TABLE claim_relay (
    claim_id TEXT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    actor_id TEXT NOT NULL,
    PRIMARY KEY (claim_id, position)
);
CREATE INDEX claim_relay_article ON claim_relay (article_id);

CREATE TABLE relations (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    from_id TEXT NOT NULL,
    to_id TEXT NOT NULL,
    evidence_start INTEGER,
    evidence_end INTEGER,
    evidence_text TEXT,
    PRIMARY KEY (article_id, kind, from_id, to_id)
);
CREATE INDEX relations_to ON relations (to_id);
CREATE INDEX relations_from ON relations (from_id);

-- Full-text search over title and text; external content, so the text is stored once.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text, content = 'articles', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
