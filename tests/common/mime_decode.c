/*
 * mime_decode.c - decoders written from the RFCs, not from mime.c, so that
 * what mime.c writes can be read back and compared with what it was given.
 */
#include <string.h>

#include "mime.h"
#include "mime_decode.h"
#include "validate.h"

static int
md_b64_val(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int
md_b64_decode(const char *s, size_t n, char *out, size_t *outlen)
{
	size_t o = 0;

	if (n % 4 != 0)
		return -1;
	for (size_t i = 0; i < n; i += 4) {
		int v[4];

		for (int k = 0; k < 4; k++) {
			v[k] = s[i + k] == '=' ? 0 : md_b64_val(s[i + k]);
			if (v[k] < 0)
				return -1;
		}
		out[o++] = (char)(v[0] << 2 | v[1] >> 4);
		if (s[i + 2] != '=')
			out[o++] = (char)((v[1] & 15) << 4 | v[2] >> 2);
		if (s[i + 3] != '=')
			out[o++] = (char)((v[2] & 3) << 6 | v[3]);
	}
	*outlen = o;
	return 0;
}

void
md_unfold(const char *s, char *out)
{
	size_t o = 0;

	for (size_t i = 0; s[i] != '\0'; i++) {
		if (s[i] == '\r' && s[i + 1] == '\n' &&
		    (s[i + 2] == ' ' || s[i + 2] == '\t')) {
			i++;
			continue;
		}
		out[o++] = s[i];
	}
	out[o] = '\0';
}

int
md_decode_words(const char *s, char *out)
{
	static const char pre[] = "=?UTF-8?B?";
	size_t o = 0, pend = 0;
	const char *p = s, *space = NULL;
	int last_word = 0;

	while (*p != '\0') {
		if (strncmp(p, pre, strlen(pre)) == 0) {
			const char *data = p + strlen(pre);
			const char *end = strstr(data, "?=");
			char tmp[MIME_WORD_MAX];
			size_t n;

			if (end == NULL || end + 2 - p > MIME_WORD_MAX)
				return -1;
			if (!last_word && space != NULL) {
				memcpy(out + o, space, pend);
				o += pend;
			}
			if (md_b64_decode(data, (size_t)(end - data), tmp,
			    &n) != 0 || !val_utf8(tmp, n))
				return -1;
			memcpy(out + o, tmp, n);
			o += n;
			p = end + 2;
			last_word = 1;
			space = NULL;
			pend = 0;
			continue;
		}
		if (*p == ' ' || *p == '\t') {
			if (space == NULL)
				space = p;
			pend++;
			p++;
			continue;
		}
		if (space != NULL) {
			memcpy(out + o, space, pend);
			o += pend;
			space = NULL;
			pend = 0;
		}
		out[o++] = *p++;
		last_word = 0;
	}
	if (space != NULL) {
		memcpy(out + o, space, pend);
		o += pend;
	}
	out[o] = '\0';
	return 0;
}

static int
md_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
md_qp_decode(const char *s, size_t n, char *out, size_t *outlen)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '=' && i + 2 < n && s[i + 1] == '\r' &&
		    s[i + 2] == '\n') {
			i += 2;
		} else if (s[i] == '=') {
			if (i + 2 >= n || md_hexval(s[i + 1]) < 0 ||
			    md_hexval(s[i + 2]) < 0)
				return -1;
			out[o++] = (char)(md_hexval(s[i + 1]) << 4 |
			    md_hexval(s[i + 2]));
			i += 2;
		} else if (s[i] == '\r') {
			if (i + 1 >= n || s[i + 1] != '\n')
				return -1;
			out[o++] = '\n';
			i++;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	*outlen = o;
	return 0;
}

int
md_check_lines(const char *s, size_t n, size_t max)
{
	size_t col = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\r') {
			if (i + 1 >= n || s[i + 1] != '\n')
				return -1;
			i++;
			col = 0;
			continue;
		}
		if (!((c >= ' ' && c <= '~') || c == '\t') || ++col > max)
			return -1;
	}
	return col == 0 ? 0 : -1;	/* ends with CRLF */
}
