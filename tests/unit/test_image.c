/*
 * test_image.c - unit tests of image.c: a photo with GPS and every other
 * kind of metadata comes out with none (JPEG, PNG, HEIC), the position is
 * read before it goes, JPEG pixels are kept exactly and turned upright,
 * HEIC becomes JPEG, thumbnails fit, and images too large to decode are
 * refused from their header.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <png.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>
#include <zlib.h>

#include "image.h"
#include "photofix.h"

#define NIGRITA_LAT	40.90781
#define NIGRITA_LON	23.50052

static int
contains(const unsigned char *p, size_t n, const char *s)
{
	size_t k = strlen(s);

	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(p + i, s, k) == 0)
			return 1;
	return 0;
}

/* Nothing any fixture put in its metadata survives. */
static void
assert_no_metadata(const struct image_buf *b)
{
	static const char *const marks[] = { "Exif", PHOTOFIX_MAKE,
		PHOTOFIX_XMP_MARK, PHOTOFIX_TEXT_MARK, "Photoshop", "8BIM",
		"http://ns.adobe.com", "XML:com.adobe.xmp" };

	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (contains(b->data, b->len, marks[i]))
			fail_msg("'%s' is still in the output", marks[i]);
}

/* The JPEG's markers: only SOI, APP0 JFIF, the tables, SOF, SOS ... EOI,
 * and nothing after EOI. */
static void
assert_clean_jpeg(const struct image_buf *b)
{
	const unsigned char *p = b->data;
	size_t i = 2, n = b->len;

	assert_true(n > 4 && p[0] == 0xff && p[1] == 0xd8);
	assert_true(p[n - 2] == 0xff && p[n - 1] == 0xd9);
	for (;;) {
		unsigned m;
		size_t len;

		assert_true(i + 4 <= n && p[i] == 0xff);
		m = p[i + 1];
		if (m == 0xda)
			break;
		len = (size_t)p[i + 2] << 8 | p[i + 3];
		if (m >= 0xe0 && m <= 0xef) {
			/* APP0 is JFIF; an Adobe APP14 only for CMYK. */
			if (m != 0xe0 || memcmp(p + i + 4, "JFIF", 5) != 0)
				fail_msg("APP%u left in the output", m - 0xe0);
		}
		if (m == 0xfe)
			fail_msg("a comment left in the output");
		i += 2 + len;
	}
	/* Nothing after the one EOI: scan data never holds FF D9. */
	for (size_t k = i; k + 2 < n; k++)
		assert_false(p[k] == 0xff && p[k + 1] == 0xd9);
}

static unsigned char *
decode_jpeg(const struct image_buf *b, int *w, int *h)
{
	tjhandle tj = tjInitDecompress();
	int sub, cs;
	unsigned char *pix;

	assert_int_equal(tjDecompressHeader3(tj, b->data, b->len, w, h, &sub,
	    &cs), 0);
	pix = malloc((size_t)*w * *h * 3);
	assert_int_equal(tjDecompress2(tj, b->data, b->len, pix, *w, 0, *h,
	    TJPF_RGB, 0), 0);
	tjDestroy(tj);
	return pix;
}

static unsigned char *
decode_png(const unsigned char *p, size_t n, int *w, int *h)
{
	png_image img;
	unsigned char *pix;

	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	assert_true(png_image_begin_read_from_memory(&img, p, n));
	img.format = PNG_FORMAT_RGB;
	*w = (int)img.width;
	*h = (int)img.height;
	pix = malloc(PNG_IMAGE_SIZE(img));
	assert_true(png_image_finish_read(&img, NULL, pix, 0, NULL));
	return pix;
}

static void
assert_position(const struct image_result *r, double lat, double lon)
{
	assert_true(r->has_gps);
	/* DMS with seconds to 1/10000: well under a metre. */
	assert_true(fabs(r->gps.lat - lat) < 1e-6);
	assert_true(fabs(r->gps.lon - lon) < 1e-6);
}

