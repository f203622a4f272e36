/*
 * test_abi.c - the plugin ABI from the outside.
 * - every kind of bad plugin is refused, naming the file and the problem;
 * - a 1.x plugin is refused and told to rebuild;
 * - a plugin built against the frozen 2.0 headers loads: every element of
 *   its arrays is read with 2.0 strides, its route serves, its validate
 *   runs, and nothing past its 2.0 descriptor is ever read or called;
 * - so does one built against the released 2.1 headers (136 bytes): its
 *   2.1 hooks run, its preview only for drafts, and 2.2's choices, fee
 *   and on_paid are never looked for past its descriptor;
 * - so does one built against the released 2.2 headers: its choices of a
 *   CHOICE field, its preview of a submitted request and on_paid run; a
 *   2.2 plugin giving a DATE field its own choices (2.3's) is refused;
 * - routes: a plugin route that would hide or be hidden by another
 *   owner's is refused with both named, and so is a department name a core
 *   page takes;
 * - config isolation: a plugin reads only its own [plugin.<name>], and a
 *   context the core did not hand out is refused;
 * - the administrator's [service.*] and [department.*] overrides apply to
 *   the core's copies, and mistakes are reported with file:line;
 * - dimosd -t and dimosd itself stop on a refused plugin.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <errno.h>
#include <fastcgi.h>
#include <fcgiapp.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "forms.h"
#include "host_table.h"
#include "req.h"
#include "pages.h"
#include "plugins.h"
#include "render.h"
#include "worker.h"

struct refusal {
	const char	*name;
	const char	*expect;
};

static const struct refusal refusals[] = {
	{ "abi_nosymbol", "missing entry symbol dimos_plugin_v2" },
	{ "abi_major", "built for ABI major 3; this core speaks ABI 2.3" },
	{ "abi_minor", "built for ABI 2.4, newer than this core's 2.3" },
	{ "abi_short", "; ABI 2.3 needs 160" },
	{ "abi_name", "declares the name 'somebody_else'; expected "
	    "'abi_name'" },
	{ "abi_noinit", "has no init function" },
	{ "abi_badservice", "service code 'Bad Code!' is not [a-z][a-z0-9-]*" },
	{ "abi_badfield", "field name 'Bad Name' is not [a-z][a-z0-9_]*" },
	{ "abi_nochoices", "field kind is a choice without choices" },
	{ "abi_ownchoices", "field mine: DM_FIELD_OWN_CHOICES is for a CHOICE, "
	    "MULTICHOICE or DATE without declared choices, of a plugin with a "
	    "choices hook" },
	{ "abi_badroute", "route 'no-leading-slash' needs a /path" },
	{ "abi_badcolumn", "department: queue column day filters or sorts, "
	    "so it must be DM_COLUMN_INDEXED" },
	{ "abi_badaccept", "service abi-badaccept-svc: field note: accept "
	    "(0x1) is for FILE fields" },
	{ "abi_v1", "built for ABI 1 (it exports dimos_plugin_v1); this core "
	    "speaks ABI 2.3 and loads dimos_plugin_v2: rebuild the plugin "
	    "against this core's headers" },
	{ "abi_v22_date", "service v22-date-meter: field visit: "
	    "DM_FIELD_OWN_CHOICES on a DATE field needs ABI 2.3; the plugin "
	    "is built for 2.2 (rebuild it against this core's headers)" },
};

static char *
plugin_path(const char *dir, const char *name)
{
	static char path[4096];

	snprintf(path, sizeof(path), "%s/%s.so", dir, name);
	return path;
}

static void
test_refusals(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
		struct plugin p;
		char err[1024];
		const char *path = plugin_path(ABI_DIR, refusals[i].name);
		dm_status st = plugin_open(path, refusals[i].name, &p, err,
		    sizeof(err));

		if (st != DM_EINPUT || strstr(err, refusals[i].expect) == NULL
		    || strstr(err, path) == NULL)
			fail_msg("%s: got status %d, message '%s'; expected "
			    "'%s' naming the file", refusals[i].name, (int)st,
			    err, refusals[i].expect);
	}
}

static void
test_ok_loads(void **state)
{
	struct plugin p;
	char err[1024] = "";

	(void)state;
	assert_int_equal(plugin_open(plugin_path(ABI_DIR, "abi_ok"), "abi_ok",
	    &p, err, sizeof(err)), DM_OK);
	assert_string_equal(p.desc->name, "abi_ok");
	assert_string_equal(p.desc->services[0].code, "abi-ok-svc");
	assert_int_equal(p.desc->services[0].fields[3].accept,
	    DM_ACCEPT_PHOTO);
	assert_string_equal(p.desc->department->columns[1].field, "kind");
	assert_true(plugin_has(&p, validate));
	assert_false(plugin_has(&p, on_submit));	/* 2.1, but NULL */
	assert_int_equal(p.raw_size, DM_PLUGIN_SIZE_V2_3);
	assert_int_equal(p.desc->abi_minor, 3);
	plugin_close(&p);
}

static void
test_not_found(void **state)
{
	struct plugin p;
	char err[1024];

	(void)state;
	assert_int_equal(plugin_open(plugin_path(ABI_DIR, "abi_missing"),
	    "abi_missing", &p, err, sizeof(err)), DM_EINPUT);
	assert_non_null(strstr(err, "abi_missing.so refused: not found"));
}

/* ABI 2.0 ------------------------------------------------------------ */

