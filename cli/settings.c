/* SPDX-License-Identifier: BSD-2-Clause */
/* settings.c - the probe settings a session holds: `set KEY VALUE`, `--KEY VALUE`, defaults */
#include "cli.h"
#include "opt.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
 * Defaults. dnsmasq pings an address for ~3 s before its first OFFER (and
 * other servers do similar conflict checks), so the first retransmit
 * interval is 4 s: a healthy slow server answers inside it. Three tries with
 * RFC 2131 doubling wait 4 + 8 + 16 = 28 s before saying "no answer".
 */
#define DEF_TIMEOUT_MS 4000
#define DEF_TRIES 3
#define DEF_QUIET_MS 1500
#define MAX_TIMEOUT_MS 64000 /* RFC 2131 4.1: the backoff is capped at 64 s */
#define MAX_TRIES 10

/* parameter request list sent unless the user overrides option 55: the
 * options a diagnosis wants to see (addressing, DNS, routes, time, boot) */
static const uint8_t default_prl[] = {1,  2,  3,  6,  12, 15, 26, 28,  33,  42,  43,
                                      44, 51, 54, 58, 59, 66, 67, 119, 121, 150, 252};

const struct setting settings_table[] = {
    {"interface", "<IFACE>", false, COMPL_IFACE, "interface to probe on (required)"},
    {"mac", "<aa:bb:cc:dd:ee:ff|random>", false, COMPL_NONE,
     "client hardware address (chaddr); random = a fresh one per session"},
    {"client-id", "<TEXT|hex:..>", false, COMPL_NONE, "client identifier (option 61)"},
    {"hostname", "<NAME>", false, COMPL_NONE, "host name (option 12)"},
    {"vendor-class", "<TEXT>", false, COMPL_NONE, "vendor class identifier (option 60)"},
    {"option", "<NAME|CODE=VALUE>", false, COMPL_OPTION,
     "add an option to send (repeatable; the same code replaces)"},
    {"broadcast", "<on|off>", true, COMPL_NONE, "set the BOOTP broadcast flag"},
    {"ciaddr", "<A.B.C.D>", false, COMPL_NONE, "client address field (ciaddr)"},
    {"requested-address", "<A.B.C.D>", false, COMPL_NONE, "requested address (option 50)"},
    {"server-id", "<A.B.C.D>", false, COMPL_NONE, "server identifier (option 54)"},
    {"secs", "<N>", false, COMPL_NONE, "seconds field (0 = time since the first try)"},
    {"timeout", "<4s|500ms|N>", false, COMPL_NONE,
     "first retransmit interval; doubles per try (RFC 2131), at most 64 s"},
    {"tries", "<N>", false, COMPL_NONE, "transmissions per step (1-10)"},
    {"wait", "<quiet|first|servers|all>", false, COMPL_NONE,
     "when a discover ends: quiet period, first answer, N servers, whole window"},
    {"servers", "<N>", false, COMPL_NONE, "end after N distinct servers answered (wait servers)"},
    {"quiet", "<1.5s|N>", false, COMPL_NONE, "quiet period after the last reply (wait quiet)"},
    {"relay", "<SERVER-IP|off>", false, COMPL_NONE,
     "act as a relay agent and unicast to this server (UDP port 67)"},
    {"vlan", "<VID|off>", false, COMPL_NONE, "tag frames with this 802.1Q VLAN id"},
    {"allow-server", "<IP|MAC[,...]>", false, COMPL_NONE,
     "servers expected to answer; any other is flagged rogue"},
    {"keep", "<on|off>", true, COMPL_NONE, "keep an obtained lease instead of releasing it"},
    {"write", "<FILE.pcap>", false, COMPL_FILE, "save every frame of each probe to this file"},
    {"output", "<text|json>", false, COMPL_NONE, "output format"},
};
const int settings_count = (int)(sizeof(settings_table) / sizeof(settings_table[0]));

