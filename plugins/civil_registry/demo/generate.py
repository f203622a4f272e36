#!/usr/bin/env python3
"""generate.py - invented demo registries for Δήμος Βισαλτίας.

Owns the demo data of both registry plugins, so that the same men appear
consistently in the civil registry (Δημοτολόγιο) and the male registry
(Μητρώο Αρρένων). Deterministic (fixed seed), Python 3 standard library.

    plugins/civil_registry/demo/generate.py

writes, next to itself, families.csv, persons.csv and events.csv, and
plugins/male_registry/demo/entries.csv. The people of the test TaxisNet
provider (tests/oauth-users.json) that the stack's tests rely on are
placed by hand (FIXED below); everybody else is random but plausible:
three generations, Greek naming customs, married women keeping their
surname after 1983, deaths, widowhood, a few divorces and transfers.
"""

import csv
import datetime
import os
import random
import unicodedata

SEED = 20260521
TODAY = datetime.date(2025, 12, 31)	# fixed, so the output never drifts

HERE = os.path.dirname(os.path.abspath(__file__))
MALE_DIR = os.path.join(HERE, "..", "..", "male_registry", "demo")

# Municipal units of Δήμος Βισαλτίας and some of their communities.
UNITS = {
	"Νιγρίτα": ["Νιγρίτα", "Νιγρίτα", "Νιγρίτα", "Τερπνή", "Θερμά",
		"Ανθή", "Φλάμπουρο"],
	"Βισαλτία": ["Σησαμία", "Δημητρίτσι", "Βέργη", "Τριανταφυλλιά",
		"Αγία Παρασκευή", "Λυγαριά"],
	"Αχινός": ["Αχινός", "Σιτοχώρι", "Δάφνη", "Ζερβοχώρι", "Λευκότοπος",
		"Πατρική", "Χουμνικό"],
	"Τράγιλος": ["Μαυροθάλασσα", "Αηδονοχώρι"],
}
UNIT_WEIGHTS = {"Νιγρίτα": 40, "Βισαλτία": 25, "Αχινός": 15, "Τράγιλος": 20}
MERIDA_BASE = {"Νιγρίτα": 1000, "Βισαλτία": 2000, "Αχινός": 3000,
	"Τράγιλος": 4000}

# Genitive of places, for the registry offices (Ληξιαρχείο ...).
PLACE_GEN = {
	"Νιγρίτα": "Νιγρίτας", "Τερπνή": "Τερπνής", "Θερμά": "Θερμών",
	"Ανθή": "Ανθής", "Φλάμπουρο": "Φλαμπούρου", "Σησαμία": "Σησαμίας",
	"Δημητρίτσι": "Δημητριτσίου", "Βέργη": "Βέργης",
	"Τριανταφυλλιά": "Τριανταφυλλιάς",
	"Αγία Παρασκευή": "Αγίας Παρασκευής", "Λυγαριά": "Λυγαριάς",
	"Αχινός": "Αχινού", "Σιτοχώρι": "Σιτοχωρίου", "Δάφνη": "Δάφνης",
	"Ζερβοχώρι": "Ζερβοχωρίου", "Λευκότοπος": "Λευκοτόπου",
	"Πατρική": "Πατρικής", "Χουμνικό": "Χουμνικού",
	"Μαυροθάλασσα": "Μαυροθάλασσας", "Αηδονοχώρι": "Αηδονοχωρίου",
	"Σέρρες": "Σερρών", "Θεσσαλονίκη": "Θεσσαλονίκης",
	"Δράμα": "Δράμας", "Καβάλα": "Καβάλας", "Αθήνα": "Αθηνών",
	"Κιλκίς": "Κιλκίς", "Λαγκαδάς": "Λαγκαδά",
}
OTHER_PLACES = ["Σέρρες", "Θεσσαλονίκη", "Δράμα", "Καβάλα", "Αθήνα",
	"Κιλκίς", "Λαγκαδάς"]
OTHER_MUNICIPALITIES = ["Δήμος Θεσσαλονίκης", "Δήμος Σερρών",
	"Δήμος Αμφίπολης", "Δήμος Λαγκαδά", "Δήμος Δράμας",
	"Δήμος Καλαμαριάς", "Δήμος Ηράκλειας"]

STREETS = ["Αγίου Γεωργίου", "Αγίου Δημητρίου", "Αγίας Παρασκευής",
	"Μεγάλου Αλεξάνδρου", "25ης Μαρτίου", "Ελευθερίου Βενιζέλου",
	"Παύλου Μελά", "Εθνικής Αντιστάσεως", "Ηρώων Πολυτεχνείου",
	"Αριστοτέλους", "Κομνηνών", "Σερρών", "Θεσσαλονίκης", "Ειρήνης",
	"Κεντρική Πλατεία", "Μακεδονομάχων", "Στρυμόνος"]

