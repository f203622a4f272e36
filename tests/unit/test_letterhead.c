/*
 * test_letterhead.c - who a document says issues it (view/letterhead.c):
 * the state's header, contacts and emblem from [letterhead] with each
 * department's differences from [letterhead.<department>], the
 * signatory (clerk with title, the mayor's mandate where the department
 * signs by it, or the statement of automatic issue) and the seal note
 * with the configured legal basis.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "i18n.h"
#include "letterhead.h"

static const char conf[] =
    "[server]\n"
    "socket = run/d.sock\n"
    "xslt_dir = " DIMOS_SOURCE_DIR "/xslt\n"
    "[database]\n"
    "name = dimos\n"
    "user = dimos\n"
    "[municipality]\n"
    "name_el = Δήμος Βισαλτίας\n"
    "name_en = Municipality of Visaltia\n"
    "place_el = Νιγρίτα\n"
    "address_el = Πλατεία Ελευθερίας 1, 62200 Νιγρίτα\n"
    "phone = +30 23223 50100\n"
    "email = info@visaltia.gr\n"
    "[plugins]\n"
    "enabled = civil_registry, general, male_registry\n"
    "[documents]\n"
    "legal_basis = τον ν. 4727/2020\n"
    "[letterhead]\n"
    "region = ΠΕΡΙΦΕΡΕΙΑ ΚΕΝΤΡΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ\n"
    "regional_unit = ΠΕΡΙΦΕΡΕΙΑΚΗ ΕΝΟΤΗΤΑ ΣΕΡΡΩΝ\n"
    "directorate = Διεύθυνση Διοικητικών Υπηρεσιών\n"
    "emblem = /srv/dimos/ethnosimo.png\n"
    "[letterhead.civil_registry]\n"
    "department = Τμήμα Δημοτολογίου και Ληξιαρχείου\n"
    "phone = +30 23223 50130\n"
    "email = dimotologio@visaltia.gr\n"
    "[letterhead.general]\n"
    "directorate = Αυτοτελές Τμήμα Εξυπηρέτησης Πολιτών\n"
    "address = Δημαρχείου 3, 62200 Νιγρίτα\n"
    "emblem = /srv/dimos/general.png\n"
    "mandate = no\n";

static struct config	 cfg;
static struct arena	 a;

static int
setup(void **state)
{
	char	 path[] = "/tmp/dimos-lh-XXXXXX", err[512];
	FILE	*fp;
	int	 fd;

	(void)state;
	if ((fd = mkstemp(path)) < 0 || (fp = fdopen(fd, "w")) == NULL)
		return -1;
	fputs(conf, fp);
	fclose(fp);
	memset(&cfg, 0, sizeof(cfg));
	if (config_load(path, &cfg, err, sizeof(err)) != DM_OK) {
		fprintf(stderr, "%s\n", err);
		unlink(path);
		return -1;
	}
	unlink(path);
	if (i18n_load(DIMOS_SOURCE_DIR "/xslt/i18n", NULL) != DM_OK)
		return -1;
	arena_init(&a);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(&a);
	config_free(&cfg);
	return 0;
}

/* The header of the civil registry's documents: its department line and
 * contacts, the rest the municipality's. */
static void
test_department(void **state)
{
	struct pdf_spec	 s;

	(void)state;
	memset(&s, 0, sizeof(s));
	letterhead_fill(&a, &cfg, "civil_registry", "Δημοτολόγιο",
	    "05/12/2026", &s);
	assert_string_equal(s.letterhead.state, "ΕΛΛΗΝΙΚΗ ΔΗΜΟΚΡΑΤΙΑ");
	assert_string_equal(s.letterhead.authority,
	    "ΠΕΡΙΦΕΡΕΙΑ ΚΕΝΤΡΙΚΗΣ ΜΑΚΕΔΟΝΙΑΣ\nΠΕΡΙΦΕΡΕΙΑΚΗ ΕΝΟΤΗΤΑ ΣΕΡΡΩΝ");
	assert_string_equal(s.letterhead.municipality, "ΔΗΜΟΣ ΒΙΣΑΛΤΙΑΣ");
	assert_string_equal(s.letterhead.units, "Διεύθυνση Διοικητικών "
	    "Υπηρεσιών\nΤμήμα Δημοτολογίου και Ληξιαρχείου");
	assert_string_equal(s.letterhead.contact, "Ταχ. Δ/νση: Πλατεία "
	    "Ελευθερίας 1, 62200 Νιγρίτα\nΤηλέφωνο: +30 23223 50130\n"
	    "E-mail: dimotologio@visaltia.gr");
	assert_string_equal(s.letterhead.emblem_png, "/srv/dimos/ethnosimo.png");
	assert_string_equal(s.dated, "Νιγρίτα, 05/12/2026");
	assert_string_equal(s.lang, "el-GR");
	assert_string_equal(s.icc_profile, "/usr/share/color/icc/sRGB.icc");
	assert_string_equal(s.labels->protocol, "Αρ. πρωτ.");
}

