/*
 * config.c - loading and checking the INI configuration.
 * The keys table below is the single description of the file: adding a key
 * is one line. docs/configuration.md documents the same keys.
 */
#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config.h"
#include "log.h"

enum cfg_type {
	CFG_STR,
	CFG_PATH,	/* relative paths are taken from the config's folder */
	CFG_URL,	/* http(s)://..., stored without trailing slash */
	CFG_URLS,	/* smtp://host[:port] or smtps://host[:port] */
	CFG_INT,
	CFG_SIZE,	/* 512, 64k, 10m, 1g */
	CFG_DURATION,	/* 30, 30s, 5m, 2h, 14d -> seconds */
	CFG_TRIBOOL,	/* auto | yes | no */
	CFG_MODE,	/* octal file mode */
	CFG_LOGLEVEL,
	CFG_LIST,	/* comma/space separated names */
	CFG_BOOL,	/* yes | no */
	CFG_CHOICE,	/* one of the words in choices */
	CFG_TILES,	/* a map tile URL template, or "" */
	CFG__MAX
};

#define CFG_REQUIRED	0x01u

struct cfg_key {
	const char	*section;
	const char	*name;
	enum cfg_type	 type;
	size_t		 off;
	const char	*def;		/* NULL: no default */
	long long	 min, max;	/* for numbers */
	unsigned	 flags;
	const char	*choices;	/* CFG_CHOICE: "a|b|c" */
};

#define O(f)	offsetof(struct config, f)