/* Every element of every array, read with 2.0 strides. */
static void
check_v20_declarations(const struct plugin *p)
{
	const struct dm_service *s = p->desc->services;
	const struct dm_department *d = p->desc->department;

	assert_int_equal(p->desc->abi_major, 2);
	assert_int_equal(p->desc->abi_minor, 0);
	assert_int_equal(p->raw_size, DM_PLUGIN_SIZE_V2_0);
	assert_string_equal(d->name_el, "Καθαριότητα (2.0)");
	assert_string_equal(d->description_en, "An ABI 2.0 department");
	assert_string_equal(d->contact_phone, "+30 210 0000000");
	assert_null(d->columns);			/* 2.1: absent */

	assert_string_equal(s[0].code, "v20-pickup");
	assert_string_equal(s[1].code, "v20-bin");
	assert_string_equal(s[1].title_en, "A new bin");
	assert_string_equal(s[1].fee_en, "5 euros");
	assert_int_equal(s[1].sla_days, 10);
	assert_int_equal(s[1].result, DM_RESULT_DOCUMENT);
	assert_string_equal(s[2].code, "v20-note");
	assert_string_equal(s[2].title_el, "Σημείωμα");
	assert_int_equal(s[2].flags, DM_SERVICE_BUSINESS);
	assert_null(s[3].code);
	for (int i = 0; i < 3; i++)
		assert_null(s[i].columns);		/* 2.1: absent */

	assert_string_equal(s[0].fields[1].label_en, "Size");
	assert_string_equal(s[0].fields[1].hint_el, "Πόσο μεγάλο");
	assert_string_equal(s[0].fields[1].choices[1].label_el, "Μεσαίο");
	assert_string_equal(s[0].fields[1].choices[2].value, "large");
	assert_null(s[0].fields[1].choices[3].value);
	assert_int_equal(s[0].fields[2].type, DM_FIELD_NUMBER);
	assert_int_equal(s[0].fields[2].max, 20);
	assert_null(s[0].fields[3].name);
	assert_string_equal(s[1].fields[1].label_el, "Πού");
	assert_string_equal(s[1].fields[2].label_en, "Photo");
	assert_int_equal(s[1].fields[2].type, DM_FIELD_FILE);
	assert_int_equal(s[1].fields[2].accept, 0);	/* 2.1: absent */
	assert_string_equal(s[1].fields[3].name, "when");
	assert_string_equal(s[1].fields[0].choices[1].label_en, "Brown bin");
	assert_string_equal(s[2].fields[0].label_en, "Note");
	assert_string_equal(p->desc->routes[0].pattern,
	    strcmp(p->name, "abi_v20_liar") == 0 ? "/abi_v20_liar/hello/:who" :
	    "/abi_v20/hello/:who");
	assert_null(p->desc->routes[1].pattern);
	assert_string_equal(p->desc->config[0].name, "greeting");
	assert_null(p->desc->config[1].name);

	/* Nothing past 2.0: the hooks read as absent. */
	assert_false(plugin_has(p, on_submit));
	assert_false(plugin_has(p, on_transition));
	assert_null(p->desc->on_submit);
	assert_null(p->desc->on_transition);
	assert_true(plugin_has(p, validate));
}

/* One request through the real worker code; returns the status and
 * copies the body (FastCGI records unwrapped). */
static int
dispatch(struct config *cfg, const char *method, const char *uri,
    char *body, size_t bodysz)
{
	char path[] = "/tmp/dimos-abi-out-XXXXXX";
	unsigned char raw[65536], *b;
	struct arena arena;
	struct dm_req req;
	FCGX_Stream *out;
	size_t n = 0, k = 0;
	int fd, status = 0;
	ssize_t got;
	char *text, *sep;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	arena_init(&arena);
	out = FCGX_CreateWriter(fd, 1, 8192, FCGI_STDOUT);
	memset(&req, 0, sizeof(req));
	req.arena = &arena;
	req.cfg = cfg;
	req.out = out;
	req.env.method = method;
	req.env.uri = uri;
	req.env.accept_language = "el";
	worker_dispatch(&req);
	FCGX_FClose(out);
	FCGX_FreeStream(&out);
	lseek(fd, 0, SEEK_SET);
	got = read(fd, raw, sizeof(raw));
	close(fd);
	unlink(path);
	assert_true(got > 0);
	text = malloc((size_t)got + 1);
	for (b = raw; b + 8 <= raw + got; ) {
		size_t clen = (size_t)b[4] << 8 | b[5], plen = b[6];

		if (b[1] == FCGI_STDOUT)
			memcpy(text + n, b + 8, clen), n += clen;
		b += 8 + clen + plen;
	}
	text[n] = '\0';
	sscanf(text, "Status: %d", &status);
	sep = strstr(text, "\r\n\r\n");
	if (body != NULL) {
		body[0] = '\0';
		if (sep != NULL)
			for (sep += 4; *sep != '\0' && k + 1 < bodysz; )
				body[k++] = *sep++;
		body[k] = '\0';
	}
	free(text);
	arena_free(&arena);
	return status;
}

/* A config enabling plugins from dir; extra is appended verbatim. */
/* A key folder for the configurations dimosd starts with: a start (and
 * -t) refuses without the second factor's key. NULL: none named. */
static const char *key_dir;

