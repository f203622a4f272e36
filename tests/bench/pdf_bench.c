/*
 * pdf_bench.c - times pdf_render() in-process (not a test).
 * Owns: nothing; renders a one-page and a three-page certificate N times
 * as the site issues them: letterhead, tags, XMP and the sRGB output
 * intent, and the PAdES seal made with a demo key made for the run.
 * Usage: pdf-bench [runs] [emblem.png]; without a PNG it draws one.
 * BENCH_UNSEALED=1 leaves the seal out, for comparison; BENCH_ONE_PAGE=1
 * skips the three-page document (for counting instructions per one-page
 * document with callgrind).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cairo.h>

#include "keystore.h"
#include "pades.h"
#include "pdf.h"

#define BENCH_ICC	"/usr/share/color/icc/sRGB.icc"

static const struct pdf_labels bench_labels = {
	.protocol = "Αρ. πρωτ.",
	.page_fmt = "Σελίδα %d από %d",
	.verify = "Επαληθεύστε τη γνησιότητα στο",
	.code = "Κωδικός επαλήθευσης",
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

/*
 * Pages of a PDF written by Cairo 1.16 (no object streams), counted in
 * the part Cairo wrote: the update after it repeats page 1.
 */
static int
bench_pages(const unsigned char *p, size_t n)
{
	static const char	 key[] = "/Type /Page", eof[] = "%%EOF";
	size_t			 i, k = sizeof(key) - 1;
	int			 count = 0;

	for (i = 0; i + sizeof(eof) - 1 <= n; i++)
		if (memcmp(p + i, eof, sizeof(eof) - 1) == 0) {
			n = i;
			break;
		}
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

/* A seal made for the run with the real key store, in a scratch folder. */
static int
bench_seal(struct keystore_gen *g, struct pdfup_sig *seal)
{
	struct keystore_new	 n = { NULL, NULL, "Δήμος Βισαλτίας", NULL };
	char			 dir[] = "/tmp/dimos-bench-keys-XXXXXX", id[17];
	char			 cmd[64];
	int			 ok;

	if (mkdtemp(dir) == NULL)
		return -1;
	ok = keystore_init(dir, &n, id) == DM_OK &&
	    keystore_load(dir, g) == DM_OK && g->pades != NULL;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		ok = 0;
	if (!ok)
		return -1;
	memset(seal, 0, sizeof(*seal));
	seal->name = "Δήμος Βισαλτίας";
	seal->reason = "Ηλεκτρονική σφραγίδα εγγράφου";
	seal->location = "Νιγρίτα";
	seal->reserve = pades_reserve(g->pades);
	seal->sign = pades_sign;
	seal->arg = g->pades;
	return 0;
}

int
main(int argc, char **argv)
{
	struct pdf_row		 rows[64];
	char			 values[64][128];
	struct pdf_spec		 spec;
	struct keystore_gen	 gen;
	struct pdfup_sig	 seal;
	char			 emblem[] = "/tmp/dimos-bench-XXXXXX.png";
	double			 t0;
	int			 runs = 256, rc = 0;
	size_t			 i;

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
	spec.letterhead.state = "ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ";
	spec.letterhead.authority = "ΠΕΡΙΦΕΡΕΙΑ ΚΕΝΤΡΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ\n"
	    "ΠΕΡΙΦΕΡΕΙΑΚΗ ΕΝΟΤΗΤΑ ΣΕΡΡΩΝ";
	spec.letterhead.municipality = "ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ";
	spec.letterhead.units = "Διεύθυνση Διοικητικών Υπηρεσιών\n"
	    "Τμήμα Δημοτολογίου";
	spec.letterhead.contact = "Ταχ. Δ/νση: Πλατεία Ελευθερίας 1, 62200 "
	    "Νιγρίτα\nΤηλέφωνο: 23223 50100\nE-mail: info@visaltia.gr";
	if (argc > 2)
		spec.letterhead.emblem_png = argv[2];
	else if (bench_emblem(emblem) == 0)
		spec.letterhead.emblem_png = emblem;
	else {
		fprintf(stderr, "pdf-bench: cannot write %s\n", emblem);
		return 1;
	}
	spec.title = "ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΟΙΚΟΓΕΝΕΙΑΚΗΣ ΚΑΤΑΣΤΑΣΗΣ";
	spec.protocol = "1234/2026";
	spec.dated = "Νιγρίτα, 12/03/2026";
	spec.paragraphs = bench_paragraphs;
	spec.nparagraphs = 1;
	spec.table_title = "Μέλη οικογένειας";
	spec.rows = rows;
	spec.after = bench_after;
	spec.nafter = 1;
	spec.signatory.mandate = "Με εντολή Δημάρχου";
	spec.signatory.title = "Η Προϊσταμένη του Τμήματος Δημοτολογίου";
	spec.signatory.name = "Αικατερίνη Ιωαννίδου";
	spec.signatory.seal_note = "Το έγγραφο φέρει ηλεκτρονική σφραγίδα "
	    "του Δήμου και δεν χρειάζεται υπογραφή ή σφραγίδα, σύμφωνα με "
	    "τον ν. 4727/2020 και τον Κανονισμό (ΕΕ) αριθ. 910/2014.";
	spec.verify_code = "7KQ4-M2XD-9PKA-HW3E";
	spec.verify_url = "https://e.visaltia.gr/verify/7KQ4M2XD9PKAHW3E";
	spec.subject = "Πιστοποιητικό οικογενειακής κατάστασης – Αρ. πρωτ. "
	    "1234/2026";
	spec.keywords = "πιστοποιητικό, Δημοτολόγιο, Δήμος Βισαλτίας";
	spec.lang = "el-GR";
	if (access(BENCH_ICC, R_OK) == 0)
		spec.icc_profile = BENCH_ICC;
	memset(&gen, 0, sizeof(gen));
	if (getenv("BENCH_UNSEALED") == NULL) {
		if (bench_seal(&gen, &seal) != 0) {
			fprintf(stderr, "pdf-bench: cannot make a seal\n");
			return 1;
		}
		spec.seal = &seal;
	}
	printf("pdf: %s, %s\n", spec.seal ? "sealed (PAdES, ECDSA P-256)" :
	    "not sealed", spec.icc_profile ? "sRGB output intent" :
	    "no output intent (" BENCH_ICC " missing)");

	t0 = bench_ms(CLOCK_MONOTONIC);
	spec.nrows = 6;
	rc |= bench_run("first call (cold cache)", &spec, 1);
	printf("  (includes the cold call: %.1f ms total)\n",
	    bench_ms(CLOCK_MONOTONIC) - t0);
	rc |= bench_run("one-page", &spec, runs);
	spec.nrows = 64;
	if (getenv("BENCH_ONE_PAGE") == NULL)
		rc |= bench_run("three-page", &spec, runs);
	pdf_cleanup();
	keystore_free(&gen);
	if (argc <= 2)
		unlink(emblem);
	return rc;
}