/* Another department: its own directorate, address and emblem; the
 * municipality's phone and e-mail; without a configured department line,
 * the department's name. */
static void
test_other_department(void **state)
{
	struct pdf_spec	 s;

	(void)state;
	memset(&s, 0, sizeof(s));
	letterhead_fill(&a, &cfg, "general", "Γενικά αιτήματα", "05/12/2026",
	    &s);
	assert_string_equal(s.letterhead.units, "Αυτοτελές Τμήμα "
	    "Εξυπηρέτησης Πολιτών\nΓενικά αιτήματα");
	assert_string_equal(s.letterhead.contact, "Ταχ. Δ/νση: Δημαρχείου 3, "
	    "62200 Νιγρίτα\nΤηλέφωνο: +30 23223 50100\n"
	    "E-mail: info@visaltia.gr");
	assert_string_equal(s.letterhead.emblem_png, "/srv/dimos/general.png");
	/* The municipality's own documents (no department). */
	memset(&s, 0, sizeof(s));
	letterhead_fill(&a, &cfg, NULL, "Δήμος Βισαλτίας", "05/12/2026", &s);
	assert_string_equal(s.letterhead.units, "Διεύθυνση Διοικητικών "
	    "Υπηρεσιών\nΔήμος Βισαλτίας");
	assert_string_equal(s.letterhead.emblem_png, "/srv/dimos/ethnosimo.png");
}

/* The clerk by name and title, by the mayor's mandate where the
 * department signs by it; without a clerk the automatic statement; the
 * seal note names the legal basis. */
static void
test_signatory(void **state)
{
	struct pdf_signatory	 g;

	(void)state;
	letterhead_signatory(&a, &cfg, "civil_registry", "Ελένη Κωνσταντίνου",
	    "Η Προϊσταμένη του Τμήματος", 1, &g);
	assert_string_equal(g.name, "Ελένη Κωνσταντίνου");
	assert_string_equal(g.title, "Η Προϊσταμένη του Τμήματος");
	assert_string_equal(g.mandate, "Με εντολή Δημάρχου");
	assert_null(g.automatic);
	assert_non_null(strstr(g.seal_note, "φέρει ηλεκτρονική σφραγίδα"));
	assert_non_null(strstr(g.seal_note, "σύμφωνα με τον ν. 4727/2020."));

	/* mandate = no in [letterhead.general]; no title: none printed. */
	letterhead_signatory(&a, &cfg, "general", "Νίκος Δημητρίου", "", 1,
	    &g);
	assert_string_equal(g.name, "Νίκος Δημητρίου");
	assert_null(g.title);
	assert_null(g.mandate);

	/* Automatic issue; a receipt is not sealed. */
	letterhead_signatory(&a, &cfg, "male_registry", NULL, NULL, 0, &g);
	assert_null(g.name);
	assert_null(g.mandate);
	assert_non_null(strstr(g.automatic, "Εκδόθηκε αυτόματα"));
	assert_null(g.seal_note);
}

/* Without an emblem anywhere in the configuration: the neutral one that
 * ships with the site. */
static void
test_default_emblem(void **state)
{
	struct pdf_spec	 s;
	char		*saved = cfg.lh_emblem, *mun = cfg.mun_emblem_png;

	(void)state;
	cfg.lh_emblem = NULL;
	cfg.mun_emblem_png = NULL;
	memset(&s, 0, sizeof(s));
	letterhead_fill(&a, &cfg, "civil_registry", "Δημοτολόγιο",
	    "05/12/2026", &s);
	assert_string_equal(s.letterhead.emblem_png,
	    DIMOS_SOURCE_DIR "/xslt/static/emblem.png");
	assert_int_equal(access(s.letterhead.emblem_png, R_OK), 0);
	cfg.lh_emblem = saved;
	cfg.mun_emblem_png = mun;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_department),
		cmocka_unit_test(test_other_department),
		cmocka_unit_test(test_signatory),
		cmocka_unit_test(test_default_emblem),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
