# lib.sh - helpers for lab test scripts. Source it from bash:
#
#   . "$(dirname "$0")/lib.sh"
#   lab_up mytest --servers "dnsmasq kea"   # sources the lab's env too
#   lab_client ip -br addr                  # run in the client namespace
#   check "client has dd0" lab_client ip link show dd0
#   lab_summary                             # prints "N passed, N failed"
#
# lab_up installs an EXIT trap (INT/TERM exit through it) that tears down
# every lab brought up with lab_up and runs commands added with lab_on_exit.
# Do not replace that trap; use lab_on_exit instead.
#
# Reporting convention: every check prints exactly one line,
#   ok - NAME             or          FAIL - NAME: reason
# and lab_summary prints the totals as the last line, "N passed, N failed",
# returning non-zero if anything failed.

LAB_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB_SH=$LAB_LIB_DIR/lab.sh
# shellcheck disable=SC2034  # used by the scripts that source this file
LAB_UDHCPC_SCRIPT=$LAB_LIB_DIR/udhcpc-script.sh
LAB_PASSED=0
LAB_FAILED=0
_LAB_NAMES=()
_LAB_EXIT_CMDS=()
_LAB_TRAP_SET=0

# ---------------------------------------------------------------- reporting
ok() { LAB_PASSED=$((LAB_PASSED + 1)); echo "ok - $1"; }
fail() { LAB_FAILED=$((LAB_FAILED + 1)); echo "FAIL - $1: ${2:-failed}"; }

# check NAME CMD...: ok if CMD succeeds, FAIL (with CMD's last output line)
# otherwise.
check() {
    local name=$1 out rc=0
    shift
    out=$("$@" 2>&1) || rc=$?
    if [ "$rc" = 0 ]; then ok "$name"; else fail "$name" "exit $rc${out:+: $(printf '%s' "$out" | tail -n 1)}"; fi
    return 0
}

# check_eq NAME EXPECTED ACTUAL
check_eq() {
    if [ "$2" = "$3" ]; then ok "$1"; else fail "$1" "expected '$2', got '$3'"; fi
}

lab_summary() {
    echo "$LAB_PASSED passed, $LAB_FAILED failed"
    [ "$LAB_FAILED" = 0 ]
}

# ---------------------------------------------------------------- waiting
# wait_for CMD TIMEOUT: evaluate the string CMD every 0.1 s until it
# succeeds (return 0) or TIMEOUT seconds (integer) pass (return 1).
wait_for() {
    local cmd=$1 timeout=${2:-10} i
    for ((i = 0; i < timeout * 10; i++)); do
        eval "$cmd" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    eval "$cmd" >/dev/null 2>&1
}

