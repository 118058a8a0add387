-- GET a route with a random value from a file in place of {}:
--   wrk ... -s bench/wrk/get.lua URL -- '/api/v1/articles/{}/panel' build/bench/ids.txt
-- (values are used as written: percent-encode them in the file).
local common = dofile("bench/wrk/common.lua")
local pattern, values

setup = common.setup

function init(args)
  pattern = args[1]
  values = common.lines(args[2])
  math.randomseed(os.time() + 7919 * (thread_number or 0))
end

function request()
  local path = pattern:gsub("{}", function() return values[math.random(#values)] end)
  return wrk.format("GET", path)
end

function done(summary, latency, requests) common.done(summary, latency) end
