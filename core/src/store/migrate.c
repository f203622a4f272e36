/*
 * migrate.c - forward-only migrations recorded in schema_migrations.
 * DDL is not transactional in MariaDB, so a migration is recorded after all
 * its statements ran; migrations are written to be re-runnable (IF NOT
 * EXISTS) so a half-applied one can simply be applied again.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "log.h"
#include "migrate.h"

static const char migrations_table[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " component VARCHAR(64) NOT NULL,"
    " version INT UNSIGNED NOT NULL,"
    " name VARCHAR(128) NOT NULL,"
    " checksum CHAR(64) NOT NULL,"
    " applied_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),"
    " PRIMARY KEY (component, version)"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci";

static char *
read_file(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	long n;

	if (fp == NULL)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) >= 0 &&
	    n < (64L << 20) && fseek(fp, 0, SEEK_SET) == 0) {
		buf = malloc((size_t)n + 1);
		if (buf != NULL && fread(buf, 1, (size_t)n, fp) == (size_t)n) {
			buf[n] = '\0';
			*len = (size_t)n;
		} else {
			free(buf);
			buf = NULL;
		}
	}
	fclose(fp);
	return buf;
}

static int
cmp_migration(const void *a, const void *b)
{
	const struct migration *x = a, *y = b;

	return x->version - y->version;
}

dm_status
migrate_scan(const char *dir, const char *component,
    struct migration_set *set, char *err, size_t errsz)
{
	DIR *d;
	struct dirent *de;
	size_t first = set->n;

	d = opendir(dir);
	if (d == NULL) {
		if (errno == ENOENT)
			return DM_OK;	/* a plugin without tables */
		snprintf(err, errsz, "%s: %s", dir, strerror(errno));
		return DM_EINPUT;
	}
	while ((de = readdir(d)) != NULL) {
		const char *n = de->d_name;
		size_t len = strlen(n), flen;
		struct migration *m;
		unsigned char hash[crypto_hash_sha256_BYTES];
		char *text;

		if (len < 5 || strcmp(n + len - 4, ".sql") != 0)
			continue;
		if (len >= sizeof(m->name) || !isdigit((unsigned char)n[0]) ||
		    !isdigit((unsigned char)n[1]) ||
		    !isdigit((unsigned char)n[2]) || n[3] != '_') {
			snprintf(err, errsz, "%s/%s: migration files are named "
			    "NNN_name.sql", dir, n);
			closedir(d);
			return DM_EINPUT;
		}
		set->v = realloc(set->v, (set->n + 1) * sizeof(*set->v));
		m = &set->v[set->n];
		memset(m, 0, sizeof(*m));
		snprintf(m->component, sizeof(m->component), "%s", component);
		m->version = atoi(n);
		memcpy(m->name, n, len + 1);
		if (asprintf(&m->path, "%s/%s", dir, n) < 0)
			log_fatal("out of memory");
		set->n++;
		text = read_file(m->path, &flen);
		if (text == NULL) {
			snprintf(err, errsz, "%s: cannot read", m->path);
			closedir(d);
			return DM_EINPUT;
		}
		crypto_hash_sha256(hash, (unsigned char *)text, flen);
		free(text);
		for (size_t i = 0; i < sizeof(hash); i++)
			snprintf(m->checksum + 2 * i, 3, "%02x", hash[i]);
	}
	closedir(d);
	qsort(set->v + first, set->n - first, sizeof(*set->v),
	    cmp_migration);
	for (size_t i = first + 1; i < set->n; i++)
		if (set->v[i].version == set->v[i - 1].version) {
			snprintf(err, errsz, "%s: %s and %s have the same "
			    "number", dir, set->v[i - 1].name, set->v[i].name);
			return DM_EINPUT;
		}
	return DM_OK;
}

void
migrate_set_free(struct migration_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		free(set->v[i].path);
	free(set->v);
	set->v = NULL;
	set->n = 0;
}

/* Trims s[0..n) and hands a non-empty statement to fn. */
static int
emit(const char *s, size_t n, int line, char *buf,
    int (*fn)(void *, const char *, int), void *arg, int *count)
{
	while (n > 0 && isspace((unsigned char)*s)) {
		if (*s == '\n')
			line++;
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0)
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	(*count)++;
	return fn(arg, buf, line);
}

int
migrate_split(const char *sql, int (*fn)(void *, const char *, int),
    void *arg)
{
	const char *p = sql, *start = sql;
	int line = 1, start_line = 1, count = 0, r = 0, seen = 0;
	char *buf = malloc(strlen(sql) + 1);

	if (buf == NULL)
		log_fatal("out of memory");
	for (;;) {
		if (*p == '\'' || *p == '"' || *p == '`') {
			char q = *p++;

			seen = 1;
			while (*p != '\0' && *p != q) {
				if (*p == '\\' && q != '`' && p[1] != '\0')
					p++;
				if (*p == '\n')
					line++;
				p++;
			}
			if (*p != '\0')
				p++;
			continue;
		}
		if ((p[0] == '-' && p[1] == '-' && (p[2] == ' ' ||
		    p[2] == '\t' || p[2] == '\n' || p[2] == '\0')) ||
		    p[0] == '#') {
			while (*p != '\0' && *p != '\n')
				p++;
			continue;
		}
		if (p[0] == '/' && p[1] == '*') {
			p += 2;
			while (*p != '\0' && !(p[0] == '*' && p[1] == '/')) {
				if (*p == '\n')
					line++;
				p++;
			}
			if (*p != '\0')
				p += 2;
			continue;
		}
		if (*p == ';' || *p == '\0') {
			/* A statement without a final ';' still counts,
			 * unless it is only comments and space. */
			if (seen && (r = emit(start, (size_t)(p - start),
			    start_line, buf, fn, arg, &count)) != 0)
				break;
			seen = 0;
			if (*p == '\0')
				break;
			start = p + 1;
			start_line = line;
		} else if (*p == '\n') {
			line++;
		} else if (!isspace((unsigned char)*p)) {
			seen = 1;
		}
		p++;
	}
	free(buf);
	return r != 0 ? -1 : count;
}

