/*
 * photofix.c - test photos with metadata (see photofix.h). The TIFF/EXIF
 * block is written by hand here, independently of the libexif reader the
 * code under test uses.
 */
#include <libheif/heif.h>
#include <math.h>
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>
#include <zlib.h>

#include "photofix.h"

struct bytes {
	unsigned char	*p;
	size_t		 len, cap;
};

static void
put(struct bytes *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		if ((b->p = realloc(b->p, b->cap)) == NULL)
			abort();
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void
put_be32(struct bytes *b, uint32_t v)
{
	unsigned char x[4] = { v >> 24, v >> 16, v >> 8, v };

	put(b, x, 4);
}

unsigned char *
photofix_rgb(int w, int h, int noise, unsigned seed)
{
	static const unsigned char quad[4][3] = { { 220, 30, 30 },
		{ 30, 200, 40 }, { 30, 40, 210 }, { 250, 250, 250 } };
	unsigned char *p = malloc((size_t)w * h * 3);
	uint32_t r = seed ? seed : 1;

	if (p == NULL)
		abort();
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			const unsigned char *q = quad[(y >= h / 2) * 2 +
			    (x >= w / 2)];

			for (int c = 0; c < 3; c++) {
				int v = q[c];

				if (noise > 0) {
					r = r * 1103515245u + 12345u;
					v += (int)((r >> 16) % (2u * noise +
					    1)) - noise;
				}
				p[((size_t)y * w + x) * 3 + c] =
				    (unsigned char)(v < 0 ? 0 : v > 255 ? 255 :
				    v);
			}
		}
	return p;
}

/* ------------------------------------------------------------------ TIFF */

struct tiff {
	struct bytes	b;
	int		be;
};

static void
t16(struct tiff *t, size_t at, unsigned v)
{
	t->b.p[at] = t->be ? v >> 8 : v;
	t->b.p[at + 1] = t->be ? v : v >> 8;
}

static void
t32(struct tiff *t, size_t at, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		t->b.p[at + i] = t->be ? v >> (24 - 8 * i) : v >> (8 * i);
}

static size_t
reserve(struct tiff *t, size_t n)
{
	static const unsigned char zero[64];
	size_t at = t->b.len;

	while (n > 0) {
		size_t k = n > sizeof(zero) ? sizeof(zero) : n;

		put(&t->b, zero, k);
		n -= k;
	}
	return at;
}

/* One 12-byte IFD entry at `at`. */
static void
entry(struct tiff *t, size_t at, unsigned tag, unsigned type, uint32_t count,
    uint32_t value)
{
	t16(t, at, tag);
	t16(t, at + 2, type);
	t32(t, at + 4, count);
	if (type == 3 && count == 1) {
		t32(t, at + 8, 0);
		t16(t, at + 8, value);
	} else
		t32(t, at + 8, value);
}

static void
rational3(struct tiff *t, size_t at, double deg)
{
	double m = (deg - floor(deg)) * 60;
	uint32_t v[6] = { (uint32_t)floor(deg), 1, (uint32_t)floor(m), 1,
		(uint32_t)llround((m - floor(m)) * 60 * 10000), 10000 };

	for (int i = 0; i < 6; i++)
		t32(t, at + 4 * (size_t)i, v[i]);
}

unsigned char *
photofix_exif(int has_gps, double lat, double lon, int orientation,
    int big_endian, size_t *len)
{
	struct tiff t = { { NULL, 0, 0 }, big_endian };
	size_t ifd0, gps = 0, make, latv, lonv;
	unsigned n0 = 1 + (orientation > 0) + (has_gps != 0), k = 0;

	put(&t.b, big_endian ? "MM\0*" : "II*\0", 4);
	reserve(&t, 4);
	t32(&t, 4, 8);
	ifd0 = reserve(&t, 2 + 12 * n0 + 4);
	t16(&t, ifd0, n0);
	make = reserve(&t, sizeof(PHOTOFIX_MAKE));
	memcpy(t.b.p + make, PHOTOFIX_MAKE, sizeof(PHOTOFIX_MAKE));
	entry(&t, ifd0 + 2 + 12 * k++, 0x010f, 2, sizeof(PHOTOFIX_MAKE),
	    (uint32_t)make);
	if (orientation > 0)
		entry(&t, ifd0 + 2 + 12 * k++, 0x0112, 3, 1,
		    (uint32_t)orientation);
	if (has_gps) {
		gps = reserve(&t, 2 + 12 * 5 + 4);
		entry(&t, ifd0 + 2 + 12 * k++, 0x8825, 4, 1, (uint32_t)gps);
		latv = reserve(&t, 24);
		lonv = reserve(&t, 24);
		rational3(&t, latv, fabs(lat));
		rational3(&t, lonv, fabs(lon));
		t16(&t, gps, 5);
		entry(&t, gps + 2, 0x0000, 1, 4, 0);
		t.b.p[gps + 2 + 8] = 2;
		t.b.p[gps + 2 + 9] = 3;
		entry(&t, gps + 14, 0x0001, 2, 2, 0);
		t.b.p[gps + 14 + 8] = lat < 0 ? 'S' : 'N';
		entry(&t, gps + 26, 0x0002, 5, 3, (uint32_t)latv);
		entry(&t, gps + 38, 0x0003, 2, 2, 0);
		t.b.p[gps + 38 + 8] = lon < 0 ? 'W' : 'E';
		entry(&t, gps + 50, 0x0004, 5, 3, (uint32_t)lonv);
	}
	*len = t.b.len;
	return t.b.p;
}

