#!/usr/bin/env python3
"""generate.py - invented demo data of the finance and water departments
of Δήμος Βισαλτίας.

Owns the demo data of both plugins, so that what a person owes (finance)
and the water supplies they hold (water) agree: an unpaid water bill is
also a receivable of kind "water". Deterministic (fixed seed), Python 3
standard library. Everything is dated relative to --today (default: the
real today), so that a debt "due next month" stays due next month on the
day the demo stack starts; the random draws do not depend on the date.

    plugins/finance/demo/generate.py [--today YYYY-MM-DD]
        [--finance-out DIR] [--water-out DIR] [--prefix DIGITS]
        [--iban IBAN]

writes receivables.csv, arrangements.csv, properties.csv and a sample bank
file payments.xml (ISO 20022 camt.054) into --finance-out (default: next to
itself), and supplies.csv, readings.csv, bills.csv and parcels.csv into
--water-out (default: plugins/water/demo). The committed copies were
written with --today 2026-03-02 (REFERENCE below), which the unit tests
use as their today.

The debtors are the living people with an AFM of the civil registry's demo
(plugins/civil_registry/demo), at their family's address. The people of
the test TaxisNet provider (tests/oauth-users.json) are placed by hand
(see FIXED and the READMEs); everybody else is random but plausible.
"""

import argparse
import csv
import datetime
import json
import os
import random

SEED = 20260302
REFERENCE = datetime.date(2026, 3, 2)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
REGISTRY = os.path.join(ROOT, "plugins", "civil_registry", "demo")
WATER_DIR = os.path.join(ROOT, "plugins", "water", "demo")

PREFIX = "5105"		# [plugin.finance] rf_prefix of the demo
IBAN = "GR2301102500000025004012340"

# Cadastral codes of the municipal units (regional unit 42, then the
# unit's cadastral area), invented; ΚΑΕΚ = these 5 digits + 7 more.
KAEK_AREA = {"Νιγρίτα": "42118", "Βισαλτία": "42104", "Αχινός": "42102",
	"Τράγιλος": "42121"}

VILLAGE_UNIT = {
	"Νιγρίτα": "Νιγρίτα", "Τερπνή": "Νιγρίτα", "Θερμά": "Νιγρίτα",
	"Ανθή": "Νιγρίτα", "Φλάμπουρο": "Νιγρίτα", "Σησαμία": "Βισαλτία",
	"Δημητρίτσι": "Βισαλτία", "Βέργη": "Βισαλτία",
	"Τριανταφυλλιά": "Βισαλτία", "Αγία Παρασκευή": "Βισαλτία",
	"Λυγαριά": "Βισαλτία", "Αχινός": "Αχινός", "Σιτοχώρι": "Αχινός",
	"Δάφνη": "Αχινός", "Ζερβοχώρι": "Αχινός", "Λευκότοπος": "Αχινός",
	"Πατρική": "Αχινός", "Χουμνικό": "Αχινός",
	"Μαυροθάλασσα": "Τράγιλος", "Αηδονοχώρι": "Τράγιλος",
}

FIELD_NAMES = ["Κάμπος", "Λιβάδια", "Μεγάλο Χωράφι", "Αλώνια", "Βρύση",
	"Παλιά Γέφυρα", "Λάκκα", "Ρέμα", "Πλατάνια", "Καλύβια", "Τούμπα",
	"Στρυμόνας", "Αμπελάκια", "Ίσιωμα"]

