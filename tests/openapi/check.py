"""The API against its own OpenAPI document: the document is valid OpenAPI (checked by
openapi-spec-validator), and every route, fuzzed from it by schemathesis as a guest and as
a signed-in admin, never fails on the server's side and answers only what it documents
(status codes, content types, headers and bodies by their schemas).

Run by `cargo xtask test` against a release server on a fresh database:
    python check.py BASE_URL ADMIN_USERNAME ADMIN_PASSWORD
"""

import json
import subprocess
import sys
import urllib.request

from openapi_spec_validator import validate

# What every answer is checked for. Schemathesis' `positive_data_acceptance` is left out:
# the portal refuses data that fits the schemas for reasons no schema can state (an
# unknown poll option, a slug taken, a ballot beyond the poll's choices), each with a
# documented 4xx problem.
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
    ]
)


def document(base):
    with urllib.request.urlopen(f"{base}/api/openapi.json") as answer:
        return json.load(answer)


def admin_cookie(base, username, password):
    request = urllib.request.Request(
        f"{base}/api/session",
        data=json.dumps({"username": username, "password": password}).encode(),
        headers={"content-type": "application/json", "origin": base},
        method="POST",
    )
    with urllib.request.urlopen(request) as answer:
        cookie = answer.headers["set-cookie"]
    return cookie.split(";")[0]


def fuzz(base, headers):
    command = [
        sys.executable, "-m", "schemathesis.cli", "run", f"{base}/api/openapi.json",
        "--checks", CHECKS, "--max-examples", "10", "--seed", "1", "--workers", "2",
        "--url", base,
    ]
    for header in headers:
        command += ["--header", header]
    return subprocess.run(command, check=False).returncode


def main():
    base, username, password = sys.argv[1:4]
    validate(document(base))
    print("the OpenAPI document is valid")
    # Signed in first: the guest's fuzzing fails sign-ins, which lock the address out.
    admin = [f"Cookie: {admin_cookie(base, username, password)}", f"Origin: {base}"]
    failed = 0
    for who, headers in [("a guest", []), ("an admin", admin)]:
        print(f"fuzzing every route as {who}", flush=True)
        failed += fuzz(base, headers) != 0
    print(f"{2 - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
