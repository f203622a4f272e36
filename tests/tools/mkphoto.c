/*
 * mkphoto.c - writes a test photo to stdout, as phones make them:
 *   mkphoto jpeg|png|heic WIDTH HEIGHT [--gps LAT,LON] [--orientation N]
 *           [--noise N] [--quality Q] [--seed S] [--no-meta]
 * With metadata by default (EXIF with the camera's make and, with --gps,
 * a GPS position; XMP, IPTC, comments or text chunks): what Dimos must
 * remove before it stores a photo. --noise makes bigger files (the bench's
 * 2 MB photo). Used by the end-to-end tests and tests/bench/run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "photofix.h"

static _Noreturn void
usage(void)
{
	fprintf(stderr, "usage: mkphoto jpeg|png|heic WIDTH HEIGHT [--gps "
	    "LAT,LON] [--orientation N] [--noise N] [--quality Q] [--seed S] "
	    "[--no-meta]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	unsigned char *rgb, *tiff = NULL, *img, *out = NULL;
	size_t tifflen = 0, len = 0, outlen = 0;
	double lat = 0, lon = 0;
	int w, h, gps = 0, orientation = 0, noise = 0, quality = 90, meta = 1;
	unsigned seed = 1;

	if (argc < 4)
		usage();
	w = atoi(argv[2]);
	h = atoi(argv[3]);
	if (w < 1 || h < 1 || w > 20000 || h > 20000)
		usage();
	for (int i = 4; i < argc; i++) {
		if (strcmp(argv[i], "--gps") == 0 && i + 1 < argc) {
			if (sscanf(argv[++i], "%lf,%lf", &lat, &lon) != 2)
				usage();
			gps = 1;
		} else if (strcmp(argv[i], "--orientation") == 0 &&
		    i + 1 < argc)
			orientation = atoi(argv[++i]);
		else if (strcmp(argv[i], "--noise") == 0 && i + 1 < argc)
			noise = atoi(argv[++i]);
		else if (strcmp(argv[i], "--quality") == 0 && i + 1 < argc)
			quality = atoi(argv[++i]);
		else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
			seed = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--no-meta") == 0)
			meta = 0;
		else
			usage();
	}
	rgb = photofix_rgb(w, h, noise, seed);
	if (meta)
		tiff = photofix_exif(gps, lat, lon, orientation, 0, &tifflen);
	if (strcmp(argv[1], "jpeg") == 0) {
		img = photofix_jpeg(rgb, w, h, quality, &len);
		out = meta ? photofix_jpeg_meta(img, len, tiff, tifflen,
		    &outlen) : img;
		if (!meta)
			outlen = len;
	} else if (strcmp(argv[1], "png") == 0) {
		img = photofix_png(rgb, w, h, &len);
		out = meta ? photofix_png_meta(img, len, tiff, tifflen,
		    &outlen) : img;
		if (!meta)
			outlen = len;
	} else if (strcmp(argv[1], "heic") == 0) {
		img = photofix_heic(rgb, w, h, tiff, tifflen,
		    orientation > 0 ? orientation : 1, &len);
		out = img;
		outlen = len;
	} else
		usage();
	if (fwrite(out, 1, outlen, stdout) != outlen || fflush(stdout) != 0)
		return 1;
	if (out != img)
		free(out);
	free(img);
	free(tiff);
	free(rgb);
	return 0;
}
