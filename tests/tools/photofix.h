/*
 * photofix.h - photos for tests and benchmarks, made the way phones make
 * them: JPEG, PNG and HEIC with EXIF (GPS, orientation), XMP, IPTC,
 * comments and text chunks, so that removing them can be checked.
 * Owns nothing else; every buffer returned is malloc'd (free it).
 */
#ifndef DIMOS_PHOTOFIX_H
#define DIMOS_PHOTOFIX_H

#include <stddef.h>

/*
 * w x h RGB, four quadrants of distinct colours (top-left red, top-right
 * green, bottom-left blue, bottom-right white), with noise of `noise`
 * levels (0: flat colours; large: big files) from the seed.
 */
unsigned char	*photofix_rgb(int w, int h, int noise, unsigned seed);

/* A TIFF (EXIF) block: Make, Orientation (1..8, 0: none), and a GPS IFD
 * when has_gps; big_endian picks "MM" over "II". */
unsigned char	*photofix_exif(int has_gps, double lat, double lon,
		    int orientation, int big_endian, size_t *len);

unsigned char	*photofix_jpeg(const unsigned char *rgb, int w, int h,
		    int quality, size_t *len);
/*
 * The JPEG with, after SOI: APP1 EXIF (the TIFF block, if any), APP1 XMP
 * with a GPS position, APP13 IPTC, a COM comment; and bytes after EOI.
 */
unsigned char	*photofix_jpeg_meta(const unsigned char *jpg, size_t len,
		    const unsigned char *tiff, size_t tifflen, size_t *outlen);

unsigned char	*photofix_png(const unsigned char *rgb, int w, int h,
		    size_t *len);
/*
 * The PNG with eXIf (the TIFF block, if any), tEXt, zTXt, iTXt XMP, tIME
 * and a private chunk after IHDR, and bytes after IEND.
 */
unsigned char	*photofix_png_meta(const unsigned char *png, size_t len,
		    const unsigned char *tiff, size_t tifflen, size_t *outlen);

/* HEIC (HEVC) with the EXIF block, if any, and an orientation (1..8). */
unsigned char	*photofix_heic(const unsigned char *rgb, int w, int h,
		    const unsigned char *tiff, size_t tifflen,
		    int orientation, size_t *len);

/* Texts every fixture's metadata carries, to search outputs for. */
#define PHOTOFIX_MAKE		"DimosTestCam"
#define PHOTOFIX_XMP_MARK	"exif:GPSLatitude"
#define PHOTOFIX_TEXT_MARK	"DimosSecretComment"

#endif
