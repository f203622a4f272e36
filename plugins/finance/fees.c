/*
 * fees.c - the fees other departments charge for their requests (ABI
 * 2.2): finance's fee hook raises and looks them up (fin_fees, an RF code
 * of kind 2 on the fee's id), the bank's payment file pays them, and each
 * paid fee's department is told through host->fee_paid, once: a fee whose
 * telling failed is told on the next payments run.
 */
#include <stdio.h>
#include <string.h>

#include "dimos/kit/row.h"

#include "finance.h"
#include "rf.h"

#define host	fin_host

/* Copies at most size - 1 bytes of a column's text. */
static void
col_copy(char *dst, size_t size, const struct dm_value *c)
{
	size_t n = c->type == DM_V_TEXT ? c->len : 0;

	if (n >= size)
		n = size - 1;
	if (n > 0)
		memcpy(dst, c->s, n);
	dst[n] = '\0';
}

/* id, amount_cents, rf, paid_on [, plugin, request_id] */
static dm_status
fee_row(void *arg, const struct dm_value *c, size_t n)
{
	struct fin_fee *f = arg;

	if (n < 4)
		return DM_EINTERNAL;
	f->id = kit_col_int(&c[0]);
	f->fee.amount = kit_col_int(&c[1]);
	col_copy(f->fee.rf, sizeof(f->fee.rf), &c[2]);
	col_copy(f->fee.paid_on, sizeof(f->fee.paid_on), &c[3]);
	f->fee.paid = f->fee.paid_on[0] != '\0';
	if (n >= 6) {
		col_copy(f->plugin, sizeof(f->plugin), &c[4]);
		f->request_id = kit_col_int(&c[5]);
	}
	snprintf(f->fee.iban, sizeof(f->fee.iban), "%s", fin_conf.iban);
	snprintf(f->fee.beneficiary, sizeof(f->fee.beneficiary), "%s",
	    fin_conf.beneficiary);
	return DM_OK;
}

#define FEE_COLUMNS	"id, amount_cents, rf, DATE_FORMAT(paid_on, " \
			"'%Y-%m-%d')"

dm_status
fin_fee_load(struct dm_req *req, const char *plugin, long long request_id,
    int lock, struct fin_fee *out)
{
	struct dm_value v[] = { DM_VTEXT(plugin), DM_VINT(request_id) };
	dm_status st;

	memset(out, 0, sizeof(*out));
	st = host->db_query(req, lock ? "SELECT " FEE_COLUMNS " FROM fin_fees "
	    "WHERE plugin = ? AND request_id = ? FOR UPDATE" : "SELECT "
	    FEE_COLUMNS " FROM fin_fees WHERE plugin = ? AND request_id = ?",
	    v, 2, fee_row, out);
	if (st != DM_OK)
		return st;
	return out->id > 0 ? DM_OK : DM_ENOTFOUND;
}

dm_status
fin_fee_by_id(struct dm_req *req, long long id, struct fin_fee *out)
{
	struct dm_value v = DM_VINT(id);
	dm_status st;

	memset(out, 0, sizeof(*out));
	st = host->db_query(req, "SELECT " FEE_COLUMNS ", plugin, request_id "
	    "FROM fin_fees WHERE id = ?", &v, 1, fee_row, out);
	if (st != DM_OK)
		return st;
	return out->id > 0 ? DM_OK : DM_ENOTFOUND;
}

/* Raises the fee the ask names, in the caller's transaction. */
static dm_status
raise_fee(struct dm_req *req, const struct dm_fee_ask *ask,
    struct dm_fee *out)
{
	struct dm_value v[7];
	struct fin_fee f;
	char ref[24], rf[RF_MAX + 1];
	uint64_t id = 0;
	dm_status st;

