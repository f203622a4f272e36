/*
 * multipart.h - streaming multipart/form-data parser (RFC 7578, RFC 2046).
 * Owns: the push parser for request bodies and upload filename sanitizing.
 */
#ifndef DIMOS_MULTIPART_H
#define DIMOS_MULTIPART_H

#include <stddef.h>

#include "dimos/plugin.h"

/*
 * Memory use is bounded by the limits, never by the body: a parser holds
 * two header buffers of max_header_bytes plus a fixed few KiB.
 */
struct mp_limits {
	size_t	max_parts;		/* parts per body */
	size_t	max_header_bytes;	/* one part's header block, counting
					   padding after the boundary, every
					   CRLF and the empty line */
	size_t	max_field_bytes;	/* body of a part without filename */
	size_t	max_file_bytes;		/* body of a part with a filename */
};

/* The limits used when mp_new is given NULL. */
#define MP_LIMITS_DEFAULT	{ 32, 8192, 64 * 1024, 10 * 1024 * 1024 }

/*
 * One part, valid from part_begin until part_end returns. The strings are
 * NUL-terminated and contain no NUL, CR or LF; they are the bytes sent,
 * not validated as UTF-8 (name and filename are to be checked or
 * sanitized before use).
 */
struct mp_part {
	const char	*name;		/* Content-Disposition name, never
					   empty */
	const char	*filename;	/* NULL for form fields; "" if sent
					   empty; from filename* if usable */
	const char	*content_type;	/* the part's Content-Type or NULL */
};

/*
 * Any callback may be NULL. A status other than DM_OK stops the parse and
 * becomes the parser's sticky status. part_data gets the body in pieces of
 * any size >= 1, in order; part_end follows only a complete body (the next
 * delimiter line was seen), so after an error a part may have begun
 * without ending: the caller discards what it collected.
 */
struct mp_callbacks {
	dm_status	(*part_begin)(void *arg, const struct mp_part *part);
	dm_status	(*part_data)(void *arg, const struct mp_part *part,
			    const char *data, size_t len);
	dm_status	(*part_end)(void *arg, const struct mp_part *part);
};

struct mp_parser;

/*
 * content_type is the request's Content-Type value. DM_EINPUT unless it is
 * multipart/form-data (case-insensitive) with exactly one boundary
 * parameter of 1..70 RFC 2046 bchars, quoted or not, not ending in a space;
 * DM_EINTERNAL if out of memory. limits may be NULL for MP_LIMITS_DEFAULT,
 * cb NULL to only validate. *out is NULL unless DM_OK.
 */
dm_status	mp_new(const char *content_type, const struct mp_limits *limits,
		    const struct mp_callbacks *cb, void *arg,
		    struct mp_parser **out);

/*
 * Feeds the next len bytes of the body, split anywhere. Returns DM_EINPUT
 * for a malformed body, DM_ELIMIT when a limit is exceeded, a callback's
 * failure, else DM_OK; an error is sticky, and the callbacks see the same
 * events and bytes however the body was split. Body bytes reach part_data
 * by the end of the feed that brought them, except up to boundary + 3
 * that may start a delimiter; only those and the current header line are
 * kept between feeds. Limits are checked before bytes are passed on: a
 * part one byte over gets exactly its limit in part_data, then DM_ELIMIT.
 *
 * Strictness (all DM_EINPUT): lines of the header block and delimiter
 * lines end in CRLF only, a bare CR or LF is an error (in a body they are
 * data); folded headers; NUL or other controls but TAB in headers; a
 * header name that is not a token directly followed by ':'; a missing or
 * repeated Content-Disposition or Content-Type; a disposition other than
 * form-data; an empty or missing name; a repeated name, filename or
 * filename*; a Content-Transfer-Encoding other than 7bit, 8bit, binary.
 * The delimiter (CRLF "--" boundary) must not occur in the body or the
 * preamble unless followed by optional spaces/tabs and CRLF, or by "--".
 *
 * Header names and form-data are case-insensitive; other headers are
 * ignored. Quoted strings take \" and \\ as escapes, any other backslash
 * is literal (old browsers send raw Windows paths); percent-escapes that
 * browsers use for '"', CR and LF in names are not decoded. filename*
 * (RFC 5987, UTF-8 only, language ignored) wins over filename when it
 * decodes to a string without NUL, CR or LF; otherwise it is ignored but
 * still makes the part a file. The close delimiter ends the body: the
 * epilogue and any later data are ignored.
 */
dm_status	mp_feed(struct mp_parser *p, const char *data, size_t len);

/*
 * Ends the body: DM_OK once the close delimiter was seen, the sticky error
 * if there was one, else DM_EINPUT (a truncated body), which then sticks.
 */
dm_status	mp_finish(struct mp_parser *p);

void		mp_free(struct mp_parser *p);

/*
 * Makes an uploaded filename safe to store and to put in a quoted
 * Content-Disposition: keeps the last path component (after the last '/'
 * or '\'), drops invalid UTF-8, control and format characters (C0, DEL,
 * C1, bidi overrides, zero-width) and " ' ` < > | : * ? ; $; turns any
 * run of whitespace into one space; strips leading dots, dashes and
 * spaces and trailing dots and spaces. The result is valid UTF-8 of at
 * most outsz - 1 bytes, truncated only between code points and keeping a
 * short extension (".pdf") when it can; "file" if nothing is left.
 * Nothing is written when outsz is 0.
 */
void		mp_sanitize_filename(const char *in, char *out, size_t outsz);

#endif /* DIMOS_MULTIPART_H */
