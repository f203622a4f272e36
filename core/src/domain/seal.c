/*
 * seal.c - the document seal: Ed25519 key files, signatures and codes.
 * Owns: reading and writing seal.key / seal.pub (format in seal.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <sodium.h>

#include "log.h"
#include "seal.h"

#define SEAL_SECRET_HEADER	"dimos-seal-secret-v1\n"
#define SEAL_PUBLIC_HEADER	"dimos-seal-public-v1\n"
#define SEAL_FILE_MAX		1024	/* both files are far smaller */

static const char seal_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* libsodium's own init is idempotent and thread-safe; failure means no RNG. */
static void
seal_init(void)
{
	if (sodium_init() < 0)
		log_fatal("seal: sodium_init failed");
}

char *
seal_path(const char *dir, const char *name)
{
	char	*p;

	if (asprintf(&p, "%s/%s", dir, name) < 0)
		log_fatal("out of memory");
	return p;
}

static dm_status
seal_write_all(int fd, const char *buf, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return DM_EINTERNAL;
		buf += n;
		len -= (size_t)n;
	}
	return DM_OK;
}

/*
 * Writes dir/name with exactly len bytes of data. The contents reach the
 * disk under a temporary name first so that the final name never refers
 * to a partial file. Without overwrite link(2) publishes it, which fails
 * rather than replace an existing file (the O_EXCL guarantee); with
 * overwrite rename(2) replaces atomically.
 */
dm_status
seal_write_file(const char *dir, const char *name, const void *data,
    size_t len, mode_t mode, int overwrite)
{
	char		*path = NULL, *tmp = NULL;
	int		 fd = -1;
	dm_status	 st = DM_EINTERNAL;

	path = seal_path(dir, name);
	if (asprintf(&tmp, "%s/.%s.XXXXXX", dir, name) < 0)
		log_fatal("out of memory");
	if ((fd = mkostemp(tmp, O_CLOEXEC)) < 0) {
		log_error("seal: cannot create a file in %s: %s", dir,
		    strerror(errno));
		free(tmp);
		tmp = NULL;
		goto out;
	}
	if (fchmod(fd, mode) != 0 ||
	    seal_write_all(fd, data, len) != DM_OK || fsync(fd) != 0) {
		log_error("seal: cannot write %s: %s", tmp, strerror(errno));
		goto out;
	}
	if (close(fd) != 0) {
		fd = -1;
		log_error("seal: cannot write %s: %s", tmp, strerror(errno));
		goto out;
	}
	fd = -1;
	if (overwrite) {
		if (rename(tmp, path) != 0) {
			log_error("seal: cannot rename %s to %s: %s", tmp, path,
			    strerror(errno));
			goto out;
		}
		free(tmp);
		tmp = NULL;
	} else if (link(tmp, path) != 0) {
		if (errno == EEXIST) {
			log_error("seal: %s exists; not replacing it", path);
			st = DM_ECONFLICT;
		} else
			log_error("seal: cannot link %s to %s: %s", tmp, path,
			    strerror(errno));
		goto out;
	}
	st = DM_OK;
out:
	if (fd >= 0)
		close(fd);
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	free(path);
	return st;
}

/* A key file: header line, base64 line. */
dm_status
seal_write_key(const char *dir, const char *name, const char *header,
    const unsigned char *bin, size_t len, mode_t mode, int overwrite)
{
	char		 text[256];
	size_t		 hlen, tlen;
	dm_status	 st;

	hlen = strlen(header);
	if (hlen + sodium_base64_encoded_len(len,
	    sodium_base64_VARIANT_ORIGINAL) + 1 > sizeof(text))
		log_fatal("seal: a %zu-byte key does not fit its file", len);
	memcpy(text, header, hlen);
	sodium_bin2base64(text + hlen, sizeof(text) - hlen, bin, len,
	    sodium_base64_VARIANT_ORIGINAL);
	tlen = strlen(text);
	text[tlen++] = '\n';
	st = seal_write_file(dir, name, text, tlen, mode, overwrite);
	sodium_memzero(text, sizeof(text));
	return st;
}

