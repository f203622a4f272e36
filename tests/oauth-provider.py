#!/usr/bin/env python3
# oauth-provider.py - a mock TaxisNet (GSIS) OAuth2 provider for tests and
# the local stack. Owns: the authorize page, codes, tokens and the userinfo
# XML of the test people in tests/oauth-users.json. Standard library only.
"""Mock TaxisNet (GSIS) OAuth2 authorization-code provider.

    oauth-provider.py --port N [--port-file F] [--users FILE]
                      --client-id ID --client-secret SECRET
                      [--redirect-uri URI ...] [--bind ADDR]

Endpoints (the same shape as the real service):
  GET  /oauth2/authorize   bilingual login page listing the test users;
                           POST of the form approves or denies
  POST /oauth2/token       code -> {"access_token", "token_type", ...};
                           client authentication by HTTP Basic or by
                           client_id/client_secret in the form body
  GET  /oauth2/userinfo    "Authorization: Bearer <token>" -> GSIS XML
  GET  /oauth2/logout/<client_id>/?url=U
                           "logs out" and returns to U when U is on the
                           origin of a registered redirect URI

Registered redirect URIs: each --redirect-uri must match exactly. Without
any, every http URI on 127.0.0.1 or localhost (any port) whose path is
/login/taxisnet/callback is accepted, which suits the local stack.

Test switches on GET /oauth2/authorize (never on the real service):
  test_user=<username>   approve as that user at once, without the form
  test_deny=1            deny at once (error=access_denied)
  test_expired=1         with test_user: the code issued has already expired

Failure switches by user ("special" in the users file):
  fail500     token-500            the token exchange answers 500 with HTML
  badxml      userinfo-malformed   userinfo is not well-formed XML
  doctype     userinfo-doctype     userinfo has a DOCTYPE declaring an
                                   internal entity and an external one that
                                   points at /test/canary on this server
  slow        userinfo-slow        userinfo sleeps 5 s first
  incomplete  userinfo-incomplete  userinfo lacks the taxid attribute
  huge        userinfo-huge        userinfo is 100 KiB, without
                                   Content-Length
  smith       (data)               Latin-letter names
  badafm      (data)               taxid fails the AFM check digit
  halfname    (data)               no firstname but a fathername and a
                                   birthyear: neither person nor company
  longname    (data)               a legal entity whose name is longer
                                   than 200 characters

Legal entities ("entity": "legal" in the users file, e.g. fournos) are
answered as GSIS answers a company logging in with its own credentials:
taxid is its AFM, lastname its legal name (ΕΠΩΝΥΜΙΑ), and firstname,
fathername and mothername are empty, without a birthyear.

GET /test/canary counts a hit (an XML parser that fetched the external
entity would call it); GET /test/canary-count answers that count.

Codes are single use, expire after 60 s and are bound to the client and the
redirect URI; reusing a code also revokes the token it was exchanged for.
Tokens live an hour. One line per request goes to stderr. SIGTERM and
SIGINT stop the server cleanly.
"""

import argparse
import base64
import hmac
import html
import json
import os
import secrets
import signal
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import quoteattr

CODE_TTL = 60
TOKEN_TTL = 3600
SLOW_SECONDS = 5
FORM_MAX = 16 * 1024
DEFAULT_CALLBACK_PATH = "/login/taxisnet/callback"


