/* SPDX-License-Identifier: BSD-2-Clause */
/* diag.c - the one table of findings, the order they come out in, and the verdict */
#include "diag.h"

#include "diag_int.h"
#include "lease.h"
#include "msg.h"
#include "obs.h"

#include <string.h>

const char *const diag_step_names[DIAG_STEP_MAX] = {
    [DIAG_STEP_DISCOVER_OWN] = "discover (own MAC)",
    [DIAG_STEP_DISCOVER_RANDOM] = "discover (random MAC)",
    [DIAG_STEP_DISCOVER_BCAST] = "discover (broadcast flag)",
    [DIAG_STEP_DISCOVER_UNICAST] = "discover (no broadcast flag)",
    [DIAG_STEP_SELECT] = "select",
    [DIAG_STEP_INIT_REBOOT] = "init-reboot",
    [DIAG_STEP_RELAY] = "relay discover",
    [DIAG_STEP_INFORM] = "inform",
};
const char *const diag_sev_names[DIAG_SEV_MAX] = {"info", "warning", "error"};
const char *const diag_vkind_names[DIAG_V_MAX] = {"ip", "mac", "u32", "secs", "ms", "str"};
const char *const diag_status_names[DIAG_STATUS_MAX] = {"healthy", "problem", "nothing-answered"};

/* --- the table ----------------------------------------------------------- */

struct rule {
	const char *name; /* stable: JSON, metrics, man page */
	enum diag_sev sev;
	const char *ref;
	bool live;           /* needs probes or a live link: not from a capture */
	uint64_t unless;     /* not reported when one of these (its cause) is found */
	diag_check_fn check; /* reports through diag_emit(c, id, ...) */
	const char *desc;
};

#define E DIAG_SEV_ERROR
#define W DIAG_SEV_WARN
#define I DIAG_SEV_INFO
#define LIVE true /* needs probes or the live link */
#define ANY false
#define LINK (DIAG_BIT(DIAG_IF_DOWN) | DIAG_BIT(DIAG_NO_CARRIER))
/* other clients go unanswered for the same reason as this one */
#define SILENCE                                                                                    \
	(LINK | DIAG_BIT(DIAG_NO_SERVER) | DIAG_BIT(DIAG_POOL_EXHAUSTED) |                         \
	 DIAG_BIT(DIAG_CLIENT_IGNORED))
/* a router that fits this segment but not the wrong pool's subnet is a consequence */
#define WRONG_POOL DIAG_BIT(DIAG_WRONG_SUBNET)

