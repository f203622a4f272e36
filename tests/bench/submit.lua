-- wrk script: the whole submission of a request, as a browser does it.
-- Each connection alternates: POST the service's form (multipart, body
-- from the file $BENCH_BODY, a draft answered with 303 to its preview),
-- then POST /requests/<id>/submit for the draft it got back. done()
-- reports how many were submitted and any answer that was not a 303.
--
-- Environment: BENCH_BODY (the multipart body), BENCH_BOUNDARY,
-- BENCH_FORM (the form's path), BENCH_COOKIE, BENCH_CSRF. A body holding
-- the marker @@VARY@@@@@@@@@@ gets a different 16 characters there on
-- every post, so that each file is new content (stored, not found).

local threads = {}

function setup(thread)
	table.insert(threads, thread)
end

function init(args)
	local f = assert(io.open(os.getenv("BENCH_BODY"), "rb"))
	body = f:read("*a")
	f:close()
	local at = string.find(body, "@@VARY@@@@@@@@@@", 1, true)
	if at ~= nil then
		head = string.sub(body, 1, at - 1)
		tail = string.sub(body, at + 16)
		tag = string.format("%p", {}):sub(-6)
	end
	sent = 0
	form = os.getenv("BENCH_FORM")
	cookie = os.getenv("BENCH_COOKIE")
	csrf = os.getenv("BENCH_CSRF")
	ctype = "multipart/form-data; boundary=" .. os.getenv("BENCH_BOUNDARY")
	pending = {}
	submitted = 0
	bad = 0
end

function request()
	local id = table.remove(pending)
	if id ~= nil then
		return wrk.format("POST", "/requests/" .. id .. "/submit", {
			["Cookie"] = cookie,
			["Content-Type"] = "application/x-www-form-urlencoded",
		}, "csrf=" .. csrf)
	end
	local b = body
	if head ~= nil then
		sent = sent + 1
		b = head .. string.format("%6s%010d", tag, sent) .. tail
	end
	return wrk.format("POST", form, {
		["Cookie"] = cookie,
		["Content-Type"] = ctype,
	}, b)
end

function response(status, headers, body)
	local loc = headers["Location"] or headers["location"] or ""
	local id = string.match(loc, "^/requests/(%d+)/preview$")
	if status ~= 303 then
		bad = bad + 1
	elseif id ~= nil then
		table.insert(pending, id)
	elseif string.match(loc, "submitted=1$") then
		submitted = submitted + 1
	end
end

function done(summary, latency, requests)
	local n, b = 0, 0
	for _, t in ipairs(threads) do
		n = n + t:get("submitted")
		b = b + t:get("bad")
	end
	io.write(string.format("SUBMITTED %d %.1f\n", n,
	    n / (summary.duration / 1000000)))
	io.write(string.format("BAD %d\n", b))
end
