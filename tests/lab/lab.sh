#!/bin/bash
# lab.sh - network-namespace DHCPv4 test lab for dhcpdiag.
#
# Everything lives in network namespaces this script creates; nothing is
# attached to the root namespace, and only 198.18.0.0/15 addresses are used.
#
# Usage (run as root):
#   lab.sh up NAME [--servers "TYPE [TYPE]" (or TYPE,TYPE)] [--relay] [--lossy PCT] [--slow]
#                  [--client-addr] [--authoritative] [--vlan VID]
#                  [--extra-host ADDR]
#       TYPE is one of: dnsmasq kea dhcpd udhcpd  (default: "dnsmasq").
#       First type runs in dd-NAME-s1 (198.18.0.1, pool .100-.149),
#       second in dd-NAME-s2 (198.18.0.2, pool .150-.199).
#       --relay        add router dd-NAME-rt and relay server dd-NAME-rs
#                      (198.18.2.1, pool 198.18.1.100-.149); the client gets
#                      dd1 = 198.18.1.1/24, route to 198.18.2.0/24 via .1.254
#       --lossy PCT    drop PCT% of frames (each direction) on the client's
#                      bridge port (nftables, family bridge, in dd-NAME-br)
#       --slow         keep the servers' pre-offer ping/ARP checks
#       --client-addr  give dd0 198.18.0.9/24 (default: no IPv4 address)
#       --vlan VID     the servers sit on 802.1Q VLAN VID: their ports are on a
#                      second bridge br1, joined to br0 by vlan-relay.py (an
#                      access port in user space: this kernel has no VLAN
#                      devices), so only frames tagged VID reach them
#       --authoritative  servers NAK requests for addresses they don't know
#                      (default: each server's stock, non-authoritative mode)
#       --extra-host ADDR  add namespace dd-NAME-x1, a plain host on br0
#                      (the client's segment) holding ADDR/24 on host0,
#                      MAC 02:dd:00:00:00:10: something for ARP to find
#   lab.sh down NAME                 stop servers, delete namespaces, state
#   lab.sh exec NAME ROLE CMD...     ROLE: client|br|s1|s2|rt|rs|x1
#   lab.sh leases NAME s1|s2|rs      active leases, one "mac ip" per line
#   lab.sh env NAME                  print the state file path
#
# State: /tmp/dd-lab.NAME/ (configs, logs, lease files, pids) and
# /tmp/dd-lab.NAME/env (shell-sourceable variables, see README.md).
#
# Sourcing this file defines the function `lab` (runs in a subshell with
# set -eu), e.g. `. tests/lab/lab.sh; lab up foo`.

LAB_SH_PATH=$(readlink -f "${BASH_SOURCE[0]}")

# ---------------------------------------------------------------- constants
# Option values every server is configured to send (tests compare to these).
# A test that builds a faulty network sets some of them in the environment of
# `lab.sh up` (LAB_T1=600 LAB_T2=300 lab.sh up ...); LAB_DNS= (empty) sends no
# option 6 (kea, udhcpd). LAB_POOL="LO HI" is s1's pool instead of .100-.149;
# LAB_IGNORE_MAC=MAC makes s1 ignore that client (dnsmasq, dhcpd).
LAB_LEASE_TIME=${LAB_LEASE_TIME:-600}
LAB_NETMASK=${LAB_NETMASK:-255.255.255.0}
LAB_ROUTER=${LAB_ROUTER:-198.18.0.254}
LAB_DNS=${LAB_DNS-198.18.0.53 198.18.0.54}
LAB_DOMAIN=${LAB_DOMAIN:-lab.example}
LAB_NTP=${LAB_NTP:-198.18.0.123}
LAB_SEARCH=${LAB_SEARCH:-lab.example corp.example}
LAB_ROUTE121_DEST=${LAB_ROUTE121_DEST:-198.18.5.0/24}
LAB_ROUTE121_GW=${LAB_ROUTE121_GW:-198.18.0.254}
LAB_T1=${LAB_T1:-300}
LAB_T2=${LAB_T2:-525}
LAB_POOL=${LAB_POOL:-}
LAB_IGNORE_MAC=${LAB_IGNORE_MAC:-}

CLIENT_ADDR_DEFAULT=198.18.0.9
EXTRA_HOST_MAC=02:dd:00:00:00:10
SERVER_TYPES_KNOWN="dnsmasq kea dhcpd udhcpd"
UDHCPD_OFFER_TIME=5
WAIT_LISTEN_TENTHS=100   # up waits at most 10 s for each server's socket
KILL_WAIT_TENTHS=50      # down waits at most 5 s after TERM before KILL

die() { echo "lab.sh: $*" >&2; exit 1; }
log() { echo "lab.sh: $*" >&2; }

# ---------------------------------------------------------------- helpers
state_dir_of() { echo "/tmp/dd-lab.$1"; }

check_name() {
    [[ "$1" =~ ^[A-Za-z0-9_]([A-Za-z0-9_-]{0,23})$ ]] ||
        die "bad lab NAME '$1' (1-24 chars of [A-Za-z0-9_-])"
}

