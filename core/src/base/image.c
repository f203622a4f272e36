/*
 * image.c - photos made safe to keep (see image.h).
 * JPEG through libjpeg-turbo's TurboJPEG API (lossless transform, scaled
 * decoding), PNG chunk by chunk and decoded with libpng's simplified API,
 * HEIC through libheif, EXIF read with libexif. Every size comes from a
 * header and is checked before a decoder allocates for it.
 */
#include <libexif/exif-data.h>
#include <libheif/heif.h>
#include <png.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>
#include <zlib.h>

#include "image.h"
#include "log.h"

#define EXIF_MAX	(256u << 10)	/* bytes of EXIF we are willing to parse */
#define JPEG_SEGMENTS	4096		/* markers before the image data */

static const unsigned char png_sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n',
	0x1a, '\n' };
static const unsigned char exif_header[6] = { 'E', 'x', 'i', 'f', 0, 0 };

void
image_limits_default(struct image_limits *lim)
{
	lim->max_pixels = 50000000;
	lim->max_side = 12000;
	lim->thumb_side = 320;
	lim->quality = 90;
	lim->thumb_quality = 80;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

enum image_type
image_sniff(const unsigned char *p, size_t len)
{
	static const char *const brands[] = { "heic", "heix", "heim", "heis",
		"hevc", "hevx", "mif1", "msf1" };

	if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return IMAGE_JPEG;
	if (len >= 8 && memcmp(p, png_sig, 8) == 0)
		return IMAGE_PNG;
	if (len >= 12 && memcmp(p + 4, "ftyp", 4) == 0)
		for (size_t i = 0; i < sizeof(brands) / sizeof(brands[0]); i++)
			if (memcmp(p + 8, brands[i], 4) == 0)
				return IMAGE_HEIC;
	return IMAGE_NONE;
}

const char *
image_mime(enum image_type t)
{
	switch (t) {
	case IMAGE_JPEG:
		return "image/jpeg";
	case IMAGE_PNG:
		return "image/png";
	case IMAGE_HEIC:
		return "image/heic";
	default:
		return NULL;
	}
}

static int
within(const struct image_limits *lim, long long w, long long h)
{
	return w > 0 && h > 0 && w <= lim->max_side && h <= lim->max_side &&
	    w * h <= lim->max_pixels;
}

static void
buf_take(struct image_buf *b, const unsigned char *p, size_t n)
{
	if ((b->data = malloc(n ? n : 1)) == NULL)
		abort();
	memcpy(b->data, p, n);
	b->len = n;
}

void
image_result_free(struct image_result *res)
{
	if (res == NULL)
		return;
	free(res->photo.data);
	free(res->thumb.data);
	memset(res, 0, sizeof(*res));
}

/* ------------------------------------------------------------------ EXIF */

/* degrees, minutes, seconds as three rationals; 0 if unusable. */
static int
dms(ExifEntry *e, ExifByteOrder bo, double *out)
{
	double v = 0, unit = 1;

	if (e == NULL || e->format != EXIF_FORMAT_RATIONAL ||
	    e->components != 3 || e->size < 24 || e->data == NULL)
		return 0;
	for (int i = 0; i < 3; i++, unit *= 60) {
		ExifRational r = exif_get_rational(e->data + 8 * i, bo);

		if (r.denominator == 0)
			return 0;
		v += (double)r.numerator / r.denominator / unit;
	}
	*out = v;
	return 1;
}

static int
ref_letter(ExifEntry *e)
{
	if (e == NULL || e->format != EXIF_FORMAT_ASCII || e->size < 1 ||
	    e->data == NULL)
		return 0;
	return e->data[0];
}

/*
 * Reads the orientation (1..8; 1 when absent) and the GPS position from
 * an EXIF block that starts with "Exif\0\0". A position of exactly 0, 0 is
 * what cameras without a fix write: taken as none.
 */
static void
exif_read(const unsigned char *p, size_t n, int *orientation, int *has_gps,
    struct geo_point *gps)
{
	ExifData *ed;
	ExifByteOrder bo;
	ExifEntry *e;
	double lat, lon;
	int la, lo;

	*orientation = 1;
	*has_gps = 0;
	if (n < sizeof(exif_header) + 8 || n > EXIF_MAX ||
	    memcmp(p, exif_header, sizeof(exif_header)) != 0)
		return;
	if ((ed = exif_data_new()) == NULL)
		return;
	/* Read what is there; do not "fix" it into the specification. */
	exif_data_unset_option(ed, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION);
	exif_data_load_data(ed, p, (unsigned)n);
	bo = exif_data_get_byte_order(ed);
	e = exif_content_get_entry(ed->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
	if (e != NULL && e->format == EXIF_FORMAT_SHORT && e->size >= 2 &&
	    e->data != NULL) {
		int o = exif_get_short(e->data, bo);

		if (o >= 1 && o <= 8)
			*orientation = o;
	}
	la = ref_letter(exif_content_get_entry(ed->ifd[EXIF_IFD_GPS],
	    EXIF_TAG_GPS_LATITUDE_REF));
	lo = ref_letter(exif_content_get_entry(ed->ifd[EXIF_IFD_GPS],
	    EXIF_TAG_GPS_LONGITUDE_REF));
	if ((la == 'N' || la == 'S') && (lo == 'E' || lo == 'W') &&
	    dms(exif_content_get_entry(ed->ifd[EXIF_IFD_GPS],
	    EXIF_TAG_GPS_LATITUDE), bo, &lat) &&
	    dms(exif_content_get_entry(ed->ifd[EXIF_IFD_GPS],
	    EXIF_TAG_GPS_LONGITUDE), bo, &lon) && lat <= 90 && lon <= 180 &&
	    (lat != 0 || lon != 0)) {
		gps->lat = la == 'S' ? -lat : lat;
		gps->lon = lo == 'W' ? -lon : lon;
		*has_gps = 1;
	}
	exif_data_unref(ed);
}

/* "Exif\0\0" + a TIFF block found without that header (PNG, HEIC). */
static void
exif_read_tiff(const unsigned char *tiff, size_t n, int *orientation,
    int *has_gps, struct geo_point *gps)
{
	unsigned char *p;

	*orientation = 1;
	*has_gps = 0;
	if (n < 8 || n > EXIF_MAX - sizeof(exif_header))
		return;
	if ((p = malloc(n + sizeof(exif_header))) == NULL)
		abort();
	memcpy(p, exif_header, sizeof(exif_header));
	memcpy(p + sizeof(exif_header), tiff, n);
	exif_read(p, n + sizeof(exif_header), orientation, has_gps, gps);
	free(p);
}

/* ------------------------------------------------------------- pixels */

/* Area-average downscale of RGB: each source pixel counts once. */
static unsigned char *
resize_box(const unsigned char *src, int sw, int sh, size_t pitch, int dw,
    int dh)
{
	unsigned char *dst = malloc((size_t)dw * (size_t)dh * 3);

	if (dst == NULL)
		abort();
	for (int oy = 0; oy < dh; oy++) {
		int y0 = (int)((long long)oy * sh / dh);
		int y1 = (int)((long long)(oy + 1) * sh / dh);

		if (y1 <= y0)
			y1 = y0 + 1;
		for (int ox = 0; ox < dw; ox++) {
			int x0 = (int)((long long)ox * sw / dw);
			int x1 = (int)((long long)(ox + 1) * sw / dw);
			unsigned long long sum[3] = { 0, 0, 0 }, cnt;

			if (x1 <= x0)
				x1 = x0 + 1;
			for (int y = y0; y < y1; y++) {
				const unsigned char *s = src + (size_t)y *
				    pitch + (size_t)x0 * 3;

				for (int x = x0; x < x1; x++, s += 3) {
					sum[0] += s[0];
					sum[1] += s[1];
					sum[2] += s[2];
				}
			}
			cnt = (unsigned long long)(y1 - y0) *
			    (unsigned long long)(x1 - x0);
			for (int c = 0; c < 3; c++)
				dst[((size_t)oy * dw + ox) * 3 + c] =
				    (unsigned char)((sum[c] + cnt / 2) / cnt);
		}
	}
	return dst;
}

/* The size that fits w x h within side, keeping the aspect; never up. */
static void
fit(int w, int h, int side, int *dw, int *dh)
{
	if (w <= side && h <= side) {
		*dw = w;
		*dh = h;
	} else if (w >= h) {
		*dw = side;
		*dh = (int)(((long long)h * side + w / 2) / w);
	} else {
		*dh = side;
		*dw = (int)(((long long)w * side + h / 2) / h);
	}
	if (*dw < 1)
		*dw = 1;
	if (*dh < 1)
		*dh = 1;
}

static dm_status
encode_jpeg(const unsigned char *rgb, int w, int h, size_t pitch,
    int quality, struct image_buf *out)
{
	tjhandle tj = tjInitCompress();
	unsigned char *jpg = NULL;
	unsigned long size = 0;
	dm_status st = DM_OK;

	if (tj == NULL)
		abort();
	if (tjCompress2(tj, rgb, w, (int)pitch, h, TJPF_RGB, &jpg, &size,
	    TJSAMP_420, quality, 0) != 0) {
		log_error("image: cannot encode a JPEG: %s",
		    tjGetErrorStr2(tj));
		st = DM_EINTERNAL;
	} else
		buf_take(out, jpg, size);
	tjFree(jpg);
	tjDestroy(tj);
	return st;
}

/*
 * The thumbnail of a w x h RGB image as dw x dh (at most w x h): the size
 * fit() gave for the full image, which a JPEG decoded at a reduced scale
 * may exceed by a rounding.
 */
static dm_status
thumb_from_rgb(const unsigned char *rgb, int w, int h, size_t pitch, int dw,
    int dh, const struct image_limits *lim, struct image_result *res)
{
	unsigned char *small;
	dm_status st;

	if (dw > w)
		dw = w;
	if (dh > h)
		dh = h;
	if (dw == w && dh == h)
		st = encode_jpeg(rgb, w, h, pitch, lim->thumb_quality,
		    &res->thumb);
	else {
		small = resize_box(rgb, w, h, pitch, dw, dh);
		st = encode_jpeg(small, dw, dh, (size_t)dw * 3,
		    lim->thumb_quality, &res->thumb);
		free(small);
	}
	if (st == DM_OK) {
		res->thumb_width = dw;
		res->thumb_height = dh;
	}
	return st;
}

/* ------------------------------------------------------------------- JPEG */

/*
 * The EXIF APP1 segment's payload (from "Exif\0\0") of a JPEG, walking
 * the markers up to the image data. NULL when there is none.
 */
static const unsigned char *
jpeg_exif(const unsigned char *p, size_t len, size_t *n)
{
	size_t i = 2;

	for (int seg = 0; seg < JPEG_SEGMENTS; seg++) {
		unsigned marker;
		size_t slen;

		if (i >= len || p[i] != 0xff)
			return NULL;
		while (i < len && p[i] == 0xff)
			i++;
		if (i >= len)
			return NULL;
		marker = p[i++];
		if (marker == 0xd8 || marker == 0x01 ||
		    (marker >= 0xd0 && marker <= 0xd7))
			continue;		/* no length */
		if (marker == 0xda || marker == 0xd9)
			return NULL;		/* image data: no EXIF after */
		if (i + 2 > len)
			return NULL;
		slen = (size_t)p[i] << 8 | p[i + 1];
		if (slen < 2 || i + slen > len)
			return NULL;
		if (marker == 0xe1 && slen - 2 >= sizeof(exif_header) &&
		    memcmp(p + i + 2, exif_header, sizeof(exif_header)) == 0) {
			*n = slen - 2;
			return p + i + 2;
		}
		i += slen;
	}
	return NULL;
}

/* EXIF orientation 1..8 -> the lossless transform that makes it upright. */
static int
orientation_op(int o)
{
	static const int op[9] = { TJXOP_NONE, TJXOP_NONE, TJXOP_HFLIP,
		TJXOP_ROT180, TJXOP_VFLIP, TJXOP_TRANSPOSE, TJXOP_ROT90,
		TJXOP_TRANSVERSE, TJXOP_ROT270 };

	return o >= 1 && o <= 8 ? op[o] : TJXOP_NONE;
}

/* Decodes a JPEG scaled down to at least the thumbnail's size. */
static dm_status
jpeg_thumb(const unsigned char *jpg, size_t len,
    const struct image_limits *lim, struct image_result *res)
{
	tjhandle tj = tjInitDecompress();
	tjscalingfactor *sf;
	int w = 0, h = 0, sub = 0, cs = 0, nsf, sw, sh, tw, th, best = -1;
	unsigned char *pix = NULL;
	dm_status st = DM_EINPUT;

	if (tj == NULL)
		abort();
	if (tjDecompressHeader3(tj, jpg, len, &w, &h, &sub, &cs) != 0 ||
	    w < 1 || h < 1)
		goto out;
	sf = tjGetScalingFactors(&nsf);
	/* The smallest scale that still covers the thumbnail box. */
	for (int i = 0; sf != NULL && i < nsf; i++) {
		int cw = TJSCALED(w, sf[i]), ch = TJSCALED(h, sf[i]);

		if (sf[i].num > sf[i].denom)
			continue;
		if ((cw >= lim->thumb_side || ch >= lim->thumb_side ||
		    (sf[i].num == 1 && sf[i].denom == 1)) &&
		    (best < 0 || (long long)cw * ch < (long long)TJSCALED(w,
		    sf[best]) * TJSCALED(h, sf[best])))
			best = i;
	}
	sw = best < 0 ? w : TJSCALED(w, sf[best]);
	sh = best < 0 ? h : TJSCALED(h, sf[best]);
	if (cs == TJCS_CMYK || cs == TJCS_YCCK) {
		unsigned char *cmyk = malloc((size_t)sw * sh * 4);

		if (cmyk == NULL)
			abort();
		if (tjDecompress2(tj, jpg, len, cmyk, sw, 0, sh, TJPF_CMYK,
		    TJFLAG_LIMITSCANS) != 0 && tjGetErrorCode(tj) !=
		    TJERR_WARNING) {
			free(cmyk);
			goto out;
		}
		/* Adobe's inverted CMYK, as libjpeg returns it. */
		pix = malloc((size_t)sw * sh * 3);
		if (pix == NULL)
			abort();
		for (size_t i = 0; i < (size_t)sw * sh; i++)
			for (int c = 0; c < 3; c++)
				pix[i * 3 + c] = (unsigned char)(cmyk[i * 4 +
				    c] * cmyk[i * 4 + 3] / 255);
		free(cmyk);
	} else {
		pix = malloc((size_t)sw * sh * 3);
		if (pix == NULL)
			abort();
		if (tjDecompress2(tj, jpg, len, pix, sw, 0, sh, TJPF_RGB,
		    TJFLAG_LIMITSCANS) != 0 && tjGetErrorCode(tj) !=
		    TJERR_WARNING)
			goto out;
	}
	fit(w, h, lim->thumb_side, &tw, &th);
	st = thumb_from_rgb(pix, sw, sh, (size_t)sw * 3, tw, th, lim, res);
out:
	free(pix);
	tjDestroy(tj);
	return st;
}

static dm_status
process_jpeg(const unsigned char *in, size_t len,
    const struct image_limits *lim, struct image_result *res)
{
	tjhandle tj = tjInitTransform();
	tjtransform xf;
	const unsigned char *exif;
	unsigned char *out = NULL;
	unsigned long outlen = 0;
	size_t exiflen = 0;
	/* TurboJPEG may answer a header cut short (tables only, no frame)
	 * without setting the size: 0 until it says otherwise. */
	int w = 0, h = 0, sub = 0, cs = 0, orientation = 1;
	dm_status st = DM_EINPUT;

	if (tj == NULL)
		abort();
	if (tjDecompressHeader3(tj, in, len, &w, &h, &sub, &cs) != 0 ||
	    w < 1 || h < 1)
		goto out;
	if (!within(lim, w, h)) {
		st = DM_ELIMIT;
		goto out;
	}
	if ((exif = jpeg_exif(in, len, &exiflen)) != NULL)
		exif_read(exif, exiflen, &orientation, &res->has_gps,
		    &res->gps);
	memset(&xf, 0, sizeof(xf));
	xf.op = orientation_op(orientation);
	xf.options = TJXOPT_COPYNONE | (xf.op != TJXOP_NONE ? TJXOPT_TRIM :
	    0);
	if (tjTransform(tj, in, len, 1, &out, &outlen, &xf,
	    TJFLAG_LIMITSCANS) != 0 && tjGetErrorCode(tj) != TJERR_WARNING)
		goto out;
	if (out == NULL || outlen == 0)
		goto out;
	buf_take(&res->photo, out, outlen);
	if ((st = jpeg_thumb(res->photo.data, res->photo.len, lim, res)) !=
	    DM_OK)
		goto out;
	{
		tjhandle d = tjInitDecompress();

		if (d == NULL)
			abort();
		if (tjDecompressHeader3(d, res->photo.data, res->photo.len,
		    &res->width, &res->height, &sub, &cs) != 0)
			st = DM_EINPUT;
		tjDestroy(d);
	}
	res->out_type = IMAGE_JPEG;
out:
	tjFree(out);
	tjDestroy(tj);
	return st;
}

/* -------------------------------------------------------------------- PNG */

/* Ancillary chunks that only say how to draw the pixels. */
static int
png_keep(const unsigned char *type)
{
	static const char keep[][5] = { "IHDR", "PLTE", "IDAT", "IEND",
		"tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD",
		"pHYs" };

	for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
		if (memcmp(type, keep[i], 4) == 0)
			return 1;
	return 0;
}

static int
png_type_ok(const unsigned char *t)
{
	for (int i = 0; i < 4; i++)
		if (!((t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' &&
		    t[i] <= 'z')))
			return 0;
	return 1;
}

/*
 * Walks the chunks: checks the header, every length and checksum, and
 * copies the kept chunks into out (when not NULL). Finds eXIf on the way.
 */
static dm_status
png_walk(const unsigned char *in, size_t len, const struct image_limits *lim,
    struct image_buf *out, const unsigned char **exif, size_t *exiflen,
    int *w, int *h)
{
	size_t i = 8, o = 8;
	int seen_ihdr = 0;

	*exif = NULL;
	if (len < 8 || memcmp(in, png_sig, 8) != 0)
		return DM_EINPUT;
	if (out != NULL) {
		if ((out->data = malloc(len)) == NULL)
			abort();
		memcpy(out->data, png_sig, 8);
	}
	while (i + 12 <= len) {
		uint32_t n = be32(in + i);
		const unsigned char *type = in + i + 4, *data = in + i + 8;

		if (n > 0x7fffffffu || n > len - i - 12 || !png_type_ok(type))
			goto bad;
		if (be32(data + n) != (uint32_t)crc32(crc32(0, NULL, 0), type,
		    n + 4))
			goto bad;
		if (!seen_ihdr) {
			if (memcmp(type, "IHDR", 4) != 0 || n != 13)
				goto bad;
			*w = (int)(be32(data) & 0x7fffffff);
			*h = (int)(be32(data + 4) & 0x7fffffff);
			if (be32(data) > 0x7fffffffu ||
			    be32(data + 4) > 0x7fffffffu || *w == 0 || *h == 0)
				goto bad;
			if (!within(lim, *w, *h)) {
				if (out != NULL) {
					free(out->data);
					out->data = NULL;
				}
				return DM_ELIMIT;
			}
			seen_ihdr = 1;
		} else if (memcmp(type, "IHDR", 4) == 0)
			goto bad;
		if (memcmp(type, "eXIf", 4) == 0 && *exif == NULL) {
			*exif = data;
			*exiflen = n;
		}
		/* An unknown critical chunk: no decoder could draw it. */
		if (!png_keep(type) && (type[0] & 0x20) == 0)
			goto bad;
		if (png_keep(type) && out != NULL) {
			memcpy(out->data + o, in + i, (size_t)n + 12);
			o += (size_t)n + 12;
		}
		i += (size_t)n + 12;
		if (memcmp(type, "IEND", 4) == 0) {
			if (out != NULL)
				out->len = o;
			return DM_OK;	/* anything after IEND is dropped */
		}
	}
bad:
	if (out != NULL) {
		free(out->data);
		out->data = NULL;
	}
	return DM_EINPUT;
}

static dm_status
process_png(const unsigned char *in, size_t len,
    const struct image_limits *lim, struct image_result *res)
{
	png_image img;
	png_color bg = { 255, 255, 255 };
	const unsigned char *exif;
	unsigned char *pix;
	size_t exiflen = 0;
	int w = 0, h = 0, tw, th, orientation;
	dm_status st;

	if ((st = png_walk(in, len, lim, &res->photo, &exif, &exiflen, &w,
	    &h)) != DM_OK)
		return st;
	if (exif != NULL)
		exif_read_tiff(exif, exiflen, &orientation, &res->has_gps,
		    &res->gps);
	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, res->photo.data,
	    res->photo.len)) {
		png_image_free(&img);
		return DM_EINPUT;
	}
	if ((long long)img.width != w || (long long)img.height != h) {
		png_image_free(&img);
		return DM_EINPUT;
	}
	img.format = PNG_FORMAT_RGB;
	if ((pix = malloc(PNG_IMAGE_SIZE(img))) == NULL)
		abort();
	if (!png_image_finish_read(&img, &bg, pix, 0, NULL)) {
		png_image_free(&img);
		free(pix);
		return DM_EINPUT;
	}
	fit(w, h, lim->thumb_side, &tw, &th);
	st = thumb_from_rgb(pix, w, h, (size_t)w * 3, tw, th, lim, res);
	free(pix);
	png_image_free(&img);
	res->width = w;
	res->height = h;
	res->out_type = IMAGE_PNG;
	return st;
}

