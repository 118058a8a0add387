-- The load and the soak of bench/load.sh: a mix of routes at a constant
-- rate on a store of bench/make_kb.py, each route's latency as the client
-- sees it:
--   wrk -tN -cN -d60s -s bench/wrk/load.lua URL -- RATE NONCE API_KEY ARTICLES R W [MIX]
-- One connection a thread (-c equal to -t, N = R + W): a thread's requests
-- and answers then alternate, so that response() knows which request it
-- answers. R threads send the reads and W threads the POSTs (W = 0: every
-- thread sends both), each its share of RATE on a fixed schedule (delay());
-- a request due while the one before is still out goes as soon as it is
-- answered and the schedule is kept, not restarted, so that the rate holds
-- as long as the server keeps up (wrk2's constant throughput, which
-- Debian's wrk lacks). At most N requests are out at once.
-- MIX: the share of each route, e.g. "panel:50,person:15,person_page:5,
-- top:10,search:15,ingest:5" (the default; shares in any units):
--   50 panel        GET /api/v1/articles/syn{0..ARTICLES-1}/panel
--   15 person       GET /api/v1/persons/{kb_id}  half of them among all
--    5 person_page  GET /persons/{kb_id}         20,000 persons, half among
--                                                the 100 most mentioned
--   10 top          GET /api/v1/top?limit=20, half of them of a month
--   15 search       GET /api/v1/search?q=SURNAME (make_kb.py's, in a case)
--    5 ingest       POST /api/v1/articles: a new article of about 1.4 KB
--                   naming make_kb.py's persons with their posts, a quote
-- done() prints one JSON line for the whole run ("route": "all") and one a
-- route: requests sent and answered, statuses, p50/p90/p99/max in ms (from
-- a histogram of 1 % wide buckets).
local ffi = require("ffi")
local common = dofile("bench/wrk/common.lua")

ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } kto_load_timespec;
int clock_gettime(int clock, kto_load_timespec *ts);
]]
local timespec = ffi.new("kto_load_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, timespec)  -- CLOCK_MONOTONIC
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

-- make_kb.py's names (its FIRST, PATR, SURN) and its posts, the
-- organizations in the genitive as a text writes them.
local FIRST = {"Игорь", "Анна", "Олег", "Пётр", "Мария", "Сергей", "Елена", "Дмитрий", "Ольга",
               "Павел", "Ирина", "Андрей", "Наталья", "Виктор", "Светлана", "Алексей", "Татьяна",
               "Юрий"}
local PATR = {"Павлович", "Сергеевич", "Игоревич", "Андреевич", "Викторович", ""}
local SURN = {"Кедров", "Лесин", "Алёшин", "Светлов", "Зимин", "Ольховский", "Берестов",
              "Сосновский", "Рябинин", "Дубравин", "Ветров", "Ивнёв", "Ясенев", "Клёнов", "Липин",
              "Вязов", "Тополев", "Осинин", "Ольшанский", "Буков", "Грабов", "Ракитин",
              "Черёмухин", "Калинин", "Рогозин"}
local POSTS = {"губернатор Северской области", "мэр Кедровска",
               "министр транспорта Северской области", "депутат Областной думы",
               "директор Кедровского завода", "тренер «Метеора»", "председатель Областной думы",
               "глава Лесногорского района", "прокурор Северской области"}
local PERSONS = 20000

-- What a thread counted: by route, {sent, answered, non_2xx, statuses = {},
-- buckets = {}, max}; and how late its requests went (max_lag_ms, late:
-- sent more than 100 ms after their time).
local stats = {}
local schedule = {max_lag_ms = 0, late = 0}

local rate, nonce, key, articles
local interval, next_at
local counter = 0
local pending_route, pending_since
local due = false  -- delay() was called: the next request() is one wrk sends
local search_words = {}

local ROUTES = {"panel", "person", "person_page", "top", "search", "ingest"}
local DEFAULT_MIX = "panel:50,person:15,person_page:5,top:10,search:15,ingest:5"
local mix = {}  -- {route, cumulative share} in ROUTES' order

local threads = {}
function setup(thread)
  common.setup(thread)
  threads[#threads + 1] = thread
end

-- make_kb.py's person i (0-based; kb id i + 1): name, surname, gender.
local function person(i)
  local first = FIRST[i % #FIRST + 1]
  local surname = SURN[math.floor(i / #FIRST) % #SURN + 1]
  local last = first:sub(-2)
  if (last == "а" or last == "я" or last == "ь") and first ~= "Игорь" then
    if surname:sub(-8) == "ский" then
      surname = surname:sub(1, -9) .. "ская"
    else
      surname = surname .. "а"
    end
    return first .. " " .. surname, surname, true
  end
  local patronymic = PATR[i % #PATR + 1]
  if patronymic ~= "" then return first .. " " .. patronymic .. " " .. surname, surname, false end
  return first .. " " .. surname, surname, false
end

function init(args)
  rate = tonumber(args[1]) or 1000
  nonce = args[2] or tostring(os.time())
  key = args[3] or ""
  articles = tonumber(args[4]) or 100000
  math.randomseed(os.time() + 7919 * (thread_number or 0))
  local readers, writers = tonumber(args[5]) or 1, tonumber(args[6]) or 0
  local shares, total = {}, 0
  for route, share in (args[7] or DEFAULT_MIX):gmatch("([%w_]+):([%d.]+)") do
    shares[route] = tonumber(share)
    total = total + shares[route]
  end
  assert(total > 0, "load.lua: an empty mix")
  for route in pairs(shares) do
    local known = false
    for _, r in ipairs(ROUTES) do known = known or r == route end
    assert(known, "load.lua: no route " .. route .. " (" .. table.concat(ROUTES, ", ") .. ")")
  end
  -- With writers, the first `readers` threads send the reads and the
  -- others the POSTs, so that reads never wait behind a slow POST.
  local writer = writers > 0 and (thread_number or 0) >= readers
  local mine = 0
  for _, route in ipairs(ROUTES) do
    local share = shares[route] or 0
    if share > 0 and (writers == 0 or (route == "ingest") == writer) then
      mine = mine + share
      mix[#mix + 1] = {route, mine}
    end
  end
  if mine == 0 then
    interval = nil  -- nothing to send
  else
    for _, m in ipairs(mix) do m[2] = m[2] / mine end
    interval = 1000 * (writer and writers or readers) / (rate * mine / total)
  end
  for _, s in ipairs(SURN) do
    if s:sub(-8) == "ский" then
      local stem = s:sub(1, -9)
      for _, form in ipairs({s, stem .. "ского", stem .. "скому", stem .. "ская"}) do
        search_words[#search_words + 1] = form
      end
    else
      for _, form in ipairs({s, s .. "а", s .. "у", s .. "ым"}) do
        search_words[#search_words + 1] = form
      end
    end
  end
  for _, route in ipairs(ROUTES) do
    stats[route] = {sent = 0, answered = 0, non_2xx = 0, statuses = {}, buckets = {}, max = 0}
  end
end

local function escape(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", c:byte()) end))
end

-- A person a news text names: most often one of the most mentioned
-- (log-uniform over the 20,000).
local function mentioned()
  return math.floor(math.exp(math.random() * math.log(PERSONS))) - 1
end

local function article()
  counter = counter + 1
  local a, b, c = mentioned(), mentioned(), mentioned()
  local name_a, surname_a, female_a = person(a)
  local name_b, _, female_b = person(b)
  local name_c, _, female_c = person(c)
  local function post(i) return POSTS[(i + counter) % #POSTS + 1] end
  local function verb(female, m, f) return female and f or m end
  local text = string.format(
    "Выпуск %s-%d-%d. В понедельник %s %s %s совещание о ремонте дорог и мостов в Кедровске. " ..
    "В обсуждении %s %s %s. «Мы закончим работы до конца года и откроем движение по " ..
    "новому мосту», — %s %s. Кроме того, %s %s %s, что бюджет программы увеличен на %d " ..
    "миллионов рублей, а подрядчики получат аванс до конца месяца. Ремонт затронет %d " ..
    "улиц, работы ведут %d бригад, сообщила пресс-служба правительства Северской " ..
    "области. Жители жаловались на ямы и пробки у моста через Кедровку весь прошлый " ..
    "год; в мэрии обещают, что объезд будет открыт на время работ, а общественный " ..
    "транспорт пойдёт по временной схеме.",
    nonce, thread_number, counter, post(a), name_a, verb(female_a, "провёл", "провела"),
    verb(female_b, "участвовал", "участвовала"), post(b), name_b,
    verb(female_a, "сказал", "сказала"), surname_a,
    post(c), name_c, verb(female_c, "сообщил", "сообщила"), math.random(10, 900),
    math.random(3, 60), math.random(2, 40))
  local day = counter % 28 + 1
  return string.format('{"id":"load-%s-%d-%d","title":"Ремонт дорог, выпуск %d",' ..
                       '"published_at":"2026-11-%02dT12:00:00Z","text":"%s"}',
                       nonce, thread_number, counter, counter, day, text)
end

function delay()
  if not interval then return 3600 * 1000 end
  local now = now_ms()
  if not next_at then
    -- Threads start spread over one interval.
    next_at = now + interval * math.random()
  end
  local at = next_at
  next_at = next_at + interval
  due = true
  if at >= now then return math.floor(at - now) end
  local lag = now - at
  if lag > schedule.max_lag_ms then schedule.max_lag_ms = lag end
  if lag > 100 then schedule.late = schedule.late + 1 end
  return 0
end

-- wrk calls request() once more at the start, to check the script's
-- request, and never sends that one: only requests after a delay() count.
local function send(route, req)
  if not due then return req end
  due = false
  local s = stats[route]
  s.sent = s.sent + 1
  pending_route, pending_since = route, now_ms()
  return req
end

local function panel()
  return wrk.format("GET", "/api/v1/articles/syn" .. math.random(0, articles - 1) .. "/panel")
end

local function kb_id() return math.random(2) == 1 and math.random(PERSONS) or math.random(100) end

local function top()
  if math.random(2) == 1 then return wrk.format("GET", "/api/v1/top?limit=20") end
  local month = string.format("%d-%02d", math.random(2025, 2026), math.random(12))
  return wrk.format("GET", "/api/v1/top?from=" .. month .. "-01&to=" .. month .. "-28&limit=20")
end

local make = {
  panel = panel,
  person = function() return wrk.format("GET", "/api/v1/persons/" .. kb_id()) end,
  person_page = function() return wrk.format("GET", "/persons/" .. kb_id()) end,
  top = top,
  search = function()
    return wrk.format("GET", "/api/v1/search?q=" .. escape(search_words[math.random(#search_words)]))
  end,
  ingest = function()
    return wrk.format("POST", "/api/v1/articles", {["Content-Type"] = "application/json",
                                                  ["Authorization"] = "Bearer " .. key}, article())
  end,
}

function request()
  if #mix == 0 then return wrk.format("GET", "/healthz") end  -- a thread with nothing to send
  local r = math.random()
  for _, m in ipairs(mix) do
    if r <= m[2] then return send(m[1], make[m[1]]()) end
  end
  local last = mix[#mix][1]
  return send(last, make[last]())
end

-- Latency buckets 1 % wide from 0.01 ms.
local LOG_STEP = math.log(1.01)
local function bucket(ms) return math.floor(math.log(math.max(ms, 0.01) / 0.01) / LOG_STEP) end
local function bucket_value(b) return 0.01 * math.exp((b + 0.5) * LOG_STEP) end

function response(status, headers, body)
  if not pending_route then return end
  local ms = now_ms() - pending_since
  local s = stats[pending_route]
  pending_route = nil
  s.answered = s.answered + 1
  if status < 200 or status > 299 then s.non_2xx = s.non_2xx + 1 end
  s.statuses[status] = (s.statuses[status] or 0) + 1
  local b = bucket(ms)
  s.buckets[b] = (s.buckets[b] or 0) + 1
  if ms > s.max then s.max = ms end
end

-- done() reads a thread's counts as the global `counts`, a text computed
-- when read (thread:get copies strings well, but wrk 4.1's copy of a table
-- swaps keys and values and crashes on nested ones: wg/wrk#399). Lines:
-- "S max_lag_ms late", "R route sent answered non_2xx max_ms",
-- "T route status n", "B route bucket n".
local function counts()
  local out = {string.format("S %.3f %d", schedule.max_lag_ms, schedule.late)}
  for route, s in pairs(stats) do
    out[#out + 1] = string.format("R %s %d %d %d %.3f", route, s.sent, s.answered, s.non_2xx, s.max)
    for status, n in pairs(s.statuses) do out[#out + 1] = string.format("T %s %d %d", route, status, n) end
    for b, n in pairs(s.buckets) do out[#out + 1] = string.format("B %s %d %d", route, b, n) end
  end
  return table.concat(out, "\n")
end
setmetatable(_G, {__index = function(_, name) if name == "counts" then return counts() end end})

local function percentile(buckets, total, p)
  local keys = {}
  for b in pairs(buckets) do keys[#keys + 1] = b end
  table.sort(keys)
  local want, seen = math.ceil(total * p / 100), 0
  for _, b in ipairs(keys) do
    seen = seen + buckets[b]
    if seen >= want then return bucket_value(b) end
  end
  return 0
end

function done(summary, latency, requests)
  common.done(summary, latency)
  local routes = ROUTES
  local all = {sent = 0, answered = 0, non_2xx = 0, max_lag_ms = 0, late = 0}
  local merged = {}
  for _, route in ipairs(routes) do
    merged[route] = {sent = 0, answered = 0, non_2xx = 0, statuses = {}, buckets = {}, max = 0}
  end
  for _, thread in ipairs(threads) do
    for line in thread:get("counts"):gmatch("[^\n]+") do
      local kind, rest = line:match("^(%a) (.*)$")
      if kind == "S" then
        local lag, late = rest:match("^(%S+) (%S+)$")
        all.max_lag_ms = math.max(all.max_lag_ms, tonumber(lag))
        all.late = all.late + tonumber(late)
      elseif kind == "R" then
        local route, sent, answered, non_2xx, max = rest:match("^(%S+) (%S+) (%S+) (%S+) (%S+)$")
        local m = merged[route]
        m.sent, m.answered = m.sent + tonumber(sent), m.answered + tonumber(answered)
        m.non_2xx, m.max = m.non_2xx + tonumber(non_2xx), math.max(m.max, tonumber(max))
      else
        local route, k, n = rest:match("^(%S+) (%S+) (%S+)$")
        local t = kind == "T" and merged[route].statuses or merged[route].buckets
        k, n = tonumber(k), tonumber(n)
        t[k] = (t[k] or 0) + n
      end
    end
  end
  local seconds = summary.duration / 1e6
  for _, route in ipairs(routes) do
    local m = merged[route]
    all.sent, all.answered, all.non_2xx = all.sent + m.sent, all.answered + m.answered,
                                          all.non_2xx + m.non_2xx
  end
  local e = summary.errors
  io.write(string.format(
    '{"route":"all","seconds":%.2f,"sent":%d,"answered":%d,"rps":%.1f,"non_2xx":%d,' ..
    '"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d,' ..
    '"max_lag_ms":%.1f,"late_100ms":%d}\n',
    seconds, all.sent, all.answered, all.answered / seconds, all.non_2xx, e.connect, e.read,
    e.write, e.timeout, all.max_lag_ms, all.late))
  for _, route in ipairs(routes) do
    local m = merged[route]
    local statuses = {}
    for status, n in pairs(m.statuses) do statuses[#statuses + 1] = string.format('"%d":%d', status, n) end
    table.sort(statuses)
    io.write(string.format(
      '{"route":"%s","sent":%d,"answered":%d,"rps":%.1f,"non_2xx":%d,"statuses":{%s},' ..
      '"p50_ms":%.2f,"p90_ms":%.2f,"p99_ms":%.2f,"max_ms":%.2f}\n',
      route, m.sent, m.answered, m.answered / seconds, m.non_2xx, table.concat(statuses, ","),
      percentile(m.buckets, m.answered, 50), percentile(m.buckets, m.answered, 90),
      percentile(m.buckets, m.answered, 99), m.max))
  end
end