static const char *const wait_names[WAIT_MAX] = {"quiet", "first", "servers", "all"};
_Static_assert(sizeof(wait_names) / sizeof(wait_names[0]) == WAIT_MAX, "wait_names");

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static bool
parse_bool(const char *v, bool *ret)
{
	static const char *const yes[] = {"", "on", "yes", "true", "1"};
	static const char *const no[] = {"off", "no", "false", "0"};

	if (!v) {
		*ret = true;
		return true;
	}
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (!strcasecmp(v, yes[i]))
			return *ret = true, true;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (!strcasecmp(v, no[i]))
			return *ret = false, true;
	return false;
}

static bool
parse_uint(const char *v, unsigned long max, unsigned long *ret)
{
	char *end;
	unsigned long n;

	if (!v || !isdigit((unsigned char)*v))
		return false;
	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno || *end || n > max)
		return false;
	*ret = n;
	return true;
}

/* "3s", "500ms", "1.5s", "2" (seconds) -> milliseconds */
static bool
parse_duration(const char *v, unsigned *ret_ms)
{
	char *end;
	double d;

	if (!v || !(isdigit((unsigned char)*v) || *v == '.'))
		return false;
	errno = 0;
	d = strtod(v, &end);
	if (errno || d < 0)
		return false;
	if (!strcmp(end, "ms"))
		;
	else if (!*end || !strcmp(end, "s"))
		d *= 1000;
	else if (!strcmp(end, "m") || !strcmp(end, "min"))
		d *= 60000;
	else
		return false;
	if (d > 3600000)
		return false;
	*ret_ms = (unsigned)(d + 0.5);
	return true;
}

/* an address, or "", "none", "off", "0" for unset */
static bool
parse_ip(const char *v, bool allow_unset, uint32_t *ret)
{
	struct in_addr a;

	if (allow_unset &&
	    (!v || !*v || !strcmp(v, "none") || !strcmp(v, "off") || !strcmp(v, "0"))) {
		*ret = 0;
		return true;
	}
	if (!v || inet_pton(AF_INET, v, &a) != 1)
		return false;
	*ret = ntohl(a.s_addr);
	return true;
}

/* aa:bb:cc:dd:ee:ff or aa-bb-cc-dd-ee-ff */
static bool
parse_mac(const char *v, uint8_t mac[6])
{
	unsigned b[6];
	char sep, tail;

	if (strlen(v) != 17)
		return false;
	sep = v[2];
	if (sep != ':' && sep != '-')
		return false;
	for (int i = 0; i < 6; i++) {
		if (!isxdigit((unsigned char)v[i * 3]) || !isxdigit((unsigned char)v[i * 3 + 1]))
			return false;
		if (i < 5 && v[i * 3 + 2] != sep)
			return false;
	}
	if (sscanf(v, sep == ':' ? "%2x:%2x:%2x:%2x:%2x:%2x%c" : "%2x-%2x-%2x-%2x-%2x-%2x%c", &b[0],
	           &b[1], &b[2], &b[3], &b[4], &b[5], &tail) != 6)
		return false;
	for (int i = 0; i < 6; i++)
		mac[i] = (uint8_t)b[i];
	return true;
}

/* set (or replace) option code in cfg */
static int
opt_put(struct probe_cfg *cfg, uint8_t code, const uint8_t *data, size_t len, char *err,
        size_t errlen)
{
	int i;

	if (len > sizeof(cfg->opts[0].data)) {
		snprintf(err, errlen, "value of option %u is too long (%zu bytes, at most %zu)",
		         code, len, sizeof(cfg->opts[0].data));
		return -EINVAL;
	}
	for (i = 0; i < cfg->nopts; i++)
		if (cfg->opts[i].code == code)
			break;
	if (i == cfg->nopts) {
		if (cfg->nopts == PROBE_MAX_OPTS) {
			snprintf(err, errlen, "too many options (at most %d)", PROBE_MAX_OPTS);
			return -EINVAL;
		}
		cfg->nopts++;
	}
	cfg->opts[i].code = code;
	cfg->opts[i].len = (uint16_t)len;
	memcpy(cfg->opts[i].data, data, len);
	return 0;
}

static void
opt_drop(struct probe_cfg *cfg, uint8_t code)
{
	for (int i = 0; i < cfg->nopts; i++) {
		if (cfg->opts[i].code == code) {
			memmove(&cfg->opts[i], &cfg->opts[i + 1],
			        sizeof(cfg->opts[0]) * (size_t)(cfg->nopts - i - 1));
			cfg->nopts--;
			return;
		}
	}
}

