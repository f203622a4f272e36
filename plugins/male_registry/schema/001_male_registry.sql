-- plugins/male_registry/schema/001_male_registry.sql: the male registry
-- (Μητρώο Αρρένων), one row per entry. Filled by
-- "dimosctl plugin male_registry import".

-- id comes from the import file, so that "entry:<id>" refs stay valid
-- across re-imports. An entry is numbered within its municipal unit and
-- year (unit, entry_year, entry_no). Old entries hold only the birth
-- year; names compare without case or accents (utf8mb4_unicode_ci), which
-- is what matching GSIS capitals needs.
CREATE TABLE IF NOT EXISTS mr_entries (
	id		INT UNSIGNED NOT NULL,
	surname		VARCHAR(64) NOT NULL,
	name		VARCHAR(64) NOT NULL,
	father_name	VARCHAR(64) NOT NULL,
	mother_name	VARCHAR(64) NOT NULL,
	birth_date	DATE NULL,
	birth_year	SMALLINT UNSIGNED NOT NULL,
	birth_place	VARCHAR(100) NOT NULL,
	unit		VARCHAR(64) NOT NULL,	-- municipal unit, nominative
	entry_year	SMALLINT UNSIGNED NOT NULL,
	entry_no	INT UNSIGNED NOT NULL,
	afm		CHAR(9) NULL,
	PRIMARY KEY (id),
	UNIQUE KEY mr_entries_entry (unit, entry_year, entry_no),
	UNIQUE KEY mr_entries_afm (afm),
	KEY mr_entries_names (surname, name, father_name, birth_year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
