/*
 * bankfile.c - ISO 20022 camt.054 / camt.053 credits (pure). The file
 * is parsed whole (it is bounded), without a DTD, entities or network;
 * only the elements a payment needs are read, by their local names in the
 * message's own namespace.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "bankfile.h"
#include "dimos/kit/money.h"

#define NS_054	"urn:iso:std:iso:20022:tech:xsd:camt.054.001."
#define NS_053	"urn:iso:std:iso:20022:tech:xsd:camt.053.001."

struct ctx {
	const char	*name;
	const xmlChar	*ns;
	char		*err;
	size_t		 errsz;
	struct bank_file *out;
	size_t		 cap;
};

static int
fail(struct ctx *c, const xmlNode *n, const char *elem, const char *value,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int
fail(struct ctx *c, const xmlNode *n, const char *elem, const char *value,
    const char *fmt, ...)
{
	va_list ap;
	int k;

	k = snprintf(c->err, c->errsz, "%s:%ld: %s: ", c->name,
	    n != NULL ? xmlGetLineNo(n) : 0L, elem);
	if (k < 0 || (size_t)k >= c->errsz)
		return -1;
	if (value != NULL) {
		char shown[64];
		size_t i = 0;

		/* bounded, on a character boundary, control bytes as ? */
		for (const unsigned char *s = (const unsigned char *)value;
		    *s != '\0' && i + 5 < sizeof(shown); s++) {
			if (i >= 40 && (*s & 0xc0) != 0x80) {
				memcpy(shown + i, "...", 3);
				i += 3;
				break;
			}
			shown[i++] = *s < 0x20 ? '?' : (char)*s;
		}
		shown[i] = '\0';
		k += snprintf(c->err + k, c->errsz - (size_t)k, "\"%s\" ",
		    shown);
		if ((size_t)k >= c->errsz)
			return -1;
	}
	va_start(ap, fmt);
	vsnprintf(c->err + k, c->errsz - (size_t)k, fmt, ap);
	va_end(ap);
	return -1;
}

static int
is(const struct ctx *c, const xmlNode *n, const char *local)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    xmlStrEqual(n->ns->href, c->ns) &&
	    xmlStrEqual(n->name, (const xmlChar *)local);
}

static xmlNode *
child(const struct ctx *c, const xmlNode *n, const char *local)
{
	if (n == NULL)
		return NULL;
	for (xmlNode *k = n->children; k != NULL; k = k->next)
		if (is(c, k, local))
			return k;
	return NULL;
}

/* A path of local names below n: "Refs/AcctSvcrRef". */
static xmlNode *
path(const struct ctx *c, const xmlNode *n, const char *p)
{
	char part[32];

	while (n != NULL && *p != '\0') {
		size_t len = strcspn(p, "/");

		if (len >= sizeof(part))
			return NULL;
		memcpy(part, p, len);
		part[len] = '\0';
		n = child(c, n, part);
		p += len;
		if (*p == '/')
			p++;
	}
	return (xmlNode *)(uintptr_t)n;
}

/* The element's text, trimmed, into buf; -1 if longer than bufsz - 1. */
static int
text(const xmlNode *n, char *buf, size_t bufsz)
{
	xmlChar *t;
	const char *s, *e;
	size_t len;

	buf[0] = '\0';
	if (n == NULL)
		return 0;
	if ((t = xmlNodeGetContent(n)) == NULL)
		return 0;
	for (s = (const char *)t; *s == ' ' || *s == '\n' || *s == '\r' ||
	    *s == '\t'; s++)
		;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\n' || e[-1] == '\r' ||
	    e[-1] == '\t'))
		e--;
	len = (size_t)(e - s);
	if (len >= bufsz) {
		memcpy(buf, s, bufsz - 1);
		buf[bufsz - 1] = '\0';
		xmlFree(t);
		return -1;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	xmlFree(t);
	return 0;
}

