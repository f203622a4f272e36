/*
 * config.h - the configuration file (INI, parsed with libinih).
 * Owns: struct config and the declarative table of every known key with its
 * type, default and bounds. Unknown keys and bad values fail with file:line.
 */
#ifndef DIMOS_CONFIG_H
#define DIMOS_CONFIG_H

#include <stddef.h>

#include "dimos/plugin.h"

#define CONFIG_MAX_PLUGINS	32
#define CONFIG_MAX_DB_HOSTS	8

/*
 * The sections named after something a plugin declares: [plugin.<name>]
 * (the plugin's own keys), [service.<code>] and [department.<code>] (the
 * administrator's overrides). Their keys are checked once the plugins are
 * loaded (plugins.c), with the line of each for the message.
 */
enum config_scope {
	CONFIG_PLUGIN,
	CONFIG_SERVICE,
	CONFIG_DEPARTMENT,
	CONFIG__MAX
};

struct config_sectkey {
	struct config_sectkey	*next;		/* in file order */
	enum config_scope	 scope;
	char			*name;		/* <name> of [scope.<name>] */
	char			*key;
	char			*value;
	int			 line;
};

/* A key of a [letterhead.<department>] section (checked at load). */
struct config_lhkey {
	struct config_lhkey	*next;
	char			*dept;
	char			*key;
	char			*value;
};

struct config {
	char	*path;

	/* [server] */
	char	*socket;		/* unix socket path */
	int	 socket_mode;
	char	*socket_group;		/* NULL: keep */
	int	 workers;		/* 0: 2 x online CPUs */
	char	*user;			/* workers drop to it; NULL: keep */
	char	*base_url;		/* public URL, no trailing slash */
	char	*xslt_dir;
	char	*static_url;
	int	 log_level;		/* enum dm_log_level */
	long long shutdown_timeout;	/* seconds to drain */
	long long max_requests;		/* recycle a worker; 0: never */
	int	 secure_cookies;	/* -1 auto (HTTPS param), 0, 1 */
	int	 db_trips_header;	/* X-Dimos-DB-Trips on responses */

	/* [database] */
	char	*db_host;		/* one or a list: "h1:3306, h2" */
	char	*db_socket;
	int	 db_port;
	char	*db_name;
	char	*db_user;
	char	*db_password;
	char	*db_admin_user;		/* migrations; NULL: db_user */
	char	*db_admin_password;
	long long db_connect_timeout;
	long long db_lock_wait;		/* a web session's lock waits */
	int	 db_sync_wait;		/* wsrep_sync_wait of web sessions */
	char	*schema_dir;
	/* database.host split (config_load): tried in this order. */
	char	*db_hosts[CONFIG_MAX_DB_HOSTS];
	int	 db_ports[CONFIG_MAX_DB_HOSTS];
	size_t	 ndb_hosts;

	/* [municipality] */
	char	*mun_name_el;
	char	*mun_name_en;
	char	*mun_genitive_el;	/* "Δήμου Βισαλτίας"; empty: derived */
	char	*mun_genitive_en;
	char	*mun_dpo_email;		/* data protection officer */
	char	*mun_privacy_el;	/* text files of the notices; */
	char	*mun_privacy_en;	/* NULL: the default text */
	char	*mun_accessibility_el;
	char	*mun_accessibility_en;
	char	*mun_accessibility_date;
	char	*mun_address_el;
	char	*mun_address_en;
	char	*mun_place_el;		/* seat, for documents */
	char	*mun_place_en;
	char	*mun_phone;
	char	*mun_email;
	char	*mun_website;
	char	*mun_emblem_url;	/* for pages */
	char	*mun_emblem_png;	/* for PDFs */
	char	*mun_timezone;		/* e.g. Europe/Athens */
	char	*mun_holidays;		/* extra days off: YYYY-MM-DD list */
	int	 mun_electronic_target;	/* % of requests, the dashboard's */
	int	 mun_public_statistics;	/* /statistics and its open data */

	/* [open311] */
	int	 open311_per_minute;	/* POSTs per API key and minute */
	int	 open311_get_per_client; /* GETs per client address, minute */

	/* [plugins] */
	char	*plugin_dir;
	char	*plugin_data_dir;
	char	*enabled[CONFIG_MAX_PLUGINS];
	size_t	 nenabled;
	struct config_sectkey *sect_keys;	/* [plugin|service|department.*] */

	/* [security] */
	long long sess_idle;		/* seconds without a request */
	long long sess_absolute;	/* seconds since login */
	long long login_failures;	/* per account (e-mail) in a window */
	long long login_ip_failures;	/* per client address in a window */
	long long login_window;		/* seconds */
	long long login_lockout;	/* seconds */
	long long mail_per_address;	/* mails asked to one address ... */
	long long mail_per_client;	/* ... or by one client address ... */
	long long mail_window;		/* ... in this many seconds */
	int	 totp_clerks;	/* clerks need a second factor too */
	long long verify_per_client;	/* /verify lookups per 10 minutes */
	int	 password_min;		/* characters */
	long long argon2_memory;	/* bytes */
	int	 argon2_ops;