MALE = ["Γεώργιος", "Ιωάννης", "Κωνσταντίνος", "Δημήτριος", "Νικόλαος",
	"Παναγιώτης", "Βασίλειος", "Χρήστος", "Αθανάσιος", "Μιχαήλ",
	"Ευάγγελος", "Σπυρίδων", "Αντώνιος", "Θεόδωρος", "Ηλίας",
	"Στυλιανός", "Αναστάσιος", "Απόστολος", "Θωμάς", "Στέφανος",
	"Αλέξανδρος", "Εμμανουήλ", "Παύλος", "Χαράλαμπος", "Σωτήριος",
	"Κυριάκος", "Λάζαρος", "Πέτρος", "Άγγελος", "Αριστείδης",
	"Σταύρος", "Ελευθέριος"]
FEMALE = ["Μαρία", "Ελένη", "Αικατερίνη", "Βασιλική", "Σοφία",
	"Αναστασία", "Ευαγγελία", "Γεωργία", "Δήμητρα", "Κωνσταντίνα",
	"Ιωάννα", "Παρασκευή", "Χριστίνα", "Ειρήνη", "Αγγελική", "Φωτεινή",
	"Χρυσούλα", "Σταυρούλα", "Παναγιώτα", "Αθανασία", "Θεοδώρα",
	"Στυλιανή", "Ζωή", "Καλλιόπη", "Αλεξάνδρα", "Δέσποινα", "Ευδοκία",
	"Κυριακή", "Αρετή", "Ελπίδα"]
SURNAMES = [("Παπαδόπουλος", "Παπαδοπούλου"), ("Γεωργίου", "Γεωργίου"),
	("Νικολάου", "Νικολάου"), ("Ιωαννίδης", "Ιωαννίδου"),
	("Παπαδημητρίου", "Παπαδημητρίου"), ("Δημητριάδης", "Δημητριάδου"),
	("Αθανασίου", "Αθανασίου"), ("Τσολάκης", "Τσολάκη"),
	("Μαυρίδης", "Μαυρίδου"), ("Σταματίου", "Σταματίου"),
	("Παπαγεωργίου", "Παπαγεωργίου"), ("Θεοχάρης", "Θεοχάρη"),
	("Γκίκας", "Γκίκα"), ("Καλαϊτζής", "Καλαϊτζή"), ("Τερζής", "Τερζή"),
	("Κεχαγιάς", "Κεχαγιά"), ("Σιδηρόπουλος", "Σιδηροπούλου"),
	("Παπαθανασίου", "Παπαθανασίου"), ("Χριστοδούλου", "Χριστοδούλου"),
	("Μπαλτάς", "Μπαλτά"), ("Σαββίδης", "Σαββίδου"),
	("Γαλάνης", "Γαλάνη"), ("Πασχαλίδης", "Πασχαλίδου"),
	("Κυριακίδης", "Κυριακίδου"), ("Ζήσης", "Ζήση"),
	("Φωτιάδης", "Φωτιάδου"), ("Αναστασιάδης", "Αναστασιάδου"),
	("Καλογήρου", "Καλογήρου"), ("Τζιόλας", "Τζιόλα"),
	("Χατζηιωάννου", "Χατζηιωάννου"), ("Πετρίδης", "Πετρίδου"),
	("Σπανός", "Σπανού"), ("Μητσόπουλος", "Μητσοπούλου"),
	("Καραμπατζάκης", "Καραμπατζάκη"), ("Ρίζος", "Ρίζου"),
	("Τσιρίδης", "Τσιρίδου"), ("Ντόκος", "Ντόκου"),
	("Μπουρνάζος", "Μπουρνάζου"), ("Λαζαρίδης", "Λαζαρίδου"),
	("Ζαφειρίου", "Ζαφειρίου"), ("Μουρατίδης", "Μουρατίδου"),
	("Αλεξίου", "Αλεξίου"), ("Βλάχος", "Βλάχου"), ("Τσακίρης", "Τσακίρη")]

