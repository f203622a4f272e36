/*
 * i18n.c - string tables kept in libxml2 hash tables, one per language.
 * File format: <strings xml:lang="el"><s k="nav.home">Αρχική</s>...</strings>
 * The tables live for the worker's lifetime.
 */
#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "i18n.h"
#include "log.h"

/* libxml2 strings are unsigned; keep them const. */
#define XC(s)	((const xmlChar *)(s))

static xmlHashTablePtr tables[I18N__MAX];
static const char *const lang_codes[I18N__MAX] = { "el", "en" };

static void
free_entry(void *payload, const xmlChar *name)
{
	(void)name;
	xmlFree(payload);
}

static xmlHashTablePtr
table(enum i18n_lang lang)
{
	if (tables[lang] == NULL)
		tables[lang] = xmlHashCreate(512);
	return tables[lang];
}

void
i18n_set(enum i18n_lang lang, const char *key, const char *value)
{
	xmlHashUpdateEntry(table(lang), (const xmlChar *)key,
	    xmlStrdup((const xmlChar *)value), free_entry);
}

static dm_status
load_file(enum i18n_lang lang, const char *path, const char *prefix)
{
	xmlDocPtr doc;
	xmlNodePtr root, n;
	dm_status st = DM_EINPUT;
	size_t plen = prefix ? strlen(prefix) : 0;

	doc = xmlReadFile(path, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS);
	if (doc == NULL) {
		log_error("i18n: cannot parse %s", path);
		return DM_EINPUT;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !xmlStrEqual(root->name, XC("strings"))) {
		log_error("i18n: %s: root element must be <strings>", path);
		goto out;
	}
	for (n = root->children; n != NULL; n = n->next) {
		xmlChar *k, *v;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (!xmlStrEqual(n->name, XC("s"))) {
			log_error("i18n: %s:%ld: unexpected <%s>", path,
			    xmlGetLineNo(n), n->name);
			goto out;
		}
		k = xmlGetProp(n, XC("k"));
		if (k == NULL || k[0] == '\0') {
			log_error("i18n: %s:%ld: <s> without k", path,
			    xmlGetLineNo(n));
			xmlFree(k);
			goto out;
		}
		if (prefix != NULL && (strncmp((char *)k, prefix, plen) != 0
		    || k[plen] != '.')) {
			log_error("i18n: %s:%ld: key '%s' must start with "
			    "'%s.'", path, xmlGetLineNo(n), k, prefix);
			xmlFree(k);
			goto out;
		}
		if (xmlHashLookup(table(lang), k) != NULL) {
			log_error("i18n: %s:%ld: key '%s' defined twice",
			    path, xmlGetLineNo(n), k);
			xmlFree(k);
			goto out;
		}
		v = xmlNodeGetContent(n);
		xmlHashAddEntry(table(lang), k, v);
		xmlFree(k);
	}
	st = DM_OK;
out:
	xmlFreeDoc(doc);
	return st;
}

dm_status
i18n_load(const char *dir, const char *prefix)
{
	char path[4096];

	for (int l = 0; l < I18N__MAX; l++) {
		snprintf(path, sizeof(path), "%s/%s.xml", dir, lang_codes[l]);
		if (load_file((enum i18n_lang)l, path, prefix) != DM_OK)
			return DM_EINPUT;
	}
	return DM_OK;
}

const char *
i18n_get(enum i18n_lang lang, const char *key)
{
	if (tables[lang] == NULL)
		return NULL;
	return xmlHashLookup(tables[lang], (const xmlChar *)key);
}

const char *
i18n_str(enum i18n_lang lang, const char *key)
{
	const char *v = i18n_get(lang, key);

	if (v == NULL) {
		log_warn("i18n: missing string '%s' (%s)", key,
		    lang_codes[lang]);
		return key;
	}
	return v;
}

enum i18n_lang
i18n_lang_of(const char *code)
{
	if (code != NULL && strcmp(code, "en") == 0)
		return I18N_EN;
	return I18N_EL;
}

const char *
i18n_pick(const char *code, const char *el, const char *en)
{
	return i18n_lang_of(code) == I18N_EN && en != NULL ? en : el;
}

const char *
i18n_code(enum i18n_lang lang)
{
	return lang_codes[lang];
}

struct check_ctx {
	xmlHashTablePtr	 other;
	const char	*missing_in;
	char		*err;
	size_t		 errsz;
	int		 bad;
};

static void
check_key(void *payload, void *data, const xmlChar *name)
{
	struct check_ctx *c = data;

	(void)payload;
	if (c->other != NULL && xmlHashLookup(c->other, name) != NULL)
		return;
	if (c->bad++ == 0)
		snprintf(c->err, c->errsz, "string '%s' is missing in %s.xml",
		    name, c->missing_in);
}

int
i18n_check(char *err, size_t errsz)
{
	struct check_ctx c = { NULL, NULL, err, errsz, 0 };

	err[0] = '\0';
	for (int l = 0; l < I18N__MAX; l++) {
		int o = (l + 1) % I18N__MAX;

		if (tables[l] == NULL)
			continue;
		c.other = tables[o];
		c.missing_in = lang_codes[o];
		xmlHashScan(tables[l], check_key, &c);
	}
	return c.bad;
}

void
i18n_free(void)
{
	for (int l = 0; l < I18N__MAX; l++) {
		if (tables[l] != NULL)
			xmlHashFree(tables[l], free_entry);
		tables[l] = NULL;
	}
}

char *
i18n_format(struct arena *a, enum i18n_lang lang, const char *key,
    const char *const *vars)
{
	const char *t = i18n_str(lang, key), *p;
	size_t cap = strlen(t) + 1, len = 0;
	char *out;

	for (const char *const *v = vars; v && v[0]; v += 2)
		cap += v[1] ? strlen(v[1]) * 4 : 0;
	out = arena_alloc(a, cap);
	for (p = t; *p != '\0';) {
		const char *close = *p == '{' ? strchr(p, '}') : NULL;
		const char *const *v = vars;

		if (close != NULL) {
			for (; v && v[0]; v += 2)
				if (strlen(v[0]) == (size_t)(close - p - 1) &&
				    strncmp(v[0], p + 1, (size_t)(close - p - 1))
				    == 0)
					break;
		}
		if (close != NULL && v && v[0] && v[1] != NULL &&
		    len + strlen(v[1]) < cap) {
			memcpy(out + len, v[1], strlen(v[1]));
			len += strlen(v[1]);
			p = close + 1;
			continue;
		}
		if (len + 1 < cap)
			out[len++] = *p;
		p++;
	}
	out[len] = '\0';
	return out;
}
