/*
 * dimos/kit/ids.h - Greek identifiers (part of the plugin kit).
 */
#ifndef DIMOS_KIT_IDS_H
#define DIMOS_KIT_IDS_H

/* Tax number (ΑΦΜ): 9 digits, not all zero, check digit
 * (sum d[i] * 2^(8-i)) mod 11 mod 10. */
int	kit_afm_valid(const char *s);
/* Social security number (ΑΜΚΑ): 11 digits, Luhn. */
int	kit_amka_valid(const char *s);

#endif
