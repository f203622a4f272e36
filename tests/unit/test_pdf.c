/*
 * test_pdf.c - unit tests of the PDF engine (core/src/pdf.c).
 * Owns: sample certificates and the checks made with qpdf, poppler-utils
 * and zbar-tools, which the tests require (they are not optional).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cairo.h>

#include "keystore.h"
#include "pades.h"
#include "pdf.h"
#include "scratch.h"

#define NAME		"Παπαδόπουλος Γεώργιος του Νικολάου"
#define TITLE		"ΠΙΣΤΟΠΟΙΗΤΙΚΟ ΟΙΚΟΓΕΝΕΙΑΚΗΣ ΚΑΤΑΣΤΑΣΗΣ"
#define CODE		"7KQ4-M2XD-9PKA-HW3E"
#define URL		"https://e.visaltia.gr/verify/7KQ4M2XD9PKAHW3E"

#define ICC	"/usr/share/color/icc/sRGB.icc"	/* icc-profiles-free */

static const struct pdf_labels labels = {
	.protocol = "Αρ. πρωτ.",
	.page_fmt = "Σελίδα %d από %d",
	.verify = "Επαληθεύστε τη γνησιότητα στο",
	.code = "Κωδικός επαλήθευσης",
};

static const char *const paragraphs[] = {
	"Βεβαιώνεται ότι σύμφωνα με τα στοιχεία του Δημοτολογίου του Δήμου "
	"Βισαλτίας, η οικογένεια του δημότη είναι εγγεγραμμένη στη δημοτική "
	"μερίδα 1234 της Δημοτικής Κοινότητας Νιγρίτας και αποτελείται από "
	"τα παρακάτω μέλη:",
};

static const struct pdf_row rows[] = {
	{ "Ονοματεπώνυμο", NAME },
	{ "Ημερομηνία γέννησης", "12/04/1975" },
	{ "Σύζυγος", "Παπαδοπούλου Μαρία του Δημητρίου" },
	{ "Τέκνο", "Παπαδόπουλος Νικόλαος του Γεωργίου" },
	{ "Διεύθυνση", "Ελευθερίου Βενιζέλου 12, 62200 Νιγρίτα Σερρών" },
	{ "Σημείωση", "<b>όχι markup</b> & <i>" },
};

static const char *const after[] = {
	"Το πιστοποιητικό χορηγείται για κάθε νόμιμη χρήση.",
};

static struct pdf_spec
sample(void)
{
	struct pdf_spec	 s;

	memset(&s, 0, sizeof(s));
	s.labels = &labels;
	s.letterhead.state = "ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ";
	s.letterhead.authority = "ΠΕΡΙΦΕΡΕΙΑ ΚΕΝΤΡΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ\n"
	    "ΠΕΡΙΦΕΡΕΙΑΚΗ ΕΝΟΤΗΤΑ ΣΕΡΡΩΝ";
	s.letterhead.municipality = "ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ";
	s.letterhead.units = "Διεύθυνση Διοικητικών Υπηρεσιών\n"
	    "Τμήμα Δημοτολογίου";
	s.letterhead.contact = "Ταχ. Δ/νση: Πλατεία Δημαρχείου 1, 62200 "
	    "Νιγρίτα\nΤηλέφωνο: 23223 50100";
	s.title = TITLE;
	s.subtitle = "(άρθρο 8 του ν. 4250/2014)";
	s.protocol = "1234/2026";
	s.dated = "Νιγρίτα, 12/03/2026";
	s.paragraphs = paragraphs;
	s.nparagraphs = sizeof(paragraphs) / sizeof(paragraphs[0]);
	s.table_title = "Μέλη οικογένειας";
	s.rows = rows;
	s.nrows = sizeof(rows) / sizeof(rows[0]);
	s.after = after;
	s.nafter = sizeof(after) / sizeof(after[0]);
	s.signatory.mandate = "Με εντολή Δημάρχου";
	s.signatory.title = "Η Προϊσταμένη του Τμήματος";
	s.signatory.name = "Ιωαννίδου Αικατερίνη";
	s.signatory.automatic = "Εκδόθηκε αυτόματα";
	s.signatory.seal_note = "Το έγγραφο φέρει ηλεκτρονική σφραγίδα.";
	s.verify_code = CODE;
	s.verify_url = URL;
	s.subject = "Πιστοποιητικό – Αρ. πρωτ. 1234/2026";
	s.keywords = "πιστοποιητικό, Δημοτολόγιο";
	return s;
}

