-- wrk script: every vote comes from a new, distinct anonymous reader. A reader is an id
-- the server issued, so each is fetched first (GET /api/reader answers with a sealed
-- cookie), then votes once at the address wrk was given, from an address of its own in
-- 10.0.0.0/8 (sent as X-Forwarded-For, which the bench's server believes of loopback),
-- as readers of many networks do. With CHOICES (a poll's option ids, comma-separated)
-- the vote is a ballot for one of them; without, a rating of 1 to 5 stars. `done` prints
-- how many votes were accepted (201) and refused (4xx/5xx).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  cookies = {}
  accepted = 0
  refused = 0
  choices = {}
  for id in string.gmatch(os.getenv("CHOICES") or "", "%d+") do
    table.insert(choices, id)
  end
end

local function vote_body()
  if #choices > 0 then
    return string.format('{"option_ids": [%s]}', choices[math.random(#choices)])
  end
  return string.format('{"point": %d}', math.random(1, 5))
end

function request()
  local cookie = table.remove(cookies)
  if cookie == nil then
    return wrk.format("GET", "/api/reader")
  end
  local network = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255),
    math.random(1, 254))
  return wrk.format("POST", wrk.path, {
    ["Content-Type"] = "application/json",
    ["Cookie"] = cookie,
    ["X-Forwarded-For"] = network,
  }, vote_body())
end

function response(status, headers, body)
  local issued = headers["set-cookie"] or headers["Set-Cookie"]
  if issued ~= nil then
    table.insert(cookies, (issued:match("^(kc_visitor=[^;]+)")))
  end
  if status == 201 then
    accepted = accepted + 1
  elseif status >= 400 then
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local sum = { accepted = 0, refused = 0 }
  for _, thread in ipairs(threads) do
    sum.accepted = sum.accepted + thread:get("accepted")
    sum.refused = sum.refused + thread:get("refused")
  end
  io.write(string.format("votes accepted: %d\nvotes refused: %d\n", sum.accepted, sum.refused))
end
