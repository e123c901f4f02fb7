-- wrk script: every request rates one article as a new, distinct anonymous reader.
-- ARTICLE_PATH is set by `cargo xtask bench`.
local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
end

local counter = 0

function request()
  counter = counter + 1
  local reader = string.format("00000000-0000-4000-%04x-%012x", tid, counter)
  local body = string.format('{"point": %d}', counter % 5 + 1)
  return wrk.format("POST", os.getenv("ARTICLE_PATH"), {
    ["Content-Type"] = "application/json",
    ["Cookie"] = "kc_visitor=" .. reader,
  }, body)
end
