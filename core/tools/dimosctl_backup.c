/*
 * dimosctl_backup.c - "dimosctl backup" and "dimosctl restore": an
 * instance's database (mariadb-backup, consistent and without downtime),
 * its seal keys and certificates ([documents] key_dir) and its
 * configuration in one encrypted file, and back into an empty instance.
 *
 * The file: "DIMOSBK1", the Argon2id limits (two little-endian u64), a
 * 16-byte salt and the libsodium secretstream header, then records of a
 * little-endian u32 length and one secretstream message each. A message's
 * first byte says what it is: 'F' a file begins (u32 mode, a kind byte
 * 'f' file, 'd' folder, 'l' link, the name, NUL, a link's target), 'D'
 * its bytes (at most BK_PIECE), 'E' it ends, and 'M' the manifest, the
 * last message (TAG_FINAL): one line per file with its SHA-256, size,
 * kind and name. The key is derived from the passphrase, so the file
 * says nothing without it, and the stream's authentication refuses a
 * changed, reordered or cut file.
 *
 * The database travels as mariadb-backup's xbstream ("database.xbstream"),
 * encrypted as it is read, never on disk in the clear; restore unpacks it
 * with mbstream into the new data folder and prepares it there.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pwd.h>
#include <signal.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "dimosctl.h"
#include "keystore.h"

#define BK_MAGIC	"DIMOSBK1"
#define BK_PIECE	(64 * 1024)
#define BK_SALT		crypto_pwhash_SALTBYTES
#define BK_DB_NAME	"database.xbstream"
#define BK_CONFIG_NAME	"config/dimos.ini"
#define BK_KEYS_PREFIX	"keys"
#define BK_PASS_MIN	12
#define BK_MANIFEST_MAX	(1024 * 1024)

/* ---- common ---- */

static int
die_errno(const char *what, const char *path)
{
	fprintf(stderr, "dimosctl: %s %s: %s\n", what, path, strerror(errno));
	return -1;
}

/*
 * The passphrase: the file named by --passphrase-file, else the
 * environment's DIMOS_BACKUP_PASSPHRASE; one line, the newline dropped.
 */
static int
read_passphrase(const char *file, char *out, size_t outsz)
{
	const char *env = getenv("DIMOS_BACKUP_PASSPHRASE");
	size_t n;

	if (file != NULL) {
		FILE *fp = fopen(file, "r");

		if (fp == NULL)
			return die_errno("cannot read the passphrase file",
			    file);
		if (fgets(out, (int)outsz, fp) == NULL)
			out[0] = '\0';
		fclose(fp);
	} else if (env != NULL) {
		if (strlen(env) >= outsz) {
			fprintf(stderr, "dimosctl: the passphrase is too "
			    "long\n");
			return -1;
		}
		memcpy(out, env, strlen(env) + 1);
	} else {
		fprintf(stderr, "dimosctl: no passphrase: give "
		    "--passphrase-file FILE or set DIMOS_BACKUP_PASSPHRASE\n");
		return -1;
	}
	n = strcspn(out, "\r\n");
	out[n] = '\0';
	if (n < BK_PASS_MIN) {
		fprintf(stderr, "dimosctl: the passphrase must have at least "
		    "%d characters\n", BK_PASS_MIN);
		sodium_memzero(out, outsz);
		return -1;
	}
	return 0;
}