# Test people of the stack's TaxisNet mock: (surname, name, father, year).
# Only those in FIXED may match; the rest must go to a clerk. Athanasios
# Karagiannis is in the male registry only; Panagiotis Oikonomou, Christina
# Makri and the others not placed below are in neither registry.
TEST_PEOPLE = [
	("ΠΑΠΑΔΟΠΟΥΛΟΣ", "ΓΕΩΡΓΙΟΣ", "ΝΙΚΟΛΑΟΣ", 1975),
	("ΓΕΩΡΓΙΟΥ", "ΕΛΕΝΗ", "ΔΗΜΗΤΡΙΟΣ", 1982),
	("ΚΩΝΣΤΑΝΤΙΝΙΔΟΥ", "ΣΟΦΙΑ", "ΑΘΑΝΑΣΙΟΣ", 1990),
	("ΝΙΚΟΛΑΟΥ", "ΙΩΑΝΝΗΣ", "ΚΩΝΣΤΑΝΤΙΝΟΣ", 1958),
	("ΒΑΣΙΛΕΙΟΥ", "ΔΗΜΗΤΡΑ", "ΧΡΗΣΤΟΣ", 1967),
	("ΚΑΡΑΓΙΑΝΝΗΣ", "ΑΘΑΝΑΣΙΟΣ", "ΣΤΥΛΙΑΝΟΣ", 1949),
	("ΜΑΚΡΗ", "ΧΡΙΣΤΙΝΑ", "ΕΥΑΓΓΕΛΟΣ", 2001),
	("ΟΙΚΟΝΟΜΟΥ", "ΠΑΝΑΓΙΩΤΗΣ", "ΙΩΑΝΝΗΣ", 1985),
	("ΔΗΜΗΤΡΙΟΥ", "ΑΝΑΣΤΑΣΙΑ", "ΜΙΧΑΗΛ", 1979),
	("ΘΕΟΔΩΡΟΥ", "ΜΙΧΑΗΛ", "ΑΝΤΩΝΙΟΣ", 1993),
	("ΠΡΟΪΚΑΚΗ", "ΜΑΡΙΑ ΕΛΕΝΗ", "ΕΜΜΑΝΟΥΗΛ", 1988),
	("ΤΣΑΚΙΡΗ", "ΑΓΓΕΛΙΚΗ", "ΘΕΟΔΩΡΟΣ", None),
	("SMITH", "JOHN", "ROBERT", 1970),
]
TEST_AFMS = {"126018150", "083016618", "018609131", "099603082",
	"046281947", "019935180", "090937864", "179754321", "019487575",
	"191186254", "076018959", "159797110", "171049742", "150752911",
	"103423668", "112768423", "093123456"}

rng = random.Random(SEED)


def fold(s):
	"""Capitals without accents, as GSIS writes names."""
	d = unicodedata.normalize("NFD", s)
	d = "".join(c for c in d if not unicodedata.combining(c))
	return d.upper().replace("ς", "Σ")


def afm_check(d8):
	return str(sum(int(d8[i]) << (8 - i) for i in range(8)) % 11 % 10)


def new_afm(used):
	while True:
		d8 = rng.choice("01") + "".join(rng.choice("0123456789")
			for _ in range(7))
		a = d8 + afm_check(d8)
		if a not in used and a not in TEST_AFMS and a != "000000000":
			used.add(a)
			return a


def luhn_digit(s):
	for d in "0123456789":
		t = 0
		for i, ch in enumerate(reversed(s + d)):
			v = int(ch)
			if i % 2 == 1:
				v *= 2
				if v > 9:
					v -= 9
			t += v
		if t % 10 == 0:
			return d


def new_amka(birth, used):
	while True:
		s = birth.strftime("%d%m%y") + "".join(rng.choice("0123456789")
			for _ in range(4))
		a = s + luhn_digit(s)
		if a not in used:
			used.add(a)
			return a


def rdate(y0, y1):
	start = datetime.date(y0, 1, 1).toordinal()
	end = datetime.date(y1, 12, 31).toordinal()
	return datetime.date.fromordinal(rng.randint(start, end))


def years_after(d, lo, hi):
	return datetime.date.fromordinal(d.toordinal() +
		rng.randint(int(lo * 365.25), int(hi * 365.25)))


class Person:
	def __init__(self, sex, surname_pair, name, father, mother,
			birth, place, mother_surname=None):
		self.id = None
		self.sex = sex
		self.pair = surname_pair		# (masculine, feminine)
		self.surname = surname_pair[0 if sex == "M" else 1]
		self.name = name
		self.father = father
		self.mother = mother
		self.mother_surname = mother_surname
		self.birth = birth
		self.place = place
		self.afm = None
		self.amka = None
		self.death = None
		self.death_place = None
		self.father_p = None
		self.mother_p = None
		self.family = None
		self.relation = None
		self.marital = "single"
		self.spouse = None
		self.children = []
		self.fixed = False		# a test person: keep as given
		self.native = True		# born into this registry
		self.events = []		# (kind, date, place, act, related)

	def key(self):
		return (fold(self.surname), fold(self.name), fold(self.father),
			self.birth.year)


class Family:
	def __init__(self, unit, village):
		self.unit = unit
		self.village = village
		self.merida = None
		self.address = "%s %d, %s" % (rng.choice(STREETS),
			rng.randint(1, 60), village)
		self.members = []
		self.capitals = False	# an old record, typed in capitals

	def add(self, p, relation):
		if p.family is not None:
			p.family.members.remove(p)
		p.family = self
		p.relation = relation
		self.members.append(p)


people = []
families = []
used_afm = set()
used_amka = set()
act_no = {}


def act(kind, place, date):
	"""A registry act number, counting per office and year."""
	office = PLACE_GEN.get(place, place)
	k = (kind, office, date.year)
	act_no[k] = act_no.get(k, rng.randint(3, 40)) + rng.randint(1, 6)
	names = {"birth": "γέννησης", "marriage": "γάμου", "death": "θανάτου"}
	return "Ληξιαρχική πράξη %s %d/%d, Ληξιαρχείο %s" % (names[kind],
		act_no[k], date.year, office)


def person(*a, **kw):
	p = Person(*a, **kw)
	people.append(p)
	return p