# lab_stop_child PID [SIGNAL]: stop a background process this shell started
# (only if PID is still our child, so a recycled PID is never hit): SIGNAL
# (default TERM), wait <= 5 s, then KILL.
lab_stop_child() {
    local pid=$1 sig=${2:-TERM} ppid
    ppid=$(ps -o ppid= -p "$pid" 2>/dev/null | tr -d ' ') || return 0
    [ "$ppid" = "$$" ] || [ "$ppid" = "${BASHPID:-$$}" ] || return 0
    kill -"$sig" "$pid" 2>/dev/null || return 0
    wait_for "! kill -0 $pid" 5 || kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

# ---------------------------------------------------------------- labs
_lab_cleanup() {
    local rc=$? i
    trap - EXIT
    for ((i = ${#_LAB_EXIT_CMDS[@]} - 1; i >= 0; i--)); do
        eval "${_LAB_EXIT_CMDS[i]}" || true
    done
    for i in "${_LAB_NAMES[@]}"; do
        "$LAB_SH" down "$i" || true
    done
    exit "$rc"
}

_lab_trap() {
    [ "$_LAB_TRAP_SET" = 1 ] && return 0
    trap _lab_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    _LAB_TRAP_SET=1
}

# lab_on_exit CMD: run the string CMD at exit, before the labs go down
# (last added runs first).
lab_on_exit() { _lab_trap; _LAB_EXIT_CMDS+=("$1"); }

# lab_up NAME [lab.sh up options]: bring a lab up (tearing down a stale one
# of the same name first), register it for teardown, and source its env
# file so CLIENT_NS, S1_IP, ... are set.
lab_up() {
    local name=$1
    _lab_trap
    "$LAB_SH" down "$name" >/dev/null 2>&1 || true
    _LAB_NAMES+=("$name")
    "$LAB_SH" up "$@" || return 1
    lab_env "$name"
}

# lab_env NAME: source that lab's env file (variables of the latest call win).
lab_env() {
    local f=/tmp/dd-lab.$1/env
    [ -f "$f" ] || { echo "lab_env: no lab $1" >&2; return 1; }
    # shellcheck disable=SC1090
    . "$f"
}

# lab_down NAME: tear the lab down now (also forgets it for the exit trap).
lab_down() {
    local name=$1 i keep=()
    "$LAB_SH" down "$name"
    for i in "${_LAB_NAMES[@]}"; do [ "$i" = "$name" ] || keep+=("$i"); done
    _LAB_NAMES=("${keep[@]}")
}

# Run a command in a namespace of the most recently sourced lab.
lab_client() { ip netns exec "$CLIENT_NS" "$@"; }
lab_br() { ip netns exec "$BR_NS" "$@"; }
lab_leases() { "$LAB_SH" leases "$LAB_NAME" "$1"; }

# ---------------------------------------------------------------- capture
# lab_capture_start PCAP [FILTER...]: tcpdump on the client's bridge port,
# inside the bridge namespace (never the root namespace), writing PCAP.
# Default filter: DHCP ports. Waits (<= 5 s) until tcpdump is listening.
# Sets LAB_CAPTURE_PID; stopped at exit if lab_capture_stop was not called.
lab_capture_start() { lab_capture_on "$BR_NS" "$BR_CLIENT_PORT" "$@"; }

# lab_capture_on NS IFACE PCAP [FILTER...]: same, on any lab interface
# (e.g. "$CLIENT_NS" dd1 for relay replies, "$RT_NS" rt-rs).
lab_capture_on() {
    local ns=$1 ifc=$2 pcap=$3
    shift 3
    case $ns in dd-*) ;; *) echo "lab_capture_on: $ns is not a lab namespace" >&2; return 1 ;; esac
    [ $# -gt 0 ] || set -- udp port 67 or udp port 68
    ip netns exec "$ns" tcpdump -i "$ifc" -n -U --immediate-mode -w "$pcap" "$@" \
        > "$pcap.log" 2>&1 &
    LAB_CAPTURE_PID=$!
    lab_on_exit "lab_stop_child $LAB_CAPTURE_PID"
    wait_for "grep -q 'listening on' '$pcap.log'" 5
}

# lab_capture_stop: stop the last capture (INT lets tcpdump flush), bounded.
lab_capture_stop() {
    local pid=${LAB_CAPTURE_PID:-}
    [ -n "$pid" ] || return 0
    lab_stop_child "$pid" INT
    LAB_CAPTURE_PID=
}

# lab_isolate ROLE...: drop all bridge traffic to/from these servers' ports
# (e.g. lab_isolate s1 to make s2 the only server the client hears);
# lab_unisolate removes it. Uses its own nft table in the bridge namespace.
lab_isolate() {
    local r rules=""
    for r in "$@"; do
        rules="$rules iifname \"p-$r\" drop; oifname \"p-$r\" drop;"
    done
    ip netns exec "$BR_NS" nft -f - <<NFT
table bridge ddisolate {
    chain forward { type filter hook forward priority -10; policy accept; $rules }
}
NFT
}
lab_unisolate() { ip netns exec "$BR_NS" nft delete table bridge ddisolate 2>/dev/null || true; }

# ---------------------------------------------------------------- packets
# lab_make_discover FILE MAC [GIADDR]: write a minimal BOOTP/DHCPDISCOVER
# (300 bytes, no IP/UDP headers) for chaddr MAC; with GIADDR it looks
# relayed (hops 1). Send it with e.g. bash's /dev/udp from the client ns:
#   lab_client bash -c "cat FILE > /dev/udp/198.18.2.1/67"
lab_make_discover() {
    local file=$1 mac=$2 giaddr=${3:-0.0.0.0} hops=0 x
    [ "$giaddr" = 0.0.0.0 ] || hops=1
    oct() { printf '\\x%02x' "$@"; }
    {
        printf "$(oct 1 1 6 $hops)"                       # op htype hlen hops
        printf '\x44\x44\x00\x01'                          # xid
        printf '\x00\x00\x00\x00'                          # secs flags
        printf '\x00%.0s' $(seq 12)                        # ciaddr yiaddr siaddr
        printf "$(oct ${giaddr//./ })"                     # giaddr
        for x in ${mac//:/ }; do printf "$(oct $((16#$x)))"; done
        printf '\x00%.0s' $(seq $((10 + 64 + 128)))        # chaddr pad, sname, file
        printf '\x63\x82\x53\x63'                          # magic cookie
        printf '\x35\x01\x01'                              # 53: DISCOVER
        printf '\x37\x08\x01\x03\x06\x0f\x2a\x33\x77\x79'  # 55: 1 3 6 15 42 51 119 121
        printf '\xff'
        printf '\x00%.0s' $(seq 46)                        # pad to 300 bytes
    } > "$file"
}
