-- sitreps store, version 3: indexes for the web page and REST API (sitreps/serve). Indexes only.
-- The server's event index reads every event's first located place, its claimants and its actors in
-- one pass: covering indexes let each of those lookups stay inside one index.
CREATE INDEX event_places_serve ON event_places (event_id, position, place_id);
CREATE INDEX claims_subject_claimant ON claims (subject, claimant);
CREATE INDEX places_point ON places (id, lat, lon, precision, country);
-- Lists: articles of one outlet newest first; clusters with contradictions newest first; a
-- contradiction's claimants.
CREATE INDEX articles_outlet_published ON articles (outlet, published, id);
CREATE INDEX clusters_contradicted ON clusters (n_contradictions, start, id);
CREATE INDEX contradictions_claimants ON contradictions (first_claimant, second_claimant);