/* <Amt Ccy="EUR">12.50</Amt> */
static int
amount(struct ctx *c, const xmlNode *n, const char *elem, long long *cents)
{
	char v[64];
	xmlChar *ccy;
	int eur;

	if (text(n, v, sizeof(v)) != 0 || kit_money_parse_plain(v, cents) != 0)
		return fail(c, n, elem, v, "is not an amount (digits, a point "
		    "and at most two decimals)");
	ccy = xmlGetProp(n, (const xmlChar *)"Ccy");
	eur = ccy != NULL && xmlStrEqual(ccy, (const xmlChar *)"EUR");
	if (!eur) {
		char cv[16];

		snprintf(cv, sizeof(cv), "%s", ccy ? (const char *)ccy : "");
		xmlFree(ccy);
		return fail(c, n, "Amt/@Ccy", cv, "is not EUR");
	}
	xmlFree(ccy);
	if (*cents <= 0)
		return fail(c, n, elem, v, "is not more than zero");
	return 0;
}

static int
date_ok(const char *s)
{
	int y, m, d;
	char tail;

	/* a date, or the date part of an ISO date-time */
	if (strlen(s) < 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d,
	    &tail) < 3 || s[4] != '-' || s[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	return y >= 2000 && m >= 1 && m <= 12 && d >= 1 && d <= 31 &&
	    (s[10] == '\0' || s[10] == 'T');
}

/* The entry's booking date: BookgDt/Dt, BookgDt/DtTm, else ValDt. */
static int
booked(struct ctx *c, const xmlNode *ntry, char out[11])
{
	static const char *const paths[] = { "BookgDt/Dt", "BookgDt/DtTm",
		"ValDt/Dt", "ValDt/DtTm", NULL };
	char v[40];

	for (int i = 0; paths[i] != NULL; i++) {
		const xmlNode *n = path(c, ntry, paths[i]);

		if (n == NULL)
			continue;
		if (text(n, v, sizeof(v)) != 0 || !date_ok(v))
			return fail(c, n, paths[i], v, "is not a date "
			    "(YYYY-MM-DD)");
		memcpy(out, v, 10);
		out[10] = '\0';
		return 0;
	}
	return fail(c, ntry, "Ntry", NULL, "has no booking or value date "
	    "(BookgDt)");
}

/* Sts is "BOOK" (001.02-001.07) or Sts/Cd is (001.08 on). */
static int
is_booked(const struct ctx *c, const xmlNode *ntry)
{
	const xmlNode *s = child(c, ntry, "Sts");
	char v[16];

	if (s == NULL)
		return 0;
	if (child(c, s, "Cd") != NULL)
		s = child(c, s, "Cd");
	text(s, v, sizeof(v));
	return strcmp(v, "BOOK") == 0;
}

static int
push(struct ctx *c, const struct bank_credit *cr)
{
	struct bank_file *f = c->out;

	if (f->ncredits == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 64;
		struct bank_credit *v = realloc(f->credits, cap * sizeof(*v));

		if (v == NULL)
			return fail(c, NULL, "file", NULL, "out of memory");
		f->credits = v;
		c->cap = cap;
	}
	f->credits[f->ncredits++] = *cr;
	return 0;
}

/* The payer's reference: structured (SCOR) first, else an RF in the
 * unstructured text. */
static void
remittance(struct ctx *c, const xmlNode *tx, struct bank_credit *cr)
{
	const xmlNode *rmt = child(c, tx, "RmtInf");
	char v[BANK_NAME_MAX + 1];

	if (rmt == NULL)
		return;
	for (const xmlNode *s = rmt->children; s != NULL; s = s->next) {
		if (!is(c, s, "Strd"))
			continue;
		text(path(c, s, "CdtrRefInf/Ref"), v, sizeof(v));
		if (v[0] != '\0') {
			snprintf(cr->remittance, sizeof(cr->remittance), "%s",
			    v);
			if (rf_parse(v, cr->rf) == 0)
				return;
		}
	}
	for (const xmlNode *u = rmt->children; u != NULL; u = u->next) {
		const char *p;

		if (!is(c, u, "Ustrd"))
			continue;
		text(u, v, sizeof(v));
		if (cr->remittance[0] == '\0')
			snprintf(cr->remittance, sizeof(cr->remittance), "%s",
			    v);
		/* people write "rf71 2348 231" too; only ASCII changes */
		for (char *q = v; *q != '\0'; q++)
			if (*q >= 'a' && *q <= 'z')
				*q = (char)(*q - 'a' + 'A');
		/* "RF18 5390 0754 7034" or "RF18539007547034" in the text */
		for (p = v; (p = strstr(p, "RF")) != NULL; p += 2) {
			char cand[RF_GROUPED_MAX + 1];
			size_t n = 0;

			for (const char *q = p; *q != '\0' && n < RF_GROUPED_MAX;
			    q++) {
				if (!((*q >= '0' && *q <= '9') || (*q >= 'A' &&
				    *q <= 'Z') || *q == ' '))
					break;
				cand[n++] = *q;
			}
			/* the longest prefix that is a valid reference */
			while (n > 4) {
				cand[n] = '\0';
				if (rf_parse(cand, cr->rf) == 0)
					return;
				n--;
			}
		}
	}
	cr->rf[0] = '\0';
}

static void
payer(struct ctx *c, const xmlNode *tx, struct bank_credit *cr)
{
	const xmlNode *n = path(c, tx, "RltdPties/Dbtr/Nm");

	if (n == NULL)
		n = path(c, tx, "RltdPties/Dbtr/Pty/Nm");
	text(n, cr->payer, sizeof(cr->payer));
}

static int
transaction(struct ctx *c, const xmlNode *ntry, const xmlNode *tx,
    size_t ntx, const char *date)
{
	struct bank_credit cr;
	const xmlNode *a, *ind, *r;

	memset(&cr, 0, sizeof(cr));
	memcpy(cr.booked, date, 11);
	cr.line = (unsigned)xmlGetLineNo(tx != NULL ? tx : ntry);
	/* A transaction of another direction inside a credit entry. */
	if (tx != NULL && (ind = child(c, tx, "CdtDbtInd")) != NULL) {
		char v[8];

		text(ind, v, sizeof(v));
		if (strcmp(v, "CRDT") != 0) {
			c->out->debits++;
			return 0;
		}
	}
	a = tx != NULL ? child(c, tx, "Amt") : NULL;
	if (a == NULL && tx != NULL)
		a = path(c, tx, "AmtDtls/TxAmt/Amt");
	if (a == NULL) {
		if (ntx > 1)
			return fail(c, tx, "TxDtls", NULL, "has no amount "
			    "(Amt or AmtDtls/TxAmt/Amt) and the entry holds "
			    "more than one transaction");
		a = child(c, ntry, "Amt");
	}
	if (a == NULL)
		return fail(c, ntry, "Ntry/Amt", NULL, "is missing");
	if (amount(c, a, "Amt", &cr.amount) != 0)
		return -1;
	/* The bank's reference for this very payment: it is how a file
	 * imported twice is recognised. */
	r = tx != NULL ? path(c, tx, "Refs/AcctSvcrRef") : NULL;
	if (r == NULL && tx != NULL)
		r = path(c, tx, "Refs/TxId");
	if (r == NULL && ntx <= 1)
		r = child(c, ntry, "AcctSvcrRef");
	if (r == NULL && tx != NULL)
		r = path(c, tx, "Refs/EndToEndId");
	if (r != NULL && text(r, cr.bank_ref, sizeof(cr.bank_ref)) != 0)
		return fail(c, r, "AcctSvcrRef", cr.bank_ref, "is longer than "
		    "35 characters");
	if (cr.bank_ref[0] == '\0' || strcmp(cr.bank_ref, "NOTPROVIDED") == 0)
		return fail(c, tx != NULL ? tx : ntry, tx != NULL ? "TxDtls" :
		    "Ntry", NULL, "has no reference of the bank's "
		    "(Refs/AcctSvcrRef, Refs/TxId or AcctSvcrRef) to recognise "
		    "the payment by");
	if (tx != NULL) {
		remittance(c, tx, &cr);
		payer(c, tx, &cr);
	}
	return push(c, &cr);
}

static int
entry(struct ctx *c, const xmlNode *ntry)
{
	const xmlNode *ind = child(c, ntry, "CdtDbtInd");
	char v[8], date[11];
	size_t ntx = 0;

	text(ind, v, sizeof(v));
	if (ind == NULL || (strcmp(v, "CRDT") != 0 && strcmp(v, "DBIT") != 0))
		return fail(c, ind != NULL ? ind : ntry, "Ntry/CdtDbtInd", v,
		    "is not CRDT or DBIT");
	if (strcmp(v, "DBIT") == 0) {
		c->out->debits++;
		return 0;
	}
	if (!is_booked(c, ntry)) {
		c->out->pending++;
		return 0;
	}
	if (booked(c, ntry, date) != 0)
		return -1;
	for (const xmlNode *d = child(c, ntry, "NtryDtls"); d != NULL;
	    d = d->next) {
		if (!is(c, d, "NtryDtls"))
			continue;
		for (const xmlNode *t = d->children; t != NULL; t = t->next)
			if (is(c, t, "TxDtls"))
				ntx++;
	}
	if (ntx == 0)
		return transaction(c, ntry, NULL, 0, date);
	for (const xmlNode *d = ntry->children; d != NULL; d = d->next) {
		if (!is(c, d, "NtryDtls"))
			continue;
		for (const xmlNode *t = d->children; t != NULL; t = t->next)
			if (is(c, t, "TxDtls") &&
			    transaction(c, ntry, t, ntx, date) != 0)
				return -1;
	}
	return 0;
}

/* One Ntfctn (camt.054) or Stmt (camt.053). */
static int
report(struct ctx *c, const xmlNode *rpt, const char *iban)
{
	const xmlNode *acct = path(c, rpt, "Acct/Id/IBAN");
	char v[64], compact[IBAN_MAX + 1];

	if (acct == NULL)
		return fail(c, rpt, "Acct/Id/IBAN", NULL, "is missing: the "
		    "account the payments were made to");
	if (text(acct, v, sizeof(v)) != 0 || iban_parse(v, compact) != 0)
		return fail(c, acct, "Acct/Id/IBAN", v, "is not an IBAN");
	if (iban != NULL && strcmp(compact, iban) != 0)
		return fail(c, acct, "Acct/Id/IBAN", v, "is not the "
		    "municipality's account (%s in the configuration)", iban);
	memcpy(c->out->iban, compact, sizeof(c->out->iban));
	for (const xmlNode *n = rpt->children; n != NULL; n = n->next)
		if (is(c, n, "Ntry") && entry(c, n) != 0)
			return -1;
	return 0;
}

static int
compare_refs(const void *a, const void *b)
{
	const struct bank_credit *x = *(const struct bank_credit *const *)a;
	const struct bank_credit *y = *(const struct bank_credit *const *)b;
	int r = strcmp(x->bank_ref, y->bank_ref);

	return r ? r : (x->line > y->line) - (x->line < y->line);
}

static int
unique_refs(struct ctx *c)
{
	struct bank_file *f = c->out;
	const struct bank_credit **v;
	const struct bank_credit *dup = NULL, *orig = NULL;

	if (f->ncredits < 2)
		return 0;
	if ((v = calloc(f->ncredits, sizeof(*v))) == NULL)
		return fail(c, NULL, "file", NULL, "out of memory");
	for (size_t i = 0; i < f->ncredits; i++)
		v[i] = &f->credits[i];
	qsort(v, f->ncredits, sizeof(*v), compare_refs);
	for (size_t i = 1; i < f->ncredits; i++)
		if (strcmp(v[i]->bank_ref, v[i - 1]->bank_ref) == 0 &&
		    (dup == NULL || v[i]->line < dup->line)) {
			size_t j = i - 1;

			while (j > 0 && strcmp(v[j - 1]->bank_ref,
			    v[i]->bank_ref) == 0)
				j--;
			dup = v[i];
			orig = v[j];
		}
	free(v);
	if (dup == NULL)
		return 0;
	snprintf(c->err, c->errsz, "%s:%u: AcctSvcrRef: \"%s\" appears again "
	    "(first on line %u)", c->name, dup->line, dup->bank_ref,
	    orig->line);
	return -1;
}

int
bank_parse(const char *name, const char *xml, size_t len, const char *iban,
    struct bank_file *out, char *err, size_t errsz)
{
	struct ctx c = { name, NULL, err, errsz, out, 0 };
	xmlParserCtxtPtr pc;
	xmlDocPtr doc = NULL;
	xmlNode *root, *body;
	const char *kind = NULL;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (len > BANK_FILE_MAX || len > (size_t)INT32_MAX) {
		snprintf(err, errsz, "%s: larger than %u MiB", name,
		    BANK_FILE_MAX >> 20);
		return -1;
	}
	if ((pc = xmlNewParserCtxt()) == NULL) {
		snprintf(err, errsz, "%s: out of memory", name);
		return -1;
	}
	doc = xmlCtxtReadMemory(pc, xml, (int)len, name, NULL, XML_PARSE_NONET |
	    XML_PARSE_BIG_LINES | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		const xmlError *e = xmlCtxtGetLastError(pc);

		snprintf(err, errsz, "%s:%d: not well-formed XML: %s", name,
		    e ? e->line : 0, e && e->message ? e->message : "?");
		/* libxml2's messages end with a line break */
		if (strlen(err) > 0 && err[strlen(err) - 1] == '\n')
			err[strlen(err) - 1] = '\0';
		goto out;
	}
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		const char *d = memmem(xml, len, "<!DOCTYPE", 9);
		unsigned line = 1;

		for (const char *p = xml; d != NULL && p < d; p++)
			line += *p == '\n';
		snprintf(err, errsz, "%s:%u: DOCTYPE: a document type "
		    "declaration is not allowed in a bank file", name, line);
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || root->ns == NULL || !xmlStrEqual(root->name,
	    (const xmlChar *)"Document")) {
		fail(&c, root, "Document", NULL, "is not an ISO 20022 "
		    "message (camt.054 or camt.053)");
		goto out;
	}
	c.ns = root->ns->href;
	if (xmlStrncmp(c.ns, (const xmlChar *)NS_054, strlen(NS_054)) == 0)
		kind = "BkToCstmrDbtCdtNtfctn";
	else if (xmlStrncmp(c.ns, (const xmlChar *)NS_053,
	    strlen(NS_053)) == 0)
		kind = "BkToCstmrStmt";
	if (kind == NULL) {
		fail(&c, root, "Document/@xmlns", (const char *)c.ns, "is not "
		    "camt.054 or camt.053");
		goto out;
	}
	if ((body = child(&c, root, kind)) == NULL) {
		fail(&c, root, kind, NULL, "is missing");
		goto out;
	}
	if (text(path(&c, body, "GrpHdr/MsgId"), out->msg_id,
	    sizeof(out->msg_id)) != 0 || out->msg_id[0] == '\0') {
		fail(&c, body, "GrpHdr/MsgId", out->msg_id, "is missing or "
		    "longer than 35 characters");
		goto out;
	}
	for (xmlNode *n = body->children; n != NULL; n = n->next)
		if ((is(&c, n, "Ntfctn") || is(&c, n, "Stmt")) &&
		    report(&c, n, iban) != 0)
			goto out;
	if (out->iban[0] == '\0') {
		fail(&c, body, kind, NULL, "holds no %s", strcmp(kind,
		    "BkToCstmrStmt") == 0 ? "Stmt" : "Ntfctn");
		goto out;
	}
	rc = unique_refs(&c);
out:
	if (doc != NULL)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(pc);
	if (rc != 0)
		bank_free(out);
	return rc;
}

