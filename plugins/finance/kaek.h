/*
 * kaek.h - identifiers of land and supply (pure). Shared with
 * plugins/water.
 * Owns: the ΚΑΕΚ (Κωδικός Αριθμός Εθνικού Κτηματολογίου) of a parcel or
 * of a part of a building, and the electricity supply number a property's
 * ΤΑΠ is billed on.
 */
#ifndef FINANCE_KAEK_H
#define FINANCE_KAEK_H

#include <stddef.h>

/*
 * A ΚΑΕΚ is 12 digits (2 for the regional unit, 3 for the
 * municipality's cadastral area, 2 for the sector, 2 for the block and 3
 * for the parcel), optionally followed by "/N/N" naming a part of a
 * building (a horizontal and a vertical property number, "/0/0" for the
 * whole parcel). Spaces and the hyphens some people type between the
 * groups are ignored. kaek_parse writes the normal form: the 12 digits,
 * followed by "/N/N" unless it is "/0/0". 0 or -1.
 */
#define KAEK_MAX	24

int	kaek_parse(const char *s, char out[KAEK_MAX + 1]);
/* "05 068 17 26 008/0/1" for reading. */
void	kaek_format(const char *kaek, char *out, size_t outsz);

/*
 * An electricity supply number (αριθμός παροχής ΔΕΔΔΗΕ) as printed on
 * the bill: 9 to 12 digits, grouped with spaces or hyphens ("1 23456789-01
 * 2"). supply_parse writes the digits alone. 0 or -1.
 */
#define POWER_SUPPLY_MAX 12

int	power_supply_parse(const char *s, char out[POWER_SUPPLY_MAX + 1]);

#endif
