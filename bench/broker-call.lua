-- wrk script for bench/broker.ts: one CIM-XML intrinsic call, sent over and
-- over on every connection; done() prints one JSON line for the benchmark.
--   wrk ... -s bench/broker-call.lua URL -- CIMMETHOD BODYFILE

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(args[2], "rb"))
  wrk.method = "POST"
  wrk.path = "/cimom"
  wrk.body = file:read("*a")
  file:close()
  wrk.headers["Content-Type"] = 'application/xml; charset="utf-8"'
  wrk.headers["CIMOperation"] = "MethodCall"
  wrk.headers["CIMMethod"] = args[1]
  wrk.headers["CIMObject"] = "root%2Fcimv2"
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH-JSON {"seconds":%.6f,"requests":%d,"bytes":%d,"p50Ms":%.3f,"p99Ms":%.3f,"errors":%d}\n',
    summary.duration / 1e6, summary.requests, summary.bytes,
    latency:percentile(50) / 1e3, latency:percentile(99) / 1e3,
    e.connect + e.read + e.write + e.status + e.timeout))
end