/* ------------------------------------------------------------------- HEIC */

static int heif_ready;

/* Reads the container and its primary image's header; no pixels yet. */
static dm_status
heif_open(const unsigned char *in, size_t len, const struct image_limits *lim,
    struct heif_context **ctxp, struct heif_image_handle **hd)
{
	struct heif_context *ctx;
	struct heif_error err;

	if (!heif_ready) {
		heif_init(NULL);
		heif_ready = 1;
	}
	if ((ctx = heif_context_alloc()) == NULL)
		abort();
	heif_context_set_maximum_image_size_limit(ctx, lim->max_side);
	err = heif_context_read_from_memory_without_copy(ctx, in, len, NULL);
	if (err.code == heif_error_Ok)
		err = heif_context_get_primary_image_handle(ctx, hd);
	if (err.code != heif_error_Ok) {
		heif_context_free(ctx);
		return err.subcode == heif_suberror_Security_limit_exceeded ?
		    DM_ELIMIT : DM_EINPUT;
	}
	*ctxp = ctx;
	return DM_OK;
}

/* The handle's EXIF: 4 bytes of offset to the TIFF header, then data. */
static void
heif_exif(struct heif_image_handle *hd, int *orientation, int *has_gps,
    struct geo_point *gps)
{
	heif_item_id id;
	unsigned char *p;
	size_t n;
	uint32_t skip;

