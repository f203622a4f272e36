/*
 * services.h - the civil registry's department and service declarations.
 * Owns: the service codes the hooks switch on and the label of a choice.
 */
#ifndef CIVIL_REGISTRY_SERVICES_H
#define CIVIL_REGISTRY_SERVICES_H

#include "dimos/plugin.h"

#define CR_SVC_FAMILY		"cr-family-status"
#define CR_SVC_BIRTH		"cr-birth"
#define CR_SVC_KIN		"cr-next-of-kin"
#define CR_SVC_RESIDENCE	"cr-residence"
#define CR_SVC_ORIGIN		"cr-local-origin"

extern const struct dm_service cr_services[];
extern const struct dm_department cr_department;

/* The Greek label of value in the choice field of svc, or NULL. */
const char	*cr_choice_label(const struct dm_service *svc,
		    const char *field, const char *value);

#endif