static void
write_config(const char *path, const char *dir, const char *enabled,
    const char *extra)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fprintf(fp, "[server]\nsocket = %s.sock\nxslt_dir = %s/xslt\n"
	    "workers = 1\n[database]\nname = x\nuser = x\n"
	    "[municipality]\nname_el = Δήμος Δοκιμής\nname_en = Test\n"
	    "[plugins]\ndirectory = %s\ndata_dir = %s/plugins\n"
	    "enabled = %s\n%s", path, DIMOS_SOURCE_DIR, dir, DIMOS_SOURCE_DIR,
	    enabled, extra ? extra : "");
	if (key_dir != NULL)
		fprintf(fp, "\n[documents]\nkey_dir = %s\n", key_dir);
	fclose(fp);
}

/* A key folder holding a second-factor key (factorkey.h's file). */
static char *
make_key_dir(void)
{
	static char dir[] = "/tmp/dimos-abi-keys-XXXXXX";
	char path[64];
	FILE *fp;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/factor.key", dir);
	assert_non_null(fp = fopen(path, "w"));
	fprintf(fp, "dimos-factor-key-v1\n"
	    "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n");
	assert_int_equal(fclose(fp), 0);
	assert_int_equal(chmod(path, 0600), 0);
	return dir;
}

static void
drop_key_dir(const char *dir)
{
	char path[64];

	snprintf(path, sizeof(path), "%s/factor.key", dir);
	unlink(path);
	rmdir(dir);
}

static char conf_path[64];

static void
new_config(const char *enabled, const char *extra, struct config *cfg)
{
	char err[1024];
	int fd;

	strcpy(conf_path, "/tmp/dimos-abi-conf-XXXXXX");
	fd = mkstemp(conf_path);
	assert_true(fd >= 0);
	close(fd);
	write_config(conf_path, ABI_DIR, enabled, extra);
	if (config_load(conf_path, cfg, err, sizeof(err)) != DM_OK)
		fail_msg("%s", err);
}

static void
end_config(struct config *cfg)
{
	config_free(cfg);
	unlink(conf_path);
}

/* A request as a hook would run in: its arena, cfg and language. */
static void
fake_req(struct dm_req *req, struct arena *arena, struct config *cfg,
    const char *lang)
{
	arena_init(arena);
	memset(req, 0, sizeof(*req));
	req->arena = arena;
	req->cfg = cfg;
	req->lang = lang;
}

/* Prepares a worker for cfg (plugins loaded and initialised). */
static void
prepare(struct config *cfg)
{
	char err[2048];

	if (worker_prepare(cfg, err, sizeof(err)) != 0)
		fail_msg("worker_prepare: %s", err);
	assert_int_equal(plugins_init(host_get(cfg)), DM_OK);
}

/* A counter a loaded test plugin exports (its hooks' calls). */
static int *
plugin_counter(const char *plugin, const char *name)
{
	const struct plugin *p = plugins_find(plugin);
	int *n;

	assert_non_null(p);
	*(void **)&n = dlsym(p->handle, name);
	assert_non_null(n);
	return n;
}

static int *
trapped(const char *name)
{
	return plugin_counter(name, "abi_v20_trapped");
}

/* The core's validation and hooks, as a submission runs them. */
static void
run_hooks(struct config *cfg, const char *code, int *traps)
{
	const struct service *sv = services_find(code);
	struct arena arena;
	struct dm_req req;
	struct dm_request r = { .id = 1, .service = code,
	    .protocol = "1/2026" };
	struct dm_form form;
	struct ffield *f, *size;
	size_t n;

	assert_non_null(sv);
	fake_req(&req, &arena, cfg, "en");
	kv_add(&arena, &req.form, "address", "Ερμού 5, Νιγρίτα", 24);
	kv_add(&arena, &req.form, "size", "small", 5);
	kv_add(&arena, &req.form, "items", "12", 2);
	f = forms_from_service(&req, sv->svc->fields, &n);
	assert_int_equal(n, 3);
	assert_int_equal(forms_check(&req, f, n), 0);
	form = (struct dm_form){ &req, f, n, 0, NULL };
	/* Its validate runs and speaks through the host table. */
	assert_int_equal(plugin_validate(&req, sv, &form), DM_OK);
	size = forms_find(f, n, "size");
	assert_non_null(size->error);
	assert_string_equal(size->error, "More than 10 items: large.");
	assert_null(forms_find(f, n, "items")->error);
	/* 2.1 hooks: absent, never called. */
	assert_int_equal(plugin_on_submit(&req, sv, &r, &form), DM_OK);
	assert_int_equal(plugin_on_transition(&req, sv, &r, DM_REQ_SUBMITTED,
	    DM_REQ_COMPLETED, "completed"), DM_OK);
	assert_int_equal(*traps, 0);
	assert_null(req.plugin);
	arena_free(&arena);
}

