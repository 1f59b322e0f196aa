/* SPDX-License-Identifier: BSD-2-Clause */
/* cmd.c - the command table, the word splitter, cmd_run and the argv/script entry */
#include "cli.h"
#include "loop.h"
#include "opt.h"
#include "out.h"
#include "shell.h"
#include "suggest.h"
#include "value.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cmd_help(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
static int cmd_set(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
static int cmd_unset(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
static int cmd_show(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
static int cmd_option(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
static int cmd_history(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
static int cmd_quit(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);

/* sorted by name: `help` lists them in this order */
const struct cmd cmd_table[] = {
    {"arp", "ADDR", 1, 1, cmd_arp, COMPL_NONE,
     "is ADDR in use on the link? ARP-probe it (RFC 5227) and name the MAC",
     "Sends 2 ARP probes 200 ms apart from the interface's own MAC, with sender IP\n"
     "0.0.0.0 so that no host's ARP cache learns anything, and listens 1.0 s in all.\n"
     "Any ARP packet from ADDR, or another host probing for ADDR, means in use.\n"
     "Exit status 0 in use, 1 free (no answer). --vlan VID tags the probes.\n"
     "An address of the interface itself is never reported: a host does not\n"
     "answer its own probe.\n"
     "Examples: arp -i eth0 192.0.2.50\n"
     "          arp -i eth0 192.0.2.1 --json",
     "interface output vlan", NULL},
    {"check", "[-w|--warning RANGE] [-c|--critical RANGE] [--server IP] [-v]", 0, -1, cmd_check,
     COMPL_NONE, "a monitoring plugin (Nagios, Icinga): DHCP OK, WARNING, CRITICAL or UNKNOWN",
     "Runs diagnose's battery quickly and prints one status line with performance\n"
     "data, then each finding on a line of its own. As the client (its own MAC unless\n"
     "--mac is given): a DISCOVER that ends 250 ms after the first offer, the REQUEST,\n"
     "ARP of the offered address and router, the release; only when no offer came,\n"
     "the steps that tell the causes of silence apart. A healthy site takes well\n"
     "under a second, any answer 15 s at most.\n"
     "The state comes from diagnose's findings: an error or no answer at all is\n"
     "CRITICAL, a warning WARNING, information OK.\n"
     "-w, -c RANGE: thresholds on each server's offer latency in seconds, in the\n"
     "plugin range syntax: 10 (alert above 10), 10: (below), ~:10, 10:20, @10:20\n"
     "(alert inside). --servers N: N servers should offer; fewer or more is a\n"
     "WARNING (servers-missing, several-servers). --allow-server LIST: any other\n"
     "server answering is CRITICAL (rogue-server). --wait first: end at the first\n"
     "offer, with no time to hear a second server. --server IP as in diagnose.\n"
     "--metrics FILE also writes Prometheus metrics; -v adds evidence and steps;\n"
     "-h, --help print this (and end UNKNOWN, as the standard plugins do).\n"
     "Perfdata: time, servers, lease, latency_SERVER (s). No JSON: diagnose --json.\n"
     "Exit status 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (a usage error, no\n"
     "privilege, an internal error); errors go to the status line, not to stderr.\n"
     "Examples: check -i eth0 -w 0.5 -c 2\n"
     "          check -i eth0 --servers 2 --allow-server 192.0.2.10,192.0.2.11",
     NULL, "--verbose -h --help"},
    {"decline", "[ADDR]", 0, 1, cmd_decline, COMPL_NONE,
     "send a DECLINE for the held lease (or ADDR)",
     "Tells the server the address is in use; the server should not hand it out again\n"
     "for a while. Without ADDR, the lease obtained by `request` is declined.", NULL, NULL},
    {"decode", "FILE...|-r FILE [--json] [--brief] [--filter EXPR] [-l] [--threads N]", 0, -1,
     cmd_decode, COMPL_FILE,
     "decode every DHCP packet of capture files",
     "Reads pcap or pcapng files ('-' is stdin; -r FILE as tcpdump has it) and prints\n"
     "every DHCP message in them, every option decoded; other packets are skipped and\n"
     "counted on stderr. --filter takes a BPF expression (tcpdump syntax), --brief\n"
     "prints one line a packet. --threads N decodes on N threads (default: one a CPU);\n"
     "the output is the same. A pipe, FIFO or terminal is decoded live: each packet is\n"
     "printed as it arrives, the same bytes a file gives; -l flushes every packet for\n"
     "a file too. Ctrl-C or SIGTERM stop it with the summary line (exit 130 or 143).\n"
     "A damaged file: what could be read is printed, then exit 66. Output that cannot\n"
     "be written (a full disk) stops it with exit 74.\n"
     "Examples: decode capture.pcap --json\n"
     "          decode a.pcap b.pcapng --filter 'ether host 02:00:00:00:00:01'\n"
     "          tcpdump -i eth0 -U -w - port 67 or port 68 | dhcpdiag decode -",
     "output brief", NULL},
    {"diagnose", "[--server IP] [-v] | -r FILE | --findings", 0, -1, cmd_diagnose, COMPL_FILE,
     "name the reason a client gets no lease, or a bad one",
     "Runs a battery of probes as the client -- its own MAC unless --mac is given --\n"
     "each step chosen from what the last one showed: DISCOVER (listening 3.5 s, so a\n"
     "server that checks the address first is not called dead), a random client, the\n"
     "broadcast flag, REQUEST of the offer, ARP of the offered address and router,\n"
     "INIT-REBOOT of --requested-address, and toward --server (the site's DHCP server)\n"
     "a relay probe and an INFORM when the segment stays silent; it listens to the\n"
     "link all along and releases what it obtained. Never sends DECLINE.\n"
     "First line: the verdict. Then each finding: its id, what is wrong with the\n"
     "values, the evidence and what to do. -v adds the probes behind them.\n"
     "-r FILE runs the same rules on a capture and says what a capture cannot show.\n"
     "--findings lists every finding id with its severity. --servers N says how many\n"
     "servers should offer: fewer is servers-missing, more several-servers.\n"
     "The random client's frames leave from its random MAC (a port with port security\n"
     "may count it); --eth-src own keeps the interface's MAC; wireless links always do.\n"
     "Exit status 0 healthy (information only), 2 a problem found, 1 nothing answered.\n"
     "Examples: diagnose -i eth0\n"
     "          diagnose -i eth0 --server 192.0.2.10 --allow-server 192.0.2.10 --json\n"
     "          diagnose -r ticket-4711.pcap",
     NULL, "--verbose --man"},
    {"discover", "", 0, 0, cmd_discover, COMPL_NONE, "broadcast a DISCOVER and list every OFFER",
     "The offers are numbered; `show offer N` prints one in full and `request N`\n"
     "requests it. --timeout is the first retransmit interval (default 4s): with\n"
     "no answer the DISCOVER is sent again after it, and the interval doubles each\n"
     "try (RFC 2131), --tries times (default 3: 4 + 8 + 16 s). Once an offer came\n"
     "it listens to the end of one --timeout after the latest DISCOVER (a server\n"
     "that pings first is still heard) and --quiet (1.5s) after the latest offer;\n"
     "--wait first ends at the first offer. Flags after the command apply to this\n"
     "run only. --brief prints one line a reply (as for every probe); -w FILE\n"
     "writes the session's frames to a pcap.\n"
     "Examples: discover -i eth0 --timeout 500ms --tries 5 --wait first\n"
     "          discover -i eth0 --json --deadline 20s\n"
     "          discover -i eth0 --brief -w session.pcap",
     NULL, NULL},
    {"dora", "", 0, 0, cmd_dora, COMPL_NONE,
     "DISCOVER, REQUEST the first offer, show the ACK (and release unless --keep)",
     "The whole exchange in one command. Exit status 0 on ACK, 1 when nothing\n"
     "answered, 2 on NAK. The RELEASE goes out --tries times (at least twice),\n"
     "100 ms apart: it has no answer, so it is reported as sent, not confirmed.\n"
     "A REQUEST that got no ACK is released all the same (the ACK may have been\n"
     "lost after the server committed the lease), marked unconfirmed.\n"
     "Examples: dora -i eth0\n"
     "          dora -i eth0 --timeout 300ms --tries 10 --wait first --deadline 30s --json",
     NULL, NULL},
    {"exit", "", 0, 0, cmd_quit, COMPL_NONE, "leave the shell (releases held leases)", NULL, "", NULL},
    {"help", "[COMMAND]", 0, 1, cmd_help, COMPL_COMMAND, "list the commands, or explain one", NULL, "", NULL},
    {"history", "", 0, 0, cmd_history, COMPL_NONE, "list the commands typed in the shell",
     "The shell keeps its history in ~/.dhcpdiag_history (the last 1000 lines).", "", NULL},
    {"inform", "[ADDR]", 0, 1, cmd_inform, COMPL_NONE,
     "send an INFORM (from ADDR) and show the ACK",
     "Asks for configuration parameters for an address the client already has.", NULL, NULL},
    {"option", "add NAME|CODE VALUE | del NAME|CODE | list", 1, 3, cmd_option, COMPL_OPTION,
     "edit the options every probe sends",
     "option add vendor-class-identifier \"MSFT 5.0\"\n"
     "option add 55 1,3,6,15,119,121,252\n"
     "option add 61 hex:01020304\n"
     "option del 60\n"
     "Values are typed as `dhcpdiag options NAME` shows; \"hex:...\" works for any\n"
     "option.",
     "", NULL},
    {"options", "[NAME|CODE] [--all] [--json]", 0, 1, cmd_options, COMPL_OPTION,
     "the option table: names, codes, formats, RFCs",
     "Without an argument: every assigned option (--all adds the unassigned codes).\n"
     "With a name or code: that option and its sub-options.\n"
     "Examples: options classless-static-route\n"
     "          options 82",
     "output", "--man"},
    {"quit", "", 0, 0, cmd_quit, COMPL_NONE, "leave the shell (releases held leases)", NULL, "", NULL},
    {"release", "", 0, 0, cmd_release, COMPL_NONE, "release the held lease",
     "Unicasts a RELEASE to the lease's server --tries times (at least twice), 100 ms\n"
     "apart. A RELEASE has no answer: it is reported as sent, never as confirmed.\n"
     "Without a held lease: --ciaddr ADDR --server-id SERVER say what to release.",
     NULL, NULL},
    {"request", "[N] [--renew|--rebind]", 0, 1, cmd_request, COMPL_OFFER,
     "REQUEST offer N of the last discover (default 1), show the ACK or NAK",
     "--requested-address ADDR without an offer: INIT-REBOOT for ADDR.\n"
     "--renew unicasts a renewal of the held lease to its server, --rebind\n"
     "broadcasts it. Exit status 0 on ACK, 1 when nothing answered, 2 on NAK.", NULL, NULL},
    {"save", "FILE", 1, 1, cmd_save, COMPL_FILE,
     "write every frame sent and received so far to a pcap file",
     "The session keeps up to 20000 frames (32 MiB) for it. To collect the frames\n"
     "as they come, whatever their number, give -w FILE (the write setting) instead.",
     "", NULL},
    {"set", "[KEY [VALUE]]", 0, 2, cmd_set, COMPL_SETTING,
     "change a setting for the rest of the session",
     "Without arguments, shows every setting. Any setting can also be given to one\n"
     "command as a flag: `discover --timeout 500ms`.",
     "", "--man"},
    {"show", "settings|offers|offer N|lease|servers", 1, 2, cmd_show, COMPL_NONE,
     "show the settings, the offers, one offer, the lease or the servers seen", NULL,
     "output", NULL},
    {"unset", "KEY", 1, 1, cmd_unset, COMPL_SETTING, "put a setting back to its default", NULL, "", NULL},
    {"watch", "[-r FILE [--realtime]] [--duration S]", 0, -1, cmd_watch, COMPL_FILE,
     "live view of every DHCP server and client on the link (q quits)",
     "Live on the session's interface (-i IFACE), or replaying a capture with -r FILE\n"
     "(as fast as possible; --realtime at capture speed). --duration S stops it.\n"
     "-w FILE writes every frame it sees to the session's capture file.\n"
     "--allow-server LIST marks every other answering server as rogue.\n"
     "Keys: arrows/j/k move, Enter shows every option, p pause, s sort, / filter,\n"
     "c clear, d send a DISCOVER, ? help, q quit; then a line on stderr sums up the\n"
     "packets, servers and capture drops. Times are UTC; a narrow terminal hides\n"
     "columns and the header says how many. When stdout is not a terminal it prints\n"
     "one JSON object per event (NDJSON) instead of drawing; SIGTERM, SIGHUP and\n"
     "Ctrl-C end it with the summary (exit 128 + the signal), also while -r waits\n"
     "for a FIFO's writer. A one-shot watch gives up root and every capability once\n"
     "the capture is open.\n"
     "Examples: watch -i eth0\n"
     "          watch -r capture.pcap --duration 10 > events.ndjson",
     NULL, "--read FILE --ndjson"},
};
const int cmd_count = (int)(sizeof(cmd_table) / sizeof(cmd_table[0]));

/*
 * The commands that are monitoring plugins: their error messages are kept, not
 * printed, and handed with the status to their end, also when cmd_run refuses
 * the arguments; it prints the status line and returns the exit status.
 */
static const struct {
	int (*run)(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv);
	int (*end)(struct sess *s, int status, const char *err);
} plugins[] = {{cmd_check, check_end}};

static int (*plugin_end(const struct cmd *c))(struct sess *, int, const char *)
{
	for (size_t i = 0; i < sizeof(plugins) / sizeof(plugins[0]); i++)
		if (plugins[i].run == c->run)
			return plugins[i].end;
	return NULL;
}

const char *const cmd_show_words[] = {"settings", "offers", "offer", "lease", "servers", NULL};
const char *const cmd_option_words[] = {"add", "del", "list", NULL};

const struct cmd *
cmd_lookup(const char *word, int *ret_matches)
{
	const struct cmd *found = NULL;
	size_t n = strlen(word);
	int matches = 0;

	for (int i = 0; i < cmd_count; i++) {
		if (strcmp(cmd_table[i].name, word) == 0) {
			matches = 1;
			found = &cmd_table[i];
			break;
		}
		if (n > 0 && strncmp(cmd_table[i].name, word, n) == 0) {
			matches++;
			found = &cmd_table[i];
		}
	}
	if (ret_matches)
		*ret_matches = matches;
	return matches == 1 ? found : NULL;
}

const char *
cmd_hint(char *buf, size_t cap, const char *near, const char *otherwise)
{
	if (near)
		snprintf(buf, cap, " (did you mean '%s'?)", near);
	else if (otherwise)
		snprintf(buf, cap, " (%s)", otherwise);
	else
		buf[0] = '\0';
	return buf;
}

static const struct cmd *
find_or_complain(struct sess *s, const char *word)
{
	int matches;
	const struct cmd *c = cmd_lookup(word, &matches);
	char list[512], h[96];
	size_t o = 0;

	if (c)
		return c;
	const char *saved = s->cmd_name;
	s->cmd_name = NULL;
	if (matches == 0) {
		struct suggest sg;

		suggest_init(&sg, word);
		for (int i = 0; i < cmd_count; i++)
			suggest_add(&sg, cmd_table[i].name);
		sess_err(s, "unknown command '%s'%s", word,
			 cmd_hint(h, sizeof(h), suggest_best(&sg), "try 'help'"));
		s->cmd_name = saved;
		return NULL;
	}
	list[0] = '\0';
	for (int i = 0; i < cmd_count; i++) {
		if (strncmp(cmd_table[i].name, word, strlen(word)) == 0 && o < sizeof(list))
			o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%s", o ? ", " : "",
			                      cmd_table[i].name);
	}
	sess_err(s, "ambiguous command '%s': %s", word, list);
	s->cmd_name = saved;
	return NULL;
}

static const struct setting *
setting_find(const char *key, size_t n)
{
	for (int i = 0; i < settings_count; i++)
		if (strlen(settings_table[i].key) == n &&
		    strncmp(settings_table[i].key, key, n) == 0)
			return &settings_table[i];
	return NULL;
}

static int
set_iface(struct sess *s, struct probe_cfg *cfg, const char *name)
{
	if (name[0] == '\0' || strlen(name) >= sizeof(cfg->ifname)) {
		sess_err(s, "invalid interface name '%s'", name);
		return EX_USAGE;
	}
	snprintf(cfg->ifname, sizeof(cfg->ifname), "%s", name);
	return 0;
}

/*
 * The setting a shared flag names: -i/--iface/--interface "interface", --json/--text
 * "output", -w "write", --KEY and --KEY=V that key, --no-KEY (an on/off KEY) KEY with
 * *ret_negated; NULL when the word is none of them.
 */
static const struct setting *
shared_setting(const char *a, bool *ret_negated)
{
	const char *key, *eq;
	const struct setting *st;
	size_t n;

	*ret_negated = false;
	if (!strcmp(a, "-i") || !strcmp(a, "--iface"))
		return setting_find("interface", 9);
	if (!strcmp(a, "--json") || !strcmp(a, "--text") || !strncmp(a, "--json=", 7))
		return setting_find("output", 6);
	if (!strcmp(a, "-w"))
		return setting_find("write", 5);
	if (strncmp(a, "--", 2) != 0 || a[2] == '\0')
		return NULL;
	key = a + 2;
	eq = strchr(key, '=');
	n = eq ? (size_t)(eq - key) : strlen(key);
	st = setting_find(key, n);
	if (!st && n > 3 && strncmp(key, "no-", 3) == 0) {
		st = setting_find(key + 3, n - 3);
		if (st && !setting_is_flag(st))
			st = NULL;
		*ret_negated = st != NULL;
	}
	return st;
}

/*
 * One shared flag at argv[*i] applied to cfg: returns 1 when it was one of
 * ours (and *i moved past its value), 0 when it is not ours, or EX_USAGE + 100
 * after complaining (the caller subtracts; keeps the three cases apart).
 */
int
cmd_shared_flag(struct sess *s, struct probe_cfg *cfg, int argc, char **argv, int *i)
{
	const char *a = argv[*i], *eq = strchr(a, '='), *value;
	bool negated;
	const struct setting *st = shared_setting(a, &negated);
	char err[256];

	if (!st)
		return 0;
	/* --json is --json=all; --json=results prints the result lines only */
	if (!strcmp(a, "--json") || !strcmp(a, "--json=all") || !strcmp(a, "--text")) {
		cfg->json = a[2] == 'j';
		cfg->json_results = false;
		return 1;
	}
	if (!strcmp(a, "--json=results")) {
		cfg->json = cfg->json_results = true;
		return 1;
	}
	if (!strncmp(a, "--json=", 7)) {
		sess_err(s, "--json: expected --json, --json=all or --json=results, got '%s'", a);
		return 100 + EX_USAGE;
	}
	if (!strcmp(a, "-i") || !strcmp(a, "--iface") || !strcmp(a, "--interface") ||
	    !strcmp(a, "-w")) {
		if (*i + 1 >= argc) {
			sess_err(s, "'%s' needs %s", a,
				 a[1] == 'w' ? "a file name" : "an interface name");
			return 100 + EX_USAGE;
		}
		value = argv[++*i];
		if (a[1] != 'w')
			return set_iface(s, cfg, value) ? 100 + EX_USAGE : 1;
	} else if (eq) {
		value = eq + 1;
	} else if (setting_is_flag(st)) {
		value = negated ? "off" : "on";
	} else if (*i + 1 < argc) {
		value = argv[++*i];
	} else {
		sess_err(s, "'--%s' needs a value %s", st->key, st->value ? st->value : "");
		return 100 + EX_USAGE;
	}
	if (settings_apply(cfg, st->key, value, err, sizeof(err)) < 0) {
		sess_err(s, "--%s: %s", st->key, err);
		return 100 + EX_USAGE;
	}
	return 1;
}

bool
cmd_takes(const struct cmd *c, const char *key)
{
	size_t n = strlen(key);

	if (!c->takes)
		return true;
	for (const char *p = c->takes; *p;) {
		size_t w = strcspn(p, " ");

		if (w == n && !strncmp(p, key, n))
			return true;
		p += w;
		p += strspn(p, " ");
	}
	return false;
}

bool
cmd_flag_next(const char **pp, const char *text, char *buf, size_t cap, bool *ret_value)
{
	const char *p = *pp;

	for (; *p; p++) {
		if (*p != '-' || (p > text && p[-1] != '[' && p[-1] != ' ' && p[-1] != '|'))
			continue;
		size_t n = strcspn(p, " |]");
		const char *alt = p + n;

		/* "-w|--warning RANGE": the value written after the last alternative is each one's */
		while (alt[0] == '|' && alt[1] == '-')
			alt += 1 + strcspn(alt + 1, " |]");
		*ret_value = alt[0] == ' ' && alt[1] >= 'A' && alt[1] <= 'Z';
		snprintf(buf, cap, "%.*s", (int)n, p);
		*pp = p + n;
		return true;
	}
	*pp = p;
	return false;
}

/* is a one of c's own flags (its usage text or hidden ones)? *ret_value: a value follows */
static bool
own_flag(const struct cmd *c, const char *a, bool *ret_value)
{
	const char *texts[2] = {c->args, c->hidden};
	size_t n = strcspn(a, "=");
	char f[64];

	for (int t = 0; t < 2; t++) {
		const char *p = texts[t];

		while (p && cmd_flag_next(&p, texts[t], f, sizeof(f), ret_value))
			if (strlen(f) == n && !strncmp(f, a, n)) {
				if (a[n] == '=')
					*ret_value = false; /* --duration=5 */
				return true;
			}
	}
	return false;
}

/* "unknown flag" for a word c does not take, with the nearest flag it does */
static void
flag_err(struct sess *s, const struct cmd *c, const char *a, const struct setting *st)
{
	struct suggest sg;
	const char *texts[2] = {c->args, c->hidden};
	char f[2][64], h[96], also[64];
	int k = 0;
	bool v;
	size_t n = strcspn(a, "=");

	snprintf(also, sizeof(also), "%.*s", (int)(n < sizeof(also) ? n : sizeof(also) - 1), a);
	if (st) {
		snprintf(h, sizeof(h), "see 'help %s'", c->name);
		sess_err(s, "unknown flag '%s' for %s (it does not use the setting '%s'; %s)", also,
			 c->name, st->key, h);
		return;
	}
	suggest_init(&sg, also);
	/* its own flags, then the settings it takes */
	for (int t = 0; t < 2; t++) {
		const char *p = texts[t];

		while (p && cmd_flag_next(&p, texts[t], f[k], sizeof(f[k]), &v)) {
			suggest_add(&sg, f[k]);
			if (suggest_best(&sg) == f[k])
				k ^= 1; /* keep the best one's buffer */
		}
	}
	for (int i = 0; i < settings_count; i++) {
		if (!cmd_takes(c, settings_table[i].key))
			continue;
		snprintf(f[k], sizeof(f[k]), "--%s", settings_table[i].key);
		suggest_add(&sg, f[k]);
		if (suggest_best(&sg) == f[k])
			k ^= 1;
	}
	snprintf(h, sizeof(h), "see 'help %s'", c->name);
	if (suggest_best(&sg)) {
		char near[64];

		snprintf(near, sizeof(near), "%s", suggest_best(&sg));
		sess_err(s, "unknown flag '%s' for %s%s", also, c->name,
			 cmd_hint(h, sizeof(h), near, NULL));
	} else {
		sess_err(s, "unknown flag '%s' for %s (%s)", also, c->name, h);
	}
}

const char *
cmd_first_word(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (cmd_is_positional(argv[i]))
			return argv[i];
	return NULL;
}

bool
cmd_is_positional(const char *a)
{
	return a[0] != '-' || a[1] == '\0' || (a[1] >= '0' && a[1] <= '9');
}

static void
print_usage(FILE *fp, const struct cmd *c)
{
	fprintf(fp, "usage: %s%s%s\n", c->name, c->args[0] ? " " : "", c->args);
}

/* "usage: show offer N" on stderr, without a prefix: scripts grep for it */
static int
usage_err(struct sess *s, const char *what)
{
	fflush(sess_out_begin(s));
	fprintf(stderr, "usage: %s\n", what);
	fflush(stderr);
	sess_out_end(s);
	return EX_USAGE;
}

/* --json or --output json|results among a command's words: its errors get a result line even
 * when they come before the flag is read */
bool
cmd_wants_json(const struct probe_cfg *cfg, int argc, char **argv)
{
	bool json = cfg->json;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL;

		if (!strcmp(a, "--text"))
			json = false;
		else if (!strcmp(a, "--json") || !strncmp(a, "--json=", 7))
			json = true;
		else if (!strncmp(a, "--output=", 9))
			v = a + 9;
		else if (!strcmp(a, "--output") && i + 1 < argc)
			v = argv[++i];
		if (v)
			json = strcmp(v, "text") != 0;
	}
	return json;
}

/* the command's own --deadline (given after it, unlike the session's): from now */
static void
cmd_deadline(struct sess *s, const struct probe_cfg *cfg, bool on)
{
	if (!on) {
		if (s->cmd_deadline_at)
			sess_cmd_deadline_set(s, 0);
		return;
	}
	if (cfg->deadline_ms != s->cfg.deadline_ms && cfg->deadline_ms)
		sess_cmd_deadline_set(s, loop_now_ms() + cfg->deadline_ms);
	else
		s->cmd_deadline_hit = false;
}

/*
 * After a command: a stop (signal, deadline) decides its status; a write to stdout that
 * failed makes it 74 (decode says so itself); `set deadline` moves the run's deadline; in
 * JSON mode a failure without a result line of its own gets one.
 */
static int
cmd_after(struct sess *s, const struct cmd *c, const struct probe_cfg *cfg, bool json,
	  unsigned deadline_before, unsigned results_before, int status)
{
	status = sess_final_status(s, status);
	if (c->run != cmd_decode)
		sess_check_stdout(s);
	if (s->io_failed && status <= DD_NEGATIVE)
		status = EX_IOERR;
	if (s->cfg.deadline_ms != deadline_before)
		sess_deadline_set(s, s->cfg.deadline_ms ? loop_now_ms() + s->cfg.deadline_ms : 0);
	if (json && status != 0 && s->results == results_before)
		sess_result(s, cfg, c->name, status);
	return status;
}

int
cmd_run(struct sess *s, int argc, char **argv)
{
	char *av[CMD_MAX_WORDS + 1];
	int ac = 0, npos = 0, status;
	bool rest = false, json;
	unsigned deadline_before = s->cfg.deadline_ms, results_before = s->results;

	if (argc <= 0)
		return 0;
	s->last_err[0] = '\0';
	s->io_failed = false;
	json = cmd_wants_json(&s->cfg, argc, argv);
	const struct cmd *c = find_or_complain(s, argv[0]);
	if (!c) {
		if (json)
			sess_result(s, &s->cfg, NULL, EX_USAGE);
		return EX_USAGE;
	}
	char perr[512] = "";
	int (*end)(struct sess *, int, const char *) = plugin_end(c);
	if (end) { /* its errors go to its status line */
		s->err_buf = perr;
		s->err_cap = sizeof(perr);
		json = false; /* a plugin's output is its status line, never JSON */
	}
	struct probe_cfg *cfg = malloc(sizeof(*cfg));
	if (!cfg) {
		sess_err(s, "out of memory");
		status = EX_SOFTWARE;
		goto end;
	}
	*cfg = s->cfg;
	const char *saved = s->cmd_name;
	s->cmd_name = c->name;
	av[ac++] = (char *)(uintptr_t)c->name;
	for (int i = 1; i < argc && ac < CMD_MAX_WORDS; i++) {
		bool negated, value;

		if (rest || cmd_is_positional(argv[i])) {
			av[ac++] = argv[i];
			npos++;
			continue;
		}
		if (strcmp(argv[i], "--") == 0) {
			rest = true;
			continue;
		}
		const struct setting *st = shared_setting(argv[i], &negated);
		bool own = own_flag(c, argv[i], &value);
		/* a short flag the command's usage names is its own (check -w RANGE), a long one
		 * that names a setting (--json, --brief) the setting's */
		if (own && argv[i][1] != '-')
			st = NULL;
		if (st && cmd_takes(c, st->key)) {
			int r = cmd_shared_flag(s, cfg, argc, argv, &i);
			if (r >= 100) {
				status = r - 100;
				goto out;
			}
			continue;
		}
		/* the command's own flags go to it, a value with its flag (even "-x") */
		if (own) {
			av[ac++] = argv[i];
			if (value && i + 1 < argc && ac < CMD_MAX_WORDS)
				av[ac++] = argv[++i];
			continue;
		}
		/* a flag it does not take is an error, never ignored */
		flag_err(s, c, argv[i], st);
		status = EX_USAGE;
		goto out;
	}
	av[ac] = NULL;
	json = cfg->json && !end;
	if (npos < c->min || (c->max >= 0 && npos > c->max)) {
		FILE *fp = sess_out_begin(s);
		fflush(fp);
		print_usage(stderr, c);
		snprintf(s->last_err, sizeof(s->last_err), "usage: %s%s%s", c->name,
			 c->args[0] ? " " : "", c->args);
		sess_out_end(s);
		status = EX_USAGE;
		goto out;
	}
	cmd_deadline(s, cfg, true);
	status = c->run(s, cfg, ac, av);
	cmd_deadline(s, cfg, false);
out:
	status = cmd_after(s, c, cfg, json, deadline_before, results_before, status);
	s->cmd_deadline_hit = false;
	s->cmd_name = saved;
	free(cfg);
end:
	if (end) {
		s->err_buf = NULL;
		status = end(s, status, perr);
	}
	return status;
}

/* ---------------------------------------------------------- shell commands */

static void
print_shared_flags(FILE *fp)
{
	fputs("settings (`set KEY VALUE`, or `--KEY VALUE` on one command):\n"
	      "  -i IFACE\n      the interface to probe on (same as --interface)\n"
	      "  --json, --json=results, --text\n      output format for this command "
	      "(--json=results: the result lines only)\n",
	      fp);
	for (int i = 0; i < settings_count; i++) {
		const struct setting *st = &settings_table[i];

		fprintf(fp, "  %s %s\n      %s%s\n", st->key, st->value ? st->value : "",
		        st->help ? st->help : "",
		        setting_is_flag(st) ? " (as a flag: --KEY, --no-KEY)" : "");
	}
}

/* the settings a command takes as flags, for `help CMD` */
static void
print_takes(FILE *fp, const struct cmd *c)
{
	bool first = true;

	if (!c->takes) {
		bool v;

		fprintf(fp, "\nTakes -i IFACE, %s, --json, --text and every setting as --KEY VALUE\n"
			"('help set').\n",
			own_flag(c, "-w", &v) ? "--write FILE" : "-w FILE");
		return;
	}
	if (!c->takes[0])
		return;
	fputs("\nSettings it takes as flags:", fp);
	for (int i = 0; i < settings_count; i++) {
		const struct setting *st = &settings_table[i];

		if (!cmd_takes(c, st->key))
			continue;
		fputs(first ? " " : ", ", fp);
		first = false;
		if (!strcmp(st->key, "interface"))
			fputs("-i IFACE", fp);
		else if (!strcmp(st->key, "output"))
			fputs("--json, --text", fp);
		else if (!strcmp(st->key, "write"))
			fputs("-w FILE", fp);
		else if (setting_is_flag(st))
			fprintf(fp, "--%s", st->key);
		else
			fprintf(fp, "--%s %s", st->key, st->value ? st->value : "");
	}
	fputs(".\n", fp);
}

static int
cmd_help(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	(void)cfg;
	if (argc > 1) {
		const struct cmd *c = find_or_complain(s, argv[1]);
		if (!c)
			return EX_USAGE;
		FILE *fp = sess_out_begin(s);
		print_usage(fp, c);
		fprintf(fp, "%s\n", c->help);
		if (c->usage)
			fprintf(fp, "\n%s\n", c->usage);
		print_takes(fp, c);
		if (c->run == cmd_set || c->run == cmd_unset) {
			fputc('\n', fp);
			print_shared_flags(fp);
		}
		sess_out_end(s);
		return 0;
	}
	FILE *fp = sess_out_begin(s);
	fputs("commands (any unambiguous prefix works):\n", fp);
	for (int i = 0; i < cmd_count; i++) {
		char left[128];

		snprintf(left, sizeof(left), "%s %s", cmd_table[i].name, cmd_table[i].args);
		if (strlen(left) > 30)
			fprintf(fp, "  %s\n  %-30s %s\n", left, "", cmd_table[i].help);
		else
			fprintf(fp, "  %-30s %s\n", left, cmd_table[i].help);
	}
	fputs("\nThe probes, diagnose and watch also take -i IFACE, -w FILE, --json, --text and\n"
	      "--KEY VALUE for any setting ('help set'); 'help COMMAND' explains one command\n"
	      "and lists the flags it takes. A flag a command does not take is an error.\n",
	      fp);
	sess_out_end(s);
	return 0;
}

static int
cmd_set(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	char err[256];

	(void)cfg;
	if (argc == 1) {
		FILE *fp = sess_out_begin(s);
		settings_show(fp, &s->cfg);
		sess_out_end(s);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "--man") == 0) { /* the man page, at build time */
		settings_man(stdout);
		return 0;
	}
	const struct setting *st = setting_find(argv[1], strlen(argv[1]));
	if (!st && argc == 3 &&
	    (strcmp(argv[1], "iface") == 0 || strcmp(argv[1], "interface") == 0))
		return set_iface(s, &s->cfg, argv[2]);
	if (!st) {
		char h[96];

		sess_err(s, "unknown setting '%s'%s", argv[1],
			 cmd_hint(h, sizeof(h), settings_suggest(argv[1]), "see 'help set'"));
		return EX_USAGE;
	}
	if (argc < 3 && !setting_is_flag(st)) {
		sess_err(s, "'%s' needs a value %s", st->key, st->value ? st->value : "");
		return EX_USAGE;
	}
	if (settings_apply(&s->cfg, st->key, argc < 3 ? "on" : argv[2], err, sizeof(err)) < 0) {
		sess_err(s, "%s", err);
		return EX_USAGE;
	}
	return 0;
}

static int
cmd_unset(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	char err[256];

	(void)cfg;
	(void)argc;
	const struct setting *st = setting_find(argv[1], strlen(argv[1]));
	if (!st) {
		char h[96];

		sess_err(s, "unknown setting '%s'%s", argv[1],
			 cmd_hint(h, sizeof(h), settings_suggest(argv[1]), "see 'help set'"));
		return EX_USAGE;
	}
	if (settings_reset(&s->cfg, st->key, err, sizeof(err)) < 0) {
		sess_err(s, "%s", err);
		return EX_USAGE;
	}
	return 0;
}

static const char *
sub_word(struct sess *s, const char *word, const char *const *words)
{
	const char *found = NULL;
	int matches = 0;

	for (int i = 0; words[i]; i++) {
		if (strcmp(words[i], word) == 0)
			return words[i];
		if (strncmp(words[i], word, strlen(word)) == 0) {
			found = words[i];
			matches++;
		}
	}
	if (matches == 1)
		return found;
	sess_err(s, "%s '%s': expected one of %s", matches ? "ambiguous" : "unknown", word,
	         words == cmd_show_words ? "settings, offers, offer N, lease, servers"
	                                 : "add, del, list");
	return NULL;
}

static int
cmd_show(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	const char *w = sub_word(s, argv[1], cmd_show_words);
	char *av[4];

	if (!w)
		return EX_USAGE;
	if (strcmp(w, "settings") == 0) {
		FILE *fp = sess_out_begin(s);
		settings_show(fp, &s->cfg);
		sess_out_end(s);
		return 0;
	}
	if (strcmp(w, "offer") == 0 && argc != 3)
		return usage_err(s, "show offer N");
	if (strcmp(w, "offer") != 0 && argc != 2) {
		char u[32];
		snprintf(u, sizeof(u), "show %s", w);
		return usage_err(s, u);
	}
	av[0] = (char *)(uintptr_t)w;
	av[1] = argc > 2 ? argv[2] : NULL;
	av[2] = NULL;
	return cmd_show_probe(s, cfg, argc - 1, av);
}

static int
option_list(struct sess *s)
{
	size_t memsz = 64 * 1024;
	struct val_arena a;
	FILE *fp;

	if (s->cfg.nopts == 0) {
		fp = sess_out_begin(s);
		fputs("no options added (the defaults of each probe apply)\n", fp);
		sess_out_end(s);
		return 0;
	}
	void *mem = malloc(memsz);
	if (!mem) {
		sess_err(s, "out of memory");
		return EX_SOFTWARE;
	}
	fp = sess_out_begin(s);
	arena_init(&a, mem, memsz);
	struct val *list = val_list(&a, NULL, NULL);
	for (int i = 0; i < s->cfg.nopts; i++)
		opt_decode(&a, list, s->cfg.opts[i].code, s->cfg.opts[i].data, s->cfg.opts[i].len,
		           NULL);
	out_text_options(fp, list, 2, s->color ? OUT_COLOR : 0);
	sess_out_end(s);
	free(mem);
	return 0;
}

static int
cmd_option(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	const char *w = sub_word(s, argv[1], cmd_option_words);
	char err[256];

	(void)cfg;
	if (!w)
		return EX_USAGE;
	if (strcmp(w, "list") == 0) {
		if (argc != 2)
			return usage_err(s, "option list");
		return option_list(s);
	}
	if ((strcmp(w, "add") == 0 && argc != 4) || (strcmp(w, "del") == 0 && argc != 3)) {
		return usage_err(s, strcmp(w, "add") == 0 ? "option add NAME|CODE VALUE"
		                                          : "option del NAME|CODE");
	}
	int code = opt_by_name(argv[2]);
	if (code < 0) {
		char h[96];

		sess_err(s, "unknown option '%s'%s", argv[2],
			 cmd_hint(h, sizeof(h), opt_suggest(argv[2]), "see 'options'"));
		return EX_USAGE;
	}
	if (code == 0 || code == 255) {
		sess_err(s, "option %d is framing, not a value", code);
		return EX_USAGE;
	}
	int at = 0;
	while (at < s->cfg.nopts && s->cfg.opts[at].code != code)
		at++;
	if (strcmp(w, "del") == 0) {
		if (at == s->cfg.nopts) {
			sess_err(s, "option '%s' was not added", argv[2]);
			return EX_USAGE;
		}
		memmove(&s->cfg.opts[at], &s->cfg.opts[at + 1],
		        sizeof(s->cfg.opts[0]) * (size_t)(s->cfg.nopts - at - 1));
		s->cfg.nopts--;
		return 0;
	}
	struct probe_opt o = {.code = (uint8_t)code};
	size_t len = 0;
	if (opt_encode((uint8_t)code, argv[3], o.data, sizeof(o.data), &len, err, sizeof(err)) <
	    0) {
		sess_err(s, "%s: %s", opt_get((uint8_t)code)->name, err);
		return EX_USAGE;
	}
	o.len = (uint16_t)len;
	if (at == s->cfg.nopts) {
		if (s->cfg.nopts == PROBE_MAX_OPTS) {
			sess_err(s, "at most %d options", PROBE_MAX_OPTS);
			return EX_USAGE;
		}
		s->cfg.nopts++;
	}
	s->cfg.opts[at] = o;
	return 0;
}

static int
cmd_history(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	(void)cfg;
	(void)argc;
	(void)argv;
	FILE *fp = sess_out_begin(s);
	shell_history_print(fp);
	sess_out_end(s);
	return 0;
}

static int
cmd_quit(struct sess *s, const struct probe_cfg *cfg, int argc, char **argv)
{
	(void)cfg;
	(void)argc;
	(void)argv;
	if (s->shell)
		s->shell->quit = true;
	return 0;
}