/* Makes the new directory entries durable; failure is only worth a note. */
void
seal_sync_dir(const char *dir)
{
	int	 fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return;
	if (fsync(fd) != 0)
		log_error("seal: fsync %s: %s", dir, strerror(errno));
	close(fd);
}

/* DM_OK if dir/name does not exist, DM_ECONFLICT if it does. */
static dm_status
seal_absent(const char *dir, const char *name)
{
	struct stat	 sb;
	char		*path;
	dm_status	 st = DM_OK;

	path = seal_path(dir, name);
	if (lstat(path, &sb) == 0) {
		log_error("seal: %s exists; not replacing it without overwrite", path);
		st = DM_ECONFLICT;
	} else if (errno != ENOENT) {
		log_error("seal: cannot stat %s: %s", path, strerror(errno));
		st = DM_EINTERNAL;
	}
	free(path);
	return st;
}

dm_status
seal_keys_init(const char *dir, int overwrite)
{
	struct seal_key	 key;
	char		*path = NULL;
	dm_status	 st;

	seal_init();
	if (dir == NULL || *dir == '\0')
		return DM_EINPUT;
	if (!overwrite) {
		if ((st = seal_absent(dir, SEAL_KEY_FILE)) != DM_OK ||
		    (st = seal_absent(dir, SEAL_PUB_FILE)) != DM_OK)
			return st;
	}
	crypto_sign_keypair(key.pk, key.sk);
	st = seal_write_key(dir, SEAL_KEY_FILE, SEAL_SECRET_HEADER, key.sk,
	    sizeof(key.sk), 0600, overwrite);
	if (st != DM_OK)
		goto out;
	st = seal_write_key(dir, SEAL_PUB_FILE, SEAL_PUBLIC_HEADER, key.pk,
	    sizeof(key.pk), 0644, overwrite);
	if (st != DM_OK) {
		/* A lone secret key would block the next attempt. */
		path = seal_path(dir, SEAL_KEY_FILE);
		if (!overwrite)
			unlink(path);
		goto out;
	}
	seal_sync_dir(dir);
out:
	free(path);
	seal_key_wipe(&key);
	return st;
}

/*
 * Reads a whole file into *out (malloc'ed, NUL-terminated, at most max
 * bytes). For a secret, refuses anything but a regular file private to
 * its owner.
 */