static const struct rule rules[DIAG_MAX] = {
    [DIAG_IF_DOWN] = {"interface-down", E, "", LIVE, 0, diag_check_if_down,
                      "the interface is down"},
    [DIAG_NO_CARRIER] = {"no-carrier", E, "", LIVE, 0, diag_check_no_carrier,
                         "no cable, switch port down, or no Wi-Fi association"},
    [DIAG_NO_SERVER] = {"no-server", E, "RFC 2131 4.1", ANY, LINK, diag_check_no_server,
                        "no DHCP server answers on the segment"},
    [DIAG_NO_RELAY] = {"no-relay", E, "RFC 1542 4", LIVE, LINK, diag_check_no_relay,
                       "a relayed DISCOVER is answered, broadcast ones are not: no relay agent"},
    [DIAG_POOL_EXHAUSTED] = {"pool-exhausted", E, "RFC 2131 4.3.1", LIVE, LINK,
                             diag_check_pool_exhausted,
                             "a server answers but offers no address to anyone"},
    [DIAG_CLIENT_IGNORED] = {"client-ignored", E, "RFC 2131 4.3.1", LIVE, LINK,
                             diag_check_client_ignored,
                             "a server serves other MACs but not this client's"},
    [DIAG_ROGUE_SERVER] = {"rogue-server", E, "RFC 2131 7", ANY, 0, diag_check_rogue,
                           "a server that is not on the allow list answers"},
    [DIAG_REQUEST_NAK] = {"request-refused", E, "RFC 2131 4.3.2", ANY, 0, diag_check_nak,
                          "a server NAKs the address it offered"},
    [DIAG_WRONG_SUBNET] = {"wrong-subnet", E, "RFC 2131 4.3.1", ANY, 0, diag_check_wrong_subnet,
                           "the offered address belongs to another segment's subnet"},
    [DIAG_MASK_HOLES] = {"mask-not-contiguous", E, "RFC 950, RFC 4632", ANY, 0,
                         diag_check_mask_holes, "the offered subnet mask has holes"},
    [DIAG_ADDR_NOT_HOST] = {"address-not-host", E, "RFC 1122 3.2.1.3", ANY, 0,
                            diag_check_addr_not_host,
                            "the offered address is its subnet's network or broadcast address"},
    [DIAG_ROUTER_OFF_LINK] = {"router-outside-subnet", E, "RFC 2132 3.5", ANY, WRONG_POOL,
                              diag_check_router_off_link,
                              "the offered router is outside the offered subnet"},
    [DIAG_ROUTE_OFF_LINK] = {"route-gateway-off-link", E, "RFC 3442", ANY, WRONG_POOL,
                             diag_check_route_off_link,
                             "a classless route's router is outside the offered subnet"},
    [DIAG_ADDR_IN_USE] = {"address-in-use", E, "RFC 5227 2.1.1", LIVE, LINK, diag_check_addr_in_use,
                          "another host answers ARP for the offered address"},
    [DIAG_UNICAST_LOST] = {"unicast-replies-lost", W, "RFC 2131 4.1", LIVE, 0, diag_check_flag,
                           "replies arrive only with the broadcast flag set"},
    [DIAG_BCAST_LOST] = {"broadcast-replies-lost", W, "RFC 1542 4.1.2", LIVE, 0, diag_check_flag,
                         "replies arrive only with the broadcast flag clear"},
    [DIAG_PREV_ADDR_NAK] = {"previous-address-refused", W, "RFC 2131 4.3.2", ANY, 0, diag_check_nak,
                            "a server NAKs the client's previous address"},
    [DIAG_SERVERS_MISSING] = {"servers-missing", W, "RFC 2131 4.4.1", ANY, 0,
                              diag_check_servers_missing,
                              "fewer allowed servers offer than --servers says should"},
    [DIAG_SEVERAL_SERVERS] = {"several-servers", W, "RFC 2131 4.4.1", ANY, 0,
                              diag_check_several_servers,
                              "more than one allowed server offers (more than --servers)"},
    [DIAG_MALFORMED] = {"malformed-reply", W, "RFC 2132 2", ANY, 0, diag_check_malformed,
                        "a server's reply has malformed options"},
    [DIAG_REPLY_MISMATCH] = {"reply-mismatch", W, "RFC 2131 4.3.1", ANY, 0,
                             diag_check_reply_mismatch,
                             "an OFFER or ACK without an address or for another transaction"},
    [DIAG_SERVER_ID_NOT_SRC] = {"server-id-not-source", W, "RFC 2132 9.7", ANY, 0,
                                diag_check_server_id_not_src,
                                "the server identifier is not the address the server answers from"},
    [DIAG_ROUTES_HIDE_ROUTER] =
        {"routes-hide-router", W, "RFC 3442", ANY, 0, diag_check_routes_hide_router,
         "option 121 without a default route makes clients ignore option 3"},
    [DIAG_BCAST_ADDR_WRONG] = {"broadcast-address-mismatch", W, "RFC 2132 5.3", ANY, 0,
                               diag_check_bcast_addr, "option 28 does not fit the offered subnet"},
    [DIAG_ROUTER_SILENT] = {"router-not-answering", W, "RFC 826", LIVE,
                            LINK | WRONG_POOL | DIAG_BIT(DIAG_ROUTER_OFF_LINK),
                            diag_check_router_silent, "the offered router does not answer ARP"},
    [DIAG_NO_DNS] = {"no-dns-offered", W, "RFC 2132 3.8", LIVE, 0, diag_check_no_dns,
                     "no DNS server offered although the client asked for one"},
    [DIAG_TIMERS] = {"timers-inconsistent", W, "RFC 2131 4.4.5", ANY, 0, diag_check_timers,
                     "T1, T2 and the lease time are not in order"},
    [DIAG_LEASE_SHORT] = {"lease-too-short", W, "RFC 2131 4.4.5", ANY, 0, diag_check_lease,
                          "a lease time under 300 s"},
    [DIAG_PACKET_LOSS] = {"packet-loss", W, "RFC 2131 4.1", LIVE, 0, diag_check_packet_loss,
                          "steps needed retransmissions though the server answers at once"},
    [DIAG_SLOW_SERVER] = {"slow-server", W, "RFC 2131 3.1", ANY, 0, diag_check_slow,
                          "a server answers only after more than 1 s"},
    [DIAG_CLIENT_UNANSWERED] = {"client-unanswered", W, "RFC 2131 4.1", ANY, SILENCE,
                                diag_check_client_unanswered,
                                "a client on the link retransmits without any answer"},
    [DIAG_LEASE_INFINITE] = {"lease-infinite", I, "RFC 2131 3.3", ANY, 0, diag_check_lease,
                             "a lease that never ends"},
    [DIAG_FOREIGN_MAC_FILTERED] = {"foreign-mac-filtered", I, "IEEE 802.1X, 802.11", LIVE, 0,
                                   diag_check_foreign_mac,
                                   "the link drops frames from MACs other than the client's"},
};
_Static_assert(sizeof(rules) / sizeof(rules[0]) == DIAG_MAX, "one row per finding");
_Static_assert(DIAG_MAX <= 64, "the sets of ids are 64-bit masks");