/* ------------------------------------------------------------------ JPEG */

unsigned char *
photofix_jpeg(const unsigned char *rgb, int w, int h, int quality,
    size_t *len)
{
	tjhandle tj = tjInitCompress();
	unsigned char *jpg = NULL, *out;
	unsigned long size = 0;

	if (tj == NULL || tjCompress2(tj, rgb, w, 0, h, TJPF_RGB, &jpg,
	    &size, TJSAMP_420, quality, 0) != 0)
		abort();
	if ((out = malloc(size)) == NULL)
		abort();
	memcpy(out, jpg, size);
	*len = size;
	tjFree(jpg);
	tjDestroy(tj);
	return out;
}

static void
segment(struct bytes *b, unsigned marker, const void *p, size_t n)
{
	unsigned char h[4] = { 0xff, marker, (n + 2) >> 8, (n + 2) & 0xff };

	put(b, h, 4);
	put(b, p, n);
}

static const char xmp[] =
    "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf="
    "\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description "
    "xmlns:exif=\"http://ns.adobe.com/exif/1.0/\" "
    PHOTOFIX_XMP_MARK "=\"40,54.468N\" exif:GPSLongitude=\"23,30.030E\"/>"
    "</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";

unsigned char *
photofix_jpeg_meta(const unsigned char *jpg, size_t len,
    const unsigned char *tiff, size_t tifflen, size_t *outlen)
{
	static const char xmp_ns[] = "http://ns.adobe.com/xap/1.0/";
	static const char iptc[] = "Photoshop 3.0\0008BIM\004\004\0\0\0\0\0\x14"
	    "\x1c\x02\x78\0\x0f" PHOTOFIX_TEXT_MARK;
	struct bytes b = { NULL, 0, 0 }, s = { NULL, 0, 0 };

	put(&b, jpg, 2);	/* SOI */
	if (tiff != NULL) {
		put(&s, "Exif\0\0", 6);
		put(&s, tiff, tifflen);
		segment(&b, 0xe1, s.p, s.len);
	}
	s.len = 0;
	put(&s, xmp_ns, sizeof(xmp_ns));
	put(&s, xmp, sizeof(xmp) - 1);
	segment(&b, 0xe1, s.p, s.len);
	segment(&b, 0xed, iptc, sizeof(iptc) - 1);
	segment(&b, 0xfe, PHOTOFIX_TEXT_MARK, sizeof(PHOTOFIX_TEXT_MARK) - 1);
	put(&b, jpg + 2, len - 2);
	put(&b, PHOTOFIX_TEXT_MARK, sizeof(PHOTOFIX_TEXT_MARK) - 1);
	free(s.p);
	*outlen = b.len;
	return b.p;
}

/* ------------------------------------------------------------------- PNG */

unsigned char *
photofix_png(const unsigned char *rgb, int w, int h, size_t *len)
{
	png_image img;
	png_alloc_size_t size = 0;
	unsigned char *out;

	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	img.width = (png_uint_32)w;
	img.height = (png_uint_32)h;
	img.format = PNG_FORMAT_RGB;
	if (!png_image_write_to_memory(&img, NULL, &size, 0, rgb, 0, NULL))
		abort();
	if ((out = malloc(size)) == NULL)
		abort();
	if (!png_image_write_to_memory(&img, out, &size, 0, rgb, 0, NULL))
		abort();
	*len = size;
	return out;
}