def family(unit=None, village=None):
	if unit is None:
		unit = rng.choices(list(UNIT_WEIGHTS),
			list(UNIT_WEIGHTS.values()))[0]
	if village is None:
		village = rng.choice(UNITS[unit])
	f = Family(unit, village)
	families.append(f)
	return f


def birth_place(f, year):
	"""Born at home in the village until the 1970s, then in hospital."""
	if year < 1972 or rng.random() < 0.1:
		return f.village
	return rng.choice(["Σέρρες"] * 8 + ["Θεσσαλονίκη"] * 2)


def outsider(sex, born_near, native=False):
	"""A spouse from another family or municipality."""
	pair = rng.choice(SURNAMES)
	b = years_after(born_near, -6, 4) if sex == "F" else \
		years_after(born_near, -4, 6)
	p = person(sex, pair, rng.choice(MALE if sex == "M" else FEMALE),
		rng.choice(MALE), rng.choice(FEMALE),
		b, rng.choice(OTHER_PLACES + ["Νιγρίτα", "Σησαμία"]),
		mother_surname=rng.choice(SURNAMES)[1])
	p.native = native
	return p


def marry(h, w, date, fam):
	"""h heads fam; w joins it. Before 1983 a wife took his surname."""
	h.spouse, w.spouse = w, h
	h.marital = w.marital = "married"
	if date.year < 1983 and not w.fixed:
		w.surname = h.pair[1]
	fam.add(h, "head")
	fam.add(w, "spouse")
	place = rng.choice([fam.village, h.place if h.native else fam.village])
	a = act("marriage", place, date)
	h.events.append(("marriage", date, place, a, w))
	w.events.append(("marriage", date, place, a, h))
	h.married_on = w.married_on = date


def name_child(sex, father, mother, nth):
	"""Greek custom: the first son after the father's father, the first
	daughter after the father's mother, the second ones after the
	mother's parents."""
	if sex == "M":
		if nth == 0:
			return father.father
		if nth == 1:
			return mother.father
		return rng.choice(MALE)
	if nth == 0:
		return father.mother
	if nth == 1:
		return mother.mother
	return rng.choice(FEMALE)


def child(fam, father, mother, sex, birth, name=None, nth=0):
	n = name or name_child(sex, father, mother, nth)
	p = person(sex, father.pair, n, father.name, mother.name, birth,
		birth_place(fam, birth.year),
		mother_surname=getattr(mother, "maiden", mother.surname))
	p.father_p, p.mother_p = father, mother
	father.children.append(p)
	mother.children.append(p)
	fam.add(p, "child")
	return p


def children(fam, father, mother, start, count):
	sons = daughters = 0
	d = start
	for _ in range(count):
		d = years_after(d, 1.2, 5)
		if d.year > 2020:		# the demo's births: 1930-2020
			break
		if d.year - mother.birth.year > 42:
			break
		sex = rng.choice("MF")
		nth = sons if sex == "M" else daughters
		c = child(fam, father, mother, sex, d, nth=nth)
		if sex == "M":
			sons += 1
		else:
			daughters += 1
		# no two siblings with the same name
		while sum(1 for s in fam.members if s.name == c.name) > 1 or \
				c.name in (father.name, mother.name):
			c.name = rng.choice(MALE if sex == "M" else FEMALE)


def wedding_date(p):
	return years_after(p.birth, 22, 33)


def marry_out(p):
	"""p leaves the parents' record for a family of their own."""
	date = wedding_date(p)
	if date > TODAY:
		return None
	unit = p.family.unit if rng.random() < 0.7 else None
	fam = family(unit)
	other = outsider("F" if p.sex == "M" else "M", p.birth)
	if other.birth > date - datetime.timedelta(days=18 * 366):
		other.birth = years_after(date, -30, -20)
	other.maiden = other.surname
	p.maiden = p.surname
	if p.sex == "M":
		marry(p, other, date, fam)
		h, w = p, other
	else:
		marry(other, p, date, fam)
		h, w = other, p
	if not other.native and rng.random() < 0.6:
		t = years_after(date, 0.05, 0.5)
		if t <= TODAY:
			other.events.append(("transfer", t,
				rng.choice(OTHER_MUNICIPALITIES),
				"Απόφαση Δημάρχου για μεταδημότευση %d/%d" %
				(rng.randint(10, 400), t.year), None))
	children(fam, h, w, date, rng.choice([0, 1, 2, 2, 2, 3, 3, 4]))
	return fam


# ------------------------------------------------------------ fixed people