static void
test_sniff(void **state)
{
	static const unsigned char pdf[] = "%PDF-1.4\n";
	static const unsigned char avif[] = { 0, 0, 0, 0x1c, 'f', 't', 'y',
		'p', 'a', 'v', 'i', 'f' };
	unsigned char *rgb = photofix_rgb(16, 16, 0, 1), *j, *p, *h;
	size_t jn, pn, hn;

	(void)state;
	j = photofix_jpeg(rgb, 16, 16, 90, &jn);
	p = photofix_png(rgb, 16, 16, &pn);
	h = photofix_heic(rgb, 16, 16, NULL, 0, 1, &hn);
	assert_int_equal(image_sniff(j, jn), IMAGE_JPEG);
	assert_int_equal(image_sniff(p, pn), IMAGE_PNG);
	assert_int_equal(image_sniff(h, hn), IMAGE_HEIC);
	assert_int_equal(image_sniff(pdf, sizeof(pdf) - 1), IMAGE_NONE);
	assert_int_equal(image_sniff(avif, sizeof(avif)), IMAGE_NONE);
	assert_int_equal(image_sniff(j, 2), IMAGE_NONE);
	assert_int_equal(image_sniff(NULL, 0), IMAGE_NONE);
	assert_string_equal(image_mime(IMAGE_HEIC), "image/heic");
	assert_null(image_mime(IMAGE_NONE));
	free(rgb);
	free(j);
	free(p);
	free(h);
}

/* The test: a photo with GPS tags comes out without any. */
static void
test_jpeg_gps_removed(void **state)
{
	for (int be = 0; be < 2; be++) {
		double lat = be ? -33.8568 : NIGRITA_LAT;
		double lon = be ? -70.6483 : NIGRITA_LON;
		unsigned char *rgb = photofix_rgb(160, 96, 12, 7);
		size_t jn, tn, mn;
		unsigned char *jpg = photofix_jpeg(rgb, 160, 96, 92, &jn);
		unsigned char *tiff = photofix_exif(1, lat, lon, 1, be, &tn);
		unsigned char *in = photofix_jpeg_meta(jpg, jn, tiff, tn, &mn);
		unsigned char *a, *b;
		struct image_result r;
		struct geo_point g;
		struct image_buf orig = { jpg, jn };
		int w1, h1, w2, h2;

		(void)state;
		/* The fixture does carry what we remove. */
		assert_true(contains(in, mn, PHOTOFIX_MAKE));
		assert_true(contains(in, mn, PHOTOFIX_XMP_MARK));
		assert_int_equal(image_gps(in, mn, &g), 1);
		assert_true(fabs(g.lat - lat) < 1e-6 &&
		    fabs(g.lon - lon) < 1e-6);

		assert_int_equal(image_process(in, mn, NULL, &r), DM_OK);
		assert_int_equal(r.in_type, IMAGE_JPEG);
		assert_int_equal(r.out_type, IMAGE_JPEG);
		assert_position(&r, lat, lon);
		assert_no_metadata(&r.photo);
		assert_clean_jpeg(&r.photo);
		assert_int_equal(image_gps(r.photo.data, r.photo.len, &g), 0);
		assert_int_equal(r.width, 160);
		assert_int_equal(r.height, 96);
		/* Lossless: the same pixels as the JPEG before metadata. */
		a = decode_jpeg(&orig, &w1, &h1);
		b = decode_jpeg(&r.photo, &w2, &h2);
		assert_int_equal(w1, w2);
		assert_int_equal(h1, h2);
		assert_memory_equal(a, b, (size_t)w1 * h1 * 3);
		free(a);
		free(b);
		/* The thumbnail is a clean JPEG of the same picture. */
		assert_int_equal(r.thumb_width, 160);
		assert_int_equal(r.thumb_height, 96);
		assert_clean_jpeg(&r.thumb);
		a = decode_jpeg(&r.thumb, &w1, &h1);
		assert_true(a[0] > 150 && a[2] < 100);	/* red corner */
		free(a);
		image_result_free(&r);
		assert_null(r.photo.data);
		free(rgb);
		free(jpg);
		free(tiff);
		free(in);
	}
}

/* Upright from the EXIF orientation; the colour of two upright corners
 * tells which of the eight it was. Quadrants: red green / blue white. */
