-- The dashboard's summary rows, each split into slots by request id
-- (id % 8). Every submission and closure of a service on a day used to
-- add to one row, locked until its transaction commits: a submission
-- (which holds the year's protocol counter) waited behind a certificate
-- being issued of the same service, and the instant certificate rate fell
-- by a quarter. With slots, concurrent transactions of the same service
-- mostly touch different rows; the readers add the slots up (they sum
-- and group already), and `dimosctl stats rebuild` writes slot 0.
ALTER TABLE stats_day
    ADD COLUMN IF NOT EXISTS slot TINYINT UNSIGNED NOT NULL DEFAULT 0
        AFTER channel,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (day, department, service, channel, slot);
ALTER TABLE stats_duration
    ADD COLUMN IF NOT EXISTS slot TINYINT UNSIGNED NOT NULL DEFAULT 0
        AFTER bucket,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (day, department, service, bucket, slot);
ALTER TABLE stats_open
    ADD COLUMN IF NOT EXISTS slot TINYINT UNSIGNED NOT NULL DEFAULT 0
        AFTER awaiting,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (department, service, due_date, awaiting, slot);