def fixed_people():
	# Papadopoulos: the father deceased in 2019 (next of kin), the son a
	# test user heading his own record with a spouse and two children.
	f1 = family("Νιγρίτα", "Νιγρίτα")
	f1.address = "Αγίου Γεωργίου 14, Νιγρίτα"
	nik = person("M", ("Παπαδόπουλος", "Παπαδοπούλου"), "Νικόλαος",
		"Γεώργιος", "Ελένη", datetime.date(1946, 2, 11), "Νιγρίτα",
		mother_surname="Τερζή")
	mar = person("F", ("Τσολάκης", "Τσολάκη"), "Μαρία", "Ιωάννης",
		"Σοφία", datetime.date(1949, 6, 10), "Τερπνή",
		mother_surname="Γκίκα")
	mar.maiden = "Τσολάκη"
	marry(nik, mar, datetime.date(1972, 9, 17), f1)
	geo = child(f1, nik, mar, "M", datetime.date(1975, 5, 14), "Γεώργιος")
	ele = child(f1, nik, mar, "F", datetime.date(1978, 3, 2), "Ελένη")
	geo.place = ele.place = "Νιγρίτα"
	nik.death = datetime.date(2019, 11, 20)
	nik.death_place = "Σέρρες"
	for p in (nik, mar, geo):
		p.fixed = True
	geo.afm = "126018150"
	mar.afm = new_afm(used_afm)

	f2 = family("Νιγρίτα", "Νιγρίτα")
	f2.address = "Μεγάλου Αλεξάνδρου 8, Νιγρίτα"
	kat = person("F", ("Μουρατίδης", "Μουρατίδου"), "Αικατερίνη",
		"Στέφανος", "Ευδοκία", datetime.date(1978, 10, 3), "Θεσσαλονίκη",
		mother_surname="Πετρίδου")
	kat.native = False
	kat.maiden = kat.surname
	kat.afm = new_afm(used_afm)
	marry(geo, kat, datetime.date(2005, 6, 25), f2)
	kat.events.append(("transfer", datetime.date(2005, 9, 12),
		"Δήμος Θεσσαλονίκης", "Απόφαση Δημάρχου για μεταδημότευση "
		"212/2005", None))
	son = child(f2, geo, kat, "M", datetime.date(2008, 4, 22), "Νικόλαος")
	dau = child(f2, geo, kat, "F", datetime.date(2011, 9, 30), "Μαρία")
	son.place = dau.place = "Σέρρες"
	son.afm = "145612003"
	used_afm.add(son.afm)
	for p in (kat, son, dau):
		p.fixed = True

	f3 = family("Νιγρίτα", "Τερπνή")
	dim = person("M", ("Σιδηρόπουλος", "Σιδηροπούλου"), "Δημήτριος",
		"Αντώνιος", "Ζωή", datetime.date(1976, 1, 9), "Τερπνή",
		mother_surname="Μπαλτά")
	dim.native = True
	ele.maiden = ele.surname
	marry(dim, ele, datetime.date(2003, 8, 30), f3)
	child(f3, dim, ele, "M", datetime.date(2005, 2, 17), "Αντώνιος")
	child(f3, dim, ele, "F", datetime.date(2007, 12, 5), "Ζωή")

	# Eleni Georgiou: registered WITHOUT her AFM, so the names and the
	# birth year have to match; her parents' record in Σησαμία.
	f4 = family("Βισαλτία", "Σησαμία")
	dimi = person("M", ("Γεωργίου", "Γεωργίου"), "Δημήτριος",
		"Ελευθέριος", "Αναστασία", datetime.date(1953, 4, 26),
		"Σησαμία", mother_surname="Ρίζου")
	aik = person("F", ("Ζήσης", "Ζήση"), "Αικατερίνη", "Παύλος",
		"Χρυσούλα", datetime.date(1956, 12, 1), "Βέργη",
		mother_surname="Καλογήρου")
	aik.maiden = "Ζήση"
	marry(dimi, aik, datetime.date(1979, 10, 14), f4)
	eln = child(f4, dimi, aik, "F", datetime.date(1982, 7, 19), "Ελένη")
	eln.place = "Σέρρες"
	child(f4, dimi, aik, "M", datetime.date(1985, 3, 8), "Ελευθέριος")
	dimi.afm = new_afm(used_afm)
	f5 = family("Βισαλτία", "Βέργη")
	kon = person("M", ("Ζαφειρίου", "Ζαφειρίου"), "Κωνσταντίνος",
		"Αντώνιος", "Ευαγγελία", datetime.date(1979, 5, 2), "Βέργη",
		mother_surname="Αθανασίου")
	eln.maiden = eln.surname
	marry(kon, eln, datetime.date(2008, 9, 6), f5)
	child(f5, kon, eln, "M", datetime.date(2010, 1, 28), "Αντώνιος")
	child(f5, kon, eln, "F", datetime.date(2013, 6, 11), "Ευαγγελία")
	kon.afm = new_afm(used_afm)
	for p in (dimi, aik, eln, kon):
		p.fixed = True

	# Sofia Konstantinidou: an adult daughter in her parents' record.
	f6 = family("Αχινός", "Σιτοχώρι")
	ath = person("M", ("Κωνσταντινίδης", "Κωνσταντινίδου"), "Αθανάσιος",
		"Γεώργιος", "Σοφία", datetime.date(1961, 2, 3), "Σιτοχώρι",
		mother_surname="Κεχαγιά")
	vas = person("F", ("Αλεξίου", "Αλεξίου"), "Βασιλική", "Ηλίας",
		"Φωτεινή", datetime.date(1964, 8, 22), "Αχινός",
		mother_surname="Γαλάνη")
	vas.maiden = "Αλεξίου"
	marry(ath, vas, datetime.date(1987, 6, 14), f6)
	child(f6, ath, vas, "M", datetime.date(1988, 3, 30), "Γεώργιος")
	sof = child(f6, ath, vas, "F", datetime.date(1990, 1, 25), "Σοφία")
	sof.afm = "018609131"
	ath.afm = new_afm(used_afm)
	vas.afm = new_afm(used_afm)
	for p in (ath, vas, sof):
		p.fixed = True

	# Ioannis Nikolaou: his father died in 2021 (next of kin: widow, two
	# children); his own record with his wife and children in
	# Μαυροθάλασσα.
	f0 = family("Τράγιλος", "Μαυροθάλασσα")
	f0.address = "Στρυμόνος 3, Μαυροθάλασσα"
	kos = person("M", ("Νικολάου", "Νικολάου"), "Κωνσταντίνος",
		"Ιωάννης", "Αναστασία", datetime.date(1929, 4, 12),
		"Μαυροθάλασσα", mother_surname="Ρίζου")
	eva = person("F", ("Σπανός", "Σπανού"), "Ευαγγελία", "Απόστολος",
		"Κυριακή", datetime.date(1934, 10, 28), "Αηδονοχώρι",
		mother_surname="Βλάχου")
	eva.maiden = "Σπανού"
	marry(kos, eva, datetime.date(1955, 1, 23), f0)
	ioa = child(f0, kos, eva, "M", datetime.date(1958, 8, 3), "Ιωάννης")
	ana = child(f0, kos, eva, "F", datetime.date(1962, 2, 14),
		"Αναστασία")
	ioa.place = ana.place = "Μαυροθάλασσα"
	kos.death = datetime.date(2021, 3, 9)
	kos.death_place = "Σέρρες"
	eva.marital = "widowed"
	kos.afm = new_afm(used_afm)
	eva.afm = new_afm(used_afm)
	for p in (kos, eva, ana):
		p.fixed = True
	f7 = family("Τράγιλος", "Μαυροθάλασσα")
	ioa.maiden = ioa.surname
	eir = person("F", ("Ντόκος", "Ντόκου"), "Ειρήνη", "Σταύρος",
		"Αρετή", datetime.date(1961, 11, 17), "Αηδονοχώρι",
		mother_surname="Βλάχου")
	eir.maiden = "Ντόκου"
	marry(ioa, eir, datetime.date(1982, 5, 2), f7)
	child(f7, ioa, eir, "M", datetime.date(1984, 9, 9), "Κωνσταντίνος")
	child(f7, ioa, eir, "F", datetime.date(1987, 4, 1), "Ευαγγελία")
	ioa.afm = "099603082"
	eir.afm = new_afm(used_afm)
	for p in (ioa, eir):
		p.fixed = True

	# Dimitra Vasileiou: widowed in 2016 (a second next-of-kin case).
	f8 = family("Νιγρίτα", "Θερμά")
	pan = person("M", ("Λαζαρίδης", "Λαζαρίδου"), "Παναγιώτης",
		"Σωτήριος", "Ευδοκία", datetime.date(1963, 7, 7), "Θερμά",
		mother_surname="Σαββίδου")
	dmt = person("F", ("Βασιλείου", "Βασιλείου"), "Δήμητρα", "Χρήστος",
		"Άννα", datetime.date(1967, 11, 12), "Νιγρίτα",
		mother_surname="Πασχαλίδου")
	dmt.maiden = "Βασιλείου"
	marry(pan, dmt, datetime.date(1990, 7, 1), f8)
	child(f8, pan, dmt, "M", datetime.date(1992, 2, 19), "Σωτήριος")
	child(f8, pan, dmt, "F", datetime.date(1995, 10, 4), "Ευδοκία")
	child(f8, pan, dmt, "F", datetime.date(1999, 5, 23), "Άννα")
	pan.death = datetime.date(2016, 2, 8)
	pan.death_place = "Θεσσαλονίκη"
	dmt.afm = "046281947"
	pan.afm = new_afm(used_afm)
	for p in (pan, dmt):
		p.fixed = True


