/*
 * host_table.h - access to the plugin host table.
 * Owns nothing but the accessor; the table itself lives in host_table.c and the
 * ABI types in dimos/host.h.
 */
#ifndef DIMOS_HOST_TABLE_H
#define DIMOS_HOST_TABLE_H

#include <stddef.h>

#include "dimos/host.h"

struct config;

const struct dm_host	*host_get(const struct config *cfg);

/*
 * Every function of struct dm_host, in its order: the one list both hosts
 * (the core's here, the tests' in core/testing) build their table from,
 * each with functions named h_<member>. A function added to dm_host and
 * not here fails the size check; one here and missing in a host fails to
 * compile.
 */
#define HOST_FUNCTIONS(X)						\
	X(log) X(config_get) X(alloc) X(astrdup) X(aprintf)		\
	X(req_method) X(req_path) X(req_arg) X(req_query) X(req_form)	\
	X(req_lang) X(page_begin) X(node_add) X(node_attr)		\
	X(node_attr_int) X(redirect) X(send) X(db_query) X(db_exec)	\
	X(db_tx) X(req_user) X(req_is_staff) X(form_value)		\
	X(form_error) X(request_value) X(tr)				\
	/* 2.1 */							\
	X(today) X(now) X(is_business_day) X(add_business_days)	\
	X(upload_count) X(upload_at) X(upload_read) X(field_has_error)	\
	X(form_location) X(request_get) X(request_act)			\
	X(mail_applicant) X(mail_cancel) X(refuse) X(send_pdf)		\
	X(settlement_at) X(zone_at) X(form_settlement)	\
	/* 2.2 */							\
	X(choice_add) X(request_answer) X(set_status)			\
	X(fee_raise) X(fee_status) X(fee_paid)

#define HOST_MEMBER_(name)	.name = h_##name,
#define HOST_COUNT_(name)	+ 1
#define HOST_TABLE_INIT {						\
	.abi_major = DM_ABI_MAJOR,					\
	.abi_minor = DM_ABI_MINOR,					\
	.size = sizeof(struct dm_host),					\
	HOST_FUNCTIONS(HOST_MEMBER_)					\
}

_Static_assert(offsetof(struct dm_host, log) +
    (0 HOST_FUNCTIONS(HOST_COUNT_)) * sizeof(void (*)(void)) ==
    sizeof(struct dm_host), "HOST_FUNCTIONS lists every host function");

#endif
