/*
 * test_mime.c - unit tests of mail composition: what mime.c writes is
 * decoded back (tests/common/mime_decode.c, written from the RFCs) and
 * compared with the text, and the line rules are checked.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mime.h"
#include "mime_decode.h"
#include "validate.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The shared decoders (tests/common/mime_decode.c); bad output fails. */

static void
check_lines(const char *s, size_t n, size_t max)
{
	assert_int_equal(md_check_lines(s, n, max), 0);
}

static void
decode_words(const char *s, char *out)
{
	assert_int_equal(md_decode_words(s, out), 0);
}

static void
qp_decode(const char *s, size_t n, char *out)
{
	size_t len;

	assert_int_equal(md_qp_decode(s, n, out, &len), 0);
}

#define unfold	md_unfold

/* Writes "Subject: <value>" and returns the decoded value. */
static void
roundtrip_subject(const char *value, char *decoded)
{
	struct mime_buf b = { NULL, 0, 0 };
	char unf[8192];
	const char *colon;

	assert_int_equal(mime_header_text(&b, "Subject", value), DM_OK);
	check_lines(b.p, b.len, MIME_LINE_MAX);
	assert_true(b.len >= 2 && strcmp(b.p + b.len - 2, "\r\n") == 0);
	b.p[b.len - 2] = '\0';
	unfold(b.p, unf);
	assert_null(strchr(unf, '\r'));
	assert_memory_equal(unf, "Subject: ", 9);
	colon = unf + 9;
	decode_words(colon, decoded);
	mime_buf_free(&b);
}

/* -------------------------------------------------------------- tests */

static void
test_subject_greek(void **state)
{
	/* 1-, 2-, 3- and 4-byte characters, so every word boundary lands
	 * next to every kind of sequence at some length. */
	static const char *const pieces[] = { "Δ", "ή", "μ", "ο", "ς", " ",
	    "€", "a", "😀", "Ά", "—", "ϊ", "ΐ", "1" };
	char text[2048], decoded[4096];
	size_t len = 0;

	(void)state;
	for (size_t round = 0; round < 160; round++) {
		const char *pc = pieces[(round * 5) % NELEM(pieces)];

		memcpy(text + len, pc, strlen(pc));
		len += strlen(pc);
		text[len] = '\0';
		if (text[0] == ' ')
			continue;
		roundtrip_subject(text, decoded);
		assert_string_equal(decoded, text);
	}
	roundtrip_subject("Επιβεβαίωση διεύθυνσης e-mail — Δήμος Βισαλτίας",
	    decoded);
	assert_string_equal(decoded,
	    "Επιβεβαίωση διεύθυνσης e-mail — Δήμος Βισαλτίας");
}

static void
test_subject_ascii(void **state)
{
	struct mime_buf b = { NULL, 0, 0 };
	char decoded[4096], longw[200];
	static const char *const cases[] = {
		"Your request 2026/0042 was received",
		("A rather long English subject line that certainly needs to "
		"be folded somewhere because it goes on and on past the limit "
		"of seventy-eight characters"),
		"Contains =?UTF-8?B?Zm9v?= which must not be taken as a word",
		"trailing spaces   ",
		("double  spaces   inside  and a long tail to force folding of "
		"the line somewhere"),
	};

	(void)state;
	assert_int_equal(mime_header_text(&b, "Subject", cases[0]), DM_OK);
	assert_string_equal(b.p, "Subject: Your request 2026/0042 was "
	    "received\r\n");
	mime_buf_free(&b);
	for (size_t i = 0; i < NELEM(cases); i++) {
		roundtrip_subject(cases[i], decoded);
		assert_string_equal(decoded, cases[i]);
	}
	/* A folded plain header keeps its words as they were. */
	assert_int_equal(mime_header_text(&b, "Subject", cases[1]), DM_OK);
	assert_null(strstr(b.p, "=?"));
	assert_non_null(strstr(b.p, "\r\n "));
	mime_buf_free(&b);
	/* "=?" is encoded rather than left for a decoder to misread. */
	assert_int_equal(mime_header_text(&b, "Subject", cases[2]), DM_OK);
	assert_null(strstr(b.p, "Zm9v"));
	mime_buf_free(&b);
	/* A word that cannot be folded is encoded. */
	memset(longw, 'x', sizeof(longw) - 1);
	longw[sizeof(longw) - 1] = '\0';
	roundtrip_subject(longw, decoded);
	assert_string_equal(decoded, longw);
	/* Empty. */
	assert_int_equal(mime_header_text(&b, "Subject", ""), DM_OK);
	assert_string_equal(b.p, "Subject: \r\n");
	mime_buf_free(&b);
}

