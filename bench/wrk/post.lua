-- POST articles of about 2 KB to /api/v1/articles, each with a fresh id:
--   wrk ... -s bench/wrk/post.lua URL -- POSTS.txt PER_REQUEST NONCE
-- POSTS.txt: JSON-escaped texts, one a line (bench/serve-helper.js). One
-- article a request as application/json when PER_REQUEST is 1, else
-- PER_REQUEST articles a request as application/x-ndjson. Ids are
-- post-NONCE-THREAD-N; «Запрос N.» prepended keeps content hashes distinct.
local common = dofile("bench/wrk/common.lua")
local texts, per_request, nonce
local counter = 0

setup = common.setup

function init(args)
  texts = common.lines(args[1])
  per_request = tonumber(args[2]) or 1
  nonce = args[3] or tostring(os.time())
  math.randomseed(os.time() + 7919 * (thread_number or 0))
end

local function article()
  counter = counter + 1
  local day = counter % 28 + 1
  return string.format('{"id":"post-%s-%d-%d","published_at":"2026-11-%02dT12:00:00Z",' ..
                       '"text":"Запрос %d. %s"}', nonce, thread_number, counter, day, counter,
                       texts[math.random(#texts)])
end

function request()
  if per_request == 1 then
    return wrk.format("POST", "/api/v1/articles", {["Content-Type"] = "application/json"}, article())
  end
  local lines = {}
  for i = 1, per_request do lines[i] = article() end
  return wrk.format("POST", "/api/v1/articles", {["Content-Type"] = "application/x-ndjson"},
                    table.concat(lines, "\n") .. "\n")
end

function done(summary, latency, requests) common.done(summary, latency) end
