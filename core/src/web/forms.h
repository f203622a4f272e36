/*
 * forms.h - HTML forms as data: fields, validation, and their XML.
 * Owns: the field types every form uses (core account forms and the
 * services plugins declare), checking a submitted form field by field with
 * a message in the page's language, and the <form> element the XSLT
 * renders (input kept, errors next to their fields, CSRF token included).
 */
#ifndef DIMOS_FORMS_H
#define DIMOS_FORMS_H

#include <stddef.h>

#include "dimos/host.h"

struct dm_req;

enum ftype {
	F_STRING,
	F_TEXT,
	F_NUMBER,
	F_DATE,
	F_DATETIME,
	F_CHOICE,		/* radio buttons */
	F_SELECT,		/* a drop-down, for long lists */
	F_MULTICHOICE,		/* checkboxes */
	F_AFM,
	F_AMKA,
	F_PHONE,
	F_MOBILE,
	F_EMAIL,
	F_ADDRESS,		/* text, with optional <name>_lat/_lon and
				   <name>_settlement */
	F_FILE,
	F_PASSWORD,		/* an existing password: never echoed */
	F_NEWPASSWORD,		/* a new one: length rules, never echoed */
	F_CHECKBOX,		/* one yes/no box: value "1" or "" */
	F_HIDDEN,
	F__MAX
};

#define FF_REQUIRED	0x01u
#define FF_READONLY	0x02u	/* shown, never taken from the request */
#define FF_MAP		0x04u	/* F_ADDRESS: the place of a location
				   service, shown on a map */
#define FF_OWN_CHOICES	0x08u	/* choices from the plugin's choices hook,
				   asked again with the form's values */

struct fchoice {
	const char	*value;
	const char	*label;
};

struct ffield {
	const char		*name;
	enum ftype		 type;
	const char		*label;		/* in the page's language */
	const char		*hint;		/* may be NULL */
	unsigned		 flags;
	long long		 min, max;	/* length, value or count */
	const struct fchoice	*choices;
	size_t			 nchoices;
	const char		*autocomplete;
	const char		*value;		/* kept input, normalized */
	const char		*lat, *lon;	/* F_ADDRESS */
	const char		*settlement;	/* F_ADDRESS: a code of the
						   places file */
	int			 use_photo;	/* F_ADDRESS with FF_MAP: the
						   point from a photo's GPS */
	const char		*error;		/* message, or NULL */
	int			 unoffered;	/* FF_OWN_CHOICES: error says the
						   value is not (or no longer)
						   offered */
	unsigned		 accept;	/* F_FILE: DM_ACCEPT_* (0: what
						   the site allows) */
};

/* What a plugin's choices hook fills (host->choice_add): the choices of a
 * DM_FIELD_OWN_CHOICES field, labels in the request's language. */
struct dm_choices {
	struct dm_req	*req;
	struct fchoice	*v;
	size_t		 n, cap;
};

/* A field described with string keys (xslt/i18n), for the core's forms. */
struct fdef {
	const char	*name;
	enum ftype	 type;
	const char	*label_key;
	const char	*hint_key;		/* may be NULL */
	unsigned	 flags;
	long long	 min, max;
	const char	*autocomplete;
	const char	*const *choice_values;	/* labels: <label_key>.<v> */
};

/*
 * What a plugin's validate and on_submit hooks see (struct dm_form is
 * opaque to them): the fields, and the stored request whose files the
 * form has (0: only the files sent with this request).
 */
struct dm_form {
	struct dm_req	*req;
	struct ffield	*f;
	size_t		 n;
	long long	 request_id;
	void		*files;		/* host_table.c's list, per field */
};

/* Builds fields from definitions, texts in the request's language. */
struct ffield	*forms_from_defs(struct dm_req *req, const struct fdef *defs,
		    size_t n);
/* Builds fields from a plugin's service declaration. */
struct ffield	*forms_from_service(struct dm_req *req,
		    const struct dm_field *fields, size_t *n);
/* The place of a location service: its address fields get a map and
 * the settlement from the municipality's list (FF_MAP). */
void		 forms_mark_places(struct ffield *f, size_t n,
		    const struct dm_service *svc);
struct ffield	*forms_find(struct ffield *f, size_t n, const char *name);
/* How many fields have only the message that their value is not among
 * the plugin's own choices (forms_check): the plugin's validate hook may
 * say why instead (a day fully booked since the form was shown). */
int		 forms_unoffered(const struct ffield *f, size_t n);
const char	*ftype_name(enum ftype t);

/* Takes each field's value from the submitted form, normalizes and checks
 * it; sets error on each bad field. Returns the number of errors. */
int		forms_check(struct dm_req *req, struct ffield *f, size_t n);
/* New passwords that are common or made of the person's words (the
 * form's other values, the logged-in account's, and own[0..nown)) get a
 * message; the number of them. forms_check calls it without own. */
int		forms_password_own(struct dm_req *req, struct ffield *f,
		    size_t n, const char *const *own, size_t nown);
/* The value of field name, NULL when it is empty or absent. */
const char	*forms_value(struct ffield *f, size_t n, const char *name);
/* The field second must repeat first (a new password twice): one more
 * error if it does not. */
int		forms_repeat(struct dm_req *req, struct ffield *f, size_t n,
		    const char *first, const char *second);
/* Sets a field's error from a string key (handler-level checks). */
void		forms_error(struct dm_req *req, struct ffield *f,
		    const char *key);

/* Extra submit buttons (name="action" value=...), first is primary. */
void		forms_button(struct dm_req *req, struct dm_node *form,
		    const char *value, const char *label_key, int secondary);

/* <form id action method submit csrf>, fields, under parent. */
struct dm_node	*forms_node(struct dm_req *req, struct dm_node *parent,
		    const char *id, const char *action, const char *submit_key,
		    struct ffield *f, size_t n);

#endif
