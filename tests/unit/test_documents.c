/*
 * test_documents.c - issued documents against the stack's real MariaDB
 * and seal key: what is recorded with a document (the SHA-256 of its
 * exact bytes, an Ed25519 signature that verifies with the published key,
 * the key's id, the code, the holder's initials only), lookups by id,
 * department, code (any spelling a person types) and content, the holder's
 * copy (nobody else's), revocation (once, told to the holder and on the
 * request), and the automatic path that issues, delivers and completes in
 * one transaction.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "documents.h"
#include "fixture.h"
#include "issuing.h"
#include "plugins.h"
#include "requests.h"
#include "seal.h"

#define SERVICE		"general-complaint"	/* a confidential one */

static int serial;

/* Bytes of a document of this run, different each time. */
static const char *
content(size_t *len)
{
	const char *s = arena_printf(&fx.arena, "%%PDF-1.7\n%% unit %s %d\n"
	    "%%%%EOF\n", fx.tag, ++serial);

	*len = strlen(s);
	return s;
}

struct issued_doc {
	long long	 id;
	long long	 holder;
	long long	 request;
	char		 code[SEAL_CODE_SIZE];
	char		 bytes[128];
	size_t		 len;
};

/* A document of a submitted request of a new holder, recorded as a clerk
 * would have it recorded. */
static void
issue(struct issued_doc *d, long long clerk)
{
	struct dm_req *req;
	struct document_new n;
	const char *data;

	memset(d, 0, sizeof(*d));
	d->holder = fixture_person(NULL);
	d->request = fixture_request(d->holder, SERVICE, "in_progress");
	fixture_exec("UPDATE requests SET protocol_no = %d, protocol_year = "
	    "2999 WHERE id = %lld", 100000 + serial, d->request);
	req = fixture_req(clerk);
	data = content(&d->len);
	memcpy(d->bytes, data, d->len);
	documents_code(d->code);
	memset(&n, 0, sizeof(n));
	n.request_id = d->request;
	n.account_id = d->holder;
	n.issued_by = clerk;
	n.sv = services_find(SERVICE);
	n.kind = "document";
	n.title = "Απάντηση σε καταγγελία";
	n.holder = "Γεώργιος Παπαδόπουλος-Νικολάου";
	n.protocol = "100/2999";
	n.code = d->code;
	assert_int_equal(documents_record(req, &n, d->bytes, d->len, &d->id),
	    DM_OK);
	assert_true(d->id > 0);
}

/* Both seals agree with the record, checked with the generation it
 * names. */
static int
seal_ok(const struct document *d)
{
	struct document_seal s;

	return documents_check(fixture_req(0), d, &s) == DM_OK && s.ok;
}

static void
test_record(void **state)
{
	long long clerk = fixture_person(NULL);
	struct issued_doc d;
	unsigned char sha[crypto_hash_sha256_BYTES];
	unsigned char pk[SEAL_PUBLICKEY_BYTES], sig[SEAL_SIGNATURE_BYTES];
	char hexsha[2 * sizeof(sha) + 1], norm[SEAL_CODE_LEN + 1];
	char text[256];
	size_t pklen = 0;
	struct document doc;

	(void)state;
	assert_true(documents_can_seal());
	issue(&d, clerk);
	/* The exact bytes, once, under their SHA-256. */
	crypto_hash_sha256(sha, (const unsigned char *)d.bytes, d.len);
	seal_hex(sha, sizeof(sha), hexsha);
	fixture_text(text, sizeof(text), "SELECT LOWER(HEX(sha256)) FROM "
	    "documents WHERE id = %lld", d.id);
	assert_string_equal(text, hexsha);
	assert_int_equal(fixture_int("SELECT size FROM blobs WHERE sha256 = "
	    "UNHEX('%s')", hexsha), (long long)d.len);
	/* What a counterparty may see, nothing more: the initials. */
	fixture_text(text, sizeof(text), "SELECT CONCAT(holder_initials, '|', "
	    "kind, '|', status, '|', protocol, '|', department, '|', "
	    "confidential, '|', issued_by) FROM documents WHERE id = %lld",
	    d.id);
	assert_string_equal(text, arena_printf(&fx.arena, "Γ. Π. Ν.|document|"
	    "valid|100/2999|general|1|%lld", clerk));
	/* The code as stored: the 16 characters. */
	assert_int_equal(seal_code_normalize(d.code, norm), DM_OK);
	fixture_text(text, sizeof(text), "SELECT code FROM documents WHERE "
	    "id = %lld", d.id);
	assert_string_equal(text, norm);
	/* The signature verifies with the published key, and its id is the
	 * key's. */
	assert_int_equal(sodium_base642bin(pk, sizeof(pk),
	    documents_key_public(), strlen(documents_key_public()), NULL,
	    &pklen, NULL, sodium_base64_VARIANT_ORIGINAL), 0);
	assert_int_equal(pklen, sizeof(pk));
	assert_int_equal(documents_get(fixture_req(0), d.id, NULL, &doc),
	    DM_OK);
	assert_memory_equal(doc.sha256, sha, sizeof(sha));
	memcpy(sig, doc.signature, sizeof(sig));
	assert_int_equal(seal_verify(pk, sha, sig), 1);
	assert_string_equal(doc.key_id, documents_key_id());
	assert_true(seal_ok(&doc));
	/* A record that no longer matches is not the seal's. */
	doc.signature[0] ^= 1;
	assert_false(seal_ok(&doc));
	doc.signature[0] ^= 1;
	doc.key_id = "0000000000000000";
	assert_false(seal_ok(&doc));
}