ns_exists() { [ -e "/run/netns/$1" ]; }

# Run a command in namespace $1.
nsx() { local ns=$1; shift; ip netns exec "$ns" "$@"; }

# Create a namespace and record it in the state dir right away, so a failed
# `up` (or a later `down`) can remove it.
make_ns() {
    local ns=$1
    ns_exists "$ns" && die "namespace $ns already exists (lab already up? try: lab.sh down $LAB_NAME)"
    ip netns add "$ns"
    echo "$ns" >> "$STATE/namespaces"
    ip -n "$ns" link set lo up
    # No IPv6: keeps captures free of router solicitations / MLD noise.
    nsx "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 \
        net.ipv6.conf.default.disable_ipv6=1 >/dev/null
}

# veth pair created directly between two namespaces (never touches root ns).
make_veth() {   # NS_A IF_A NS_B IF_B
    ip -n "$1" link add "$2" type veth peer name "$4" netns "$3"
}

# Attach a new veth to br0 (or BRIDGE): the port end stays in the bridge namespace.
bridge_port() {  # PORT_NAME OTHER_NS OTHER_IF [MAC] [BRIDGE]
    make_veth "$BR_NS" "$1" "$2" "$3"
    ip -n "$BR_NS" link set "$1" master "${5:-br0}" up
    [ -z "${4:-}" ] || ip -n "$2" link set "$3" address "$4"
    ip -n "$2" link set "$3" up
}

# Shell-quote a variable into the env file.
envvar() { printf '%s=%q\n' "$1" "$2" >> "$STATE/env.partial"; }

# ---------------------------------------------------------------- configs
# Each gen_* writes the config for server ROLE and sets CMD (array) to the
# foreground command line, PIDFILE and LEASES, and NO_OPTS (option codes this
# server cannot send). Arguments: ROLE SERVER_IP SUBNET POOL_START POOL_END
# where SUBNET is the subnet the pool belongs to (differs for the relay).

# One RFC 3442 route as hex: the prefix width, the significant octets of the
# destination, the router.
route121_hex() {  # DEST/WIDTH GW
    local dest=${1%/*} width=${1#*/} gw=$2 o n i
    printf '%02X' "$width"
    n=$(((width + 7) / 8))
    IFS=. read -ra o <<<"$dest"
    for ((i = 0; i < n; i++)); do printf '%02X' "${o[i]}"; done
    IFS=. read -ra o <<<"$gw"
    printf '%02X%02X%02X%02X' "${o[0]}" "${o[1]}" "${o[2]}" "${o[3]}"
}

