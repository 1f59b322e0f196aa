#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-2-Clause
# tests/deps.sh - install the Debian packages that build, test and demo need (only the missing
# ones), then run the command given, if any:  sudo tests/deps.sh make test
set -eu
run_after() { [ $# -eq 0 ] || exec "$@"; exit 0; }
pkgs=(
	make gcc clang libclang-rt-14-dev pkg-config
	libpcap-dev libreadline-dev libncurses-dev libcap-ng-dev
	python3 python3-jsonschema tmux zsh fish iproute2 nftables procps time libcap2-bin
	dnsmasq-base kea-dhcp4-server isc-dhcp-server busybox
	tcpdump tcpreplay nmap monitoring-plugins-basic ieee-data
	prometheus prometheus-node-exporter curl
	debhelper dpkg-dev fakeroot lintian bash-completion groff-base man-db
)
missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "deps: all ${#pkgs[@]} packages present"
	run_after "$@"
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing ${missing[*]}; run as root (sudo make deps)" >&2
	exit 1
fi
echo "deps: installing ${missing[*]}"
# The DHCP server packages must never start a service on this machine's real
# network: forbid every service start for the duration of the install.
rcd=/usr/sbin/policy-rc.d
made_rcd=0
if [ ! -e "$rcd" ]; then
	printf '#!/bin/sh\nexit 101\n' >"$rcd"
	chmod 755 "$rcd"
	made_rcd=1
fi
cleanup() { [ "$made_rcd" = 1 ] && rm -f "$rcd"; return 0; }
trap cleanup EXIT
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/dhcpdiag-deps.log 2>&1 || {
	tail -20 /tmp/dhcpdiag-deps.log >&2
	exit 1
}
echo "deps: done"
cleanup
trap - EXIT
run_after "$@"
