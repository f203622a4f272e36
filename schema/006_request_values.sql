-- The values of a request's form that its department's staff queue
-- filters and sorts by: the fields a plugin declares as indexed queue
-- columns (dm_column, DM_COLUMN_INDEXED), written in the submitting
-- transaction (domain/request_values.c). One row per value (a
-- multichoice field has one per choice); text is kept up to 191
-- characters, numbers also as num so that they compare as numbers.
-- The queue reads this table by (department, field, value) and never
-- scans the forms.
CREATE TABLE IF NOT EXISTS request_values (
	request_id BIGINT UNSIGNED NOT NULL,
	field VARCHAR(48) NOT NULL,
	value VARCHAR(191) NOT NULL,
	num BIGINT NULL,
	department VARCHAR(64) NOT NULL,
	PRIMARY KEY (request_id, field, value),
	KEY request_values_value (department, field, value, request_id),
	KEY request_values_num (department, field, num, request_id),
	CONSTRAINT request_values_request FOREIGN KEY (request_id)
	    REFERENCES requests (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