dm_status
seal_read_file(const char *path, int secret, size_t max, char **out,
    size_t *outlen)
{
	struct stat	 sb;
	size_t		 len = 0;
	ssize_t		 n;
	char		*buf = NULL;
	int		 fd, err;
	dm_status	 st = DM_EINTERNAL;

	*out = NULL;
	*outlen = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0) {
		err = errno;
		log_error("seal: cannot open %s: %s", path, strerror(err));
		return err == ENOENT ? DM_ENOTFOUND :
		    err == EACCES ? DM_EDENIED : DM_EINTERNAL;
	}
	if (fstat(fd, &sb) != 0) {
		log_error("seal: cannot stat %s: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		log_error("seal: %s is not a regular file", path);
		st = DM_EDENIED;
		goto out;
	}
	if (secret && (sb.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
		log_error("seal: refusing secret key %s: mode %04o lets group or "
		    "others access it; run chmod 600 %s and consider the key "
		    "compromised", path, (unsigned)(sb.st_mode & 07777), path);
		st = DM_EDENIED;
		goto out;
	}
	if ((buf = malloc(max + 1)) == NULL)
		log_fatal("out of memory");
	for (;;) {
		n = read(fd, buf + len, max + 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			log_error("seal: cannot read %s: %s", path, strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > max) {
			log_error("seal: %s is larger than %zu bytes", path, max);
			st = DM_EINPUT;
			goto out;
		}
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	buf = NULL;
	st = DM_OK;
out:
	if (buf != NULL) {
		sodium_memzero(buf, max + 1);
		free(buf);
	}
	close(fd);
	return st;
}

/* Decodes "header\nbase64\n" into exactly len bytes. */
static dm_status
seal_parse(const char *path, const char *text, const char *header,
    unsigned char *bin, size_t len)
{
	const char	*b64, *end;
	size_t		 hlen, binlen;

	hlen = strlen(header);
	if (strncmp(text, header, hlen) != 0) {
		log_error("seal: %s: first line is not \"%.*s\"", path,
		    (int)(hlen - 1), header);
		return DM_EINPUT;
	}
	b64 = text + hlen;
	if (sodium_base642bin(bin, len, b64, strlen(b64), NULL, &binlen, &end,
	    sodium_base64_VARIANT_ORIGINAL) != 0 || binlen != len ||
	    end[strspn(end, " \t\r\n")] != '\0') {
		log_error("seal: %s: second line is not the base64 of a %zu-byte key",
		    path, len);
		sodium_memzero(bin, len);
		return DM_EINPUT;
	}
	return DM_OK;
}

dm_status
seal_read_key(const char *path, const char *header, unsigned char *bin,
    size_t len)
{
	char		*buf = NULL;
	size_t		 blen = 0;
	dm_status	 st;

	seal_init();
	if ((st = seal_read_file(path, 1, SEAL_FILE_MAX, &buf, &blen)) ==
	    DM_OK)
		st = seal_parse(path, buf, header, bin, len);
	if (buf != NULL) {
		sodium_memzero(buf, blen);
		free(buf);
	}
	return st;
}

dm_status
seal_load(const char *dir, struct seal_key *key)
{
	unsigned char	 seed[crypto_sign_SEEDBYTES];
	unsigned char	 pk[SEAL_PUBLICKEY_BYTES];
	unsigned char	 sk[SEAL_SECRETKEY_BYTES];
	char		*buf = NULL;
	char		*kpath = NULL, *ppath = NULL;
	size_t		 blen;
	dm_status	 st = DM_EINPUT;

	seal_init();
	if (key == NULL)
		return DM_EINPUT;
	memset(key, 0, sizeof(*key));
	if (dir == NULL || *dir == '\0')
		return DM_EINPUT;
	kpath = seal_path(dir, SEAL_KEY_FILE);
	ppath = seal_path(dir, SEAL_PUB_FILE);

	if ((st = seal_read_file(kpath, 1, SEAL_FILE_MAX, &buf, &blen)) !=
	    DM_OK || (st = seal_parse(kpath, buf, SEAL_SECRET_HEADER, key->sk,
	    sizeof(key->sk))) != DM_OK)
		goto out;
	sodium_memzero(buf, blen);
	free(buf);
	buf = NULL;
	if ((st = seal_read_file(ppath, 0, SEAL_FILE_MAX, &buf, &blen)) !=
	    DM_OK || (st = seal_parse(ppath, buf, SEAL_PUBLIC_HEADER, key->pk,
	    sizeof(key->pk))) != DM_OK)
		goto out;

	/* The secret key embeds its public half; both must derive from seed. */
	crypto_sign_ed25519_sk_to_seed(seed, key->sk);
	crypto_sign_seed_keypair(pk, sk, seed);
	if (sodium_memcmp(sk, key->sk, sizeof(sk)) != 0) {
		log_error("seal: %s is corrupt: its public half does not match its "
		    "seed", kpath);
		st = DM_EINPUT;
		goto out;
	}
	if (sodium_memcmp(pk, key->pk, sizeof(pk)) != 0) {
		log_error("seal: %s does not belong to %s", ppath, kpath);
		st = DM_EINPUT;
		goto out;
	}
	st = DM_OK;
out:
	if (st != DM_OK)
		seal_key_wipe(key);
	sodium_memzero(seed, sizeof(seed));
	sodium_memzero(sk, sizeof(sk));
	if (buf != NULL) {
		sodium_memzero(buf, blen);
		free(buf);
	}
	free(kpath);
	free(ppath);
	return st;
}

/*
 * OpenSSL's SHA-256 uses the CPU's SHA extensions where there are some:
 * ten times libsodium's portable code on a certificate or an uploaded
 * file, which every document and every check by upload hashes whole.
 */
void
seal_sha256(const void *data, size_t len, unsigned char out[SEAL_HASH_BYTES])
{
	if (EVP_Digest(data, len, out, NULL, EVP_sha256(), NULL) != 1)
		log_fatal("seal: SHA-256 failed");
}

void
seal_sign(const struct seal_key *key, const unsigned char hash[SEAL_HASH_BYTES],
    unsigned char sig[SEAL_SIGNATURE_BYTES])
{
	seal_init();
	crypto_sign_detached(sig, NULL, hash, SEAL_HASH_BYTES, key->sk);
}

int
seal_verify(const unsigned char pub[SEAL_PUBLICKEY_BYTES],
    const unsigned char hash[SEAL_HASH_BYTES],
    const unsigned char sig[SEAL_SIGNATURE_BYTES])
{
	seal_init();
	return crypto_sign_verify_detached(sig, hash, SEAL_HASH_BYTES,
	    pub) == 0;
}

void
seal_hex(const unsigned char *bin, size_t len, char *out)
{
	sodium_bin2hex(out, 2 * len + 1, bin, len);
}

dm_status
seal_unhex(const char *hex, unsigned char *bin, size_t len)
{
	const char	*end;
	size_t		 binlen;

	if (hex == NULL || strlen(hex) != 2 * len ||
	    sodium_hex2bin(bin, len, hex, 2 * len, NULL, &binlen, &end) != 0 ||
	    binlen != len || *end != '\0') {
		if (len > 0)
			memset(bin, 0, len);
		return DM_EINPUT;
	}
	return DM_OK;
}

void
seal_code(char out[SEAL_CODE_SIZE])
{
	unsigned char	 rnd[10];	/* 80 bits = 16 x 5 */
	unsigned	 acc = 0, bits = 0;
	size_t		 i, o = 0, n = 0;

	seal_init();
	randombytes_buf(rnd, sizeof(rnd));
	for (i = 0; i < sizeof(rnd); i++) {
		acc = (acc << 8) | rnd[i];
		bits += 8;
		while (bits >= 5) {
			bits -= 5;
			if (n > 0 && n % 4 == 0)
				out[o++] = '-';
			out[o++] = seal_alphabet[(acc >> bits) & 31];
			acc &= (1u << bits) - 1;
			n++;
		}
	}
	out[o] = '\0';
	sodium_memzero(rnd, sizeof(rnd));
}

dm_status
seal_code_normalize(const char *in, char out[SEAL_CODE_LEN + 1])
{
	size_t	 n = 0;
	int	 c;

	if (in == NULL)
		goto bad;
	for (; *in != '\0'; in++) {
		c = (unsigned char)*in;
		if (c == ' ' || c == '\t' || c == '-')
			continue;
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (c == 0 || strchr(seal_alphabet, c) == NULL ||
		    n == SEAL_CODE_LEN)
			goto bad;
		out[n++] = (char)c;
	}
	if (n != SEAL_CODE_LEN)
		goto bad;
	out[n] = '\0';
	return DM_OK;
bad:
	out[0] = '\0';
	return DM_EINPUT;
}

void
seal_pub_base64(const struct seal_key *key, char out[SEAL_PUB_BASE64_SIZE])
{
	sodium_bin2base64(out, SEAL_PUB_BASE64_SIZE, key->pk, sizeof(key->pk),
	    sodium_base64_VARIANT_ORIGINAL);
}

void
seal_key_wipe(struct seal_key *key)
{
	sodium_memzero(key, sizeof(*key));
}
