/*
 * services.h - the finance department's declarations (services.c).
 */
#ifndef FINANCE_SERVICES_H
#define FINANCE_SERVICES_H

#include "dimos/plugin.h"

#define SVC_NODEBT	"fin-no-debt"
#define SVC_TAP		"fin-tap"
#define SVC_PLAN	"fin-instalments"

extern const struct dm_service finance_services[];
extern const struct dm_department finance_department;

#endif