/* Little-endian integers of n bytes in the file's header and records. */
static void
put_le(unsigned char *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t
get_le(const unsigned char *p, int n)
{
	uint64_t v = 0;

	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static int
write_all(int fd, const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n > 0) {
		ssize_t w = write(fd, b, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

/* 1 read fully, 0 at the end before any byte, -1 error or cut short. */
static int
read_all(int fd, void *p, size_t n)
{
	unsigned char *b = p;
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, b + got, n - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return got == 0 ? 0 : -1;
		got += (size_t)r;
	}
	return 1;
}

static void
hex32(const unsigned char sha[32], char out[65])
{
	sodium_bin2hex(out, 65, sha, 32);
}

/* Runs argv with stdin/stdout as given (-1: /dev/null) and stderr to
 * errlog (NULL: ours); returns the pid or -1. */
static pid_t
spawn(char *const argv[], int in, int out, const char *errlog)
{
	pid_t pid;

	fflush(NULL);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(in >= 0 ? in : null, 0);
		dup2(out >= 0 ? out : null, 1);
		if (errlog != NULL) {
			int e = open(errlog, O_WRONLY | O_CREAT | O_TRUNC |
			    O_CLOEXEC, 0600);

			if (e >= 0)
				dup2(e, 2);
		}
		execvp(argv[0], argv);
		fprintf(stderr, "dimosctl: cannot run %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	return pid;
}

static int
reap(pid_t pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The last lines of a tool's log, when it failed. */
static void
show_tail(const char *path)
{
	char line[1024], ring[12][1024];
	size_t n = 0;
	FILE *fp = fopen(path, "r");

	if (fp == NULL)
		return;
	while (fgets(line, sizeof(line), fp) != NULL)
		memcpy(ring[n++ % 12], line, sizeof(line));
	fclose(fp);
	for (size_t i = n > 12 ? n - 12 : 0; i < n; i++)
		fprintf(stderr, "  %s", ring[i % 12]);
}

/* ---- writing ---- */

struct bk_writer {
	int				 fd;
	crypto_secretstream_xchacha20poly1305_state st;
	unsigned char			*cbuf;	/* one sealed message */
	char				*manifest;
	size_t				 mlen, mcap;
	/* the file being written */
	crypto_hash_sha256_state	 sha;
	unsigned long long		 size;
	char				 kind;
	char				 name[1024];
};

static int
bk_push(struct bk_writer *w, const unsigned char *m, size_t len,
    unsigned char tag)
{
	unsigned char hdr[4];
	unsigned long long clen;

	crypto_secretstream_xchacha20poly1305_push(&w->st, w->cbuf, &clen, m,
	    len, NULL, 0, tag);
	put_le(hdr, (uint32_t)clen, 4);
	if (write_all(w->fd, hdr, 4) < 0 || write_all(w->fd, w->cbuf,
	    (size_t)clen) < 0) {
		fprintf(stderr, "dimosctl: cannot write the backup: %s\n",
		    strerror(errno));
		return -1;
	}
	return 0;
}

static int
manifest_add(struct bk_writer *w, const char *line)
{
	size_t n = strlen(line);

	if (w->mlen + n + 1 > w->mcap) {
		size_t cap = (w->mlen + n + 1) * 2;
		char *p;

		if (cap > BK_MANIFEST_MAX || (p = realloc(w->manifest, cap)) ==
		    NULL) {
			fprintf(stderr, "dimosctl: the manifest is too large\n");
			return -1;
		}
		w->manifest = p;
		w->mcap = cap;
	}
	memcpy(w->manifest + w->mlen, line, n + 1);
	w->mlen += n;
	return 0;
}

static int
bk_begin(struct bk_writer *w, const char *name, char kind, mode_t mode,
    const char *target)
{
	unsigned char m[1 + 4 + 1 + 2048];
	size_t nl = strlen(name), tl = target ? strlen(target) : 0;

	if (nl >= sizeof(w->name) || 6 + nl + 1 + tl > sizeof(m)) {
		fprintf(stderr, "dimosctl: name too long: %s\n", name);
		return -1;
	}
	m[0] = 'F';
	put_le(m + 1, (uint32_t)(mode & 07777), 4);
	m[5] = (unsigned char)kind;
	memcpy(m + 6, name, nl + 1);
	if (tl > 0)
		memcpy(m + 6 + nl + 1, target, tl);
	crypto_hash_sha256_init(&w->sha);
	w->size = 0;
	w->kind = kind;
	memcpy(w->name, name, nl + 1);
	if (kind == 'l')
		crypto_hash_sha256_update(&w->sha, (const unsigned char *)target,
		    tl);
	return bk_push(w, m, 6 + nl + 1 + tl, 0);
}

static int
bk_data(struct bk_writer *w, const unsigned char *p, size_t n)
{
	unsigned char m[1 + BK_PIECE];

	while (n > 0) {
		size_t k = n > BK_PIECE ? BK_PIECE : n;

		m[0] = 'D';
		memcpy(m + 1, p, k);
		crypto_hash_sha256_update(&w->sha, p, k);
		w->size += k;
		if (bk_push(w, m, k + 1, 0) < 0)
			return -1;
		p += k;
		n -= k;
	}
	return 0;
}

static int
bk_end(struct bk_writer *w)
{
	unsigned char sha[32], e = 'E';
	char hex[65], line[1200];

	crypto_hash_sha256_final(&w->sha, sha);
	hex32(sha, hex);
	snprintf(line, sizeof(line), "%s %llu %c %s\n", hex, w->size, w->kind,
	    w->name);
	if (manifest_add(w, line) < 0)
		return -1;
	return bk_push(w, &e, 1, 0);
}

/* Copies an open descriptor into the current file to its end. */
static int
bk_copy_fd(struct bk_writer *w, int fd)
{
	unsigned char buf[BK_PIECE];

	for (;;) {
		ssize_t r = read(fd, buf, sizeof(buf));

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		if (r == 0)
			return 0;
		if (bk_data(w, buf, (size_t)r) < 0)
			return -1;
	}
}

static int
bk_file(struct bk_writer *w, const char *name, const char *path)
{
	struct stat sb;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0 || fstat(fd, &sb) < 0) {
		if (fd >= 0)
			close(fd);
		return die_errno("cannot read", path);
	}
	if (bk_begin(w, name, 'f', sb.st_mode, NULL) < 0) {
		close(fd);
		return -1;
	}
	rc = bk_copy_fd(w, fd);
	close(fd);
	if (rc < 0)
		return die_errno("cannot read", path);
	return bk_end(w);
}

/* The key folder, recursively: folders, files and links as they are. */
static int
bk_tree(struct bk_writer *w, const char *name, const char *path)
{
	struct dirent **ents = NULL;
	struct stat sb;
	int n, rc = 0;

	if (lstat(path, &sb) < 0)
		return die_errno("cannot read", path);
	if (S_ISLNK(sb.st_mode)) {
		char target[1024];
		ssize_t k = readlink(path, target, sizeof(target) - 1);

		if (k < 0)
			return die_errno("cannot read the link", path);
		target[k] = '\0';
		if (bk_begin(w, name, 'l', 0777, target) < 0)
			return -1;
		return bk_end(w);
	}
	if (S_ISREG(sb.st_mode))
		return bk_file(w, name, path);
	if (!S_ISDIR(sb.st_mode))
		return 0;	/* sockets and the like are no keys */
	if (bk_begin(w, name, 'd', sb.st_mode, NULL) < 0 || bk_end(w) < 0)
		return -1;
	if ((n = scandir(path, &ents, NULL, alphasort)) < 0)
		return die_errno("cannot list", path);
	for (int i = 0; i < n; i++) {
		char cn[1024], cp[4096];

		if (rc == 0 && strcmp(ents[i]->d_name, ".") != 0 &&
		    strcmp(ents[i]->d_name, "..") != 0) {
			snprintf(cn, sizeof(cn), "%s/%s", name, ents[i]->d_name);
			snprintf(cp, sizeof(cp), "%s/%s", path, ents[i]->d_name);
			rc = bk_tree(w, cn, cp);
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

struct db_facts {
	char	datadir[1024];
	char	version[128];
};

static dm_status
facts_row(void *arg, const struct dm_value *c, size_t n)
{
	struct db_facts *f = arg;

	if (n < 2 || c[0].s == NULL || c[1].s == NULL ||
	    c[0].len >= sizeof(f->datadir) || c[1].len >= sizeof(f->version))
		return DM_EINTERNAL;
	memcpy(f->datadir, c[0].s, c[0].len);
	f->datadir[c[0].len] = '\0';
	memcpy(f->version, c[1].s, c[1].len);
	f->version[c[1].len] = '\0';
	return DM_OK;
}

/* The server's data folder and version, from the server itself. */
static int
db_facts(struct ctl *ctl, struct db_facts *f)
{
	struct db *db = NULL;
	dm_status st;

	memset(f, 0, sizeof(*f));
	if (db_open(&ctl->cfg, 1, &db) != DM_OK) {
		fprintf(stderr, "dimosctl: cannot connect to the database\n");
		db_close(db);
		return -1;
	}
	st = db_query(db, "SELECT @@datadir, VERSION()", NULL, 0, facts_row,
	    f);
	db_close(db);
	if (st != DM_OK || f->datadir[0] == '\0') {
		fprintf(stderr, "dimosctl: cannot ask the server for its data "
		    "folder\n");
		return -1;
	}
	return 0;
}

/* The database through mariadb-backup's stream, encrypted as it comes. */
static int
bk_database(struct bk_writer *w, struct ctl *ctl, const struct db_facts *f,
    const char *db_user, const char *tmp)
{
	char a_target[4300], a_datadir[1100], a_socket[1100], a_host[1100],
	    a_port[64], a_user[300], a_dbs[300], errlog[4300];
	char *argv[16];
	int p[2], n = 0, rc;
	pid_t pid;

	snprintf(a_target, sizeof(a_target), "--target-dir=%s", tmp);
	snprintf(a_datadir, sizeof(a_datadir), "--datadir=%s", f->datadir);
	/* The instance's database and the server's own (its accounts):
	 * another municipality's database on the same server is not. */
	snprintf(a_dbs, sizeof(a_dbs), "--databases=mysql %s",
	    ctl->cfg.db_name);
	snprintf(errlog, sizeof(errlog), "%s/mariadb-backup.log", tmp);
	argv[n++] = (char *)"mariadb-backup";
	argv[n++] = (char *)"--backup";
	argv[n++] = (char *)"--stream=xbstream";
	argv[n++] = a_target;
	argv[n++] = a_datadir;
	argv[n++] = a_dbs;
	if (ctl->cfg.db_socket != NULL) {
		snprintf(a_socket, sizeof(a_socket), "--socket=%s",
		    ctl->cfg.db_socket);
		argv[n++] = a_socket;
	} else if (ctl->cfg.db_host != NULL) {
		snprintf(a_host, sizeof(a_host), "--host=%s",
		    ctl->cfg.db_host);
		argv[n++] = a_host;
		snprintf(a_port, sizeof(a_port), "--port=%d",
		    ctl->cfg.db_port);
		argv[n++] = a_port;
	}
	if (db_user != NULL) {
		snprintf(a_user, sizeof(a_user), "--user=%s", db_user);
		argv[n++] = a_user;
	}
	argv[n] = NULL;
	if (pipe2(p, O_CLOEXEC) < 0)
		return die_errno("cannot make a pipe for", "mariadb-backup");
	pid = spawn(argv, -1, p[1], errlog);
	close(p[1]);
	if (pid < 0) {
		close(p[0]);
		return die_errno("cannot start", "mariadb-backup");
	}
	rc = bk_begin(w, BK_DB_NAME, 'f', 0600, NULL);
	if (rc == 0)
		rc = bk_copy_fd(w, p[0]);
	close(p[0]);
	if (rc < 0)
		kill(pid, SIGTERM);
	if (reap(pid) != 0) {
		fprintf(stderr, "dimosctl: mariadb-backup failed; the end of "
		    "its log:\n");
		show_tail(errlog);
		return -1;
	}
	return rc < 0 ? -1 : bk_end(w);
}

static int
rm_tree(const char *path)
{
	struct dirent **ents = NULL;
	struct stat sb;
	int n;

	if (lstat(path, &sb) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(sb.st_mode))
		return unlink(path);
	if ((n = scandir(path, &ents, NULL, NULL)) >= 0) {
		for (int i = 0; i < n; i++) {
			char cp[4096];

			if (strcmp(ents[i]->d_name, ".") != 0 &&
			    strcmp(ents[i]->d_name, "..") != 0) {
				snprintf(cp, sizeof(cp), "%s/%s", path,
				    ents[i]->d_name);
				rm_tree(cp);
			}
			free(ents[i]);
		}
		free(ents);
	}
	return rmdir(path);
}

int
ctl_backup(struct ctl *ctl)
{
	static const struct option opts[] = {
		{ "passphrase-file", required_argument, NULL, 'p' },
		{ "db-user", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	const char *pfile = NULL, *db_user = NULL, *out;
	char pass[1024], tmp[4200], part[4200], line[2200], now[32];
	unsigned char salt[BK_SALT], key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
	unsigned char head[8 + 16 + BK_SALT +
	    crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	struct bk_writer w;
	struct db_facts f;
	time_t t = time(NULL);
	int c, rc = 1;

	optind = 1;
	while ((c = getopt_long(ctl->argc, ctl->argv, "", opts, NULL)) != -1) {
		if (c == 'p')
			pfile = optarg;
		else if (c == 'u')
			db_user = optarg;
		else
			return 2;
	}
	if (optind + 1 != ctl->argc) {
		fprintf(stderr, "usage: dimosctl backup [--passphrase-file "
		    "FILE] [--db-user USER] OUT\n");
		return 2;
	}
	out = ctl->argv[optind];
	if (sodium_init() < 0 || read_passphrase(pfile, pass, sizeof(pass)) <
	    0)
		return 1;
	if (access(out, F_OK) == 0) {
		fprintf(stderr, "dimosctl: %s exists; a backup never replaces "
		    "a file\n", out);
		return 1;
	}
	if (db_facts(ctl, &f) < 0)
		return 1;
	memset(&w, 0, sizeof(w));
	w.fd = -1;
	snprintf(tmp, sizeof(tmp), "%s.work.XXXXXX", out);
	snprintf(part, sizeof(part), "%s.part", out);
	if (mkdtemp(tmp) == NULL) {
		die_errno("cannot make a work folder beside", out);
		return 1;
	}
	if ((w.fd = open(part, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) < 0) {
		die_errno("cannot create", part);
		goto out;
	}
	if ((w.cbuf = malloc(1 + BK_PIECE +
	    crypto_secretstream_xchacha20poly1305_ABYTES)) == NULL)
		goto out;
	/* The key from the passphrase: Argon2id, limits kept in the file. */
	randombytes_buf(salt, sizeof(salt));
	if (crypto_pwhash(key, sizeof(key), pass, strlen(pass), salt,
	    crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE,
	    crypto_pwhash_ALG_ARGON2ID13) != 0) {
		fprintf(stderr, "dimosctl: out of memory deriving the key\n");
		goto out;
	}
	memcpy(head, BK_MAGIC, 8);
	put_le(head + 8, crypto_pwhash_OPSLIMIT_MODERATE, 8);
	put_le(head + 16, crypto_pwhash_MEMLIMIT_MODERATE, 8);
	memcpy(head + 24, salt, sizeof(salt));
	crypto_secretstream_xchacha20poly1305_init_push(&w.st,
	    head + 24 + sizeof(salt), key);
	sodium_memzero(key, sizeof(key));
	if (write_all(w.fd, head, sizeof(head)) < 0) {
		die_errno("cannot write", part);
		goto out;
	}
	strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	snprintf(line, sizeof(line), "# dimos backup 1\n# created %s\n"
	    "# database %s (MariaDB %s)\n# config %s\n# key_dir %s\n", now,
	    ctl->cfg.db_name, f.version, ctl->config_path,
	    ctl->cfg.doc_key_dir ? ctl->cfg.doc_key_dir : "-");
	if (manifest_add(&w, line) < 0)
		goto out;
	fprintf(stderr, "dimosctl: backing up the database %s (mariadb-backup)"
	    "\n", ctl->cfg.db_name);
	if (bk_database(&w, ctl, &f, db_user, tmp) < 0)
		goto out;
	if (ctl->cfg.doc_key_dir != NULL && bk_tree(&w, BK_KEYS_PREFIX,
	    ctl->cfg.doc_key_dir) < 0)
		goto out;
	if (bk_file(&w, BK_CONFIG_NAME, ctl->config_path) < 0)
		goto out;
	/* The manifest ends the stream. */
	{
		size_t n = w.mlen;
		unsigned char *m = malloc(n + 1);

		if (m == NULL)
			goto out;
		m[0] = 'M';
		memcpy(m + 1, w.manifest, n);
		c = bk_push(&w, m, n + 1,
		    crypto_secretstream_xchacha20poly1305_TAG_FINAL);
		free(m);
		if (c < 0)
			goto out;
	}
	if (fsync(w.fd) < 0 || close(w.fd) < 0) {
		w.fd = -1;
		die_errno("cannot write", part);
		goto out;
	}
	w.fd = -1;
	if (rename(part, out) < 0) {
		die_errno("cannot rename", part);
		goto out;
	}
	fputs(w.manifest, stdout);
	fprintf(stderr, "dimosctl: backup written to %s\n", out);
	rc = 0;
out:
	sodium_memzero(pass, sizeof(pass));
	if (w.fd >= 0)
		close(w.fd);
	if (rc != 0)
		unlink(part);
	rm_tree(tmp);
	free(w.cbuf);
	free(w.manifest);
	return rc;
}

/* ---- restoring ---- */

struct rs_target {
	const char	*datadir;
	const char	*keys;
	const char	*config;
};

struct rs_file {
	char				 kind;
	char				 name[1024];
	int				 fd;	/* file or mbstream's pipe */
	pid_t				 pid;	/* mbstream, or 0 */
	crypto_hash_sha256_state	 sha;
	unsigned long long		 size;
};

/* An empty folder or none: made (0700); -1 if it holds anything. */
static int
empty_dir(const char *path)
{
	DIR *d;
	struct dirent *e;
	int n = 0;

	if (mkdir(path, 0700) == 0)
		return 0;
	if (errno != EEXIST)
		return die_errno("cannot make", path);
	if ((d = opendir(path)) == NULL)
		return die_errno("cannot open", path);
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	if (n > 0) {
		fprintf(stderr, "dimosctl: %s is not empty; restore only into "
		    "an empty instance\n", path);
		return -1;
	}
	return 0;
}

/* A name from the file is one of ours and stays inside its folder. */
static int
safe_name(const char *name)
{
	if (strncmp(name, BK_KEYS_PREFIX, strlen(BK_KEYS_PREFIX)) != 0 &&
	    strcmp(name, BK_DB_NAME) != 0 && strcmp(name, BK_CONFIG_NAME) != 0)
		return 0;
	if (name[0] == '/' || strstr(name, "..") != NULL ||
	    strstr(name, "//") != NULL)
		return 0;
	return 1;
}

static int
rs_begin(struct rs_file *rf, const struct rs_target *t,
    const unsigned char *m, size_t len)
{
	char path[4096];
	const char *name, *target;
	mode_t mode;
	size_t nl;

	if (len < 7 || memchr(m + 6, '\0', len - 6) == NULL)
		return -1;
	mode = (mode_t)(uint32_t)get_le(m + 1, 4) & 07777;
	rf->kind = (char)m[5];
	name = (const char *)m + 6;
	nl = strlen(name);
	target = name + nl + 1;
	if (nl >= sizeof(rf->name) || !safe_name(name)) {
		fprintf(stderr, "dimosctl: the backup names an unexpected file "
		    "\"%.100s\"\n", name);
		return -1;
	}
	memcpy(rf->name, name, nl + 1);
	crypto_hash_sha256_init(&rf->sha);
	rf->size = 0;
	rf->fd = -1;
	rf->pid = 0;
	if (strcmp(name, BK_DB_NAME) == 0) {
		char dir[4096];
		char *argv[] = { (char *)"mbstream", (char *)"-x", (char *)"-C",
		    dir, NULL };
		int p[2];

		snprintf(dir, sizeof(dir), "%s", t->datadir);
		if (pipe2(p, O_CLOEXEC) < 0)
			return die_errno("cannot make a pipe for", "mbstream");
		rf->pid = spawn(argv, p[0], -1, NULL);
		close(p[0]);
		if (rf->pid < 0) {
			close(p[1]);
			return die_errno("cannot start", "mbstream");
		}
		rf->fd = p[1];
		return 0;
	}
	if (strcmp(name, BK_CONFIG_NAME) == 0) {
		snprintf(path, sizeof(path), "%s", t->config);
		mode = 0640;
	} else {
		snprintf(path, sizeof(path), "%s%s", t->keys,
		    name + strlen(BK_KEYS_PREFIX));
	}
	switch (rf->kind) {
	case 'd':
		/* As recorded, never writable by others (the top stays
		 * 0700: empty_dir). */
		if (strcmp(name, BK_KEYS_PREFIX) != 0 && (mkdir(path, 0700) < 0 ||
		    chmod(path, mode & 0755) < 0))
			return die_errno("cannot make", path);
		return 0;
	case 'l':
		crypto_hash_sha256_update(&rf->sha, (const unsigned char *)target,
		    len - 6 - nl - 1);
		{
			char tg[1024];
			size_t tl = len - 6 - nl - 1;

			if (tl >= sizeof(tg))
				return -1;
			memcpy(tg, target, tl);
			tg[tl] = '\0';
			if (tg[0] == '/' || strstr(tg, "..") != NULL) {
				fprintf(stderr, "dimosctl: a link in the backup "
				    "leaves its folder\n");
				return -1;
			}
			return symlink(tg, path) < 0 ? die_errno("cannot make "
			    "the link", path) : 0;
		}
	case 'f':
		mode = mode & 0755 ? mode & 0755 : 0600;
		rf->fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
		    O_NOFOLLOW, 0600);
		if (rf->fd >= 0 && fchmod(rf->fd, mode) < 0)
			return die_errno("cannot chmod", path);
		return rf->fd < 0 ? die_errno("cannot create", path) : 0;
	default:
		return -1;
	}
}

static int
rs_end(struct rs_file *rf, char **seen, size_t *seenlen)
{
	unsigned char sha[32];
	char hex[65], line[1200];
	size_t n;
	int rc = 0;

	if (rf->fd >= 0) {
		if (rf->pid == 0 && fsync(rf->fd) < 0)
			rc = -1;
		if (close(rf->fd) < 0)
			rc = -1;
	}
	rf->fd = -1;
	if (rf->pid > 0 && reap(rf->pid) != 0) {
		fprintf(stderr, "dimosctl: mbstream failed unpacking the "
		    "database\n");
		rc = -1;
	}
	rf->pid = 0;
	crypto_hash_sha256_final(&rf->sha, sha);
	hex32(sha, hex);
	n = (size_t)snprintf(line, sizeof(line), "%s %llu %c %s\n", hex,
	    rf->size, rf->kind, rf->name);
	if (*seenlen + n + 1 > BK_MANIFEST_MAX)
		return -1;
	if ((*seen = realloc(*seen, *seenlen + n + 1)) == NULL)
		return -1;
	memcpy(*seen + *seenlen, line, n + 1);
	*seenlen += n;
	rf->kind = 0;
	return rc;
}

/* The manifest's file lines (not its # comments) equal what came. */
static int
manifest_matches(const unsigned char *m, size_t len, const char *seen)
{
	const char *p = (const char *)m, *end = p + len, *s = seen;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);

		if (*p != '#') {
			if (strncmp(s, p, l) != 0)
				return 0;
			s += l;
		}
		p += l;
	}
	return *s == '\0';
}

static int
rs_prepare(const struct rs_target *t, const char *owner)
{
	char a_target[4200], errlog[4200];
	char *argv[] = { (char *)"mariadb-backup", (char *)"--prepare",
	    a_target, NULL };
	pid_t pid;

	snprintf(a_target, sizeof(a_target), "--target-dir=%s", t->datadir);
	snprintf(errlog, sizeof(errlog), "%s.prepare.log", t->datadir);
	fprintf(stderr, "dimosctl: preparing the database in %s "
	    "(mariadb-backup --prepare)\n", t->datadir);
	if ((pid = spawn(argv, -1, -1, errlog)) < 0 || reap(pid) != 0) {
		fprintf(stderr, "dimosctl: mariadb-backup --prepare failed; "
		    "the end of %s:\n", errlog);
		show_tail(errlog);
		return -1;
	}
	unlink(errlog);
	if (owner != NULL && owner[0] != '\0') {
		char spec[300], dir[4096];
		char *cargv[] = { (char *)"chown", (char *)"-R", spec, dir,
		    NULL };
		struct passwd *pw = getpwnam(owner);

		snprintf(dir, sizeof(dir), "%s", t->datadir);
		if (pw == NULL) {
			fprintf(stderr, "dimosctl: no user %s\n", owner);
			return -1;
		}
		snprintf(spec, sizeof(spec), "%s:", owner);
		if ((pid = spawn(cargv, -1, -1, NULL)) < 0 || reap(pid) != 0) {
			fprintf(stderr, "dimosctl: cannot give %s to %s\n",
			    t->datadir, owner);
			return -1;
		}
	}
	return 0;
}

/*
 * The restored files as the service expects them when restored as root:
 * the key folder given to the service user (keystore_give: the folder
 * and the secret keys its, 0600, as `keys init` leaves them) and the
 * configuration root's, readable by the user's group (0640, as `instance
 * add` writes it). user: --user, or the restored configuration's
 * [server] user.
 */
static int
rs_own(const struct rs_target *t, const char *user)
{
	struct config cfg;
	struct passwd *pw;
	char err[1024];
	int rc = -1;

	memset(&cfg, 0, sizeof(cfg));
	if (user == NULL) {
		if (config_load(t->config, &cfg, err, sizeof(err)) != DM_OK) {
			fprintf(stderr, "dimosctl: the restored configuration "
			    "does not load (%s): name its service user with "
			    "--user\n", err);
			goto out;
		}
		user = cfg.user;
	}
	if (user == NULL || user[0] == '\0') {
		rc = 0;		/* the service runs as root itself */
		goto out;
	}
	if (getuid() != 0) {
		fprintf(stderr, "dimosctl: not run as root: the restored keys "
		    "and configuration stay yours; give them to %s\n", user);
		rc = 0;
		goto out;
	}
	if ((pw = getpwnam(user)) == NULL) {
		fprintf(stderr, "dimosctl: no user %s (--user)\n", user);
		goto out;
	}
	if (chown(t->config, 0, pw->pw_gid) < 0 || chmod(t->config, 0640) < 0) {
		die_errno("cannot give the configuration to", t->config);
		goto out;
	}
	if (keystore_give(t->keys, user) != DM_OK) {
		fprintf(stderr, "dimosctl: cannot give the keys in %s to %s\n",
		    t->keys, user);
		goto out;
	}
	rc = 0;
out:
	config_free(&cfg);
	return rc;
}

int
ctl_restore(struct ctl *ctl)
{
	static const struct option opts[] = {
		{ "passphrase-file", required_argument, NULL, 'p' },
		{ "datadir", required_argument, NULL, 'd' },
		{ "keys", required_argument, NULL, 'k' },
		{ "config", required_argument, NULL, 'c' },
		{ "db-owner", required_argument, NULL, 'o' },
		{ "user", required_argument, NULL, 'u' },
		{ NULL, 0, NULL, 0 },
	};
	struct rs_target t = { NULL, NULL, NULL };
	const char *pfile = NULL, *owner = NULL, *user = NULL, *in;
	char pass[1024], *seen = NULL;
	size_t seenlen = 0;
	unsigned char head[8 + 16 + BK_SALT +
	    crypto_secretstream_xchacha20poly1305_HEADERBYTES];
	unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
	unsigned char *cbuf = NULL, *m = NULL;
	crypto_secretstream_xchacha20poly1305_state st;
	struct rs_file rf;
	uint64_t ops, mem;
	int c, fd = -1, rc = 1, done = 0;

	optind = 1;
	while ((c = getopt_long(ctl->argc, ctl->argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'p': pfile = optarg; break;
		case 'd': t.datadir = optarg; break;
		case 'k': t.keys = optarg; break;
		case 'c': t.config = optarg; break;
		case 'o': owner = optarg; break;
		case 'u': user = optarg; break;
		default: return 2;
		}
	}
	if (optind + 1 != ctl->argc || t.datadir == NULL || t.keys == NULL ||
	    t.config == NULL) {
		fprintf(stderr, "usage: dimosctl restore [--passphrase-file "
		    "FILE] --datadir DIR --keys DIR --config FILE "
		    "[--db-owner USER] [--user USER] BACKUP\n");
		return 2;
	}
	in = ctl->argv[optind];
	/* mbstream stopping early is an error reported, not a SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	memset(&rf, 0, sizeof(rf));
	rf.fd = -1;
	if (sodium_init() < 0 || read_passphrase(pfile, pass, sizeof(pass)) <
	    0)
		return 1;
	if (access(t.config, F_OK) == 0) {
		fprintf(stderr, "dimosctl: %s exists; restore only into an "
		    "empty instance\n", t.config);
		goto out;
	}
	if (empty_dir(t.datadir) < 0 || empty_dir(t.keys) < 0)
		goto out;
	if ((fd = open(in, O_RDONLY | O_CLOEXEC)) < 0) {
		die_errno("cannot open", in);
		goto out;
	}
	if (read_all(fd, head, sizeof(head)) != 1 ||
	    memcmp(head, BK_MAGIC, 8) != 0) {
		fprintf(stderr, "dimosctl: %s is not a Dimos backup\n", in);
		goto out;
	}
	ops = get_le(head + 8, 8);
	mem = get_le(head + 16, 8);
	if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > 64 ||
	    mem < crypto_pwhash_MEMLIMIT_MIN || mem > (4ULL << 30)) {
		fprintf(stderr, "dimosctl: %s has unusable key limits\n", in);
		goto out;
	}
	if (crypto_pwhash(key, sizeof(key), pass, strlen(pass), head + 24, ops,
	    (size_t)mem, crypto_pwhash_ALG_ARGON2ID13) != 0 ||
	    crypto_secretstream_xchacha20poly1305_init_pull(&st,
	    head + 24 + BK_SALT, key) != 0) {
		fprintf(stderr, "dimosctl: cannot derive the key\n");
		goto out;
	}
	sodium_memzero(key, sizeof(key));
	if ((cbuf = malloc(BK_MANIFEST_MAX + 1 +
	    crypto_secretstream_xchacha20poly1305_ABYTES)) == NULL ||
	    (m = malloc(BK_MANIFEST_MAX + 1)) == NULL)
		goto out;
	fprintf(stderr, "dimosctl: restoring %s\n", in);
	while (!done) {
		unsigned char hdr[4], tag;
		unsigned long long mlen;
		uint32_t clen;
		int r = read_all(fd, hdr, 4);

		if (r != 1) {
			fprintf(stderr, "dimosctl: the backup is cut short\n");
			goto out;
		}
		clen = (uint32_t)get_le(hdr, 4);
		if (clen < crypto_secretstream_xchacha20poly1305_ABYTES + 1 ||
		    clen > BK_MANIFEST_MAX + 1 +
		    crypto_secretstream_xchacha20poly1305_ABYTES ||
		    read_all(fd, cbuf, clen) != 1) {
			fprintf(stderr, "dimosctl: the backup is damaged\n");
			goto out;
		}
		if (crypto_secretstream_xchacha20poly1305_pull(&st, m, &mlen,
		    &tag, cbuf, clen, NULL, 0) != 0) {
			fprintf(stderr, "dimosctl: wrong passphrase, or the "
			    "backup was changed\n");
			goto out;
		}
		switch (m[0]) {
		case 'F':
			if (rf.kind != 0 || rs_begin(&rf, &t, m, (size_t)mlen) <
			    0)
				goto bad;
			break;
		case 'D':
			if (rf.kind != 'f' || write_all(rf.fd, m + 1,
			    (size_t)mlen - 1) < 0)
				goto bad;
			crypto_hash_sha256_update(&rf.sha, m + 1, mlen - 1);
			rf.size += mlen - 1;
			break;
		case 'E':
			if (rf.kind == 0 || rs_end(&rf, &seen, &seenlen) < 0)
				goto bad;
			break;
		case 'M':
			if (rf.kind != 0 || tag !=
			    crypto_secretstream_xchacha20poly1305_TAG_FINAL)
				goto bad;
			if (!manifest_matches(m + 1, (size_t)mlen - 1,
			    seen ? seen : "")) {
				fprintf(stderr, "dimosctl: the restored files do "
				    "not match the backup's manifest\n");
				goto out;
			}
			fwrite(m + 1, 1, (size_t)mlen - 1, stdout);
			done = 1;
			break;
		default:
			goto bad;
		}
		if (!done && tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
			goto bad;
	}
	{
		unsigned char extra;

		if (read_all(fd, &extra, 1) != 0) {
			fprintf(stderr, "dimosctl: data after the end of the "
			    "backup\n");
			goto out;
		}
	}
	if (seen == NULL || strstr(seen, " " BK_DB_NAME "\n") == NULL) {
		fprintf(stderr, "dimosctl: the backup holds no database\n");
		goto out;
	}
	if (rs_prepare(&t, owner) < 0 || rs_own(&t, user) < 0)
		goto out;
	fprintf(stderr, "dimosctl: restored: the database in %s, the keys in "
	    "%s, the configuration in %s (point its [database] and "
	    "[documents] key_dir at the new instance before starting it)\n",
	    t.datadir, t.keys, t.config);
	rc = 0;
	goto out;
bad:
	fprintf(stderr, "dimosctl: the backup is malformed\n");
out:
	if (rf.fd >= 0)
		close(rf.fd);
	if (rf.pid > 0)
		reap(rf.pid);
	if (rc != 0)
		fprintf(stderr, "dimosctl: nothing was started; remove what "
		    "was written to %s, %s and %s before trying again\n",
		    t.datadir ? t.datadir : "-", t.keys ? t.keys : "-",
		    t.config ? t.config : "-");
	sodium_memzero(pass, sizeof(pass));
	if (fd >= 0)
		close(fd);
	free(cbuf);
	free(m);
	free(seen);
	return rc;
}