/* the rules of one severity (or all: sev < 0), skipping those whose cause is in skip */
static void
run_rules(struct diag_ctx *c, int sev, uint64_t skip)
{
	for (int id = 0; id < DIAG_MAX; id++) {
		const struct rule *r = &rules[id];

		if ((sev >= 0 && (int)r->sev != sev) || (r->live && c->in->from_capture) ||
		    (r->unless & skip))
			continue;
		r->check(c, (enum diag_id)id);
	}
}

size_t
diag_run(const struct diag_input *in, struct diag_finding *out, size_t max)
{
	struct diag_ctx c = {.in = in};
	uint64_t found;

	diag_prep(&c);
	/* first which ids hold at all, so that a consequence can give way to its cause */
	run_rules(&c, -1, 0);
	found = c.found;
	c.out = out;
	c.max = out ? max : 0;
	for (int sev = DIAG_SEV_ERROR; sev >= DIAG_SEV_INFO; sev--)
		run_rules(&c, sev, found);
	return c.n;
}

/* the lease obtained: a step's ACK, else the latest ACK of a capture, else the first offer */
static const struct obs *
lease_got(const struct diag_ctx *c)
{
	const struct obs *o, *ack = NULL, *offer = NULL;

	for (struct diag_cursor k = {0}; (o = diag_next_reply(c, &k)) != NULL;) {
		if (!diag_is_offer(o) || diag_is_rogue(c, o) ||
		    (k.kind == DIAG_STEP_MAX && !c->in->from_capture))
			continue;
		if (o->type == DHCPACK && (!ack || k.kind == DIAG_STEP_MAX))
			ack = o;
		offer = offer ? offer : o;
	}
	return ack ? ack : offer;
}

static void
healthy_line(struct diag_verdict *v, const struct obs *o)
{
	diag_add(v->line, sizeof(v->line), "no problems found");
	if (!o)
		return;
	diag_add(v->line, sizeof(v->line), ": %s %s from %s",
	         o->type == DHCPACK ? "lease" : "offer of", IPS(o->yiaddr), IPS(o->server_id));
	if (v->lease == LEASE_INFINITE)
		diag_add(v->line, sizeof(v->line), ", infinite");
	else if (v->lease)
		diag_add(v->line, sizeof(v->line), " for %u s", v->lease);
}

void
diag_verdict(const struct diag_input *in, const struct diag_finding *f, size_t n,
             struct diag_verdict *ret)
{
	struct diag_ctx c = {.in = in};
	const struct diag_finding *worst = NULL;
	const struct obs *o;
	size_t problems = 0;

	memset(ret, 0, sizeof(*ret));
	diag_prep(&c);
	for (size_t i = 0; i < n; i++)
		if (f[i].sev >= DIAG_SEV_WARN && problems++ == 0)
			worst = &f[i];
	if ((o = lease_got(&c)) != NULL) {
		ret->address = o->yiaddr;
		ret->server = o->server_id;
		ret->lease = (o->terms.sent & LT_LEASE) ? o->terms.lease : 0;
	}
	/* a link that is down is a cause found, not a silence: nothing could be asked */
	if (in->link_down || in->no_carrier)
		ret->status = DIAG_PROBLEM;
	else
		ret->status = !c.replies ? DIAG_NOTHING_ANSWERED
		              : problems ? DIAG_PROBLEM
		                         : DIAG_HEALTHY;
	if (worst) {
		diag_add(ret->line, sizeof(ret->line), "%s", worst->text);
		if (problems > 1)
			diag_add(ret->line, sizeof(ret->line), " (and %zu more)", problems - 1);
	} else if (!c.replies) {
		diag_add(ret->line, sizeof(ret->line), "nothing answered: %s",
		         in->from_capture ? "the capture holds no DHCP server message"
		                          : "no DHCP server replied");
	} else {
		healthy_line(ret, o);
	}
}

/* --- the table for docs -------------------------------------------------- */

const char *
diag_rule_name(enum diag_id id)
{
	return (unsigned)id < DIAG_MAX ? rules[id].name : NULL;
}

enum diag_sev
diag_rule_sev(enum diag_id id)
{
	return (unsigned)id < DIAG_MAX ? rules[id].sev : DIAG_SEV_INFO;
}

const char *
diag_rule_desc(enum diag_id id)
{
	return (unsigned)id < DIAG_MAX ? rules[id].desc : NULL;
}

const char *
diag_rule_ref(enum diag_id id)
{
	return (unsigned)id < DIAG_MAX ? rules[id].ref : NULL;
}

bool
diag_rule_needs_probe(enum diag_id id)
{
	return (unsigned)id < DIAG_MAX && rules[id].live;
}

enum diag_id
diag_rule_by_name(const char *name)
{
	for (int id = 0; name && id < DIAG_MAX; id++)
		if (!strcmp(rules[id].name, name))
			return (enum diag_id)id;
	return DIAG_MAX;
}

size_t
diag_capture_skips(enum diag_id *ret, size_t max)
{
	size_t n = 0;

	for (int id = 0; id < DIAG_MAX && n < max; id++)
		if (rules[id].live)
			ret[n++] = (enum diag_id)id;
	return n;
}
