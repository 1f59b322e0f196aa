# tests/schema/lib.sh - sourced by test helpers: keep a copy of every JSON output for the
# schema check at the end of tests/run.sh (tests/schema/run.sh).
#
#   schema_log FILE [json]   when DHCPDIAG_SCHEMA_LOG names a directory, copy FILE into it
#                            if it is JSON output: "json" says so (a --json run, whose every
#                            line must then be JSON), else its first line starting with { or [
schema_log() {
	local f=$1 first
	[ -n "${DHCPDIAG_SCHEMA_LOG:-}" ] && [ -d "$DHCPDIAG_SCHEMA_LOG" ] && [ -s "$f" ] || return 0
	if [ "${2:-}" != json ]; then
		first=$(grep -m1 -v '^[[:space:]]*$' "$f" | head -c 1)
		[ "$first" = "{" ] || [ "$first" = "[" ] || return 0
	fi
	cp "$f" "$(mktemp "$DHCPDIAG_SCHEMA_LOG/$(basename "${0%.sh}")-$(basename "$f").XXXXXX.ndjson")"
}
