/*
 * mime.h - composing the plain-text e-mail the mailer sends.
 * Owns: folded RFC 5322 headers with RFC 2047 words, quoted-printable
 * bodies, and refusing any header value with a line break (no injection).
 */
#ifndef DIMOS_MIME_H
#define DIMOS_MIME_H

#include <stddef.h>
#include <time.h>

#include "dimos/plugin.h"

/* A growing byte buffer; allocation failure aborts (log_fatal). */
struct mime_buf {
	char	*p;	/* NUL-terminated once anything was added */
	size_t	 len;
	size_t	 cap;
};

void	mime_buf_add(struct mime_buf *b, const void *s, size_t n);
void	mime_buf_str(struct mime_buf *b, const char *s);
void	mime_buf_free(struct mime_buf *b);

/* Longest header line we write (RFC 5322 2.1.1 "SHOULD"), without CRLF. */
#define MIME_LINE_MAX	78
/* Longest encoded-word and longest line that holds one (RFC 2047 2). */
#define MIME_WORD_MAX	75
#define MIME_EWLINE_MAX	76
/* Longest quoted-printable line, the soft break's '=' included. */
#define MIME_QP_MAX	76

/* 1 if s has neither CR nor LF (and is not NULL). */
int	mime_header_safe(const char *s);

/*
 * 1 if s is an addr-spec we can put between angle brackets: printable
 * ASCII without space, specials or control characters, one '@' with text
 * on both sides. Laxer than val_email on purpose: "noreply@localhost" is a
 * fine From address on a test machine.
 */
int	mime_addr_ok(const char *s);

/*
 * Splits "Display Name <addr>" or a bare "addr" (surrounding spaces are
 * ignored) into name ("" if none) and addr. DM_EINPUT if it is neither,
 * if addr fails mime_addr_ok or anything holds a line break; DM_ELIMIT if
 * a part does not fit its buffer.
 */
dm_status	mime_split_mailbox(const char *s, char *name, size_t namesz,
		    char *addr, size_t addrsz);

/*
 * Appends "Name: value" CRLF. value is UTF-8 text of one line: printable
 * ASCII is written as it is, folded at spaces so that no line exceeds
 * MIME_LINE_MAX; anything else (or a word too long to fold) becomes
 * base64 encoded-words of at most MIME_WORD_MAX characters, one per line,
 * each holding whole UTF-8 characters. DM_EINPUT if value holds CR, LF or
 * is not valid UTF-8.
 */
dm_status	mime_header_text(struct mime_buf *b, const char *name,
		    const char *value);

/*
 * Appends "Name: display <addr>" CRLF, display (NULL or "" for none)
 * written as atoms when it is only ASCII words, as encoded-words
 * otherwise; "<addr>" starts a folded line when it does not fit, so no
 * line exceeds MIME_LINE_MAX unless the address alone does. DM_EINPUT on
 * a line break, invalid UTF-8 or a bad addr.
 */
dm_status	mime_header_addr(struct mime_buf *b, const char *name,
		    const char *display, const char *addr);

/*
 * Appends s[0..len) as quoted-printable (RFC 2045 6.7). LF and CRLF in the
 * text are line breaks (written as CRLF); a lone CR is encoded. Lines are
 * at most MIME_QP_MAX characters with soft breaks, space and tab at the
 * end of a line are encoded, and so is the 'F' of a line starting "From ".
 * A soft break never splits a UTF-8 character. A leading '.' is left alone:
 * the SMTP client dot-stuffs (libcurl does; tests/e2e/mailer.test.mjs).
 * The output always ends with CRLF.
 */
void	mime_qp(struct mime_buf *b, const char *s, size_t len);

/* RFC 5322 date-time in UTC: "Tue, 03 Mar 2026 10:00:00 +0000". */
#define MIME_DATE_SIZE	32
void	mime_date(time_t t, char out[MIME_DATE_SIZE]);

struct mime_msg {
	const char	*from_name;	/* may be NULL or "" */
	const char	*from_addr;
	const char	*to_name;	/* may be NULL or "" */
	const char	*to_addr;
	const char	*subject;
	const char	*body;		/* UTF-8 text, LF or CRLF line ends */
	const char	*message_id;	/* "<...>" */
	const char	*lang;		/* "el", "en"; NULL: no header */
	time_t		 date;
};

/*
 * Appends the whole message: Date, From, To, Subject, Message-ID,
 * MIME-Version, Content-Type text/plain UTF-8, quoted-printable,
 * Content-Language, Auto-Submitted: auto-generated, a blank line and the
 * body. Every line ends with CRLF and the message is 7-bit clean.
 * DM_EINPUT (and nothing appended) if any value is unsafe or invalid.
 */
dm_status	mime_compose(struct mime_buf *b, const struct mime_msg *m);

#endif