class State:
    """Everything the handlers share; one lock guards codes and tokens."""

    def __init__(self, args, users):
        self.client_id = args.client_id
        self.client_secret = args.client_secret
        self.redirect_uris = args.redirect_uri or []
        self.users = users
        self.codes = {}
        self.tokens = {}
        self.canary = 0
        self.lock = threading.Lock()

    def redirect_ok(self, uri):
        if self.redirect_uris:
            return uri in self.redirect_uris
        try:
            u = urllib.parse.urlsplit(uri)
        except ValueError:
            return False
        return (u.scheme == "http" and
                u.hostname in ("127.0.0.1", "localhost") and
                u.path == DEFAULT_CALLBACK_PATH and
                not u.query and not u.fragment and not u.username)

    def origin_ok(self, url):
        """True when url is on the origin of an acceptable redirect URI."""
        try:
            u = urllib.parse.urlsplit(url)
        except ValueError:
            return False
        if u.scheme not in ("http", "https") or u.username:
            return False
        if not self.redirect_uris:
            return (u.scheme == "http" and
                    u.hostname in ("127.0.0.1", "localhost"))
        for r in self.redirect_uris:
            ru = urllib.parse.urlsplit(r)
            if (ru.scheme, ru.netloc) == (u.scheme, u.netloc):
                return True
        return False

    def issue_code(self, username, redirect_uri, scope, expired=False):
        code = secrets.token_urlsafe(24)
        with self.lock:
            self.expire()
            self.codes[code] = {
                "user": username,
                "client_id": self.client_id,
                "redirect_uri": redirect_uri,
                "scope": scope,
                "expires": time.monotonic() + (-1 if expired else CODE_TTL),
                "used": False,
                "token": None,
            }
        return code

    def expire(self):
        """Forgets codes and tokens long dead (lock held)."""
        now = time.monotonic()
        for k in [k for k, c in self.codes.items()
                  if c["expires"] < now - CODE_TTL]:
            del self.codes[k]
        for k in [k for k, t in self.tokens.items() if t["expires"] < now]:
            del self.tokens[k]


def load_users(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    users = {}
    for u in data["users"]:
        users[u["username"]] = u
    return users


def pad(value, width):
    """GSIS pads its values with spaces; so do we."""
    return value + " " * max(3, width - len(value))


def userinfo_xml(user):
    attrs = [
        ("userid", pad(user["userid"], 16)),
        ("taxid", pad(user["taxid"], 12)),
        ("lastname", pad(user["lastname"], 24)),
        ("firstname", pad(user["firstname"], 24)),
        ("fathername", pad(user["fathername"], 24)),
        ("mothername", pad(user["mothername"], 24)),
    ]
    if user.get("birthyear") is not None:
        attrs.append(("birthyear", str(user["birthyear"]) + " "))
    if user.get("special") == "userinfo-incomplete":
        attrs = [a for a in attrs if a[0] != "taxid"]
    text = " ".join("%s=%s" % (k, quoteattr(v)) for k, v in attrs)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            "<root><userinfo %s/></root>\n" % text)


def doctype_xml(user, port):
    # Both kinds of entity: an internal one, and an external one that a
    # parser allowed onto the network would fetch from /test/canary.
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE root [\n'
            '  <!ENTITY inner "ENTITY-EXPANDED">\n'
            '  <!ENTITY outer SYSTEM "http://127.0.0.1:%d/test/canary">\n'
            ']>\n'
            '<root><userinfo userid="%s   " taxid="%s   " '
            'lastname="&inner;" firstname="&outer;" fathername="" '
            'mothername="" birthyear="1970"/></root>\n'
            % (port, user["userid"], user["taxid"]))


PAGE_STYLE = (
    "body{font-family:sans-serif;max-width:44em;margin:2em auto;"
    "color:#222}h1{color:#0a4b8c;font-size:1.4em}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;"
    "padding:.2em .5em;text-align:left}label{display:block;margin:.5em 0}"
    ".err{color:#a00}.note{color:#666;font-size:.9em}")


