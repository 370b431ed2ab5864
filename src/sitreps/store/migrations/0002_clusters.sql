-- sitreps store, version 2: event clusters (corpus level; see sitreps/cluster/update.py).
-- Everything here is derived from the article tables and is recomputed, one connected component at
-- a time, when new articles link to it: event_keys holds what clustering compares, event_links the
-- pairs it found compatible, clusters and cluster_members the result, contradictions a flat index of
-- the disagreements each cluster's JSON body holds (for listing and filtering without parsing it).

CREATE TABLE event_keys (
    event_id TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    family TEXT NOT NULL,
    first_day INTEGER NOT NULL,  -- date.toordinal() of the earliest day the event may have happened
    last_day INTEGER NOT NULL,
    body TEXT NOT NULL  -- JSON of the other keys: dated, countries, points, actors
);
CREATE INDEX event_keys_window ON event_keys (family, first_day, last_day);
CREATE INDEX event_keys_article ON event_keys (article_id);

CREATE TABLE event_links (
    a TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,  -- a < b
    b TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    PRIMARY KEY (a, b)
) WITHOUT ROWID;
CREATE INDEX event_links_b ON event_links (b, a);

CREATE TABLE clusters (
    id TEXT PRIMARY KEY,
    plover TEXT,
    acled_event_type TEXT,
    acled_sub_event_type TEXT,
    start TEXT,
    "end" TEXT,
    first_reported TEXT,  -- the earliest publication date of a member article
    country TEXT,  -- ISO 3166-1 alpha-2
    admin1 TEXT,
    place TEXT,
    lat REAL,
    lon REAL,
    precision INTEGER,
    n_events INTEGER NOT NULL,
    n_articles INTEGER NOT NULL,
    n_sources INTEGER NOT NULL,
    n_contradictions INTEGER NOT NULL,
    body TEXT NOT NULL  -- the EventCluster as JSON (model.EventCluster)
);
CREATE INDEX clusters_start ON clusters (start, id);
CREATE INDEX clusters_reported ON clusters (first_reported, id);
CREATE INDEX clusters_country ON clusters (country, start);
CREATE INDEX clusters_plover ON clusters (plover, start);

CREATE TABLE cluster_members (
    event_id TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    cluster_id TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE
);
CREATE INDEX cluster_members_cluster ON cluster_members (cluster_id);
CREATE INDEX cluster_members_article ON cluster_members (article_id);

CREATE TABLE contradictions (
    cluster_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    about TEXT NOT NULL,  -- initiator, figure, denial
    detail TEXT NOT NULL,
    first_claimant TEXT,
    second_claimant TEXT,
    first_article TEXT NOT NULL,
    second_article TEXT NOT NULL,
    body TEXT NOT NULL,  -- the Contradiction as JSON (model.Contradiction)
    PRIMARY KEY (cluster_id, position)
);
CREATE INDEX contradictions_about ON contradictions (about);