	st = fin_fee_load(req, ask->plugin, ask->request_id, 1, &f);
	if (st == DM_OK) {
		*out = f.fee;
		return f.fee.amount == ask->amount ? DM_OK : DM_ECONFLICT;
	}
	if (st != DM_ENOTFOUND)
		return st;
	v[0] = DM_VTEXT(ask->plugin);
	v[1] = DM_VINT(ask->request_id);
	v[2] = DM_VTEXT(ask->protocol != NULL ? ask->protocol : "");
	v[3] = DM_VTEXT(ask->afm);
	v[4] = DM_VINT(ask->amount);
	v[5] = DM_VTEXT(ask->purpose_el);
	v[6] = DM_VTEXT(ask->purpose_en != NULL ? ask->purpose_en :
	    ask->purpose_el);
	if ((st = host->db_exec(req, "INSERT INTO fin_fees (plugin, "
	    "request_id, protocol, afm, amount_cents, purpose_el, purpose_en) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?)", v, 7, NULL, &id)) != DM_OK)
		return st;
	snprintf(ref, sizeof(ref), "%llu", (unsigned long long)id);
	if (rf_scheme(fin_conf.prefix, RF_KIND_FEE, ref, rf) != 0) {
		host->log(fin_self, DM_LOG_ERROR, "fee %s: no RF code with "
		    "prefix %s", ref, fin_conf.prefix);
		return DM_EINTERNAL;
	}
	v[0] = DM_VTEXT(rf);
	v[1] = DM_VINT((long long)id);
	if ((st = host->db_exec(req, "UPDATE fin_fees SET rf = ? WHERE id = ?",
	    v, 2, NULL, NULL)) != DM_OK)
		return st;
	return fin_fee_load(req, ask->plugin, ask->request_id, 0, &f) ==
	    DM_OK ? (*out = f.fee, DM_OK) : DM_EINTERNAL;
}

dm_status
fin_fee(struct dm_req *req, const struct dm_fee_ask *ask, struct dm_fee *out)
{
	struct fin_fee f;
	dm_status st;

	if (ask == NULL || ask->plugin == NULL || ask->request_id <= 0 ||
	    ask->amount < 0)
		return DM_EINPUT;
	if (ask->amount > 0)
		return ask->purpose_el == NULL ? DM_EINPUT :
		    raise_fee(req, ask, out);
	if ((st = fin_fee_load(req, ask->plugin, ask->request_id, 0, &f)) ==
	    DM_OK)
		*out = f.fee;
	return st;
}

/* plugin, request_id and the fee of one paid, untold fee. */
struct untold {
	long long	 id, request_id;
	char		 plugin[33];
};

struct untold_list {
	struct untold	 v[256];
	size_t		 n;
};

static dm_status
untold_row(void *arg, const struct dm_value *c, size_t n)
{
	struct untold_list *l = arg;

	if (n < 3 || l->n == sizeof(l->v) / sizeof(l->v[0]))
		return DM_OK;
	l->v[l->n].id = kit_col_int(&c[0]);
	col_copy(l->v[l->n].plugin, sizeof(l->v[l->n].plugin), &c[1]);
	l->v[l->n].request_id = kit_col_int(&c[2]);
	l->n++;
	return DM_OK;
}

int
fin_fees_tell(size_t *told, size_t *failed)
{
	static struct untold_list l;
	dm_status st;

	*told = *failed = 0;
	do {
		struct dm_value skip = DM_VINT((long long)*failed);

		l.n = 0;
		/* The oldest first; those failing stay for the next run. */
		st = host->db_query(NULL, "SELECT id, plugin, request_id FROM "
		    "fin_fees WHERE paid_on IS NOT NULL AND notified_at IS NULL "
		    "ORDER BY id LIMIT 256 OFFSET ?", &skip, 1, untold_row,
		    &l);
		if (st != DM_OK)
			return -1;
		for (size_t i = 0; i < l.n; i++) {
			struct dm_value v = DM_VINT(l.v[i].id);
			struct fin_fee f;

			if (fin_fee_load(NULL, l.v[i].plugin,
			    l.v[i].request_id, 0, &f) != DM_OK ||
			    host->fee_paid(fin_self, NULL, l.v[i].plugin,
			    l.v[i].request_id, &f.fee) != DM_OK) {
				fprintf(stderr, "finance: fee %s of %s request "
				    "%lld is paid but its department could not "
				    "be told; the next run tries again\n",
				    f.fee.rf, l.v[i].plugin,
				    l.v[i].request_id);
				(*failed)++;
				continue;
			}
			if (host->db_exec(NULL, "UPDATE fin_fees SET "
			    "notified_at = UTC_TIMESTAMP(6) WHERE id = ?", &v,
			    1, NULL, NULL) != DM_OK)
				return -1;
			(*told)++;
		}
	} while (l.n == sizeof(l.v) / sizeof(l.v[0]));
	return 0;
}