static void
test_jpeg_orientation(void **state)
{
	enum { RED, GREEN, BLUE, WHITE };
	static const int corner[9][2] = { { 0, 0 }, { RED, GREEN },
		{ GREEN, RED }, { WHITE, BLUE }, { BLUE, WHITE },
		{ RED, BLUE }, { BLUE, RED }, { WHITE, GREEN },
		{ GREEN, WHITE } };
	unsigned char *rgb = photofix_rgb(64, 32, 0, 1);
	size_t jn;
	unsigned char *jpg = photofix_jpeg(rgb, 64, 32, 95, &jn);

	(void)state;
	for (int o = 1; o <= 8; o++) {
		size_t tn, mn;
		unsigned char *tiff = photofix_exif(0, 0, 0, o, o & 1, &tn);
		unsigned char *in = photofix_jpeg_meta(jpg, jn, tiff, tn, &mn);
		struct image_result r;
		unsigned char *pix;
		int w, h;

		assert_int_equal(image_process(in, mn, NULL, &r), DM_OK);
		assert_false(r.has_gps);
		assert_no_metadata(&r.photo);
		pix = decode_jpeg(&r.photo, &w, &h);
		if (o >= 5) {
			assert_int_equal(w, 32);
			assert_int_equal(h, 64);
		} else {
			assert_int_equal(w, 64);
			assert_int_equal(h, 32);
		}
		assert_int_equal(r.width, w);
		assert_int_equal(r.height, h);
		for (int k = 0; k < 2; k++) {
			const unsigned char *px = pix + ((size_t)4 * w +
			    (k ? (size_t)w - 5 : 4)) * 3;
			int c = px[0] > 200 && px[1] > 200 ? WHITE :
			    px[0] > 150 ? RED : px[1] > 150 ? GREEN :
			    px[2] > 150 ? BLUE : -1;

			if (c != corner[o][k])
				fail_msg("orientation %d, corner %d: got %d "
				    "(%d,%d,%d)", o, k, c, px[0], px[1],
				    px[2]);
		}
		free(pix);
		image_result_free(&r);
		free(tiff);
		free(in);
	}
	free(rgb);
	free(jpg);
}

/* PNG: only the chunks that draw it are kept, pixels unchanged. */
static void
test_png_metadata_removed(void **state)
{
	unsigned char *rgb = photofix_rgb(100, 60, 20, 3);
	size_t pn, tn, mn, i = 8;
	unsigned char *png = photofix_png(rgb, 100, 60, &pn);
	unsigned char *tiff = photofix_exif(1, NIGRITA_LAT, NIGRITA_LON, 1, 0,
	    &tn);
	unsigned char *in = photofix_png_meta(png, pn, tiff, tn, &mn);
	unsigned char *a, *b;
	struct image_result r;
	struct geo_point g;
	int w, h, chunks = 0;

	(void)state;
	assert_true(contains(in, mn, "eXIf") && contains(in, mn, "tIME"));
	assert_int_equal(image_gps(in, mn, &g), 1);
	assert_int_equal(image_process(in, mn, NULL, &r), DM_OK);
	assert_int_equal(r.out_type, IMAGE_PNG);
	assert_position(&r, NIGRITA_LAT, NIGRITA_LON);
	assert_no_metadata(&r.photo);
	assert_int_equal(image_gps(r.photo.data, r.photo.len, &g), 0);
	/* Walk the output: IHDR, chunks that only say how to draw (libpng
	 * wrote sRGB), IDAT, IEND, then the end of the file. */
	while (i < r.photo.len) {
		const unsigned char *c = r.photo.data + i;
		size_t n = (size_t)c[0] << 24 | c[1] << 16 | c[2] << 8 | c[3];
		char type[5] = { 0 };

		memcpy(type, c + 4, 4);
		if (chunks == 0)
			assert_string_equal(type, "IHDR");
		else if (strstr(" IDAT IEND sRGB gAMA cHRM pHYs ", type) == NULL)
			fail_msg("chunk %s kept", type);
		chunks++;
		i += n + 12;
		if (memcmp(c + 4, "IEND", 4) == 0)
			break;
	}
	assert_int_equal(i, r.photo.len);
	assert_true(chunks >= 3);
	a = decode_png(png, pn, &w, &h);
	b = decode_png(r.photo.data, r.photo.len, &w, &h);
	assert_memory_equal(a, b, (size_t)w * h * 3);
	assert_int_equal(r.width, 100);
	assert_int_equal(r.height, 60);
	free(a);
	free(b);
	assert_int_equal(r.thumb_width, 100);
	assert_clean_jpeg(&r.thumb);
	image_result_free(&r);
	free(rgb);
	free(png);
	free(tiff);
	free(in);
}

