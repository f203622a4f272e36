# tests/bench/lib.sh: acting as a citizen from a shell script (tests/bench/run,
# tests/cluster/run, tests/backup/run): a form's CSRF token, a login, a
# multipart body.
# Sourced; uses $URL (the site), $TMPDIR_BENCH (a folder for cookie jars)
# and $BOUNDARY (the multipart boundary).

# csrf_of SID PATH: the CSRF token of the form at PATH for session SID.
csrf_of() { curl -fsS -H "Cookie: dm_sid=$1" "$URL$2" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1; }
# login_sid EMAIL [totp]: a session id for the demo account EMAIL; with
# "totp", one with a second factor (the heads and the administrator):
# the demo's TOTP secret (dimosctl demo) gives now's code.
login_sid() {
	local jar=$TMPDIR_BENCH/jar.$$ csrf code sid
	form_csrf() { curl -fsS -c "$jar" -b "$jar" "$URL$1" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1; }
	rm -f "$jar"
	csrf=$(form_csrf /login)
	curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" \
		--data-urlencode "email=$1" --data-urlencode "password=${BENCH_PASSWORD:-Visaltia-Demo-2026}" "$URL/login"
	if [ "${2:-}" = totp ]; then
		code=$(python3 -c 'import hmac,struct,time; h=hmac.digest(b"dimos-demo-totp-2026", struct.pack(">Q", int(time.time()) // 30), "sha1"); o=h[-1]&15; print("%06d" % ((int.from_bytes(h[o:o+4], "big") & 0x7fffffff) % 1000000))')
		csrf=$(form_csrf /login/code)
		curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "csrf=$csrf" --data-urlencode "code=$code" "$URL/login/code"
	fi
	sid=$(awk '$6 == "dm_sid" {print $7}' "$jar")
	rm -f "$jar"
	[ -n "$sid" ] || { echo "bench: could not log in as $1" >&2; exit 1; }
	echo "$sid"
}
# multipart_body FILE CSRF NAME=VALUE... [@field[:BYTES[:vary]]]
# [@field=PATH]: @field[...] is a PDF of about 1.6 KB or BYTES (":vary"
# puts the marker submit.lua replaces on every post into it: new content
# each time); @field=PATH is the file at PATH, its type by its content.
multipart_body() {
	local out=$1 csrf=$2; shift 2
	{
		printf -- '--%s\r\ncontent-disposition: form-data; name="csrf"\r\n\r\n%s\r\n' "$BOUNDARY" "$csrf"
		for kv in "$@"; do
			case $kv in
			@*=*)
				local part=${kv#@}
				printf -- '--%s\r\ncontent-disposition: form-data; name="%s"; filename="%s"\r\ncontent-type: %s\r\n\r\n' \
					"$BOUNDARY" "${part%%=*}" "$(basename "${part#*=}")" "$(file -b --mime-type "${part#*=}")"
				cat "${part#*=}"
				printf '\r\n' ;;
			@*)
				local spec=${kv#@} field bytes vary
				IFS=: read -r field bytes vary <<<"$spec"
				printf -- '--%s\r\ncontent-disposition: form-data; name="%s"; filename="bench.pdf"\r\ncontent-type: application/pdf\r\n\r\n' "$BOUNDARY" "$field"
				printf '%%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n'
				[ "$vary" = vary ] && printf '%%@@VARY@@@@@@@@@@\n'
				head -c "${bytes:-1500}" /dev/zero | tr '\0' ' '
				printf '\ntrailer << /Root 1 0 R >>\n%%%%EOF\r\n' ;;
			*)
				printf -- '--%s\r\ncontent-disposition: form-data; name="%s"\r\n\r\n%s\r\n' "$BOUNDARY" "${kv%%=*}" "${kv#*=}" ;;
			esac
		done
		printf -- '--%s--\r\n' "$BOUNDARY"
	} >"$out"
}
# bench_settle STATE...: waits until each stack (packaging/run-local's
# state folder) has finished the work earlier measurements left behind,
# so that a measurement never pays for the one before: no mail due or
# being sent in its outbox, and its processes (MariaDB, dimosd and its
# workers, the mailer, the SMTP sink) together under 5% of one core over
# a second. Gives up after BENCH_SETTLE_MAX seconds (60), saying so.
bench_settle() {
	local st pids due busy t0=$SECONDS
	for st in "$@"; do
		while :; do
			due=$(mariadb --no-defaults --socket="$st/mysql/run/mysqld.sock" \
				-u"$(awk -F' = ' '/^admin_user/ {print $2}' "$st/dimos.ini")" \
				-p"$(awk -F' = ' '/^admin_password/ {print $2}' "$st/dimos.ini")" -N -B dimos \
				-e "SELECT COUNT(*) FROM outbox WHERE status = 'sending' OR (status = 'pending' AND next_attempt_at <= UTC_TIMESTAMP(6))")
			mapfile -t pids < <(cat "$st/mysql/run/mysqld.pid" "$st/run/dimosd.pid" \
				"$st/run/mailer.pid" "$st/run/smtp.pid" 2>/dev/null; pgrep -P "$(cat "$st/run/dimosd.pid")")
			busy=$(bench_ticks "${pids[@]}")
			sleep 1
			busy=$(($(bench_ticks "${pids[@]}") - busy))
			# 5 clock ticks (of 100 a second) is 5% of a core.
			[ "$due" = 0 ] && [ "$busy" -le 5 ] && break
			if [ $((SECONDS - t0)) -ge "${BENCH_SETTLE_MAX:-60}" ]; then
				echo "bench: $st still busy after ${BENCH_SETTLE_MAX:-60}s ($due mails due, $busy ticks/s); measuring anyway" >&2
				break
			fi
		done
	done
}
# bench_ticks PID...: the CPU clock ticks (user + system) the processes
# have used so far.
bench_ticks() {
	local p t=0 f
	for p in "$@"; do
		# Fields 14 and 15 of /proc/PID/stat, counted after the ")"
		# that ends the command's name.
		read -ra f < <(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null) || continue
		t=$((t + f[11] + f[12]))
	done
	echo "$t"
}
# The CPU a measurement cost, by part: bench_cpu_mark before it and
# bench_cpu_report UNIT COUNT after it print what each part used per
# request (UNIT "request": microseconds) or per submission ("submission":
# milliseconds), from /proc: MariaDB, dimosd (the master and its
# workers), the bare responder, nginx, the mailer and the SMTP sink (test
# rig: the municipality's mail server is elsewhere), wrk (this shell's
# children, bash's "times"), and the whole machine's busy time
# (/proc/stat, steal excluded), of which "other" is what none of these
# used (the kernel's network work, the bench script).
# Reads $STATE (packaging/run-local's state folder) and $B (where the
# bench's nginx and bare responder keep their pid files).
declare -A BENCH_CPU0
bench_cpu_parts="mariadb dimosd bare nginx mailer smtp"
bench_cpu_pids() {
	case $1 in
	mariadb) cat "$STATE/mysql/run/mysqld.pid" ;;
	dimosd) cat "$STATE/run/dimosd.pid" && pgrep -P "$(cat "$STATE/run/dimosd.pid")" ;;
	bare) pgrep -g "$(cat "$B/bare.pid")" ;;
	nginx) cat "$B/nginx.pid" && pgrep -P "$(cat "$B/nginx.pid")" ;;
	mailer) cat "$STATE/run/mailer.pid" ;;
	smtp) cat "$STATE/run/smtp.pid" ;;
	esac 2>/dev/null || true
}
# The machine's busy clock ticks: user, nice, system, irq and softirq of
# the "cpu" line.
bench_cpu_machine() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8; exit }' /proc/stat; }
# bench_cpu_children: this shell's waited-for children's CPU so far, in
# clock ticks, into BENCH_CPU_CHILDREN. Not "$(...)": "times" counts the
# children of the shell it runs in, and a subshell's start at nothing.
bench_cpu_children() {
	times >"$TMPDIR_BENCH/times"
	BENCH_CPU_CHILDREN=$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] } printf "%d\n", t * 100 + 0.5 }' "$TMPDIR_BENCH/times")
}
bench_cpu_mark() {
	local p
	for p in $bench_cpu_parts; do
		# shellcheck disable=SC2046
		BENCH_CPU0[$p]=$(bench_ticks $(bench_cpu_pids "$p"))
	done
	bench_cpu_children
	BENCH_CPU0[wrk]=$BENCH_CPU_CHILDREN
	BENCH_CPU0[machine]=$(bench_cpu_machine)
	BENCH_CPU_WRK=
}
# bench_cpu_client_done: wrk has ended; what the script runs next (a
# settle's queries) is not the client's.
bench_cpu_client_done() {
	bench_cpu_children
	BENCH_CPU_WRK=$((BENCH_CPU_CHILDREN - BENCH_CPU0[wrk]))
}
bench_cpu_report() {
	local unit=$1 count=$2 p d sum=0 line="" scale label
	[ "${count%.*}" -gt 0 ] 2>/dev/null || return 0
	# A clock tick is 10 ms: 10,000 us per request, 10 ms per submission.
	if [ "$unit" = request ]; then scale=10000 label="us per request"; else scale=10 label="ms per submission"; fi
	for p in $bench_cpu_parts wrk; do
		if [ "$p" = wrk ]; then
			[ -n "$BENCH_CPU_WRK" ] || bench_cpu_client_done
			d=$BENCH_CPU_WRK
		else
			# shellcheck disable=SC2046
			d=$(($(bench_ticks $(bench_cpu_pids "$p")) - BENCH_CPU0[$p]))
		fi
		sum=$((sum + d))
		# Parts that did next to nothing (under 0.5 us, 0.005 ms) are left out.
		line+=$(awk -v p="$p" -v d="$d" -v n="$count" -v s="$scale" 'BEGIN {
			f = (s > 100 ? 0 : 2)
			if (d * s / n >= (f ? 0.005 : 0.5)) printf "%s %.*f, ", p, f, d * s / n }')
	done
	d=$(($(bench_cpu_machine) - BENCH_CPU0[machine]))
	awk -v l="$line" -v o=$((d - sum)) -v d="$d" -v n="$count" -v s="$scale" -v label="$label" -v c="$(nproc)" 'BEGIN {
		f = (s > 100 ? 0 : 2)
		printf "      CPU, %s: %sother %.*f; machine %.*f (%d cores: at most %.0f/s)\n",
		    label, l, f, (o > 0 ? o : 0) * s / n, f, d * s / n, c, (d > 0 ? c * 100 * n / d : 0)
	}'
}
