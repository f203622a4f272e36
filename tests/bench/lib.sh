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