static const struct cfg_key cfg_keys[] = {
	{ "server", "socket", CFG_PATH, O(socket), "/run/dimos/dimosd.sock", 0, 0, 0, NULL },
	{ "server", "socket_mode", CFG_MODE, O(socket_mode), "0660", 0, 0777, 0, NULL },
	{ "server", "socket_group", CFG_STR, O(socket_group), NULL, 0, 0, 0, NULL },
	{ "server", "workers", CFG_INT, O(workers), "0", 0, 256, 0, NULL },
	{ "server", "user", CFG_STR, O(user), NULL, 0, 0, 0, NULL },
	{ "server", "base_url", CFG_URL, O(base_url), "http://127.0.0.1:8080", 0, 0, 0, NULL },
	{ "server", "xslt_dir", CFG_PATH, O(xslt_dir), "/usr/share/dimos/xslt", 0, 0, 0, NULL },
	{ "server", "static_url", CFG_STR, O(static_url), "/static", 0, 0, 0, NULL },
	{ "server", "log_level", CFG_LOGLEVEL, O(log_level), "info", 0, 0, 0, NULL },
	{ "server", "shutdown_timeout", CFG_DURATION, O(shutdown_timeout), "30s", 1, 3600, 0, NULL },
	{ "server", "max_requests", CFG_INT, O(max_requests), "0", 0, 100000000, 0, NULL },
	{ "server", "secure_cookies", CFG_TRIBOOL, O(secure_cookies), "auto", 0, 0, 0, NULL },
	{ "server", "db_trips_header", CFG_BOOL, O(db_trips_header), "no", 0, 0, 0, NULL },

	{ "database", "host", CFG_STR, O(db_host), "localhost", 0, 0, 0, NULL },
	{ "database", "socket", CFG_PATH, O(db_socket), NULL, 0, 0, 0, NULL },
	{ "database", "port", CFG_INT, O(db_port), "3306", 1, 65535, 0, NULL },
	{ "database", "name", CFG_STR, O(db_name), NULL, 0, 0, CFG_REQUIRED, NULL },
	{ "database", "user", CFG_STR, O(db_user), NULL, 0, 0, CFG_REQUIRED, NULL },
	{ "database", "password", CFG_STR, O(db_password), NULL, 0, 0, 0, NULL },
	{ "database", "admin_user", CFG_STR, O(db_admin_user), NULL, 0, 0, 0, NULL },
	{ "database", "admin_password", CFG_STR, O(db_admin_password), NULL, 0, 0, 0, NULL },
	{ "database", "connect_timeout", CFG_DURATION, O(db_connect_timeout), "5s", 1, 600, 0, NULL },
	{ "database", "lock_wait_timeout", CFG_DURATION, O(db_lock_wait), "10s", 1, 600, 0, NULL },
	{ "database", "sync_wait", CFG_INT, O(db_sync_wait), "0", 0, 15, 0, NULL },
	{ "database", "schema_dir", CFG_PATH, O(schema_dir), "/usr/share/dimos/schema", 0, 0, 0, NULL },

	{ "municipality", "name_el", CFG_STR, O(mun_name_el), NULL, 0, 0, CFG_REQUIRED, NULL },
	{ "municipality", "name_en", CFG_STR, O(mun_name_en), NULL, 0, 0, CFG_REQUIRED, NULL },
	{ "municipality", "name_genitive_el", CFG_STR, O(mun_genitive_el), "", 0, 0, 0, NULL },
	{ "municipality", "name_genitive_en", CFG_STR, O(mun_genitive_en), "", 0, 0, 0, NULL },
	{ "municipality", "dpo_email", CFG_STR, O(mun_dpo_email), "", 0, 0, 0, NULL },
	{ "municipality", "privacy_el", CFG_PATH, O(mun_privacy_el), NULL, 0, 0, 0, NULL },
	{ "municipality", "privacy_en", CFG_PATH, O(mun_privacy_en), NULL, 0, 0, 0, NULL },
	{ "municipality", "accessibility_el", CFG_PATH, O(mun_accessibility_el), NULL, 0, 0, 0, NULL },
	{ "municipality", "accessibility_en", CFG_PATH, O(mun_accessibility_en), NULL, 0, 0, 0, NULL },
	{ "municipality", "accessibility_date", CFG_STR, O(mun_accessibility_date), "", 0, 0, 0, NULL },
	{ "municipality", "address_el", CFG_STR, O(mun_address_el), "", 0, 0, 0, NULL },
	{ "municipality", "address_en", CFG_STR, O(mun_address_en), "", 0, 0, 0, NULL },
	{ "municipality", "place_el", CFG_STR, O(mun_place_el), "", 0, 0, 0, NULL },
	{ "municipality", "place_en", CFG_STR, O(mun_place_en), "", 0, 0, 0, NULL },
	{ "municipality", "phone", CFG_STR, O(mun_phone), "", 0, 0, 0, NULL },
	{ "municipality", "email", CFG_STR, O(mun_email), "", 0, 0, 0, NULL },
	{ "municipality", "website", CFG_STR, O(mun_website), "", 0, 0, 0, NULL },
	{ "municipality", "emblem_url", CFG_STR, O(mun_emblem_url), "/static/emblem.svg", 0, 0, 0, NULL },
	{ "municipality", "emblem_png", CFG_PATH, O(mun_emblem_png), NULL, 0, 0, 0, NULL },
	{ "municipality", "timezone", CFG_STR, O(mun_timezone), "Europe/Athens", 0, 0, 0, NULL },
	{ "municipality", "holidays", CFG_STR, O(mun_holidays), "", 0, 0, 0, NULL },
	{ "municipality", "electronic_target", CFG_INT, O(mun_electronic_target), "50", 0, 100, 0, NULL },
	{ "municipality", "public_statistics", CFG_BOOL, O(mun_public_statistics), "no", 0, 0, 0, NULL },

	{ "open311", "per_minute", CFG_INT, O(open311_per_minute), "60", 1, 100000, 0, NULL },
	{ "open311", "get_per_client", CFG_INT, O(open311_get_per_client), "120", 1, 100000000, 0, NULL },

	{ "plugins", "directory", CFG_PATH, O(plugin_dir), "/usr/lib/dimos/plugins", 0, 0, 0, NULL },
	{ "plugins", "data_dir", CFG_PATH, O(plugin_data_dir), "/usr/share/dimos/plugins", 0, 0, 0, NULL },
	{ "plugins", "enabled", CFG_LIST, O(enabled), "", 0, 0, 0, NULL },

	{ "security", "session_idle", CFG_DURATION, O(sess_idle), "30m", 60, 86400, 0, NULL },
	{ "security", "session_absolute", CFG_DURATION, O(sess_absolute), "12h", 600, 30 * 86400, 0, NULL },
	{ "security", "login_failures", CFG_INT, O(login_failures), "5", 1, 1000, 0, NULL },
	{ "security", "login_ip_failures", CFG_INT, O(login_ip_failures), "30", 1, 100000, 0, NULL },
	{ "security", "login_window", CFG_DURATION, O(login_window), "15m", 60, 86400, 0, NULL },
	{ "security", "login_lockout", CFG_DURATION, O(login_lockout), "15m", 10, 86400, 0, NULL },
	{ "security", "mail_per_address", CFG_INT, O(mail_per_address), "5", 1, 1000, 0, NULL },
	{ "security", "mail_per_client", CFG_INT, O(mail_per_client), "30", 1, 1000000, 0, NULL },
	{ "security", "mail_window", CFG_DURATION, O(mail_window), "1h", 60, 7 * 86400, 0, NULL },
	{ "security", "totp_clerks", CFG_BOOL, O(totp_clerks), "no", 0, 0, 0, NULL },
	{ "security", "verify_per_client", CFG_INT, O(verify_per_client), "60", 1, 100000000, 0, NULL },
	{ "security", "password_min", CFG_INT, O(password_min), "10", 8, 128, 0, NULL },
	{ "security", "argon2_memory", CFG_SIZE, O(argon2_memory), "19m", 8LL << 20, 1LL << 30, 0, NULL },
	{ "security", "argon2_ops", CFG_INT, O(argon2_ops), "2", 1, 10, 0, NULL },

	{ "mail", "smtp_url", CFG_URLS, O(mail_smtp_url), "smtp://127.0.0.1:25", 0, 0, 0, NULL },
	{ "mail", "from", CFG_STR, O(mail_from), "Dimos <noreply@localhost>", 0, 0, 0, NULL },
	{ "mail", "username", CFG_STR, O(mail_username), NULL, 0, 0, 0, NULL },
	{ "mail", "password", CFG_STR, O(mail_password), NULL, 0, 0, 0, NULL },
	{ "mail", "tls", CFG_CHOICE, O(mail_tls), "none", 0, 0, 0, "none|starttls|required" },
	{ "mail", "timeout", CFG_DURATION, O(mail_timeout), "30s", 1, 600, 0, NULL },
	{ "mail", "poll", CFG_DURATION, O(mail_poll), "2s", 1, 3600, 0, NULL },
	{ "mail", "retry_base", CFG_DURATION, O(mail_retry_base), "30s", 1, 86400, 0, NULL },
	{ "mail", "retry_max", CFG_INT, O(mail_retry_max), "12", 1, 100, 0, NULL },
	{ "mail", "batch", CFG_INT, O(mail_batch), "20", 1, 1000, 0, NULL },

	{ "taxisnet", "enabled", CFG_BOOL, O(taxis_enabled), "no", 0, 0, 0, NULL },
	{ "taxisnet", "authorize_url", CFG_URL, O(taxis_authorize_url), NULL, 0, 0, 0, NULL },
	{ "taxisnet", "token_url", CFG_URL, O(taxis_token_url), NULL, 0, 0, 0, NULL },
	{ "taxisnet", "userinfo_url", CFG_URL, O(taxis_userinfo_url), NULL, 0, 0, 0, NULL },
	{ "taxisnet", "logout_url", CFG_URL, O(taxis_logout_url), NULL, 0, 0, 0, NULL },
	{ "taxisnet", "client_id", CFG_STR, O(taxis_client_id), NULL, 0, 0, 0, NULL },
	{ "taxisnet", "client_secret", CFG_STR, O(taxis_client_secret), NULL, 0, 0, 0, NULL },
	{ "taxisnet", "scope", CFG_STR, O(taxis_scope), "read", 0, 0, 0, NULL },
	{ "taxisnet", "timeout", CFG_DURATION, O(taxis_timeout), "10s", 1, 120, 0, NULL },

	{ "documents", "key_dir", CFG_PATH, O(doc_key_dir), "/etc/dimos/keys", 0, 0, 0, NULL },
	{ "documents", "icc_profile", CFG_PATH, O(doc_icc_profile), "/usr/share/color/icc/sRGB.icc", 0, 0, 0, NULL },
	{ "documents", "legal_basis", CFG_STR, O(doc_legal_basis), "τον ν.\xc2\xa0" "4727/2020 και τον Κανονισμό (ΕΕ) αριθ.\xc2\xa0" "910/2014", 0, 0, 0, NULL },

	/* Per department too: the keys of cfg_lh_dept_keys[] below. */
	{ "letterhead", "state", CFG_STR, O(lh_state), "ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ", 0, 0, 0, NULL },
	{ "letterhead", "region", CFG_STR, O(lh_region), "", 0, 0, 0, NULL },
	{ "letterhead", "regional_unit", CFG_STR, O(lh_regional_unit), "", 0, 0, 0, NULL },
	{ "letterhead", "municipality", CFG_STR, O(lh_municipality), NULL, 0, 0, 0, NULL },
	{ "letterhead", "directorate", CFG_STR, O(lh_directorate), "", 0, 0, 0, NULL },
	{ "letterhead", "department", CFG_STR, O(lh_department), NULL, 0, 0, 0, NULL },
	{ "letterhead", "address", CFG_STR, O(lh_address), NULL, 0, 0, 0, NULL },
	{ "letterhead", "phone", CFG_STR, O(lh_phone), NULL, 0, 0, 0, NULL },
	{ "letterhead", "email", CFG_STR, O(lh_email), NULL, 0, 0, 0, NULL },
	{ "letterhead", "emblem", CFG_PATH, O(lh_emblem), NULL, 0, 0, 0, NULL },
	{ "letterhead", "mandate", CFG_BOOL, O(lh_mandate), "yes", 0, 0, 0, NULL },

	{ "places", "geojson", CFG_PATH, O(places_geojson), NULL, 0, 0, 0, NULL },
	{ "places", "tiles", CFG_TILES, O(places_tiles), "https://tile.openstreetmap.org/{z}/{x}/{y}.png", 0, 0, 0, NULL },
	{ "places", "attribution", CFG_STR, O(places_attribution), "© OpenStreetMap", 0, 0, 0, NULL },
	{ "places", "attribution_url", CFG_URL, O(places_attribution_url), "https://www.openstreetmap.org/copyright", 0, 0, 0, NULL },
	{ "places", "nearby_radius", CFG_INT, O(places_nearby_m), "50", 5, 1000, 0, NULL },
	{ "places", "nearby_days", CFG_INT, O(places_nearby_days), "30", 1, 365, 0, NULL },
	{ "places", "public_precision", CFG_INT, O(places_public_m), "100", 1, 2000, 0, NULL },

	{ "photos", "max_pixels", CFG_INT, O(photo_max_pixels), "50000000", 100000, 200000000, 0, NULL },
	{ "photos", "max_side", CFG_INT, O(photo_max_side), "12000", 100, 30000, 0, NULL },
	{ "photos", "thumb_side", CFG_INT, O(photo_thumb_side), "320", 32, 2048, 0, NULL },
	{ "photos", "quality", CFG_INT, O(photo_quality), "90", 30, 100, 0, NULL },

	{ "limits", "query", CFG_SIZE, O(lim_query), "8k", 256, 1LL << 20, 0, NULL },
	{ "limits", "form", CFG_SIZE, O(lim_form), "256k", 1024, 16LL << 20, 0, NULL },
	{ "limits", "fields", CFG_INT, O(lim_fields), "256", 8, 10000, 0, NULL },
	{ "limits", "upload_file", CFG_SIZE, O(lim_upload_file), "10m", 1024, 1LL << 30, 0, NULL },
	{ "limits", "upload_request", CFG_SIZE, O(lim_upload_request), "32m", 1024, 4LL << 30, 0, NULL },
	{ "limits", "upload_files", CFG_INT, O(lim_upload_files), "10", 1, 100, 0, NULL },
	{ "limits", "upload_dir", CFG_STR, O(lim_upload_dir), NULL, 0, 0, 0, NULL },
	{ "limits", "upload_types", CFG_STR, O(lim_upload_types), "application/pdf, image/jpeg, image/png, image/heic", 0, 0, 0, NULL },
};

