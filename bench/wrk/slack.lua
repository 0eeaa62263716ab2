-- wrk script for ./gpuops bench ack: sends pre-signed, DISTINCT Slack slash-command invocations.
-- Slack signs every request with HMAC-SHA256 over "v0:<timestamp>:<body>"; wrk's LuaJIT has no HMAC, so the bench
-- (dev.gpuops.bench.SignedInvocations) writes one line per invocation: "<timestamp>\t<signature>\t<body>", each with
-- its own trigger_id and a current timestamp. Each wrk thread takes every n-th line. If a run outlasts the file,
-- lines are reused (Slack retries look like that); the count of reused requests is reported, not hidden.
-- Usage: wrk -s slack.lua URL -- <requests-file> <threads> <expected-substring> [once]
-- With "once", each thread stops after answering its share of the file (no reuse; for smoke runs).
-- Writes its summary as JSON to the file named by the BENCH_OUT environment variable.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local requests = {}
local idx = 0
-- globals, so done() can read them through thread:get
reused = 0
unexpected = 0
sent = 0
local expected = nil
local once = false
responses = 0

function init(args)
  local path, nthreads = args[1], tonumber(args[2])
  expected = args[3]
  once = args[4] == "once"
  local i = 0
  for line in io.lines(path) do
    if i % nthreads == tid then
      local ts, sig, body = line:match("^([^\t]+)\t([^\t]+)\t(.*)$")
      requests[#requests + 1] = wrk.format("POST", "/slack/events", {
        ["Content-Type"] = "application/x-www-form-urlencoded",
        ["User-Agent"] = "Slackbot 1.0 (+https://api.slack.com/robots)",
        ["X-Slack-Request-Timestamp"] = ts,
        ["X-Slack-Signature"] = sig,
      }, body)
    end
    i = i + 1
  end
end

local filler = nil

function request()
  idx = idx + 1
  if idx > #requests then
    if once then
      -- every invocation was sent once; until this thread stops, send Slack's unsigned ssl_check probe (the bot
      -- answers it with an empty 200, which response() skips), never a duplicate trigger_id
      filler = filler or wrk.format("POST", "/slack/events",
        { ["Content-Type"] = "application/x-www-form-urlencoded" }, "ssl_check=1&token=x")
      return filler
    end
    idx = 1
  end
  sent = sent + 1
  if sent > #requests then reused = reused + 1 end
  return requests[idx]
end

function response(status, headers, body)
  if once and status == 200 and body == "" then
    return
  end
  responses = responses + 1
  if status ~= 200 or (expected ~= nil and expected ~= "" and not body:find(expected, 1, true)) then
    unexpected = unexpected + 1
  end
  if once and responses >= #requests then
    wrk.thread:stop()
  end
end

local function curve(latency)
  local points = {}
  for p = 0, 98 do points[#points + 1] = p end
  for _, p in ipairs({99, 99.5, 99.9, 99.95, 99.99, 99.999, 100}) do points[#points + 1] = p end
  local out = {}
  for _, p in ipairs(points) do
    local v = (p == 100) and latency.max or latency:percentile(p)
    out[#out + 1] = string.format('"%s":%.3f', tostring(p), v / 1000.0)
  end
  return "{" .. table.concat(out, ",") .. "}"
end

function done(summary, latency, requests_stats)
  local reusedTotal, unexpectedTotal = 0, 0
  for _, t in ipairs(threads) do
    reusedTotal = reusedTotal + (t:get("reused") or 0)
    unexpectedTotal = unexpectedTotal + (t:get("unexpected") or 0)
  end
  local e = summary.errors
  local json = string.format(
    '{"requests":%d,"durationMicros":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,' ..
    '"statusErrors":%d,"timeouts":%d,"reused":%d,"unexpected":%d,"meanMs":%.3f,"stdevMs":%.3f,"maxMs":%.3f,' ..
    '"curve":%s}',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    reusedTotal, unexpectedTotal, latency.mean / 1000.0, latency.stdev / 1000.0, latency.max / 1000.0,
    curve(latency))
  local f = assert(io.open(os.getenv("BENCH_OUT"), "w"))
  f:write(json)
  f:close()
end
