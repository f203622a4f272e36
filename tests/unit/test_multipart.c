/*
 * test_multipart.c - unit tests of the streaming multipart/form-data parser.
 * Owns: split-invariance checks (whole, byte by byte, random and all 2-way
 * splits) of every body, and the filename sanitizer's cases.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "multipart.h"

#define BODY(s)		(s), (sizeof(s) - 1)
#define CT		"multipart/form-data; boundary=XyZ"

/* What the callbacks saw, as one text; body bytes appear verbatim. */
struct rec {
	char		*log;
	size_t		 len, cap;
	dm_status	 fail_begin;	/* returned by part_begin */
	dm_status	 fail_data;	/* returned by part_data */
	dm_status	 fail_end;	/* returned by part_end */
	int		 open;		/* between begin and end */
};

static void
rec_add(struct rec *r, const char *s, size_t n)
{
	if (r->len + n + 1 > r->cap) {
		r->cap = (r->len + n + 1) * 2;
		r->log = realloc(r->log, r->cap);
		assert_non_null(r->log);
	}
	memcpy(r->log + r->len, s, n);
	r->len += n;
	r->log[r->len] = '\0';
}

static void
rec_str(struct rec *r, const char *s)
{
	rec_add(r, s, strlen(s));
}

static dm_status
rec_begin(void *arg, const struct mp_part *part)
{
	struct rec	*r = arg;

	assert_false(r->open);
	assert_non_null(part->name);
	if (r->fail_begin != DM_OK)
		return r->fail_begin;
	r->open = 1;
	rec_str(r, "[");
	rec_str(r, part->name);
	rec_str(r, "|");
	rec_str(r, part->filename != NULL ? part->filename : "-");
	rec_str(r, "|");
	rec_str(r, part->content_type != NULL ? part->content_type : "-");
	rec_str(r, "]");
	return DM_OK;
}

static dm_status
rec_data(void *arg, const struct mp_part *part, const char *data, size_t len)
{
	struct rec	*r = arg;

	assert_true(r->open);
	assert_non_null(part->name);
	assert_true(len > 0);
	if (r->fail_data != DM_OK)
		return r->fail_data;
	rec_add(r, data, len);
	return DM_OK;
}

static dm_status
rec_end(void *arg, const struct mp_part *part)
{
	struct rec	*r = arg;

	assert_true(r->open);
	assert_non_null(part->name);
	r->open = 0;
	if (r->fail_end != DM_OK)
		return r->fail_end;
	rec_str(r, "[/]");
	return DM_OK;
}

static const struct mp_callbacks rec_cb = { rec_begin, rec_data, rec_end };

/* How a run splits the body into feeds. */
enum split {
	SPLIT_WHOLE,
	SPLIT_BYTES,
	SPLIT_RANDOM,	/* sizes from a seeded generator */
	SPLIT_AT,	/* two feeds, split at seed */
};

static unsigned
rnd(unsigned *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 16;
}

/* The status of the first failing feed, else of mp_finish. */
static dm_status
run(const char *ct, const struct mp_limits *lim, const char *body,
    size_t len, enum split how, unsigned seed, struct rec *r)
{
	struct mp_parser	*p;
	dm_status		 st = DM_OK, st2;
	size_t			 off = 0, n;
	unsigned		 state = seed;

	assert_int_equal(mp_new(ct, lim, &rec_cb, r, &p), DM_OK);
	while (off < len || (off == 0 && len == 0)) {
		switch (how) {
		case SPLIT_WHOLE:
			n = len;
			break;
		case SPLIT_BYTES:
			n = 1;
			break;
		case SPLIT_RANDOM:
			/* Mostly small, sometimes large feeds. */
			n = rnd(&state) % 8 == 0 ? rnd(&state) % 9000 :
			    1 + rnd(&state) % 23;
			break;
		default:
			n = off < seed ? seed - off : len - off;
			break;
		}
		if (n > len - off)
			n = len - off;
		st = mp_feed(p, body + off, n);
		off += n;
		if (st != DM_OK || len == 0)
			break;
	}
	if (st == DM_OK)
		st = mp_finish(p);
	/* An error is sticky. */
	if (st != DM_OK) {
		st2 = mp_feed(p, "x", 1);
		assert_int_equal(st2, st);
		assert_int_equal(mp_finish(p), st);
	}
	mp_free(p);
	return st;
}

/*
 * Parses body with every split strategy and checks that each gives the
 * status want and the callback log wantlog (wantlen bytes).
 */
