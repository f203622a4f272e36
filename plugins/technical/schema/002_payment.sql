-- A road occupation permit is issued only once its fee is paid: it waits
-- as 'awaiting_payment' from submission until the payment is recorded
-- (paid_at, and payment_ref: the receipt's number or the payment code).
-- The finance department's payment codes, when they come, record the
-- payment the same way (plugins/technical/README.md, "Payment").
ALTER TABLE technical_permits MODIFY status ENUM('awaiting_payment',
    'pending', 'issued', 'void') NOT NULL DEFAULT 'pending';
ALTER TABLE technical_permits
    ADD COLUMN IF NOT EXISTS paid_at DATETIME(6) NULL AFTER status,
    ADD COLUMN IF NOT EXISTS payment_ref VARCHAR(64) NULL AFTER paid_at,
    ADD COLUMN IF NOT EXISTS paid_by BIGINT UNSIGNED NULL AFTER payment_ref;
