-- An account's staff roles as the session's lookup reads them on every
-- logged-in request ("role:department,..."; NULL for a citizen). The
-- lookup read them with a subquery, and MariaDB prepares and optimizes
-- every SELECT of a statement on every execution, a subquery included.
-- staff_roles stays the truth: domain/staff.c rewrites this column from
-- it in the same transaction as any change to an account's roles (the
-- account's row locked first), and it is filled from it here.
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS staff_roles VARCHAR(1024) NULL;
UPDATE accounts a SET a.staff_roles = (SELECT GROUP_CONCAT(r.role, ':',
	r.department ORDER BY r.role, r.department SEPARATOR ',')
	FROM staff_roles r WHERE r.account_id = a.id)
WHERE a.id IN (SELECT account_id FROM staff_roles);
