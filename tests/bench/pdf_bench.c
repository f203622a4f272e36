/*
 * pdf_bench.c - times pdf_render() in-process (not a test).
 * Owns: nothing; renders a one-page and a three-page certificate N times.
 * Usage: pdf-bench [runs] [emblem.png]; without a PNG it draws one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo.h>

#include "pdf.h"

static const struct pdf_labels bench_labels = {
	.protocol = "Αρ. πρωτ.",
	.issued = "Ημερομηνία έκδοσης",
	.place = "Τόπος",
	.page_fmt = "Σελίδα %d από %d",
	.verify = "Επαληθεύστε τη γνησιότητα στο",
	.code = "Κωδικός επαλήθευσης",
	.signer = "Ο/Η υπάλληλος",
	.automatic = "Εκδόθηκε αυτόματα",
};

static const char *const bench_paragraphs[] = {
	"Βεβαιώνεται ότι σύμφωνα με τα στοιχεία του Δημοτολογίου του Δήμου "
	"Βισαλτίας, η οικογένεια του Παπαδόπουλος Γεώργιος του Νικολάου "
	"είναι εγγεγραμμένη στη δημοτική μερίδα 1234 της Δημοτικής "
	"Κοινότητας Νιγρίτας και αποτελείται από τα παρακάτω μέλη:",
};

static const char *const bench_after[] = {
	"Το πιστοποιητικό χορηγείται για κάθε νόμιμη χρήση και ισχύει για "
	"έξι (6) μήνες από την ημερομηνία έκδοσης.",
};

/* A stand-in emblem, about the size municipalities use. */
static int
bench_emblem(char *path)
{
	cairo_surface_t	*img;
	cairo_t		*cr;
	int		 fd, rc;

	if ((fd = mkstemps(path, 4)) < 0)
		return -1;
	close(fd);
	img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 400, 400);
	cr = cairo_create(img);
	cairo_arc(cr, 200, 200, 190, 0, 6.3);
	cairo_set_source_rgb(cr, 0.05, 0.3, 0.65);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, 170, 50, 60, 300);
	cairo_rectangle(cr, 50, 170, 300, 60);
	cairo_fill(cr);
	cairo_destroy(cr);
	rc = cairo_surface_write_to_png(img, path) == CAIRO_STATUS_SUCCESS ?
	    0 : -1;
	cairo_surface_destroy(img);
	return rc;
}

/* Wall time; CPU time too, which other load on the machine inflates less. */
static double
bench_ms(clockid_t clock)
{
	struct timespec	 ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Pages of a PDF written by Cairo 1.16 (no object streams). */
static int
bench_pages(const unsigned char *p, size_t n)
{
	static const char	 key[] = "/Type /Page";
	size_t			 i, k = sizeof(key) - 1;
	int			 count = 0;

	for (i = 0; i + k < n; i++)
		if (memcmp(p + i, key, k) == 0 && p[i + k] != 's')
			count++;
	return count;
}

static int
bench_run(const char *name, const struct pdf_spec *spec, int runs)
{
	unsigned char	*out;
	size_t		 len;
	double		 t0, c0, ms, cpu;
	int		 i, pages;
	dm_status	 st;

	if ((st = pdf_render(spec, &out, &len)) != DM_OK) {
		fprintf(stderr, "pdf %s: render failed: %d\n", name, (int)st);
		return 1;
	}
	pages = bench_pages(out, len);
	free(out);

	t0 = bench_ms(CLOCK_MONOTONIC);
	c0 = bench_ms(CLOCK_PROCESS_CPUTIME_ID);
	for (i = 0; i < runs; i++) {
		if (pdf_render(spec, &out, &len) != DM_OK) {
			fprintf(stderr, "pdf %s: render failed\n", name);
			return 1;
		}
		free(out);
	}
	ms = (bench_ms(CLOCK_MONOTONIC) - t0) / runs;
	cpu = (bench_ms(CLOCK_PROCESS_CPUTIME_ID) - c0) / runs;
	if (pages < 1)
		pages = 1;
	printf("pdf %s: %.2f ms/doc, %.2f ms/page (cpu %.2f ms/doc), "
	    "%d pages, %zu bytes (%d runs)\n", name, ms, ms / pages, cpu,
	    pages, len, runs);
	return 0;
}

int
main(int argc, char **argv)
{
	struct pdf_row	 rows[64];
	char		 values[64][128];
	struct pdf_spec	 spec;
	char		 emblem[] = "/tmp/dimos-bench-XXXXXX.png";
	double		 t0;
	int		 runs = 256, rc = 0;
	size_t		 i;

	if (argc > 1 && (runs = atoi(argv[1])) <= 0) {
		fprintf(stderr, "usage: pdf-bench [runs] [emblem.png]\n");
		return 2;
	}
	for (i = 0; i < 64; i++) {
		snprintf(values[i], sizeof(values[i]),
		    "Παπαδόπουλος Γεώργιος του Νικολάου (%zu), Νιγρίτα", i + 1);
		rows[i].label = i % 2 ? "Τέκνο" : "Ονοματεπώνυμο μέλους";
		rows[i].value = values[i];
	}
	memset(&spec, 0, sizeof(spec));
	spec.labels = &bench_labels;
	spec.municipality = "ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ";
	spec.header_lines = "ΝΟΜΟΣ ΣΕΡΡΩΝ\nΤμήμα Δημοτολογίου\n"
	    "Πλατεία Ελευθερίας 1, 62200 Νιγρίτα";
	if (argc > 2)
		spec.emblem_png = argv[2];
	else if (bench_emblem(emblem) == 0)
		spec.emblem_png = emblem;
	else {
		fprintf(stderr, "pdf-bench: cannot write %s\n", emblem);
		return 1;
	}
	spec.title = "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΟΙΚΟΓΕΝΕΙΑΚΗΣ ΚΑΤΑΣΤΑΣΗΣ";
	spec.protocol = "1234/2026";
	spec.issued_at = "12/03/2026 10:42";
	spec.place = "Νιγρίτα";
	spec.paragraphs = bench_paragraphs;
	spec.nparagraphs = 1;
	spec.table_title = "Μέλη οικογένειας";
	spec.rows = rows;
	spec.after = bench_after;
	spec.nafter = 1;
	spec.signer = "Ιωαννίδου Αικατερίνη";
	spec.verify_code = "7KQ4-M2XD-9PKA-HW3E";
	spec.verify_url = "https://e.visaltia.gr/verify/7KQ4M2XD9PKAHW3E";

	t0 = bench_ms(CLOCK_MONOTONIC);
	spec.nrows = 6;
	rc |= bench_run("first call (cold cache)", &spec, 1);
	printf("  (includes the cold call: %.1f ms total)\n",
	    bench_ms(CLOCK_MONOTONIC) - t0);
	rc |= bench_run("one-page", &spec, runs);
	spec.nrows = 64;
	rc |= bench_run("three-page", &spec, runs);
	pdf_cleanup();
	if (argc <= 2)
		unlink(emblem);
	return rc;
}
