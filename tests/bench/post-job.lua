-- wrk script: POST the integration guide's example job with the key in HOPSTEP_API_KEY.
local file = assert(io.open(os.getenv("HOPSTEP_BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("HOPSTEP_API_KEY")
