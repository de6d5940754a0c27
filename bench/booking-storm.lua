-- wrk script for the booking storm, driven by BookingStorm.java (see docs/BENCHMARKS.md).
-- Run with as many wrk threads as connections: each thread then has exactly one request under way, so the time
-- from request() to response() is that request's latency.
-- Arguments after "--": sessions file (one "cookie<TAB>token" line per signed-in jobseeker), first slot id,
-- number of slots, number of attempts, a file each thread appends a line to when its attempts are answered, number
-- of threads.
-- Attempt k is made by person k (cycling when there are fewer people) on a random slot; thread t makes the attempts
-- t, t + n, t + 2n, ... The driver interrupts wrk once every thread has reported (wrk itself would run for -d).

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long sec; long nsec; } storm_timespec;
  int clock_gettime(int clock, storm_timespec *ts);
]]
local ts = ffi.new("storm_timespec")
local function now()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC: one clock for all threads
  return tonumber(ts.sec) + tonumber(ts.nsec) / 1e9
end

local threads = {}
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local n = tonumber(args[6])
  firstSlot = tonumber(args[2])
  slots = tonumber(args[3])
  local attempts = tonumber(args[4])
  doneFile = args[5]
  people = {}
  local all = {}
  for line in io.lines(args[1]) do table.insert(all, line) end
  queue = {}
  for k = index, attempts - 1, n do
    local cookie, token = all[(k % #all) + 1]:match("^([^\t]+)\t(.+)$")
    table.insert(queue, { cookie = cookie, token = token })
  end
  nextAttempt = 1
  latencies = {}
  created, taken, other = 0, 0, 0
  -- wrk asks thread 0's script for one request before the thread starts, to check it, and never sends that one.
  probe = (index == 0)
  math.randomseed(os.time() + index * 7919)
end

function request()
  local p = queue[nextAttempt] or queue[#queue] -- after the last attempt wrk stops the thread before sending this
  local slot = firstSlot + math.random(0, slots - 1)
  local req = wrk.format("POST", "/api/slots/" .. slot .. "/bookings",
    { ["Cookie"] = p.cookie, ["X-XSRF-TOKEN"] = p.token, ["Content-Length"] = "0" })
  if probe then
    probe = false
    return req
  end
  sentAt = now()
  if first == nil then first = sentAt end
  nextAttempt = nextAttempt + 1
  return req
end

function response(status, headers, body)
  if finished then return end
  last = now()
  table.insert(latencies, (last - sentAt) * 1000)
  if status == 201 then
    created = created + 1
  elseif status == 409 and body:find("slot_taken", 1, true) then
    taken = taken + 1
  else
    other = other + 1
    io.write("unexpected answer " .. status .. ": " .. body .. "\n")
  end
  if nextAttempt > #queue then
    finished = true
    wrk.thread:stop()
    local f = io.open(doneFile, "a")
    f:write(index, "\n")
    f:close()
  end
end

function done(summary, latency, requests)
  local c, t, o, all = 0, 0, 0, {}
  local first, last = math.huge, 0
  for _, thread in ipairs(threads) do
    c = c + thread:get("created")
    t = t + thread:get("taken")
    o = o + thread:get("other")
    first = math.min(first, thread:get("first") or math.huge)
    last = math.max(last, thread:get("last") or 0)
    for _, ms in ipairs(thread:get("latencies")) do table.insert(all, ms) end
  end
  table.sort(all)
  local function q(p) return all[math.max(1, math.ceil(p * #all))] end
  io.write(string.format("RESULT answered=%d created=%d taken=%d other=%d seconds=%.3f p50=%.1f p99=%.1f max=%.1f errors=%d\n",
    #all, c, t, o, last - first, q(0.50), q(0.99), all[#all],
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