	*orientation = 1;
	*has_gps = 0;
	if (heif_image_handle_get_list_of_metadata_block_IDs(hd, "Exif", &id,
	    1) < 1)
		return;
	n = heif_image_handle_get_metadata_size(hd, id);
	if (n < 4 + 8 || n > EXIF_MAX)
		return;
	if ((p = malloc(n)) == NULL)
		abort();
	if (heif_image_handle_get_metadata(hd, id, p).code == heif_error_Ok) {
		skip = be32(p);
		if (skip <= n - 4 - 8) {
			if (n - 4 - skip >= sizeof(exif_header) + 8 &&
			    memcmp(p + 4 + skip, exif_header,
			    sizeof(exif_header)) == 0)
				exif_read(p + 4 + skip, n - 4 - skip,
				    orientation, has_gps, gps);
			else
				exif_read_tiff(p + 4 + skip, n - 4 - skip,
				    orientation, has_gps, gps);
		}
	}
	free(p);
}

static dm_status
process_heic(const unsigned char *in, size_t len,
    const struct image_limits *lim, struct image_result *res)
{
	struct heif_image_handle *hd = NULL;
	struct heif_context *ctx;
	struct heif_decoding_options *opt;
	struct heif_image *img = NULL;
	struct heif_error err;
	const uint8_t *rgb;
	int w, h, tw, th, stride, orientation;
	dm_status st;

	if ((st = heif_open(in, len, lim, &ctx, &hd)) != DM_OK)
		return st;
	w = heif_image_handle_get_width(hd);
	h = heif_image_handle_get_height(hd);
	if (w < 1 || h < 1 || !within(lim, w, h)) {
		heif_image_handle_release(hd);
		heif_context_free(ctx);
		return w < 1 || h < 1 ? DM_EINPUT : DM_ELIMIT;
	}
	/* The position only: HEIF's own boxes say how to turn the image. */
	heif_exif(hd, &orientation, &res->has_gps, &res->gps);
	if ((opt = heif_decoding_options_alloc()) == NULL)
		abort();
	opt->convert_hdr_to_8bit = 1;
	err = heif_decode_image(hd, &img, heif_colorspace_RGB,
	    heif_chroma_interleaved_RGB, opt);
	heif_decoding_options_free(opt);
	if (err.code != heif_error_Ok || img == NULL ||
	    (rgb = heif_image_get_plane_readonly(img,
	    heif_channel_interleaved, &stride)) == NULL) {
		st = err.code == heif_error_Memory_allocation_error ?
		    DM_EINTERNAL : DM_EINPUT;
		goto out;
	}
	w = heif_image_get_width(img, heif_channel_interleaved);
	h = heif_image_get_height(img, heif_channel_interleaved);
	if (!within(lim, w, h) || stride < w * 3) {
		st = DM_EINPUT;
		goto out;
	}
	if ((st = encode_jpeg(rgb, w, h, (size_t)stride, lim->quality,
	    &res->photo)) != DM_OK)
		goto out;
	fit(w, h, lim->thumb_side, &tw, &th);
	if ((st = thumb_from_rgb(rgb, w, h, (size_t)stride, tw, th, lim,
	    res)) != DM_OK)
		goto out;
	res->width = w;
	res->height = h;
	res->out_type = IMAGE_JPEG;
out:
	heif_image_release(img);
	heif_image_handle_release(hd);
	heif_context_free(ctx);
	return st;
}

