/*
 * keyadmin.c - what dimosctl does with the seal keys.
 * Runs outside any web request, on the admin database connection.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "keyadmin.h"
#include "localtime.h"
#include "log.h"
#include "pades.h"

static void
ka_print_cert(FILE *out, const unsigned char *der, size_t len)
{
	struct pades_cert_info	 ci;
	char			 a[16], b[16], hex[65];

	if (der == NULL || pades_cert_info(der, len, &ci) != DM_OK) {
		fprintf(out, "certificate none (no PDF signature)\n");
		return;
	}
	lt_local_day(ci.not_before, a);
	lt_local_day(ci.not_after, b);
	seal_hex(ci.sha256, sizeof(ci.sha256), hex);
	fprintf(out, "certificate %s\nissuer %s\nserial %s\nvalid %s to %s "
	    "(%s)\nsha256 %s\n", ci.subject, ci.issuer, ci.serial, a, b,
	    lt_zone(), hex);
}

/* Prints the current generation; records it when db is given. */
static dm_status
ka_current(struct db *db, const struct config *cfg, FILE *out)
{
	struct keystore_gen	 g;
	const unsigned char	*der = NULL;
	char			 pub[SEAL_PUB_BASE64_SIZE];
	size_t			 len = 0;
	dm_status		 st;

	if ((st = keystore_load(cfg->doc_key_dir, &g)) != DM_OK)
		return st;
	seal_pub_base64(&g.ed, pub);
	fprintf(out, "key %s\npublic %s\n", g.id, pub);
	if (g.pades != NULL)
		der = pades_cert_der(g.pades, &len);
	ka_print_cert(out, der, len);
	if (db != NULL && (st = keystore_register(db, &g)) != DM_OK)
		fprintf(stderr, "dimosctl: could not record key %s in the "
		    "database (see above)\n", g.id);
	keystore_free(&g);
	return st;
}

/* keystore_check, its refusal printed for the operator. */
static dm_status
ka_same(struct db *db, const struct keystore_gen *g)
{
	char		 err[512];
	dm_status	 st;

	if ((st = keystore_check(db, g, err, sizeof(err))) == DM_ECONFLICT)
		fprintf(stderr, "dimosctl: %s\n", err);
	return st;
}

static const char *
ka_dir(const struct config *cfg)
{
	if (cfg->doc_key_dir == NULL)
		fprintf(stderr, "dimosctl: [documents] key_dir is not set in "
		    "%s\n", cfg->path);
	return cfg->doc_key_dir;
}

dm_status
keyadmin_init(struct db *db, const struct config *cfg,
    const struct keystore_new *n, FILE *out)
{
	char		 id[KEYSTORE_ID_SIZE];
	dm_status	 st;

	if (ka_dir(cfg) == NULL)
		return DM_EINPUT;
	/* One seal for the whole cluster: a second node copies the first
	 * one's folder instead of making a key of its own. */
	if (db != NULL && (st = ka_same(db, NULL)) != DM_OK)
		return st;
	if ((st = keystore_init(cfg->doc_key_dir, n, id)) != DM_OK)
		return st;
	if (db == NULL)
		fprintf(stderr, "dimosctl: the database is not reachable; the "
		    "key is recorded when it first seals\n");
	return ka_current(db, cfg, out);
}

dm_status
keyadmin_rotate(struct db *db, const struct config *cfg,
    const struct keystore_new *n, FILE *out)
{
	struct keystore_gen	 old;
	char			 was[KEYSTORE_ID_SIZE], id[KEYSTORE_ID_SIZE];
	dm_status		 st;

	if (ka_dir(cfg) == NULL)
		return DM_EINPUT;
	/* The old public key and certificate go on record before its
	 * secret is removed: documents it sealed must stay verifiable. */
	st = keystore_load(cfg->doc_key_dir, &old);
	if (st == DM_OK) {
		/* Only the generation that seals is rotated: a node whose
		 * folder was not copied after the last rotation would leave
		 * two keys sealing. */
		if ((st = ka_same(db, &old)) == DM_OK)
			st = keystore_register(db, &old);
		keystore_free(&old);
		if (st != DM_OK) {
			fprintf(stderr, "dimosctl: cannot record the current "
			    "key in the database; nothing changed\n");
			return st;
		}
	} else if (st != DM_ENOTFOUND)
		return st;
	if ((st = keystore_rotate(cfg->doc_key_dir, n, was, id)) != DM_OK)
		return st;
	if (was[0] != '\0' && (st = keystore_retire(db, was)) != DM_OK)
		fprintf(stderr, "dimosctl: key %s could not be marked retired; "
		    "run this command again\n", was);
	if (was[0] != '\0')
		fprintf(out, "retired %s\n", was);
	if ((st = ka_current(db, cfg, out)) != DM_OK)
		return st;
	fprintf(out, "Copy %s to every other node, then reload dimosd on "
	    "every node (systemctl reload dimosd@NAME) so that its workers "
	    "seal with key %s: a node with another key refuses to start and "
	    "to seal.\n", cfg->doc_key_dir, id);
	return DM_OK;
}

dm_status
keyadmin_show(struct db *db, const struct config *cfg, FILE *out)
{
	if (ka_dir(cfg) == NULL)
		return DM_EINPUT;
	return ka_current(db, cfg, out);
}

static void
ka_row(void *arg, const struct keystore_pub *p)
{
	FILE			*out = arg;
	struct pades_cert_info	 ci;
	char			 a[16] = "-", b[16] = "-";
	char			 from[17], until[17];

	memset(&ci, 0, sizeof(ci));
	if (p->cert != NULL &&
	    pades_cert_info(p->cert, p->certlen, &ci) == DM_OK) {
		lt_local_day(ci.not_before, a);
		lt_local_day(ci.not_after, b);
	}
	if (lt_local(p->activated, from) != 0)
		snprintf(from, sizeof(from), "-");
	if (!p->retired[0] || lt_local(p->retired, until) != 0)
		snprintf(until, sizeof(until), "%s", p->retired[0] ? "-" :
		    "(current)");
	fprintf(out, "%-16s  %-16s  %-16s  %-10s  %-10s  %s\n", p->id, from,
	    until, a, b, p->cert != NULL ? ci.subject : "(no certificate)");
}

dm_status
keyadmin_list(struct db *db, FILE *out)
{
	/* Times and days are the municipality's, as its staff read them. */
	fprintf(out, "times: %s\n", lt_zone());
	fprintf(out, "%-16s  %-16s  %-16s  %-10s  %-10s  %s\n", "KEY",
	    "SEALED FROM", "UNTIL", "CERT FROM", "CERT UNTIL", "CERTIFICATE");
	return keystore_list(db, ka_row, out);
}