#undef O

#define NKEYS	(sizeof(cfg_keys) / sizeof(cfg_keys[0]))

/* What a department may set differently from the municipality. */
static const char *const cfg_lh_dept_keys[] = {
	"directorate", "department", "address", "phone", "email", "emblem",
	"mandate",
};

#define NLHKEYS	(sizeof(cfg_lh_dept_keys) / sizeof(cfg_lh_dept_keys[0]))

struct cfg_parse {
	struct config	*cfg;
	FILE		*fp;
	char		*dir;		/* folder of the config file */
	int		 line;
	int		 failed;
	unsigned char	 seen[NKEYS];
	char		*err;
	size_t		 errsz;
};

static void
cfg_err(struct cfg_parse *p, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
cfg_err(struct cfg_parse *p, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (p->failed)
		return;
	p->failed = 1;
	if (line > 0)
		n = snprintf(p->err, p->errsz, "%s:%d: ", p->cfg->path, line);
	else
		n = snprintf(p->err, p->errsz, "%s: ", p->cfg->path);
	if (n < 0 || (size_t)n >= p->errsz)
		return;
	va_start(ap, fmt);
	vsnprintf(p->err + n, p->errsz - (size_t)n, fmt, ap);
	va_end(ap);
}

struct unit {
	char		suffix;
	long long	mul;
};

/* A non-negative whole number with an optional one-letter unit; "b" may
 * follow the unit letter when bytes allow it. */
static int
parse_scaled(const char *s, const struct unit *units, int allow_b,
    long long *out)
{
	char *end;
	long long v, mul = 1;

	if (s == NULL || !isdigit((unsigned char)*s))
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0)
		return 0;
	if (*end != '\0') {
		const struct unit *u;

		for (u = units; u->suffix != 0; u++)
			if (tolower((unsigned char)*end) == u->suffix)
				break;
		if (u->suffix == 0)
			return 0;
		mul = u->mul;
		if (end[1] != '\0' && !(allow_b && tolower(
		    (unsigned char)end[1]) == 'b' && end[2] == '\0'))
			return 0;
	}
	if (v > LLONG_MAX / mul)
		return 0;
	*out = v * mul;
	return 1;
}

