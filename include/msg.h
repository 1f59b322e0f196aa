/* SPDX-License-Identifier: BSD-2-Clause */
/* msg.h - the BOOTP/DHCP message: fixed header, options area, overload, RFC 3396 */
#ifndef DHCPDIAG_MSG_H
#define DHCPDIAG_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MSG_HDR_LEN 236     /* fixed BOOTP header, up to and without the magic cookie */
#define MSG_COOKIE 0x63825363u
#define MSG_DATA_MAX 65536  /* room for every option value of the largest UDP payload */
#define MSG_MIN_LEN 300     /* RFC 1542 2.1: pad BOOTP messages we send to at least this */

/* where an option's bytes were found (bit set) */
enum { MSG_IN_OPTIONS = 1, MSG_IN_FILE = 2, MSG_IN_SNAME = 4 };

/* message problems found while parsing; decoding carries on past all of them */
enum {
	MSG_E_SHORT_HDR = 1 << 0,  /* fewer than 236 bytes: header incomplete */
	MSG_E_NO_COOKIE = 1 << 1,  /* no magic cookie: plain BOOTP (vend area kept raw) */
	MSG_E_BAD_COOKIE = 1 << 2, /* 4 bytes present but not the cookie */
	MSG_E_OPT_OVERRUN = 1 << 3,/* an option's length runs past its area */
	MSG_E_NO_END = 1 << 4,     /* area ended without an END option */
	MSG_E_TRAILING = 1 << 5,   /* non-pad bytes after END */
	MSG_E_BAD_OVERLOAD = 1 << 6, /* option 52 with a value other than 1..3 or bad length */
	MSG_E_TOO_MANY = 1 << 7,   /* more option instances than we keep */
};

struct msg_opt {
	uint8_t code;
	uint8_t where;   /* MSG_IN_* bits of the areas it came from */
	uint16_t parts;  /* instances concatenated (RFC 3396); >1 means it was split */
	uint32_t off;    /* value bytes are data[off .. off+len) */
	uint32_t len;
};

struct msg {
	uint8_t op, htype, hlen, hops;
	uint32_t xid;
	uint16_t secs, flags;
	uint32_t ciaddr, yiaddr, siaddr, giaddr; /* host byte order */
	uint8_t chaddr[16];
	uint8_t sname[64];
	uint8_t file[128];
	size_t hdr_len;     /* bytes of the fixed header actually present (<= 236) */
	bool has_cookie;    /* DHCP (options parsed) rather than plain BOOTP */
	uint8_t overload;   /* value of option 52 that was honoured, 0 if none */
	uint32_t errors;    /* MSG_E_* */
	uint32_t err_off;   /* offset in the message of the first option error */
	size_t vend_len;    /* BOOTP without cookie: bytes in vend area (data[0..vend_len)) */
	uint16_t nopts;     /* distinct codes in order of first appearance */
	struct msg_opt opts[256];
	int16_t idx[256];   /* code -> index in opts, -1 when absent */
	size_t data_len;
	uint8_t data[MSG_DATA_MAX];
};

/*
 * Parse a BOOTP/DHCP message. Returns 0 when the fixed header was complete
 * (problems in the options are flagged in ret->errors), -EBADMSG when the
 * header itself is short (the fields that were present are filled, hdr_len
 * says how many bytes). Repeated codes are concatenated per RFC 3396 in the
 * order options area, file, sname; option 52 pulls in file/sname. Pad (0) and
 * End (255) are not listed in opts. ret is large (~66 KiB): reuse one.
 */
int msg_parse(const uint8_t *buf, size_t len, struct msg *ret);

/* value of option code, or NULL; *ret_len set when found */
const uint8_t *msg_get(const struct msg *m, uint8_t code, size_t *ret_len);
/* a 4-byte option (address, seconds) as a host-order number: true and *ret set
 * when present with exactly 4 bytes, false (and *ret untouched) otherwise */
bool msg_get_u32(const struct msg *m, uint8_t code, uint32_t *ret);
/* an address-list option (3, 6, ...): the number of addresses it holds, the first
 * max of them in ret (host order); -ENOENT when absent, -EBADMSG when its length is
 * not a non-zero multiple of 4 */
int msg_get_ips(const struct msg *m, uint8_t code, uint32_t *ret, unsigned max);
/* the DHCP message type (option 53), 0 when absent or malformed */
uint8_t msg_type(const struct msg *m);

/* --- building ----------------------------------------------------------- */

/* start a message: zero header and options, set op/htype=1/hlen=6/cookie */
void msg_init(struct msg *m, uint8_t op);
/* append an option value (any length: split into 255-byte instances on build,
 * RFC 3396); adding a code again replaces it. -ENOBUFS when out of room. */
int msg_set(struct msg *m, uint8_t code, const void *val, size_t len);
void msg_del(struct msg *m, uint8_t code);
/*
 * Serialize header, cookie, options (in insertion order, after 53 which goes
 * first), END, pad to MSG_MIN_LEN. Returns bytes written, -ENOBUFS if cap is
 * too small.
 */
int msg_build(const struct msg *m, uint8_t *buf, size_t cap);

/* the DHCP message types of RFC 2131 (option 53) */
enum dhcp_msg_type {
	DHCPDISCOVER = 1,
	DHCPOFFER,
	DHCPREQUEST,
	DHCPDECLINE,
	DHCPACK,
	DHCPNAK,
	DHCPRELEASE,
	DHCPINFORM
};

#define MSG_TYPE_NAMES 19 /* message types 0..18 have a slot; 0 has no name */
extern const char *const msg_type_names[MSG_TYPE_NAMES]; /* [1]="DISCOVER" .. [18] */
extern const uint8_t msg_type_lens[MSG_TYPE_NAMES];       /* their lengths */

/* the name of message type t (NULL if it has none) and its length in *len */
static inline const char *
msg_type_name(uint8_t t, size_t *len)
{
	*len = t < MSG_TYPE_NAMES ? msg_type_lens[t] : 0;
	return t < MSG_TYPE_NAMES ? msg_type_names[t] : NULL;
}

#endif
