-- The public lists of reports served by an index, in their order, at any
-- size: the map's list and its GeoJSON (open reports with a point, by id)
-- and Open311's GET requests (reports with a point once submitted, by
-- the time they were) and its updates (their public events, by time).
-- Each read every matching report (or event) and sorted them (a
-- filesort) for each page: 1.3 ms of the server's CPU a page of the map
-- at 324 open reports, growing with them, on pages anyone may ask for.
-- public_open and public_sent_at are computed by MariaDB from the
-- request's status, point and merge (never written); a page reads about
-- its own rows in the index's order and stops (one service's list by
-- requests_public_service).
ALTER TABLE requests
    ADD COLUMN IF NOT EXISTS public_open TINYINT(1) AS (status IN
        ('submitted', 'in_progress', 'awaiting_citizen') AND merged_into IS
        NULL AND lat IS NOT NULL AND lon IS NOT NULL) VIRTUAL,
    ADD COLUMN IF NOT EXISTS public_sent_at DATETIME(6) AS (IF(status <>
        'draft' AND lat IS NOT NULL AND lon IS NOT NULL, submitted_at,
        NULL)) VIRTUAL,
    ADD INDEX IF NOT EXISTS requests_public_open (public_open, id),
    ADD INDEX IF NOT EXISTS requests_public_service (service, public_open,
        id),
    ADD INDEX IF NOT EXISTS requests_public_sent (public_sent_at, id);

ALTER TABLE request_events
    ADD INDEX IF NOT EXISTS events_at (at, id);
