-- wrk script for bench/broker.ts: pull enumeration sequences, each an
-- OpenEnumerateInstances then PullInstancesWithPath until EndOfSequence.
-- The state is per thread, so run one connection per thread (-t N -c N).
-- done() prints one JSON line for the benchmark.
--   wrk -tN -cN ... -s bench/broker-pull.lua URL -- CLASSNAME MAXOBJECTCOUNT PAGES
-- PAGES: the responses one sequence takes; a sequence that ends after any
-- other number of responses counts as a failure.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- Globals, so that done() can read them from each thread.
sequences = 0
failures = 0

local classname, maxObjectCount, pages
local context, seen = nil, 0

local function call(method, params)
  local body = '<?xml version="1.0" encoding="utf-8"?>' ..
    '<CIM CIMVERSION="2.0" DTDVERSION="2.0"><MESSAGE ID="1" PROTOCOLVERSION="1.0"><SIMPLEREQ>' ..
    '<IMETHODCALL NAME="' .. method .. '"><LOCALNAMESPACEPATH><NAMESPACE NAME="root"/><NAMESPACE NAME="cimv2"/></LOCALNAMESPACEPATH>' ..
    params .. '</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>'
  return wrk.format("POST", "/cimom", {
    ["Content-Type"] = 'application/xml; charset="utf-8"',
    ["CIMOperation"] = "MethodCall",
    ["CIMMethod"] = method,
    ["CIMObject"] = "root%2Fcimv2",
  }, body)
end

local function value(name, text)
  return '<IPARAMVALUE NAME="' .. name .. '"><VALUE>' .. text .. '</VALUE></IPARAMVALUE>'
end

local open

function init(args)
  classname, maxObjectCount, pages = args[1], args[2], tonumber(args[3])
  open = call("OpenEnumerateInstances",
    '<IPARAMVALUE NAME="ClassName"><CLASSNAME NAME="' .. classname .. '"/></IPARAMVALUE>' ..
    value("MaxObjectCount", maxObjectCount))
end

function request()
  if context == nil then return open end
  -- The context is a UUID the server made: nothing in it needs escaping.
  return call("PullInstancesWithPath", value("EnumerationContext", context) .. value("MaxObjectCount", maxObjectCount))
end

local function restart()
  failures = failures + 1
  context, seen = nil, 0
end

function response(status, headers, body)
  seen = seen + 1
  if status ~= 200 or string.find(string.sub(body, 1, 512), "<ERROR", 1, true) then return restart() end
  -- EndOfSequence and EnumerationContext close the response (DSP0201 IMETHODRESPONSE).
  local tail = string.sub(body, -512)
  if string.find(tail, 'NAME="EndOfSequence"[^>]*><VALUE>TRUE</VALUE>') then
    if seen ~= pages then return restart() end
    sequences = sequences + 1
    context, seen = nil, 0
    return
  end
  context = string.match(tail, 'NAME="EnumerationContext"[^>]*><VALUE>([%x-]+)</VALUE>')
  if context == nil then return restart() end
end

function done(summary, latency, requests)
  local total, failed = 0, 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("sequences")
    failed = failed + thread:get("failures")
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH-JSON {"seconds":%.6f,"requests":%d,"bytes":%d,"p50Ms":%.3f,"p99Ms":%.3f,"errors":%d,"sequences":%d}\n',
    summary.duration / 1e6, summary.requests, summary.bytes,
    latency:percentile(50) / 1e3, latency:percentile(99) / 1e3,
    e.connect + e.read + e.write + e.status + e.timeout + failed, total))
end
