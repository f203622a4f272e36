-- The water department (Ύδρευση – Αποχέτευση – Άρδευση): supplies
-- (παροχές) per AFM, their meter readings and bills, and the farmers'
-- parcels, as the water billing system exports them; the readings
-- citizens send and the meter changes clerks note; irrigation allotments.
--
-- wat_supplies, wat_bills and wat_parcels, and the readings with source
-- 'import', are replaced as a whole by "dimosctl plugin water import DIR"
-- (one transaction). Readings sent here (source 'citizen' or 'clerk')
-- are kept until an import brings a reading of the billing system on or
-- after their date for the supply: from then on the billing system holds
-- them. Amounts are integer cents, areas tenths of a stremma.

CREATE TABLE IF NOT EXISTS wat_supplies (
	supply		VARCHAR(14) NOT NULL,
	afm		CHAR(9) NOT NULL,
	holder		VARCHAR(200) NOT NULL,
	type		ENUM('water', 'sewer', 'irrigation') NOT NULL,
	address		VARCHAR(200) NOT NULL,
	unit		VARCHAR(64) NULL,
	meter		VARCHAR(20) NULL,
	use_kind	ENUM('household', 'commercial', 'public',
			    'agricultural') NOT NULL DEFAULT 'household',
	active		TINYINT(1) NOT NULL DEFAULT 1,
	since		DATE NULL,
	PRIMARY KEY (supply),
	KEY wat_supplies_afm (afm, type)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Readings in order: by date, then on the day of a meter change the old
-- meter's final reading, the new one's initial, then regular ones (rank),
-- then as entered (id).
CREATE TABLE IF NOT EXISTS wat_readings (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	supply		VARCHAR(14) NOT NULL,
	read_on		DATE NOT NULL,
	value		BIGINT UNSIGNED NOT NULL,
	meter		VARCHAR(20) NOT NULL,
	kind		ENUM('regular', 'initial', 'final') NOT NULL
			    DEFAULT 'regular',
	rank_in_day	TINYINT UNSIGNED NOT NULL DEFAULT 2,
	source		ENUM('import', 'citizen', 'clerk') NOT NULL,
	request_id	BIGINT UNSIGNED NULL,
	account_id	BIGINT UNSIGNED NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY wat_readings_supply (supply, read_on, rank_in_day, id),
	KEY wat_readings_source (source, supply)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS wat_bills (
	bill		VARCHAR(14) NOT NULL,
	supply		VARCHAR(14) NOT NULL,
	period_from	DATE NOT NULL,
	period_to	DATE NOT NULL,
	consumption	BIGINT UNSIGNED NOT NULL,
	amount_cents	BIGINT UNSIGNED NOT NULL,
	issued_on	DATE NOT NULL,
	due_on		DATE NOT NULL,
	paid_cents	BIGINT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (bill),
	KEY wat_bills_supply (supply, period_to)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Farmers' parcels: by ΚΑΕΚ, or by the field's name where there is none
-- (name_f: folded, as people type it).
CREATE TABLE IF NOT EXISTS wat_parcels (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	afm		CHAR(9) NOT NULL,
	kaek		VARCHAR(24) NULL,
	name		VARCHAR(100) NULL,
	name_f		VARCHAR(255) NULL,
	unit		VARCHAR(64) NULL,
	area_tenths	INT UNSIGNED NOT NULL,
	supply		VARCHAR(14) NULL,
	PRIMARY KEY (id),
	KEY wat_parcels_afm (afm),
	KEY wat_parcels_kaek (kaek)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Irrigation hours allotted to a request, per season (year).
CREATE TABLE IF NOT EXISTS wat_allotments (
	request_id	BIGINT UNSIGNED NOT NULL,
	afm		CHAR(9) NOT NULL,
	season		SMALLINT UNSIGNED NOT NULL,
	parcel		VARCHAR(100) NOT NULL,
	crop		VARCHAR(16) NOT NULL,
	area_tenths	INT UNSIGNED NOT NULL,
	hours		INT UNSIGNED NOT NULL,
	created_at	DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (request_id),
	KEY wat_allotments_afm (afm, season)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS wat_imports (
	id		BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	sha256		CHAR(64) NOT NULL,
	rows_n		INT UNSIGNED NOT NULL,
	summary		VARCHAR(500) NULL,
	at		DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