int
config_parse_size(const char *s, long long *out)
{
	static const struct unit units[] = {
		{ 'k', 1024LL }, { 'm', 1024LL * 1024 },
		{ 'g', 1024LL * 1024 * 1024 }, { 0, 0 } };

	return parse_scaled(s, units, 1, out);
}

int
config_parse_duration(const char *s, long long *seconds)
{
	static const struct unit units[] = {
		{ 's', 1 }, { 'm', 60 }, { 'h', 3600 }, { 'd', 86400 },
		{ 0, 0 } };

	return parse_scaled(s, units, 0, seconds);
}

int
config_parse_bool(const char *s, int *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = 1;
			return 1;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = 0;
			return 1;
		}
	}
	return 0;
}

/*
 * database.host: one host or a list of host[:port] separated by commas or
 * spaces (a Galera cluster's nodes, tried in order). A port missing takes
 * database.port.
 */
static int
db_hosts_split(struct config *cfg, char *err, size_t errsz)
{
	char *copy = strdup(cfg->db_host), *save = NULL, *tok;
	int ok = 1;

	for (tok = strtok_r(copy, ", \t", &save); tok != NULL && ok;
	    tok = strtok_r(NULL, ", \t", &save)) {
		char *colon = strrchr(tok, ':'), *end;
		long port = cfg->db_port;

		if (cfg->ndb_hosts == CONFIG_MAX_DB_HOSTS) {
			snprintf(err, errsz, "database.host: more than %d "
			    "hosts", CONFIG_MAX_DB_HOSTS);
			ok = 0;
			break;
		}
		if (colon != NULL) {
			*colon = '\0';
			errno = 0;
			port = strtol(colon + 1, &end, 10);
			if (colon[1] == '\0' || *end != '\0' || errno != 0 ||
			    port < 1 || port > 65535) {
				snprintf(err, errsz, "database.host: '%s:%s' "
				    "has no valid port", tok, colon + 1);
				ok = 0;
				break;
			}
		}
		if (tok[0] == '\0') {
			snprintf(err, errsz, "database.host: an entry has no "
			    "host name");
			ok = 0;
			break;
		}
		cfg->db_hosts[cfg->ndb_hosts] = strdup(tok);
		cfg->db_ports[cfg->ndb_hosts++] = (int)port;
	}
	free(copy);
	if (ok && cfg->ndb_hosts == 0) {
		snprintf(err, errsz, "database.host is empty");
		ok = 0;
	}
	return ok;
}

