-- wrk script: sign in as the demo user without pause. Each success costs a password
-- check (argon2id); the server runs at most one per core and sheds the rest with 503.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"username": "demo", "password": "khuyencong-demo"}'