	/* [mail] */
	char	*mail_smtp_url;		/* smtp://host:port or smtps:// */
	char	*mail_from;		/* "Name <addr>" */
	char	*mail_username;
	char	*mail_password;
	char	*mail_tls;		/* none | starttls | required */
	long long mail_timeout;		/* seconds per SMTP conversation */
	long long mail_poll;		/* seconds between outbox scans */
	long long mail_retry_base;	/* seconds before the first retry */
	int	 mail_retry_max;	/* attempts before giving up */
	int	 mail_batch;		/* messages claimed per scan */

	/* [taxisnet] */
	int	 taxis_enabled;
	char	*taxis_authorize_url;
	char	*taxis_token_url;
	char	*taxis_userinfo_url;
	char	*taxis_logout_url;
	char	*taxis_client_id;
	char	*taxis_client_secret;
	char	*taxis_scope;
	long long taxis_timeout;	/* seconds per call to the provider */

	/* [documents] */
	char	*doc_key_dir;		/* the seal's generations */
	char	*doc_icc_profile;	/* sRGB profile: PDF/A output intent */
	char	*doc_legal_basis;	/* why a seal replaces a signature */

	/* [letterhead], [letterhead.<department>]: see letterhead.h */
	char	*lh_state;
	char	*lh_region;
	char	*lh_regional_unit;
	char	*lh_municipality;	/* NULL: municipality.name_el */
	char	*lh_directorate;
	char	*lh_department;		/* NULL: the department's name */
	char	*lh_address;		/* NULL: municipality.address_el */
	char	*lh_phone;		/* NULL: municipality.phone */
	char	*lh_email;		/* NULL: municipality.email */
	char	*lh_emblem;		/* PNG; NULL: municipality.emblem_png */
	int	 lh_mandate;		/* clerks sign «Με εντολή Δημάρχου» */
	struct config_lhkey *lh_keys;

	/* [places] */
	char	*places_geojson;	/* boundary, settlements, zones; NULL:
					   no boundary check, no list */
	char	*places_tiles;		/* tile URL template; "": no tiles */
	char	*places_attribution;	/* the tiles' required credit */
	char	*places_attribution_url;
	int	 places_nearby_m;	/* "same place" radius, metres */
	int	 places_nearby_days;	/* how far back "open" reports count */
	int	 places_public_m;	/* public map: locations rounded to */

	/* [photos] */
	int	 photo_max_pixels;	/* width x height decoded at most */
	int	 photo_max_side;
	int	 photo_thumb_side;	/* thumbnails' longer side */
	int	 photo_quality;		/* JPEG quality of converted HEIC */

	/* [limits] */
	long long lim_query;		/* bytes of QUERY_STRING */
	long long lim_form;		/* bytes of an urlencoded body */
	long long lim_fields;		/* number of parameters */
	long long lim_upload_file;	/* bytes of one attachment */
	long long lim_upload_request;	/* bytes of a multipart body */
	long long lim_upload_files;	/* attachments per request */
	char	*lim_upload_types;	/* allowed MIME types, comma list */
	char	*lim_upload_dir;	/* uploads' temporary files; NULL:
					   $TMPDIR, else /tmp */
};

/*
 * Loads path into *cfg. On failure returns DM_EINPUT and writes one line
 * "file:line: message" into err.
 */
dm_status	config_load(const char *path, struct config *cfg, char *err,
		    size_t errsz);
void		config_free(struct config *cfg);
const char	*config_plugin_get(const struct config *cfg,
		    const char *plugin, const char *key);
/* A key of [<scope>.<name>], or NULL; *line (may be NULL) gets its line. */
const struct config_sectkey *config_sect_get(const struct config *cfg,
		    enum config_scope scope, const char *name,
		    const char *key);
const char	*config_scope_name(enum config_scope scope);
int		config_plugin_enabled(const struct config *cfg,
		    const char *name);
/* The value of key in [letterhead.<dept>], or NULL if it is not set. */
const char	*config_letterhead(const struct config *cfg, const char *dept,
		    const char *key);

/* Parsers shared with other modules; 1 on success. */
int	config_parse_size(const char *s, long long *out);
int	config_parse_duration(const char *s, long long *seconds);
int	config_parse_bool(const char *s, int *out);
/*
 * A map tile URL template: http(s)://host[:port]/path with {z}, {x} and
 * {y} (and optionally {s} as the first label of the host, {r}), nothing a
 * header or an HTML attribute could be broken with. Writes the origin the
 * Content-Security-Policy must allow (https: and a host, "*." for {s}) into
 * origin. 1 valid, 0 not.
 */
int	config_tile_origin(const char *tpl, char *origin, size_t size);

#endif
