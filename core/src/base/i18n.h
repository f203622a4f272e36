/*
 * i18n.h - user-facing strings in Greek and English.
 * Owns: the string tables loaded from xslt/i18n/<lang>.xml (and each
 * plugin's xslt/i18n/), looked up by key from C and from XSLT (dm:t()).
 */
#ifndef DIMOS_I18N_H
#define DIMOS_I18N_H

#include "dimos/plugin.h"

enum i18n_lang {
	I18N_EL,
	I18N_EN,
	I18N__MAX
};

/* Loads dir/el.xml and dir/en.xml; may be called again for plugin folders
 * (prefix: keys must start with "<prefix>."; NULL for the core). */
dm_status	 i18n_load(const char *dir, const char *prefix);
/* Sets a value directly (config-derived strings such as "site.name"). */
void		 i18n_set(enum i18n_lang lang, const char *key,
		    const char *value);
const char	*i18n_get(enum i18n_lang lang, const char *key);
/* Like i18n_get but falls back to the key itself (and logs once). */
const char	*i18n_str(enum i18n_lang lang, const char *key);
enum i18n_lang	 i18n_lang_of(const char *code);
const char	*i18n_code(enum i18n_lang lang);
/* Of a text declared in both languages (a plugin's title, say), the one in
 * language code; Greek when there is no English. */
const char	*i18n_pick(const char *code, const char *el, const char *en);
/* Keys present in one language and missing in the other; 0 if none. */
int		 i18n_check(char *err, size_t errsz);
void		 i18n_free(void);
/*
 * The string with each {name} replaced by its value from vars (pairs of
 * name, value; NULL-terminated), allocated in the arena. Unknown
 * placeholders are left as they are.
 */
struct arena;
char		*i18n_format(struct arena *a, enum i18n_lang lang,
		    const char *key, const char *const *vars);

#endif