/*
 * Runs argv (no shell), returns its exit status (-1 if it did not exit)
 * and, if out is not NULL, its standard output, malloc'ed, NUL-terminated.
 * Standard error is discarded when quiet.
 */
static int
run_q(const char *const argv[], char **out, int quiet)
{
	char	*buf = NULL;
	size_t	 len = 0, cap = 0;
	ssize_t	 n;
	pid_t	 pid;
	int	 fd[2], status;

	assert_int_equal(pipe(fd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		if (quiet && (fd[0] = open("/dev/null", O_WRONLY)) >= 0)
			dup2(fd[0], 2);
		execvp(argv[0], (char *const *)(uintptr_t)argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0],
		    strerror(errno));
		_exit(127);
	}
	close(fd[1]);
	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		n = read(fd[0], buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd[0]);
	buf[len] = '\0';
	while (waitpid(pid, &status, 0) < 0)
		assert_int_equal(errno, EINTR);
	if (out != NULL)
		*out = buf;
	else
		free(buf);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		fail_msg("%s is required (qpdf, poppler-utils, zbar-tools)",
		    argv[0]);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int
run(const char *const argv[], char **out)
{
	return run_q(argv, out, 0);
}

/* Renders spec, checks the PDF signature, saves it in the scratch folder as name. */
static void
render_to(const struct pdf_spec *spec, const char *name)
{
	unsigned char	*pdf;
	size_t		 len;
	FILE		*f;

	assert_int_equal(pdf_render(spec, &pdf, &len), DM_OK);
	assert_non_null(pdf);
	assert_true(len > 1000);
	assert_memory_equal(pdf, "%PDF-", 5);
	assert_non_null(f = fopen(scratch_path("%s", name), "wb"));
	assert_int_equal(fwrite(pdf, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(pdf);
}

/* qpdf finds no damage at all (exit 0: not even warnings). */
static void
check_qpdf(const char *name)
{
	const char	*argv[] = { "qpdf", "--check", scratch_path("%s", name), NULL };
	char		*out;

	if (run(argv, &out) != 0)
		fail_msg("qpdf --check %s:\n%s", name, out);
	free(out);
}

static int
npages(const char *name)
{
	const char	*argv[] = { "qpdf", "--show-npages", scratch_path("%s", name),
	    NULL };
	char		*out;
	int		 n;

	assert_int_equal(run(argv, &out), 0);
	n = atoi(out);
	free(out);
	return n;
}

/* Every font is embedded, has a ToUnicode map, and is a Noto face. */
static void
check_fonts(const char *name)
{
	const char	*argv[] = { "pdffonts", scratch_path("%s", name), NULL };
	char		*out, *line, *save = NULL, *tsave, *tok[16];
	int		 nfonts = 0, ntok, body = 0;

	assert_int_equal(run(argv, &out), 0);
	for (line = strtok_r(out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (!body) {
			body = strncmp(line, "----", 4) == 0;
			continue;
		}
		ntok = 0;
		for (tok[0] = strtok_r(line, " ", &tsave); tok[ntok] != NULL &&
		    ntok < 15; tok[ntok] = strtok_r(NULL, " ", &tsave))
			ntok++;
		/* ... emb sub uni objnum gen */
		assert_true(ntok >= 7);
		if (strcmp(tok[ntok - 5], "yes") != 0)
			fail_msg("font %s is not embedded", tok[0]);
		if (strcmp(tok[ntok - 3], "yes") != 0)
			fail_msg("font %s has no ToUnicode map", tok[0]);
		if (strstr(tok[0], "+Noto") == NULL)
			fail_msg("font %s is not Noto", tok[0]);
		nfonts++;
	}
	assert_true(nfonts >= 3);
	free(out);
}

/* Text of pages first..last (0: to the end), UTF-8, malloc'ed. */
static char *
text_of(const char *name, int first, int last)
{
	char		 f[16], l[16];
	const char	*argv[] = { "pdftotext", "-enc", "UTF-8", "-f", f,
	    "-l", l, scratch_path("%s", name), "-", NULL };
	char		*out;

	snprintf(f, sizeof(f), "%d", first);
	snprintf(l, sizeof(l), "%d", last > 0 ? last : 100000);
	assert_int_equal(run(argv, &out), 0);
	return out;
}

static void
assert_has(const char *text, const char *what)
{
	if (strstr(text, what) == NULL)
		fail_msg("\"%s\" not in the extracted text:\n%s", what, text);
}

/* The QR code on page decodes to exactly url. */
static void
check_qr(const char *name, int page, const char *url)
{
	char		 p[16];
	const char	*ppm[] = { "pdftoppm", "-r", "150", "-png", "-f", p,
	    "-l", p, "-singlefile", scratch_path("%s", name), scratch_path("%s", "page"), NULL };
	const char	*zbar[] = { "zbarimg", "--quiet", "--raw",
	    scratch_path("%s", "page.png"), NULL };
	char		*out;
	size_t		 n;

	snprintf(p, sizeof(p), "%d", page);
	assert_int_equal(run(ppm, NULL), 0);
	/* zbarimg complains on stderr about the missing D-Bus. */
	if (run_q(zbar, &out, 1) != 0)
		fail_msg("zbarimg found no code on page %d of %s", page, name);
	n = strlen(out);
	while (n > 0 && out[n - 1] == '\n')
		out[--n] = '\0';
	assert_string_equal(out, url);
	free(out);
	unlink(scratch_path("%s", "page.png"));
}

static void
test_one_page(void **state)
{
	const char	*info[] = { "pdfinfo", scratch_path("%s", "one.pdf"), NULL };
	struct pdf_spec	 s = sample();
	char		*text;

	(void)state;
	render_to(&s, "one.pdf");
	check_qpdf("one.pdf");
	assert_int_equal(npages("one.pdf"), 1);
	check_fonts("one.pdf");

	text = text_of("one.pdf", 1, 0);
	assert_has(text, NAME);
	assert_has(text, TITLE);
	assert_has(text, "ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ");
	assert_has(text, "Βισαλτίας");
	assert_has(text, "Παπαδοπούλου Μαρία του Δημητρίου");
	assert_has(text, "Ιωαννίδου Αικατερίνη");
	assert_has(text, "Με εντολή Δημάρχου");
	assert_has(text, "Η Προϊσταμένη του Τμήματος");
	assert_null(strstr(text, "υπάλληλος"));
	assert_null(strstr(text, "Εκδόθηκε αυτόματα"));
	assert_has(text, "ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ");
	assert_has(text, "ΠΕΡΙΦΕΡΕΙΑΚΗ ΕΝΟΤΗΤΑ ΣΕΡΡΩΝ");
	assert_has(text, "Τμήμα Δημοτολογίου");
	assert_has(text, "Ταχ. Δ/νση: Πλατεία Δημαρχείου 1");
	assert_has(text, "Σελίδα 1 από 1");
	assert_has(text, "Αρ. πρωτ.: 1234/2026");
	assert_has(text, "Νιγρίτα, 12/03/2026");
	assert_has(text, "φέρει ηλεκτρονική σφραγίδα");
	assert_has(text, CODE);
	assert_has(text, URL);
	assert_has(text, "<b>όχι markup</b> & <i>");
	free(text);

	assert_int_equal(run(info, &text), 0);
	assert_has(text, "Dimos");
	assert_has(text, TITLE);
	free(text);

	check_qr("one.pdf", 1, URL);
}

/* Many rows: several pages, right page numbers, no row split. */
static void
test_long(void **state)
{
	struct pdf_row	*many;
	char		 (*val)[256], mark[64], *text, *pagetext[64];
	struct pdf_spec	 s = sample();
	int		 i, n, p, first, last;

	(void)state;
	many = calloc(120, sizeof(*many));
	val = calloc(120, sizeof(*val));
	assert_non_null(many);
	assert_non_null(val);
	for (i = 0; i < 120; i++) {
		/* Wraps to two or three lines; both ends must share a page. */
		snprintf(val[i], sizeof(val[i]), "ΑΡΧΗ%03d Παπαδόπουλος "
		    "Γεώργιος του Νικολάου, οδός Βενιζέλου, Νιγρίτα "
		    "ΤΕΛΟΣ%03d", i, i);
		many[i].label = i % 3 ? "Μέλος" : "Ονοματεπώνυμο μέλους της "
		    "οικογένειας";
		many[i].value = val[i];
	}
	s.rows = many;
	s.nrows = 120;
	s.signatory.name = NULL;
	render_to(&s, "long.pdf");
	check_qpdf("long.pdf");
	n = npages("long.pdf");
	assert_true(n >= 3 && n < 64);
	check_fonts("long.pdf");

	for (p = 1; p <= n; p++) {
		pagetext[p - 1] = text_of("long.pdf", p, p);
		snprintf(mark, sizeof(mark), "Σελίδα %d από %d", p, n);
		assert_has(pagetext[p - 1], mark);
		assert_has(pagetext[p - 1], "ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ");
		/* The full letterhead on page 1, one line after it. */
		if ((p == 1) != (strstr(pagetext[p - 1],
		    "ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ") != NULL))
			fail_msg("the letterhead on page %d", p);
		assert_has(pagetext[p - 1], "Αρ. πρωτ.: 1234/2026");
	}
	for (i = 0; i < 120; i++) {
		first = last = 0;
		for (p = 1; p <= n; p++) {
			snprintf(mark, sizeof(mark), "ΑΡΧΗ%03d", i);
			if (strstr(pagetext[p - 1], mark) != NULL)
				first = p;
			snprintf(mark, sizeof(mark), "ΤΕΛΟΣ%03d", i);
			if (strstr(pagetext[p - 1], mark) != NULL)
				last = p;
		}
		if (first == 0 || first != last)
			fail_msg("row %d: starts on page %d, ends on %d", i,
			    first, last);
	}
	assert_has(pagetext[n - 1], "Εκδόθηκε αυτόματα");
	for (p = 0; p < n; p++)
		free(pagetext[p]);

	text = text_of("long.pdf", 1, 0);
	assert_has(text, "Παπαδόπουλος Γεώργιος του Νικολάου");
	free(text);
	check_qr("long.pdf", n, URL);
	free(many);
	free(val);
}

/* Only the required fields; empty table; no verification block. */
static void
test_minimal(void **state)
{
	struct pdf_spec	 s;
	char		*text;

	(void)state;
	memset(&s, 0, sizeof(s));
	s.labels = &labels;
	s.letterhead.municipality = "ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ";
	s.title = "ΑΠΟΔΕΙΞΗ ΥΠΟΒΟΛΗΣ";
	s.protocol = "77/2026";
	s.dated = "01/02/2026";
	s.signatory.automatic = "Εκδόθηκε αυτόματα";
	s.table_title = "Δεν εμφανίζεται χωρίς γραμμές";
	render_to(&s, "min.pdf");
	check_qpdf("min.pdf");
	assert_int_equal(npages("min.pdf"), 1);
	check_fonts("min.pdf");
	text = text_of("min.pdf", 1, 0);
	assert_has(text, "ΑΠΟΔΕΙΞΗ ΥΠΟΒΟΛΗΣ");
	assert_has(text, "Εκδόθηκε αυτόματα");
	assert_null(strstr(text, "Κωδικός επαλήθευσης"));
	assert_null(strstr(text, "Δεν εμφανίζεται"));
	free(text);
}

/* Unbreakable words, a row taller than a page, 500 rows. */
static void
test_robust(void **state)
{
	struct pdf_row	*many, tall[2];
	struct pdf_spec	 s = sample();
	const char	*para[1];
	char		*word, *huge, *text;
	size_t		 i;

	(void)state;
	word = malloc(601);
	assert_non_null(word);
	for (i = 0; i < 300; i++)
		memcpy(word + 2 * i, "ς", 2);
	word[600] = '\0';
	para[0] = word;
	s.paragraphs = para;
	s.nparagraphs = 1;
	tall[0].label = word;
	tall[0].value = word;

	/* 150 lines: more than a page in a single cell. */
	huge = malloc(1500 * 9 + 1);
	assert_non_null(huge);
	for (i = 0; i < 1500; i++)
		memcpy(huge + 9 * i, i % 10 == 9 ? "λέξη\n" : "λέξη ", 9);
	huge[1500 * 9] = '\0';
	tall[1].label = "Πολύ μεγάλη τιμή";
	tall[1].value = huge;
	s.rows = tall;
	s.nrows = 2;
	render_to(&s, "tall.pdf");
	check_qpdf("tall.pdf");
	assert_true(npages("tall.pdf") >= 3);
	text = text_of("tall.pdf", 1, 0);
	assert_has(text, "ςςςςςςςςςς");
	free(text);

	many = calloc(500, sizeof(*many));
	assert_non_null(many);
	for (i = 0; i < 500; i++) {
		many[i].label = "Εγγραφή";
		many[i].value = i % 7 ? NAME : NULL;
	}
	s = sample();
	s.rows = many;
	s.nrows = 500;
	render_to(&s, "many.pdf");
	check_qpdf("many.pdf");
	assert_true(npages("many.pdf") >= 12);
	free(many);
	free(huge);
	free(word);
}

static void
expect_status(const struct pdf_spec *s, dm_status want)
{
	unsigned char	*pdf = (unsigned char *)1;
	size_t		 len = 1;

	assert_int_equal(pdf_render(s, &pdf, &len), want);
	assert_null(pdf);
	assert_int_equal(len, 0);
}

static void
test_invalid(void **state)
{
	static const char *const badfmt[] = { "Σελίδα %d", "%d %d %d",
	    "%s από %d", "%d από %d%", "%5d από %d", "Σελίδα", "%i / %d" };
	static const char *const bad_utf8[] = { "\xce", "ab\xff", "\xc0\xaf",
	    "\xed\xa0\x80" };
	struct pdf_labels	 l = labels;
	struct pdf_spec		 s = sample();
	struct pdf_row		 r[2] = { { "α", "β" }, { "γ", NULL } };
	unsigned char		*pdf;
	const char		*p[1];
	char			*big;
	size_t			 i, len;

	(void)state;
	assert_int_equal(pdf_render(NULL, &pdf, &len), DM_EINPUT);
	assert_int_equal(pdf_render(&s, NULL, &len), DM_EINPUT);
	assert_int_equal(pdf_render(&s, &pdf, NULL), DM_EINPUT);

	s.labels = &l;
	for (i = 0; i < sizeof(badfmt) / sizeof(badfmt[0]); i++) {
		l.page_fmt = badfmt[i];
		expect_status(&s, DM_EINPUT);
	}
	l.page_fmt = "%d/%d (100%%)";
	assert_int_equal(pdf_render(&s, &pdf, &len), DM_OK);
	free(pdf);
	l = labels;

	for (i = 0; i < sizeof(bad_utf8) / sizeof(bad_utf8[0]); i++) {
		s = sample();
		s.title = bad_utf8[i];
		expect_status(&s, DM_EINPUT);
		s = sample();
		p[0] = bad_utf8[i];
		s.paragraphs = p;
		expect_status(&s, DM_EINPUT);
		s = sample();
		r[1].value = bad_utf8[i];
		s.rows = r;
		s.nrows = 2;
		expect_status(&s, DM_EINPUT);
		s = sample();
		s.labels = &l;
		l.code = bad_utf8[i];
		expect_status(&s, DM_EINPUT);
		l = labels;
		s = sample();
		s.signatory.title = bad_utf8[i];
		expect_status(&s, DM_EINPUT);
		s = sample();
		s.letterhead.units = bad_utf8[i];
		expect_status(&s, DM_EINPUT);
	}

	/* Without a name, the statement of automatic issue is required. */
	s = sample();
	s.signatory.name = NULL;
	s.signatory.automatic = NULL;
	expect_status(&s, DM_EINPUT);
	s = sample();
	s.letterhead.municipality = NULL;
	expect_status(&s, DM_EINPUT);
	s = sample();
	s.lang = "el GR";
	expect_status(&s, DM_EINPUT);
	s = sample();
	s.icc_profile = scratch_path("%s", "no-such.icc");
	expect_status(&s, DM_ENOTFOUND);

	s = sample();
	s.title = NULL;
	expect_status(&s, DM_EINPUT);
	s = sample();
	s.labels = NULL;
	expect_status(&s, DM_EINPUT);
	s = sample();
	s.verify_url = NULL;
	expect_status(&s, DM_EINPUT);
	s = sample();
	s.rows = NULL;
	expect_status(&s, DM_EINPUT);
	s = sample();
	r[0].label = NULL;
	s.rows = r;
	expect_status(&s, DM_EINPUT);

	big = malloc(PDF_MAX_TEXT + 2);
	assert_non_null(big);
	memset(big, 'a', PDF_MAX_TEXT + 1);
	big[PDF_MAX_TEXT + 1] = '\0';
	s = sample();
	s.subtitle = big;
	expect_status(&s, DM_ELIMIT);
	big[3000] = '\0';
	s = sample();
	s.verify_url = big;	/* more than a QR code holds */
	expect_status(&s, DM_ELIMIT);
	free(big);
}

static void
write_png(const char *path, int w, int h)
{
	cairo_surface_t	*img;
	cairo_t		*cr;

	img = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	cr = cairo_create(img);
	cairo_arc(cr, w / 2.0, h / 2.0, h / 2.2, 0, 6.3);
	cairo_set_source_rgb(cr, 0.05, 0.3, 0.65);
	cairo_fill(cr);
	cairo_destroy(cr);
	assert_int_equal(cairo_surface_write_to_png(img, path),
	    CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(img);
}

/* The emblem: drawn, shrunk when large, cached, errors reported. */
static void
test_emblem(void **state)
{
	const char	*list[] = { "pdfimages", "-list", scratch_path("%s", "emb.pdf"),
	    NULL };
	struct pdf_row	 many[80];
	struct pdf_spec	 s = sample();
	char		*out, *line, type[16], interp[16];
	int		 w, h, obj, first = -1, n = 0, pages;
	size_t		 i;

	(void)state;
	for (i = 0; i < 80; i++) {
		many[i].label = "Μέλος";
		many[i].value = NAME;
	}
	write_png(scratch_path("%s", "small.png"), 120, 150);
	write_png(scratch_path("%s", "big.png"), 1600, 2000);
	s.letterhead.emblem_png = scratch_path("%s", "small.png");
	render_to(&s, "emb.pdf");
	s.letterhead.emblem_png = scratch_path("%s", "big.png");
	s.rows = many;
	s.nrows = 80;
	render_to(&s, "emb.pdf");
	render_to(&s, "emb.pdf");	/* from the cache */
	check_qpdf("emb.pdf");
	pages = npages("emb.pdf");
	assert_true(pages >= 2);

	/*
	 * page num type width height color comp bpc enc interp object ID ...
	 * Page 1 shows the emblem (the letterhead is on page 1 only),
	 * flattened (no soft mask), shrunk from 2000 px to about 200 dpi and
	 * not interpolated (PDF/A).
	 */
	assert_int_equal(run(list, &out), 0);
	assert_non_null(line = strstr(out, "\n---"));
	while ((line = strchr(line + 1, '\n')) != NULL && line[1] != '\0') {
		assert_int_equal(sscanf(line, " %*d %*d %15s %d %d %*s %*d %*d "
		    "%*s %15s %d", type, &w, &h, interp, &obj), 5);
		assert_string_equal(type, "image");
		assert_string_equal(interp, "no");
		assert_true(h > 95 && h <= 115);
		assert_true(w > 76 && w <= 92);
		if (first < 0)
			first = obj;
		assert_int_equal(obj, first);
		n++;
	}
	assert_int_equal(n, 1);
	free(out);

	s.letterhead.emblem_png = scratch_path("%s", "missing.png");
	expect_status(&s, DM_ENOTFOUND);
	s.letterhead.emblem_png = scratch_path("%s", "emb.pdf");
	expect_status(&s, DM_EINPUT);
}

/* The whole file, malloc'ed. */
static unsigned char *
slurp(const char *name, size_t *len)
{
	unsigned char	*buf;
	FILE		*f;
	long		 n;

	assert_non_null(f = fopen(scratch_path("%s", name), "rb"));
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	assert_true((n = ftell(f)) > 0);
	rewind(f);
	assert_non_null(buf = malloc((size_t)n));
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static int
has_bytes(const unsigned char *p, size_t n, const char *what)
{
	return memmem(p, n, what, strlen(what)) != NULL;
}

/*
 * Tagged and archival: a structure tree of headings, paragraphs and
 * tables with header cells, /Lang, XMP agreeing with the Info, the
 * output intent, a document ID, and the verification URL as a printable
 * link annotation.
 */
static void
test_archival(void **state)
{
	static const char *const head[] = { "Σχέση", "Ονοματεπώνυμο",
	    "Γέννηση" };
	static const char *const cells[] = { "Αρχηγός μερίδας", NAME,
	    "14/05/1975", "Σύζυγος", "Παπαδοπούλου Μαρία", "02/02/1978" };
	const char	*info[] = { "pdfinfo", scratch_path("%s", "tag.pdf"), NULL };
	const char	*meta[] = { "pdfinfo", "-meta", scratch_path("%s", "tag.pdf"), NULL };
	const char	*urls[] = { "pdfinfo", "-url", scratch_path("%s", "tag.pdf"), NULL };
	const char	*tree[] = { "pdfinfo", "-struct", scratch_path("%s", "tag.pdf"),
	    NULL };
	const char	*trailer[] = { "qpdf", "--show-object=trailer",
	    scratch_path("%s", "tag.pdf"), NULL };
	struct pdf_table t = { "ΜΕΛΗ", head, 3, NULL, cells, 2 };
	struct pdf_spec	 s = sample();
	unsigned char	*pdf;
	char		*out;
	size_t		 len;

	(void)state;
	s.tables = &t;
	s.ntables = 1;
	s.icc_profile = ICC;
	render_to(&s, "tag.pdf");
	check_qpdf("tag.pdf");
	check_fonts("tag.pdf");

	assert_int_equal(run(info, &out), 0);
	assert_has(out, "Tagged:          yes");
	assert_has(out, "Metadata Stream: yes");
	assert_has(out, "Subject:         Πιστοποιητικό – Αρ. πρωτ. 1234/2026");
	assert_has(out, "Keywords:        πιστοποιητικό, Δημοτολόγιο");
	assert_has(out, "Author:          ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ");
	free(out);

	assert_int_equal(run(meta, &out), 0);
	assert_has(out, "<pdfaid:part>2</pdfaid:part>");
	assert_has(out, "<pdfaid:conformance>B</pdfaid:conformance>");
	assert_has(out, "<rdf:li xml:lang=\"x-default\">" TITLE);
	assert_has(out, "<rdf:li>el-GR</rdf:li>");
	free(out);

	/* The printed URL and the QR code both open the verification. */
	assert_int_equal(run(urls, &out), 0);
	assert_has(out, "Annotation    " URL);
	free(out);

	assert_int_equal(run(tree, &out), 0);
	assert_has(out, "Document");
	assert_has(out, "H1");
	assert_has(out, "H2");
	assert_has(out, "Table");
	assert_has(out, "TH");
	assert_has(out, "TD");
	assert_has(out, "Link");
	free(out);

	assert_int_equal(run(trailer, &out), 0);
	assert_has(out, "/ID [ <");
	free(out);

	pdf = slurp("tag.pdf", &len);
	assert_true(has_bytes(pdf, len, "/Lang (el-GR)"));
	assert_true(has_bytes(pdf, len, "/OutputIntents [ "));
	assert_true(has_bytes(pdf, len, "/S /GTS_PDFA1"));
	assert_true(has_bytes(pdf, len, "/F 4 >>"));
	/* PDF/A-2 6.2.11.3.2: CID fonts say how CIDs map to glyphs. */
	assert_true(has_bytes(pdf, len, "/CIDToGIDMap /Identity >>"));
	/* Not sealed: no form, no signature. */
	assert_false(has_bytes(pdf, len, "/AcroForm"));
	free(pdf);

	/* Without a profile: no output intent, no claim of PDF/A. */
	s.icc_profile = NULL;
	render_to(&s, "noicc.pdf");
	pdf = slurp("noicc.pdf", &len);
	assert_false(has_bytes(pdf, len, "/OutputIntents"));
	assert_false(has_bytes(pdf, len, "pdfaid:part"));
	free(pdf);
}

/* pdfsig's verdict lines on the scratch folder's name. */
static char *
pdfsig(const char *name)
{
	const char	*argv[] = { "pdfsig", "-nocert", scratch_path("%s", name), NULL };
	char		*out;

	run(argv, &out);
	return out;
}

/*
 * Sealed: a PAdES signature pdfsig accepts over the whole file; one
 * changed byte anywhere in it is detected by pdfsig and by pades_verify().
 */
static void
test_sealed(void **state)
{
	struct keystore_new	 n = { NULL, NULL, "Δήμος Βισαλτίας", NULL };
	struct keystore_gen	 g;
	struct pdfup_sig	 seal;
	struct pades_check	 ck;
	struct pdf_spec		 s = sample();
	const unsigned char	*cert;
	unsigned char		*pdf;
	char			 id[KEYSTORE_ID_SIZE], *out;
	size_t			 len, certlen, at;

	(void)state;
	assert_int_equal(mkdir(scratch_path("%s", "keys"), 0700), 0);
	assert_int_equal(keystore_init(scratch_path("%s", "keys"), &n, id), DM_OK);
	assert_int_equal(keystore_load(scratch_path("%s", "keys"), &g), DM_OK);
	assert_non_null(g.pades);
	memset(&seal, 0, sizeof(seal));
	seal.name = "Δήμος Βισαλτίας";
	seal.reason = "Ηλεκτρονική σφραγίδα";
	seal.location = "Νιγρίτα";
	seal.reserve = pades_reserve(g.pades);
	seal.sign = pades_sign;
	seal.arg = g.pades;
	s.seal = &seal;
	s.icc_profile = ICC;
	render_to(&s, "sealed.pdf");
	check_qpdf("sealed.pdf");
	check_qr("sealed.pdf", 1, URL);

	out = pdfsig("sealed.pdf");
	assert_has(out, "Signature Type: ETSI.CAdES.detached");
	assert_has(out, "Signer Certificate Common Name: Δήμος Βισαλτίας");
	assert_has(out, "Total document signed");
	assert_has(out, "Signature Validation: Signature is Valid.");
	free(out);

	pdf = slurp("sealed.pdf", &len);
	/* The widget is printable, with an (empty) appearance (PDF/A). */
	assert_true(has_bytes(pdf, len, "/F 132 /P "));
	assert_true(has_bytes(pdf, len, "/AP << /N "));
	cert = pades_cert_der(g.pades, &certlen);
	assert_int_equal(pades_verify(pdf, len, cert, certlen, &ck), DM_OK);
	assert_int_equal(ck.state, PADES_VALID);
	assert_true(ck.by_cert);
	assert_has(ck.signer.subject, "CN=Δήμος Βισαλτίας");

	/* One byte of the page content, then one of the update. */
	for (int k = 0; k < 2; k++) {
		at = k == 0 ? len / 3 : len - 200;
		pdf[at] ^= 0x20;
		assert_int_equal(pades_verify(pdf, len, cert, certlen, &ck),
		    DM_OK);
		assert_int_equal(ck.state, PADES_BROKEN);
		pdf[at] ^= 0x20;
	}
	pdf[len / 3] ^= 0x20;
	{
		FILE *f = fopen(scratch_path("%s", "tampered.pdf"), "wb");

		assert_non_null(f);
		assert_int_equal(fwrite(pdf, 1, len, f), len);
		fclose(f);
	}
	out = pdfsig("tampered.pdf");
	assert_null(strstr(out, "Signature is Valid"));
	free(out);
	free(pdf);

	/* Another certificate: intact, but not by the one expected. */
	render_to(&s, "sealed2.pdf");
	pdf = slurp("sealed2.pdf", &len);
	assert_int_equal(pades_verify(pdf, len, cert, certlen - 1, &ck),
	    DM_OK);
	assert_int_equal(ck.state, PADES_VALID);
	assert_false(ck.by_cert);
	free(pdf);

	/* Unsealed documents have no signature at all. */
	s.seal = NULL;
	render_to(&s, "plain.pdf");
	pdf = slurp("plain.pdf", &len);
	assert_int_equal(pades_verify(pdf, len, NULL, 0, &ck), DM_OK);
	assert_int_equal(ck.state, PADES_ABSENT);
	free(pdf);
	keystore_free(&g);
}

/* Keeps the cache across the whole run, like a worker does. */
static int
teardown_cache(void **state)
{
	(void)state;
	pdf_cleanup();
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_page),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_robust),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_emblem),
		cmocka_unit_test(test_archival),
		cmocka_unit_test(test_sealed),
	};
	int	 rc;

	if (scratch_make("pdf") != 0)
		return 1;
	rc = cmocka_run_group_tests(tests, NULL, teardown_cache);
	scratch_remove();
	return rc;
}
