/* SPDX-License-Identifier: BSD-2-Clause */
/* test_xport.c - the interface look-ups of xport_pcap.c (no capture is opened, nothing sent) */
#include "check.h"
#include "xport_pcap.h"

#include <errno.h>

int
main(void)
{
	uint8_t mac[6] = {1, 2, 3, 4, 5, 6};
	int r;

	/* names that are no interface, or would leave /sys/class/net */
	static const char *const bad[] = {"", "..", ".", "a/b", "../lo", "0123456789abcdef"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK(xpcap_if_mac(bad[i], mac) == -EINVAL, "if_mac('%s'): EINVAL", bad[i]);
		CHECK(xpcap_if_wireless(bad[i]) == -EINVAL, "if_wireless('%s'): EINVAL", bad[i]);
	}
	CHECK(xpcap_if_mac(NULL, mac) == -EINVAL && xpcap_if_wireless(NULL) == -EINVAL,
	      "NULL name: EINVAL");
	r = xpcap_if_mac("dd-nosuchif", mac);
	CHECK(r == -ENODEV, "if_mac of a missing interface: ENODEV (%d)", r);
	r = xpcap_if_wireless("dd-nosuchif");
	CHECK(r == -ENODEV, "if_wireless of a missing interface: ENODEV (%d)", r);
	/* loopback exists in every namespace: no Ethernet address, not wireless */
	r = xpcap_if_mac("lo", mac);
	CHECK(r == -EPROTONOSUPPORT && mac[0] == 1 && mac[5] == 6,
	      "if_mac('lo'): EPROTONOSUPPORT, mac untouched (%d)", r);
	r = xpcap_if_wireless("lo");
	CHECK(r == 0, "if_wireless('lo'): 0 (%d)", r);
	return CHECK_DONE();
}