/* HEIC becomes JPEG, turned by its own rotation box, without metadata. */
static void
test_heic_to_jpeg(void **state)
{
	unsigned char *rgb = photofix_rgb(96, 64, 0, 1);
	size_t tn, hn;
	unsigned char *tiff = photofix_exif(1, NIGRITA_LAT, NIGRITA_LON, 6, 1,
	    &tn);
	unsigned char *heic = photofix_heic(rgb, 96, 64, tiff, tn, 6, &hn);
	unsigned char *pix;
	struct image_result r;
	struct geo_point g;
	int w, h;

	(void)state;
	assert_true(contains(heic, hn, PHOTOFIX_MAKE));
	assert_int_equal(image_gps(heic, hn, &g), 1);
	assert_true(fabs(g.lat - NIGRITA_LAT) < 1e-6);
	assert_int_equal(image_process(heic, hn, NULL, &r), DM_OK);
	assert_int_equal(r.in_type, IMAGE_HEIC);
	assert_int_equal(r.out_type, IMAGE_JPEG);
	assert_position(&r, NIGRITA_LAT, NIGRITA_LON);
	assert_no_metadata(&r.photo);
	assert_clean_jpeg(&r.photo);
	pix = decode_jpeg(&r.photo, &w, &h);
	/* Rotated 90 degrees clockwise: 64 x 96, blue top left, red top
	 * right (lossy: the colours roughly). */
	assert_int_equal(w, 64);
	assert_int_equal(h, 96);
	assert_int_equal(r.width, 64);
	assert_int_equal(r.height, 96);
	assert_true(pix[(8 * w + 8) * 3 + 2] > 150 &&
	    pix[(8 * w + 8) * 3] < 100);
	assert_true(pix[(8 * w + w - 9) * 3] > 150 &&
	    pix[(8 * w + w - 9) * 3 + 2] < 100);
	free(pix);
	assert_clean_jpeg(&r.thumb);
	image_result_free(&r);
	free(rgb);
	free(tiff);
	free(heic);
}

static void
test_thumbnails(void **state)
{
	static const struct {
		int	w, h, tw, th;
	} cases[] = {
		{ 1000, 500, 320, 160 },
		{ 500, 1000, 160, 320 },
		{ 100, 50, 100, 50 },
		{ 2000, 1, 320, 1 },
		{ 641, 480, 320, 240 },
	};
	struct image_limits lim;

	(void)state;
	image_limits_default(&lim);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		unsigned char *rgb = photofix_rgb(cases[i].w, cases[i].h, 0,
		    1);
		size_t n;
		unsigned char *png = photofix_png(rgb, cases[i].w, cases[i].h,
		    &n);
		unsigned char *jpg, *pix;
		struct image_result r;
		int w, h;

		assert_int_equal(image_process(png, n, &lim, &r), DM_OK);
		assert_int_equal(r.thumb_width, cases[i].tw);
		assert_int_equal(r.thumb_height, cases[i].th);
		pix = decode_jpeg(&r.thumb, &w, &h);
		assert_int_equal(w, cases[i].tw);
		assert_int_equal(h, cases[i].th);
		/* The averaged corner keeps its colour. */
		if (h > 8)
			assert_true(pix[0] > 150 && pix[1] < 100);
		free(pix);
		image_result_free(&r);
		free(png);

		jpg = photofix_jpeg(rgb, cases[i].w, cases[i].h, 85, &n);
		assert_int_equal(image_process(jpg, n, &lim, &r), DM_OK);
		assert_int_equal(r.thumb_width, cases[i].tw);
		assert_int_equal(r.thumb_height, cases[i].th);
		image_result_free(&r);
		free(jpg);
		free(rgb);
	}
}

static void
put_be32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* Decompression bombs: refused from the header, before any decoding
 * (decoding 100000 x 100000 would abort under the sanitizers). */
