/*
 * dimosctl_instance.c - "dimosctl instance add|list": many municipalities
 * on one host, each an instance with its own configuration, system user,
 * database, plugins, seal key, branding, nginx site and units (dimosd@NAME).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "dimosctl.h"
#include "keystore.h"
#include "seal.h"
#include "worker.h"

#define ETC_DIR		"/etc/dimos"
#define NGINX_DIR	"/etc/nginx"
#define LOG_DIR		"/var/log/dimos"
#define RUN_DIR		"/run/dimos"
#define FONTS_DIR	"/usr/share/fonts/truetype/noto"
#define NAME_MAX_LEN	24
#define MAX_SETS	64

struct instance {
	const char	*name;
	const char	*name_el;
	const char	*name_en;
	const char	*url;
	const char	*plugins;
	const char	*listen;
	const char	*template;
	const char	*sets[MAX_SETS];	/* SECTION.KEY=VALUE */
	size_t		 nsets;
	char		 user[64];		/* dimos-NAME */
	char		 dir[256];		/* /etc/dimos/NAME */
	char		 config[512];		/* .../dimos.ini */
	uid_t		 uid;
	gid_t		 gid;
};

/*
 * An instance's name becomes a systemd instance, a user (dimos-NAME), a
 * database and account names (dimos_NAME) and a file name: lower-case
 * letters and digits only, so that it needs quoting nowhere.
 */
static int
name_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > NAME_MAX_LEN || s[0] < 'a' || s[0] > 'z')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
			return 0;
	return 1;
}