static void
chunk(struct bytes *b, const char *type, const void *p, size_t n)
{
	uLong crc = crc32(0, (const Bytef *)type, 4);

	if (n > 0)
		crc = crc32(crc, p, (uInt)n);
	put_be32(b, (uint32_t)n);
	put(b, type, 4);
	if (n > 0)
		put(b, p, n);
	put_be32(b, (uint32_t)crc);
}

unsigned char *
photofix_png_meta(const unsigned char *png, size_t len,
    const unsigned char *tiff, size_t tifflen, size_t *outlen)
{
	static const char text[] = "Comment\0" PHOTOFIX_TEXT_MARK;
	static const char time[] = { 0x07, (char)0xea, 1, 2, 3, 4, 5 };
	struct bytes b = { NULL, 0, 0 }, x = { NULL, 0, 0 };
	size_t ihdr_end = 8 + 12 + 13;

	put(&b, png, ihdr_end);
	if (tiff != NULL)
		chunk(&b, "eXIf", tiff, tifflen);
	chunk(&b, "tEXt", text, sizeof(text) - 1);
	{
		unsigned char z[128];
		uLongf zn = sizeof(z);

		put(&x, "Author\0\0", 8);
		if (compress(z, &zn, (const Bytef *)PHOTOFIX_TEXT_MARK,
		    sizeof(PHOTOFIX_TEXT_MARK) - 1) != Z_OK)
			abort();
		put(&x, z, zn);
		chunk(&b, "zTXt", x.p, x.len);
		x.len = 0;
	}
	put(&x, "XML:com.adobe.xmp\0\0\0\0\0", 22);
	put(&x, xmp, sizeof(xmp) - 1);
	chunk(&b, "iTXt", x.p, x.len);
	chunk(&b, "tIME", time, sizeof(time));
	chunk(&b, "prVt", PHOTOFIX_TEXT_MARK, sizeof(PHOTOFIX_TEXT_MARK) - 1);
	put(&b, png + ihdr_end, len - ihdr_end);
	put(&b, PHOTOFIX_TEXT_MARK, sizeof(PHOTOFIX_TEXT_MARK) - 1);
	free(x.p);
	*outlen = b.len;
	return b.p;
}

/* ------------------------------------------------------------------ HEIC */

static struct heif_error
heic_write(struct heif_context *ctx, const void *data, size_t size,
    void *userdata)
{
	struct heif_error ok = { heif_error_Ok, heif_suberror_Unspecified,
		"" };

	(void)ctx;
	put(userdata, data, size);
	return ok;
}

unsigned char *
photofix_heic(const unsigned char *rgb, int w, int h,
    const unsigned char *tiff, size_t tifflen, int orientation, size_t *len)
{
	struct heif_context *ctx = heif_context_alloc();
	struct heif_encoder *enc = NULL;
	struct heif_image *img = NULL;
	struct heif_image_handle *hd = NULL;
	struct heif_encoding_options *opt = heif_encoding_options_alloc();
	struct heif_writer wr = { 1, heic_write };
	struct bytes b = { NULL, 0, 0 };
	uint8_t *plane;
	int stride;

	if (heif_context_get_encoder_for_format(ctx, heif_compression_HEVC,
	    &enc).code != heif_error_Ok) {
		fprintf(stderr, "photofix: no HEVC encoder in libheif\n");
		abort();
	}
	heif_encoder_set_lossy_quality(enc, 85);
	if (heif_image_create(w, h, heif_colorspace_RGB,
	    heif_chroma_interleaved_RGB, &img).code != heif_error_Ok ||
	    heif_image_add_plane(img, heif_channel_interleaved, w, h,
	    8).code != heif_error_Ok)
		abort();
	plane = heif_image_get_plane(img, heif_channel_interleaved, &stride);
	for (int y = 0; y < h; y++)
		memcpy(plane + (size_t)y * stride, rgb + (size_t)y * w * 3,
		    (size_t)w * 3);
	if (orientation >= 1 && orientation <= 8)
		opt->image_orientation = (enum heif_orientation)orientation;
	if (heif_context_encode_image(ctx, img, enc, opt, &hd).code !=
	    heif_error_Ok)
		abort();
	if (tiff != NULL && heif_context_add_exif_metadata(ctx, hd, tiff,
	    (int)tifflen).code != heif_error_Ok)
		abort();
	if (heif_context_write(ctx, &wr, &b).code != heif_error_Ok)
		abort();
	heif_image_handle_release(hd);
	heif_image_release(img);
	heif_encoder_release(enc);
	heif_encoding_options_free(opt);
	heif_context_free(ctx);
	*len = b.len;
	return b.p;
}