static void
test_lookups(void **state)
{
	long long clerk = fixture_person(NULL);
	struct issued_doc a, b;
	struct document d, *v;
	struct dm_req *req;
	char messy[64];
	size_t n, len;
	const char *other;

	(void)state;
	issue(&a, clerk);
	issue(&b, clerk);
	req = fixture_req(0);
	assert_int_equal(documents_get(req, a.id, "general", &d), DM_OK);
	assert_int_equal(d.id, a.id);
	assert_int_equal(d.account_id, a.holder);
	assert_int_equal(d.request_id, a.request);
	assert_string_equal(d.title, "Απάντηση σε καταγγελία");
	/* Another department's document is not found. */
	assert_int_equal(documents_get(req, a.id, "civil_registry", &d),
	    DM_ENOTFOUND);
	/* By code, as a person types it: lower case, spaces, O for 0. */
	snprintf(messy, sizeof(messy), " %s ", a.code);
	for (char *p = messy; *p; p++) {
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
		if (*p == '-')
			*p = ' ';
		if (*p == '0')
			*p = 'o';
	}
	assert_int_equal(documents_by_code(req, messy, &d), DM_OK);
	assert_int_equal(d.id, a.id);
	assert_string_equal(documents_code_dashed(req, d.code), a.code);
	assert_int_equal(documents_by_code(req, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", &d),
	    DM_ENOTFOUND);
	assert_int_equal(documents_by_code(req, "not a code", &d),
	    DM_ENOTFOUND);
	assert_int_equal(documents_by_code(req, NULL, &d), DM_ENOTFOUND);
	/* By content: byte for byte, or not at all. */
	assert_int_equal(documents_by_content(req, b.bytes, b.len, &d), DM_OK);
	assert_int_equal(d.id, b.id);
	other = content(&len);
	assert_int_equal(documents_by_content(req, other, len, &d),
	    DM_ENOTFOUND);
	/* A request's documents, oldest first. */
	assert_int_equal(documents_of_request(req, a.request, &v, &n), DM_OK);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, a.id);
}

/* The holder's copy: theirs only, and the download is on record. */
static void
test_fetch(void **state)
{
	long long clerk = fixture_person(NULL), stranger = fixture_person(NULL);
	struct issued_doc a;
	struct document_file f;
	const char *data;
	size_t len;
	char norm[SEAL_CODE_LEN + 1];

	(void)state;
	issue(&a, clerk);
	assert_int_equal(documents_fetch(fixture_req(stranger), a.id, stranger,
	    &data, &len, &f), DM_ENOTFOUND);
	assert_int_equal(documents_fetch(fixture_req(a.holder), a.id, a.holder,
	    &data, &len, &f), DM_OK);
	assert_int_equal(len, a.len);
	assert_memory_equal(data, a.bytes, len);
	assert_int_equal(seal_code_normalize(a.code, norm), DM_OK);
	assert_string_equal(f.code, norm);
	assert_string_equal(f.title, "Απάντηση σε καταγγελία");
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM audit_log WHERE "
	    "event = 'document_downloaded' AND account_id = %lld AND detail = "
	    "'%s'", a.holder, norm), 1);
}

static void
test_revoke(void **state)
{
	long long clerk = fixture_person(NULL);
	struct issued_doc a;
	struct document d;
	struct dm_req *req;
	char text[64];

	(void)state;
	issue(&a, clerk);
	fixture_exec("UPDATE requests SET status = 'completed' WHERE id = "
	    "%lld", a.request);
	req = fixture_req(clerk);
	assert_int_equal(documents_get(req, a.id, NULL, &d), DM_OK);
	assert_int_equal(documents_revoke(req, &d, "Λάθος στο όνομα"), DM_OK);
	fixture_text(text, sizeof(text), "SELECT CONCAT(status, '|', "
	    "revoke_reason, '|', revoked_by, '|', revoked_at IS NOT NULL) FROM "
	    "documents WHERE id = %lld", a.id);
	assert_string_equal(text, arena_printf(req->arena, "revoked|Λάθος "
	    "στο όνομα|%lld|1", clerk));
	/* The holder is told, on the request and in the mailbox. */
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM request_events "
	    "WHERE request_id = %lld AND kind = 'document_revoked' AND "
	    "visibility = 'public' AND body LIKE '%%Λάθος στο όνομα%%'",
	    a.request), 1);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM mailbox_items "
	    "WHERE account_id = %lld AND kind = 'message' AND body LIKE "
	    "'%%%s%%'", a.holder, a.code), 1);
	/* Once: a second revocation changes nothing. */
	assert_int_equal(documents_revoke(fixture_req(clerk), &d, "Πάλι"),
	    DM_ECONFLICT);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM request_events "
	    "WHERE request_id = %lld", a.request), 1);
	/* Still found, now as revoked, with its seal intact. */
	assert_int_equal(documents_by_code(fixture_req(0), a.code, &d), DM_OK);
	assert_string_equal(d.status, "revoked");
	assert_string_equal(d.reason, "Λάθος στο όνομα");
	assert_true(seal_ok(&d));
}