# The lab's option 121 (default route, then LAB_ROUTE121_DEST) as dhcpd's decimal byte list.
route121_dec() {
    local hex i out=""
    hex=$(route121_hex 0.0.0.0/0 "$LAB_ROUTE121_GW")$(route121_hex "$LAB_ROUTE121_DEST" "$LAB_ROUTE121_GW")
    for ((i = 0; i < ${#hex}; i += 2)); do out+="${out:+, }$((16#${hex:i:2}))"; done
    echo "$out"
}

gen_dnsmasq() {
    local role=$1 ip=$2 subnet=$3 lo=$4 hi=$5
    PIDFILE=$STATE/$role.pid
    LEASES=$STATE/$role.leases
    NO_OPTS=""
    : > "$LEASES"
    # Command line only (no conf file); dhcp-option-force sends the option
    # even when the client's parameter request list does not ask for it.
    CMD=(/usr/sbin/dnsmasq --keep-in-foreground --conf-file=/dev/null
        --port=0 --interface=srv0 --bind-interfaces
        --log-facility=- --log-dhcp
        --dhcp-leasefile="$LEASES" --pid-file="$PIDFILE"
        --dhcp-range="$lo,$hi,$LAB_NETMASK,$LAB_LEASE_TIME"
        "--dhcp-option-force=option:netmask,$LAB_NETMASK"
        "--dhcp-option-force=option:router,$LAB_ROUTER"
        "--dhcp-option-force=option:domain-name,$LAB_DOMAIN"
        "--dhcp-option-force=option:ntp-server,$LAB_NTP"
        "--dhcp-option-force=option:domain-search,${LAB_SEARCH// /,}"
        "--dhcp-option-force=option:classless-static-route,0.0.0.0/0,$LAB_ROUTE121_GW,$LAB_ROUTE121_DEST,$LAB_ROUTE121_GW"
        "--dhcp-option-force=option:T1,$LAB_T1"
        "--dhcp-option-force=option:T2,$LAB_T2")
    [ "$SLOW" = 1 ] || CMD+=(--no-ping)
    [ -z "$LAB_DNS" ] || CMD+=("--dhcp-option-force=option:dns-server,${LAB_DNS// /,}")
    [ -z "$LAB_IGNORE_MAC" ] || [ "$role" != s1 ] || CMD+=("--dhcp-host=$LAB_IGNORE_MAC,ignore")
    # Authoritative dnsmasq also NAKs a REQUEST that selects another server.
    [ "$AUTH" = 1 ] && CMD+=(--dhcp-authoritative)
    printf '%s\n' "${CMD[@]}" > "$STATE/$role.cmdline"
}

gen_kea() {
    local role=$1 ip=$2 subnet=$3 lo=$4 hi=$5
    local conf=$STATE/$role-kea.json
    # Kea derives its pid file name from the config file name.
    PIDFILE=$STATE/$role-kea.kea-dhcp4.pid
    LEASES=$STATE/$role.leases.csv
    NO_OPTS=""
    local dns_csv=${LAB_DNS// /, } search_csv=${LAB_SEARCH// /, }
    # Option 121 as raw bytes (Kea 2.2 has no text format for it): the default
    # route, then LAB_ROUTE121_DEST, both via LAB_ROUTE121_GW.
    local r121
    r121=$(route121_hex 0.0.0.0/0 "$LAB_ROUTE121_GW")$(route121_hex "$LAB_ROUTE121_DEST" "$LAB_ROUTE121_GW")
    cat > "$conf" <<EOF
{
"Dhcp4": {
    "interfaces-config": { "interfaces": [ "srv0" ], "dhcp-socket-type": "raw" },
    "lease-database": { "type": "memfile", "persist": true,
                        "name": "$LEASES", "lfc-interval": 0 },
    "authoritative": $([ "$AUTH" = 1 ] && echo true || echo false),
    "valid-lifetime": $LAB_LEASE_TIME,
    "min-valid-lifetime": $LAB_LEASE_TIME,
    "max-valid-lifetime": $LAB_LEASE_TIME,
    "renew-timer": $LAB_T1,
    "rebind-timer": $LAB_T2,
    "option-data": [
        { "name": "subnet-mask", "data": "$LAB_NETMASK", "always-send": true },
        { "name": "routers", "data": "$LAB_ROUTER", "always-send": true },
$([ -z "$LAB_DNS" ] || echo "        { \"name\": \"domain-name-servers\", \"data\": \"$dns_csv\", \"always-send\": true },")
        { "name": "domain-name", "data": "$LAB_DOMAIN", "always-send": true },
        { "name": "ntp-servers", "data": "$LAB_NTP", "always-send": true },
        { "name": "domain-search", "data": "$search_csv", "always-send": true },
        { "code": 121, "csv-format": false, "data": "$r121",
          "always-send": true }
    ],
    "subnet4": [ { "id": 1, "subnet": "$subnet",
                   "pools": [ { "pool": "$lo - $hi" } ] } ],
    "loggers": [ { "name": "kea-dhcp4", "severity": "INFO",
                   "output_options": [ { "output": "stdout", "flush": true } ] } ]
}
}
EOF
    CMD=(env KEA_PIDFILE_DIR="$STATE" KEA_LOCKFILE_DIR="$STATE"
         /usr/sbin/kea-dhcp4 -c "$conf")
}

gen_dhcpd() {
    local role=$1 ip=$2 subnet=$3 lo=$4 hi=$5
    local conf=$STATE/$role-dhcpd.conf
    PIDFILE=$STATE/$role.pid
    LEASES=$STATE/$role.leases
    NO_OPTS=""
    : > "$LEASES"
    local ping=false
    [ "$SLOW" = 1 ] && ping=true
    local own_net=${ip%.*}.0 pool_net=${subnet%/*}
    {
    [ "$AUTH" = 1 ] && echo "authoritative;" || echo "not authoritative;"
    cat <<EOF
ddns-update-style none;
default-lease-time $LAB_LEASE_TIME;
max-lease-time $LAB_LEASE_TIME;
min-lease-time $LAB_LEASE_TIME;
ping-check $ping;
option rfc3442-classless-static-routes code 121 = array of integer 8;
option subnet-mask $LAB_NETMASK;
option routers $LAB_ROUTER;
$([ -z "$LAB_DNS" ] || echo "option domain-name-servers ${LAB_DNS// /, };")
option domain-name "$LAB_DOMAIN";
option ntp-servers $LAB_NTP;
option domain-search "${LAB_SEARCH// /\", \"}";
option rfc3442-classless-static-routes $(route121_dec);
option dhcp-renewal-time $LAB_T1;
option dhcp-rebinding-time $LAB_T2;
# Send the lab options even if the client did not ask for them: append
# their codes (hex) to the client's parameter request list.
if exists dhcp-parameter-request-list {
    option dhcp-parameter-request-list = concat(option dhcp-parameter-request-list, 01, 03, 06, 0f, 2a, 77, 79, 3a, 3b);
}
EOF
    [ -z "$LAB_IGNORE_MAC" ] || [ "$role" != s1 ] ||
        printf 'host ignored {\n    hardware ethernet %s;\n    ignore booting;\n}\n' "$LAB_IGNORE_MAC"
    if [ "$own_net" = "$pool_net" ]; then
        printf 'subnet %s netmask %s {\n    range %s %s;\n}\n' "$pool_net" "$LAB_NETMASK" "$lo" "$hi"
    else
        # Relay server: declare its own link (no pool) plus the relayed one.
        printf 'subnet %s netmask %s {\n}\n' "$own_net" "$LAB_NETMASK"
        printf 'subnet %s netmask %s {\n    range %s %s;\n}\n' "$pool_net" "$LAB_NETMASK" "$lo" "$hi"
    fi
    } > "$conf"
    # -d: foreground + log to stderr (captured in the log file).
    CMD=(/usr/sbin/dhcpd -d -4 -cf "$conf" -lf "$LEASES" -pf "$PIDFILE" srv0)
}

gen_udhcpd() {
    local role=$1 ip=$2 subnet=$3 lo=$4 hi=$5
    local conf=$STATE/$role-udhcpd.conf
    PIDFILE=$STATE/$role.pid
    LEASES=$STATE/$role.leases
    NO_OPTS=""
    cat > "$conf" <<EOF
interface srv0
start $lo
end $hi
max_leases 50
lease_file $LEASES
pidfile $PIDFILE
# write the (binary) lease file every second; lab.sh leases also sends USR1
auto_time 1
# udhcpd stores a lease already at OFFER, valid offer_time seconds; keep it
# short so "lab.sh leases" can tell offers (<= 5 s left) from real leases.
offer_time $UDHCPD_OFFER_TIME
opt lease $LAB_LEASE_TIME
opt subnet $LAB_NETMASK
opt router $LAB_ROUTER
$([ -z "$LAB_DNS" ] || echo "opt dns $LAB_DNS")
opt domain $LAB_DOMAIN
opt ntpsrv $LAB_NTP
opt search $LAB_SEARCH
opt staticroutes 0.0.0.0/0 $LAB_ROUTE121_GW $LAB_ROUTE121_DEST $LAB_ROUTE121_GW
# T1 (58) / T2 (59) have no name in busybox: numeric code + hex value
opt 0x3a $(printf '%08x' "$LAB_T1")
opt 0x3b $(printf '%08x' "$LAB_T2")
EOF
    CMD=(/usr/bin/busybox udhcpd -f)
    # -a 0: no ARP ping before offering (default waits 2000 ms).
    [ "$SLOW" = 1 ] || CMD+=(-a 0)
    CMD+=("$conf")
}

# ---------------------------------------------------------------- servers
# Start server TYPE for ROLE in namespace NS; records PID in $STATE/pids and
# the server's details in the env file under prefix (S1_, S2_, RS_).
start_server() {   # ROLE PREFIX NS TYPE IP SUBNET POOL_START POOL_END
    local role=$1 prefix=$2 ns=$3 type=$4 ip=$5 subnet=$6 lo=$7 hi=$8
    local logf=$STATE/$role.log
    CMD=() PIDFILE="" LEASES="" NO_OPTS=""
    "gen_$type" "$role" "$ip" "$subnet" "$lo" "$hi"
    rm -f "$PIDFILE"
    # Started directly (ip netns exec execs the server), so $! is the
    # server's own PID; stdin closed, output to the role's log.
    ip netns exec "$ns" "${CMD[@]}" </dev/null >"$logf" 2>&1 &
    local pid=$!
    local exe
    exe=$(server_exe "$type")
    echo "$role $pid $exe" >> "$STATE/pids"
    wait_listening "$role" "$ns" "$pid" "$logf" "$exe"
    envvar "${prefix}TYPE" "$type"
    envvar "${prefix}PID" "$pid"
    envvar "${prefix}LOG" "$logf"
    envvar "${prefix}LEASES" "$LEASES"
    envvar "${prefix}POOL_START" "$lo"
    envvar "${prefix}POOL_END" "$hi"
    envvar "${prefix}NO_OPTS" "$NO_OPTS"
}

# Binary that a server of TYPE runs as (what /proc/PID/exe must show).
server_exe() {
    case $1 in
        dnsmasq) echo /usr/sbin/dnsmasq ;;
        kea) echo /usr/sbin/kea-dhcp4 ;;
        dhcpd) echo /usr/sbin/dhcpd ;;
        udhcpd) echo /usr/bin/busybox ;;
    esac
}

# Bounded wait until PID is alive, runs EXE and owns a UDP socket on :67.
wait_listening() {  # ROLE NS PID LOG EXE
    local role=$1 ns=$2 pid=$3 logf=$4 exe=$5 i
    for ((i = 0; i < WAIT_LISTEN_TENTHS; i++)); do
        if ! kill -0 "$pid" 2>/dev/null; then
            log "$role server (pid $pid) exited during startup; its log:"
            sed 's/^/    /' "$logf" >&2
            return 1
        fi
        if [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$exe" ] &&
           nsx "$ns" ss -H -u -l -n -p 'sport = :67' 2>/dev/null | grep -q "pid=$pid,"; then
            return 0
        fi
        sleep 0.1
    done
    log "$role server (pid $pid) not listening on udp/67 after $((WAIT_LISTEN_TENTHS / 10)) s; its log:"
    sed 's/^/    /' "$logf" >&2
    return 1
}

# ---------------------------------------------------------------- up
cmd_up() {
    [ $# -ge 1 ] || die "usage: lab.sh up NAME [options]"
    LAB_NAME=$1; shift
    check_name "$LAB_NAME"
    local servers="dnsmasq" relay=0 lossy="" client_addr=0 vlan="" extra=""
    SLOW=0 AUTH=0
    while [ $# -gt 0 ]; do
        case $1 in
            --servers) [ $# -ge 2 ] || die "--servers needs a value"; servers=${2//,/ }; shift 2 ;;
            --relay) relay=1; shift ;;
            --lossy) [ $# -ge 2 ] || die "--lossy needs a value"; lossy=$2; shift 2 ;;
            --slow) SLOW=1; shift ;;
            --authoritative) AUTH=1; shift ;;
            --client-addr) client_addr=1; shift ;;
            --vlan) [ $# -ge 2 ] || die "--vlan needs a value"; vlan=$2; shift 2 ;;
            --extra-host) [ $# -ge 2 ] || die "--extra-host needs an address"; extra=$2; shift 2 ;;
            *) die "unknown option '$1'" ;;
        esac
    done
    local -a types
    read -r -a types <<< "$servers"
    [ ${#types[@]} -ge 1 ] && [ ${#types[@]} -le 2 ] || die "--servers takes one or two types"
    local t
    for t in "${types[@]}"; do
        case " $SERVER_TYPES_KNOWN " in *" $t "*) ;; *) die "unknown server type '$t' (known: $SERVER_TYPES_KNOWN)" ;; esac
    done
    if [ -n "$vlan" ]; then
        [[ "$vlan" =~ ^[0-9]+$ ]] && [ "$vlan" -ge 1 ] && [ "$vlan" -le 4094 ] ||
            die "--vlan takes a VLAN id 1-4094"
    fi
    if [ -n "$extra" ]; then
        # only the lab's own range, and never an address the lab already uses
        [[ "$extra" =~ ^198\.1[89]\.([0-9]{1,3})\.([0-9]{1,3})$ ]] &&
            [ "${BASH_REMATCH[1]}" -le 255 ] && [ "${BASH_REMATCH[2]}" -ge 1 ] &&
            [ "${BASH_REMATCH[2]}" -le 254 ] || die "--extra-host takes an address in 198.18.0.0/15"
        case $extra in 198.18.0.1|198.18.0.2|"$CLIENT_ADDR_DEFAULT") die "--extra-host $extra is taken by the lab" ;; esac
    fi
    if [ -n "$lossy" ]; then
        [[ "$lossy" =~ ^[0-9]+$ ]] && [ "$lossy" -le 100 ] || die "--lossy takes an integer 0-100"
    fi
    [ "$(id -u)" = 0 ] || die "must run as root"
    local bin
    for bin in nft tcpdump ss; do
        command -v "$bin" >/dev/null || die "$bin missing; run sudo tests/deps.sh"
    done
    for t in "${types[@]}"; do
        bin=$(server_exe "$t")
        [ -x "$bin" ] || die "$bin ($t) missing; run sudo tests/deps.sh"
    done

    STATE=$(state_dir_of "$LAB_NAME")
    [ ! -e "$STATE" ] || die "lab $LAB_NAME already up ($STATE exists); run: lab.sh down $LAB_NAME"
    mkdir -p "$STATE"
    : > "$STATE/namespaces"; : > "$STATE/pids"; : > "$STATE/env.partial"
    # Any failure from here on tears down whatever was built.
    # shellcheck disable=SC2154  # rc is set inside the trap string
    trap 'rc=$?; if [ $rc -ne 0 ]; then log "up $LAB_NAME failed; tearing down"; cmd_down "$LAB_NAME" || true; fi' EXIT

    BR_NS=dd-$LAB_NAME-br
    local cl_ns=dd-$LAB_NAME-cl
    # The env file is built as env.partial and renamed at the end, so its
    # presence means the lab is complete.

    envvar LAB_NAME "$LAB_NAME"
    envvar LAB_STATE_DIR "$STATE"
    envvar LAB_SH "$LAB_SH_PATH"
    local v
    for v in LAB_LEASE_TIME LAB_NETMASK LAB_ROUTER LAB_DNS LAB_DOMAIN LAB_NTP \
             LAB_SEARCH LAB_ROUTE121_DEST LAB_ROUTE121_GW LAB_T1 LAB_T2; do
        envvar "$v" "${!v}"
    done
    envvar SLOW "$SLOW"
    envvar AUTHORITATIVE "$AUTH"
    envvar LOSSY_PCT "${lossy:-0}"
    envvar RELAY "$relay"
    envvar VLAN "$vlan"

    # --- bridge + client
    make_ns "$BR_NS"
    ip -n "$BR_NS" link add br0 type bridge stp_state 0 forward_delay 0
    ip -n "$BR_NS" link set br0 up
    make_ns "$cl_ns"
    bridge_port p-cl "$cl_ns" dd0
    if [ "$client_addr" = 1 ]; then
        ip -n "$cl_ns" addr add "$CLIENT_ADDR_DEFAULT/24" dev dd0
    fi
    envvar BR_NS "$BR_NS"
    envvar BR_IF br0
    envvar BR_CLIENT_PORT p-cl
    envvar CLIENT_NS "$cl_ns"
    envvar CLIENT_IF dd0
    envvar CLIENT_MAC "$(nsx "$cl_ns" cat /sys/class/net/dd0/address)"
    envvar CLIENT_ADDR "$([ "$client_addr" = 1 ] && echo "$CLIENT_ADDR_DEFAULT" || true)"

    # --- VLAN: the servers' segment br1 is an access port of VLAN $vlan on br0
    local srv_br=br0
    if [ -n "$vlan" ]; then
        srv_br=br1
        ip -n "$BR_NS" link add br1 type bridge stp_state 0 forward_delay 0
        ip -n "$BR_NS" link set br1 up
        make_veth "$BR_NS" p-vt "$BR_NS" vt
        make_veth "$BR_NS" p-va "$BR_NS" va
        ip -n "$BR_NS" link set p-vt master br0 up
        ip -n "$BR_NS" link set p-va master br1 up
        ip -n "$BR_NS" link set vt up
        ip -n "$BR_NS" link set va up
        # the interpreter's real binary: down checks /proc/PID/exe against it
        local py
        py=$(readlink -f "$(python3 -c 'import sys; print(sys.executable)')")
        ip netns exec "$BR_NS" "$py" "$(dirname "$LAB_SH_PATH")/vlan-relay.py" vt va "$vlan" \
            </dev/null >"$STATE/vlan-relay.log" 2>&1 &
        echo "vlan-relay $! $py" >> "$STATE/pids"
        envvar VLAN_RELAY_PID "$!"
        local w
        for ((w = 0; w < WAIT_LISTEN_TENTHS; w++)); do
            grep -qs "^vlan-relay:" "$STATE/vlan-relay.log" && break
            sleep 0.1
        done
        grep -qs "^vlan-relay:" "$STATE/vlan-relay.log" || die "vlan-relay did not start: $(tail -3 "$STATE/vlan-relay.log")"
    fi

    # --- server namespaces (links first, servers started after)
    local i n=${#types[@]} all_ns="$BR_NS $cl_ns"
    for ((i = 1; i <= n; i++)); do
        local ns=dd-$LAB_NAME-s$i
        make_ns "$ns"
        bridge_port "p-s$i" "$ns" srv0 "02:dd:00:00:00:0$i" "$srv_br"
        ip -n "$ns" addr add "198.18.0.$i/24" dev srv0
        all_ns="$all_ns $ns"
        envvar "S${i}_NS" "$ns"
        envvar "S${i}_IF" srv0
        envvar "S${i}_IP" "198.18.0.$i"
        envvar "S${i}_MAC" "02:dd:00:00:00:0$i"
        envvar "BR_S${i}_PORT" "p-s$i"
    done
    envvar SERVER_COUNT "$n"

    # --- an extra plain host on the client's segment
    if [ -n "$extra" ]; then
        local xns=dd-$LAB_NAME-x1
        make_ns "$xns"
        bridge_port p-x1 "$xns" host0 "$EXTRA_HOST_MAC"
        ip -n "$xns" addr add "$extra/24" dev host0
        all_ns="$all_ns $xns"
        envvar X1_NS "$xns"
        envvar X1_IF host0
        envvar X1_IP "$extra"
        envvar X1_MAC "$EXTRA_HOST_MAC"
        envvar BR_X1_PORT p-x1
    fi
    envvar EXTRA_HOST "$extra"

    # --- relay topology: client dd1 -- rt -- rs
    if [ "$relay" = 1 ]; then
        local rt=dd-$LAB_NAME-rt rs=dd-$LAB_NAME-rs
        make_ns "$rt"
        make_ns "$rs"
        nsx "$rt" sysctl -q -w net.ipv4.ip_forward=1 >/dev/null
        make_veth "$rt" rt-cl "$cl_ns" dd1
        make_veth "$rt" rt-rs "$rs" srv0
        ip -n "$rs" link set srv0 address 02:dd:00:00:02:01
        ip -n "$rt" addr add 198.18.1.254/24 dev rt-cl
        ip -n "$rt" addr add 198.18.2.254/24 dev rt-rs
        ip -n "$rt" link set rt-cl up
        ip -n "$rt" link set rt-rs up
        ip -n "$cl_ns" addr add 198.18.1.1/24 dev dd1
        ip -n "$cl_ns" link set dd1 up
        ip -n "$cl_ns" route add 198.18.2.0/24 via 198.18.1.254
        ip -n "$rs" addr add 198.18.2.1/24 dev srv0
        ip -n "$rs" link set srv0 up
        ip -n "$rs" route add default via 198.18.2.254
        all_ns="$all_ns $rt $rs"
        envvar RT_NS "$rt"
        envvar RS_NS "$rs"
        envvar RS_IF srv0
        envvar RS_IP 198.18.2.1
        envvar RS_MAC 02:dd:00:00:02:01
        envvar RELAY_CLIENT_IF dd1
        envvar RELAY_CLIENT_IP 198.18.1.1
        envvar RELAY_CLIENT_MAC "$(nsx "$cl_ns" cat /sys/class/net/dd1/address)"
        envvar RELAY_GW 198.18.1.254
        envvar RELAY_SUBNET 198.18.1.0/24
    fi
    envvar NAMESPACES "$all_ns"

    # --- packet loss on the client's bridge port
    if [ -n "$lossy" ] && [ "$lossy" -gt 0 ]; then
        # numgen is evaluated per rule, so the two directions drop
        # independently; counters let tests see that drops happened.
        nsx "$BR_NS" nft -f - <<EOF
table bridge ddlab {
    chain forward {
        type filter hook forward priority 0; policy accept;
        iifname "p-cl" numgen random mod 100 < $lossy counter drop
        oifname "p-cl" numgen random mod 100 < $lossy counter drop
    }
}
EOF
        envvar LOSSY_NFT_TABLE "bridge ddlab"
    fi

    # --- servers
    for ((i = 1; i <= n; i++)); do
        local lo=198.18.0.$((100 + (i - 1) * 50)) hi=198.18.0.$((149 + (i - 1) * 50))
        if [ "$i" = 1 ] && [ -n "$LAB_POOL" ]; then
            lo=${LAB_POOL% *} hi=${LAB_POOL#* }
        fi
        start_server "s$i" "S${i}_" "dd-$LAB_NAME-s$i" "${types[i-1]}" \
            "198.18.0.$i" 198.18.0.0/24 "$lo" "$hi"
    done
    if [ "$relay" = 1 ]; then
        # the relayed subnet's own router, as a real relay server would hand out
        LAB_ROUTER=198.18.1.254 LAB_ROUTE121_GW=198.18.1.254 \
            start_server rs RS_ "dd-$LAB_NAME-rs" "${types[0]}" 198.18.2.1 \
            198.18.1.0/24 198.18.1.100 198.18.1.149
    fi

    mv "$STATE/env.partial" "$STATE/env"
    trap - EXIT
    log "lab $LAB_NAME up: servers '${types[*]}'$([ "$relay" = 1 ] && echo ", relay")$([ -n "$lossy" ] && echo ", lossy $lossy%")$([ "$SLOW" = 1 ] && echo ", slow")$([ "$AUTH" = 1 ] && echo ", authoritative")$([ -n "$vlan" ] && echo ", vlan $vlan")$([ -n "$extra" ] && echo ", extra host $extra"); env: $STATE/env"
}

# ---------------------------------------------------------------- down
# Stop one recorded process: only if the PID still runs the recorded binary
# (guards against PID reuse). TERM, bounded wait, then KILL.
stop_pid() {  # PID EXE ROLE
    local pid=$1 exe=$2 role=$3 i
    [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = "$exe" ] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for ((i = 0; i < KILL_WAIT_TENTHS; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    log "$role (pid $pid) ignored TERM; sending KILL"
    kill -KILL "$pid" 2>/dev/null || true
}

cmd_down() {
    [ $# -eq 1 ] || die "usage: lab.sh down NAME"
    local name=$1
    check_name "$name"
    local st
    st=$(state_dir_of "$name")
    if [ -f "$st/pids" ]; then
        local role pid exe
        while read -r role pid exe; do
            [ -n "$pid" ] && stop_pid "$pid" "$exe" "$role"
        done < "$st/pids"
        # Reap children if we are the shell that started them (failed up).
        wait 2>/dev/null || true
    fi
    # Namespaces: the recorded ones plus every role name of this lab (covers
    # a state dir that was lost); names are unique to this lab.
    local ns role
    local -a nss=()
    [ -f "$st/namespaces" ] && mapfile -t nss < "$st/namespaces"
    for role in br cl s1 s2 rt rs x1; do nss+=("dd-$name-$role"); done
    for ns in "${nss[@]}"; do
        [ -n "$ns" ] && ns_exists "$ns" || continue
        local left
        left=$(ip netns pids "$ns" 2>/dev/null | tr '\n' ' ')
        [ -z "$left" ] || log "warning: processes still in $ns (not ours to kill): $left"
        ip netns del "$ns" 2>/dev/null || log "warning: could not delete $ns"
    done
    rm -rf "$st"
}

# ---------------------------------------------------------------- exec
role_ns() {   # NAME ROLE -> namespace
    case $2 in
        client|cl) echo "dd-$1-cl" ;;
        br|s1|s2|rt|rs|x1) echo "dd-$1-$2" ;;
        *) die "unknown ROLE '$2' (client|br|s1|s2|rt|rs|x1)" ;;
    esac
}

cmd_exec() {
    [ $# -ge 3 ] || die "usage: lab.sh exec NAME ROLE CMD..."
    local name=$1 role=$2 ns
    shift 2
    check_name "$name"
    ns=$(role_ns "$name" "$role")
    ns_exists "$ns" || die "namespace $ns does not exist"
    exec ip netns exec "$ns" "$@"
}

# ---------------------------------------------------------------- leases
# Normalise "a:b:c..." MACs to lowercase two-digit groups.
AWK_NORM_MAC='function normmac(m,   n, p, i, out) {
    n = split(tolower(m), p, ":"); out = "";
    for (i = 1; i <= n; i++) out = out (i > 1 ? ":" : "") (length(p[i]) == 1 ? "0" p[i] : p[i]);
    return out }'

leases_dnsmasq() {  # FILE: "expiry mac ip host clientid"; dnsmasq deletes released leases
    [ -s "$1" ] || return 0
    awk -v now="$(date +%s)" "$AWK_NORM_MAC"'
        NF >= 3 && ($1 == 0 || $1 > now) { print normmac($2), $3 }' "$1"
}

leases_kea() {  # memfile CSV, append-only: last row per address wins
    [ -s "$1" ] || return 0
    # Columns: address,hwaddr,client_id,valid_lifetime,expire,subnet_id,
    # fqdn_fwd,fqdn_rev,hostname,state,... A release/delete appends a row
    # with valid_lifetime 0; expired-reclaimed leases get state 2.
    awk -F, -v now="$(date +%s)" "$AWK_NORM_MAC"'
        NR == 1 && $1 == "address" { next }
        { last[$1] = $0; if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } }
        END {
            for (i = 1; i <= n; i++) {
                split(last[order[i]], f, ",")
                if (f[4] + 0 > 0 && f[5] + 0 > now && f[10] + 0 == 0 && f[2] != "")
                    print normmac(f[2]), f[1]
            }
        }' "$1"
}

leases_dhcpd() {  # dhcpd.leases: append-only blocks, last block per IP wins
    [ -s "$1" ] || return 0
    awk "$AWK_NORM_MAC"'
        /^lease [0-9.]+ \{/ { ip = $2; state = ""; mac = ""; inb = 1; next }
        inb && /^[ \t]*binding state/ { s = $3; sub(/;$/, "", s); state = s }
        inb && /^[ \t]*hardware ethernet/ { m = $3; sub(/;$/, "", m); mac = m }
        inb && /^\}/ { inb = 0; st[ip] = state; hw[ip] = mac
                       if (!(ip in seen)) { seen[ip] = 1; order[++n] = ip } }
        END { for (i = 1; i <= n; i++) { ip = order[i]
                  if (st[ip] == "active" && hw[ip] != "") print normmac(hw[ip]), ip } }' "$1"
}

leases_udhcpd() {  # FILE PID: binary file, written on USR1 / every auto_time
    local file=$1 pid=$2 before i
    if [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" = /usr/bin/busybox ]; then
        before=$(stat -c %y "$file" 2>/dev/null || echo none)
        kill -USR1 "$pid" 2>/dev/null || true
        for ((i = 0; i < 20; i++)); do   # <= 2 s for the rewrite
            [ "$(stat -c %y "$file" 2>/dev/null || echo none)" != "$before" ] && break
            sleep 0.1
        done
    fi
    [ -s "$file" ] || return 0
    # dumpleases -d prints remaining seconds ("expired" once released).
    # Rows with <= offer_time left are mere offers (or a lease in its last
    # seconds, which a short-lived lab never sees): skip them.
    busybox dumpleases -d -f "$file" | awk -v min="$UDHCPD_OFFER_TIME" "$AWK_NORM_MAC"'
        NR == 1 { next }
        $1 ~ /^[0-9a-fA-F:]+$/ && $NF ~ /^[0-9]+$/ && $NF + 0 > min { print normmac($1), $2 }'
}

cmd_leases() {
    [ $# -eq 2 ] || die "usage: lab.sh leases NAME s1|s2|rs"
    local name=$1 role=$2 st
    check_name "$name"
    st=$(state_dir_of "$name")
    [ -f "$st/env" ] || die "lab $name is not up"
    local prefix
    case $role in s1) prefix=S1_ ;; s2) prefix=S2_ ;; rs) prefix=RS_ ;; *) die "ROLE must be s1, s2 or rs" ;; esac
    # Read the lab's env in a subshell-safe way.
    local type file pid
    type=$(. "$st/env"; eval "echo \${${prefix}TYPE:-}")
    file=$(. "$st/env"; eval "echo \${${prefix}LEASES:-}")
    pid=$(. "$st/env"; eval "echo \${${prefix}PID:-}")
    [ -n "$type" ] || die "lab $name has no server $role"
    case $type in
        dnsmasq) leases_dnsmasq "$file" ;;
        kea) leases_kea "$file" ;;
        dhcpd) leases_dhcpd "$file" ;;
        udhcpd) leases_udhcpd "$file" "$pid" ;;
    esac
}

# ---------------------------------------------------------------- main
lab_main() {
    [ $# -ge 1 ] || die "usage: lab.sh up|down|exec|leases|env NAME ... (see header of $LAB_SH_PATH)"
    local sub=$1; shift
    case $sub in
        up) cmd_up "$@" ;;
        down) cmd_down "$@" ;;
        exec) cmd_exec "$@" ;;
        leases) cmd_leases "$@" ;;
        env) [ $# -eq 1 ] || die "usage: lab.sh env NAME"; check_name "$1"; echo "$(state_dir_of "$1")/env" ;;
        -h|--help|help) sed -n '2,/^$/p' "$LAB_SH_PATH" | sed 's/^# \{0,1\}//' ;;
        *) die "unknown subcommand '$sub'" ;;
    esac
}

# When sourced: `lab SUBCOMMAND ...` runs in a subshell so set -eu, traps
# and exits stay contained.
lab() ( set -eu; lab_main "$@" )

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -eu
    lab_main "$@"
fi