static void
check_lim(const char *ct, const struct mp_limits *lim, const char *body,
    size_t len, dm_status want, const char *wantlog, size_t wantlen,
    const struct rec *proto)
{
	size_t		 i, runs = 0;
	unsigned	 seed;

	for (i = 0; i < 2 + 40 + (len <= 4096 ? len + 1 : 64); i++) {
		struct rec	r = { 0 };
		enum split	how;
		dm_status	st;

		if (proto != NULL) {
			r.fail_begin = proto->fail_begin;
			r.fail_data = proto->fail_data;
			r.fail_end = proto->fail_end;
		}
		if (i == 0) {
			how = SPLIT_WHOLE;
			seed = 0;
		} else if (i == 1) {
			how = SPLIT_BYTES;
			seed = 0;
		} else if (i < 42) {
			how = SPLIT_RANDOM;
			seed = (unsigned)i * 7919u;
		} else {
			how = SPLIT_AT;
			seed = len <= 4096 ? (unsigned)(i - 42) :
			    (unsigned)((i - 42) * (len / 64));
		}
		st = run(ct, lim, body, len, how, seed, &r);
		if (st != want || r.len != wantlen ||
		    memcmp(r.log != NULL ? r.log : "", wantlog, wantlen) != 0)
			print_error("split %d seed %u: status %d, log %zu "
			    "bytes \"%.*s\"\n", (int)how, seed, (int)st,
			    r.len, (int)(r.len < 400 ? r.len : 400),
			    r.log != NULL ? r.log : "");
		assert_int_equal(st, want);
		assert_int_equal(r.len, wantlen);
		assert_memory_equal(r.log != NULL ? r.log : "", wantlog,
		    wantlen);
		free(r.log);
		runs++;
	}
	assert_true(runs > 40);
}

static void
check(const char *body, size_t len, dm_status want, const char *wantlog)
{
	check_lim(CT, NULL, body, len, want, wantlog, strlen(wantlog), NULL);
}

static void
test_fields_and_files(void **state)
{
	(void)state;
	check(BODY(
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"subject\"\r\n"
	    "\r\n"
	    "Broken street light\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"photo\"; "
	    "filename=\"lamp.jpg\"\r\n"
	    "Content-Type: image/jpeg\r\n"
	    "\r\n"
	    "\xff\xd8\xff\xe0JFIF\r\n\r\n\xff\xd9\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"doc\"; "
	    "filename=\"plan.pdf\"\r\n"
	    "Content-Type: application/pdf\r\n"
	    "\r\n"
	    "%PDF-1.7\n%%EOF\n\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"empty\"\r\n"
	    "\r\n"
	    "\r\n"
	    "--XyZ--\r\n"),
	    DM_OK,
	    "[subject|-|-]Broken street light[/]"
	    "[photo|lamp.jpg|image/jpeg]\xff\xd8\xff\xe0JFIF\r\n\r\n\xff\xd9[/]"
	    "[doc|plan.pdf|application/pdf]%PDF-1.7\n%%EOF\n[/]"
	    "[empty|-|-][/]");
}