/* What goes into SQL text (names, generated passwords): no quoting. */
static int
sql_word(const char *s)
{
	if (s == NULL || *s == '\0')
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

static int
run(char *const argv[])
{
	pid_t pid;
	int status;

	fflush(NULL);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "dimosctl: cannot run %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *
read_text(const char *path)
{
	FILE *fp = fopen(path, "r");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (fp == NULL)
		return NULL;
	do {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 16384;
			if ((buf = realloc(buf, cap + 1)) == NULL)
				abort();
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	fclose(fp);
	buf[n] = '\0';
	return buf;
}

/* Writes text to path through a temporary file: mode, owner root:gid. */
static int
write_text(const char *path, const char *text, mode_t mode, gid_t gid)
{
	char tmp[1024];
	size_t n = strlen(text);
	int fd;

	snprintf(tmp, sizeof(tmp), "%s.new", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	if (fd < 0 || fchown(fd, 0, gid) != 0 || fchmod(fd, mode) != 0 ||
	    write(fd, text, n) != (ssize_t)n || fsync(fd) != 0) {
		fprintf(stderr, "dimosctl: cannot write %s: %s\n", tmp,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		fprintf(stderr, "dimosctl: cannot write %s: %s\n", path,
		    strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

static void
append(char **buf, size_t *len, const char *s, size_t n)
{
	if ((*buf = realloc(*buf, *len + n + 1)) == NULL)
		abort();
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
}

/* text with every @KEY@ of pairs (KEY, value, ..., NULL) replaced. */
static char *
substitute(const char *text, const char *const *pairs)
{
	char *out = NULL;
	size_t len = 0;
	const char *p = text, *at;

	append(&out, &len, "", 0);
	while ((at = strchr(p, '@')) != NULL) {
		const char *const *kv;
		size_t klen;

		append(&out, &len, p, (size_t)(at - p));
		for (kv = pairs; *kv; kv += 2) {
			klen = strlen(kv[0]);
			if (strncmp(at + 1, kv[0], klen) == 0 &&
			    at[1 + klen] == '@')
				break;
		}
		if (*kv == NULL) {
			append(&out, &len, "@", 1);
			p = at + 1;
			continue;
		}
		append(&out, &len, kv[1], strlen(kv[1]));
		p = at + klen + 2;
	}
	append(&out, &len, p, strlen(p));
	return out;
}

/*
 * Sets key = value in [section] of the INI text: the key's line is
 * replaced if the section has one, else the line goes right after the
 * section's header, else a new section is added at the end.
 */
static void
ini_set(char **text, const char *section, const char *key, const char *value)
{
	char *out = NULL, line[1024];
	size_t len = 0, klen = strlen(key);
	const char *p = *text, *eol, *after_header = NULL;
	int in = 0, done = 0;

	snprintf(line, sizeof(line), "%s = %s\n", key, value);
	append(&out, &len, "", 0);
	for (; *p; p = eol) {
		const char *q = p;

		eol = strchr(p, '\n');
		eol = eol ? eol + 1 : p + strlen(p);
		if (*q == '[') {
			in = strncmp(q + 1, section, strlen(section)) == 0 &&
			    q[1 + strlen(section)] == ']';
			append(&out, &len, p, (size_t)(eol - p));
			if (in && !done)
				after_header = out + len;
			continue;
		}
		while (*q == ' ' || *q == '\t')
			q++;
		if (in && !done && strncmp(q, key, klen) == 0 &&
		    q[klen + strspn(q + klen, " \t")] == '=') {
			append(&out, &len, line, strlen(line));
			done = 1;
			continue;
		}
		append(&out, &len, p, (size_t)(eol - p));
	}
	if (!done && after_header != NULL) {
		size_t at = (size_t)(after_header - out);
		char *tail = strdup(out + at);

		len = at;
		append(&out, &len, line, strlen(line));
		append(&out, &len, tail, strlen(tail));
		free(tail);
	} else if (!done) {
		if (len > 0 && out[len - 1] != '\n')
			append(&out, &len, "\n", 1);
		snprintf(line, sizeof(line), "\n[%s]\n%s = %s\n", section,
		    key, value);
		append(&out, &len, line, strlen(line));
	}
	free(*text);
	*text = out;
}

/* The plugins installed in dir (<name>.so), space separated, sorted. */
static char *
installed_plugins(const char *dir)
{
	struct dirent **list;
	char *out = NULL;
	size_t len = 0;
	int n;

	append(&out, &len, "", 0);
	if ((n = scandir(dir, &list, NULL, alphasort)) < 0)
		return out;
	for (int i = 0; i < n; i++) {
		const char *nm = list[i]->d_name;
		size_t l = strlen(nm);

		if (l > 3 && strcmp(nm + l - 3, ".so") == 0 && nm[0] != '_') {
			if (len > 0)
				append(&out, &len, " ", 1);
			append(&out, &len, nm, l - 3);
		}
		free(list[i]);
	}
	free(list);
	return out;
}

static int
ensure_user(struct instance *in)
{
	struct passwd *pw = getpwnam(in->user);

	if (pw == NULL) {
		char gecos[128];
		char *argv[] = { "adduser", "--quiet", "--system",
		    "--group", "--no-create-home", "--home", "/nonexistent",
		    "--gecos", gecos, in->user, NULL };

		snprintf(gecos, sizeof(gecos), "Dimos instance %s", in->name);
		if (run(argv) != 0 || (pw = getpwnam(in->user)) == NULL) {
			fprintf(stderr, "dimosctl: cannot create the system "
			    "user %s\n", in->user);
			return -1;
		}
		printf("user %s: created\n", in->user);
	}
	in->uid = pw->pw_uid;
	in->gid = pw->pw_gid;
	return 0;
}

static int
make_dir(const char *path, mode_t mode, uid_t uid, gid_t gid)
{
	if (mkdir(path, mode) != 0 && errno != EEXIST) {
		fprintf(stderr, "dimosctl: cannot create %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	if (chown(path, uid, gid) != 0 || chmod(path, mode) != 0) {
		fprintf(stderr, "dimosctl: cannot set up %s: %s\n", path,
		    strerror(errno));
		return -1;
	}
	return 0;
}

static int
copy_if_absent(const char *from, const char *to)
{
	struct stat st;
	FILE *in, *out;
	char buf[8192];
	size_t n;
	int rc = 0;

	if (stat(to, &st) == 0)
		return 0;
	if ((in = fopen(from, "rb")) == NULL) {
		fprintf(stderr, "dimosctl: cannot read %s\n", from);
		return -1;
	}
	if ((out = fopen(to, "wb")) == NULL) {
		fprintf(stderr, "dimosctl: cannot write %s\n", to);
		fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			rc = -1;
	if (fclose(out) != 0)
		rc = -1;
	fclose(in);
	if (rc == 0)
		chmod(to, 0644);
	return rc;
}

/* The configuration, made once from the template; kept if it exists. */
static int
write_config(struct instance *in)
{
	char pw[33], apw[33], url[512], *tmpl, *text, *plugins = NULL;
	unsigned char rnd[16];
	const char *plugin_dir = "/usr/lib/dimos/plugins";
	struct config cfg;
	char err[2048], probe[600];
	int rc = -1;

	if (access(in->config, F_OK) == 0) {
		printf("%s: kept as it is\n", in->config);
		return 0;
	}
	if ((tmpl = read_text(in->template)) == NULL) {
		fprintf(stderr, "dimosctl: cannot read the template %s\n",
		    in->template);
		return -1;
	}
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(pw, sizeof(pw), rnd, sizeof(rnd));
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(apw, sizeof(apw), rnd, sizeof(rnd));
	sodium_memzero(rnd, sizeof(rnd));
	snprintf(url, sizeof(url), "http://%s.localhost", in->name);
	if (in->plugins == NULL)
		in->plugins = plugins = installed_plugins(plugin_dir);
	{
		const char *pairs[] = {
			"NAME", in->name, "USER", in->user,
			"BASE_URL", in->url ? in->url : url,
			"NAME_EL", in->name_el ? in->name_el : in->name,
			"NAME_EN", in->name_en ? in->name_en : in->name,
			"PLUGINS", in->plugins,
			"DB_PASSWORD", pw, "DB_ADMIN_PASSWORD", apw, NULL,
		};

		text = substitute(tmpl, pairs);
	}
	sodium_memzero(pw, sizeof(pw));
	sodium_memzero(apw, sizeof(apw));
	for (size_t i = 0; i < in->nsets; i++) {
		char *s = strdup(in->sets[i]), *eq = strchr(s, '='), *dot;

		if (eq != NULL)
			*eq = '\0';
		dot = strrchr(s, '.');
		if (eq == NULL || dot == NULL || dot == s || dot[1] == '\0') {
			fprintf(stderr, "dimosctl: --set %s: expected "
			    "SECTION.KEY=VALUE\n", in->sets[i]);
			free(s);
			goto out;
		}
		*dot = '\0';
		ini_set(&text, s, dot + 1, eq + 1);
		free(s);
	}
	/* Checked as dimosd -t would (plugins, their settings, stylesheets)
	 * before it becomes the instance's. */
	snprintf(probe, sizeof(probe), "%s/.dimos.ini.check", in->dir);
	if (write_text(probe, text, 0640, in->gid) != 0)
		goto out;
	memset(&cfg, 0, sizeof(cfg));
	if (config_load(probe, &cfg, err, sizeof(err)) != DM_OK) {
		fprintf(stderr, "dimosctl: the configuration made from %s is "
		    "not valid: %s\n", in->template, err);
		unlink(probe);
		goto out;
	}
	if (worker_prepare(&cfg, err, sizeof(err)) != 0) {
		fprintf(stderr, "dimosctl: %s\n(a plugin's settings go in with "
		    "--set plugin.NAME.KEY=VALUE; see dimosctl(8))\n", err);
		worker_unprepare();
		config_free(&cfg);
		unlink(probe);
		goto out;
	}
	worker_unprepare();
	config_free(&cfg);
	unlink(probe);
	if (write_text(in->config, text, 0640, in->gid) != 0)
		goto out;
	printf("%s: written from %s\n", in->config, in->template);
	rc = 0;
out:
	sodium_memzero(text, strlen(text));
	free(text);
	free(tmpl);
	free(plugins);
	return rc;
}

/*
 * The database and its two accounts, on the local MariaDB through its
 * socket as its root (unix_socket authentication, as Debian sets it up):
 * the server's account reads and writes rows, the admin account (dimosctl
 * migrate) may change the schema. Passwords are the configuration's, so
 * running "add" again repairs accounts whose passwords drifted.
 */
static int
create_database(const struct config *cfg)
{
	struct config root = *cfg;
	struct db *db = NULL;
	char sql[1024], grant_db[160], err[1024];
	size_t j = 0;
	int rc = -1;

	if (cfg->db_socket == NULL) {
		fprintf(stderr, "dimosctl: [database] has no socket: instance "
		    "add makes the database on the local server only; make it "
		    "and its accounts by hand (dimosctl(8)), then run "
		    "dimosctl -c %s migrate\n", cfg->path);
		return -1;
	}
	if (!sql_word(cfg->db_name) || !sql_word(cfg->db_user) ||
	    !sql_word(cfg->db_admin_user) || !sql_word(cfg->db_password) ||
	    !sql_word(cfg->db_admin_password)) {
		fprintf(stderr, "dimosctl: %s: [database] name, users and "
		    "passwords must be letters, digits and _ for instance "
		    "add\n", cfg->path);
		return -1;
	}
	/* In GRANT ... ON db.*, _ is a wildcard: escaped, it means itself. */
	for (const char *p = cfg->db_name; *p && j + 3 < sizeof(grant_db);
	    p++) {
		if (*p == '_')
			grant_db[j++] = '\\';
		grant_db[j++] = *p;
	}
	grant_db[j] = '\0';
	root.db_admin_user = "root";
	root.db_admin_password = NULL;
	root.db_name = NULL;
	if (db_open(&root, 1, &db) != DM_OK) {
		fprintf(stderr, "dimosctl: cannot connect to MariaDB at %s as "
		    "root (run as root on the database host)\n",
		    cfg->db_socket);
		goto out;
	}
#define EXEC(...) do {							\
	snprintf(sql, sizeof(sql), __VA_ARGS__);			\
	if (db_script_stmt(db, sql, err, sizeof(err)) != DM_OK) {	\
		fprintf(stderr, "dimosctl: database: %s\n", err);	\
		goto out;						\
	}								\
} while (0)
	EXEC("CREATE DATABASE IF NOT EXISTS `%s` CHARACTER SET utf8mb4 "
	    "COLLATE utf8mb4_unicode_ci", cfg->db_name);
	EXEC("CREATE USER IF NOT EXISTS '%s'@'localhost' IDENTIFIED BY '%s'",
	    cfg->db_user, cfg->db_password);
	EXEC("ALTER USER '%s'@'localhost' IDENTIFIED BY '%s'", cfg->db_user,
	    cfg->db_password);
	EXEC("GRANT SELECT, INSERT, UPDATE, DELETE ON `%s`.* TO "
	    "'%s'@'localhost'", grant_db, cfg->db_user);
	EXEC("CREATE USER IF NOT EXISTS '%s'@'localhost' IDENTIFIED BY '%s'",
	    cfg->db_admin_user, cfg->db_admin_password);
	EXEC("ALTER USER '%s'@'localhost' IDENTIFIED BY '%s'",
	    cfg->db_admin_user, cfg->db_admin_password);
	EXEC("GRANT ALL PRIVILEGES ON `%s`.* TO '%s'@'localhost'", grant_db,
	    cfg->db_admin_user);
#undef EXEC
	printf("database %s: accounts %s (rows) and %s (schema)\n",
	    cfg->db_name, cfg->db_user, cfg->db_admin_user);
	rc = 0;
out:
	sodium_memzero(sql, sizeof(sql));
	db_close(db);
	return rc;
}

/* The host part of a base URL ("https://a.gr:8443/x" -> "a.gr"). */
static void
url_host(const char *url, char *out, size_t outsz)
{
	const char *p = strstr(url, "://");
	size_t n;

	p = p ? p + 3 : url;
	n = strcspn(p, ":/");
	if (n >= outsz)
		n = outsz - 1;
	memcpy(out, p, n);
	out[n] = '\0';
}

/* The nginx site, made once (an administrator adds TLS to it). */
static int
write_site(const struct instance *in, const struct config *cfg)
{
	char avail[512], enabled[512], link[512], host[256], body[32];
	char access_log[512], branding[512], statics[1024], tmpl_path[512];
	char *tmpl, *text;
	struct stat st;
	int rc;

	snprintf(avail, sizeof(avail), NGINX_DIR "/sites-available/dimos-%s"
	    ".conf", in->name);
	snprintf(enabled, sizeof(enabled), NGINX_DIR "/sites-enabled/dimos-"
	    "%s.conf", in->name);
	if (stat(NGINX_DIR "/sites-available", &st) != 0) {
		printf("nginx site: %s/sites-available is not there; make the "
		    "site from %s/nginx/dimos-site.conf.in\n", NGINX_DIR,
		    DIMOS_SHARE_DIR);
		return 0;
	}
	if (stat(avail, &st) == 0) {
		printf("%s: kept as it is\n", avail);
	} else {
		snprintf(tmpl_path, sizeof(tmpl_path), "%s/nginx/"
		    "dimos-site.conf.in", DIMOS_SHARE_DIR);
		if ((tmpl = read_text(tmpl_path)) == NULL) {
			fprintf(stderr, "dimosctl: cannot read %s\n",
			    tmpl_path);
			return -1;
		}
		url_host(cfg->base_url, host, sizeof(host));
		snprintf(body, sizeof(body), "%lld", cfg->lim_upload_request);
		snprintf(access_log, sizeof(access_log), LOG_DIR
		    "/%s-access.log combined", in->name);
		snprintf(branding, sizeof(branding), "%s/branding", in->dir);
		snprintf(statics, sizeof(statics), "%s/static", cfg->xslt_dir);
		{
			const char *pairs[] = {
				"INSTANCE", in->name, "LISTEN", in->listen,
				"SERVER_NAME", host, "SOCKET", cfg->socket,
				"STATIC_DIR", statics, "FONTS_DIR", FONTS_DIR,
				"BODY_MAX", body, "BRANDING_DIR", branding,
				"ACCESS_LOG", access_log,
				"VENDOR_DIR", DIMOS_SHARE_DIR "/static-vendor",
				NULL,
			};

			text = substitute(tmpl, pairs);
		}
		rc = write_text(avail, text, 0644, 0);
		free(text);
		free(tmpl);
		if (rc != 0)
			return -1;
		printf("%s: written (server_name %s, listen %s)\n", avail,
		    host, in->listen);
	}
	snprintf(link, sizeof(link), "../sites-available/dimos-%s.conf",
	    in->name);
	if (lstat(enabled, &st) != 0 && symlink(link, enabled) != 0) {
		fprintf(stderr, "dimosctl: cannot enable %s: %s\n", enabled,
		    strerror(errno));
		return -1;
	}
	return 0;
}

static int
start_units(const struct instance *in)
{
	char sock[128], svc[128], mailer[128];
	char *enable[] = { "systemctl", "enable", "--now", sock, svc, mailer,
	    NULL };
	char *nginx[] = { "systemctl", "try-reload-or-restart",
	    "nginx.service", NULL };

	snprintf(sock, sizeof(sock), "dimosd@%s.socket", in->name);
	snprintf(svc, sizeof(svc), "dimosd@%s.service", in->name);
	snprintf(mailer, sizeof(mailer), "dimos-mailer@%s.service", in->name);
	if (access("/run/systemd/system", F_OK) != 0) {
		printf("systemd is not running: start the instance with "
		    "systemctl enable --now %s %s %s once it is\n", sock, svc,
		    mailer);
		return 0;
	}
	if (run(enable) != 0 || run(nginx) != 0) {
		fprintf(stderr, "dimosctl: starting the instance failed "
		    "(journalctl -u %s)\n", svc);
		return -1;
	}
	printf("started: %s %s %s; nginx reloaded\n", sock, svc, mailer);
	return 0;
}

static void
add_usage(void)
{
	fprintf(stderr, "usage: dimosctl instance add NAME [--name-el TEXT] "
	    "[--name-en TEXT] [--url URL]\n"
	    "           [--plugins \"a b\"] [--listen ADDR] [--template FILE] "
	    "[--set SECTION.KEY=VALUE]...\n"
	    "       dimosctl instance list\n");
}

static int
instance_add(struct ctl *ctl)
{
	static const struct option opts[] = {
		{ "name-el", required_argument, NULL, 'e' },
		{ "name-en", required_argument, NULL, 'n' },
		{ "url", required_argument, NULL, 'u' },
		{ "plugins", required_argument, NULL, 'p' },
		{ "listen", required_argument, NULL, 'l' },
		{ "template", required_argument, NULL, 't' },
		{ "set", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct instance in;
	struct ctl sub;
	char path[600], from[1100], *migrate_argv[] = { "migrate", NULL };
	char *keys_argv[] = { "keys", "init", NULL };
	char err[2048];
	int c, rc = 1;

	memset(&in, 0, sizeof(in));
	in.listen = "80";
	in.template = DIMOS_INSTANCE_TEMPLATE;
	if (ctl->argc < 3 || ctl->argv[2][0] == '-') {
		add_usage();
		return 2;
	}
	in.name = ctl->argv[2];
	optind = 3;
	while ((c = getopt_long(ctl->argc, ctl->argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'e': in.name_el = optarg; break;
		case 'n': in.name_en = optarg; break;
		case 'u': in.url = optarg; break;
		case 'p': in.plugins = optarg; break;
		case 'l': in.listen = optarg; break;
		case 't': in.template = optarg; break;
		case 's':
			if (in.nsets == MAX_SETS) {
				fprintf(stderr, "dimosctl: too many --set\n");
				return 2;
			}
			in.sets[in.nsets++] = optarg;
			break;
		default: add_usage(); return 2;
		}
	}
	if (optind != ctl->argc) {
		add_usage();
		return 2;
	}
	if (!name_valid(in.name)) {
		fprintf(stderr, "dimosctl: instance name '%s': lower-case "
		    "letters and digits, starting with a letter, at most %d\n",
		    in.name, NAME_MAX_LEN);
		return 2;
	}
	if (getuid() != 0) {
		fprintf(stderr, "dimosctl: instance add makes users, files in "
		    ETC_DIR " and a database: run it as root\n");
		return 1;
	}
	if (sodium_init() < 0)
		return 1;
	snprintf(in.user, sizeof(in.user), "dimos-%s", in.name);
	snprintf(in.dir, sizeof(in.dir), ETC_DIR "/%s", in.name);
	snprintf(in.config, sizeof(in.config), "%s/dimos.ini", in.dir);

	/* Each step keeps what an earlier run made, so "add" may be run
	 * again after fixing what stopped it (the database was down). */
	if (ensure_user(&in) != 0 || make_dir(ETC_DIR, 0755, 0, 0) != 0 ||
	    make_dir(in.dir, 0755, 0, 0) != 0)
		return 1;
	snprintf(path, sizeof(path), "%s/keys", in.dir);
	if (make_dir(path, 0700, in.uid, in.gid) != 0)
		return 1;
	snprintf(path, sizeof(path), "%s/branding", in.dir);
	if (make_dir(path, 0755, 0, 0) != 0 || write_config(&in) != 0)
		return 1;

	memset(&sub, 0, sizeof(sub));
	sub.config_path = in.config;
	if (config_load(in.config, &sub.cfg, err, sizeof(err)) != DM_OK) {
		fprintf(stderr, "dimosctl: %s\n", err);
		return 1;
	}
	/* The default emblem, until the municipality puts its own there. */
	snprintf(from, sizeof(from), "%s/static/emblem.svg", sub.cfg.xslt_dir);
	snprintf(path, sizeof(path), "%s/branding/emblem.svg", in.dir);
	if (copy_if_absent(from, path) != 0)
		goto out;
	snprintf(from, sizeof(from), "%s/static/emblem.png", sub.cfg.xslt_dir);
	snprintf(path, sizeof(path), "%s/branding/emblem.png", in.dir);
	if (copy_if_absent(from, path) != 0)
		goto out;
	if (create_database(&sub.cfg) != 0)
		goto out;
	sub.argc = 1;
	sub.argv = migrate_argv;
	if (ctl_migrate(&sub) != 0)
		goto out;
	/* An instance made before keeps its seal: its current generation
	 * (key_dir/current/, or the key in key_dir itself as it was before
	 * generations) is shown, not made again. */
	sub.argc = 2;
	sub.argv = keys_argv;
	if (keystore_present(sub.cfg.doc_key_dir))
		keys_argv[1] = "show";
	if (ctl_keys(&sub) != 0)
		goto out;
	if (write_site(&in, &sub.cfg) != 0 || start_units(&in) != 0)
		goto out;
	printf("instance %s is ready: %s (staff accounts: dimosctl -i %s "
	    "user add ...)\n", in.name, sub.cfg.base_url, in.name);
	rc = 0;
out:
	config_free(&sub.cfg);
	return rc;
}

/* Every /etc/dimos/NAME/dimos.ini, with its site and plugins. */
static int
instance_list(void)
{
	struct dirent **list;
	char path[600], err[2048];
	int n;

	if ((n = scandir(ETC_DIR, &list, NULL, alphasort)) < 0) {
		printf("no instances (%s is not there)\n", ETC_DIR);
		return 0;
	}
	for (int i = 0; i < n; i++) {
		struct config cfg;

		snprintf(path, sizeof(path), ETC_DIR "/%s/dimos.ini",
		    list[i]->d_name);
		if (list[i]->d_name[0] != '.' && access(path, F_OK) == 0) {
			memset(&cfg, 0, sizeof(cfg));
			if (config_load(path, &cfg, err, sizeof(err)) ==
			    DM_OK) {
				printf("%-16s %s  database %s  plugins:",
				    list[i]->d_name, cfg.base_url,
				    cfg.db_name);
				for (size_t j = 0; j < cfg.nenabled; j++)
					printf(" %s", cfg.enabled[j]);
				printf("\n");
				config_free(&cfg);
			} else {
				printf("%-16s invalid: %s\n",
				    list[i]->d_name, err);
			}
		}
		free(list[i]);
	}
	free(list);
	return 0;
}

int
ctl_instance(struct ctl *ctl)
{
	if (ctl->argc >= 2 && strcmp(ctl->argv[1], "add") == 0)
		return instance_add(ctl);
	if (ctl->argc == 2 && strcmp(ctl->argv[1], "list") == 0)
		return instance_list();
	add_usage();
	return 2;
}