/* A service's closures (thousands) and automatic certificates (ones) in
 * summary table %s. */
#define STATS_SQL	"SELECT COALESCE(SUM(completed * 1000 + cert_auto), " \
	"0) FROM %s WHERE service = '" SERVICE "'"

/* The automatic path, on a just-submitted request: the certificate
 * recorded, the request completed, the document linked to that event and
 * delivered, all or nothing. */
static void
test_issue_auto(void **state)
{
	long long holder = fixture_person(NULL);
	long long id = fixture_request(holder, SERVICE, "submitted");
	const struct service *sv = services_find(SERVICE);
	struct dm_cert_row row = { "Ονοματεπώνυμο", "Γεώργιος Παπαδόπουλος" };
	struct dm_certificate cert;
	struct dm_req *req;
	struct request r;
	char code[SEAL_CODE_SIZE];
	struct issued c;
	size_t len;
	const char *pdf;
	long long doc, event, before_day, before_month;
	char text[64];

	(void)state;
	memset(&cert, 0, sizeof(cert));
	cert.title = "Πιστοποιητικό";
	cert.holder = "Γεώργιος Παπαδόπουλος";
	cert.rows = &row;
	cert.nrows = 1;
	req = fixture_req(holder);
	assert_int_equal(request_load(req, id, holder, NULL, &r), DM_OK);
	documents_code(code);
	pdf = content(&len);
	c.cert = &cert;
	c.code = code;
	c.pdf = pdf;
	c.len = len;
	before_day = fixture_int(STATS_SQL, "stats_day");
	before_month = fixture_int(STATS_SQL, "stats_month");
	/* At submission (announce 0): the receipt is the citizen's mail. */
	assert_int_equal(issuing_auto(req, sv, &r, &c, 0), DM_OK);
	fixture_text(text, sizeof(text), "SELECT status FROM requests WHERE "
	    "id = %lld", id);
	assert_string_equal(text, "completed");
	/* The dashboard counts one closure and one automatic certificate,
	 * by day and by month (one write of each row). */
	assert_int_equal(fixture_int(STATS_SQL, "stats_day"), before_day +
	    1001);
	assert_int_equal(fixture_int(STATS_SQL, "stats_month"), before_month +
	    1001);
	doc = fixture_int("SELECT id FROM documents WHERE request_id = %lld",
	    id);
	event = fixture_int("SELECT id FROM request_events WHERE request_id = "
	    "%lld AND to_status = 'completed'", id);
	assert_int_equal(fixture_int("SELECT event_id FROM documents WHERE id "
	    "= %lld", doc), event);
	assert_int_equal(fixture_int("SELECT issued_by IS NULL FROM documents "
	    "WHERE id = %lld", doc), 1);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM mailbox_items "
	    "WHERE account_id = %lld AND kind = 'document' AND document_id = "
	    "%lld", holder, doc), 1);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM outbox WHERE "
	    "account_id = %lld AND kind = 'mailbox'", holder), 0);
	/* Again on the same (now completed) request: the move is refused
	 * and nothing of it stays, not even the document. */
	documents_code(code);
	pdf = content(&len);
	c.pdf = pdf;
	c.len = len;
	assert_int_not_equal(issuing_auto(fixture_req(holder), sv, &r, &c,
	    0), DM_OK);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM documents WHERE "
	    "request_id = %lld", id), 1);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM mailbox_items "
	    "WHERE account_id = %lld", holder), 1);
	/* Issued later (its fee paid, announce 1): the mailbox's notice. */
	id = fixture_request(holder, SERVICE, "submitted");
	req = fixture_req(holder);
	assert_int_equal(request_load(req, id, holder, NULL, &r), DM_OK);
	documents_code(code);
	pdf = content(&len);
	c.pdf = pdf;
	c.len = len;
	assert_int_equal(issuing_auto(req, sv, &r, &c, 1), DM_OK);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM mailbox_items "
	    "WHERE account_id = %lld", holder), 2);
	assert_int_equal(fixture_int("SELECT COUNT(*) FROM outbox WHERE "
	    "account_id = %lld AND kind = 'mailbox'", holder), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_record),
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_fetch),
		cmocka_unit_test(test_revoke),
		cmocka_unit_test(test_issue_auto),
	};

	return cmocka_run_group_tests(tests, fixture_setup, fixture_teardown);
}
