-- wrk: pulls with nothing new from many devices. Each request is a device's pull with the
-- cursor it already holds (answered 304), its credential taken in turn from the file that
-- LINTEL_WRK_CREDENTIALS names (one per line); LINTEL_WRK_CURSOR is the cursor.
local credentials = {}
for line in io.lines(os.getenv("LINTEL_WRK_CREDENTIALS")) do credentials[#credentials + 1] = line end
local cursor = os.getenv("LINTEL_WRK_CURSOR")
local counter = math.random(#credentials)

request = function()
  counter = counter + 1
  local credential = credentials[(counter % #credentials) + 1]
  return wrk.format("GET", "/v1/device/pull?cursor=" .. cursor, { ["Authorization"] = "Bearer " .. credential })
end
