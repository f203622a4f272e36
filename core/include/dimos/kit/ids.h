/*
 * dimos/kit/ids.h - Greek identifiers (part of the plugin kit).
 */
#ifndef DIMOS_KIT_IDS_H
#define DIMOS_KIT_IDS_H

#include <stddef.h>

/* Tax number (ΑΦΜ): 9 digits, not all zero, check digit
 * (sum d[i] * 2^(8-i)) mod 11 mod 10. */
int	kit_afm_valid(const char *s);
/* Social security number (ΑΜΚΑ): 11 digits, Luhn. */
int	kit_amka_valid(const char *s);

/*
 * A ΚΑΕΚ is 12 digits (2 for the regional unit, 3 for the
 * municipality's cadastral area, 2 for the sector, 2 for the block and 3
 * for the parcel), optionally followed by "/N/N" naming a part of a
 * building (a horizontal and a vertical property number, "/0/0" for the
 * whole parcel). Spaces and the hyphens some people type between the
 * groups are ignored. kit_kaek_parse writes the normal form: the 12 digits,
 * followed by "/N/N" unless it is "/0/0". 0 or -1.
 */
#define KIT_KAEK_MAX	24

int	kit_kaek_parse(const char *s, char out[KIT_KAEK_MAX + 1]);
/* "05 068 17 26 008/0/1" for reading. */
void	kit_kaek_format(const char *kaek, char *out, size_t outsz);

/*
 * An electricity supply number (αριθμός παροχής ΔΕΔΔΗΕ) as printed on
 * the bill: 9 to 12 digits, grouped with spaces or hyphens ("1 23456789-01
 * 2"). kit_power_supply_parse writes the digits alone. 0 or -1.
 */
#define KIT_POWER_SUPPLY_MAX 12

int	kit_power_supply_parse(const char *s, char out[KIT_POWER_SUPPLY_MAX + 1]);

#endif