int
config_tile_origin(const char *tpl, char *origin, size_t size)
{
	const char *host, *p;
	size_t hostlen, n;
	int sub = 0;

	if (tpl == NULL || strlen(tpl) > 400)
		return 0;
	if (strncmp(tpl, "https://", 8) == 0)
		host = tpl + 8;
	else if (strncmp(tpl, "http://", 7) == 0)
		host = tpl + 7;
	else
		return 0;
	if (strncmp(host, "{s}.", 4) == 0) {
		sub = 1;
		host += 4;
	}
	for (p = host; *p != '\0' && *p != '/'; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-' &&
		    *p != ':')
			return 0;
	hostlen = (size_t)(p - host);
	if (hostlen == 0 || *p != '/' || host[0] == '.' || host[0] == '-' ||
	    host[0] == ':')
		return 0;
	/* The path: printable ASCII without what could end an attribute,
	 * a header or a CSP source; placeholders {z} {x} {y} {s} {r} only. */
	for (; *p != '\0'; p++) {
		if (*p <= ' ' || *p > '~' || strchr("\"'<>\\`;,", *p) != NULL)
			return 0;
		if (*p == '{') {
			if (p[1] == '\0' || strchr("zxysr", p[1]) == NULL ||
			    p[2] != '}')
				return 0;
			p += 2;
		} else if (*p == '}')
			return 0;
	}
	if (strstr(tpl, "{z}") == NULL || strstr(tpl, "{x}") == NULL ||
	    strstr(tpl, "{y}") == NULL)
		return 0;
	n = (size_t)snprintf(origin, size, "%.*s%s%.*s",
	    (int)(host - tpl - (sub ? 4 : 0)), tpl, sub ? "*." : "",
	    (int)hostlen, host);
	for (size_t i = 0; i < n && i < size; i++)
		origin[i] = (char)tolower((unsigned char)origin[i]);
	return n < size;
}

/* [a-z][a-z0-9<extra>]* */
static int
cfg_valid_name(const char *s, char extra)
{
	if (!islower((unsigned char)*s))
		return 0;
	for (; *s != '\0'; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s)
		    && *s != extra)
			return 0;
	return 1;
}

static char *
cfg_path(struct cfg_parse *p, const char *v)
{
	char *r;

	if (v[0] == '/' || p->dir == NULL)
		return strdup(v);
	if (asprintf(&r, "%s/%s", p->dir, v) < 0)
		log_fatal("out of memory");
	return r;
}