static void
test_v20(void **state)
{
	static const char *const names[] = { "abi_v20", "abi_v20_liar" };
	char body[4096];

	(void)state;
	for (size_t i = 0; i < 2; i++) {
		struct config cfg;
		struct plugin p;
		char err[1024] = "";

		assert_int_equal(plugin_open(plugin_path(ABI_DIR, names[i]),
		    names[i], &p, err, sizeof(err)), DM_OK);
		check_v20_declarations(&p);
		plugin_close(&p);

		new_config(names[i], i == 0 ? "[plugin.abi_v20]\n"
		    "greeting = Καλημέρα\n" : NULL, &cfg);
		prepare(&cfg);
		check_v20_declarations(plugins_find(names[i]));
		/* Its route serves, through its 2.0 view of the host. */
		snprintf(err, sizeof(err), "/%s/hello/Ελένη", names[i]);
		assert_int_equal(dispatch(&cfg, "GET", err, body,
		    sizeof(body)), 200);
		assert_string_equal(body, i == 0 ? "Καλημέρα from ABI 2.0 "
		    "(Ελένη)\n" : "hello from ABI 2.0 (Ελένη)\n");
		/* ... and its services are the catalogue's. */
		assert_int_equal(dispatch(&cfg, "GET", "/services/v20-bin",
		    body, sizeof(body)), 200);
		assert_non_null(strstr(body, "Νέος κάδος"));
		assert_non_null(strstr(body, "5 ευρώ"));
		run_hooks(&cfg, "v20-pickup", trapped(names[i]));
		worker_unprepare();
		end_config(&cfg);
	}
}

/* ABI 2.1 ------------------------------------------------------------ */

static int *
v21_counter(const char *name)
{
	return plugin_counter("abi_v21", name);
}

static void
test_v21(void **state)
{
	struct config cfg;
	const struct plugin *p;
	const struct service *sv;
	struct arena arena;
	struct dm_req req;
	struct dm_request draft = { .id = 7, .service = "v21-permit",
	    .status = DM_REQ_DRAFT };
	struct dm_request sent = { .id = 7, .service = "v21-permit",
	    .protocol = "7/2026", .status = DM_REQ_SUBMITTED };
	struct dm_fee fee;
	char body[4096];

	(void)state;
	new_config("abi_v21", NULL, &cfg);
	prepare(&cfg);
	p = plugins_find("abi_v21");
	assert_non_null(p);
	assert_int_equal(p->desc->abi_minor, 1);
	assert_int_equal(p->raw_size, DM_PLUGIN_SIZE_V2_1);
	assert_int_equal(DM_PLUGIN_SIZE_V2_1, 136);
	assert_int_equal(DM_HOST_SIZE_V2_1, 368);
	/* Its 2.1 declarations, read with 2.1 strides. */
	sv = services_find("v21-permit");
	assert_non_null(sv);
	assert_string_equal(sv->svc->fields[1].label_en, "Plan");
	assert_int_equal(sv->svc->fields[1].accept, DM_ACCEPT_PDF);
	assert_string_equal(sv->svc->columns[0].field, "days");
	assert_null(sv->svc->columns[1].field);
	assert_string_equal(p->desc->department->description_en,
	    "An ABI 2.1 department");
	/* 2.1's hooks are there, 2.2's are not, whatever lies after. */
	assert_true(plugin_has(p, on_submit));
	assert_true(plugin_has(p, preview));
	assert_false(plugin_has(p, choices));
	assert_false(plugin_has(p, fee));
	assert_false(plugin_has(p, on_paid));
	assert_null(p->desc->choices);
	assert_null(p->desc->on_paid);
	assert_null(plugins_fee_collector());
	assert_int_equal(dispatch(&cfg, "GET", "/services/v21-permit", body,
	    sizeof(body)), 200);
	assert_non_null(strstr(body, "Άδεια (2.1)"));

	fake_req(&req, &arena, &cfg, "el");
	/* Its preview: for the draft, not (2.1's contract) for the request
	 * once submitted. */
	assert_int_equal(plugin_preview(&req, sv, &draft,
	    render_begin(&req, "x", "x")), DM_OK);
	assert_int_equal(*v21_counter("abi_v21_previews"), 1);
	render_discard(&req);
	assert_int_equal(plugin_preview_submitted(&req, sv, &sent,
	    render_begin(&req, "x", "x")), DM_ENOTFOUND);
	render_discard(&req);
	assert_int_equal(*v21_counter("abi_v21_previews"), 1);
	assert_int_equal(plugin_on_submit(&req, sv, &sent, NULL), DM_OK);
	assert_int_equal(*v21_counter("abi_v21_submits"), 1);
	/* 2.2's, absent: nothing, and nothing past 2.1 called. */
	assert_int_equal(plugin_on_paid(&req, sv, &sent, &fee), DM_OK);
	assert_int_equal(*v21_counter("abi_v21_trapped"), 0);
	assert_null(req.plugin);
	arena_free(&arena);
	worker_unprepare();
	end_config(&cfg);
}

/* ABI 2.2 ------------------------------------------------------------ */

static int *
v22_counter(const char *name)
{
	return plugin_counter("abi_v22", name);
}

