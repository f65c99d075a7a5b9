-- wrk script: GET the dashboard JSON of a random unit among the first N of the generated
-- ledger (U00001 … U10000), signed in with the session cookie in $JX_COOKIE.
local units = tonumber(os.getenv("JX_UNITS") or "10000")
local year = os.getenv("JX_YEAR") or "2024"
local cookie = os.getenv("JX_COOKIE")
math.randomseed(os.time())
request = function()
  local u = string.format("U%05d", math.random(1, units))
  return wrk.format("GET", "/api/dashboard/" .. u .. "?year=" .. year, { ["Cookie"] = cookie })
end
