/*
 * password.h - is a new password one that is easy to guess?
 * Owns: the rule behind "choose another password": too common (the
 * breached and dictionary passwords, keyboard rows, sequences, repeats and
 * dates that zxcvbn knows) or made of the person's own name or e-mail.
 */
#ifndef DIMOS_PASSWORD_H
#define DIMOS_PASSWORD_H

/* Bits of guessing entropy (zxcvbn's estimate) a new password needs. */
#define PASSWORD_MIN_BITS	30.0

enum password_weak {
	PASSWORD_OK,
	PASSWORD_COMMON,	/* a common password, or built of such parts */
	PASSWORD_OWN		/* built of the person's name or e-mail */
};

/*
 * pw (UTF-8) against zxcvbn's dictionaries and the person's own words (a
 * NULL-terminated list of names and addresses, NULL entries skipped; each
 * counts whole and by its parts: words of a name, the e-mail's local part
 * and domain). Greek and Latin letters are compared without case.
 */
enum password_weak	password_weak(const char *pw,
			    const char *const *own, size_t nown);

#endif
