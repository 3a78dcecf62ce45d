-- wrk script for bench/load.py: counts responses by HTTP status, stops the
-- thread after WRK_MAX_REQUESTS answers (a bound besides wrk's -d), and prints
-- one "LOAD_JSON {...}" line with exact figures when the run is done.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

statuses = {}  -- global: done() reads it from each thread with thread:get
local answered = 0
local limit = tonumber(os.getenv("WRK_MAX_REQUESTS") or "0") or 0

function response(status, headers, body)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
  answered = answered + 1
  if limit > 0 and answered >= limit then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses") or {}) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do
    table.insert(parts, string.format('"%s": %d', status, n))
  end
  local errors = summary.errors
  io.write(string.format(
    'LOAD_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "p50_us": %d, "p99_us": %d,'
      .. ' "max_us": %d, "statuses": {%s}, "errors": {"connect": %d, "read": %d, "write": %d,'
      .. ' "timeout": %d}}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(99), latency.max,
    table.concat(parts, ", "),
    errors.connect, errors.read, errors.write, errors.timeout
  ))
end