static void
test_boundary_lookalikes(void **state)
{
	/* Body bytes that start like the delimiter but are not one. */
	static const char body[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"f\"; filename=\"b.bin\"\r\n"
	    "\r\n"
	    "\r\n--XyY\r\n--Xy\r\n-\r\r\n--\r\n--X\0\r\n\r\n"
	    "x--XyZ not at line start, \n--XyZ after bare LF\r"
	    "\r\n--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"g\"\r\n"
	    "\r\n"
	    "\r\r\r\n\r\n-\r\n--\r\n--X\r\n--Xy"
	    "\r\n--XyZ--";
	static const char want[] =
	    "[f|b.bin|-]"
	    "\r\n--XyY\r\n--Xy\r\n-\r\r\n--\r\n--X\0\r\n\r\n"
	    "x--XyZ not at line start, \n--XyZ after bare LF\r[/]"
	    "[g|-|-]\r\r\r\n\r\n-\r\n--\r\n--X\r\n--Xy[/]";

	(void)state;
	check_lim(CT, NULL, BODY(body), DM_OK, BODY(want), NULL);
}

/* A large binary file sprinkled with delimiter prefixes. */
static void
test_large_binary(void **state)
{
	static const char head[] =
	    "preamble\r\n--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"big\"; filename=\"x\"\r\n"
	    "\r\n";
	static const char tail[] = "\r\n--XyZ--\r\n";
	static const char *const traps[] = {
		"\r", "\r\n", "\r\n-", "\r\n--", "\r\n--X", "\r\n--Xy",
		"\r\n--XyY", "\r\r\n--Xy", "--XyZ",
	};
	size_t		 nbody = 300000, i, len;
	unsigned	 s = 42;
	char		*body, *want, *p, *hit;

	(void)state;
	body = malloc(sizeof(head) + nbody + sizeof(tail));
	want = malloc(nbody + 64);
	assert_non_null(body);
	assert_non_null(want);
	p = body + sizeof(head) - 1;
	for (i = 0; i < nbody; ) {
		if (rnd(&s) % 64 == 0) {
			const char	*t = traps[rnd(&s) % 9];
			size_t		 n = strlen(t);

			if (n > nbody - i)
				n = nbody - i;
			memcpy(p + i, t, n);
			i += n;
		} else {
			p[i++] = (char)rnd(&s);
		}
	}
	/* Random bytes may complete a trap into a real delimiter. */
	while ((hit = memmem(p, nbody, "\r\n--XyZ", 7)) != NULL)
		hit[6] = 'z';
	memcpy(body, head, sizeof(head) - 1);
	memcpy(p + nbody, tail, sizeof(tail) - 1);
	len = sizeof(head) - 1 + nbody + sizeof(tail) - 1;
	strcpy(want, "[big|x|-]");
	memcpy(want + 9, p, nbody);
	memcpy(want + 9 + nbody, "[/]", 3);
	check_lim(CT, NULL, body, len, DM_OK, want, 9 + nbody + 3, NULL);
	free(body);
	free(want);
}

static void
test_content_type_header(void **state)
{
	static const struct {
		const char	*ct;
		dm_status	 want;
	} cases[] = {
		{ NULL, DM_EINPUT },
		{ "", DM_EINPUT },
		{ "text/plain; boundary=a", DM_EINPUT },
		{ "multipart/mixed; boundary=a", DM_EINPUT },
		{ "multipart/form-data", DM_EINPUT },
		{ "multipart/form-data;", DM_EINPUT },
		{ "multipart/form-data; boundary=", DM_EINPUT },
		{ "multipart/form-data; boundary=\"\"", DM_EINPUT },
		{ "multipart/form-data; boundary=a; boundary=b", DM_EINPUT },
		{ "multipart/form-data; boundary=\"a \"", DM_EINPUT },
		{ "multipart/form-data; boundary=a\"b\"", DM_EINPUT },
		{ "multipart/form-data; boundary=\"a", DM_EINPUT },
		{ "multipart/form-data; boundary=a!b", DM_EINPUT },
		{ "multipart/form-data; boundary=a\tb", DM_EINPUT },
		{ "multipart/form-data; boundary=\"a\\\"b\"", DM_EINPUT },
		{ "multipart/form-data boundary=a", DM_EINPUT },
		{ "multipart/form-datax; boundary=a", DM_EINPUT },
		{ "multipart/form-data; boundary=a b", DM_EINPUT },
		{ "multipart/form-data; =a", DM_EINPUT },
		{ "multipart/form-data; boundary="
		  "12345678901234567890123456789012345678901234567890"
		  "123456789012345678901", DM_EINPUT },
		{ "multipart/form-data; boundary="
		  "12345678901234567890123456789012345678901234567890"
		  "12345678901234567890", DM_OK },
		{ "multipart/form-data; boundary=a", DM_OK },
		{ "multipart/form-data;boundary=a", DM_OK },
		{ "multipart/form-data; boundary=a;", DM_OK },
		{ "  Multipart/Form-Data ; charset=utf-8 ; BOUNDARY=a  ",
		  DM_OK },
		{ "multipart/form-data; boundary=----=_Part_0.1/2:3?", DM_OK },
		{ "multipart/form-data; boundary=\"a b(c)+_,-./:=?'\"", DM_OK },
		{ "multipart/form-data; boundary="
		  "----WebKitFormBoundary7MA4YWxkTrZu0gW", DM_OK },
		{ "multipart/form-data; foo=\"x;boundary=y\"", DM_EINPUT },
	};
	struct mp_parser	*p;
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		dm_status	st = mp_new(cases[i].ct, NULL, NULL, NULL, &p);

		if (st != cases[i].want)
			print_error("case %zu: %s\n", i, cases[i].ct);
		assert_int_equal(st, cases[i].want);
		if (st == DM_OK)
			assert_non_null(p);
		else
			assert_null(p);
		mp_free(p);
	}
}

static void
test_quoted_boundary(void **state)
{
	static const char body[] =
	    "--a b:c=d\r\n"
	    "Content-Disposition: form-data; name=x\r\n"
	    "\r\n"
	    "1\r\n--a b:c=e\r\n"
	    "--a b:c=d--";

	(void)state;
	check_lim("multipart/form-data; charset=utf-8; "
	    "boundary=\"a b:c=d\"", NULL, BODY(body), DM_OK,
	    BODY("[x|-|-]1\r\n--a b:c=e[/]"), NULL);
}

