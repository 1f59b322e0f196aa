/* SPDX-License-Identifier: BSD-2-Clause */
/* keys.c - the one copy of each shared member name (see keys.h) */
#include "keys.h"

#define DHCPDIAG_KEY_NAME(id, text) [KEY_##id] = text,
const char key_names[KEY_MAX][KEY_SIZE] = {DHCPDIAG_KEYS(DHCPDIAG_KEY_NAME)};
#undef DHCPDIAG_KEY_NAME

#define DHCPDIAG_KEY_LEN(id, text) [KEY_##id] = sizeof(text) - 1,
const uint8_t key_lens[KEY_MAX] = {DHCPDIAG_KEYS(DHCPDIAG_KEY_LEN)};
#undef DHCPDIAG_KEY_LEN

/* a name as long as KEY_SIZE would lose its NUL without a word from the compiler */
#define DHCPDIAG_KEY_FITS(id, text) _Static_assert(sizeof(text) <= KEY_SIZE, #id " is too long");
DHCPDIAG_KEYS(DHCPDIAG_KEY_FITS)
#undef DHCPDIAG_KEY_FITS
