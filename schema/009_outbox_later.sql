-- Messages that go later (a department's reminder the day before a
-- pickup): send_after is when such a message becomes due, and the Date it
-- carries; until then it waits as 'pending' and the department that
-- queued it may withdraw it ('cancelled', never sent). Rows without
-- send_after go at once, as before.
ALTER TABLE outbox ADD COLUMN IF NOT EXISTS send_after DATETIME(6) NULL
    AFTER next_attempt_at;
ALTER TABLE outbox MODIFY status ENUM('pending', 'sending', 'sent', 'failed',
    'cancelled') NOT NULL DEFAULT 'pending';