static int
cfg_set(struct cfg_parse *p, const struct cfg_key *k, const char *v, int line)
{
	struct config *cfg = p->cfg;
	char *base = (char *)cfg + k->off;
	long long n;
	char *end;
	int b;

	switch (k->type) {
	case CFG_STR:
		free(*(char **)base);
		*(char **)base = strdup(v);
		return 1;
	case CFG_PATH:
		free(*(char **)base);
		*(char **)base = v[0] == '\0' ? NULL : cfg_path(p, v);
		return 1;
	case CFG_URL: {
		size_t len = strlen(v);

		if (strncmp(v, "http://", 7) != 0 &&
		    strncmp(v, "https://", 8) != 0) {
			cfg_err(p, line, "%s.%s: '%s' is not an http(s) URL",
			    k->section, k->name, v);
			return 0;
		}
		while (len > 0 && v[len - 1] == '/')
			len--;
		free(*(char **)base);
		*(char **)base = strndup(v, len);
		return 1;
	}
	case CFG_URLS:
		if (strncmp(v, "smtp://", 7) != 0 &&
		    strncmp(v, "smtps://", 8) != 0) {
			cfg_err(p, line, "%s.%s: '%s' is not an smtp:// or "
			    "smtps:// URL", k->section, k->name, v);
			return 0;
		}
		free(*(char **)base);
		*(char **)base = strdup(v);
		return 1;
	case CFG_BOOL:
		if (!config_parse_bool(v, &b)) {
			cfg_err(p, line, "%s.%s: '%s' is not yes or no",
			    k->section, k->name, v);
			return 0;
		}
		*(int *)base = b;
		return 1;
	case CFG_CHOICE: {
		size_t vlen = strlen(v);
		const char *c = k->choices;

		while (c != NULL && *c != '\0') {
			const char *e = strchr(c, '|');
			size_t cl = e ? (size_t)(e - c) : strlen(c);

			if (cl == vlen && strncmp(c, v, vlen) == 0) {
				free(*(char **)base);
				*(char **)base = strdup(v);
				return 1;
			}
			c = e ? e + 1 : NULL;
		}
		cfg_err(p, line, "%s.%s: '%s' is not one of %s", k->section,
		    k->name, v, k->choices);
		return 0;
	}
	case CFG_INT:
		errno = 0;
		n = strtoll(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' || n < k->min ||
		    n > k->max) {
			cfg_err(p, line, "%s.%s: '%s' is not a whole number "
			    "from %lld to %lld", k->section, k->name, v,
			    k->min, k->max);
			return 0;
		}
		*(int *)base = (int)n;
		return 1;
	case CFG_SIZE:
		if (!config_parse_size(v, &n) || n < k->min || n > k->max) {
			cfg_err(p, line, "%s.%s: '%s' is not a size from %lld "
			    "to %lld bytes (suffixes k, m, g)", k->section,
			    k->name, v, k->min, k->max);
			return 0;
		}
		*(long long *)base = n;
		return 1;
	case CFG_DURATION:
		if (!config_parse_duration(v, &n) || n < k->min ||
		    n > k->max) {
			cfg_err(p, line, "%s.%s: '%s' is not a duration from "
			    "%llds to %llds (suffixes s, m, h, d)", k->section,
			    k->name, v, k->min, k->max);
			return 0;
		}
		*(long long *)base = n;
		return 1;
	case CFG_TRIBOOL:
		if (strcasecmp(v, "auto") == 0) {
			*(int *)base = -1;
			return 1;
		}
		if (!config_parse_bool(v, &b)) {
			cfg_err(p, line, "%s.%s: '%s' is not auto, yes or no",
			    k->section, k->name, v);
			return 0;
		}
		*(int *)base = b;
		return 1;
	case CFG_MODE:
		errno = 0;
		n = strtoll(v, &end, 8);
		if (errno != 0 || end == v || *end != '\0' || n < 0 ||
		    n > k->max) {
			cfg_err(p, line, "%s.%s: '%s' is not an octal mode",
			    k->section, k->name, v);
			return 0;
		}
		*(int *)base = (int)n;
		return 1;
	case CFG_LOGLEVEL: {
		enum dm_log_level lv;

		if (!log_level_parse(v, &lv)) {
			cfg_err(p, line, "%s.%s: '%s' is not one of error, "
			    "warn, info, debug", k->section, k->name, v);
			return 0;
		}
		*(int *)base = (int)lv;
		return 1;
	}
	case CFG_LIST: {
		char *copy = strdup(v), *save = NULL, *tok;

		for (size_t i = 0; i < cfg->nenabled; i++)
			free(cfg->enabled[i]);
		cfg->nenabled = 0;
		for (tok = strtok_r(copy, ", \t", &save); tok != NULL;
		    tok = strtok_r(NULL, ", \t", &save)) {
			if (!cfg_valid_name(tok, '_')) {
				cfg_err(p, line, "%s.%s: '%s' is not a plugin "
				    "name ([a-z][a-z0-9_]*)", k->section,
				    k->name, tok);
				free(copy);
				return 0;
			}
			if (config_plugin_enabled(cfg, tok)) {
				cfg_err(p, line, "%s.%s: '%s' is listed twice",
				    k->section, k->name, tok);
				free(copy);
				return 0;
			}
			if (cfg->nenabled == CONFIG_MAX_PLUGINS) {
				cfg_err(p, line, "%s.%s: more than %d plugins",
				    k->section, k->name, CONFIG_MAX_PLUGINS);
				free(copy);
				return 0;
			}
			cfg->enabled[cfg->nenabled++] = strdup(tok);
		}
		free(copy);
		return 1;
	}
	case CFG_TILES: {
		char origin[512];

		if (v[0] != '\0' && !config_tile_origin(v, origin,
		    sizeof(origin))) {
			cfg_err(p, line, "%s.%s: '%s' is not a tile URL "
			    "template (http(s)://host/path with {z}, {x} and "
			    "{y}), or empty for no tiles", k->section,
			    k->name, v);
			return 0;
		}
		free(*(char **)base);
		*(char **)base = strdup(v);
		return 1;
	}
	case CFG__MAX:
		break;
	}
	return 0;
}

/* A key of [letterhead.<dept>]: one the department may set, once. */
static int
cfg_letterhead_key(struct cfg_parse *p, const char *dept, const char *name,
    const char *value)
{
	struct config_lhkey *k;
	size_t i;
	int b;

	if (!cfg_valid_name(dept, '_')) {
		cfg_err(p, p->line, "[letterhead.%s]: not a department code",
		    dept);
		return 0;
	}
	for (i = 0; i < NLHKEYS; i++)
		if (strcmp(cfg_lh_dept_keys[i], name) == 0)
			break;
	if (i == NLHKEYS) {
		cfg_err(p, p->line, "unknown key '%s' in [letterhead.%s]",
		    name, dept);
		return 0;
	}
	if (config_letterhead(p->cfg, dept, name) != NULL) {
		cfg_err(p, p->line, "letterhead.%s.%s is set twice", dept,
		    name);
		return 0;
	}
	if (strcmp(name, "mandate") == 0 && !config_parse_bool(value, &b)) {
		cfg_err(p, p->line, "letterhead.%s.mandate: '%s' is not yes or "
		    "no", dept, value);
		return 0;
	}
	if ((k = calloc(1, sizeof(*k))) == NULL)
		log_fatal("out of memory");
	k->dept = strdup(dept);
	k->key = strdup(name);
	k->value = strcmp(name, "emblem") == 0 && value[0] != '\0' ?
	    cfg_path(p, value) : strdup(value);
	k->next = p->cfg->lh_keys;
	p->cfg->lh_keys = k;
	return 1;
}