# What a person can owe the municipality directly (the revenue system).
FEES = [
	("fee", "Δικαίωμα χρήσης οικογενειακού τάφου {y}", 4000, 12000),
	("fee", "Τροφεία παιδικού σταθμού, {m} {y}", 4500, 9000),
	("fee", "Τέλος ανακομιδής οστών", 6000, 9000),
	("fine", "Πρόστιμο στάθμευσης (Κ.Ο.Κ.), κλήση {n}", 4000, 8000),
	("fine", "Πρόστιμο για απόρριψη ογκωδών αντικειμένων", 10000, 30000),
	("other", "Επιστροφή αχρεωστήτως καταβληθέντος επιδόματος", 5000,
	    25000),
]
BUSINESS_FEES = [
	("fee", "Τέλος κοινόχρηστων χώρων (τραπεζοκαθίσματα) {y}", 30000,
	    90000),
	("fee", "Τέλος διαφήμισης (πινακίδα καταστήματος) {y}", 5000, 15000),
	("fee", "Τέλος 0,5% επί των ακαθάριστων εσόδων, {m} {y}", 2000, 12000),
]
MONTHS = ["Ιανουάριος", "Φεβρουάριος", "Μάρτιος", "Απρίλιος", "Μάιος",
	"Ιούνιος", "Ιούλιος", "Αύγουστος", "Σεπτέμβριος", "Οκτώβριος",
	"Νοέμβριος", "Δεκέμβριος"]

# The businesses; the first two are legal entities of the test TaxisNet
# provider (tests/oauth-users.json: "fournos" owes nothing overdue,
# "kafeneio" owes), which logs them in with their AFM and legal name: the
# café's AFM is the one the seed draws for it, checked by taxis_check().
BUSINESSES = [
	# afm, name, address, unit, situation
	("998000125", "ΦΟΥΡΝΟΣ ΝΙΓΡΙΤΑΣ Ο.Ε.", "Μεγάλου Αλεξάνδρου 31, Νιγρίτα",
	    "Νιγρίτα", "clear"),
	(None, "ΚΑΦΕΝΕΙΟ Η ΠΛΑΤΕΙΑ ΙΚΕ", "Πλατεία Ελευθερίας 2, Νιγρίτα",
	    "Νιγρίτα", "owes"),
	(None, "ΑΓΡΟΤΙΚΟΣ ΣΥΝΕΤΑΙΡΙΣΜΟΣ ΑΧΙΝΟΥ", "Εθνικής Αντίστασης 4, Αχινός",
	    "Αχινός", "clear"),
	(None, "ΘΕΡΜΑ ΝΙΓΡΙΤΑΣ ΤΟΥΡΙΣΤΙΚΗ Α.Ε.", "Ιαματικών Πηγών 1, Θερμά",
	    "Νιγρίτα", "owes"),
]

# The TaxisNet test people: who they are and how they stand. Their
# addresses come from the civil registry when they are in it.
FIXED = {
	"126018150": dict(user="papadopoulos", situation="current",
	    farmer=False),
	# in the registry without an AFM: her family's address by hand
	"083016618": dict(user="georgiou", situation="owes", farmer=False,
	    name="ΓΕΩΡΓΙΟΥ ΕΛΕΝΗ", address="Στρυμόνος 17, Βέργη",
	    unit="Βισαλτία"),
	"018609131": dict(user="konstantinidou", situation="nothing",
	    farmer=False),
	"099603082": dict(user="nikolaou", situation="arranged", farmer=True),
	"046281947": dict(user="vasileiou", situation="tap", farmer=False),
	"019935180": dict(user="karagiannis", situation="clear", farmer=True,
	    name="ΚΑΡΑΓΙΑΝΝΗΣ ΑΘΑΝΑΣΙΟΣ", address="Ηρώων 14, Αχινός",
	    unit="Αχινός"),
	"090937864": dict(user="makri", situation="nothing", farmer=False,
	    name="ΜΑΚΡΗ ΧΡΙΣΤΙΝΑ"),
	"179754321": dict(user="oikonomou", situation="lapsed", farmer=False,
	    name="ΟΙΚΟΝΟΜΟΥ ΠΑΝΑΓΙΩΤΗΣ", address="Σερρών 40, Νιγρίτα",
	    unit="Νιγρίτα"),
	"019487575": dict(user="dimitriou", situation="water", farmer=False,
	    name="ΔΗΜΗΤΡΙΟΥ ΑΝΑΣΤΑΣΙΑ", address="Αγίου Γεωργίου 7, Σησαμία",
	    unit="Βισαλτία"),
	"191186254": dict(user="theodorou", situation="fine", farmer=False,
	    name="ΘΕΟΔΩΡΟΥ ΜΙΧΑΗΛ", address="Κύπρου 22, Νιγρίτα",
	    unit="Νιγρίτα"),
}


