-- The fees other departments charge for their requests (ABI 2.2: their
-- host->fee_raise reaches finance's fee hook). Each gets an RF code of
-- kind 2 (rf.h) on the fee's id; the bank's payment file marks it paid
-- (paid_on, payment_id: the fin_payments row), after which the owning
-- department is told (host->fee_paid; notified_at once it was, so a
-- failure is retried on the next payments run).
CREATE TABLE IF NOT EXISTS fin_fees (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	plugin		VARCHAR(32) NOT NULL,
	request_id	BIGINT UNSIGNED NOT NULL,
	protocol	VARCHAR(32) NOT NULL,
	afm		CHAR(9) NULL,
	amount_cents	BIGINT UNSIGNED NOT NULL,
	purpose_el	VARCHAR(200) NOT NULL,
	purpose_en	VARCHAR(200) NOT NULL,
	rf		VARCHAR(25) NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	paid_on		DATE NULL,
	payment_id	BIGINT UNSIGNED NULL,
	notified_at	DATETIME(6) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY fin_fees_request (plugin, request_id),
	UNIQUE KEY fin_fees_rf (rf),
	KEY fin_fees_unnotified (notified_at, paid_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
