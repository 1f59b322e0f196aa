#!/bin/sh
# udhcpc event script for the lab (use: busybox udhcpc -s THIS ...).
#
# Why not udhcpc's default script: it would rewrite /etc/resolv.conf, which
# network namespaces share with the host. This one only records what
# udhcpc decoded, appending "event=EVENT" followed by the DHCP variables to
# $DD_UDHCPC_OUT (if set). With DD_UDHCPC_CONFIGURE=1 it also puts the
# leased address on the interface (inside the client namespace only) and
# removes it on deconfig, so udhcpc can unicast RENEW/RELEASE from it.
out=${DD_UDHCPC_OUT:-/dev/null}
{
    echo "event=$1"
    for v in interface ip siaddr sname boot_file subnet mask broadcast router \
             dns domain search ntpsrv staticroutes lease serverid message \
             timezone hostname; do
        eval "val=\${$v:-}"
        [ -n "$val" ] && echo "$v=$val"
    done
    env | grep '^opt[0-9]*=' || true
} >> "$out"
if [ "${DD_UDHCPC_CONFIGURE:-0}" = 1 ]; then
    case $1 in
        bound|renew) ip addr flush dev "$interface" 2>/dev/null
                     ip addr add "$ip/${mask:-24}" dev "$interface" ;;
        deconfig) ip addr flush dev "$interface" 2>/dev/null ;;
    esac
fi
exit 0
