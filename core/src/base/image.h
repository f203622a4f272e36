/*
 * image.h - photos as citizens' phones send them, made safe to keep.
 * Owns: recognising JPEG, PNG and HEIC by content, refusing images too
 * large to decode (before decoding), removing every piece of metadata
 * (EXIF with GPS, XMP, IPTC, comments, text chunks), turning HEIC into
 * JPEG, reading the GPS position before it goes, and thumbnails.
 */
#ifndef DIMOS_IMAGE_H
#define DIMOS_IMAGE_H

#include <stddef.h>

#include "dimos/plugin.h"
#include "geo.h"

enum image_type {
	IMAGE_NONE,
	IMAGE_JPEG,
	IMAGE_PNG,
	IMAGE_HEIC,
	IMAGE__MAX
};

struct image_limits {
	long long	max_pixels;	/* width x height of any image read */
	int		max_side;	/* pixels, either side */
	int		thumb_side;	/* a thumbnail's longer side */
	int		quality;	/* JPEG quality of a converted photo */
	int		thumb_quality;
};

/* Bytes from malloc; image_result_free releases them. */
struct image_buf {
	unsigned char	*data;
	size_t		 len;
};

struct image_result {
	enum image_type	 in_type;
	enum image_type	 out_type;	/* JPEG for JPEG and HEIC, PNG for PNG */
	struct image_buf photo;		/* the image without any metadata */
	struct image_buf thumb;		/* JPEG, within thumb_side */
	int		 width, height;	/* of photo, upright */
	int		 thumb_width, thumb_height;
	int		 has_gps;	/* the input's EXIF had a position */
	struct geo_point gps;
};

/* 50 megapixels, 12000 px a side, 320 px thumbnails, quality 90 / 80. */
void		 image_limits_default(struct image_limits *lim);

/* The type by the first bytes (magic numbers, the HEIF brand). */
enum image_type	 image_sniff(const unsigned char *p, size_t len);
const char	*image_mime(enum image_type t);	/* NULL for IMAGE_NONE */

/*
 * Makes a photo safe to store and show, in one pass:
 *  - the size is read from the header and checked against lim before
 *    anything is decoded (DM_ELIMIT);
 *  - JPEG: losslessly re-written with no marker but the image's own
 *    (APPn, COM and anything after the image are dropped), turned upright
 *    from its EXIF orientation (an edge of partial 8-16 px blocks may be
 *    trimmed when it is turned);
 *  - PNG: only the chunks that draw the image are kept (IHDR, PLTE, tRNS,
 *    gAMA, cHRM, sRGB, iCCP, sBIT, bKGD, pHYs, IDAT, IEND), checksums
 *    verified; nothing after IEND;
 *  - HEIC: decoded (with its rotation and mirroring) and encoded as JPEG;
 *  - the whole image is decoded once for the thumbnail, so a file that
 *    does not decode is refused (DM_EINPUT);
 *  - the EXIF GPS position, when there is a valid one, is returned in
 *    res->gps (the caller decides whether the citizen agreed to use it).
 * On failure nothing is allocated. DM_EINPUT: not a JPEG, PNG or HEIC, or
 * a damaged one; DM_ELIMIT: too many pixels; DM_EINTERNAL: out of memory
 * or a library failure (logged).
 */
dm_status	 image_process(const unsigned char *in, size_t len,
		    const struct image_limits *lim, struct image_result *res);
void		 image_result_free(struct image_result *res);

/*
 * The EXIF GPS position of a JPEG, PNG (eXIf) or HEIC, without decoding
 * the image: 1 and *out when it has a valid one, else 0.
 */
int		 image_gps(const unsigned char *in, size_t len,
		    struct geo_point *out);

#endif /* DIMOS_IMAGE_H */
