/*
 * fuzz_image.c - photos from anywhere: every input is either refused or
 * comes out as an image of the type promised, without EXIF (no GPS can be
 * read back from it), with a thumbnail within its box.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image_limits lim;
	struct image_result r;
	struct geo_point g;

	image_limits_default(&lim);
	lim.max_pixels = 4000000;	/* keep each run fast */
	lim.max_side = 4096;
	(void)image_gps(data, size, &g);
	if (image_process(data, size, &lim, &r) != DM_OK) {
		if (r.photo.data != NULL || r.thumb.data != NULL)
			abort();	/* nothing kept on failure */
		return 0;
	}
	if (image_sniff(r.photo.data, r.photo.len) != r.out_type ||
	    image_sniff(r.thumb.data, r.thumb.len) != IMAGE_JPEG ||
	    image_gps(r.photo.data, r.photo.len, &g) ||
	    r.thumb_width > lim.thumb_side || r.thumb_height > lim.thumb_side ||
	    r.width < 1 || r.height < 1 || (long long)r.width * r.height >
	    lim.max_pixels)
		abort();
	image_result_free(&r);
	return 0;
}