# -------------------------------------------------------------- the rest

def elders(n):
	"""Couples born 1930-1952, the oldest generation of the registry."""
	for _ in range(n):
		f = family()
		pair = rng.choice(SURNAMES)
		hb = rdate(1930, 1952)
		h = person("M", pair, rng.choice(MALE), rng.choice(MALE),
			rng.choice(FEMALE), hb, f.village,
			mother_surname=rng.choice(SURNAMES)[1])
		w = outsider("F", hb, native=True)
		if w.birth.year < 1930:
			w.birth = w.birth.replace(year=1930)
		w.place = rng.choice(UNITS[f.unit])
		w.maiden = w.surname
		h.maiden = h.surname
		date = years_after(max(hb, w.birth), 20, 28)
		marry(h, w, date, f)
		children(f, h, w, date, rng.choice([1, 2, 2, 3, 3, 3, 4]))
		f.capitals = rng.random() < 0.25


def second_generation():
	for p in list(people):
		if p.relation != "child" or p.fixed or p.father_p is None:
			continue
		age = (TODAY - p.birth).days / 365.25
		if age >= 26 and rng.random() < (0.8 if age >= 32 else 0.4):
			marry_out(p)


def divorces(n):
	couples = [p for p in people if p.relation == "head" and p.spouse and
		not p.fixed and not p.spouse.fixed and p.children and
		p.married_on.year >= 1985 and p.spouse.sex == "F"]
	for h in rng.sample(couples, min(n, len(couples))):
		w = h.spouse
		d = years_after(h.married_on, 5, 12)
		if d > TODAY:
			continue
		no = rng.randint(100, 900)
		a = "Απόφαση Πολυμελούς Πρωτοδικείου Σερρών %d/%d" % (no, d.year)
		h.events.append(("divorce", d, "Σέρρες", a, w))
		w.events.append(("divorce", d, "Σέρρες", a, h))
		h.marital = w.marital = "divorced"
		h.spouse = w.spouse = None
		nf = family(h.family.unit)
		nf.add(w, "head")