/* encode text through the option table and store it */
static int
opt_text(struct probe_cfg *cfg, uint8_t code, const char *text, char *err, size_t errlen)
{
	uint8_t buf[sizeof(cfg->opts[0].data)];
	size_t len = 0;
	char why[160] = "";
	int r = opt_encode(code, text, buf, sizeof(buf), &len, why, sizeof(why));

	if (r < 0) {
		snprintf(err, errlen, "option '%s': %s", opt_get(code)->name,
		         why[0] ? why : "bad value");
		return -EINVAL;
	}
	return opt_put(cfg, code, buf, len, err, errlen);
}

/* "NAME=VALUE" or "CODE=VALUE" */
static int
set_option(struct probe_cfg *cfg, const char *v, char *err, size_t errlen)
{
	const char *eq = v ? strchr(v, '=') : NULL;
	char name[64];
	int code;

	if (!eq || eq == v || (size_t)(eq - v) >= sizeof(name))
		return fail(err, errlen, "option: expected NAME=VALUE or CODE=VALUE, got '%s'",
		            v ? v : "");
	memcpy(name, v, (size_t)(eq - v));
	name[eq - v] = '\0';
	code = opt_by_name(name);
	if (code <= 0 || code == 255)
		return fail(err, errlen, "option: unknown option '%s' (see 'options')", name);
	if (code == 53)
		return fail(err, errlen, "option: '%s' is set by each command itself", name);
	return opt_text(cfg, (uint8_t)code, eq + 1, err, errlen);
}

static int
set_allow(struct probe_cfg *cfg, const char *v, char *err, size_t errlen)
{
	char buf[1024], *save = NULL, *tok;
	int n = 0;

	if (!v || !*v || !strcmp(v, "none") || !strcmp(v, "off")) {
		cfg->nallow = 0;
		return 0;
	}
	if (strlen(v) >= sizeof(buf))
		return fail(err, errlen, "allow-server: list too long");
	strcpy(buf, v);
	for (tok = strtok_r(buf, ", \t", &save); tok; tok = strtok_r(NULL, ", \t", &save)) {
		struct allow_entry e = {0};

		if (n == PROBE_MAX_ALLOW)
			return fail(err, errlen, "allow-server: at most 16 entries");
		if (parse_mac(tok, e.mac))
			e.is_mac = true;
		else if (!parse_ip(tok, false, &e.ip))
			return fail(err, errlen,
			            "allow-server: '%s' is neither an IPv4 address nor a MAC", tok);
		cfg->allow[n++] = e;
	}
	cfg->nallow = n;
	return 0;
}

static bool
valid_ifname(const char *v)
{
	if (!*v || strlen(v) >= IFNAMSIZ || !strcmp(v, ".") || !strcmp(v, ".."))
		return false;
	for (const char *p = v; *p; p++)
		if (*p == '/' || *p == ':' || isspace((unsigned char)*p) ||
		    !isprint((unsigned char)*p))
			return false;
	return true;
}

