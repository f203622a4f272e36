/*
 * places.c - the settlements and zones the core has (host->settlement_at,
 * zone_at, form_settlement), read the way the department needs them.
 */
#include <string.h>

#include "places.h"

static const struct dm_settlement *
find_settlement(const char *code)
{
	const struct dm_settlement *s;

	for (size_t i = 0; code && (s = cl_host->settlement_at(i)) != NULL;
	    i++)
		if (strcmp(s->code, code) == 0)
			return s;
	return NULL;
}

static const struct dm_zone *
find_zone(const char *code)
{
	const struct dm_zone *z;

	for (size_t i = 0; code && (z = cl_host->zone_at(i)) != NULL; i++)
		if (strcmp(z->code, code) == 0)
			return z;
	return NULL;
}

static int
place_of(const struct dm_settlement *s, struct cl_place *out)
{
	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return 0;
	cl_copy(out->settlement, sizeof(out->settlement), s->code);
	if (s->zone != NULL)
		cl_copy(out->zone, sizeof(out->zone), s->zone->code);
	return 1;
}

int
place_of_form(struct dm_form *form, const char *field, struct cl_place *out)
{
	return place_of(cl_host->form_settlement(form, field), out);
}

int
place_of_request(struct dm_req *req, const struct dm_request *r,
    const char *field, struct cl_place *out)
{
	return place_of(find_settlement(cl_host->request_value(req, r,
	    cl_host->aprintf(req, "%s_settlement", field))), out);
}

int
place_settlement_at(size_t i, struct cl_place *out)
{
	return place_of(cl_host->settlement_at(i), out);
}

int
place_of_code(const char *code, struct cl_place *out)
{
	return place_of(find_settlement(code), out);
}

int
place_settlement_known(const char *code)
{
	return find_settlement(code) != NULL;
}

const char *
place_settlement_in(const char *code, int en)
{
	const struct dm_settlement *s = find_settlement(code);

	return s ? (en ? s->name_en : s->name_el) : code;
}

const char *
place_settlement_name(struct dm_req *req, const char *code)
{
	const struct dm_settlement *s = find_settlement(code);

	return s ? cl_host->tr(req, s->name_el, s->name_en) : code;
}

const char *
place_zone_name(struct dm_req *req, const char *code)
{
	const struct dm_zone *z = find_zone(code);

	return z ? cl_host->tr(req, z->name_el, z->name_en) : code;
}

const char *
place_zone_at(size_t i)
{
	const struct dm_zone *z = cl_host->zone_at(i);

	return z ? z->code : NULL;
}

int
place_zone_known(const char *code)
{
	return find_zone(code) != NULL;
}