static void
test_v22(void **state)
{
	struct config cfg;
	const struct plugin *p;
	const struct service *sv;
	struct arena arena;
	struct dm_req req;
	struct dm_request sent = { .id = 8, .service = "v22-meter",
	    .protocol = "8/2026", .status = DM_REQ_SUBMITTED };
	struct dm_fee fee;
	struct ffield *f;
	size_t n;

	(void)state;
	assert_int_equal(DM_PLUGIN_SIZE_V2_2, 160);
	assert_int_equal(DM_HOST_SIZE_V2_2, 416);
	assert_int_equal(DM_PLUGIN_SIZE_V2_3, DM_PLUGIN_SIZE_V2_2);
	assert_int_equal(DM_HOST_SIZE_V2_3, DM_HOST_SIZE_V2_2);
	new_config("abi_v22", NULL, &cfg);
	prepare(&cfg);
	p = plugins_find("abi_v22");
	assert_non_null(p);
	assert_int_equal(p->desc->abi_minor, 2);
	assert_int_equal(p->raw_size, DM_PLUGIN_SIZE_V2_2);
	assert_true(plugin_has(p, choices));
	assert_true(plugin_has(p, preview));
	assert_true(plugin_has(p, on_paid));
	sv = services_find("v22-meter");
	assert_non_null(sv);

	fake_req(&req, &arena, &cfg, "en");
	/* A CHOICE of the applicant's own, from its choices hook. */
	f = pages_fields(&req, sv, 0, &n);
	assert_int_equal(n, 2);
	assert_string_equal(f[0].name, "supply");
	assert_int_equal(f[0].nchoices, 2);
	assert_string_equal(f[0].choices[1].value, "s-202");
	assert_string_equal(f[0].choices[1].label, "2 Athinas Street");
	assert_int_equal(*v22_counter("abi_v22_choices"), 1);
	/* 2.2's preview: the submitted request's too. */
	assert_int_equal(plugin_preview_submitted(&req, sv, &sent,
	    render_begin(&req, "x", "x")), DM_OK);
	render_discard(&req);
	assert_int_equal(*v22_counter("abi_v22_previews"), 1);
	memset(&fee, 0, sizeof(fee));
	assert_int_equal(plugin_on_paid(&req, sv, &sent, &fee), DM_OK);
	assert_int_equal(*v22_counter("abi_v22_paid"), 1);
	arena_free(&arena);
	worker_unprepare();
	end_config(&cfg);
}

/* Routes ------------------------------------------------------------- */

static void
expect_refusal(const char *enabled, const char *expect)
{
	struct config cfg;
	char err[2048];

	new_config(enabled, NULL, &cfg);
	if (worker_prepare(&cfg, err, sizeof(err)) == 0 ||
	    strstr(err, expect) == NULL)
		fail_msg("%s: got '%s'; expected '%s'", enabled, err, expect);
	worker_unprepare();
	end_config(&cfg);
}

/* validate's messages come back on the fields; any status but DM_OK is
 * the plugin failing, never a pass: DM_EINTERNAL (a 500 page). */
static void
check_validate_contract(struct config *cfg)
{
	static const char *const notes[] = { "yes", "no", "boom" };
	const struct service *sv = services_find("abi-ok-svc");

	for (size_t i = 0; i < 3; i++) {
		struct arena arena;
		struct dm_req req;
		struct dm_form form;
		struct ffield *f;
		size_t n;
		dm_status st;

		fake_req(&req, &arena, cfg, "el");
		kv_add(&arena, &req.form, "note", notes[i], strlen(notes[i]));
		f = forms_from_service(&req, sv->svc->fields, &n);
		assert_int_equal(forms_check(&req, f, n), 0);
		form = (struct dm_form){ &req, f, n, 0, NULL };
		st = plugin_validate(&req, sv, &form);
		assert_int_equal(st, i == 2 ? DM_EINTERNAL : DM_OK);
		if (i == 1)
			assert_string_equal(forms_find(f, n, "note")->error,
			    "Όχι «όχι».");
		else
			assert_null(forms_find(f, n, "note")->error);
		arena_free(&arena);
	}
}

static void
test_routes(void **state)
{
	struct config cfg;
	char body[4096];

	(void)state;
	expect_refusal("abi_shadow", "abi_shadow.so refused: plugin "
	    "abi_shadow's route GET /staff/abi_shadow/counter would hide the "
	    "core's route GET|POST /staff/:dept/counter (both match "
	    "/staff/abi_shadow/counter)");
	expect_refusal("abi_ok, abi_overlap", "abi_overlap.so refused: plugin "
	    "abi_overlap's route GET /abi_ok/:page would be hidden by plugin "
	    "abi_ok's route GET /abi_ok/hello (both match /abi_ok/hello)");
	/* The other way round: the newcomer's literal would win. */
	expect_refusal("abi_overlap, abi_ok", "abi_ok.so refused: plugin "
	    "abi_ok's route GET /abi_ok/hello would hide plugin abi_overlap's "
	    "route GET /abi_ok/:page");
	/* One department collects the fees: the first is it, a second is
	 * refused. */
	new_config("abi_ok, abi_fees", NULL, &cfg);
	prepare(&cfg);
	assert_string_equal(plugins_fee_collector()->name, "abi_fees");
	worker_unprepare();
	end_config(&cfg);
	expect_refusal("abi_fees, abi_fees2", "abi_fees2.so refused: collects "
	    "fees (fee hook), as plugin abi_fees does already: enable one");
	/* A department named like a page of the core's: its own routes
	 * would hide the public reports' (/reports/:id). */
	expect_refusal("reports", "reports.so refused: plugin reports's "
	    "route GET /reports/hello would hide the core's route GET "
	    "/reports/:id (both match /reports/hello)");

	/* Two plugins side by side: each serves its own. */
	new_config("abi_ok, abi_other", NULL, &cfg);
	prepare(&cfg);
	assert_int_equal(dispatch(&cfg, "GET", "/abi_ok/hello", body,
	    sizeof(body)), 200);
	assert_string_equal(body, "hello from a plugin\n");
	assert_int_equal(dispatch(&cfg, "GET", "/abi_other/hello", body,
	    sizeof(body)), 200);
	assert_int_equal(dispatch(&cfg, "POST", "/abi_ok/hello", NULL, 0),
	    405);
	assert_int_equal(dispatch(&cfg, "GET", "/abi_ok/nothing", NULL, 0),
	    404);
	check_validate_contract(&cfg);
	worker_unprepare();
	end_config(&cfg);
}

