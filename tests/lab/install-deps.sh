#!/bin/bash
# install-deps.sh - install the Debian packages the lab needs, if missing.
# Run as root. Does nothing when every tool is present.
#
# The servers are only ever started by lab.sh inside namespaces, so package
# installs must not start their system services: dnsmasq comes from
# dnsmasq-base (no service at all), and while installing kea/isc-dhcp-server
# a policy-rc.d that forbids service starts is put in place if the machine
# has none (and removed again afterwards).
set -eu

# binary -> package
NEEDED="
/usr/sbin/dnsmasq dnsmasq-base
/usr/sbin/kea-dhcp4 kea-dhcp4-server
/usr/sbin/dhcpd isc-dhcp-server
/usr/bin/busybox busybox
/usr/sbin/nft nftables
/usr/bin/tcpdump tcpdump
/usr/sbin/ip iproute2
/usr/bin/ss iproute2
/usr/bin/ps procps
"

missing=$(echo "$NEEDED" | while read -r bin pkg; do
    [ -z "$bin" ] || [ -x "$bin" ] || echo "$pkg"
done | sort -u | tr '\n' ' ')
if [ -z "${missing// /}" ]; then
    echo "install-deps: all lab tools present"
    exit 0
fi
[ "$(id -u)" = 0 ] || { echo "install-deps: need root to install: $missing" >&2; exit 1; }

policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod 755 "$policy"
    made_policy=1
    trap 'rm -f "$policy"' EXIT
fi
echo "install-deps: installing $missing"
apt-get update -q
# shellcheck disable=SC2086
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
[ "$made_policy" = 0 ] || rm -f "$policy"