static void
test_missing_close(void **state)
{
	(void)state;
	check(BODY("--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n"
	    "\r\n"
	    "value\r\n"), DM_EINPUT, "[a|-|-]value");
	check(BODY("--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n"
	    "\r\n"
	    "value\r\n--XyZ\r\n"), DM_EINPUT, "[a|-|-]value[/]");
	check(BODY("--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n"
	    "\r\n"
	    "value\r\n--XyZ-"), DM_EINPUT, "[a|-|-]value");
	check(BODY("--XyZ\r\nContent-Disp"), DM_EINPUT, "");
	check(BODY("no boundary at all"), DM_EINPUT, "");
	check(BODY(""), DM_EINPUT, "");
}

static void
test_preamble_epilogue(void **state)
{
	(void)state;
	check(BODY(
	    "This is a preamble.\r\nIt mentions x--XyZ, \n--XyZ and "
	    "-- XyZ.\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"a\"\r\n"
	    "\r\n"
	    "A\r\n"
	    "--XyZ--\r\n"
	    "Epilogue with --XyZ\r\n--XyZ\r\ngarbage \0 \n\r"),
	    DM_OK, "[a|-|-]A[/]");
	/* The opening delimiter may follow the preamble's last CRLF. */
	check(BODY("\r\n--XyZ\r\nContent-Disposition: form-data; name=a\r\n"
	    "\r\nA\r\n--XyZ--"), DM_OK, "[a|-|-]A[/]");
	/* A form with no fields. */
	check(BODY("--XyZ--\r\n"), DM_OK, "");
	/* The boundary must not appear in the preamble as a line prefix. */
	check(BODY("--XyZW\r\n--XyZ\r\n"), DM_EINPUT, "");
}

static void
test_delimiter_line(void **state)
{
	(void)state;
	/* Transport padding after the boundary is allowed. */
	check(BODY("--XyZ \t \r\n"
	    "Content-Disposition: form-data; name=a\r\n"
	    "\r\n"
	    "A\r\n--XyZ\t\r\n"
	    "Content-Disposition: form-data; name=b\r\n"
	    "\r\n"
	    "B\r\n--XyZ--  \r\n"), DM_OK, "[a|-|-]A[/][b|-|-]B[/]");
	check(BODY("--XyZ\r\n"
	    "Content-Disposition: form-data; name=a\r\n"
	    "\r\n"
	    "A\r\n--XyZx\r\n"), DM_EINPUT, "[a|-|-]A");
	check(BODY("--XyZ\n"), DM_EINPUT, "");
	check(BODY("--XyZ\r\r\n"), DM_EINPUT, "");
	check(BODY("--XyZ -\r\n"), DM_EINPUT, "");
	check(BODY("--XyZ-x"), DM_EINPUT, "");
}