def afm_ok(a):
	s = sum(int(a[i]) * 2 ** (8 - i) for i in range(8))
	return s % 11 % 10 == int(a[8])


def new_afm(rng, used):
	while True:
		d8 = "%08d" % rng.randrange(10000000, 99999999)
		s = sum(int(d8[i]) * 2 ** (8 - i) for i in range(8))
		a = d8 + str(s % 11 % 10)
		if a not in used:
			used.add(a)
			return a


def upper_plain(s):
	"""Capitals without accents, as GSIS and the revenue system write."""
	table = str.maketrans("άέήίόύώϊϋΐΰς", "αεηιουωιυιυσ")
	return s.translate(table).upper()


def money(cents):
	return "%d.%02d" % (cents // 100, cents % 100)


def rf_of(body):
	n = int("".join(str(int(c, 36)) for c in body + "RF00"))
	return "RF%02d%s" % (98 - n % 97, body)


def round_div(a, b):
	return (a + b // 2) // b


class World:
	def __init__(self, today):
		self.today = today
		self.rng = random.Random(SEED)
		self.used_afm = set()
		self.receivables = []
		self.arrangements = []
		self.properties = []
		self.supplies = []
		self.readings = []
		self.bills = []
		self.parcels = []
		self.debtor_no = 0
		self.supply_no = {u: 0 for u in KAEK_AREA}
		self.kaek_no = {u: 0 for u in KAEK_AREA}
		self.bill_no = 0
		self.meter_no = 0

	def day(self, offset):
		return (self.today + datetime.timedelta(days=offset)).isoformat()

	# ------------------------------------------------------- finance
	def ref(self, year_offset=0):
		self.debtor_no += 1
		year = (REFERENCE.year + year_offset) % 100
		return "%02d%06d" % (year, 100000 + self.debtor_no * 7)

	def debt(self, p, kind, text, cents, issued, due, paid=0, **extra):
		row = dict(ref=extra.pop("ref", None) or self.ref(), afm=p["afm"],
		    debtor=p["name"], kind=kind, description=text,
		    amount=money(cents), paid=money(paid) if paid else "",
		    issued=self.day(issued), due=self.day(due), kaek="",
		    power_supply="", arrangement="", instalment="")
		row.update(extra)
		self.receivables.append(row)
		return row

	def fee_text(self, tpl, issued):
		"""The text of a fee issued `issued` days from today: the year
		and month it was for are the ones before it was issued."""
		d = self.today + datetime.timedelta(days=issued - 20)
		return tpl.format(y=d.year, m=MONTHS[d.month - 1],
		    n="%07d" % self.rng.randrange(1000000, 9999999))

	def random_fee(self, p, overdue, paid_in_full=False, table=FEES):
		kind, tpl, lo, hi = self.rng.choice(table)
		cents = self.rng.randrange(lo, hi, 50)
		if overdue:
			issued = -self.rng.randint(120, 500)
			due = issued + self.rng.choice([30, 60, 90])
		else:
			issued = -self.rng.randint(5, 40)
			due = issued + self.rng.choice([60, 90])
			if due <= 0:
				due = self.rng.randint(10, 60)
		return self.debt(p, kind, self.fee_text(tpl, issued), cents,
		    issued, due,
		    paid=cents if paid_in_full else 0)

	def prop(self, p, unit, address):
		self.kaek_no[unit] += 1
		kaek = "%s%02d%02d%03d" % (KAEK_AREA[unit],
		    self.rng.randint(1, 40), self.rng.randint(1, 60),
		    self.kaek_no[unit])
		power = "%d%08d%02d%d" % (self.rng.randint(1, 4),
		    self.rng.randrange(10000000, 99999999),
		    self.rng.randint(1, 20), self.rng.randint(0, 9))
		area = self.rng.randrange(4500, 18000, 5)
		row = dict(kaek=kaek, power_supply=power, address=address,
		    unit=unit, area="%d.%02d" % (area // 100, area % 100),
		    owner_afm=p["afm"])
		self.properties.append(row)
		return row

	def tap(self, p, prop, year_offset, overdue, paid=False):
		# ΤΑΠ = area × zone value × 0.35 ‰; the zone value is invented
		area = int(prop["area"].replace(".", ""))
		cents = round_div(area * 850 * 35, 100 * 1000)
		year = REFERENCE.year + year_offset
		issued = -self.rng.randint(200, 300) if overdue else \
		    -self.rng.randint(10, 30)
		due = issued + 60 if overdue else self.rng.randint(30, 90)
		return self.debt(p, "tap", "ΤΑΠ %d, ακίνητο %s" % (year,
		    prop["address"]), cents, issued, due,
		    paid=cents if paid else 0, kaek=prop["kaek"],
		    power_supply=prop["power_supply"])

	def arrangement(self, p, status, n, paid_count, late):
		ref = "R%s" % self.ref()[2:]
		total = self.rng.randrange(60000, 240000, 100)
		decided = -(paid_count + late) * 30 - 20
		self.arrangements.append(dict(ref=ref, afm=p["afm"],
		    decided=self.day(decided), instalments=n, total=money(total),
		    status=status))
		regular = total // n
		first = regular + total % n
		for i in range(n):
			cents = first if i == 0 else regular
			due = decided + 30 * (i + 1)
			paid = cents if i < paid_count else 0
			self.debt(p, "instalment", "Δόση %d/%d ρύθμισης %s" % (i + 1,
			    n, ref), cents, decided, due, paid=paid,
			    arrangement=ref, instalment=str(i + 1))
		return ref

	# --------------------------------------------------------- water
	def supply(self, p, unit, address, kind="water", use="household",
	    meter=True, status="active"):
		self.supply_no[unit] += 1
		unit_digit = {"Νιγρίτα": 1, "Βισαλτία": 2, "Αχινός": 3,
		    "Τράγιλος": 4}[unit]
		no = "%d%d%05d" % ({"water": 1, "sewer": 2, "irrigation": 3}[kind],
		    unit_digit, 100 + self.supply_no[unit] * 3)
		row = dict(supply=no, afm=p["afm"], holder=p["name"], type=kind,
		    address=address, unit=unit, meter=self.meter() if meter
		    else "", use=use, status=status,
		    since=self.day(-self.rng.randint(1500, 9000)))
		self.supplies.append(row)
		return row

	def meter(self):
		self.meter_no += 1
		return "MB%02d-%06d" % (self.rng.randint(12, 22),
		    100000 + self.meter_no * 13)

	def reading_dates(self):
		"""Readings every four months, the last one 1-3 weeks ago."""
		last = -self.rng.randint(7, 21)
		return [last - 121 * k for k in range(9, -1, -1)]

	def tariff(self, m3, use, sewer):
		if use == "household":
			fixed, cents = 600, 0
			for lo, hi, rate in ((0, 30, 40), (30, 60, 65),
			    (60, 100, 95), (100, 10 ** 9, 140)):
				if m3 > lo:
					cents += (min(m3, hi) - lo) * rate
		else:
			fixed, cents = 1200, m3 * 95
		water = fixed + cents
		total = water + round_div(water * 13, 100)
		if sewer:
			total += m3 * 30
		return total

	def water_history(self, s, p, sewer, unpaid_overdue=0,
	    meter_change=False, per_day=None):
		dates = self.reading_dates()
		value = self.rng.randint(50, 3000)
		per_day = per_day or self.rng.uniform(0.15, 0.55)
		# after a meter change the supply's meter is the new one
		meter = self.meter() if meter_change else s["meter"]
		history = []
		for i, d in enumerate(dates):
			if i > 0:
				season = 1.35 if (self.today + datetime.timedelta(
				    days=d)).month in (9, 10) else 1.0
				value += int(121 * per_day * season *
				    self.rng.uniform(0.8, 1.2))
			if meter_change and i == len(dates) - 4:
				# the old meter taken off and a new one fitted
				old = meter
				meter = s["meter"]
				final = value - int(121 * per_day * 0.4)
				self.readings.append(dict(supply=s["supply"],
				    date=self.day(d - 40), value=final, meter=old,
				    kind="final"))
				history.append((d - 40, final, old, "final"))
				self.readings.append(dict(supply=s["supply"],
				    date=self.day(d - 40), value=0, meter=meter,
				    kind="initial"))
				history.append((d - 40, 0, meter, "initial"))
				value = int(121 * per_day * 0.4)
			self.readings.append(dict(supply=s["supply"],
			    date=self.day(d), value=value, meter=meter,
			    kind="regular"))
			history.append((d, value, meter, "regular"))
		# a bill per period between readings, issued a week after
		start = None
		acc = 0
		prev = None
		bills = []
		for d, v, m, kind in history:
			if prev is not None and kind != "initial":
				if prev[2] == m:
					acc += v - prev[1]
			if kind == "regular":
				if start is not None:
					bills.append((start, d, acc))
				start = d
				acc = 0
			prev = (d, v, m, kind)
		for i, (a, b, m3) in enumerate(bills):
			self.bill_no += 1
			amount = self.tariff(m3, s["use"], sewer)
			issued = b + 7
			due = issued + 30
			# the last bill is not due yet; unpaid_overdue before it
			# are late
			unpaid = i >= len(bills) - 1 - unpaid_overdue
			row = dict(bill="%07d" % (2000000 + self.bill_no * 11),
			    supply=s["supply"], period_from=self.day(a),
			    period_to=self.day(b), consumption=m3,
			    amount=money(amount), issued=self.day(issued),
			    due=self.day(due), paid="" if unpaid else
			    money(amount))
			self.bills.append(row)
			if unpaid:
				self.debt(p, "water", "Λογαριασμός ύδρευσης %s, "
				    "παροχή %s (%d m³)" % (row["bill"], s["supply"],
				    m3), amount, issued, due,
				    ref="W" + row["bill"])

	def parcel(self, p, unit, by_kaek, supply):
		area = self.rng.randrange(25, 400) * 5
		row = dict(afm=p["afm"], kaek="", name="", unit=unit,
		    area="%d.%d" % (area // 10, area % 10),
		    supply=supply["supply"] if supply else "")
		if by_kaek:
			self.kaek_no[unit] += 1
			row["kaek"] = "%s%02d%02d%03d" % (KAEK_AREA[unit],
			    self.rng.randint(41, 90), self.rng.randint(1, 60),
			    self.kaek_no[unit])
		else:
			row["name"] = "Θέση %s" % self.rng.choice(FIELD_NAMES)
			while any(x["afm"] == p["afm"] and x["name"] ==
			    row["name"] for x in self.parcels):
				row["name"] = "Θέση %s" % self.rng.choice(
				    FIELD_NAMES)
		self.parcels.append(row)
		return row


def load_registry():
	families = {}
	with open(os.path.join(REGISTRY, "families.csv"), encoding="utf-8") as f:
		for r in csv.DictReader(f):
			families[r["merida"]] = r
	people = []
	with open(os.path.join(REGISTRY, "persons.csv"), encoding="utf-8") as f:
		for r in csv.DictReader(f):
			if not r["afm"] or r["status"] == "deceased":
				continue
			fam = families[r["merida"]]
			village = fam["address"].rsplit(", ", 1)[-1]
			people.append(dict(afm=r["afm"], name=upper_plain(
			    "%s %s" % (r["surname"], r["name"])),
			    address=fam["address"], unit=VILLAGE_UNIT.get(
			    village, fam["unit"]), relation=r["relation"],
			    merida=r["merida"], birth=r["birth_date"]))
	return people


def build(today):
	w = World(today)
	people = load_registry()
	by_afm = {p["afm"]: p for p in people}
	for p in people:
		w.used_afm.add(p["afm"])
	fixed = []
	for afm, f in FIXED.items():
		p = by_afm.get(afm)
		if p is None:
			p = dict(afm=afm, name=f["name"], address=f.get("address",
			    "Σερρών 3, Νιγρίτα"), unit=f.get("unit", "Νιγρίτα"),
			    relation="head")
			w.used_afm.add(afm)
		fixed.append((p, f))

	# ------------------------------------------------ the fixed people
	for p, f in fixed:
		s = f["situation"]
		unit, address = p["unit"], p["address"]
		if s == "nothing":
			continue
		home = w.prop(p, unit, address)
		ws = w.supply(p, unit, address)
		sewer = unit == "Νιγρίτα"
		if sewer:
			w.supply(p, unit, address, kind="sewer", meter=False)
		if s == "current":
			# owes nothing overdue; this year's ΤΑΠ and the last
			# water bill are not due yet (payment codes to show)
			w.tap(p, home, -1, overdue=True, paid=True)
			w.tap(p, home, 0, overdue=False)
			w.random_fee(p, overdue=True, paid_in_full=True)
			w.water_history(ws, p, sewer)
		elif s == "owes":
			w.debt(p, "fine", "Πρόστιμο στάθμευσης (Κ.Ο.Κ.), κλήση "
			    "4410587", 8000, -140, -95)
			w.tap(p, home, -1, overdue=True, paid=True)
			w.water_history(ws, p, sewer, unpaid_overdue=1)
		elif s == "arranged":
			w.arrangement(p, "active", 12, 4, 1)
			w.tap(p, home, -1, overdue=True, paid=True)
			w.water_history(ws, p, sewer)
		elif s == "tap":
			w.tap(p, home, -1, overdue=True)
			w.water_history(ws, p, sewer)
		elif s == "clear":
			w.random_fee(p, overdue=True, paid_in_full=True)
			w.water_history(ws, p, sewer)
		elif s == "lapsed":
			w.arrangement(p, "lapsed", 10, 2, 3)
			w.water_history(ws, p, sewer)
		elif s == "water":
			w.water_history(ws, p, sewer, unpaid_overdue=1,
			    meter_change=True)
		elif s == "fine":
			w.debt(p, "fine", "Πρόστιμο στάθμευσης (Κ.Ο.Κ.), κλήση "
			    "4410903", 4000, -60, -30)
			w.water_history(ws, p, sewer)
		if f["farmer"]:
			irr = w.supply(p, unit, "Αγρόκτημα %s" % unit,
			    kind="irrigation", use="agricultural", meter=False)
			w.parcel(p, unit, True, irr)
			w.parcel(p, unit, True, irr)
			w.parcel(p, unit, False, irr)

	# --------------------------------------------------- the others
	placed = {afm for afm in FIXED}
	heads = [p for p in people if p["afm"] not in placed]
	for p in heads:
		if p["relation"] == "head" or w.rng.random() < 0.15:
			home = w.prop(p, p["unit"], p["address"])
			ws = w.supply(p, p["unit"], p["address"])
			sewer = p["unit"] == "Νιγρίτα"
			if sewer:
				w.supply(p, p["unit"], p["address"], kind="sewer",
				    meter=False)
			late = 1 if w.rng.random() < 0.15 else 0
			w.water_history(ws, p, sewer, unpaid_overdue=late)
			w.tap(p, home, -1, overdue=True,
			    paid=w.rng.random() < 0.9)
		r = w.rng.random()
		if r < 0.25:
			w.random_fee(p, overdue=True)
		elif r < 0.55:
			w.random_fee(p, overdue=True, paid_in_full=True)
		elif r < 0.65:
			w.random_fee(p, overdue=False)
		if w.rng.random() < 0.04:
			w.arrangement(p, w.rng.choice(["active", "active",
			    "completed"]), w.rng.choice([6, 12, 24]),
			    w.rng.randint(1, 5), 0)
		if w.rng.random() < 0.08:
			irr = w.supply(p, p["unit"], "Αγρόκτημα %s" % p["unit"],
			    kind="irrigation", use="agricultural", meter=False)
			for _ in range(w.rng.randint(1, 3)):
				w.parcel(p, p["unit"], w.rng.random() < 0.6, irr)

	# ------------------------------------------------- businesses
	for afm, name, address, unit, situation in BUSINESSES:
		b = dict(afm=afm or new_afm(w.rng, w.used_afm), name=name)
		w.used_afm.add(b["afm"])
		ws = w.supply(b, unit, address, use="commercial")
		w.water_history(ws, b, unit == "Νιγρίτα",
		    unpaid_overdue=1 if situation == "owes" else 0,
		    per_day=w.rng.uniform(0.8, 2.5))
		for _ in range(2):
			w.random_fee(b, overdue=True, paid_in_full=True,
			    table=BUSINESS_FEES)
		if situation == "owes":
			w.random_fee(b, overdue=True, table=BUSINESS_FEES)
		else:
			w.random_fee(b, overdue=False, table=BUSINESS_FEES)
	return w


def taxis_check(w):
	"""Every legal entity of the test TaxisNet provider that the demo
	data names (by AFM or by legal name) is a debtor here under both, as
	GSIS spells them, so that the business that logs in sees its own
	debts; SystemExit otherwise. The provider's failure cases (a name too
	long for an account) are in no demo data."""
	with open(os.path.join(ROOT, "tests", "oauth-users.json"),
	    encoding="utf-8") as f:
		users = json.load(f)["users"]
	names = {}
	for r in w.receivables:
		names.setdefault(r["afm"], r["debtor"])
	for u in users:
		if u.get("entity") != "legal" or (u["taxid"] not in names and
		    u["lastname"] not in names.values()):
			continue
		if names.get(u["taxid"]) != u["lastname"]:
			raise SystemExit("generate.py: the TaxisNet legal entity "
			    "%s (%s, %s) is not a debtor of the demo data under "
			    "that AFM and name" % (u["username"], u["taxid"],
			    u["lastname"]))


def payments_xml(w, prefix, iban):
	"""A bank notification paying a few demo debts, as the bank sends it:
	theodorou's fine in full, part of the café's fee, one payment with a
	reference that is not the municipality's, and a debit entry."""
	def find(pred):
		return next(r for r in w.receivables if pred(r))

	fine = find(lambda r: r["afm"] == "191186254" and r["kind"] == "fine")
	cafe = find(lambda r: r["debtor"].startswith("ΚΑΦΕΝΕΙΟ") and
	    not r["paid"] and r["kind"] == "fee")
	booked = w.day(-1)
	half = int(cafe["amount"].replace(".", "")) // 2
	tx = [
		(rf_of(prefix + "1" + fine["ref"]), fine["amount"], "ΘΕΟΔΩΡΟΥ "
		    "ΜΙΧΑΗΛ", "DEMO-0001"),
		(rf_of(prefix + "1" + cafe["ref"]), money(half), cafe["debtor"],
		    "DEMO-0002"),
		("RF18539007547034", "25.00", "ΑΓΝΩΣΤΟΣ ΠΛΗΡΩΤΗΣ", "DEMO-0003"),
	]
	out = ['<?xml version="1.0" encoding="UTF-8"?>',
	    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">',
	    '  <BkToCstmrDbtCdtNtfctn>',
	    '    <GrpHdr>',
	    '      <MsgId>DEMO-%s</MsgId>' % booked.replace("-", ""),
	    '      <CreDtTm>%sT18:00:00+02:00</CreDtTm>' % booked,
	    '    </GrpHdr>',
	    '    <Ntfctn>',
	    '      <Id>DEMO-NTF-%s</Id>' % booked.replace("-", ""),
	    '      <CreDtTm>%sT18:00:00+02:00</CreDtTm>' % booked,
	    '      <Acct>',
	    '        <Id><IBAN>%s</IBAN></Id>' % iban,
	    '        <Ccy>EUR</Ccy>',
	    '      </Acct>']
	for rf, amount, payer, ref in tx:
		out += [
		    '      <Ntry>',
		    '        <Amt Ccy="EUR">%s</Amt>' % amount,
		    '        <CdtDbtInd>CRDT</CdtDbtInd>',
		    '        <Sts><Cd>BOOK</Cd></Sts>',
		    '        <BookgDt><Dt>%s</Dt></BookgDt>' % booked,
		    '        <ValDt><Dt>%s</Dt></ValDt>' % booked,
		    '        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd>'
		    '<SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>',
		    '        <NtryDtls>',
		    '          <TxDtls>',
		    '            <Refs><AcctSvcrRef>%s</AcctSvcrRef>' % ref,
		    '              <EndToEndId>NOTPROVIDED</EndToEndId></Refs>',
		    '            <Amt Ccy="EUR">%s</Amt>' % amount,
		    '            <CdtDbtInd>CRDT</CdtDbtInd>',
		    '            <RltdPties><Dbtr><Pty><Nm>%s</Nm></Pty></Dbtr>'
		    '</RltdPties>' % payer,
		    '            <RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry>'
		    '<Cd>SCOR</Cd></CdOrPrtry></Tp>',
		    '              <Ref>%s</Ref></CdtrRefInf></Strd></RmtInf>' % rf,
		    '          </TxDtls>',
		    '        </NtryDtls>',
		    '      </Ntry>']
	out += [
	    '      <Ntry>',
	    '        <Amt Ccy="EUR">1.50</Amt>',
	    '        <CdtDbtInd>DBIT</CdtDbtInd>',
	    '        <Sts><Cd>BOOK</Cd></Sts>',
	    '        <BookgDt><Dt>%s</Dt></BookgDt>' % booked,
	    '        <AcctSvcrRef>DEMO-FEE-1</AcctSvcrRef>',
	    '      </Ntry>',
	    '    </Ntfctn>',
	    '  </BkToCstmrDbtCdtNtfctn>',
	    '</Document>', '']
	return "\n".join(out)


def write(path, fields, rows):
	with open(path, "w", encoding="utf-8", newline="") as f:
		out = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
		out.writeheader()
		for r in rows:
			out.writerow(r)


def main():
	ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
	ap.add_argument("--today", default=datetime.date.today().isoformat())
	ap.add_argument("--finance-out", default=HERE)
	ap.add_argument("--water-out", default=WATER_DIR)
	ap.add_argument("--prefix", default=PREFIX)
	ap.add_argument("--iban", default=IBAN)
	a = ap.parse_args()
	w = build(datetime.date.fromisoformat(a.today))
	taxis_check(w)
	os.makedirs(a.finance_out, exist_ok=True)
	os.makedirs(a.water_out, exist_ok=True)
	write(os.path.join(a.finance_out, "properties.csv"), ["kaek",
	    "power_supply", "address", "unit", "area", "owner_afm"],
	    w.properties)
	write(os.path.join(a.finance_out, "arrangements.csv"), ["ref", "afm",
	    "decided", "instalments", "total", "status"], w.arrangements)
	write(os.path.join(a.finance_out, "receivables.csv"), ["ref", "afm",
	    "debtor", "kind", "description", "amount", "paid", "issued", "due",
	    "kaek", "power_supply", "arrangement", "instalment"],
	    w.receivables)
	with open(os.path.join(a.finance_out, "payments.xml"), "w",
	    encoding="utf-8") as f:
		f.write(payments_xml(w, a.prefix, a.iban))
	write(os.path.join(a.water_out, "supplies.csv"), ["supply", "afm",
	    "holder", "type", "address", "unit", "meter", "use", "status",
	    "since"], w.supplies)
	write(os.path.join(a.water_out, "readings.csv"), ["supply", "date",
	    "value", "meter", "kind"], w.readings)
	write(os.path.join(a.water_out, "bills.csv"), ["bill", "supply",
	    "period_from", "period_to", "consumption", "amount", "issued",
	    "due", "paid"], w.bills)
	write(os.path.join(a.water_out, "parcels.csv"), ["afm", "kaek",
	    "name", "unit", "area", "supply"], w.parcels)


if __name__ == "__main__":
	main()
