/*
 * places.h - the municipality's settlements and zones, as the core reads
 * them from its places file; the plugin never keeps a list of its own.
 * Owns: the few questions the department asks of them (which settlement
 * an address is in, its zone, names to show, the zones in order).
 */
#ifndef CLEANING_PLACES_H
#define CLEANING_PLACES_H

#include "cleaning.h"

struct cl_place {
	char	settlement[CL_CODE_SIZE];
	char	zone[CL_CODE_SIZE];	/* "" when zones are not declared */
};

/* The settlement (and its zone) an address field of a form names: 1, or
 * 0 when none was picked. */
int		 place_of_form(struct dm_form *form, const char *field,
		    struct cl_place *out);
/* The same for a submitted request's address. */
int		 place_of_request(struct dm_req *req,
		    const struct dm_request *r, const char *field,
		    struct cl_place *out);
/* The settlement of a code (and its zone): 1, or 0 if there is none. */
int		 place_of_code(const char *code, struct cl_place *out);
/* A settlement's name in Greek (en 0) or English (en 1). */
const char	*place_settlement_in(const char *code, int en);
/* Names in the request's language; the code itself if unknown. */
const char	*place_settlement_name(struct dm_req *req, const char *code);
const char	*place_zone_name(struct dm_req *req, const char *code);
/* The i-th settlement (file order) with its zone: 1, or 0 past the end. */
int		 place_settlement_at(size_t i, struct cl_place *out);
int		 place_settlement_known(const char *code);
/* The i-th zone's code (file order), NULL past the end. */
const char	*place_zone_at(size_t i);
/* 1 if code is a zone of the municipality. */
int		 place_zone_known(const char *code);

#endif
