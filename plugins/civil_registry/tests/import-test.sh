#!/usr/bin/env bash
# import-test.sh - "dimosctl plugin civil_registry import" against the
# stack's real MariaDB: a good import, an idempotent re-run, --if-empty,
# bad lines reported as file:line with nothing imported, invalid dates and
# AFMs. Run by ctest (fixture "stack"); needs DIMOS_CONFIG, DIMOS_BUILD_DIR
# and DIMOS_SOURCE_DIR. Leaves the demo registry imported.
set -euo pipefail

: "${DIMOS_CONFIG:?}" "${DIMOS_BUILD_DIR:?}" "${DIMOS_SOURCE_DIR:?}"
DEMO=$DIMOS_SOURCE_DIR/plugins/civil_registry/demo
WORK=$(mktemp -d /tmp/cr-import-test.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

fails=0
passes=0
ok() { passes=$((passes + 1)); printf 'ok - %s\n' "$1"; }
not_ok() { fails=$((fails + 1)); printf 'not ok - %s\n' "$1"; }

# The stack's configuration with this plugin enabled (the stack itself
# may run without it) and the municipal units, so that imports check them.
CONFIG=$WORK/dimos.ini
# (Plugin and department letterhead sections of the stack's are left out:
# only this one is enabled, and they may name the others.)
awk '/^\[/ { sect = $0 }
	sect == "[plugins]" && /^enabled *=/ { $0 = "enabled = general, civil_registry" }
	sect ~ /^\[(plugin|letterhead)\./ { next }
	{ print }' "$DIMOS_CONFIG" >"$CONFIG"
cat >>"$CONFIG" <<'INI'

[plugin.civil_registry]
units = Νιγρίτα:Νιγρίτας, Αχινός:Αχινού, Βισαλτία:Βισαλτίας, Τράγιλος:Τραγίλου
INI
ctl() { "$DIMOS_BUILD_DIR/core/dimosctl" -c "$CONFIG" "$@"; }

# run NAME EXPECTED-STATUS ARGS...: output in $WORK/out, status checked
run() {
	local name=$1 want=$2 rc=0
	shift 2
	ctl plugin civil_registry "$@" >"$WORK/out" 2>&1 || rc=$?
	if [ "$rc" -eq "$want" ]; then
		ok "$name (exit $rc)"
	else
		not_ok "$name: exit $rc, expected $want"
		sed 's/^/#   /' "$WORK/out"
	fi
}

# expect NAME TEXT: the last output holds TEXT
expect() {
	if grep -qF -- "$2" "$WORK/out"; then
		ok "$1"
	else
		not_ok "$1: no '$2' in"
		sed 's/^/#   /' "$WORK/out"
	fi
}

# counts NAME F P E: the registry holds exactly that many rows
counts() {
	local got
	got=$(ctl plugin civil_registry stats | tr '\n' ' ')
	if [ "$got" = "families $2 persons $3 events $4 " ]; then
		ok "$1: $got"
	else
		not_ok "$1: '$got', expected families $2 persons $3 events $4"
	fi
}

# bad NAME FILE LINE COLUMN VALUE: a copy of the demo with one value changed
bad() {
	rm -rf "$WORK/$1"
	cp -r "$DEMO" "$WORK/$1"
	python3 - "$WORK/$1/$2" "$3" "$4" "$5" <<'PY'
import csv, sys
path, line, col, value = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
rows = list(csv.reader(open(path, encoding="utf-8", newline="")))
rows[line - 1][rows[0].index(col)] = value
with open(path, "w", encoding="utf-8", newline="") as f:
	csv.writer(f, lineterminator="\n").writerows(rows)
PY
}

ctl migrate >"$WORK/out" 2>&1 || { cat "$WORK/out"; echo "migrate failed"; exit 1; }

demo_f=$(($(wc -l <"$DEMO/families.csv") - 1))
demo_p=$(($(wc -l <"$DEMO/persons.csv") - 1))
demo_e=$(($(wc -l <"$DEMO/events.csv") - 1))

# An empty registry first: the header rows alone are a valid, empty import.
mkdir -p "$WORK/empty"
for f in families persons events; do
	head -1 "$DEMO/$f.csv" >"$WORK/empty/$f.csv"
done
run "import of header-only files" 0 import "$WORK/empty"
counts "the registry is empty" 0 0 0

# A bad line in an empty registry: nothing at all is imported.
bad date "persons.csv" 17 birth_date "31/02/1980"
run "a date that is not ISO" 1 import "$WORK/date"
expect "the message names file, line, column and value" \
	'persons.csv:17: birth_date: "31/02/1980" is not a date (YYYY-MM-DD)'
expect "and says nothing was imported" "nothing imported"
counts "a bad import leaves the registry empty" 0 0 0

bad feb30 "persons.csv" 40 birth_date "1980-02-30"
run "a day that does not exist" 1 import "$WORK/feb30"
expect "February 30 is refused" 'persons.csv:40: birth_date: "1980-02-30" is not a date'

bad afm "persons.csv" 5 afm "126018151"
run "an AFM with a wrong check digit" 1 import "$WORK/afm"
expect "the AFM message" 'persons.csv:5: afm: "126018151" is not a valid AFM'

bad unit "families.csv" 9 unit "Σέρρες"
run "a family outside the municipal units" 1 import "$WORK/unit"
expect "the unit message" 'families.csv:9: unit: "Σέρρες" is not a municipal unit'

bad event "events.csv" 300 date "2999-01-01"
run "an event in the future" 1 import "$WORK/event"
expect "the event message" 'events.csv:300: date: "2999-01-01" is in the future'

rm -rf "$WORK/missing"
cp -r "$DEMO" "$WORK/missing"
rm "$WORK/missing/events.csv"
run "a missing file" 1 import "$WORK/missing"
expect "the missing file is named" "events.csv: cannot open"
counts "still empty after every refusal" 0 0 0

# --if-empty fills an empty registry, and only an empty one.
run "--if-empty into an empty registry" 0 import --if-empty "$DEMO"
expect "the summary" "imported $demo_f families, $demo_p persons and $demo_e events"
counts "the demo registry" "$demo_f" "$demo_p" "$demo_e"
run "--if-empty again" 0 import --if-empty "$WORK/empty"
expect "it says why nothing happened" "nothing imported (--if-empty)"
counts "--if-empty left the registry alone" "$demo_f" "$demo_p" "$demo_e"

# Re-importing the same files gives the same registry (replace semantics).
run "the same import again" 0 import "$DEMO"
counts "idempotent" "$demo_f" "$demo_p" "$demo_e"

# A bad line in a full registry: the old content stays, untouched.
run "a bad line over a full registry" 1 import "$WORK/date"
counts "the registry is as before" "$demo_f" "$demo_p" "$demo_e"

# Replace, not merge: a smaller registry replaces the larger one.
run "replacing with the empty files" 0 import "$WORK/empty"
counts "everything was replaced" 0 0 0
run "the demo registry back" 0 import "$DEMO"
counts "the demo registry again" "$demo_f" "$demo_p" "$demo_e"

run "usage errors exit 1" 1 import
run "an unknown option" 1 import --merge "$DEMO"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
