/*
 * plugins.c - dlopen'd department plugins and the catalogue they declare.
 * A plugin is refused loudly and precisely, never half-used: any problem
 * with any enabled plugin stops the worker (and dimosd -t) from starting.
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

#include "config.h"
#include "log.h"
#include "plugins.h"

#define MAX_SERVICES	512

/* The smallest descriptor each minor of the current major may have. */
static const size_t plugin_min_size[DM_ABI_MINOR + 1] = {
	[0] = DM_PLUGIN_SIZE_V1_0,
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

static int
check_fields(const char *path, const struct dm_service *s, char *err,
    size_t errsz)
{
	const struct dm_field *f;
	size_t n = 0;

	if (s->fields == NULL)
		return 1;
	for (f = s->fields; f->name != NULL; f++, n++) {
		if (n > 100)
			return refuse(err, errsz, path, "service %s: more "
			    "than 100 fields (missing terminator?)", s->code);
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
		if ((f->type == DM_FIELD_CHOICE ||
		    f->type == DM_FIELD_MULTICHOICE) && (f->choices == NULL ||
		    f->choices[0].value == NULL))
			return refuse(err, errsz, path, "service %s: field "
			    "%s is a choice without choices", s->code,
			    f->name);
		for (const struct dm_field *g = s->fields; g != f; g++)
			if (strcmp(g->name, f->name) == 0)
				return refuse(err, errsz, path, "service %s: "
				    "field %s declared twice", s->code,
				    f->name);
	}
	return 1;
}

static int
check_descriptor(const char *path, const char *name,
    const struct dm_plugin *d, char *err, size_t errsz)
{
	const struct dm_department *dep;
	size_t n;

	if (d->abi_major != DM_ABI_MAJOR)
		return refuse(err, errsz, path, "built for ABI major %u; this "
		    "core speaks ABI %u.%u (rebuild the plugin against this "
		    "core's headers)", d->abi_major, DM_ABI_MAJOR,
		    DM_ABI_MINOR);
	if (d->abi_minor > DM_ABI_MINOR)
		return refuse(err, errsz, path, "built for ABI %u.%u, newer "
		    "than this core's %u.%u (upgrade the core)", d->abi_major,
		    d->abi_minor, DM_ABI_MAJOR, DM_ABI_MINOR);
	if (d->size < plugin_min_size[d->abi_minor])
		return refuse(err, errsz, path, "descriptor is %zu bytes; ABI "
		    "%u.%u needs at least %zu", d->size, d->abi_major,
		    d->abi_minor, plugin_min_size[d->abi_minor]);
	if (d->name == NULL || strcmp(d->name, name) != 0)
		return refuse(err, errsz, path, "declares the name '%s'; "
		    "expected '%s' (the file and config name)",
		    d->name ? d->name : "(none)", name);
	dep = d->department;
	if (dep == NULL || dep->code == NULL || strcmp(dep->code, name) != 0
	    || dep->name_el == NULL || dep->name_en == NULL)
		return refuse(err, errsz, path, "needs a department with code "
		    "'%s' and names in Greek and English", name);
	if (d->init == NULL)
		return refuse(err, errsz, path, "has no init function");
	n = 0;
	for (const struct dm_service *s = d->services; s && s->code; s++) {
		if (++n > 100)
			return refuse(err, errsz, path, "more than 100 "
			    "services (missing terminator?)");
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
		if (!check_fields(path, s, err, errsz))
			return 0;
	}
	n = 0;
	for (const struct dm_route *r = d->routes; r && r->pattern; r++) {
		if (++n > 200)
			return refuse(err, errsz, path, "more than 200 routes "
			    "(missing terminator?)");
		if (r->pattern[0] != '/' || r->handler == NULL ||
		    (r->methods & (DM_METHOD_GET | DM_METHOD_POST)) == 0)
			return refuse(err, errsz, path, "route '%s' needs a "
			    "/path, a method and a handler", r->pattern);
	}
	for (const struct dm_config_key *k = d->config; k && k->name; k++)
		if (!valid_ident(k->name, '_', 64))
			return refuse(err, errsz, path, "config key '%s' is "
			    "not [a-z][a-z0-9_]*", k->name);
	return 1;
}

dm_status
plugin_open(const char *path, const char *name, struct plugin *out,
    char *err, size_t errsz)
{
	dm_plugin_entry_fn entry;
	const struct dm_plugin *d;
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
		refuse(err, errsz, path, "missing entry symbol %s (is it "
		    "exported with DM_PLUGIN_EXPORT?)", DM_PLUGIN_ENTRY_NAME);
		dlclose(h);
		return DM_EINPUT;
	}
	d = entry();
	if (d == NULL) {
		refuse(err, errsz, path, "%s() returned no descriptor",
		    DM_PLUGIN_ENTRY_NAME);
		dlclose(h);
		return DM_EINPUT;
	}
	if (!check_descriptor(path, name, d, err, errsz)) {
		dlclose(h);
		return DM_EINPUT;
	}
	out->name = strdup(name);
	out->path = strdup(path);
	out->handle = h;
	out->desc = d;
	return DM_OK;
}

void
plugin_close(struct plugin *p)
{
	if (p->initialized && p->desc->fini != NULL)
		p->desc->fini();
	if (p->handle != NULL)
		dlclose(p->handle);
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

/* Every [plugin.<name>] key must belong to an enabled plugin and be
 * declared by it; required keys must be present. */
static int
check_config(const struct config *cfg, char *err, size_t errsz)
{
	for (const struct config_pluginkey *pk = cfg->plugin_keys; pk;
	    pk = pk->next) {
		const struct plugin *p = plugins_find(pk->plugin);
		const struct dm_config_key *k = NULL;

		if (p == NULL) {
			snprintf(err, errsz, "%s:%d: section [plugin.%s] is "
			    "for a plugin that is not enabled", cfg->path,
			    pk->line, pk->plugin);
			return 0;
		}
		for (k = p->desc->config; k && k->name; k++)
			if (strcmp(k->name, pk->key) == 0)
				break;
		if (k == NULL || k->name == NULL) {
			snprintf(err, errsz, "%s:%d: unknown key '%s' in "
			    "[plugin.%s]", cfg->path, pk->line, pk->key,
			    pk->plugin);
			return 0;
		}
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
		p->data_dir = existing(cfg->plugin_data_dir, name, "");
		snprintf(path, sizeof(path), "/xslt/%s.xsl", name);
		p->stylesheet = existing(cfg->plugin_data_dir, name, path);
		p->i18n_dir = existing(cfg->plugin_data_dir, name,
		    "/xslt/i18n");
		for (const struct dm_service *s = p->desc->services;
		    s && s->code; s++) {
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
			services[nservices].plugin = p;
			nservices++;
		}
	}
	if (!check_config(cfg, err, errsz))
		goto fail;
	return DM_OK;
fail:
	plugins_unload();
	return DM_EINPUT;
}

dm_status
plugins_init(const struct dm_host *host)
{
	for (size_t i = 0; i < nloaded; i++) {
		dm_status st = loaded[i].desc->init(host);

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
	for (size_t i = 0; i < nloaded; i++)
		if (strcmp(loaded[i].name, name) == 0)
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
	for (size_t i = 0; i < nservices; i++)
		if (strcmp(services[i].svc->code, code) == 0)
			return &services[i];
	return NULL;
}