/* "To: ..." -> display name and address. */
static void
roundtrip_addr(const char *name, const char *addr, char *dname, char *daddr)
{
	struct mime_buf b = { NULL, 0, 0 };
	char unf[4096], dec[4096], *lt;

	assert_int_equal(mime_header_addr(&b, "To", name, addr), DM_OK);
	check_lines(b.p, b.len, MIME_LINE_MAX);
	b.p[b.len - 2] = '\0';
	unfold(b.p, unf);
	assert_memory_equal(unf, "To: ", 4);
	decode_words(unf + 4, dec);
	lt = strrchr(dec, '<');
	assert_non_null(lt);
	assert_int_equal(dec[strlen(dec) - 1], '>');
	dec[strlen(dec) - 1] = '\0';
	strcpy(daddr, lt + 1);
	while (lt > dec && lt[-1] == ' ')
		lt--;
	*lt = '\0';
	strcpy(dname, dec);
	mime_buf_free(&b);
}

static void
test_addresses(void **state)
{
	static const char *const names[] = {
		"Γιώργος Παπαδόπουλος", "John Smith", "Smith, John",
		("Ελένη \"Λένα\" Κωνσταντινοπούλου-Παπαγεωργοπούλου του "
		"Αλεξάνδρου"), "O'Brien", "Δ",
	};
	struct mime_buf b = { NULL, 0, 0 };
	char name[4096], addr[512], longaddr[300];

	(void)state;
	for (size_t i = 0; i < NELEM(names); i++) {
		roundtrip_addr(names[i], "citizen@example.gr", name, addr);
		assert_string_equal(name, names[i]);
		assert_string_equal(addr, "citizen@example.gr");
	}
	assert_int_equal(mime_header_addr(&b, "To", "John Smith",
	    "js@example.org"), DM_OK);
	assert_string_equal(b.p, "To: John Smith <js@example.org>\r\n");
	mime_buf_free(&b);
	assert_int_equal(mime_header_addr(&b, "To", NULL, "js@example.org"),
	    DM_OK);
	assert_string_equal(b.p, "To: <js@example.org>\r\n");
	mime_buf_free(&b);
	/* Specials in a name are never written bare. */
	assert_int_equal(mime_header_addr(&b, "To", "Smith, John",
	    "js@example.org"), DM_OK);
	assert_null(strstr(b.p, "Smith, John"));
	mime_buf_free(&b);
	/* A long address goes on a line of its own. */
	memset(longaddr, 'a', 60);
	strcpy(longaddr + 60, "@example.org");
	roundtrip_addr("Γιώργος Παπαδόπουλος", longaddr, name, addr);
	assert_string_equal(addr, longaddr);
	assert_string_equal(name, "Γιώργος Παπαδόπουλος");
	/* Without a name too (found by fuzz_mime: a 72-character address
	 * made a 78+ column line). */
	memset(longaddr, 'a', 62);
	strcpy(longaddr + 62, "@example.org");
	assert_int_equal(mime_header_addr(&b, "To", NULL, longaddr), DM_OK);
	check_lines(b.p, b.len, MIME_LINE_MAX);
	assert_string_equal(b.p, "To:\r\n <aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaa@example.org>\r\n");
	mime_buf_free(&b);
}

