# SPDX-License-Identifier: BSD-2-Clause
# tests/tty/lib.sh - helpers for the shell tests: TAP-like lines and a private tmux server.
# Sourced by t_*.sh with BIN set. Every wait is bounded; only our own tmux server is killed.

TTY_FAILS=0
ok() { echo "ok - $*"; }
fail() {
	echo "FAIL - $*"
	TTY_FAILS=$((TTY_FAILS + 1))
}
skip() { echo "skip - $*"; }
check() { # description, command...
	local d=$1
	shift
	if "$@"; then ok "$d"; else fail "$d"; fi
}
note() { echo "# $*"; }

TMUX_BASE="dd-tty-$$-${RANDOM}"
TMUX_N=0
TMUX_SOCK=$TMUX_BASE-0
tm() { tmux -L "$TMUX_SOCK" "$@"; }

# tm_start CMD... : a fresh server (its own socket) running CMD in a 100x30 pane
# that stays after the program exits
tm_start() {
	tm_stop
	TMUX_N=$((TMUX_N + 1))
	TMUX_SOCK=$TMUX_BASE-$TMUX_N
	tm -f /dev/null new-session -d -x 100 -y 30 -s t "$@" || return 1
	tm set-option -t t remain-on-exit on >/dev/null
}
tm_stop() { tm kill-server 2>/dev/null || true; }
screen() { tm capture-pane -p -t t 2>/dev/null; }
keys() { tm send-keys -t t "$@"; }
# type text one key at a time with a short pause, as a person would (a tty
# flushes unread input on ^C; readline must have read what came before)
typed() {
	keys -l "$1"
	sleep 0.15
}
pane() { tm display-message -p -t t "#{$1}" 2>/dev/null; }

# wait_for REGEX [SECONDS]: until the screen matches (grep -E), bounded
wait_for() {
	local re=$1 limit=${2:-5} i
	for ((i = 0; i < limit * 20; i++)); do
		screen | grep -Eq -- "$re" && return 0
		sleep 0.05
	done
	note "timed out waiting for /$re/; the screen was:"
	screen | sed 's/^/#   | /'
	return 1
}
# last non-empty line of the screen
last_line() { screen | sed '/^[[:space:]]*$/d' | tail -n 1; }
# wait until the last non-empty line is exactly this
wait_last() {
	local want=$1 limit=${2:-5} i
	for ((i = 0; i < limit * 20; i++)); do
		[ "$(last_line)" = "$want" ] && return 0
		sleep 0.05
	done
	note "timed out waiting for last line '$want'; it is '$(last_line)'"
	return 1
}
# wait until the pane's program has exited
wait_dead() {
	local limit=${1:-5} i
	for ((i = 0; i < limit * 20; i++)); do
		[ "$(pane pane_dead)" = 1 ] && return 0
		sleep 0.05
	done
	return 1
}
# checks DESCRIPTION 'shell condition' : the condition is evaluated, so && and ! work
checks() {
	if eval "$2"; then ok "$1"; else fail "$1"; fi
}
# the exit status of the pane's program once tmux has it (it may mark the pane dead first)
dead_status() {
	local i st=""
	for ((i = 0; i < 40; i++)); do
		st=$(pane pane_dead_status)
		[ -n "$st" ] && break
		st=$(pane pane_dead_signal)
		[ -n "$st" ] && [ "$st" != 0 ] && st="signal $st" && break
		st=""
		sleep 0.05
	done
	echo "$st"
}