def deaths():
	"""Death by age; the survivor of a couple is widowed."""
	for p in people:
		if p.fixed or p.death is not None:
			continue
		y = p.birth.year
		chance = 0.92 if y < 1935 else 0.6 if y < 1945 else \
			0.25 if y < 1955 else 0.05 if y < 1965 else 0.01
		if rng.random() >= chance:
			continue
		last = max([p.birth + datetime.timedelta(days=int(50 * 365.25))] +
			[e[1] for e in p.events] + [c.birth for c in p.children])
		if last >= TODAY:
			continue
		d = datetime.date.fromordinal(rng.randint(last.toordinal() + 30,
			TODAY.toordinal()))
		p.death = d
		p.death_place = rng.choice([p.family.village, "Σέρρες",
			"Σέρρες", "Θεσσαλονίκη"])
	for p in people:
		s = p.spouse
		if p.death is None and s is not None and s.death is not None:
			p.marital = "widowed"
		if p.death is not None and s is not None and s.death is not None \
				and s.death < p.death:
			p.marital = "widowed"


def identifiers():
	for p in people:
		if p.fixed:
			continue
		adult = (TODAY - p.birth).days > 18 * 365.25
		chance = 0.2 if not adult else 0.35 if p.birth.year < 1940 \
			else 0.75
		if p.key() == ("ΓΕΩΡΓΙΟΥ", "ΕΛΕΝΗ", "ΔΗΜΗΤΡΙΟΣ", 1982):
			chance = 0
		if rng.random() < chance:
			p.afm = new_afm(used_afm)
	for p in people:
		if p.death is None and p.birth.year >= 1950 and \
				rng.random() < 0.12:
			p.amka = new_amka(p.birth, used_amka)


def avoid_test_people():
	"""Random people must not be mistaken for the stack's test users."""
	fixed = {p.key() for p in people if p.fixed}
	tests = {t for t in TEST_PEOPLE if t[3] is not None}
	for p in people:
		while p.key() in tests and p.key() not in fixed:
			p.birth = p.birth.replace(year=p.birth.year - 1)
		assert p.afm is None or p.afm not in TEST_AFMS or p.fixed


def events():
	for p in people:
		p.events.insert(0, ("birth", p.birth, p.place,
			act("birth", p.place, p.birth), None))
		if p.death is not None:
			p.events.append(("death", p.death, p.death_place,
				act("death", p.death_place, p.death), None))


def number():
	"""Record numbers per unit, ids in record order."""
	nxt = dict(MERIDA_BASE)
	for f in sorted((f for f in families if f.members),
			key=lambda f: min(m.birth for m in f.members)):
		nxt[f.unit] += rng.randint(1, 9)
		f.merida = nxt[f.unit]
	order = {"head": 0, "spouse": 1, "child": 2, "other": 3}
	pid = 1000
	for f in sorted((f for f in families if f.members),
			key=lambda f: f.merida):
		f.members.sort(key=lambda p: (order[p.relation], p.birth))
		for p in f.members:
			pid += 1
			p.id = pid


def cap(f, s):
	return fold(s) if s and f.capitals else s


