/* SPDX-License-Identifier: BSD-2-Clause */
/* keys.c - the one copy of each shared member name (see keys.h) */
#include "keys.h"

#define DHCPDIAG_KEY_DEFINE(id, text) const char id[sizeof(text)] = text;
DHCPDIAG_KEYS(DHCPDIAG_KEY_DEFINE)
#undef DHCPDIAG_KEY_DEFINE
