/*
 * fuzz_pdfsig.c - libFuzzer harness for the readers of PDFs: the PAdES
 * signature of an uploaded file (pades_verify, run on whatever a visitor
 * sends to /verify) and the reader of Cairo's cross-reference table
 * (pdfup_append, which must refuse rather than misread).
 * Owns: checking what a result promises.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pades.h"
#include "pdfupdate.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static dm_status
fz_sign(void *arg, const unsigned char *a, size_t alen, const unsigned char *b,
    size_t blen, unsigned char *der, size_t cap, size_t *derlen)
{
	(void)arg;
	(void)a;
	(void)b;
	if (alen == 0 || blen == 0 || cap < 4)
		abort();
	memcpy(der, "\x30\x02\x05\x00", 4);
	*derlen = 4;
	return DM_OK;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct pdfup_meta meta = { "t", "a", NULL, NULL, NULL,
	    NULL, "el-GR", 0, NULL };
	struct pdfup_sig	 sig = { NULL, NULL, NULL, 0, 64, fz_sign, NULL };
	struct pades_check	 ck;
	struct pdf_buf		 b = { NULL, 0, 0 };
	dm_status		 st;

	if (pades_verify(data, size, NULL, 0, &ck) != DM_OK ||
	    (unsigned)ck.state >= PADES_STATE__MAX ||
	    (ck.state == PADES_ABSENT && ck.signer.subject[0] != '\0'))
		abort();

	pdf_buf_put(&b, data, size);
	st = pdfup_append(&b, &meta, size % 2 ? &sig : NULL);
	if (st != DM_OK && st != DM_EINPUT)
		abort();
	/* Refused: untouched. Accepted: the input is a prefix. */
	if (b.len < size || (size > 0 && memcmp(b.data, data, size) != 0) ||
	    (st != DM_OK && b.len != size))
		abort();
	free(b.data);
	return 0;
}
