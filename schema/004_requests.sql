-- Requests and everything that hangs off them: history, files, protocol
-- numbers, the digital mailbox, canned responses. Files live in the
-- database (content-addressed), so every node of a cluster sees them.

-- A request to a department. A draft has no protocol number; submitting
-- gives it one in the same transaction. The applicant's details are
-- copied at submission: the record stays as it was filed even if the
-- account changes or is closed.
CREATE TABLE IF NOT EXISTS requests (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	service VARCHAR(64) NOT NULL,
	department VARCHAR(64) NOT NULL,
	account_id BIGINT UNSIGNED NOT NULL,
	status ENUM('draft', 'submitted', 'in_progress', 'awaiting_citizen',
	    'completed', 'rejected', 'withdrawn') NOT NULL DEFAULT 'draft',
	channel ENUM('web', 'counter', 'phone', 'mail') NOT NULL DEFAULT 'web',
	protocol_year SMALLINT UNSIGNED NULL,
	protocol_no INT UNSIGNED NULL,
	submitted_at DATETIME(6) NULL,
	due_date DATE NULL,
	awaiting_since DATETIME(6) NULL,
	assigned_to BIGINT UNSIGNED NULL,
	closed_at DATETIME(6) NULL,
	applicant_name VARCHAR(300) NULL,
	applicant_afm CHAR(9) NULL,
	applicant_email VARCHAR(254) NULL,
	applicant_phone VARCHAR(16) NULL,
	form LONGTEXT NOT NULL DEFAULT '{}' CHECK (JSON_VALID(form)),
	location VARCHAR(300) NULL,
	lat DECIMAL(9, 6) NULL,
	lon DECIMAL(9, 6) NULL,
	created_by BIGINT UNSIGNED NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	updated_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	UNIQUE KEY requests_protocol (protocol_year, protocol_no),
	KEY requests_mine (account_id, id),
	KEY requests_queue (department, status, due_date),
	KEY requests_afm (department, applicant_afm),
	KEY requests_name (department, applicant_name(60)),
	KEY requests_assigned (assigned_to, status),
	KEY requests_channel (submitted_at, channel)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Append-only history. "public" events are the citizen's to see;
-- "internal" ones (notes between staff) never are.
CREATE TABLE IF NOT EXISTS request_events (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	request_id BIGINT UNSIGNED NOT NULL,
	at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	actor_id BIGINT UNSIGNED NULL,
	kind VARCHAR(32) NOT NULL,
	visibility ENUM('public', 'internal') NOT NULL DEFAULT 'public',
	from_status VARCHAR(20) NULL,
	to_status VARCHAR(20) NULL,
	body TEXT NULL,
	PRIMARY KEY (id),
	KEY events_request (request_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- File contents, stored once per SHA-256.
CREATE TABLE IF NOT EXISTS blobs (
	sha256 BINARY(32) NOT NULL,
	size BIGINT UNSIGNED NOT NULL,
	content LONGBLOB NOT NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A file as attached to a request (by the citizen, or by staff to an
-- event such as the completion document).
CREATE TABLE IF NOT EXISTS attachments (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	request_id BIGINT UNSIGNED NOT NULL,
	event_id BIGINT UNSIGNED NULL,
	field VARCHAR(48) NULL,
	sha256 BINARY(32) NOT NULL,
	filename VARCHAR(255) NOT NULL,
	content_type VARCHAR(100) NOT NULL,
	size BIGINT UNSIGNED NOT NULL,
	uploaded_by BIGINT UNSIGNED NULL,
	internal TINYINT(1) NOT NULL DEFAULT 0,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY attachments_request (request_id, id),
	KEY attachments_blob (sha256)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Protocol numbers (αριθμός πρωτοκόλλου, law 2690/1999 art. 12): one row
-- a year, incremented in the submitting transaction, so numbers have no
-- gaps and no two requests share one.
CREATE TABLE IF NOT EXISTS protocol_counters (
	year SMALLINT UNSIGNED NOT NULL,
	last_no INT UNSIGNED NOT NULL DEFAULT 0,
	PRIMARY KEY (year)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The digital mailbox (ψηφιακή θυρίδα): what the municipality sends the
-- citizen. Items are never changed after delivery, except read_at.
CREATE TABLE IF NOT EXISTS mailbox_items (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	account_id BIGINT UNSIGNED NOT NULL,
	request_id BIGINT UNSIGNED NULL,
	kind ENUM('message', 'answer', 'document', 'receipt') NOT NULL,
	title VARCHAR(300) NOT NULL,
	body TEXT NULL,
	attachment_id BIGINT UNSIGNED NULL,
	document_id BIGINT UNSIGNED NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	read_at DATETIME(6) NULL,
	PRIMARY KEY (id),
	KEY mailbox_account (account_id, id),
	KEY mailbox_unread (account_id, read_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Ready-made answers a department's staff pick from; {name} and
-- {protocol} are filled in.
CREATE TABLE IF NOT EXISTS canned_responses (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
	department VARCHAR(64) NOT NULL,
	title VARCHAR(200) NOT NULL,
	body TEXT NOT NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	PRIMARY KEY (id),
	KEY canned_department (department)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