int
bank_load(const char *path_, const char *name, const char *iban,
    struct bank_file *out, char *err, size_t errsz)
{
	FILE *fp;
	char *buf = NULL;
	long n;
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if ((fp = fopen(path_, "rb")) == NULL) {
		snprintf(err, errsz, "%s: cannot open: %s", name,
		    strerror(errno));
		return -1;
	}
	if (fseek(fp, 0, SEEK_END) != 0 || (n = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0)
		snprintf(err, errsz, "%s: cannot read: %s", name,
		    strerror(errno));
	else if ((unsigned long)n > BANK_FILE_MAX)
		snprintf(err, errsz, "%s: larger than %u MiB", name,
		    BANK_FILE_MAX >> 20);
	else if ((buf = malloc((size_t)n + 1)) == NULL)
		snprintf(err, errsz, "%s: out of memory", name);
	else if (fread(buf, 1, (size_t)n, fp) != (size_t)n)
		snprintf(err, errsz, "%s: cannot read: %s", name,
		    ferror(fp) ? strerror(errno) : "short read");
	else
		rc = bank_parse(name, buf, (size_t)n, iban, out, err, errsz);
	free(buf);
	fclose(fp);
	return rc;
}

void
bank_free(struct bank_file *f)
{
	free(f->credits);
	memset(f, 0, sizeof(*f));
}
