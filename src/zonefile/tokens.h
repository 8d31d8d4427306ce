/*
 * zonefile/tokens.h: the fields of a record line as the reader hands it to
 * ldns (owner first, one space between fields), split once, the way
 * ldns_rr_new_frm_str() splits them.
 *
 * Three readers of a record need its head: the reader (does the record
 * give its own TTL?), the misread detection (misread.c: is the type what
 * ldns would take it to be?) and the field-by-field parser (record_parse.c).
 * They all use this one split, so they cannot disagree about which token is
 * the TTL, the class or the type.
 */
#ifndef SZ_ZONEFILE_TOKENS_H
#define SZ_ZONEFILE_TOKENS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ldns/ldns.h>

/** A token of a record line: offset and length; len 0 when absent. */
typedef struct szi_tok {
	size_t off;
	size_t len;
} szi_tok;

/**
 * The head of a record: the owner, then the TTL (a token starting with a
 * digit), the class and the type in ldns's order of guessing; `rdata` is the
 * offset where the RDATA starts. `type` is the token in the type's place,
 * whatever it says (misread.c judges it).
 */
typedef struct szi_rec_head {
	szi_tok owner;
	szi_tok ttl;
	szi_tok cls;
	szi_tok type;
	size_t rdata;
	uint16_t type_code;   /**< szi_type_by_name() of `type`, 0 when it names none */
} szi_rec_head;

/**
 * The head in 16-bit offsets, to travel with a record to the parser
 * threads (check/), which then need not split it again.
 */
typedef struct szi_rec_head16 {
	uint16_t owner_off, owner_len, ttl_off, ttl_len, cls_off, cls_len, type_off, type_len, rdata;
	uint16_t type_code;
} szi_rec_head16;

/** Pack `h`; false when an offset does not fit 16 bits (a very long record). */
bool szi_rec_head_pack(const szi_rec_head *h, szi_rec_head16 *out);
void szi_rec_head_unpack(const szi_rec_head16 *h, szi_rec_head *out);

/**
 * Split the head of `rec`. Tokens end at a space, tab or CR not escaped by
 * a backslash, even inside quotes, as ldns_bget_token() ends them. False
 * when the line ends before the type's place (then ldns has its own word).
 */
bool szi_rec_head_split(const char *rec, szi_rec_head *h);

/**
 * The next RDATA token of `rec` from `*p`: fields are separated by spaces,
 * a quoted string is one token, a backslash escapes the next byte. *p moves
 * past it; false at the end.
 */
bool szi_tok_next(const char *rec, size_t *p, szi_tok *t);

/** Does token `t` of `rec` spell `word` (exactly)? */
bool szi_tok_is(const char *rec, szi_tok t, const char *word);

/** Does token `t` end in a dot that no backslash escapes (an absolute name)? */
bool szi_tok_absolute(const char *rec, szi_tok t);

/**
 * Was a name of the record written absolute? `field` -1 is the owner,
 * otherwise the RDATA token of that index (names are one token each, so
 * for the types that hold them the index is the field's). False for a
 * relative name, "@", or a field the record does not have.
 */
bool szi_rec_name_absolute(const char *rec, int field);

/** ldns_get_rr_type_by_name() with the common names looked up first. */
ldns_rr_type szi_type_by_name(const char *name);

/** ldns_get_rr_class_by_name() with IN looked up first; 0 when none. */
ldns_rr_class szi_class_by_name(const char *name);

/** Copy token `t` into `buf` of `cap` bytes as a C string, cut short if longer. */
void szi_tok_copy(const char *rec, szi_tok t, char *buf, size_t cap);

#endif