static void
test_header_injection(void **state)
{
	static const char *const bad[] = {
		"Hello\r\nBcc: victim@example.org", "Hello\nBcc: x@y.z",
		"Hello\r", "\n", "Γειά\r\nX: y",
	};
	struct mime_buf b = { NULL, 0, 0 };
	struct mime_msg m;
	char name[64], addr[64];

	(void)state;
	mime_buf_str(&b, "kept");
	for (size_t i = 0; i < NELEM(bad); i++) {
		assert_false(mime_header_safe(bad[i]));
		assert_int_equal(mime_header_text(&b, "Subject", bad[i]),
		    DM_EINPUT);
		assert_int_equal(mime_header_addr(&b, "To", bad[i],
		    "a@example.org"), DM_EINPUT);
		assert_string_equal(b.p, "kept");
	}
	assert_int_equal(mime_header_addr(&b, "To", "x",
	    "a@example.org\r\nBcc: b@example.org"), DM_EINPUT);
	assert_int_equal(mime_header_addr(&b, "To", "x", "a b@example.org"),
	    DM_EINPUT);
	assert_int_equal(mime_header_addr(&b, "To", "x", "<a@example.org>"),
	    DM_EINPUT);
	assert_int_equal(mime_header_text(&b, "Subject", "\xce"), DM_EINPUT);
	assert_string_equal(b.p, "kept");

	memset(&m, 0, sizeof(m));
	m.from_addr = "noreply@example.gr";
	m.to_addr = "a@example.org";
	m.subject = "Καλημέρα\r\nBcc: b@example.org";
	m.body = "text\n";
	m.message_id = "<abc@example.gr>";
	assert_int_equal(mime_compose(&b, &m), DM_EINPUT);
	m.subject = "ok";
	m.to_name = "Name\nBcc: b@example.org";
	assert_int_equal(mime_compose(&b, &m), DM_EINPUT);
	m.to_name = NULL;
	m.from_name = "Dimos\r\n";
	assert_int_equal(mime_compose(&b, &m), DM_EINPUT);
	m.from_name = NULL;
	m.message_id = "<abc@example.gr>\r\nBcc: b@example.org";
	assert_int_equal(mime_compose(&b, &m), DM_EINPUT);
	m.message_id = "<a b@example.gr>";
	assert_int_equal(mime_compose(&b, &m), DM_EINPUT);
	m.message_id = "<abc@example.gr>";
	m.lang = "el\r\n";
	assert_int_equal(mime_compose(&b, &m), DM_EINPUT);
	m.lang = NULL;
	m.body = "bad \xff byte";
	assert_int_equal(mime_compose(&b, &m), DM_EINPUT);
	assert_string_equal(b.p, "kept");	/* nothing appended */
	assert_int_equal(mime_split_mailbox("Dimos <a@b.gr>\r\nBcc: c@d.gr",
	    name, sizeof(name), addr, sizeof(addr)), DM_EINPUT);
	mime_buf_free(&b);
}

/* QP of text: lines valid, decodes back to text with LF line ends. */
static void
check_qp(const char *text, const char *expect)
{
	struct mime_buf b = { NULL, 0, 0 };
	char *dec;

	mime_qp(&b, text, strlen(text));
	check_lines(b.p, b.len, MIME_QP_MAX);
	for (size_t i = 0; i + 1 < b.len; i++) {
		/* No whitespace right before a hard line break. */
		if (b.p[i + 1] == '\r')
			assert_true(b.p[i] != ' ' && b.p[i] != '\t');
		/* A soft break never splits a UTF-8 sequence: the next
		 * line does not start with a continuation byte. */
		if (i >= 2 && b.p[i - 2] == '=' && b.p[i - 1] == '\r' &&
		    b.p[i] == '\n' && b.p[i + 1] == '=' && i + 3 < b.len) {
			/* 0x80-0xBF: a continuation byte. */
			assert_null(strchr("89AB", b.p[i + 2]));
		}
	}
	/* Only encoded or printable: '=' always starts an escape. */
	dec = malloc(b.len + 1);
	assert_non_null(dec);
	qp_decode(b.p, b.len, dec);
	assert_string_equal(dec, expect);
	free(dec);
	mime_buf_free(&b);
}

