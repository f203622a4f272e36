/*
 * plugins.c - dlopen'd department plugins and the catalogue they declare.
 * A plugin is refused loudly and precisely, never half-used: any problem
 * with any enabled plugin stops the worker (and dimosd -t) from starting.
 *
 * Normalisation: a plugin's descriptor and arrays are read with the sizes
 * of the minor it was built for (abi_sizes) and copied element by element
 * into zero-filled copies of the current layout, owned by the plugin's
 * pool. Everything after plugin_open reads those copies only.
 */
#include <dlfcn.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "config.h"
#include "log.h"
#include "plugins.h"
#include "validate.h"

#define MAX_SERVICES	512	/* in all */
#define MAX_PER_PLUGIN	100	/* services of one plugin */
#define MAX_FIELDS	100	/* of one service */
#define MAX_CHOICES	500	/* of one field */
#define MAX_ROUTES	200
#define MAX_KEYS	100
#define MAX_COLUMNS	16	/* of a department or a service */

/* The ABI 1 entry symbol: recognised only to refuse it precisely. */
#define ENTRY_NAME_V1	"dimos_plugin_v1"

/* The size of each declaration in each minor of this major (plugin.h). */
struct abi_sizes {
	size_t	plugin, service, field, choice, route, config_key,
		department, column;
};

static const struct abi_sizes abi_sizes[DM_ABI_MINOR + 1] = {
	[0] = { DM_PLUGIN_SIZE_V2_0, DM_SERVICE_SIZE_V2_0, DM_FIELD_SIZE_V2_0,
	    DM_CHOICE_SIZE_V2_0, DM_ROUTE_SIZE_V2_0, DM_CONFIG_KEY_SIZE_V2_0,
	    DM_DEPARTMENT_SIZE_V2_0, 0 },
	[1] = { DM_PLUGIN_SIZE_V2_1, DM_SERVICE_SIZE_V2_1, DM_FIELD_SIZE_V2_1,
	    DM_CHOICE_SIZE_V2_1, DM_ROUTE_SIZE_V2_1, DM_CONFIG_KEY_SIZE_V2_1,
	    DM_DEPARTMENT_SIZE_V2_1, DM_COLUMN_SIZE_V2_1 },
	[2] = { DM_PLUGIN_SIZE_V2_2, DM_SERVICE_SIZE_V2_2, DM_FIELD_SIZE_V2_2,
	    DM_CHOICE_SIZE_V2_2, DM_ROUTE_SIZE_V2_2, DM_CONFIG_KEY_SIZE_V2_2,
	    DM_DEPARTMENT_SIZE_V2_2, DM_COLUMN_SIZE_V2_2 },
	[3] = { DM_PLUGIN_SIZE_V2_3, DM_SERVICE_SIZE_V2_3, DM_FIELD_SIZE_V2_3,
	    DM_CHOICE_SIZE_V2_3, DM_ROUTE_SIZE_V2_3, DM_CONFIG_KEY_SIZE_V2_3,
	    DM_DEPARTMENT_SIZE_V2_3, DM_COLUMN_SIZE_V2_3 },
};

/* The core's copies of one plugin's declarations. */
struct pool {
	struct arena		 arena;
	struct dm_plugin	*desc;
	struct dm_department	*department;
	struct dm_service	*all;		/* every service, overridden */
	const struct dm_service	**decl;		/* the plugin's own entries */
	size_t			 nall;
	unsigned char		*disabled;	/* per service of all */
};

/* Identity only: the core compares addresses, never reads one it did not
 * hand out. */
struct dm_plugin_ctx {
	unsigned	 magic;
};

static struct plugin loaded[CONFIG_MAX_PLUGINS];
static size_t nloaded;
static struct service services[MAX_SERVICES];
static size_t nservices;

static const char *const field_type_names[DM_FIELD__MAX] = {
	[DM_FIELD_STRING] = "string",
	[DM_FIELD_TEXT] = "text",
	[DM_FIELD_NUMBER] = "number",
	[DM_FIELD_DATE] = "date",
	[DM_FIELD_DATETIME] = "datetime",
	[DM_FIELD_CHOICE] = "choice",
	[DM_FIELD_MULTICHOICE] = "multichoice",
	[DM_FIELD_AFM] = "afm",
	[DM_FIELD_AMKA] = "amka",
	[DM_FIELD_PHONE] = "phone",
	[DM_FIELD_EMAIL] = "email",
	[DM_FIELD_ADDRESS] = "address",
	[DM_FIELD_FILE] = "file",
};

static const char *const result_kind_names[DM_RESULT__MAX] = {
	[DM_RESULT_ANSWER] = "answer",
	[DM_RESULT_DOCUMENT] = "document",
	[DM_RESULT_CERTIFICATE] = "certificate",
};

static const char *const filter_names[DM_FILTER__MAX] = {
	[DM_FILTER_NONE] = "none",
	[DM_FILTER_EXACT] = "exact",
	[DM_FILTER_RANGE] = "range",
	[DM_FILTER_PREFIX] = "prefix",
};

const char *
field_type_name(enum dm_field_type t)
{
	return (unsigned)t < DM_FIELD__MAX ? field_type_names[t] : "?";
}

const char *
result_kind_name(enum dm_result_kind k)
{
	return (unsigned)k < DM_RESULT__MAX ? result_kind_names[k] : "?";
}

