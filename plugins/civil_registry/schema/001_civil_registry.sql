-- The civil registry (Δημοτολόγιο): family records, persons, life events.
-- Filled by "dimosctl plugin civil_registry import DIR"; ids and record
-- numbers are the registry's own, so that an issued certificate's
-- record_ref ("p:<id>") keeps naming the same person after a re-import.
-- The *_f columns hold names folded as TaxisNet sends them (capitals, no
-- accents, see regutil.h), for matching applicants.

CREATE TABLE IF NOT EXISTS cr_families (
	merida		INT UNSIGNED NOT NULL,
	unit		VARCHAR(64) NOT NULL,
	address		VARCHAR(200) NULL,
	PRIMARY KEY (merida)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS cr_persons (
	id		INT UNSIGNED NOT NULL,
	merida		INT UNSIGNED NOT NULL,
	relation	ENUM('head', 'spouse', 'child', 'other') NOT NULL,
	surname		VARCHAR(64) NOT NULL,
	name		VARCHAR(64) NOT NULL,
	father_name	VARCHAR(64) NOT NULL,
	mother_name	VARCHAR(64) NOT NULL,
	mother_surname	VARCHAR(64) NULL,
	sex		ENUM('M', 'F') NOT NULL,
	birth_date	DATE NOT NULL,
	birth_place	VARCHAR(100) NOT NULL,
	citizenship	VARCHAR(64) NULL,
	marital_status	ENUM('single', 'married', 'divorced', 'widowed',
			    'partnership') NULL,
	afm		CHAR(9) NULL,
	amka		CHAR(11) NULL,
	status		ENUM('alive', 'deceased') NOT NULL DEFAULT 'alive',
	death_date	DATE NULL,
	death_place	VARCHAR(100) NULL,
	father_id	INT UNSIGNED NULL,
	mother_id	INT UNSIGNED NULL,
	surname_f	VARCHAR(255) NOT NULL,
	name_f		VARCHAR(255) NOT NULL,
	father_f	VARCHAR(255) NOT NULL,
	birth_year	SMALLINT UNSIGNED NOT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY cr_persons_afm (afm),
	UNIQUE KEY cr_persons_amka (amka),
	KEY cr_persons_merida (merida),
	KEY cr_persons_match (surname_f(64), name_f(64), father_f(64),
	    birth_year),
	KEY cr_persons_name (surname_f(64), name_f(64), birth_date),
	KEY cr_persons_father (father_id),
	KEY cr_persons_mother (mother_id),
	CONSTRAINT cr_persons_family FOREIGN KEY (merida)
	    REFERENCES cr_families (merida)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE IF NOT EXISTS cr_events (
	id		INT UNSIGNED NOT NULL AUTO_INCREMENT,
	person_id	INT UNSIGNED NOT NULL,
	kind		ENUM('birth', 'marriage', 'divorce', 'death',
			    'transfer') NOT NULL,
	date		DATE NOT NULL,
	place		VARCHAR(100) NULL,
	act_ref		VARCHAR(100) NULL,
	related_person_id INT UNSIGNED NULL,
	PRIMARY KEY (id),
	KEY cr_events_person (person_id, kind),
	KEY cr_events_related (related_person_id),
	CONSTRAINT cr_events_person_fk FOREIGN KEY (person_id)
	    REFERENCES cr_persons (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