/* Config isolation ---------------------------------------------------- */

/* Runs fn with stderr going to a file; returns what was written. */
static char *
capture_stderr(int (*fn)(void *), void *arg, int *rc)
{
	char path[] = "/tmp/dimos-abi-err-XXXXXX";
	static char text[8192];
	int fd = mkstemp(path), saved = dup(2);
	ssize_t n;

	assert_true(fd >= 0);
	fflush(stderr);
	dup2(fd, 2);
	*rc = fn(arg);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	lseek(fd, 0, SEEK_SET);
	n = read(fd, text, sizeof(text) - 1);
	text[n > 0 ? n : 0] = '\0';
	close(fd);
	unlink(path);
	return text;
}

static struct config *forged_cfg;

static int
get_forged(void *arg)
{
	char *body = arg;

	return dispatch(forged_cfg, "GET", "/abi_ok/forged", body, 4096);
}

static void
test_config_isolation(void **state)
{
	const struct dm_host *host;
	struct config cfg;
	char body[4096], *log;
	int rc;

	(void)state;
	new_config("abi_ok, abi_other", "[plugin.abi_ok]\ngreeting = Γεια\n"
	    "[plugin.abi_other]\ngreeting = Hello\nsecret = other's\n", &cfg);
	prepare(&cfg);
	assert_int_equal(dispatch(&cfg, "GET", "/abi_ok/config/greeting",
	    body, sizeof(body)), 200);
	assert_string_equal(body, "Γεια");
	assert_int_equal(dispatch(&cfg, "GET", "/abi_other/config/greeting",
	    body, sizeof(body)), 200);
	assert_string_equal(body, "Hello");
	/* abi_other has a secret; abi_ok, asking, finds none of its own. */
	assert_int_equal(dispatch(&cfg, "GET", "/abi_other/config/secret",
	    body, sizeof(body)), 200);
	assert_string_equal(body, "other's");
	assert_int_equal(dispatch(&cfg, "GET", "/abi_ok/config/secret", NULL,
	    0), 404);
	/* A context the core did not hand out is refused and logged. */
	forged_cfg = &cfg;
	log = capture_stderr(get_forged, body, &rc);
	assert_int_equal(rc, 403);		/* the plugin saw NULL */
	assert_string_equal(body, "refused");
	assert_non_null(strstr(log, "a plugin called host->config_get with a "
	    "context the core did not give it"));
	assert_non_null(strstr(log, "a plugin called host->log with a "
	    "context the core did not give it"));
	assert_null(strstr(log, "forged"));	/* the message was not logged */
	/* The core's side: each context reads its own section only. */
	host = host_get(&cfg);
	assert_string_equal(host->config_get(plugins_find("abi_other")->ctx,
	    "secret"), "other's");
	assert_null(host->config_get(plugins_find("abi_ok")->ctx, "secret"));
	assert_null(host->config_get(NULL, "greeting"));
	assert_ptr_equal(plugins_by_ctx(plugins_find("abi_ok")->ctx),
	    plugins_find("abi_ok"));
	assert_null(plugins_by_ctx((struct dm_plugin_ctx *)(void *)body));
	worker_unprepare();
	end_config(&cfg);
}

/* Overrides -------------------------------------------------------------- */

static void
test_overrides(void **state)
{
	static const struct refusal bad[] = {
		{ "[service.nope]\nsla_days = 3\n", ":16: [service.nope]: no "
		    "enabled plugin declares a service 'nope'" },
		{ "[service.abi-ok-svc]\ncolour = red\n", ":16: unknown key "
		    "'colour' in [service.abi-ok-svc] (known: enabled, "
		    "sla_days, fee_el, fee_en)" },
		{ "[service.abi-ok-svc]\nsla_days = many\n", ":16: "
		    "[service.abi-ok-svc] sla_days: 'many' is not a number of "
		    "business days from 0 (none) to 365" },
		{ "[service.abi-ok-svc]\nenabled = perhaps\n", ":16: "
		    "[service.abi-ok-svc] enabled: 'perhaps' is not yes or "
		    "no" },
		{ "[service.abi-ok-svc]\nfee_el = 5 ευρώ\n", ":16: "
		    "[service.abi-ok-svc] fee_el: set fee_el and fee_en "
		    "together" },
		{ "[department.nope]\nname_el = Χ\n", ":16: [department.nope]: "
		    "no enabled plugin implements a department 'nope'" },
		{ "[department.abi_ok]\ncontact_email = nobody\n", ":16: "
		    "[department.abi_ok] contact_email: 'nobody' is not an "
		    "e-mail address" },
		{ "[department.abi_ok]\nname_el =\n", ":16: "
		    "[department.abi_ok] name_el: must not be empty" },
		{ "[department.abi_ok]\nfloor = 2\n", ":16: unknown key "
		    "'floor' in [department.abi_ok]" },
	};
	const struct service *sv;
	const struct plugin *p;
	struct config cfg;
	char err[2048];

	(void)state;
	new_config("abi_ok, abi_other", "[service.abi-ok-svc]\n"
	    "sla_days = 7\nfee_el = 10 ευρώ\nfee_en = 10 euros\n"
	    "[department.abi_ok]\nname_el = Καθαριότητα\n"
	    "contact_phone = +30 23220 22222\n"
	    "[service.abi-other-svc]\nenabled = no\n", &cfg);
	assert_int_equal(plugins_load(&cfg, err, sizeof(err)), DM_OK);
	sv = services_find("abi-ok-svc");
	assert_int_equal(sv->svc->sla_days, 7);
	assert_string_equal(sv->svc->fee_en, "10 euros");
	assert_int_equal(sv->decl->sla_days, 3);	/* as written */
	assert_null(sv->decl->fee_el);
	p = plugins_find("abi_ok");
	assert_string_equal(p->desc->department->name_el, "Καθαριότητα");
	assert_string_equal(p->desc->department->name_en, "Test department");
	assert_string_equal(p->desc->department->contact_phone,
	    "+30 23220 22222");
	assert_string_equal(p->desc->department->contact_email,
	    "test@example.org");
	/* Turned off: out of the catalogue, still found for its requests. */
	p = plugins_find("abi_other");
	assert_null(p->desc->services[0].code);
	sv = services_find("abi-other-svc");
	assert_non_null(sv);
	assert_true(sv->disabled);
	assert_null(services_find_open("abi-other-svc"));
	assert_non_null(services_find_open("abi-ok-svc"));
	plugins_unload();
	end_config(&cfg);

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		new_config("abi_ok, abi_other", bad[i].name, &cfg);
		if (plugins_load(&cfg, err, sizeof(err)) != DM_EINPUT ||
		    strstr(err, bad[i].expect) == NULL ||
		    strstr(err, conf_path) == NULL)
			fail_msg("case %zu: got '%s'; expected '%s'", i, err,
			    bad[i].expect);
		assert_int_equal(plugins_count(), 0);
		end_config(&cfg);
	}
}