static void
test_bombs(void **state)
{
	unsigned char *rgb = photofix_rgb(64, 32, 0, 1);
	size_t jn, pn, hn;
	unsigned char *jpg = photofix_jpeg(rgb, 64, 32, 90, &jn);
	unsigned char *png = photofix_png(rgb, 64, 32, &pn);
	unsigned char *heic = photofix_heic(rgb, 64, 32, NULL, 0, 1, &hn);
	struct image_limits lim;
	struct image_result r;
	size_t i;

	(void)state;
	/* A PNG that says it is 100000 x 100000 (checksum fixed). */
	put_be32(png + 16, 100000);
	put_be32(png + 20, 100000);
	put_be32(png + 29, (uint32_t)crc32(0, png + 12, 17));
	assert_int_equal(image_process(png, pn, NULL, &r), DM_ELIMIT);
	assert_null(r.photo.data);
	/* 20000 x 2500 = 50 M pixels, but a side over 12000. */
	put_be32(png + 16, 20000);
	put_be32(png + 20, 2500);
	put_be32(png + 29, (uint32_t)crc32(0, png + 12, 17));
	assert_int_equal(image_process(png, pn, NULL, &r), DM_ELIMIT);
	/* 10000 x 10000: each side fine, too many pixels. */
	put_be32(png + 16, 10000);
	put_be32(png + 20, 10000);
	put_be32(png + 29, (uint32_t)crc32(0, png + 12, 17));
	assert_int_equal(image_process(png, pn, NULL, &r), DM_ELIMIT);

	/* A JPEG whose frame header says 60000 x 60000. */
	for (i = 2; i + 9 < jn; i++)
		if (jpg[i] == 0xff && jpg[i + 1] == 0xc0)
			break;
	assert_true(i + 9 < jn);
	jpg[i + 5] = 60000 >> 8;
	jpg[i + 6] = 60000 & 0xff;
	jpg[i + 7] = 60000 >> 8;
	jpg[i + 8] = 60000 & 0xff;
	assert_int_equal(image_process(jpg, jn, NULL, &r), DM_ELIMIT);

	/* Limits are the configuration's: 2048 pixels is too many here. */
	image_limits_default(&lim);
	lim.max_pixels = 2000;
	free(jpg);
	jpg = photofix_jpeg(rgb, 64, 32, 90, &jn);
	assert_int_equal(image_process(jpg, jn, &lim, &r), DM_ELIMIT);
	assert_int_equal(image_process(heic, hn, &lim, &r), DM_ELIMIT);
	lim.max_pixels = 2048;
	assert_int_equal(image_process(jpg, jn, &lim, &r), DM_OK);
	image_result_free(&r);
	assert_int_equal(image_process(heic, hn, &lim, &r), DM_OK);
	image_result_free(&r);
	lim.max_side = 63;
	assert_int_equal(image_process(heic, hn, &lim, &r), DM_ELIMIT);
	free(rgb);
	free(jpg);
	free(png);
	free(heic);
}

