-- PUT /tasks/{id} with a name and flag that change each time: every request is a real row change
local C = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "common.lua")
function init(args)
  a = C.args(args, { "first", "last" })
  math.randomseed(os.time() * 1000 + tid * 7919)
  n = 0
end
function request()
  n = n + 1
  return wrk.format("PUT", "/tasks/" .. math.random(a.first, a.last), C.json_headers,
    '{"name":"Changed ' .. tid .. '-' .. n .. '","done":' .. (n % 2 == 0 and "true" or "false") .. '}')
end
done = C.done_for("update")