/* ---------------------------------------------------------------- public */

dm_status
image_process(const unsigned char *in, size_t len,
    const struct image_limits *lim, struct image_result *res)
{
	struct image_limits def;
	dm_status st;

	memset(res, 0, sizeof(*res));
	if (lim == NULL) {
		image_limits_default(&def);
		lim = &def;
	}
	if (len > (size_t)INT32_MAX)
		return DM_ELIMIT;
	res->in_type = image_sniff(in, len);
	switch (res->in_type) {
	case IMAGE_JPEG:
		st = process_jpeg(in, len, lim, res);
		break;
	case IMAGE_PNG:
		st = process_png(in, len, lim, res);
		break;
	case IMAGE_HEIC:
		st = process_heic(in, len, lim, res);
		break;
	default:
		st = DM_EINPUT;
		break;
	}
	if (st != DM_OK) {
		enum image_type t = res->in_type;

		image_result_free(res);
		res->in_type = t;
	}
	return st;
}

int
image_gps(const unsigned char *in, size_t len, struct geo_point *out)
{
	struct image_limits lim;
	const unsigned char *exif;
	size_t n = 0;
	int orientation, has = 0, w, h;

	image_limits_default(&lim);
	lim.max_pixels = INT64_MAX / 4;
	lim.max_side = INT32_MAX;
	switch (image_sniff(in, len)) {
	case IMAGE_JPEG:
		if ((exif = jpeg_exif(in, len, &n)) != NULL)
			exif_read(exif, n, &orientation, &has, out);
		break;
	case IMAGE_PNG:
		if (png_walk(in, len, &lim, NULL, &exif, &n, &w, &h) == DM_OK &&
		    exif != NULL)
			exif_read_tiff(exif, n, &orientation, &has, out);
		break;
	case IMAGE_HEIC: {
		struct heif_image_handle *hd = NULL;
		struct heif_context *ctx = NULL;

		lim.max_side = 1 << 20;
		if (heif_open(in, len, &lim, &ctx, &hd) == DM_OK) {
			heif_exif(hd, &orientation, &has, out);
			heif_image_handle_release(hd);
			heif_context_free(ctx);
		}
		break;
	}
	default:
		break;
	}
	return has;
}
