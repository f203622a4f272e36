/*
 * crcert.h - the civil registry's records in memory and what is decided and
 * written from them (pure: no host, no DB, so the unit tests run it as is).
 * Owns: who the applicant is, whom a request is about, next of kin, and the
 * texts of every certificate of the department.
 */
#ifndef CIVIL_REGISTRY_CRCERT_H
#define CIVIL_REGISTRY_CRCERT_H

#include <stddef.h>

#include "dimos/plugin.h"

#include "dimos/kit/cert.h"
#include "dimos/kit/csv.h"
#include "dimos/kit/date.h"
#include "dimos/kit/ids.h"
#include "dimos/kit/text.h"

/* One person of the registry; strings are borrowed from the loader. */
struct cr_person {
	long long	 id;
	long long	 merida;
	const char	*relation;	/* head | spouse | child | other */
	const char	*surname;
	const char	*name;
	const char	*father_name;
	const char	*mother_name;		/* NULL: unknown */
	const char	*mother_surname;	/* may be NULL */
	char		 sex;			/* 'M', 'F'; '?' unknown */
	const char	*birth_date;		/* YYYY-MM-DD */
	const char	*birth_place;
	const char	*citizenship;		/* may be NULL */
	const char	*marital;		/* may be NULL */
	const char	*afm;			/* may be NULL */
	const char	*amka;			/* may be NULL */
	int		 deceased;
	const char	*death_date;		/* may be NULL */
	const char	*death_place;		/* may be NULL */
	long long	 father_id;		/* 0: not in the registry */
	long long	 mother_id;
};

/* A family record (οικογενειακή μερίδα) with its members, head first. */
struct cr_family {
	long long		 merida;
	const char		*unit;
	const char		*address;	/* may be NULL */
	const struct cr_person	*members;
	size_t			 nmembers;
};

/* A marriage or a divorce between two persons, for next of kin. */
struct cr_union {
	long long	 a;
	long long	 b;
	const char	*date;
	int		 divorce;
};

enum cr_kin {
	CR_KIN_SPOUSE,
	CR_KIN_CHILD,
	CR_KIN_PARENT,
	CR_KIN_SIBLING,
	CR_KIN__MAX
};

struct cr_relative {
	enum cr_kin		 kin;
	const struct cr_person	*p;
};

/* The folded key of a person, for kit_match. */
void	cr_person_key(const struct cr_person *p, struct kit_key *k);

/*
 * The one living person the applicant is among candidates: a match by AFM
 * wins, else a single match by surname, name, father's name and birth
 * year. NULL when there is none, or (*ambiguous set) more than one.
 */
const struct cr_person *cr_pick_applicant(const struct kit_key *applicant,
	    const struct cr_person *cand, size_t n, int *ambiguous);

/*
 * Whom a family-status or birth certificate is about. member 0: the
 * applicant, me. member 1: the member of f (me's family record) with that
 * surname, name and birth date (names compared folded). DM_OK with *about
 * set, DM_EDENIED when no such person is in f: a citizen gets certificates
 * of their own family record only, and whether the person exists elsewhere
 * in the registry is not for them to learn.
 */
struct cr_target {
	int		 member;
	const char	*surname;
	const char	*name;
	const char	*birth_date;
};

dm_status cr_pick_about(const struct cr_person *me,
	    const struct cr_family *f, const struct cr_target *t,
	    const struct cr_person **about);

/*
 * The next of kin of d among candidates (any persons; d itself and
 * strangers are skipped): spouse (the head and spouse of one family
 * record, or a marriage of unions not followed by their divorce), children
 * and parents (father_id, mother_id), siblings (a common parent). Written
 * to out in that order, children and siblings by birth date; returns how
 * many, at most max.
 */
size_t	cr_relatives(const struct cr_person *d, const struct cr_person *cand,
	    size_t n, const struct cr_union *unions, size_t nunions,
	    struct cr_relative *out, size_t max);

/* Labels and phrases, in Greek. */
const char *cr_kin_label(enum cr_kin kin, char sex);
const char *cr_relation_label(const char *relation, char sex);
const char *cr_marital_label(const char *marital, char sex);
/* "Γεώργιος Παπαδόπουλος" */
char	*cr_full_name(const struct kit_alloc *a, const struct cr_person *p);
/* "Παπαδόπουλος Γεώργιος του Νικολάου (1975)", the staff panel's label */
char	*cr_record_label(const struct kit_alloc *a, const struct cr_person *p);

/*
 * Certificates. Each fills out (title, texts, rows, holder, record_ref
 * "p:<id>") from the allocator and returns 0, or -1 if the content does not
 * fit (more than KIT_CERT_ROWS rows). units (may be NULL) give the
 * genitive of f's municipal unit; purpose (may be NULL) is the label of
 * what the applicant needs it for.
 */
struct cr_cert_in {
	const struct kit_alloc	*a;
	const struct kit_units	*units;
	const struct cr_family	*f;		/* about's family record */
	const struct cr_person	*about;
	const char		*purpose;
};

int	cr_cert_family_status(const struct cr_cert_in *in,
	    struct dm_certificate *out);
/* act: the birth's registry act ("Πράξη 123/1975"), may be NULL */
int	cr_cert_birth(const struct cr_cert_in *in, const char *act,
	    struct dm_certificate *out);
/* about is the deceased; rels from cr_relatives */
int	cr_cert_next_of_kin(const struct cr_cert_in *in,
	    const struct cr_relative *rels, size_t nrels,
	    struct dm_certificate *out);
/* address: the residence the clerk checked against the proof */
int	cr_cert_residence(const struct cr_cert_in *in, const char *address,
	    struct dm_certificate *out);
int	cr_cert_local_origin(const struct cr_cert_in *in,
	    struct dm_certificate *out);

#endif