/* [plugin.<name>] names a plugin; [service.<code>] a service code. */
static const struct {
	const char	*prefix;
	size_t		 len;
	char		 extra;		/* besides [a-z0-9] */
} sect_scopes[CONFIG__MAX] = {
	[CONFIG_PLUGIN] = { "plugin.", 7, '_' },
	[CONFIG_SERVICE] = { "service.", 8, '-' },
	[CONFIG_DEPARTMENT] = { "department.", 11, '_' },
};

const char *
config_scope_name(enum config_scope scope)
{
	static const char *const names[CONFIG__MAX] = { "plugin", "service",
	    "department" };

	return (unsigned)scope < CONFIG__MAX ? names[scope] : "?";
}

/* A key of a [plugin|service|department.<name>] section: kept in file
 * order for plugins.c to check; 1 if it was one of those sections. */
static int
sect_key(struct cfg_parse *p, const char *section, const char *name,
    const char *value)
{
	const struct config_sectkey *first;
	struct config_sectkey *sk, **tail;
	enum config_scope scope;

	for (scope = 0; scope < CONFIG__MAX; scope++)
		if (strncmp(section, sect_scopes[scope].prefix,
		    sect_scopes[scope].len) == 0)
			break;
	if (scope == CONFIG__MAX)
		return 0;
	section += sect_scopes[scope].len;
	if (!cfg_valid_name(section, sect_scopes[scope].extra)) {
		cfg_err(p, p->line, "[%s.%s]: not a %s name",
		    config_scope_name(scope), section,
		    config_scope_name(scope));
		return 1;
	}
	if ((first = config_sect_get(p->cfg, scope, section, name)) != NULL) {
		cfg_err(p, p->line, "%s is set twice in [%s.%s] (first on "
		    "line %d)", name, config_scope_name(scope), section,
		    first->line);
		return 1;
	}
	sk = calloc(1, sizeof(*sk));
	if (sk == NULL)
		log_fatal("out of memory");
	sk->scope = scope;
	sk->name = strdup(section);
	sk->key = strdup(name);
	sk->value = strdup(value);
	sk->line = p->line;
	for (tail = &p->cfg->sect_keys; *tail != NULL; tail = &(*tail)->next)
		;
	*tail = sk;
	return 1;
}

static int
cfg_handler(void *user, const char *section, const char *name,
    const char *value)
{
	struct cfg_parse *p = user;

	if (p->failed)
		return 0;
	if (strncmp(section, "letterhead.", 11) == 0)
		return cfg_letterhead_key(p, section + 11, name, value);
	if (sect_key(p, section, name, value))
		return !p->failed;
	for (size_t i = 0; i < NKEYS; i++) {
		if (strcmp(cfg_keys[i].section, section) != 0 ||
		    strcmp(cfg_keys[i].name, name) != 0)
			continue;
		if (p->seen[i]) {
			cfg_err(p, p->line, "%s.%s is set twice", section,
			    name);
			return 0;
		}
		p->seen[i] = 1;
		return cfg_set(p, &cfg_keys[i], value, p->line);
	}
	for (size_t i = 0; i < NKEYS; i++)
		if (strcmp(cfg_keys[i].section, section) == 0) {
			cfg_err(p, p->line, "unknown key '%s' in [%s]", name,
			    section);
			return 0;
		}
	cfg_err(p, p->line, "unknown section [%s]", section);
	return 0;
}

/* libinih reads through this so we know the line of every key. */
static char *
cfg_reader(char *str, int num, void *stream)
{
	struct cfg_parse *p = stream;
	size_t len;

	if (fgets(str, num, p->fp) == NULL)
		return NULL;
	p->line++;
	len = strlen(str);
	if (len == (size_t)num - 1 && str[len - 1] != '\n' && !feof(p->fp)) {
		cfg_err(p, p->line, "line longer than %d characters", num - 3);
		return NULL;
	}
	return str;
}

