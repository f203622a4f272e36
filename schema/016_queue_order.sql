-- The staff queue's default order (by due date, none last, then by id)
-- served by an index: a department with 200,000 open requests read and
-- sorted them all for every page (ORDER BY COALESCE(due_date, ...) could
-- use no index). queue_open and queue_due are computed by MariaDB from
-- status and due_date (never written), and the index gives the rows of a
-- department's open requests in the queue's order, so a page reads about
-- its own rows at any depth (keyset cursor on queue_due, id).
ALTER TABLE requests
    ADD COLUMN IF NOT EXISTS queue_open TINYINT(1) AS (status IN
        ('submitted', 'in_progress', 'awaiting_citizen')) VIRTUAL,
    ADD COLUMN IF NOT EXISTS queue_due DATE AS (COALESCE(due_date,
        '9999-12-31')) VIRTUAL,
    ADD INDEX IF NOT EXISTS requests_queue_due (department, queue_open,
        queue_due);