static void
test_header_syntax(void **state)
{
	static const struct {
		const char	*s;
		size_t		 n;
	} bad[] = {
		/* bare LF */
		{ BODY("Content-Disposition: form-data; name=a\n\r\n") },
		{ BODY("Content-Disposition: form-data; name=a\r\n\n") },
		/* bare CR */
		{ BODY("Content-Disposition: form-data;\r name=a\r\n\r\n") },
		/* folding */
		{ BODY("Content-Disposition: form-data;\r\n name=a\r\n\r\n") },
		{ BODY("Content-Disposition: form-data;\r\n\tname=a\r\n\r\n") },
		{ BODY(" Content-Disposition: form-data; name=a\r\n\r\n") },
		/* NUL and controls */
		{ BODY("Content-Disposition: form-data; name=\"a\0\"\r\n"
		    "\r\n") },
		{ BODY("Content-Disposition: form-data; name=a\r\nX: \0\r\n"
		    "\r\n") },
		{ BODY("Content-Disposition: form-data; name=\"a\x01\"\r\n"
		    "\r\n") },
		{ BODY("Content-Disposition: form-data; name=\"a\x7f\"\r\n"
		    "\r\n") },
		/* header syntax */
		{ BODY("Content-Disposition : form-data; name=a\r\n\r\n") },
		{ BODY(": x\r\nContent-Disposition: form-data; name=a\r\n"
		    "\r\n") },
		{ BODY("No colon\r\nContent-Disposition: form-data; name=a\r\n"
		    "\r\n") },
		/* disposition */
		{ BODY("\r\n") },
		{ BODY("Content-Type: text/plain\r\n\r\n") },
		{ BODY("Content-Disposition: attachment; name=a\r\n\r\n") },
		{ BODY("Content-Disposition: form-data\r\n\r\n") },
		{ BODY("Content-Disposition: form-data; filename=a\r\n\r\n") },
		{ BODY("Content-Disposition: form-data; name=\"\"\r\n\r\n") },
		{ BODY("Content-Disposition: form-data; name=\r\n\r\n") },
		{ BODY("Content-Disposition: form-data; name=\"a\r\n\r\n") },
		{ BODY("Content-Disposition: form-data; name=a b\r\n\r\n") },
		{ BODY("Content-Disposition: form-data; name=\"a\"b\r\n\r\n") },
		{ BODY("Content-Disposition: form-data; name a\r\n\r\n") },
		{ BODY("Content-Disposition: form-data name=a\r\n\r\n") },
		{ BODY("Content-Disposition: form-data; name=a; name=b\r\n"
		    "\r\n") },
		{ BODY("Content-Disposition: form-data; name=a; NAME=b\r\n"
		    "\r\n") },
		{ BODY("Content-Disposition: form-data; name=a; filename=x; "
		    "filename=y\r\n\r\n") },
		{ BODY("Content-Disposition: form-data; name=a\r\n"
		    "Content-Disposition: form-data; name=b\r\n\r\n") },
		{ BODY("Content-Disposition: form-data; name=a\r\n"
		    "Content-Type: a/b\r\ncontent-type: a/b\r\n\r\n") },
		{ BODY("Content-Disposition: form-data; name=a\r\n"
		    "Content-Transfer-Encoding: base64\r\n\r\n") },
	};
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char	body[512];
		size_t	n = 0;

		memcpy(body, "--XyZ\r\n", 7);
		n += 7;
		memcpy(body + n, bad[i].s, bad[i].n);
		n += bad[i].n;
		memcpy(body + n, "x\r\n--XyZ--", 10);
		n += 10;
		check(body, n, DM_EINPUT, "");
	}
}

static void
test_header_forms(void **state)
{
	(void)state;
	/* Case-insensitive names and values, OWS, unknown headers. */
	check(BODY("--XyZ\r\n"
	    "X-Unknown: whatever; \"quoted\r\n"
	    "CONTENT-DISPOSITION:FORM-DATA;NAME=Ab;FILENAME=\"a b.txt\"\r\n"
	    "content-type:   text/plain; charset=utf-8  \t\r\n"
	    "Content-Transfer-Encoding: BINARY\r\n"
	    "\r\n"
	    "x\r\n--XyZ--"), DM_OK,
	    "[Ab|a b.txt|text/plain; charset=utf-8]x[/]");
	/* Escapes: only \" and \\; other backslashes stay (Windows). */
	check(BODY("--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"q\\\"\\\\\"; "
	    "filename=\"C:\\Users\\me\\a\\\"b.pdf\"; size=12; x=\";\"\r\n"
	    "\r\n"
	    "x\r\n--XyZ--"), DM_OK,
	    "[q\"\\|C:\\Users\\me\\a\"b.pdf|-]x[/]");
	/* Empty filename: a file input left empty. */
	check(BODY("--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"up\"; filename=\"\"\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "\r\n"
	    "\r\n--XyZ--"), DM_OK, "[up||application/octet-stream][/]");
	/* An empty Content-Type value is as if absent. */
	check(BODY("--XyZ\r\n"
	    "Content-Disposition: form-data; name=a\r\n"
	    "Content-Type:  \r\n"
	    "\r\n"
	    "\r\n--XyZ--"), DM_OK, "[a|-|-][/]");
}

static void
test_greek(void **state)
{
	(void)state;
	check(BODY("--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"perigrafi\"\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "\r\n"
	    "Λακκούβα στην οδό Ερμού 12, Αθήνα\r\n"
	    "Δεύτερη γραμμή.\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"f1\"; "
	    "filename=\"Αίτηση δημότη.pdf\"\r\n"
	    "\r\n"
	    "%PDF\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"f2\"; filename=\"x.pdf\"; "
	    "filename*=UTF-8''%CE%92%CE%B5%CE%B2%CE%B1%CE%AF%CF%89%CF%83%CE%B7"
	    ".pdf\r\n"
	    "\r\n"
	    "%PDF\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"f3\"; "
	    "filename*=utf-8'el'%CE%91.png\r\n"
	    "\r\n"
	    "PNG\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"f4\"; filename=\"y.pdf\"; "
	    "filename*=ISO-8859-7''%C1.pdf\r\n"
	    "\r\n"
	    "%PDF\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"f5\"; "
	    "filename*=UTF-8''a%00b\r\n"
	    "\r\n"
	    "\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"f6\"; "
	    "filename*=UTF-8''%ce%b1%G1\r\n"
	    "\r\n"
	    "\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"f7\"; "
	    "filename*=\"no charset\"\r\n"
	    "\r\n"
	    "\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"f8\"; "
	    "filename*=UTF-8''%ce%b1%CE%B2\r\n"
	    "\r\n"
	    "\r\n"
	    "--XyZ--\r\n"), DM_OK,
	    "[perigrafi|-|text/plain; charset=UTF-8]"
	    "Λακκούβα στην οδό Ερμού 12, Αθήνα\r\nΔεύτερη γραμμή.[/]"
	    "[f1|Αίτηση δημότη.pdf|-]%PDF[/]"
	    "[f2|Βεβαίωση.pdf|-]%PDF[/]"
	    "[f3|Α.png|-]PNG[/]"
	    "[f4|y.pdf|-]%PDF[/]"
	    "[f5||-][/]"
	    "[f6||-][/]"
	    "[f7||-][/]"
	    "[f8|αβ|-][/]");
}