/* The documented example's overrides are valid for the shipped plugins. */
static void
test_example_overrides(void **state)
{
	const struct plugin *p;
	struct config cfg;
	char err[2048];

	(void)state;
	if (config_load(DIMOS_SOURCE_DIR "/packaging/dimos.ini.example", &cfg,
	    err, sizeof(err)) != DM_OK)
		fail_msg("%s", err);
	free(cfg.plugin_dir);
	cfg.plugin_dir = strdup(DIMOS_PLUGIN_DIR);
	free(cfg.plugin_data_dir);
	cfg.plugin_data_dir = strdup(DIMOS_SOURCE_DIR "/plugins");
	if (plugins_load(&cfg, err, sizeof(err)) != DM_OK)
		fail_msg("%s", err);
	assert_int_equal(services_find("general-meeting")->svc->sla_days, 5);
	assert_int_equal(services_find("general-meeting")->decl->sla_days, 10);
	p = plugins_find("general");
	assert_string_equal(p->desc->department->name_en,
	    "Mayor's Office and General Secretariat");
	assert_string_equal(p->desc->department->contact_email,
	    "grammateia@visaltia.gr");
	plugins_unload();
	config_free(&cfg);
}

static void
copy_file(const char *from, const char *to, mode_t mode)
{
	char buf[65536];
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	size_t n;

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	fclose(out);
	assert_int_equal(chmod(to, mode), 0);
}

static void
test_writable_by_others(void **state)
{
	char dir[] = "/tmp/dimos-abi-XXXXXX", path[4096], err[1024];
	struct plugin p;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chmod(dir, 0755), 0);
	snprintf(path, sizeof(path), "%s/abi_ok.so", dir);

	copy_file(plugin_path(ABI_DIR, "abi_ok"), path, 0666);
	assert_int_equal(plugin_open(path, "abi_ok", &p, err, sizeof(err)),
	    DM_EINPUT);
	assert_non_null(strstr(err, "writable by others (mode 0666)"));

	/* A safe file in an unsafe folder is just as unsafe. */
	assert_int_equal(chmod(path, 0644), 0);
	assert_int_equal(chmod(dir, 0777), 0);
	assert_int_equal(plugin_open(path, "abi_ok", &p, err, sizeof(err)),
	    DM_EINPUT);
	assert_non_null(strstr(err, "is writable by others (mode 0777)"));

	/* Owned by someone else (we are root in CI; chown needs it). */
	assert_int_equal(chmod(dir, 0755), 0);
	if (geteuid() == 0) {
		assert_int_equal(chown(path, 65534, 65534), 0);
		assert_int_equal(plugin_open(path, "abi_ok", &p, err,
		    sizeof(err)), DM_EINPUT);
		assert_non_null(strstr(err, "owned by uid 65534"));
	}
	unlink(path);
	rmdir(dir);
}