def write_civil():
	fams = sorted((f for f in families if f.members),
		key=lambda f: f.merida)
	with open(os.path.join(HERE, "families.csv"), "w", newline="",
			encoding="utf-8") as fp:
		w = csv.writer(fp, lineterminator="\n")
		w.writerow(["merida", "unit", "address"])
		for f in fams:
			w.writerow([f.merida, f.unit, cap(f, f.address)])
	with open(os.path.join(HERE, "persons.csv"), "w", newline="",
			encoding="utf-8") as fp:
		w = csv.writer(fp, lineterminator="\n")
		w.writerow(["id", "merida", "relation", "surname", "name",
			"father_name", "mother_name", "mother_surname", "sex",
			"birth_date", "birth_place", "citizenship",
			"marital_status", "afm", "amka", "status", "death_date",
			"death_place", "father_id", "mother_id"])
		for f in fams:
			for p in f.members:
				w.writerow([p.id, f.merida, p.relation,
					cap(f, p.surname), cap(f, p.name),
					cap(f, p.father), cap(f, p.mother),
					cap(f, p.mother_surname), p.sex,
					p.birth.isoformat(), p.place,
					"Ελληνική", p.marital, p.afm or "",
					p.amka or "",
					"deceased" if p.death else "alive",
					p.death.isoformat() if p.death else "",
					p.death_place or "",
					p.father_p.id if p.father_p else "",
					p.mother_p.id if p.mother_p else ""])
	with open(os.path.join(HERE, "events.csv"), "w", newline="",
			encoding="utf-8") as fp:
		w = csv.writer(fp, lineterminator="\n")
		w.writerow(["person_id", "kind", "date", "place", "act_ref",
			"related_person_id"])
		rows = []
		for p in people:
			for kind, d, place, a, rel in p.events:
				rows.append((p.id, d, kind, place, a,
					rel.id if rel else ""))
		for pid, d, kind, place, a, rel in sorted(rows,
				key=lambda r: (r[0], r[1], r[2])):
			w.writerow([pid, kind, d.isoformat(), place, a, rel])
	return fams


# ------------------------------------------------------- male registry

def write_male():
	"""Every man born into this registry is entered in the male registry
	of his unit in the year of his birth (a few later); men who left the
	municipality stay in it, the newcomers are in their own."""
	entries = []
	for p in people:
		if p.sex != "M" or not p.native:
			continue
		unit = (p.father_p.family.unit if p.father_p and
			p.father_p.family else p.family.unit)
		entries.append(dict(surname=p.pair[0], name=p.name,
			father=p.father, mother=p.mother, birth=p.birth,
			place=p.place, unit=unit, afm=p.afm, fixed=p.fixed))
	# men registered here who live elsewhere now (and one test user)
	entries.append(dict(surname="Καραγιάννης", name="Αθανάσιος",
		father="Στυλιανός", mother="Παρασκευή",
		birth=datetime.date(1949, 3, 15), place="Αχινός", unit="Αχινός",
		afm=None, fixed=True, no_date=True))
	while len(entries) < 230:
		b = rdate(1932, 2007)
		unit = rng.choices(list(UNIT_WEIGHTS),
			list(UNIT_WEIGHTS.values()))[0]
		e = dict(surname=rng.choice(SURNAMES)[0], name=rng.choice(MALE),
			father=rng.choice(MALE), mother=rng.choice(FEMALE),
			birth=b, place=rng.choice(UNITS[unit]) if b.year < 1972
			else "Σέρρες", unit=unit,
			afm=new_afm(used_afm) if rng.random() < 0.3 else None,
			fixed=False)
		key = (fold(e["surname"]), fold(e["name"]), fold(e["father"]),
			b.year)
		if any(key[:3] == t[:3] for t in TEST_PEOPLE):
			continue
		entries.append(e)
	counters = {}
	rows = []
	for e in sorted(entries, key=lambda e: (e["birth"], e["surname"])):
		y = e["birth"].year
		late = 0 if e["fixed"] or rng.random() < 0.9 else \
			rng.randint(1, 3)
		year = min(y + late, TODAY.year)
		k = (e["unit"], year)
		counters[k] = counters.get(k, rng.randint(0, 25)) + \
			rng.randint(1, 4)
		old = year < 1980
		name = (lambda s: fold(s) if old else s)
		afm = e["afm"]
		if afm and not e["fixed"] and rng.random() < 0.3:
			afm = None			# not every entry has one
		rows.append([e["unit"], year, counters[k], name(e["surname"]),
			name(e["name"]), name(e["father"]), name(e["mother"]),
			"" if e.get("no_date") or (old and rng.random() < 0.3)
			else e["birth"].isoformat(), y, e["place"], afm or ""])
	rows.sort(key=lambda r: (r[0], r[1], r[2]))
	os.makedirs(MALE_DIR, exist_ok=True)
	with open(os.path.join(MALE_DIR, "entries.csv"), "w", newline="",
			encoding="utf-8") as fp:
		w = csv.writer(fp, lineterminator="\n")
		w.writerow(["id", "surname", "name", "father_name", "mother_name",
			"birth_date", "birth_year", "birth_place", "unit",
			"entry_year", "entry_no", "afm"])
		for i, r in enumerate(rows, start=1):
			unit, year, no, s, n, f, m, bd, by, place, afm = r
			w.writerow([i, s, n, f, m, bd, by, place, unit, year, no,
				afm])
	return len(rows)


def main():
	fixed_people()
	elders(23)
	second_generation()
	second_generation()		# the grandchildren who married too
	divorces(3)
	deaths()
	identifiers()
	avoid_test_people()
	events()
	number()
	fams = write_civil()
	men = write_male()
	n = sum(len(f.members) for f in fams)
	dead = sum(1 for p in people if p.death)
	print("civil registry: %d families, %d persons (%d deceased); "
		"male registry: %d entries" % (len(fams), n, dead, men))


if __name__ == "__main__":
	main()