const char *
filter_name(enum dm_filter f)
{
	return (unsigned)f < DM_FILTER__MAX ? filter_names[f] : "?";
}

static int
refuse(char *err, size_t errsz, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
refuse(char *err, size_t errsz, const char *path, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(err, errsz, "plugin %s refused: ", path);
	if (n > 0 && (size_t)n < errsz) {
		va_start(ap, fmt);
		vsnprintf(err + n, errsz - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return 0;
}

/* [a-z][a-z0-9<extra>]*, at most max bytes. */
static int
valid_ident(const char *s, char extra, size_t max)
{
	size_t n = 0;

	if (s == NULL || *s < 'a' || *s > 'z')
		return 0;
	for (; *s != '\0'; s++, n++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == extra))
			return 0;
	return n <= max;
}

/*
 * Only root (or the user we run as) may own the file and its folder, and
 * neither may be writable by group or others: whoever can write a plugin
 * runs code as us.
 */
static int
check_secrecy(const char *path, char *err, size_t errsz)
{
	struct stat st;
	char *copy, *dir;
	int ok = 1;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return refuse(err, errsz, path, "not found (no such "
			    "file; is the plugin installed in "
			    "plugins.directory?)");
		return refuse(err, errsz, path, "cannot stat: %s",
		    strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		return refuse(err, errsz, path, "not a regular file");
	if (st.st_uid != 0 && st.st_uid != geteuid())
		return refuse(err, errsz, path, "owned by uid %u; expected "
		    "root or uid %u", (unsigned)st.st_uid,
		    (unsigned)geteuid());
	if (st.st_mode & (S_IWGRP | S_IWOTH))
		return refuse(err, errsz, path, "writable by others (mode "
		    "%04o); expected no group/other write permission",
		    (unsigned)(st.st_mode & 07777));
	copy = strdup(path);
	dir = dirname(copy);
	if (stat(dir, &st) != 0) {
		ok = refuse(err, errsz, path, "cannot stat its folder");
	} else if (st.st_uid != 0 && st.st_uid != geteuid()) {
		ok = refuse(err, errsz, path, "its folder %s is owned by uid "
		    "%u; expected root or uid %u", dir, (unsigned)st.st_uid,
		    (unsigned)geteuid());
	} else if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		ok = refuse(err, errsz, path, "its folder %s is writable by "
		    "others (mode %04o)", dir,
		    (unsigned)(st.st_mode & 07777));
	}
	free(copy);
	return ok;
}

/* Normalisation ---------------------------------------------------------- */

/*
 * Elements of a plugin array before its terminator: the element whose
 * pointer at key_off is NULL. -1 if there are more than max (a missing
 * terminator, most likely).
 */
static long
count_elems(const void *base, size_t stride, size_t key_off, size_t max)
{
	for (size_t i = 0; i <= max; i++) {
		const void *key;

		memcpy(&key, (const char *)base + i * stride + key_off,
		    sizeof(key));
		if (key == NULL)
			return (long)i;
	}
	return -1;
}

/*
 * n elements of a plugin array (stride src) into a zero-filled array of
 * n + 1 elements of the core's size dst (the last one the terminator).
 */
static void *
copy_elems(struct pool *pool, const void *base, size_t src, size_t dst,
    size_t n)
{
	char *out = arena_zalloc(&pool->arena, (n + 1) * dst);

	for (size_t i = 0; i < n; i++)
		memcpy(out + i * dst, (const char *)base + i * src,
		    src < dst ? src : dst);
	return out;
}

#define COPY_ARRAY(pool, base, n, sz, type)				\
	((type *)copy_elems((pool), (base), (sz), sizeof(type), (n)))

static int
norm_columns(struct pool *pool, const char *path, const char *owner,
    const struct dm_column **cols, const struct abi_sizes *sz, char *err,
    size_t errsz)
{
	long n;

	if (*cols == NULL)
		return 1;
	n = count_elems(*cols, sz->column, offsetof(struct dm_column, field),
	    MAX_COLUMNS);
	if (n < 0)
		return refuse(err, errsz, path, "%s: more than %d queue "
		    "columns (missing terminator?)", owner, MAX_COLUMNS);
	*cols = COPY_ARRAY(pool, *cols, (size_t)n, sz->column,
	    struct dm_column);
	return 1;
}

static int
norm_service(struct pool *pool, const char *path, struct dm_service *s,
    const struct abi_sizes *sz, char *err, size_t errsz)
{
	struct dm_field *fields;
	long n;

	if (s->fields != NULL) {
		n = count_elems(s->fields, sz->field,
		    offsetof(struct dm_field, name), MAX_FIELDS);
		if (n < 0)
			return refuse(err, errsz, path, "service %s: more "
			    "than %d fields (missing terminator?)", s->code,
			    MAX_FIELDS);
		fields = COPY_ARRAY(pool, s->fields, (size_t)n, sz->field,
		    struct dm_field);
		for (long i = 0; i < n; i++) {
			long c;

			if (fields[i].choices == NULL)
				continue;
			c = count_elems(fields[i].choices, sz->choice,
			    offsetof(struct dm_choice, value), MAX_CHOICES);
			if (c < 0)
				return refuse(err, errsz, path, "service %s: "
				    "field %s has more than %d choices "
				    "(missing terminator?)", s->code,
				    fields[i].name, MAX_CHOICES);
			fields[i].choices = COPY_ARRAY(pool,
			    fields[i].choices, (size_t)c, sz->choice,
			    struct dm_choice);
		}
		s->fields = fields;
	}
	return norm_columns(pool, path, s->code, &s->columns, sz, err, errsz);
}

/*
 * The core's copy of descriptor d (already checked to be of this major and
 * at most this minor, raw_size bytes long).
 */
static int
normalise(struct pool *pool, const char *path, const struct dm_plugin *d,
    size_t raw_size, char *err, size_t errsz)
{
	const struct abi_sizes *sz = &abi_sizes[d->abi_minor];
	struct dm_plugin *n;
	long count;

	n = arena_zalloc(&pool->arena, sizeof(*n));
	memcpy(n, d, raw_size < sizeof(*n) ? raw_size : sizeof(*n));
	n->size = sizeof(*n);
	pool->desc = n;
	if (n->department != NULL) {
		pool->department = COPY_ARRAY(pool, n->department, 1,
		    sz->department, struct dm_department);
		n->department = pool->department;
		if (!norm_columns(pool, path, "department", &pool->department->
		    columns, sz, err, errsz))
			return 0;
	}
	if (n->services != NULL) {
		count = count_elems(n->services, sz->service,
		    offsetof(struct dm_service, code), MAX_PER_PLUGIN);
		if (count < 0)
			return refuse(err, errsz, path, "more than %d services "
			    "(missing terminator?)", MAX_PER_PLUGIN);
		pool->nall = (size_t)count;
		pool->all = COPY_ARRAY(pool, n->services, pool->nall,
		    sz->service, struct dm_service);
		pool->decl = arena_zalloc(&pool->arena, (pool->nall + 1) *
		    sizeof(*pool->decl));
		pool->disabled = arena_zalloc(&pool->arena, pool->nall + 1);
		for (size_t i = 0; i < pool->nall; i++) {
			const void *own = (const char *)n->services +
			    i * sz->service;

			pool->decl[i] = own;
			if (!norm_service(pool, path, &pool->all[i], sz, err,
			    errsz))
				return 0;
		}
		n->services = pool->all;
	}
	if (n->routes != NULL) {
		count = count_elems(n->routes, sz->route,
		    offsetof(struct dm_route, pattern), MAX_ROUTES);
		if (count < 0)
			return refuse(err, errsz, path, "more than %d routes "
			    "(missing terminator?)", MAX_ROUTES);
		n->routes = COPY_ARRAY(pool, n->routes, (size_t)count,
		    sz->route, struct dm_route);
	}
	if (n->config != NULL) {
		count = count_elems(n->config, sz->config_key,
		    offsetof(struct dm_config_key, name), MAX_KEYS);
		if (count < 0)
			return refuse(err, errsz, path, "more than %d config "
			    "keys (missing terminator?)", MAX_KEYS);
		n->config = COPY_ARRAY(pool, n->config, (size_t)count,
		    sz->config_key, struct dm_config_key);
	}
	return 1;
}

/* Checks of the normalised declarations ---------------------------------- */

static const struct dm_field *
find_field(const struct dm_field *fields, const char *name)
{
	for (const struct dm_field *f = fields; f && f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

const struct dm_field *
column_field(const struct dm_field *fields, const char *column,
    enum column_part *part)
{
	static const char *const parts[COLUMN__MAX] = { "", ".settlement",
	    ".zone" };
	const struct dm_field *f;

	*part = COLUMN_WHOLE;
	for (int i = COLUMN_SETTLEMENT; i < COLUMN__MAX; i++) {
		size_t n = strlen(column), k = strlen(parts[i]);
		char base[64];

		if (n <= k || n - k >= sizeof(base) ||
		    strcmp(column + n - k, parts[i]) != 0)
			continue;
		memcpy(base, column, n - k);
		base[n - k] = '\0';
		f = find_field(fields, base);
		if (f == NULL || f->type != DM_FIELD_ADDRESS)
			return NULL;
		*part = (enum column_part)i;
		return f;
	}
	return find_field(fields, column);
}

/* May a column of a field of type t filter with filter? */
static int
filter_fits(enum dm_field_type t, enum dm_filter filter)
{
	switch (filter) {
	case DM_FILTER_NONE:
		return t != DM_FIELD_FILE;
	case DM_FILTER_EXACT:
		return t == DM_FIELD_CHOICE || t == DM_FIELD_MULTICHOICE ||
		    t == DM_FIELD_NUMBER || t == DM_FIELD_DATE ||
		    t == DM_FIELD_STRING || t == DM_FIELD_AFM ||
		    t == DM_FIELD_AMKA || t == DM_FIELD_PHONE ||
		    t == DM_FIELD_EMAIL;
	case DM_FILTER_RANGE:
		return t == DM_FIELD_DATE || t == DM_FIELD_DATETIME ||
		    t == DM_FIELD_NUMBER;
	case DM_FILTER_PREFIX:
		return t == DM_FIELD_STRING || t == DM_FIELD_TEXT ||
		    t == DM_FIELD_ADDRESS || t == DM_FIELD_AFM ||
		    t == DM_FIELD_AMKA || t == DM_FIELD_PHONE ||
		    t == DM_FIELD_EMAIL;
	case DM_FILTER__MAX:
		break;
	}
	return 0;
}

/*
 * A column's field must exist in services (all of the department's, or
 * the one service), with the same type wherever it does.
 */
static int
check_columns(const char *path, const char *owner,
    const struct dm_column *cols, const struct dm_service *svcs, size_t nsvcs,
    char *err, size_t errsz)
{
	for (const struct dm_column *c = cols; c && c->field; c++) {
		const struct dm_field *f = NULL;

		if (c->label_el == NULL || c->label_en == NULL)
			return refuse(err, errsz, path, "%s: queue column %s "
			    "needs labels in Greek and English", owner,
			    c->field);
		if ((unsigned)c->filter >= DM_FILTER__MAX ||
		    (c->flags & ~(DM_COLUMN_SORTABLE | DM_COLUMN_INDEXED)))
			return refuse(err, errsz, path, "%s: queue column %s "
			    "has an unknown filter %u or flags 0x%x", owner,
			    c->field, (unsigned)c->filter, c->flags);
		enum column_part part = COLUMN_WHOLE;

		for (size_t i = 0; i < nsvcs; i++) {
			const struct dm_field *g = column_field(svcs[i].fields,
			    c->field, &part);

			if (g == NULL)
				continue;
			if (f != NULL && f->type != g->type)
				return refuse(err, errsz, path, "%s: queue "
				    "column %s is a %s field in one service "
				    "and a %s field in service %s", owner,
				    c->field, field_type_name(f->type),
				    field_type_name(g->type), svcs[i].code);
			f = g;
		}
		if (f == NULL)
			return refuse(err, errsz, path, "%s: queue column %s "
			    "names no field of %s", owner, c->field,
			    nsvcs == 1 ? "the service" :
			    "the department's services");
		/* An address's settlement or zone is one of a list. */
		if (part != COLUMN_WHOLE && c->filter != DM_FILTER_NONE &&
		    c->filter != DM_FILTER_EXACT)
			return refuse(err, errsz, path, "%s: queue column %s: "
			    "a settlement or zone takes an exact filter only",
			    owner, c->field);
		if (part == COLUMN_WHOLE && !filter_fits(f->type, c->filter))
			return refuse(err, errsz, path, "%s: queue column %s: "
			    "a %s field cannot have a %s filter", owner,
			    c->field, field_type_name(f->type),
			    filter_name(c->filter));
		if ((c->filter != DM_FILTER_NONE ||
		    (c->flags & DM_COLUMN_SORTABLE)) &&
		    !(c->flags & DM_COLUMN_INDEXED))
			return refuse(err, errsz, path, "%s: queue column %s "
			    "filters or sorts, so it must be "
			    "DM_COLUMN_INDEXED", owner, c->field);
		if ((c->flags & DM_COLUMN_SORTABLE) &&
		    f->type == DM_FIELD_MULTICHOICE)
			return refuse(err, errsz, path, "%s: queue column %s: "
			    "a multichoice field cannot be sorted by", owner,
			    c->field);
		for (const struct dm_column *o = cols; o != c; o++)
			if (strcmp(o->field, c->field) == 0)
				return refuse(err, errsz, path, "%s: queue "
				    "column %s declared twice", owner,
				    c->field);
	}
	return 1;
}

static int
check_fields(const char *path, const struct dm_plugin *d,
    const struct dm_service *s, char *err, size_t errsz)
{
	for (const struct dm_field *f = s->fields; f && f->name; f++) {
		if (!valid_ident(f->name, '_', 48))
			return refuse(err, errsz, path, "service %s: field "
			    "name '%s' is not [a-z][a-z0-9_]*", s->code,
			    f->name);
		if ((unsigned)f->type >= DM_FIELD__MAX)
			return refuse(err, errsz, path, "service %s: field "
			    "%s has unknown type %u", s->code, f->name,
			    (unsigned)f->type);
		if (f->label_el == NULL || f->label_en == NULL)
			return refuse(err, errsz, path, "service %s: field "
			    "%s needs labels in Greek and English", s->code,
			    f->name);
		if (f->max != 0 && f->min > f->max)
			return refuse(err, errsz, path, "service %s: field "
			    "%s has min > max", s->code, f->name);
		if ((f->flags & DM_FIELD_OWN_CHOICES) &&
		    ((f->type != DM_FIELD_CHOICE &&
		    f->type != DM_FIELD_MULTICHOICE &&
		    f->type != DM_FIELD_DATE) || f->choices != NULL ||
		    d->choices == NULL))
			return refuse(err, errsz, path, "service %s: field "
			    "%s: DM_FIELD_OWN_CHOICES is for a CHOICE, "
			    "MULTICHOICE or DATE without declared choices, of a "
			    "plugin with a choices hook", s->code, f->name);
		/* A DATE's own choices came in 2.3: a plugin declaring 2.2
		 * may meet a 2.2 core that refuses them, so it must say 2.3. */
		if ((f->flags & DM_FIELD_OWN_CHOICES) &&
		    f->type == DM_FIELD_DATE && d->abi_minor < 3)
			return refuse(err, errsz, path, "service %s: field "
			    "%s: DM_FIELD_OWN_CHOICES on a DATE field needs "
			    "ABI 2.3; the plugin is built for %u.%u (rebuild "
			    "it against this core's headers)", s->code,
			    f->name, d->abi_major, d->abi_minor);
		if ((f->type == DM_FIELD_CHOICE ||
		    f->type == DM_FIELD_MULTICHOICE) &&
		    !(f->flags & DM_FIELD_OWN_CHOICES) && (f->choices == NULL ||
		    f->choices[0].value == NULL))
			return refuse(err, errsz, path, "service %s: field "
			    "%s is a choice without choices", s->code,
			    f->name);
		for (const struct dm_choice *c = f->choices; c && c->value;
		    c++)
			if (c->label_el == NULL || c->label_en == NULL)
				return refuse(err, errsz, path, "service %s: "
				    "field %s: choice '%s' needs labels in "
				    "Greek and English", s->code, f->name,
				    c->value);
		if (f->accept != 0 && (f->type != DM_FIELD_FILE ||
		    (f->accept & ~DM_ACCEPT__ALL)))
			return refuse(err, errsz, path, "service %s: field "
			    "%s: accept (0x%x) is for FILE fields, with "
			    "DM_ACCEPT_* bits", s->code, f->name, f->accept);
		for (const struct dm_field *g = s->fields; g != f; g++)
			if (strcmp(g->name, f->name) == 0)
				return refuse(err, errsz, path, "service %s: "
				    "field %s declared twice", s->code,
				    f->name);
	}
	return check_columns(path, s->code, s->columns, s, 1, err, errsz);
}

static int
check_descriptor(const char *path, const char *name,
    const struct pool *pool, char *err, size_t errsz)
{
	const struct dm_plugin *d = pool->desc;
	const struct dm_department *dep = d->department;

	if (d->name == NULL || strcmp(d->name, name) != 0)
		return refuse(err, errsz, path, "declares the name '%s'; "
		    "expected '%s' (the file and config name)",
		    d->name ? d->name : "(none)", name);
	if (dep == NULL || dep->code == NULL || strcmp(dep->code, name) != 0
	    || dep->name_el == NULL || dep->name_en == NULL)
		return refuse(err, errsz, path, "needs a department with code "
		    "'%s' and names in Greek and English", name);
	if (d->init == NULL)
		return refuse(err, errsz, path, "has no init function");
	for (size_t i = 0; i < pool->nall; i++) {
		const struct dm_service *s = &pool->all[i];

		if (!valid_ident(s->code, '-', 64))
			return refuse(err, errsz, path, "service code '%s' is "
			    "not [a-z][a-z0-9-]*", s->code);
		if (s->title_el == NULL || s->title_en == NULL ||
		    s->summary_el == NULL || s->summary_en == NULL)
			return refuse(err, errsz, path, "service %s needs a "
			    "title and summary in Greek and English",
			    s->code);
		if ((unsigned)s->result >= DM_RESULT__MAX)
			return refuse(err, errsz, path, "service %s has an "
			    "unknown result kind %u", s->code,
			    (unsigned)s->result);
		if (!check_fields(path, d, s, err, errsz))
			return 0;
		for (size_t j = 0; j < i; j++)
			if (strcmp(pool->all[j].code, s->code) == 0)
				return refuse(err, errsz, path, "service %s "
				    "declared twice", s->code);
	}
	if (!check_columns(path, "department", dep->columns, pool->all,
	    pool->nall, err, errsz))
		return 0;
	for (const struct dm_route *r = d->routes; r && r->pattern; r++)
		if (r->pattern[0] != '/' || r->handler == NULL ||
		    (r->methods & (DM_METHOD_GET | DM_METHOD_POST)) == 0)
			return refuse(err, errsz, path, "route '%s' needs a "
			    "/path, a method and a handler", r->pattern);
	for (const struct dm_config_key *k = d->config; k && k->name; k++)
		if (!valid_ident(k->name, '_', 64))
			return refuse(err, errsz, path, "config key '%s' is "
			    "not [a-z][a-z0-9_]*", k->name);
	return 1;
}

/* The descriptor's header: this major, at most this minor, long enough. */
static int
check_header(const char *path, const struct dm_plugin *d, size_t *raw_size,
    char *err, size_t errsz)
{
	if (d->abi_major != DM_ABI_MAJOR)
		return refuse(err, errsz, path, "built for ABI major %u; this "
		    "core speaks ABI %u.%u (rebuild the plugin against this "
		    "core's headers)", d->abi_major, DM_ABI_MAJOR,
		    DM_ABI_MINOR);
	if (d->abi_minor > DM_ABI_MINOR)
		return refuse(err, errsz, path, "built for ABI %u.%u, newer "
		    "than this core's %u.%u (upgrade the core)", d->abi_major,
		    d->abi_minor, DM_ABI_MAJOR, DM_ABI_MINOR);
	if (d->size < abi_sizes[d->abi_minor].plugin)
		return refuse(err, errsz, path, "descriptor is %zu bytes; ABI "
		    "%u.%u needs %zu", d->size, d->abi_major, d->abi_minor,
		    abi_sizes[d->abi_minor].plugin);
	/* A plugin of minor n knows nothing past n's descriptor, whatever
	 * size it claims: what follows is not its to give. */
	*raw_size = abi_sizes[d->abi_minor].plugin;
	return 1;
}

static void
pool_free(struct pool *pool)
{
	if (pool == NULL)
		return;
	arena_free(&pool->arena);
	free(pool);
}

dm_status
plugin_open(const char *path, const char *name, struct plugin *out,
    char *err, size_t errsz)
{
	dm_plugin_entry_fn entry;
	const struct dm_plugin *d;
	struct pool *pool = NULL;
	size_t raw_size = 0;
	void *h;

	memset(out, 0, sizeof(*out));
	if (!check_secrecy(path, err, errsz))
		return DM_EINPUT;
	h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	if (h == NULL) {
		refuse(err, errsz, path, "cannot be loaded: %s", dlerror());
		return DM_EINPUT;
	}
	*(void **)&entry = dlsym(h, DM_PLUGIN_ENTRY_NAME);
	if (entry == NULL) {
		if (dlsym(h, ENTRY_NAME_V1) != NULL)
			refuse(err, errsz, path, "built for ABI 1 (it exports "
			    "%s); this core speaks ABI %d.%d and loads %s: "
			    "rebuild the plugin against this core's headers "
			    "(docs/plugin-guide.md, \"From ABI 1 to ABI 2\")",
			    ENTRY_NAME_V1, DM_ABI_MAJOR, DM_ABI_MINOR,
			    DM_PLUGIN_ENTRY_NAME);
		else
			refuse(err, errsz, path, "missing entry symbol %s (is "
			    "it exported with DM_PLUGIN_EXPORT?)",
			    DM_PLUGIN_ENTRY_NAME);
		goto fail;
	}
	d = entry();
	if (d == NULL) {
		refuse(err, errsz, path, "%s() returned no descriptor",
		    DM_PLUGIN_ENTRY_NAME);
		goto fail;
	}
	if (!check_header(path, d, &raw_size, err, errsz))
		goto fail;
	pool = calloc(1, sizeof(*pool));
	if (pool == NULL)
		log_fatal("out of memory");
	arena_init(&pool->arena);
	if (!normalise(pool, path, d, raw_size, err, errsz) ||
	    !check_descriptor(path, name, pool, err, errsz))
		goto fail;
	out->name = strdup(name);
	out->path = strdup(path);
	out->handle = h;
	out->raw = d;
	out->raw_size = raw_size;
	out->desc = pool->desc;
	out->pool = pool;
	out->ctx = calloc(1, sizeof(*out->ctx));
	if (out->ctx == NULL || out->name == NULL || out->path == NULL)
		log_fatal("out of memory");
	out->ctx->magic = 0x64637478u;
	return DM_OK;
fail:
	pool_free(pool);
	dlclose(h);
	return DM_EINPUT;
}

void
plugin_close(struct plugin *p)
{
	if (p->initialized && plugin_has(p, fini))
		p->desc->fini();
	if (p->handle != NULL)
		dlclose(p->handle);
	pool_free(p->pool);
	free(p->ctx);
	free(p->name);
	free(p->path);
	free(p->data_dir);
	free(p->stylesheet);
	free(p->i18n_dir);
	memset(p, 0, sizeof(*p));
}

/* base/name/rest if it exists, else NULL. */
static char *
existing(const char *base, const char *name, const char *rest)
{
	char *path;
	struct stat st;

	if (asprintf(&path, "%s/%s%s", base, name, rest) < 0)
		log_fatal("out of memory");
	if (stat(path, &st) == 0)
		return path;
	free(path);
	return NULL;
}

/* Configuration: [plugin.*] keys and the administrator's overrides ------- */

static int
conf_err(char *err, size_t errsz, const struct config *cfg,
    const struct config_sectkey *sk, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int
conf_err(char *err, size_t errsz, const struct config *cfg,
    const struct config_sectkey *sk, const char *fmt, ...)
{
	va_list ap;
	int n;

	n = snprintf(err, errsz, "%s:%d: [%s.%s] %s: ", cfg->path, sk->line,
	    config_scope_name(sk->scope), sk->name, sk->key);
	if (n > 0 && (size_t)n < errsz) {
		va_start(ap, fmt);
		vsnprintf(err + n, errsz - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return 0;
}

static int
check_plugin_key(const struct config *cfg, const struct config_sectkey *sk,
    char *err, size_t errsz)
{
	const struct plugin *p = plugins_find(sk->name);
	const struct dm_config_key *k;

	if (p == NULL) {
		snprintf(err, errsz, "%s:%d: section [plugin.%s] is for a "
		    "plugin that is not enabled", cfg->path, sk->line,
		    sk->name);
		return 0;
	}
	for (k = p->desc->config; k && k->name; k++)
		if (strcmp(k->name, sk->key) == 0)
			return 1;
	snprintf(err, errsz, "%s:%d: unknown key '%s' in [plugin.%s]",
	    cfg->path, sk->line, sk->key, sk->name);
	return 0;
}

/* A text override: non-empty, one line, at most max bytes; "" -> NULL
 * only where allow_empty. */
static int
text_value(const struct config *cfg, const struct config_sectkey *sk,
    size_t max, int allow_empty, struct pool *pool, const char **out,
    char *err, size_t errsz)
{
	if (sk->value[0] == '\0') {
		if (!allow_empty)
			return conf_err(err, errsz, cfg, sk, "must not be "
			    "empty");
		*out = NULL;
		return 1;
	}
	if (strlen(sk->value) > max)
		return conf_err(err, errsz, cfg, sk, "longer than %zu bytes",
		    max);
	*out = arena_strdup(&pool->arena, sk->value);
	return 1;
}

static int
service_override(const struct config *cfg, const struct config_sectkey *sk,
    char *err, size_t errsz)
{
	const struct service *sv = services_find(sk->name);
	struct pool *pool;
	struct dm_service *s;
	size_t i;

	if (sv == NULL) {
		snprintf(err, errsz, "%s:%d: [service.%s]: no enabled plugin "
		    "declares a service '%s'", cfg->path, sk->line, sk->name,
		    sk->name);
		return 0;
	}
	pool = sv->plugin->pool;
	i = (size_t)(sv->svc - pool->all);
	s = &pool->all[i];
	if (strcmp(sk->key, "enabled") == 0) {
		int on;

		if (!config_parse_bool(sk->value, &on))
			return conf_err(err, errsz, cfg, sk, "'%s' is not yes "
			    "or no", sk->value);
		pool->disabled[i] = !on;
		return 1;
	}
	if (strcmp(sk->key, "sla_days") == 0) {
		char *end;
		long v;

		errno = 0;
		v = strtol(sk->value, &end, 10);
		if (errno != 0 || end == sk->value || *end != '\0' || v < 0 ||
		    v > 365)
			return conf_err(err, errsz, cfg, sk, "'%s' is not a "
			    "number of business days from 0 (none) to 365",
			    sk->value);
		s->sla_days = (unsigned)v;
		return 1;
	}
	if (strcmp(sk->key, "fee_el") == 0 || strcmp(sk->key, "fee_en") == 0) {
		const char *other = sk->key[5] == 'l' ? "fee_en" : "fee_el";
		const struct config_sectkey *o = config_sect_get(cfg,
		    CONFIG_SERVICE, sk->name, other);

		/* Both languages say the same thing, or neither changes. */
		if (o == NULL || (o->value[0] == '\0') !=
		    (sk->value[0] == '\0'))
			return conf_err(err, errsz, cfg, sk, "set fee_el and "
			    "fee_en together (both empty: free of charge)");
		return text_value(cfg, sk, 500, 1, pool, sk->key[5] == 'l' ?
		    &s->fee_el : &s->fee_en, err, errsz);
	}
	snprintf(err, errsz, "%s:%d: unknown key '%s' in [service.%s] "
	    "(known: enabled, sla_days, fee_el, fee_en)", cfg->path,
	    sk->line, sk->key, sk->name);
	return 0;
}

static int
department_override(const struct config *cfg,
    const struct config_sectkey *sk, char *err, size_t errsz)
{
	const struct plugin *p = plugins_find(sk->name);
	struct dm_department *d;
	struct pool *pool;

	if (p == NULL) {
		snprintf(err, errsz, "%s:%d: [department.%s]: no enabled "
		    "plugin implements a department '%s'", cfg->path,
		    sk->line, sk->name, sk->name);
		return 0;
	}
	pool = p->pool;
	d = pool->department;
	if (strcmp(sk->key, "name_el") == 0)
		return text_value(cfg, sk, 200, 0, pool, &d->name_el, err,
		    errsz);
	if (strcmp(sk->key, "name_en") == 0)
		return text_value(cfg, sk, 200, 0, pool, &d->name_en, err,
		    errsz);
	if (strcmp(sk->key, "description_el") == 0)
		return text_value(cfg, sk, 2000, 1, pool, &d->description_el,
		    err, errsz);
	if (strcmp(sk->key, "description_en") == 0)
		return text_value(cfg, sk, 2000, 1, pool, &d->description_en,
		    err, errsz);
	if (strcmp(sk->key, "contact_email") == 0) {
		if (sk->value[0] != '\0' && !val_email(sk->value))
			return conf_err(err, errsz, cfg, sk, "'%s' is not an "
			    "e-mail address", sk->value);
		return text_value(cfg, sk, 254, 1, pool, &d->contact_email,
		    err, errsz);
	}
	if (strcmp(sk->key, "contact_phone") == 0)
		return text_value(cfg, sk, 40, 1, pool, &d->contact_phone,
		    err, errsz);
	snprintf(err, errsz, "%s:%d: unknown key '%s' in [department.%s] "
	    "(known: name_el, name_en, description_el, description_en, "
	    "contact_email, contact_phone)", cfg->path, sk->line, sk->key,
	    sk->name);
	return 0;
}

/*
 * Every [plugin.<name>] key must belong to an enabled plugin and be
 * declared by it, and required keys must be present; every
 * [service.<code>] and [department.<code>] must name what an enabled
 * plugin declares and a key the core knows. The overrides are applied to
 * the normalised copies.
 */
static int
apply_config(const struct config *cfg, char *err, size_t errsz)
{
	for (const struct config_sectkey *sk = cfg->sect_keys; sk;
	    sk = sk->next) {
		int ok = 0;

		switch (sk->scope) {
		case CONFIG_PLUGIN:
			ok = check_plugin_key(cfg, sk, err, errsz);
			break;
		case CONFIG_SERVICE:
			ok = service_override(cfg, sk, err, errsz);
			break;
		case CONFIG_DEPARTMENT:
			ok = department_override(cfg, sk, err, errsz);
			break;
		case CONFIG__MAX:
			break;
		}
		if (!ok)
			return 0;
	}
	for (size_t i = 0; i < nloaded; i++)
		for (const struct dm_config_key *k = loaded[i].desc->config;
		    k && k->name; k++)
			if ((k->flags & DM_CONFIG_REQUIRED) &&
			    config_plugin_get(cfg, loaded[i].name, k->name) ==
			    NULL) {
				snprintf(err, errsz, "%s: missing required "
				    "key %s in [plugin.%s]", cfg->path,
				    k->name, loaded[i].name);
				return 0;
			}
	return 1;
}

/*
 * What the rest of the core lists: the services still offered, in their
 * declared order (those turned off stay findable for their requests).
 */
static void
publish_services(void)
{
	for (size_t i = 0; i < nloaded; i++) {
		struct pool *pool = loaded[i].pool;
		struct dm_service *on;
		size_t n = 0;

		on = arena_zalloc(&pool->arena, (pool->nall + 1) *
		    sizeof(*on));
		for (size_t j = 0; j < pool->nall; j++)
			if (!pool->disabled[j])
				on[n++] = pool->all[j];
		pool->desc->services = on;
	}
	for (size_t i = 0; i < nservices; i++) {
		struct pool *pool = services[i].plugin->pool;
		size_t j = (size_t)(services[i].svc - pool->all);

		services[i].disabled = pool->disabled[j];
	}
}

dm_status
plugins_load(const struct config *cfg, char *err, size_t errsz)
{
	char path[PATH_MAX];

	plugins_unload();
	err[0] = '\0';
	for (size_t i = 0; i < cfg->nenabled; i++) {
		struct plugin *p = &loaded[nloaded];
		const char *name = cfg->enabled[i];

		snprintf(path, sizeof(path), "%s/%s.so", cfg->plugin_dir,
		    name);
		if (plugin_open(path, name, p, err, errsz) != DM_OK)
			goto fail;
		nloaded++;
		/* One department collects the fees of all the others. */
		if (plugin_has(p, fee) && plugins_fee_collector() != p) {
			refuse(err, errsz, p->path, "collects fees (fee hook), "
			    "as plugin %s does already: enable one",
			    plugins_fee_collector()->name);
			goto fail;
		}
		p->data_dir = existing(cfg->plugin_data_dir, name, "");
		snprintf(path, sizeof(path), "/xslt/%s.xsl", name);
		p->stylesheet = existing(cfg->plugin_data_dir, name, path);
		p->i18n_dir = existing(cfg->plugin_data_dir, name,
		    "/xslt/i18n");
		for (size_t j = 0; j < p->pool->nall; j++) {
			const struct dm_service *s = &p->pool->all[j];
			const struct service *dup = services_find(s->code);

			if (dup != NULL) {
				refuse(err, errsz, p->path, "service code "
				    "'%s' is already declared by plugin %s",
				    s->code, dup->plugin->name);
				goto fail;
			}
			if (nservices == MAX_SERVICES) {
				refuse(err, errsz, p->path, "more than %d "
				    "services in all", MAX_SERVICES);
				goto fail;
			}
			services[nservices].svc = s;
			services[nservices].decl = p->pool->decl[j];
			services[nservices].plugin = p;
			nservices++;
		}
	}
	if (!apply_config(cfg, err, errsz))
		goto fail;
	publish_services();
	return DM_OK;
fail:
	plugins_unload();
	return DM_EINPUT;
}

dm_status
plugins_init(const struct dm_host *host)
{
	for (size_t i = 0; i < nloaded; i++) {
		dm_status st = loaded[i].desc->init(host, loaded[i].ctx);

		if (st != DM_OK) {
			log_error("plugin %s: init failed (status %d)",
			    loaded[i].name, (int)st);
			return st;
		}
		loaded[i].initialized = 1;
	}
	return DM_OK;
}

void
plugins_unload(void)
{
	while (nloaded > 0)
		plugin_close(&loaded[--nloaded]);
	nservices = 0;
}

const struct plugin *
plugins_fee_collector(void)
{
	for (size_t i = 0; i < nloaded; i++)
		if (plugin_has(&loaded[i], fee))
			return &loaded[i];
	return NULL;
}

size_t
plugins_count(void)
{
	return nloaded;
}

const struct plugin *
plugins_at(size_t i)
{
	return i < nloaded ? &loaded[i] : NULL;
}

const struct plugin *
plugins_find(const char *name)
{
	for (size_t i = 0; name != NULL && i < nloaded; i++)
		if (strcmp(loaded[i].name, name) == 0)
			return &loaded[i];
	return NULL;
}

const struct plugin *
plugins_by_ctx(const struct dm_plugin_ctx *ctx)
{
	for (size_t i = 0; ctx != NULL && i < nloaded; i++)
		if (loaded[i].ctx == ctx)
			return &loaded[i];
	return NULL;
}

size_t
services_count(void)
{
	return nservices;
}

const struct service *
services_at(size_t i)
{
	return i < nservices ? &services[i] : NULL;
}

const struct service *
services_find(const char *code)
{
	for (size_t i = 0; code != NULL && i < nservices; i++)
		if (strcmp(services[i].svc->code, code) == 0)
			return &services[i];
	return NULL;
}

const struct service *
services_find_open(const char *code)
{
	const struct service *sv = services_find(code);

	return sv != NULL && !sv->disabled ? sv : NULL;
}
