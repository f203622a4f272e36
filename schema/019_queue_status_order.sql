-- The staff queue's other tabs in its order, served by indexes as the
-- open tab is (016_queue_order.sql): a single state ("completed",
-- "submitted", ...) by (department, status, queue_due), every state by
-- (department, queue_due). At 1,000,000 requests each of those pages read
-- and sorted every request of the department (0.4 to 3 s for a
-- department of 220,000); with these a page reads about its own rows at
-- any depth (keyset cursor on queue_due, id). requests_queue (department,
-- status, due_date) is replaced: its due_date order put the requests
-- without one first, and its prefix is the new index's.
ALTER TABLE requests
    ADD INDEX IF NOT EXISTS requests_queue_status (department, status,
        queue_due),
    ADD INDEX IF NOT EXISTS requests_queue_all (department, queue_due),
    DROP INDEX IF EXISTS requests_queue;