/* Damaged or foreign files are refused as input errors. */
static void
test_damaged(void **state)
{
	unsigned char *rgb = photofix_rgb(64, 32, 10, 1);
	size_t jn, pn, hn;
	unsigned char *jpg = photofix_jpeg(rgb, 64, 32, 90, &jn);
	unsigned char *png = photofix_png(rgb, 64, 32, &pn);
	unsigned char *heic = photofix_heic(rgb, 64, 32, NULL, 0, 1, &hn);
	unsigned char junk[512];
	struct image_result r;
	unsigned char *bad;

	(void)state;
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (unsigned char)(i * 131 + 7);
	assert_int_equal(image_process(junk, sizeof(junk), NULL, &r),
	    DM_EINPUT);
	assert_int_equal(image_process(junk, 0, NULL, &r), DM_EINPUT);
	/* JPEG: cut before the image data; a start with junk after. */
	assert_int_equal(image_process(jpg, 100, NULL, &r), DM_EINPUT);
	/* Cut anywhere before its frame header (SOF): damaged, never "too
	 * large" (TurboJPEG leaves the size unset for such a header). */
	for (size_t n = 2; n + 1 < jn && !(jpg[n] == 0xff &&
	    jpg[n + 1] == 0xc0); n++)
		assert_int_equal(image_process(jpg, n, NULL, &r), DM_EINPUT);
	bad = malloc(sizeof(junk));
	memcpy(bad, jpg, 3);
	memcpy(bad + 3, junk, sizeof(junk) - 3);
	assert_int_equal(image_process(bad, sizeof(junk), NULL, &r),
	    DM_EINPUT);
	free(bad);
	/* PNG: a flipped bit (checksum), no IEND, a critical chunk no one
	 * knows, IDAT that does not inflate. */
	bad = malloc(pn + 12);
	memcpy(bad, png, pn);
	bad[45] ^= 1;
	assert_int_equal(image_process(bad, pn, NULL, &r), DM_EINPUT);
	assert_int_equal(image_process(png, pn - 12, NULL, &r), DM_EINPUT);
	memcpy(bad, png, 33);
	memcpy(bad + 33, "\0\0\0\0ABCD", 8);
	put_be32(bad + 41, (uint32_t)crc32(0, (const unsigned char *)"ABCD",
	    4));
	memcpy(bad + 45, png + 33, pn - 33);
	assert_int_equal(image_process(bad, pn + 12, NULL, &r), DM_EINPUT);
	memcpy(bad, png, pn);
	for (size_t i = 41; i + 16 < pn; i++)	/* scramble IDAT's data */
		bad[i] = (unsigned char)(i * 29);
	{
		/* ... and give it a correct checksum, so libpng must
		 * inflate it to find out. */
		size_t n = (size_t)bad[33] << 24 | bad[34] << 16 |
		    bad[35] << 8 | bad[36];

		put_be32(bad + 41 + n, (uint32_t)crc32(0, bad + 37, n + 4));
	}
	assert_int_equal(image_process(bad, pn, NULL, &r), DM_EINPUT);
	assert_null(r.photo.data);
	assert_null(r.thumb.data);
	free(bad);
	/* HEIC cut in half. */
	assert_int_equal(image_process(heic, hn / 2, NULL, &r), DM_EINPUT);
	free(rgb);
	free(jpg);
	free(png);
	free(heic);
}

/* Positions that are not positions. */
static void
test_gps_edge_cases(void **state)
{
	unsigned char *rgb = photofix_rgb(16, 16, 0, 1);
	size_t jn, tn, mn;
	unsigned char *jpg = photofix_jpeg(rgb, 16, 16, 90, &jn);
	unsigned char *tiff, *in;
	struct geo_point g;

	(void)state;
	/* 0, 0 is what a camera without a fix writes. */
	tiff = photofix_exif(1, 0, 0, 1, 0, &tn);
	in = photofix_jpeg_meta(jpg, jn, tiff, tn, &mn);
	assert_int_equal(image_gps(in, mn, &g), 0);
	free(tiff);
	free(in);
	/* No GPS directory at all. */
	tiff = photofix_exif(0, 0, 0, 1, 0, &tn);
	in = photofix_jpeg_meta(jpg, jn, tiff, tn, &mn);
	assert_int_equal(image_gps(in, mn, &g), 0);
	free(tiff);
	free(in);
	/* A broken reference letter. */
	tiff = photofix_exif(1, NIGRITA_LAT, NIGRITA_LON, 1, 0, &tn);
	for (size_t i = 0; i + 1 < tn; i++)
		if (tiff[i] == 'N' && tiff[i + 1] == 0)
			tiff[i] = 'Q';
	in = photofix_jpeg_meta(jpg, jn, tiff, tn, &mn);
	assert_int_equal(image_gps(in, mn, &g), 0);
	free(in);
	/* A truncated EXIF block. */
	in = photofix_jpeg_meta(jpg, jn, tiff, 30, &mn);
	assert_int_equal(image_gps(in, mn, &g), 0);
	free(tiff);
	free(in);
	assert_int_equal(image_gps(jpg, jn, &g), 0);
	free(rgb);
	free(jpg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_jpeg_gps_removed),
		cmocka_unit_test(test_jpeg_orientation),
		cmocka_unit_test(test_png_metadata_removed),
		cmocka_unit_test(test_heic_to_jpeg),
		cmocka_unit_test(test_thumbnails),
		cmocka_unit_test(test_bombs),
		cmocka_unit_test(test_damaged),
		cmocka_unit_test(test_gps_edge_cases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