int
settings_apply(struct probe_cfg *cfg, const char *key, const char *value, char *err, size_t errlen)
{
	const char *v = value ? value : "";
	unsigned long n;
	unsigned ms;
	bool b;

	if (!key)
		return fail(err, errlen, "no setting named");
	if (!strcmp(key, "interface")) {
		if (!valid_ifname(v))
			return fail(err, errlen, "interface: '%s' is not an interface name", v);
		snprintf(cfg->ifname, sizeof(cfg->ifname), "%s", v);
	} else if (!strcmp(key, "mac")) {
		if (!strcmp(v, "random")) {
			cfg->mac_random = true;
		} else if (parse_mac(v, cfg->mac)) {
			if (cfg->mac[0] & 1)
				return fail(err, errlen, "mac: '%s' is a multicast address", v);
			cfg->mac_random = false;
		} else {
			return fail(err, errlen,
			            "mac: expected aa:bb:cc:dd:ee:ff or 'random', got '%s'", v);
		}
	} else if (!strcmp(key, "client-id")) {
		return opt_text(cfg, 61, v, err, errlen);
	} else if (!strcmp(key, "hostname")) {
		return opt_text(cfg, 12, v, err, errlen);
	} else if (!strcmp(key, "vendor-class")) {
		return opt_text(cfg, 60, v, err, errlen);
	} else if (!strcmp(key, "option")) {
		return set_option(cfg, value, err, errlen);
	} else if (!strcmp(key, "broadcast") || !strcmp(key, "keep")) {
		if (!parse_bool(value, &b))
			return fail(err, errlen, "%s: expected on or off, got '%s'", key, v);
		*(key[0] == 'b' ? &cfg->broadcast : &cfg->keep) = b;
	} else if (!strcmp(key, "ciaddr") || !strcmp(key, "requested-address") ||
	           !strcmp(key, "server-id")) {
		uint32_t *dst = key[0] == 'c'   ? &cfg->ciaddr
		                : key[0] == 'r' ? &cfg->requested
		                                : &cfg->server_id;
		if (!parse_ip(v, true, dst))
			return fail(err, errlen, "%s: '%s' is not an IPv4 address", key, v);
	} else if (!strcmp(key, "secs")) {
		if (!parse_uint(v, 65535, &n))
			return fail(err, errlen, "secs: expected 0-65535, got '%s'", v);
		cfg->secs = (uint16_t)n;
	} else if (!strcmp(key, "timeout")) {
		if (!parse_duration(v, &ms) || ms < 100 || ms > MAX_TIMEOUT_MS)
			return fail(
			    err, errlen,
			    "timeout: expected a duration from 100ms to 64s (\"4s\", \"500ms\", "
			    "\"2\"), got '%s'",
			    v);
		cfg->timeout_ms = ms;
	} else if (!strcmp(key, "tries")) {
		if (!parse_uint(v, MAX_TRIES, &n) || n == 0)
			return fail(err, errlen, "tries: expected 1-10, got '%s'", v);
		cfg->tries = (unsigned)n;
	} else if (!strcmp(key, "wait")) {
		for (int i = 0; i < WAIT_MAX; i++) {
			if (!strcmp(v, wait_names[i])) {
				cfg->wait = (enum wait_mode)i;
				return 0;
			}
		}
		return fail(err, errlen, "wait: expected quiet, first, servers or all, got '%s'",
		            v);
	} else if (!strcmp(key, "servers")) {
		if (!parse_uint(v, 64, &n) || n == 0)
			return fail(err, errlen, "servers: expected 1-64, got '%s'", v);
		cfg->servers = (unsigned)n;
		cfg->wait = WAIT_SERVERS; /* naming a count only makes sense with this mode */
	} else if (!strcmp(key, "quiet")) {
		if (!parse_duration(v, &ms) || ms < 50 || ms > MAX_TIMEOUT_MS)
			return fail(err, errlen,
			            "quiet: expected a duration from 50ms to 64s, got '%s'", v);
		cfg->quiet_ms = ms;
	} else if (!strcmp(key, "relay")) {
		if (!parse_ip(v, true, &cfg->relay))
			return fail(err, errlen,
			            "relay: expected a server address or 'off', got '%s'", v);
	} else if (!strcmp(key, "vlan")) {
		if (!*v || !strcmp(v, "off") || !strcmp(v, "none"))
			cfg->vlan = -1;
		else if (parse_uint(v, 4094, &n) && n > 0)
			cfg->vlan = (int)n;
		else
			return fail(err, errlen, "vlan: expected 1-4094 or 'off', got '%s'", v);
	} else if (!strcmp(key, "allow-server")) {
		return set_allow(cfg, v, err, errlen);
	} else if (!strcmp(key, "write")) {
		if (strlen(v) >= sizeof(cfg->write_path))
			return fail(err, errlen, "write: file name too long");
		snprintf(cfg->write_path, sizeof(cfg->write_path), "%s", v);
	} else if (!strcmp(key, "output")) {
		if (!strcmp(v, "json"))
			cfg->json = true;
		else if (!strcmp(v, "text"))
			cfg->json = false;
		else
			return fail(err, errlen, "output: expected text or json, got '%s'", v);
	} else {
		return fail(err, errlen, "no setting named '%s' (see 'show settings')", key);
	}
	return 0;
}