static void
test_qp(void **state)
{
	char longgr[4096], expect[4096], longas[400];
	size_t n = 0;

	(void)state;
	for (int i = 0; i < 40; i++) {
		const char *w = i % 5 == 4 ? "λέξη=τιμή " : "Καλημέρα σας ";

		memcpy(longgr + n, w, strlen(w));
		n += strlen(w);
	}
	memcpy(longgr + n, "τέλος\n", strlen("τέλος\n") + 1);
	check_qp(longgr, longgr);
	/* Trailing spaces and tabs survive; CRLF and LF both end lines;
	 * a text without a final newline gets one. */
	check_qp("a  \nb\t\r\nc \t \nδ ", "a  \nb\t\nc \t \nδ \n");
	check_qp("", "\n");
	check_qp("\n\n", "\n\n");
	check_qp("a lone \r in a line\n", "a lone \r in a line\n");
	check_qp("From the municipality\n.\n..dots\nFrom: x\n",
	    "From the municipality\n.\n..dots\nFrom: x\n");
	/* Exactly at the limit and one over, with '=' near the edge. */
	for (size_t len = 70; len < 160; len++) {
		memset(longas, 'a', len);
		longas[len - 3] = '=';
		longas[len] = '\n';
		longas[len + 1] = '\0';
		check_qp(longas, longas);
		longas[len - 1] = ' ';
		check_qp(longas, longas);
	}
	/* "From " at a line start is escaped for mbox tools. */
	{
		struct mime_buf b = { NULL, 0, 0 };

		mime_qp(&b, "From here\n", 10);
		assert_string_equal(b.p, "=46rom here\r\n");
		mime_buf_free(&b);
	}
	(void)expect;
}

static void
test_date(void **state)
{
	char d[MIME_DATE_SIZE];

	(void)state;
	mime_date(0, d);
	assert_string_equal(d, "Thu, 01 Jan 1970 00:00:00 +0000");
	mime_date(1772532000, d);
	assert_string_equal(d, "Tue, 03 Mar 2026 10:00:00 +0000");
	mime_date(951868799, d);
	assert_string_equal(d, "Tue, 29 Feb 2000 23:59:59 +0000");
}

static void
test_split_mailbox(void **state)
{
	char name[128], addr[128], tiny[4];

	(void)state;
	assert_int_equal(mime_split_mailbox("Δήμος Βισαλτίας "
	    "<noreply@visaltia.gr>", name, sizeof(name), addr,
	    sizeof(addr)), DM_OK);
	assert_string_equal(name, "Δήμος Βισαλτίας");
	assert_string_equal(addr, "noreply@visaltia.gr");
	assert_int_equal(mime_split_mailbox(" noreply@localhost ", name,
	    sizeof(name), addr, sizeof(addr)), DM_OK);
	assert_string_equal(name, "");
	assert_string_equal(addr, "noreply@localhost");
	assert_int_equal(mime_split_mailbox("\"Dimos, Town Hall\" <a@b.gr>",
	    name, sizeof(name), addr, sizeof(addr)), DM_OK);
	assert_string_equal(name, "Dimos, Town Hall");
	assert_string_equal(addr, "a@b.gr");
	assert_int_equal(mime_split_mailbox("Name <>", name, sizeof(name),
	    addr, sizeof(addr)), DM_EINPUT);
	assert_int_equal(mime_split_mailbox("Name <a b@c.gr>", name,
	    sizeof(name), addr, sizeof(addr)), DM_EINPUT);
	assert_int_equal(mime_split_mailbox("no-at-sign", name, sizeof(name),
	    addr, sizeof(addr)), DM_EINPUT);
	assert_int_equal(mime_split_mailbox("Name a@b.gr>", name,
	    sizeof(name), addr, sizeof(addr)), DM_EINPUT);
	assert_int_equal(mime_split_mailbox("Long name <a@b.gr>", tiny,
	    sizeof(tiny), addr, sizeof(addr)), DM_ELIMIT);
	assert_true(mime_addr_ok("noreply@localhost"));
	assert_false(mime_addr_ok("@b.gr"));
	assert_false(mime_addr_ok("a@"));
	assert_false(mime_addr_ok("a@b@c"));
	assert_false(mime_addr_ok("α@b.gr"));
}

/* Finds header name (at a line start) in the unfolded header block. */
static const char *
header(const char *unf, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = unf; p != NULL && *p != '\0';
	    p = strstr(p, "\r\n") ? strstr(p, "\r\n") + 2 : NULL) {
		if (strncmp(p, name, n) == 0 && p[n] == ':' && p[n + 1] == ' ')
			return p + n + 2;
	}
	return NULL;
}

static void
header_value(const char *unf, const char *name, char *out)
{
	const char *v = header(unf, name);
	const char *e;

	assert_non_null(v);
	e = strstr(v, "\r\n");
	assert_non_null(e);
	memcpy(out, v, (size_t)(e - v));
	out[e - v] = '\0';
}

