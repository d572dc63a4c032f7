-- wrk: pulls with nothing new from many devices. Each request is a device's pull with the
-- cursor it already holds (answered 304), its credential taken in turn from the file that
-- LINTEL_WRK_CREDENTIALS names (one per line); LINTEL_WRK_CURSOR is the cursor. At the end it
-- prints how many answers were not 304 ("not-304: N"), so a pull that was not empty is seen.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  credentials = {}
  for line in io.lines(os.getenv("LINTEL_WRK_CREDENTIALS")) do credentials[#credentials + 1] = line end
  cursor = os.getenv("LINTEL_WRK_CURSOR")
  counter = math.random(#credentials)
  not304 = 0
end

function request()
  counter = counter + 1
  local credential = credentials[(counter % #credentials) + 1]
  return wrk.format("GET", "/v1/device/pull?cursor=" .. cursor, { ["Authorization"] = "Bearer " .. credential })
end

function response(status, headers, body)
  if status ~= 304 then not304 = not304 + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("not304") end
  io.write("not-304: " .. total .. "\n")
end
