-- The finance department (Οικονομικές Υπηρεσίες): what people and
-- businesses owe the municipality, as the revenue system exports it daily,
-- and the payments the bank reports.
--
-- fin_properties, fin_arrangements and fin_receivables are replaced as a
-- whole by "dimosctl plugin finance import DIR" (one transaction); the
-- revenue system stays the source of truth. fin_payments is ours: every
-- credit of the bank's files ("dimosctl plugin finance payments FILE"),
-- kept across imports. A receivable's outstanding amount is its amount,
-- less what the revenue system knew was paid, less the bank payments to
-- its RF booked on or after the export's date (fin_imports.as_of of the
-- latest receivables import). Amounts are integer cents.

-- The ΤΑΠ register: properties by ΚΑΕΚ (normal form: 12 digits, "/N/N"
-- for a part of a building) and electricity supply.
CREATE TABLE IF NOT EXISTS fin_properties (
	kaek		VARCHAR(24) NOT NULL,
	power_supply	VARCHAR(12) NULL,
	address		VARCHAR(200) NOT NULL,
	unit		VARCHAR(64) NULL,
	area_cm2	INT UNSIGNED NOT NULL,	-- hundredths of a m²
	owner_afm	CHAR(9) NULL,
	PRIMARY KEY (kaek),
	UNIQUE KEY fin_properties_power (power_supply),
	KEY fin_properties_owner (owner_afm)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Arrangements (ρυθμίσεις): their instalments are receivables of kind
-- 'instalment' naming them. 'active' = in good standing, as the revenue
-- system applies the law's rules on losing one.
CREATE TABLE IF NOT EXISTS fin_arrangements (
	ref		VARCHAR(14) NOT NULL,
	afm		CHAR(9) NOT NULL,
	decided_on	DATE NOT NULL,
	instalments	SMALLINT UNSIGNED NOT NULL,
	total_cents	BIGINT UNSIGNED NOT NULL,
	status		ENUM('active', 'lapsed', 'completed') NOT NULL,
	PRIMARY KEY (ref),
	KEY fin_arrangements_afm (afm)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Receivables (βεβαιωμένες οφειλές). ref is the revenue system's number;
-- rf its payment code (ISO 11649: prefix of the configuration, kind 1,
-- ref), written at import.
CREATE TABLE IF NOT EXISTS fin_receivables (
	ref		VARCHAR(14) NOT NULL,
	afm		CHAR(9) NOT NULL,
	debtor		VARCHAR(200) NOT NULL,
	kind		ENUM('fee', 'fine', 'tap', 'water', 'instalment',
			    'other') NOT NULL,
	description	VARCHAR(200) NOT NULL,
	amount_cents	BIGINT UNSIGNED NOT NULL,
	paid_cents	BIGINT UNSIGNED NOT NULL DEFAULT 0,
	issued_on	DATE NULL,
	due_on		DATE NOT NULL,
	kaek		VARCHAR(24) NULL,
	power_supply	VARCHAR(12) NULL,
	arrangement	VARCHAR(14) NULL,
	instalment	SMALLINT UNSIGNED NULL,
	rf		VARCHAR(25) NOT NULL,
	PRIMARY KEY (ref),
	UNIQUE KEY fin_receivables_rf (rf),
	KEY fin_receivables_afm (afm, due_on),
	KEY fin_receivables_kaek (kaek),
	KEY fin_receivables_power (power_supply),
	KEY fin_receivables_arrangement (arrangement)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every credit of the bank's files, once (bank_ref is the bank's own
-- reference for the payment, so importing a file twice adds nothing).
-- matched: what the RF named when it was imported.
CREATE TABLE IF NOT EXISTS fin_payments (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	bank_ref	VARCHAR(35) NOT NULL,
	msg_id		VARCHAR(35) NOT NULL,
	rf		VARCHAR(25) NULL,
	remittance	VARCHAR(140) NULL,
	amount_cents	BIGINT UNSIGNED NOT NULL,
	booked_on	DATE NOT NULL,
	payer		VARCHAR(140) NULL,
	matched		ENUM('debt', 'fee', 'unmatched') NOT NULL,
	receivable_ref	VARCHAR(14) NULL,
	fee_id		BIGINT UNSIGNED NULL,
	file_name	VARCHAR(255) NOT NULL,
	imported_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY fin_payments_bank_ref (bank_ref),
	KEY fin_payments_rf (rf, booked_on),
	KEY fin_payments_matched (matched, booked_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per import, the newest receivables import's as_of deciding
-- which bank payments its figures already hold.
CREATE TABLE IF NOT EXISTS fin_imports (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	kind		ENUM('receivables', 'payments') NOT NULL,
	as_of		DATE NOT NULL,
	sha256		CHAR(64) NOT NULL,
	rows_n		INT UNSIGNED NOT NULL,
	summary		VARCHAR(500) NULL,
	at		DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY fin_imports_kind (kind, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An instalment plan request as the citizen saw it when submitting: the
-- debts picked (with what was outstanding then) and the plan. The
-- clerk's decision is drawn from this; the revenue system records the
-- arrangement itself, and the next import brings it back.
CREATE TABLE IF NOT EXISTS fin_plans (
	request_id	BIGINT UNSIGNED NOT NULL,
	afm		CHAR(9) NOT NULL,
	total_cents	BIGINT UNSIGNED NOT NULL,
	instalments	SMALLINT UNSIGNED NOT NULL,
	first_cents	BIGINT UNSIGNED NOT NULL,
	regular_cents	BIGINT UNSIGNED NOT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (request_id),
	KEY fin_plans_afm (afm)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS fin_plan_debts (
	request_id	BIGINT UNSIGNED NOT NULL,
	ref		VARCHAR(14) NOT NULL,
	description	VARCHAR(200) NOT NULL,
	due_on		DATE NOT NULL,
	amount_cents	BIGINT UNSIGNED NOT NULL,
	PRIMARY KEY (request_id, ref),
	CONSTRAINT fin_plan_debts_plan FOREIGN KEY (request_id)
	    REFERENCES fin_plans (request_id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