/* A body of one part with a payload of n bytes. */
static char *
one_part(const char *disp, size_t n, size_t *len, char **want)
{
	size_t	 hl;
	char	*b, head[256];
	size_t	 i;

	hl = (size_t)snprintf(head, sizeof(head), "--XyZ\r\n"
	    "Content-Disposition: form-data; %s\r\n\r\n", disp);
	b = malloc(hl + n + 16);
	*want = malloc(n + 64);
	assert_non_null(b);
	assert_non_null(*want);
	memcpy(b, head, hl);
	for (i = 0; i < n; i++)
		b[hl + i] = (char)('a' + i % 26);
	memcpy(b + hl + n, "\r\n--XyZ--", 9);
	*len = hl + n + 9;
	return b;
}

static void
check_size(const char *disp, const char *tag, size_t n, size_t limit,
    const struct mp_limits *lim)
{
	size_t	 len, wl, got = n < limit ? n : limit;
	char	*want, *b = one_part(disp, n, &len, &want);

	wl = (size_t)sprintf(want, "%s", tag);
	memcpy(want + wl, b + (len - n - 9), got);
	wl += got;
	if (n <= limit)
		wl += (size_t)sprintf(want + wl, "[/]");
	check_lim(CT, lim, b, len, n <= limit ? DM_OK : DM_ELIMIT, want, wl,
	    NULL);
	free(b);
	free(want);
}

static void
test_body_limits(void **state)
{
	const struct mp_limits	small = { 4, 1024, 10, 20 };
	const struct mp_limits	big = { 4, 1024, 5000, 9000 };

	(void)state;
	check_size("name=a", "[a|-|-]", 10, 10, &small);
	check_size("name=a", "[a|-|-]", 11, 10, &small);
	check_size("name=a; filename=b", "[a|b|-]", 20, 20, &small);
	check_size("name=a; filename=b", "[a|b|-]", 21, 20, &small);
	check_size("name=a; filename=\"\"", "[a||-]", 21, 20, &small);
	check_size("name=a", "[a|-|-]", 0, 10, &small);
	/* Large pieces go around the staging buffer. */
	check_size("name=a", "[a|-|-]", 5000, 5000, &big);
	check_size("name=a", "[a|-|-]", 5001, 5000, &big);
	check_size("name=a; filename=b", "[a|b|-]", 9001, 9000, &big);
	check_size("name=a; filename=b", "[a|b|-]", 12000, 9000, &big);
}