void
settings_defaults(struct probe_cfg *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->mac_random = true;
	cfg->timeout_ms = DEF_TIMEOUT_MS;
	cfg->tries = DEF_TRIES;
	cfg->wait = WAIT_QUIET;
	cfg->servers = 1;
	cfg->quiet_ms = DEF_QUIET_MS;
	cfg->vlan = -1;
	cfg->opts[0].code = 55;
	cfg->opts[0].len = sizeof(default_prl);
	memcpy(cfg->opts[0].data, default_prl, sizeof(default_prl));
	cfg->nopts = 1;
}

int
settings_reset(struct probe_cfg *cfg, const char *key, char *err, size_t errlen)
{
	struct probe_cfg d;

	settings_defaults(&d);
	if (!key)
		return fail(err, errlen, "no setting named");
	if (!strcmp(key, "interface"))
		cfg->ifname[0] = '\0';
	else if (!strcmp(key, "mac")) {
		cfg->mac_random = d.mac_random;
		memset(cfg->mac, 0, sizeof(cfg->mac));
	} else if (!strcmp(key, "client-id"))
		opt_drop(cfg, 61);
	else if (!strcmp(key, "hostname"))
		opt_drop(cfg, 12);
	else if (!strcmp(key, "vendor-class"))
		opt_drop(cfg, 60);
	else if (!strcmp(key, "option")) {
		/* back to the default list, keeping what the dedicated keys set */
		struct probe_cfg keep = d;

		for (int i = 0; i < cfg->nopts; i++) {
			uint8_t c = cfg->opts[i].code;

			if (c == 12 || c == 60 || c == 61)
				opt_put(&keep, c, cfg->opts[i].data, cfg->opts[i].len, err, errlen);
		}
		memcpy(cfg->opts, keep.opts, sizeof(cfg->opts));
		cfg->nopts = keep.nopts;
	} else if (!strcmp(key, "broadcast"))
		cfg->broadcast = d.broadcast;
	else if (!strcmp(key, "ciaddr"))
		cfg->ciaddr = 0;
	else if (!strcmp(key, "requested-address"))
		cfg->requested = 0;
	else if (!strcmp(key, "server-id"))
		cfg->server_id = 0;
	else if (!strcmp(key, "secs"))
		cfg->secs = 0;
	else if (!strcmp(key, "timeout"))
		cfg->timeout_ms = d.timeout_ms;
	else if (!strcmp(key, "tries"))
		cfg->tries = d.tries;
	else if (!strcmp(key, "wait"))
		cfg->wait = d.wait;
	else if (!strcmp(key, "servers")) {
		cfg->servers = d.servers;
		if (cfg->wait == WAIT_SERVERS)
			cfg->wait = d.wait;
	} else if (!strcmp(key, "quiet"))
		cfg->quiet_ms = d.quiet_ms;
	else if (!strcmp(key, "relay"))
		cfg->relay = 0;
	else if (!strcmp(key, "vlan"))
		cfg->vlan = -1;
	else if (!strcmp(key, "allow-server"))
		cfg->nallow = 0;
	else if (!strcmp(key, "keep"))
		cfg->keep = d.keep;
	else if (!strcmp(key, "write"))
		cfg->write_path[0] = '\0';
	else if (!strcmp(key, "output"))
		cfg->json = d.json;
	else
		return fail(err, errlen, "no setting named '%s' (see 'show settings')", key);
	return 0;
}

