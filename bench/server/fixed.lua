-- wrk script: GET one path ($JX_PATH) with the session cookie ($JX_COOKIE).
local cookie = os.getenv("JX_COOKIE")
local path = os.getenv("JX_PATH")
request = function()
  return wrk.format("GET", path, { ["Cookie"] = cookie })
end