struct applied {
	char	name[128];
	char	checksum[65];
	int	version;
};

struct applied_set {
	struct applied	*v;
	size_t		 n;
};

static dm_status
applied_row(void *arg, const struct dm_value *c, size_t n)
{
	struct applied_set *a = arg;
	struct applied *x;

	if (n < 3)
		return DM_EINTERNAL;
	a->v = realloc(a->v, (a->n + 1) * sizeof(*a->v));
	x = &a->v[a->n++];
	x->version = (int)c[0].i;
	snprintf(x->name, sizeof(x->name), "%s", c[1].s ? c[1].s : "");
	snprintf(x->checksum, sizeof(x->checksum), "%s", c[2].s ? c[2].s :
	    "");
	return DM_OK;
}

struct stmt_ctx {
	struct db		*db;
	const struct migration	*m;
	char			*err;
	size_t			 errsz;
};

static int
apply_stmt(void *arg, const char *stmt, int line)
{
	struct stmt_ctx *c = arg;
	char why[512];

	if (db_script_stmt(c->db, stmt, why, sizeof(why)) != DM_OK) {
		snprintf(c->err, c->errsz, "%s:%d: %s", c->m->path, line, why);
		return -1;
	}
	return 0;
}

dm_status
migrate_run(struct db *db, const struct migration_set *set,
    enum migrate_mode mode, void *outp, char *err, size_t errsz)
{
	FILE *out = outp;
	struct applied_set ap = { NULL, 0 };
	dm_status st = DM_EINTERNAL;
	const char *component = NULL;
	size_t pending = 0;

	err[0] = '\0';
	if (db_script_stmt(db, migrations_table, err, errsz) != DM_OK)
		return DM_EINTERNAL;
	for (size_t i = 0; i < set->n; i++) {
		const struct migration *m = &set->v[i];
		const struct applied *found = NULL;

		if (component == NULL || strcmp(component, m->component)) {
			struct dm_value p = DM_VTEXT(m->component);

			component = m->component;
			free(ap.v);
			ap.v = NULL;
			ap.n = 0;
			if (db_query(db, "SELECT version, name, checksum FROM "
			    "schema_migrations WHERE component = ?", &p, 1,
			    applied_row, &ap) != DM_OK) {
				snprintf(err, errsz, "cannot read "
				    "schema_migrations");
				goto out;
			}
		}
		for (size_t j = 0; j < ap.n; j++)
			if (ap.v[j].version == m->version)
				found = &ap.v[j];
		if (found != NULL) {
			if (strcmp(found->checksum, m->checksum) != 0) {
				snprintf(err, errsz, "%s was edited after it "
				    "was applied (recorded sha256 %.12s..., "
				    "file now %.12s...); write a new migration "
				    "instead of changing an applied one",
				    m->path, found->checksum, m->checksum);
				st = DM_ECONFLICT;
				goto out;
			}
			if (mode == MIGRATE_STATUS && out != NULL)
				fprintf(out, "applied  %s/%s\n", m->component,
				    m->name);
			continue;
		}
		pending++;
		if (mode == MIGRATE_STATUS) {
			if (out != NULL)
				fprintf(out, "pending  %s/%s\n", m->component,
				    m->name);
			continue;
		}
		{
			size_t len;
			char *text = read_file(m->path, &len);
			struct stmt_ctx c = { db, m, err, errsz };
			struct dm_value p[4];

			if (text == NULL) {
				snprintf(err, errsz, "%s: cannot read",
				    m->path);
				goto out;
			}
			if (migrate_split(text, apply_stmt, &c) < 0) {
				free(text);
				goto out;
			}
			free(text);
			p[0] = DM_VTEXT(m->component);
			p[1] = DM_VINT(m->version);
			p[2] = DM_VTEXT(m->name);
			p[3] = DM_VTEXT(m->checksum);
			if (db_exec(db, "INSERT INTO schema_migrations "
			    "(component, version, name, checksum) VALUES "
			    "(?, ?, ?, ?)", p, 4, NULL, NULL) != DM_OK) {
				snprintf(err, errsz, "%s: applied, but cannot "
				    "record it", m->path);
				goto out;
			}
			if (out != NULL)
				fprintf(out, "applied  %s/%s\n", m->component,
				    m->name);
		}
	}
	if (out != NULL && mode == MIGRATE_APPLY && pending == 0)
		fprintf(out, "nothing to apply: the schema is up to date\n");
	st = DM_OK;
out:
	free(ap.v);
	return st;
}
