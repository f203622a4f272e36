-- A staff member's rank or title as documents print it under «Με εντολή
-- Δημάρχου» and above their name ("Η Προϊσταμένη του Τμήματος
-- Δημοτολογίου"). Set with dimosctl user title; one per person.
CREATE TABLE IF NOT EXISTS staff_titles (
	account_id BIGINT UNSIGNED NOT NULL,
	title VARCHAR(200) NOT NULL,
	updated_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (account_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
