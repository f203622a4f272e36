/*
 * image_bench.c - times image_process() in-process (not a test): what an
 * upload of a phone photo costs the worker before it is stored.
 * Usage: image-bench [runs]. Photos are made by photofix: a 12 MP JPEG of
 * about 2 MB with EXIF/GPS and the other metadata phones write, the same
 * turned (EXIF orientation 6), a 12 MP HEIC and a 2 MP PNG screenshot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "image.h"
#include "photofix.h"

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
run(const char *name, const unsigned char *p, size_t n, int runs)
{
	struct image_result r;
	double t0 = now_ms(), ms;

	for (int i = 0; i < runs; i++) {
		if (image_process(p, n, NULL, &r) != DM_OK) {
			fprintf(stderr, "%s: refused\n", name);
			exit(1);
		}
		if (i + 1 < runs)
			image_result_free(&r);
	}
	ms = (now_ms() - t0) / runs;
	printf("%-28s %8zu bytes -> %8zu + thumb %6zu bytes  %7.1f ms\n", name,
	    n, r.photo.len, r.thumb.len, ms);
	image_result_free(&r);
}

int
main(int argc, char **argv)
{
	int runs = argc > 1 ? atoi(argv[1]) : 5;
	unsigned char *rgb = photofix_rgb(4032, 3024, 8, 7), *j, *t, *in, *h;
	unsigned char *small, *png, *pm;
	size_t jn, tn, mn, hn, pn, pmn;

	if (runs < 1)
		runs = 1;
	j = photofix_jpeg(rgb, 4032, 3024, 90, &jn);
	t = photofix_exif(1, 40.90781, 23.50052, 1, 0, &tn);
	in = photofix_jpeg_meta(j, jn, t, tn, &mn);
	run("JPEG 4032x3024 with GPS", in, mn, runs);
	free(t);
	free(in);
	t = photofix_exif(1, 40.90781, 23.50052, 6, 0, &tn);
	in = photofix_jpeg_meta(j, jn, t, tn, &mn);
	run("JPEG 4032x3024 turned", in, mn, runs);
	h = photofix_heic(rgb, 4032, 3024, t, tn, 1, &hn);
	run("HEIC 4032x3024", h, hn, runs);
	small = photofix_rgb(1920, 1080, 0, 3);
	png = photofix_png(small, 1920, 1080, &pn);
	pm = photofix_png_meta(png, pn, t, tn, &pmn);
	run("PNG 1920x1080", pm, pmn, runs);
	free(rgb);
	free(j);
	free(t);
	free(in);
	free(h);
	free(small);
	free(png);
	free(pm);
	return 0;
}
