/* SPDX-License-Identifier: BSD-2-Clause */
/* pkt.h - one captured record, as every packet source hands it over */
#ifndef DHCPDIAG_PKT_H
#define DHCPDIAG_PKT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

struct pkt {
	struct timeval ts;
	const uint8_t *data; /* valid until the source's next read */
	size_t caplen, wirelen;
	int linktype;
};

#endif