dm_status
config_load(const char *path, struct config *cfg, char *err, size_t errsz)
{
	struct cfg_parse p;
	dm_status st = DM_EINPUT;
	char *slash;
	int r;

	memset(cfg, 0, sizeof(*cfg));
	memset(&p, 0, sizeof(p));
	cfg->path = strdup(path);
	p.cfg = cfg;
	p.err = err;
	p.errsz = errsz;
	err[0] = '\0';
	p.dir = strdup(path);
	slash = strrchr(p.dir, '/');
	if (slash == NULL) {
		free(p.dir);
		p.dir = NULL;
	} else if (slash == p.dir) {
		slash[1] = '\0';
	} else {
		*slash = '\0';
	}

	for (size_t i = 0; i < NKEYS; i++)
		if (cfg_keys[i].def != NULL &&
		    !cfg_set(&p, &cfg_keys[i], cfg_keys[i].def, 0))
			log_fatal("config: bad built-in default for %s.%s",
			    cfg_keys[i].section, cfg_keys[i].name);

	p.fp = fopen(path, "r");
	if (p.fp == NULL) {
		snprintf(err, errsz, "%s: cannot open: %s", path,
		    strerror(errno));
		goto out;
	}
	ini_allow_multiline = false;
	ini_stop_on_first_error = true;
	r = ini_parse_stream(cfg_reader, &p, cfg_handler, &p);
	if (r < 0) {
		cfg_err(&p, 0, "cannot read");
		goto out;
	}
	if (r > 0 || p.failed) {
		cfg_err(&p, r, "syntax error");
		goto out;
	}
	for (size_t i = 0; i < NKEYS; i++)
		if ((cfg_keys[i].flags & CFG_REQUIRED) && !p.seen[i]) {
			cfg_err(&p, 0, "missing required key %s.%s",
			    cfg_keys[i].section, cfg_keys[i].name);
			goto out;
		}
	if (cfg->taxis_enabled && (cfg->taxis_authorize_url == NULL ||
	    cfg->taxis_token_url == NULL || cfg->taxis_userinfo_url == NULL ||
	    cfg->taxis_client_id == NULL || cfg->taxis_client_secret == NULL)) {
		cfg_err(&p, 0, "taxisnet.enabled needs authorize_url, "
		    "token_url, userinfo_url, client_id and client_secret");
		goto out;
	}
	for (const struct config_lhkey *k = cfg->lh_keys; k != NULL;
	    k = k->next)
		if (!config_plugin_enabled(cfg, k->dept)) {
			cfg_err(&p, 0, "[letterhead.%s]: no enabled department "
			    "(plugin) %s", k->dept, k->dept);
			goto out;
		}
	if (cfg->lim_upload_file > cfg->lim_upload_request) {
		cfg_err(&p, 0, "limits.upload_file is larger than "
		    "limits.upload_request");
		goto out;
	}
	{
		char herr[256];

		if (!db_hosts_split(cfg, herr, sizeof(herr))) {
			cfg_err(&p, 0, "%s", herr);
			goto out;
		}
	}
	st = DM_OK;
out:
	if (p.fp != NULL)
		fclose(p.fp);
	free(p.dir);
	if (st != DM_OK)
		config_free(cfg);
	return st;
}

void
config_free(struct config *cfg)
{
	struct config_sectkey *sk, *next;

	for (size_t i = 0; i < NKEYS; i++) {
		const struct cfg_key *k = &cfg_keys[i];

		if (k->type == CFG_STR || k->type == CFG_PATH ||
		    k->type == CFG_URL || k->type == CFG_URLS ||
		    k->type == CFG_CHOICE || k->type == CFG_TILES) {
			char **sp = (char **)((char *)cfg + k->off);

			free(*sp);
			*sp = NULL;
		}
	}
	for (size_t i = 0; i < cfg->nenabled; i++)
		free(cfg->enabled[i]);
	cfg->nenabled = 0;
	for (size_t i = 0; i < cfg->ndb_hosts; i++)
		free(cfg->db_hosts[i]);
	cfg->ndb_hosts = 0;
	for (sk = cfg->sect_keys; sk != NULL; sk = next) {
		next = sk->next;
		free(sk->name);
		free(sk->key);
		free(sk->value);
		free(sk);
	}
	cfg->sect_keys = NULL;
	for (struct config_lhkey *k = cfg->lh_keys, *kn; k != NULL; k = kn) {
		kn = k->next;
		free(k->dept);
		free(k->key);
		free(k->value);
		free(k);
	}
	cfg->lh_keys = NULL;
	free(cfg->path);
	cfg->path = NULL;
}

const struct config_sectkey *
config_sect_get(const struct config *cfg, enum config_scope scope,
    const char *name, const char *key)
{
	for (const struct config_sectkey *sk = cfg->sect_keys; sk != NULL;
	    sk = sk->next)
		if (sk->scope == scope && strcmp(sk->name, name) == 0 &&
		    strcmp(sk->key, key) == 0)
			return sk;
	return NULL;
}

const char *
config_plugin_get(const struct config *cfg, const char *plugin,
    const char *key)
{
	const struct config_sectkey *sk = config_sect_get(cfg, CONFIG_PLUGIN,
	    plugin, key);

	return sk ? sk->value : NULL;
}

const char *
config_letterhead(const struct config *cfg, const char *dept, const char *key)
{
	for (const struct config_lhkey *k = cfg->lh_keys; k != NULL;
	    k = k->next)
		if (strcmp(k->dept, dept) == 0 && strcmp(k->key, key) == 0)
			return k->value;
	return NULL;
}

int
config_plugin_enabled(const struct config *cfg, const char *name)
{
	for (size_t i = 0; i < cfg->nenabled; i++)
		if (strcmp(cfg->enabled[i], name) == 0)
			return 1;
	return 0;
}
