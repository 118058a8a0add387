-- Shared by the bench/wrk/*.lua scripts of bench/serve.sh (run from the
-- repository root): reading the data files, and a summary line in JSON.
local common = {}

-- The non-empty lines of a file.
function common.lines(path)
  local lines = {}
  local file = assert(io.open(path, "r"), "cannot read " .. path)
  for line in file:lines() do
    if line ~= "" then lines[#lines + 1] = line end
  end
  file:close()
  assert(#lines > 0, path .. " is empty")
  return lines
end

-- Gives each wrk thread a number (threads are made one after the other in
-- the main Lua state, which calls setup): ids built from it stay distinct.
local next_thread = 0
function common.setup(thread)
  thread:set("thread_number", next_thread)
  next_thread = next_thread + 1
end

-- One JSON line on standard output: requests/s, latency percentiles in ms,
-- the answers that were not 2xx/3xx and the socket errors.
function common.done(summary, latency)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.2f,"rps":%.1f,"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,' ..
    '"max_ms":%.2f,"non_2xx":%d,"socket_errors":%d}\n',
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000, e.status,
    e.connect + e.read + e.write + e.timeout))
end

return common