static void
test_compose(void **state)
{
	static const char body[] =
	    "Αγαπητέ πολίτη,\n"
	    "\n"
	    "Η αίτησή σας με αριθμό 2026/0042 παραλήφθηκε και θα διεκπεραιωθεί "
	    "από το Τμήμα Δημοτικής Κατάστασης εντός πέντε εργάσιμων ημερών. \n"
	    ".\n"
	    "Dear citizen, your request was received.\n";
	struct mime_buf b = { NULL, 0, 0 };
	struct mime_msg m;
	char *hdr, *unf, *sep, v[4096], dec[4096];
	const char *order[] = { "Date", "From", "To", "Subject", "Message-ID",
	    "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
	    "Content-Language", "Auto-Submitted" };
	const char *prev = NULL;
	size_t hlen;

	(void)state;
	memset(&m, 0, sizeof(m));
	m.from_name = "Δήμος Βισαλτίας";
	m.from_addr = "noreply@visaltia.gr";
	m.to_name = "Γιώργος Παπαδόπουλος";
	m.to_addr = "citizen@example.gr";
	m.subject = "Παραλαβή αίτησης 2026/0042 — Τμήμα Δημοτικής "
	    "Κατάστασης, Δήμος Βισαλτίας";
	m.body = body;
	m.message_id = "<0123456789abcdef@visaltia.gr>";
	m.lang = "el";
	m.date = 1772532000;
	assert_int_equal(mime_compose(&b, &m), DM_OK);
	check_lines(b.p, b.len, MIME_LINE_MAX);
	sep = strstr(b.p, "\r\n\r\n");
	assert_non_null(sep);
	hlen = (size_t)(sep - b.p) + 2;
	hdr = strndup(b.p, hlen);
	unf = malloc(hlen + 1);
	assert_non_null(hdr);
	assert_non_null(unf);
	unfold(hdr, unf);
	for (size_t i = 0; i < NELEM(order); i++) {
		const char *h = header(unf, order[i]);

		if (h == NULL)
			fail_msg("no %s header", order[i]);
		assert_true(prev == NULL || h > prev);
		prev = h;
	}
	header_value(unf, "Date", v);
	assert_string_equal(v, "Tue, 03 Mar 2026 10:00:00 +0000");
	header_value(unf, "Subject", v);
	decode_words(v, dec);
	assert_string_equal(dec, m.subject);
	header_value(unf, "From", v);
	decode_words(v, dec);
	assert_string_equal(dec, "Δήμος Βισαλτίας <noreply@visaltia.gr>");
	header_value(unf, "To", v);
	decode_words(v, dec);
	assert_string_equal(dec, "Γιώργος Παπαδόπουλος <citizen@example.gr>");
	header_value(unf, "Message-ID", v);
	assert_string_equal(v, m.message_id);
	header_value(unf, "MIME-Version", v);
	assert_string_equal(v, "1.0");
	header_value(unf, "Content-Type", v);
	assert_string_equal(v, "text/plain; charset=UTF-8");
	header_value(unf, "Content-Transfer-Encoding", v);
	assert_string_equal(v, "quoted-printable");
	header_value(unf, "Content-Language", v);
	assert_string_equal(v, "el");
	header_value(unf, "Auto-Submitted", v);
	assert_string_equal(v, "auto-generated");
	/* The body decodes back to the text; its lines obey QP's limit. */
	check_lines(sep + 4, b.len - hlen - 2, MIME_QP_MAX);
	qp_decode(sep + 4, b.len - hlen - 2, dec);
	assert_string_equal(dec, body);
	/* Without names or language. */
	mime_buf_free(&b);
	m.from_name = NULL;
	m.to_name = "";
	m.lang = NULL;
	assert_int_equal(mime_compose(&b, &m), DM_OK);
	assert_non_null(strstr(b.p, "\r\nFrom: <noreply@visaltia.gr>\r\n"));
	assert_non_null(strstr(b.p, "\r\nTo: <citizen@example.gr>\r\n"));
	assert_null(strstr(b.p, "Content-Language"));
	free(hdr);
	free(unf);
	mime_buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_subject_greek),
		cmocka_unit_test(test_subject_ascii),
		cmocka_unit_test(test_addresses),
		cmocka_unit_test(test_header_injection),
		cmocka_unit_test(test_qp),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_split_mailbox),
		cmocka_unit_test(test_compose),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
