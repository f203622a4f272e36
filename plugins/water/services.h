/*
 * services.h - the water department's declarations (services.c).
 */
#ifndef WATER_SERVICES_H
#define WATER_SERVICES_H

#include "dimos/plugin.h"

#define SVC_READING	"water-reading"
#define SVC_CONNECTION	"water-connection"
#define SVC_HOLDER	"water-holder-change"
#define SVC_DISCONNECT	"water-disconnect"
#define SVC_RECONNECT	"water-reconnect"
#define SVC_METER	"water-meter-replace"
#define SVC_LEAK	"water-leak"
#define SVC_QUALITY	"water-quality"
#define SVC_SEWER	"water-sewer-blockage"
#define SVC_DISPUTE	"water-bill-dispute"
#define SVC_IRRIGATION	"water-irrigation"
#define SVC_CERT	"water-no-debt"

extern const struct dm_service water_services[];
extern const struct dm_department water_department;

/* The Greek name of a crop (irrigation.h), for answers. */
const char	*wat_crop_el(int crop);

#endif