static void
test_header_limit(void **state)
{
	static const char body[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=a\r\n"
	    "\r\n"
	    "A\r\n--XyZ--";
	static const char padded[] =
	    "--XyZ  \r\n"
	    "Content-Disposition: form-data; name=a\r\n"
	    "\r\n"
	    "A\r\n--XyZ--";
	const size_t		hb = strlen("Content-Disposition: form-data; "
	    "name=a\r\n\r\n");
	struct mp_limits	lim = { 4, hb - 1, 100, 100 };

	(void)state;
	check_lim(CT, &lim, BODY(body), DM_ELIMIT, BODY(""), NULL);
	lim.max_header_bytes = hb;
	check_lim(CT, &lim, BODY(body), DM_OK, BODY("[a|-|-]A[/]"), NULL);
	lim.max_header_bytes = hb + 1;
	check_lim(CT, &lim, BODY(padded), DM_ELIMIT, BODY(""), NULL);
	lim.max_header_bytes = hb + 2;
	check_lim(CT, &lim, BODY(padded), DM_OK, BODY("[a|-|-]A[/]"), NULL);
	/* An endless header line fails at the limit, not at its end. */
	lim.max_header_bytes = 8;
	check_lim(CT, &lim, BODY("--XyZ\r\nXXXXXXXXX"), DM_ELIMIT, BODY(""),
	    NULL);
	lim.max_header_bytes = 0;
	check_lim(CT, &lim, BODY(body), DM_ELIMIT, BODY(""), NULL);
	/* Padding alone can exceed it. */
	lim.max_header_bytes = 1;
	check_lim(CT, &lim, BODY(padded), DM_ELIMIT, BODY(""), NULL);
}

static void
test_part_limit(void **state)
{
	static const char body[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=b\r\n\r\n2\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=c\r\n\r\n3\r\n"
	    "--XyZ--";
	struct mp_limits	lim = { 3, 100, 100, 100 };

	(void)state;
	check_lim(CT, &lim, BODY(body), DM_OK,
	    BODY("[a|-|-]1[/][b|-|-]2[/][c|-|-]3[/]"), NULL);
	lim.max_parts = 2;
	check_lim(CT, &lim, BODY(body), DM_ELIMIT,
	    BODY("[a|-|-]1[/][b|-|-]2[/]"), NULL);
	lim.max_parts = 0;
	check_lim(CT, &lim, BODY(body), DM_ELIMIT, BODY(""), NULL);
	check_lim(CT, &lim, BODY("--XyZ--"), DM_OK, BODY(""), NULL);
}

static void
test_callback_errors(void **state)
{
	static const char body[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nAAA\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=b\r\n\r\n\r\n"
	    "--XyZ--";
	struct rec	proto = { 0 };

	(void)state;
	proto.fail_begin = DM_EDENIED;
	check_lim(CT, NULL, BODY(body), DM_EDENIED, BODY(""), &proto);
	proto.fail_begin = DM_OK;
	proto.fail_data = DM_EINTERNAL;
	check_lim(CT, NULL, BODY(body), DM_EINTERNAL, BODY("[a|-|-]"),
	    &proto);
	proto.fail_data = DM_OK;
	proto.fail_end = DM_ECONFLICT;
	check_lim(CT, NULL, BODY(body), DM_ECONFLICT, BODY("[a|-|-]AAA"),
	    &proto);
}

/* Data is passed on by the end of each feed, bar a delimiter prefix. */
static void
test_no_buffering(void **state)
{
	struct mp_parser	*p;
	struct rec		 r = { 0 };

	(void)state;
	assert_int_equal(mp_new(CT, NULL, &rec_cb, &r, &p), DM_OK);
	assert_int_equal(mp_feed(p, BODY("--XyZ\r\nContent-Disposition: "
	    "form-data; name=a; filename=b\r\n\r\nhello")), DM_OK);
	assert_string_equal(r.log, "[a|b|-]hello");
	assert_int_equal(mp_feed(p, BODY(" world\r\n--Xy")), DM_OK);
	assert_string_equal(r.log, "[a|b|-]hello world");
	assert_int_equal(mp_feed(p, BODY("Q")), DM_OK);
	assert_string_equal(r.log, "[a|b|-]hello world\r\n--XyQ");
	assert_int_equal(mp_feed(p, BODY("\r\n--XyZ--")), DM_OK);
	assert_string_equal(r.log, "[a|b|-]hello world\r\n--XyQ[/]");
	/* The epilogue is ignored, before and after mp_finish. */
	assert_int_equal(mp_feed(p, BODY("\r\nanything")), DM_OK);
	assert_int_equal(mp_finish(p), DM_OK);
	assert_int_equal(mp_feed(p, BODY("more")), DM_OK);
	assert_int_equal(mp_feed(p, NULL, 0), DM_OK);
	assert_int_equal(mp_feed(p, NULL, 1), DM_EINPUT);
	assert_int_equal(mp_finish(p), DM_EINPUT);
	mp_free(p);
	free(r.log);

	/* No callbacks at all: the parser only validates. */
	assert_int_equal(mp_new(CT, NULL, NULL, NULL, &p), DM_OK);
	assert_int_equal(mp_feed(p, BODY("--XyZ\r\nContent-Disposition: "
	    "form-data; name=a\r\n\r\nv\r\n--XyZ--")), DM_OK);
	assert_int_equal(mp_finish(p), DM_OK);
	mp_free(p);
	mp_free(NULL);
}

static void
check_san(const char *in, size_t outsz, const char *want)
{
	char	out[300];

	memset(out, 'Z', sizeof(out));
	mp_sanitize_filename(in, out, outsz);
	if (strcmp(out, want) != 0)
		print_error("sanitize(\"%s\", %zu) = \"%s\", want \"%s\"\n",
		    in, outsz, out, want);
	assert_string_equal(out, want);
	assert_true(strlen(out) < outsz);
	/* Nothing past the terminator was written. */
	if (outsz < sizeof(out))
		assert_int_equal(out[outsz], 'Z');
}

static void
test_sanitize(void **state)
{
	char	longname[600], want[300];
	size_t	i;

	(void)state;
	check_san("report.pdf", 256, "report.pdf");
	check_san("C:\\Users\\me\\Desktop\\report.pdf", 256, "report.pdf");
	check_san("/etc/passwd", 256, "passwd");
	check_san("../../etc/passwd", 256, "passwd");
	check_san("dir/", 256, "file");
	check_san("", 256, "file");
	check_san(NULL, 256, "file");
	check_san("..", 256, "file");
	check_san(".htaccess", 256, "htaccess");
	check_san(" . -rf.txt", 256, "rf.txt");
	check_san("a\"b'c`d<e>f|g:h*i?j;k$l.pdf", 256, "abcdefghijkl.pdf");
	check_san("a\x01\x1f\x7f" "b.pdf", 256, "ab.pdf");
	check_san("  many \t\r\n  spaces   here  .pdf", 256,
	    "many spaces here .pdf");
	check_san("trailing dots...", 256, "trailing dots");
	check_san("Αίτηση Δημότη (τελική).pdf", 256,
	    "Αίτηση Δημότη (τελική).pdf");
	check_san("φωτο\xc2\xa0\xe2\x80\x83 1.jpg", 256, "φωτο 1.jpg");
	/* Bidi override, zero-width space, BOM, C1 control. */
	check_san("inv\xe2\x80\xaegpj.exe", 256, "invgpj.exe");
	check_san("a\xe2\x80\x8b" "b\xef\xbb\xbf" "c\xc2\x85.txt", 256,
	    "abc.txt");
	/* Invalid UTF-8: overlong '/', surrogate, stray bytes. */
	check_san("a\xc0\xaf" "b\xed\xa0\x80" "c\xff\x80.txt", 256, "abc.txt");
	check_san("\xce\x91\xce", 256, "Α");
	check_san("a\xce" "b.txt", 256, "ab.txt");
	check_san("\xf0\x9f\x93\x84 report.pdf", 256,
	    "\xf0\x9f\x93\x84 report.pdf");
	check_san("\"\"\"", 256, "file");
	/* Truncation never splits a code point. */
	check_san("αβγδ", 6, "αβ");
	check_san("αβγδ", 5, "αβ");
	check_san("abcdef", 4, "abc");
	check_san("", 3, "fi");
	check_san("", 1, "");
	/* ... and keeps a short extension. */
	check_san("abcdefghij.pdf", 10, "abcde.pdf");
	check_san("αβγδεζηθ.pdf", 12, "αβγ.pdf");
	check_san("abcdefghij.verylongextension", 10, "abcdefghi");
	check_san("..........pdf", 256, "pdf");
	check_san("a       .pdf", 8, "a .pdf");
	check_san("\"\"\"\"\"\"\"\"\"\"\"\"\"\"x.pdf", 10, "x.pdf");
	check_san("aaaaaaaaaa.p df", 10, "aaaaaaaaa");
	/* No whole code point of the stem fits beside the extension. */
	check_san("€€€.x", 5, "fi.x");

	for (i = 0; i < 300; i++)
		memcpy(longname + 2 * i, "λ", 2);
	memcpy(longname + 598, ".", 1);
	longname[599] = '\0';
	/* 299 λ and ".": the trailing dot goes, then 127 λ fit. */
	for (i = 0; i < 127; i++)
		memcpy(want + 2 * i, "λ", 2);
	want[254] = '\0';
	check_san(longname, 256, want);
	{
		char	out[4] = "ZZZ";

		mp_sanitize_filename("x", out, 0);
		assert_string_equal(out, "ZZZ");
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields_and_files),
		cmocka_unit_test(test_boundary_lookalikes),
		cmocka_unit_test(test_large_binary),
		cmocka_unit_test(test_content_type_header),
		cmocka_unit_test(test_quoted_boundary),
		cmocka_unit_test(test_missing_close),
		cmocka_unit_test(test_preamble_epilogue),
		cmocka_unit_test(test_delimiter_line),
		cmocka_unit_test(test_header_syntax),
		cmocka_unit_test(test_header_forms),
		cmocka_unit_test(test_greek),
		cmocka_unit_test(test_body_limits),
		cmocka_unit_test(test_header_limit),
		cmocka_unit_test(test_part_limit),
		cmocka_unit_test(test_callback_errors),
		cmocka_unit_test(test_no_buffering),
		cmocka_unit_test(test_sanitize),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
