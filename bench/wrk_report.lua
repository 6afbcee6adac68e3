-- wrk script for every bench run, the ceiling included, so the load tool costs the same everywhere.
--
-- Arguments (after `--` on wrk's command line): <requests file> <random|sequential> <thread count>.
-- The file holds one request a line: METHOD \t PATH \t HEADERS \t BODY, headers separated by \31
-- (unit separator) as "Name: value". Each thread keeps every n-th line, so in sequential mode no two
-- threads send the same line (distinct Idempotency-Keys, MsgIds, parents). A thread that runs out
-- starts over and counts a wrap, which the harness reports, since a replay is no longer the same load.
--
-- done() prints one line starting with BENCH_JSON: totals, latency percentiles in microseconds, and
-- the answers by status (and by error code for 4xx/5xx JSON answers).

local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

local function parse_headers(text)
  local headers = {}
  for item in string.gmatch(text, "[^\31]+") do
    local name, value = string.match(item, "^([^:]+):%s*(.*)$")
    if name then
      headers[name] = value
    end
  end
  return headers
end

function init(args)
  local path, mode, nthreads = args[1], args[2], tonumber(args[3])
  prepared = {}
  local index = 0
  for line in io.lines(path) do
    if index % nthreads == id then
      local method, target, header_text, body = string.match(line, "^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      if body == "" then
        body = nil
      end
      table.insert(prepared, wrk.format(method, target, parse_headers(header_text), body))
    end
    index = index + 1
  end
  count = #prepared
  position = 0
  wraps = 0
  answers = {}
  random_mode = (mode == "random")
  math.randomseed(7919 + id)
end

function request()
  if random_mode then
    return prepared[math.random(count)]
  end
  position = position + 1
  if position > count then
    position = 1
    wraps = wraps + 1
  end
  return prepared[position]
end

function response(status, headers, body)
  local key = tostring(status)
  if status >= 400 and body then
    local code = string.match(body, '"code"%s*:%s*"([%w_]+)"')
    if code then
      key = key .. ":" .. code
    end
  end
  answers[key] = (answers[key] or 0) + 1
end

function done(summary, latency, requests)
  local merged = {}
  local total_wraps = 0
  local pool = 0
  for _, thread in ipairs(threads) do
    local thread_answers = thread:get("answers") or {}
    for key, n in pairs(thread_answers) do
      merged[key] = (merged[key] or 0) + n
    end
    total_wraps = total_wraps + (thread:get("wraps") or 0)
    pool = pool + (thread:get("count") or 0)
  end
  local parts = {}
  for key, n in pairs(merged) do
    table.insert(parts, string.format('"%s":%d', key, n))
  end
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,'
      .. '"mean_us":%.1f,"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},'
      .. '"answers":{%s},"wraps":%d,"pool":%d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    errors.connect, errors.read, errors.write, errors.timeout,
    table.concat(parts, ","), total_wraps, pool
  ))
end
