-- wrk script: sign in as the bench's staff member without pause (the bench server is
-- told of a trusted proxy, so it has no demo account). Each success costs a password
-- check (argon2id); the server runs at most one per core and sheds the rest with 503.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"username": "bench", "password": "mat-khau-bench"}'
