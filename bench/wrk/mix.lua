-- The soak of bench/serve.sh: a mix of the routes, from the files of DIR
-- (bench/serve-helper.js):
--   wrk ... -s bench/wrk/mix.lua URL -- DIR NONCE
-- Per 100 requests: 50 panels, 20 dossiers, 15 searches, 5 person searches
-- by name, 5 articles, 3 tops and 2 POSTs of one new 2 KB article.
local common = dofile("bench/wrk/common.lua")
local ids, kbids, words, texts, nonce
local counter = 0

setup = common.setup

function init(args)
  local dir = args[1]
  ids = common.lines(dir .. "/ids.txt")
  kbids = common.lines(dir .. "/kbids.txt")
  words = common.lines(dir .. "/words.txt")
  texts = common.lines(dir .. "/posts.txt")
  nonce = args[2] or tostring(os.time())
  math.randomseed(os.time() + 7919 * (thread_number or 0))
end

local function pick(list) return list[math.random(#list)] end

function request()
  local r = math.random(100)
  if r <= 50 then return wrk.format("GET", "/api/v1/articles/" .. pick(ids) .. "/panel") end
  if r <= 70 then return wrk.format("GET", "/api/v1/persons/" .. pick(kbids)) end
  if r <= 85 then return wrk.format("GET", "/api/v1/search?q=" .. pick(words)) end
  if r <= 90 then return wrk.format("GET", "/api/v1/persons?q=" .. pick(words)) end
  if r <= 95 then return wrk.format("GET", "/api/v1/articles/" .. pick(ids)) end
  if r <= 98 then return wrk.format("GET", "/api/v1/top?limit=20") end
  counter = counter + 1
  local body = string.format('{"id":"soak-%s-%d-%d","text":"Проверка %d. %s"}', nonce,
                             thread_number, counter, counter, pick(texts))
  return wrk.format("POST", "/api/v1/articles", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests) common.done(summary, latency) end