def page(title, body):
    return ("<!DOCTYPE html>\n<html lang=\"el\"><head><meta charset=\"utf-8\">"
            "<title>%s</title><style>%s</style></head><body>%s</body></html>\n"
            % (html.escape(title), PAGE_STYLE, body)).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    server_version = "mock-gsis/1"
    protocol_version = "HTTP/1.0"

    @property
    def st(self):
        return self.server.state

    # ---------------------------------------------------------- plumbing

    def log_message(self, fmt, *args):
        sys.stderr.write("oauth-provider: %s %s\n" %
                         (self.address_string(), fmt % args))

    def log_request(self, code="-", size="-"):
        # The request line without the query: it may carry codes.
        path = self.path.split("?", 1)[0]
        self.log_message("%s %s %s", self.command, path,
                         int(code) if isinstance(code, int) else code)

    def send(self, status, ctype, body, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Pragma", "no-cache")
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    def send_json(self, status, obj, headers=()):
        self.send(status, "application/json;charset=UTF-8",
                  json.dumps(obj).encode("utf-8"), headers)

    def send_page(self, status, title, body):
        self.send(status, "text/html; charset=utf-8", page(title, body),
                  [("Content-Security-Policy",
                    "default-src 'none'; style-src 'unsafe-inline'; "
                    "form-action 'self' http: https:")])

    def bad_request_page(self, message_el, message_en):
        self.send_page(400, "Σφάλμα / Error",
                       "<h1>Σφάλμα / Error</h1><p>%s</p><p>%s</p>" %
                       (html.escape(message_el), html.escape(message_en)))

    def redirect(self, uri, params):
        sep = "&" if "?" in uri else "?"
        self.send_response(302)
        self.send_header("Location",
                         uri + sep + urllib.parse.urlencode(params))
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()

    def read_form(self):
        try:
            n = int(self.headers.get("Content-Length", ""))
        except ValueError:
            return None
        if n < 0 or n > FORM_MAX:
            return None
        raw = self.rfile.read(n)
        try:
            text = raw.decode("ascii")
            return dict(urllib.parse.parse_qsl(text, keep_blank_values=True,
                                               strict_parsing=bool(text)))
        except (UnicodeDecodeError, ValueError):
            return None

    def query(self):
        q = urllib.parse.urlsplit(self.path).query
        try:
            return dict(urllib.parse.parse_qsl(q, keep_blank_values=True))
        except ValueError:
            return {}

    # ---------------------------------------------------------- routes

    def do_GET(self):
        path = urllib.parse.urlsplit(self.path).path
        if path == "/oauth2/authorize":
            self.authorize(self.query(), None)
        elif path == "/oauth2/userinfo":
            self.userinfo()
        elif path.startswith("/oauth2/logout/"):
            self.logout(path, self.query())
        elif path == "/test/canary":
            with self.st.lock:
                self.st.canary += 1
            self.send(200, "text/plain", b"CANARY-FETCHED")
        elif path == "/test/canary-count":
            with self.st.lock:
                n = self.st.canary
            self.send(200, "text/plain", str(n).encode())
        else:
            self.send(404, "text/plain", b"not found\n")

    def do_POST(self):
        path = urllib.parse.urlsplit(self.path).path
        if path == "/oauth2/token":
            self.token()
        elif path == "/oauth2/authorize":
            form = self.read_form()
            if form is None:
                self.bad_request_page("Μη έγκυρη φόρμα.", "Invalid form.")
                return
            self.authorize(form, form)
        else:
            self.send(404, "text/plain", b"not found\n")

    # ---------------------------------------------------------- authorize

    def authorize(self, p, form):
        st = self.st
        client_id = p.get("client_id", "")
        redirect_uri = p.get("redirect_uri", "")
        # Until client and redirect URI are known good, never redirect.
        if not hmac.compare_digest(client_id.encode(),
                                   st.client_id.encode()):
            self.bad_request_page("Άγνωστη εφαρμογή (client_id).",
                                  "Unknown client_id.")
            return
        if not st.redirect_ok(redirect_uri):
            self.bad_request_page(
                "Η διεύθυνση επιστροφής (redirect_uri) δεν έχει δηλωθεί.",
                "The redirect_uri is not registered for this client.")
            return
        extra = {"state": p["state"]} if "state" in p else {}
        if p.get("response_type") != "code":
            self.redirect(redirect_uri,
                          dict(error="unsupported_response_type", **extra))
            return
        scope = p.get("scope", "")

        if form is None:
            if p.get("test_deny") == "1":
                self.redirect(redirect_uri,
                              dict(error="access_denied", **extra))
                return
            if "test_user" in p:
                if p["test_user"] not in st.users:
                    self.bad_request_page("Άγνωστος δοκιμαστικός χρήστης.",
                                          "Unknown test_user.")
                    return
                code = st.issue_code(p["test_user"], redirect_uri, scope,
                                     expired=p.get("test_expired") == "1")
                self.redirect(redirect_uri, dict(code=code, **extra))
                return
            self.login_page(p, "")
            return

        if form.get("action") == "deny":
            self.redirect(redirect_uri, dict(error="access_denied", **extra))
            return
        user = st.users.get(form.get("username", ""))
        if user is None or not hmac.compare_digest(
                form.get("password", "").encode("utf-8"),
                user["password"].encode("utf-8")):
            self.login_page(p, "Λάθος όνομα χρήστη ή κωδικός. / "
                            "Wrong username or password.")
            return
        code = st.issue_code(user["username"], redirect_uri, scope)
        self.redirect(redirect_uri, dict(code=code, **extra))

    def login_page(self, p, error):
        hidden = "".join(
            '<input type="hidden" name="%s" value="%s">' %
            (k, html.escape(p[k]))
            for k in ("response_type", "client_id", "redirect_uri", "scope",
                      "state") if k in p)
        rows = "".join(
            "<tr><td><code>%s</code></td><td><code>%s</code></td>"
            "<td>%s %s</td><td>%s</td><td>%s</td></tr>" %
            (html.escape(u["username"]), html.escape(u["password"]),
             html.escape(u["lastname"]), html.escape(u["firstname"]),
             "Νομικό πρόσωπο / Legal entity"
             if u.get("entity") == "legal" else "",
             html.escape(u.get("special", "")))
            for u in self.st.users.values())
        body = (
            "<h1>Αυθεντικοποίηση χρήστη / User authentication</h1>"
            "<p>Δοκιμαστικός πάροχος TaxisNet &mdash; όχι η ΓΓΠΣ. / "
            "Mock TaxisNet provider &mdash; not GSIS.</p>"
            "%s"
            '<form method="post" action="/oauth2/authorize">%s'
            '<label>Όνομα χρήστη / Username '
            '<input name="username" autocomplete="off" autofocus></label>'
            '<label>Κωδικός / Password '
            '<input name="password" type="password"></label>'
            '<button name="action" value="login">Σύνδεση / Login</button> '
            '<button name="action" value="deny">Άρνηση / Deny</button>'
            "</form>"
            "<h2>Δοκιμαστικοί χρήστες / Test users</h2>"
            "<table><tr><th>Όνομα χρήστη / Username</th>"
            "<th>Κωδικός / Password</th>"
            "<th>Ονοματεπώνυμο ή επωνυμία / Name</th>"
            "<th>Είδος / Kind</th>"
            "<th>Σφάλμα / Failure</th></tr>%s</table>"
            % ('<p class="err">%s</p>' % html.escape(error) if error else "",
               hidden, rows))
        self.send_page(200, "TaxisNet (δοκιμαστικό / mock)", body)

    # ---------------------------------------------------------- token

    def client_credentials(self, form):
        """(id, secret, method) or None when both methods are used."""
        auth = self.headers.get("Authorization", "")
        basic = None
        if auth[:6].lower() == "basic ":
            try:
                raw = base64.b64decode(auth[6:].strip(), validate=True)
                cid, _, sec = raw.decode("utf-8").partition(":")
                basic = (urllib.parse.unquote_plus(cid),
                         urllib.parse.unquote_plus(sec))
            except (ValueError, UnicodeDecodeError):
                basic = ("", "")
        body = None
        if "client_secret" in form:
            body = (form.get("client_id", ""), form["client_secret"])
        if basic and body:
            return None
        return basic or body or ("", "")

    def token_error(self, status, error, description):
        headers = []
        if status == 401:
            headers.append(("WWW-Authenticate", 'Basic realm="oauth2"'))
        self.send_json(status, {"error": error,
                                "error_description": description}, headers)

    def token(self):
        st = self.st
        form = self.read_form()
        if form is None:
            self.token_error(400, "invalid_request", "Malformed form body")
            return
        cred = self.client_credentials(form)
        if cred is None:
            self.token_error(400, "invalid_request",
                             "More than one client authentication method")
            return
        cid, secret = cred
        if not (hmac.compare_digest(cid.encode(), st.client_id.encode()) and
                hmac.compare_digest(secret.encode(),
                                    st.client_secret.encode())):
            self.token_error(401, "invalid_client", "Bad client credentials")
            return
        if form.get("grant_type") != "authorization_code":
            self.token_error(400, "unsupported_grant_type",
                             "Unsupported grant type: %s" %
                             form.get("grant_type", ""))
            return
        code = form.get("code", "")
        if not code:
            self.token_error(400, "invalid_request", "Missing code")
            return
        with st.lock:
            c = st.codes.get(code)
            reason = None
            if c is None:
                reason = "Invalid authorization code: %s" % code[:64]
            elif c["used"]:
                reason = "Authorization code already used"
                if c["token"] is not None:
                    st.tokens.pop(c["token"], None)
            elif c["expires"] < time.monotonic():
                reason = "Authorization code expired"
            elif c["client_id"] != cid:
                reason = "Code issued to another client"
            elif c["redirect_uri"] != form.get("redirect_uri", ""):
                reason = "Redirect URI mismatch."
            if c is not None:
                c["used"] = True
            if reason is None:
                user = st.users[c["user"]]
                token = secrets.token_urlsafe(32)
                c["token"] = token
                st.tokens[token] = {"user": user["username"],
                                    "expires": time.monotonic() + TOKEN_TTL}
        if reason is not None:
            self.token_error(400, "invalid_grant", reason)
            return
        if user.get("special") == "token-500":
            self.send_page(500, "Internal Server Error",
                           "<h1>HTTP Status 500 - Internal Server Error</h1>"
                           "<p>java.lang.NullPointerException</p>")
            return
        self.send_json(200, {"access_token": token, "token_type": "Bearer",
                             "expires_in": TOKEN_TTL,
                             "scope": c["scope"] or "read"})

    # ---------------------------------------------------------- userinfo

    def userinfo(self):
        st = self.st
        auth = self.headers.get("Authorization", "")
        token = auth[7:].strip() if auth[:7].lower() == "bearer " else ""
        with st.lock:
            t = st.tokens.get(token) if token else None
            if t is not None and t["expires"] < time.monotonic():
                t = None
        if t is None:
            self.send(401, "application/json;charset=UTF-8",
                      b'{"error":"invalid_token","error_description":'
                      b'"Invalid access token"}',
                      [("WWW-Authenticate",
                        'Bearer realm="oauth2", error="invalid_token"')])
            return
        user = st.users[t["user"]]
        special = user.get("special")
        if special == "userinfo-malformed":
            body = ('<?xml version="1.0" encoding="UTF-8"?>\n<root><userinfo '
                    'userid="%s" taxid="%s" lastname="ΚΑΚΟ></root>'
                    % (user["userid"], user["taxid"]))
        elif special == "userinfo-doctype":
            body = doctype_xml(user, self.server.server_address[1])
        elif special == "userinfo-huge":
            # Without Content-Length (HTTP/1.0, the end is the close),
            # so the client must count what arrives.
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.end_headers()
            try:
                self.wfile.write(b"<root><!-- ")
                for _ in range(100):
                    self.wfile.write(b"x" * 1024)
                self.wfile.write(b" --><userinfo/></root>")
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        else:
            if special == "userinfo-slow":
                time.sleep(SLOW_SECONDS)
            body = userinfo_xml(user)
        self.send(200, "application/xml;charset=UTF-8", body.encode("utf-8"))

    # ---------------------------------------------------------- logout

    def logout(self, path, q):
        cid = path[len("/oauth2/logout/"):].strip("/")
        url = q.get("url", "")
        if cid != self.st.client_id:
            self.bad_request_page("Άγνωστη εφαρμογή.", "Unknown client.")
        elif url and self.st.origin_ok(url):
            self.send_response(302)
            self.send_header("Location", url)
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self.send_page(200, "Αποσύνδεση / Logout",
                           "<h1>Αποσυνδεθήκατε / You are logged out</h1>")


def main():
    ap = argparse.ArgumentParser(
        description="Mock TaxisNet (GSIS) OAuth2 provider for tests.")
    ap.add_argument("--port", type=int, required=True,
                    help="TCP port; 0 picks a free one")
    ap.add_argument("--port-file",
                    help="write the port here once listening")
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--users", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "oauth-users.json"))
    ap.add_argument("--client-id", required=True)
    ap.add_argument("--client-secret", required=True)
    ap.add_argument("--redirect-uri", action="append",
                    help="a registered redirect URI (repeatable)")
    args = ap.parse_args()

    users = load_users(args.users)
    server = ThreadingHTTPServer((args.bind, args.port), Handler)
    server.daemon_threads = True
    server.state = State(args, users)
    port = server.server_address[1]

    def stop(signum, frame):
        raise SystemExit(0)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.rename(tmp, args.port_file)
    sys.stderr.write("oauth-provider: listening on http://%s:%d/ "
                     "(%d users)\n" % (args.bind, port, len(users)))
    sys.stderr.flush()
    try:
        server.serve_forever()
    except SystemExit:
        pass
    finally:
        server.server_close()
        sys.stderr.write("oauth-provider: stopped\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