static void
show_ip(FILE *fp, uint32_t ip)
{
	if (!ip)
		fputs("-", fp);
	else
		fprintf(fp, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
}

static void
show_ms(FILE *fp, unsigned ms)
{
	if (ms % 1000)
		fprintf(fp, "%ums", ms);
	else
		fprintf(fp, "%us", ms / 1000);
}

static void
show_mac(FILE *fp, const uint8_t *m)
{
	fprintf(fp, "%02x:%02x:%02x:%02x:%02x:%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

static const struct probe_opt *
find_opt(const struct probe_cfg *cfg, uint8_t code)
{
	for (int i = 0; i < cfg->nopts; i++)
		if (cfg->opts[i].code == code)
			return &cfg->opts[i];
	return NULL;
}

static void
show_bytes(FILE *fp, const struct probe_opt *o)
{
	bool text = o->len > 0;

	for (unsigned i = 0; i < o->len; i++)
		if (!isprint(o->data[i]) || o->data[i] == '"' || o->data[i] == '\\')
			text = false;
	if (text) {
		fprintf(fp, "\"%.*s\"", (int)o->len, (const char *)o->data);
		return;
	}
	fputs("hex:", fp);
	for (unsigned i = 0; i < o->len; i++)
		fprintf(fp, "%02x", o->data[i]);
}

void
settings_show(FILE *fp, const struct probe_cfg *cfg)
{
	for (int k = 0; k < settings_count; k++) {
		const char *key = settings_table[k].key;
		const struct probe_opt *o;

		fprintf(fp, "%-18s ", key);
		if (!strcmp(key, "interface"))
			fputs(cfg->ifname[0] ? cfg->ifname : "- (none chosen)", fp);
		else if (!strcmp(key, "mac")) {
			if (cfg->mac_random)
				fputs("random", fp);
			else
				show_mac(fp, cfg->mac);
		} else if (!strcmp(key, "client-id") || !strcmp(key, "hostname") ||
		           !strcmp(key, "vendor-class")) {
			o = find_opt(cfg, key[0] == 'c' ? 61 : key[0] == 'h' ? 12 : 60);
			if (o)
				show_bytes(fp, o);
			else
				fputs("-", fp);
		} else if (!strcmp(key, "option")) {
			int shown = 0;

			for (int i = 0; i < cfg->nopts; i++) {
				o = &cfg->opts[i];
				if (o->code == 12 || o->code == 60 || o->code == 61)
					continue;
				if (shown++)
					fprintf(fp, "\n%-18s ", "");
				fprintf(fp, "%s=", opt_get(o->code)->name);
				if (o->code == 55) {
					for (unsigned j = 0; j < o->len; j++)
						fprintf(fp, "%s%u", j ? "," : "", o->data[j]);
				} else {
					show_bytes(fp, o);
				}
			}
			if (!shown)
				fputs("-", fp);
		} else if (!strcmp(key, "broadcast"))
			fputs(cfg->broadcast ? "on" : "off", fp);
		else if (!strcmp(key, "ciaddr"))
			show_ip(fp, cfg->ciaddr);
		else if (!strcmp(key, "requested-address"))
			show_ip(fp, cfg->requested);
		else if (!strcmp(key, "server-id"))
			show_ip(fp, cfg->server_id);
		else if (!strcmp(key, "secs"))
			fprintf(fp, "%u%s", cfg->secs,
			        cfg->secs ? "" : " (time since the first try)");
		else if (!strcmp(key, "timeout"))
			show_ms(fp, cfg->timeout_ms);
		else if (!strcmp(key, "tries"))
			fprintf(fp, "%u", cfg->tries);
		else if (!strcmp(key, "wait"))
			fputs(cfg->wait < WAIT_MAX ? wait_names[cfg->wait] : "?", fp);
		else if (!strcmp(key, "servers"))
			fprintf(fp, "%u", cfg->servers);
		else if (!strcmp(key, "quiet"))
			show_ms(fp, cfg->quiet_ms);
		else if (!strcmp(key, "relay"))
			cfg->relay ? show_ip(fp, cfg->relay) : (void)fputs("off", fp);
		else if (!strcmp(key, "vlan"))
			cfg->vlan < 0 ? (void)fputs("off", fp) : (void)fprintf(fp, "%d", cfg->vlan);
		else if (!strcmp(key, "allow-server")) {
			for (int i = 0; i < cfg->nallow; i++) {
				if (i)
					fputs(",", fp);
				if (cfg->allow[i].is_mac)
					show_mac(fp, cfg->allow[i].mac);
				else
					show_ip(fp, cfg->allow[i].ip);
			}
			if (!cfg->nallow)
				fputs("- (any server)", fp);
		} else if (!strcmp(key, "keep"))
			fputs(cfg->keep ? "on" : "off", fp);
		else if (!strcmp(key, "write"))
			fputs(cfg->write_path[0] ? cfg->write_path : "-", fp);
		else if (!strcmp(key, "output"))
			fputs(cfg->json ? "json" : "text", fp);
		fputc('\n', fp);
	}
}