static void
test_duplicate_service(void **state)
{
	char dir[] = "/tmp/dimos-abi-XXXXXX", path[4096], gen[4096];
	char err[1024];
	struct config cfg;

	(void)state;
	assert_non_null(mkdtemp(dir));
	assert_int_equal(chmod(dir, 0755), 0);
	snprintf(gen, sizeof(gen), "%s/general.so", DIMOS_PLUGIN_DIR);
	snprintf(path, sizeof(path), "%s/general.so", dir);
	copy_file(gen, path, 0644);
	snprintf(path, sizeof(path), "%s/abi_dupservice.so", dir);
	copy_file(plugin_path(ABI_DIR, "abi_dupservice"), path, 0644);
	snprintf(path, sizeof(path), "%s/dimos.ini", dir);
	write_config(path, dir, "general, abi_dupservice", NULL);
	assert_int_equal(config_load(path, &cfg, err, sizeof(err)), DM_OK);
	assert_int_equal(plugins_load(&cfg, err, sizeof(err)), DM_EINPUT);
	assert_non_null(strstr(err, "service code 'general-request' is "
	    "already declared by plugin general"));
	assert_int_equal(plugins_count(), 0);
	config_free(&cfg);
	unlink(path);
	snprintf(path, sizeof(path), "%s/general.so", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/abi_dupservice.so", dir);
	unlink(path);
	rmdir(dir);
}

static void
test_plugin_config_keys(void **state)
{
	char err[1024];
	struct config cfg;

	(void)state;
	new_config("abi_ok", "[plugin.abi_ok]\ngreeting = Γεια\n", &cfg);
	assert_int_equal(plugins_load(&cfg, err, sizeof(err)), DM_OK);
	assert_string_equal(config_plugin_get(&cfg, "abi_ok", "greeting"),
	    "Γεια");
	plugins_unload();
	end_config(&cfg);

	new_config("abi_ok", "[plugin.abi_ok]\ngreeting = Γεια\n"
	    "colour = blue\n", &cfg);
	assert_int_equal(plugins_load(&cfg, err, sizeof(err)), DM_EINPUT);
	assert_non_null(strstr(err, ":17: unknown key 'colour' in "
	    "[plugin.abi_ok]"));
	end_config(&cfg);

	new_config("abi_ok", "[plugin.general]\nx = 1\n", &cfg);
	assert_int_equal(plugins_load(&cfg, err, sizeof(err)), DM_EINPUT);
	assert_non_null(strstr(err, "[plugin.general] is for a plugin that "
	    "is not enabled"));
	end_config(&cfg);
}

/* Runs argv, returns the exit status and the first bytes of stderr. */
static int
run(char *const argv[], char *out, size_t outsz)
{
	int fds[2], status;
	pid_t pid;
	size_t got = 0;
	ssize_t n;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fds[1], 2);
		dup2(fds[1], 1);
		close(fds[0]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	while (got < outsz - 1 && (n = read(fds[0], out + got,
	    outsz - 1 - got)) > 0)
		got += (size_t)n;
	out[got] = '\0';
	close(fds[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static void
test_dimosd_refuses(void **state)
{
	char path[] = "/tmp/dimos-abi-conf-XXXXXX", out[8192];
	char *argv[] = { (char *)DIMOSD, "-t", "-c", path, NULL };
	int fd;

	(void)state;
	key_dir = make_key_dir();
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	write_config(path, ABI_DIR, "abi_major", NULL);
	assert_int_equal(run(argv, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "built for ABI major 3"));
	{
		/* Not a check: a real start must stop too, before forking
		 * workers or creating its socket. */
		char *start[] = { (char *)DIMOSD, "-c", path, NULL };
		char sock[4200];
		struct stat st;

		assert_int_equal(run(start, out, sizeof(out)), 1);
		assert_non_null(strstr(out, "built for ABI major 3"));
		assert_non_null(strstr(out, "not starting"));
		snprintf(sock, sizeof(sock), "%s.sock", path);
		assert_int_not_equal(stat(sock, &st), 0);
	}
	write_config(path, ABI_DIR, "abi_v1", NULL);
	assert_int_equal(run(argv, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "built for ABI 1 (it exports "
	    "dimos_plugin_v1)"));
	write_config(path, ABI_DIR, "abi_shadow", NULL);
	assert_int_equal(run(argv, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "would hide the core's route GET|POST "
	    "/staff/:dept/counter"));
	/* An override of a service nobody declares, with file:line. */
	write_config(path, ABI_DIR, "abi_ok", "[service.abi-ok-svc]\n"
	    "sla_days = 4\n[service.abi-gone-svc]\nenabled = no\n");
	assert_int_equal(run(argv, out, sizeof(out)), 1);
	{
		char expect[200];

		snprintf(expect, sizeof(expect), "%s:18: [service.abi-gone-"
		    "svc]: no enabled plugin declares a service", path);
		assert_non_null(strstr(out, expect));
	}
	write_config(path, ABI_DIR, "abi_ok, abi_v20", NULL);
	assert_int_equal(run(argv, out, sizeof(out)), 0);
	assert_non_null(strstr(out, "plugins: abi_ok abi_v20"));
	/* Valid plugins, but no second-factor key: refused, saying how to
	 * get one. */
	drop_key_dir(key_dir);
	assert_int_equal(run(argv, out, sizeof(out)), 1);
	assert_non_null(strstr(out, "no second-factor key"));
	assert_non_null(strstr(out, "dimosctl migrate"));
	key_dir = NULL;
	unlink(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_ok_loads),
		cmocka_unit_test(test_not_found),
		cmocka_unit_test(test_v20),
		cmocka_unit_test(test_v21),
		cmocka_unit_test(test_v22),
		cmocka_unit_test(test_routes),
		cmocka_unit_test(test_config_isolation),
		cmocka_unit_test(test_overrides),
		cmocka_unit_test(test_example_overrides),
		cmocka_unit_test(test_writable_by_others),
		cmocka_unit_test(test_duplicate_service),
		cmocka_unit_test(test_plugin_config_keys),
		cmocka_unit_test(test_dimosd_refuses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
