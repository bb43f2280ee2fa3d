#!/usr/bin/env python3
"""Write the seed corpora of the fuzz targets from the test data.

fuzz_jobjson gets every request body of tests/data (seed files, ingest cases, demo jobs),
fuzz_htmlsanitizer every description in them, and fuzz_http each body as a whole HTTP request
with the placeholders that fuzz_http.cpp replaces (@KEY@, @KEY2@, @STAFF@, @JOB@). The
hand-written seeds in tests/fuzz/seeds/<target>/ are copied as they are.
"""

import argparse
import base64
import json
import re
import shutil
from pathlib import Path

TARGETS = ("fuzz_jobjson", "fuzz_htmlsanitizer", "fuzz_http")


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60]


def http_request(method, path, body=b"", headers=(), key="@KEY@"):
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
    if key:
        lines.append(f"Authorization: Bearer {key}")
    if body or method in ("POST", "PUT", "PATCH"):
        lines.append("Content-Type: application/json")
        lines.append(f"Content-Length: {len(body)}")
    lines.extend(f"{name}: {value}" for name, value in headers)
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def json_bytes(value):
    return json.dumps(value, ensure_ascii=False, indent=2).encode() + b"\n"


def collect_bodies(data_dir, demo_file):
    """Yield (name, body bytes, headers) for every request body in the test data."""
    for path in sorted(data_dir.glob("seed-*.json")):
        yield path.stem, path.read_bytes(), ()
    cases = json.loads((data_dir / "ingest-cases.json").read_text(encoding="utf-8"))
    for number, case in enumerate(cases, 1):
        request = case["request"]
        if "bodyBase64" in request:
            body = base64.b64decode(request["bodyBase64"])
        else:
            body = json_bytes(request["body"])
        headers = tuple(request.get("headers", {}).items())
        yield f"case-{number:02}-{slug(case['name'])}", body, headers
    demo = json.loads(demo_file.read_text(encoding="utf-8"))
    for number, job in enumerate(demo["jobs"], 1):
        yield f"demo-job-{number:02}", json_bytes(job), ()


def descriptions(body):
    try:
        value = json.loads(body.decode("utf-8"))
    except ValueError:
        return []
    if isinstance(value, dict) and isinstance(value.get("description"), str):
        return [value["description"]]
    return []


def http_seeds(bodies):
    """Yield (name, request) for the routes of the Open API and the admin API."""
    for name, body, headers in bodies:
        if name == "seed-update":
            yield "put-" + name, http_request("PUT", "/api/jobs/@JOB@", body)
            yield "patch-" + name, http_request("PATCH", "/api/jobs/@JOB@", body)
        else:
            yield "post-" + name, http_request("POST", "/api/jobs", body, headers)
    status = json_bytes({"status": "EXPIRED"})
    yield "get-root", http_request("GET", "/", key=None)
    yield "get-health", http_request("GET", "/health", key=None)
    yield "get-categories", http_request("GET", "/api/categories", key=None)
    yield "get-jobs", http_request("GET", "/api/jobs?limit=2")
    yield "get-jobs-cursor", http_request("GET", "/api/jobs?limit=1&cursor=abc")
    yield "get-job", http_request("GET", "/api/jobs/@JOB@")
    yield "get-job-other-key", http_request("GET", "/api/jobs/@JOB@", key="@KEY2@")
    yield "delete-job", http_request("DELETE", "/api/jobs/@JOB@")
    yield "admin-me", http_request("GET", "/admin/me", key="@STAFF@")
    yield "admin-jobs", http_request(
        "GET", "/admin/jobs?status=ACTIVE,PENDING&q=nurse&deleted=include&limit=5&offset=1",
        key="@STAFF@")
    yield "admin-job", http_request("GET", "/admin/jobs/@JOB@", key="@STAFF@")
    yield "admin-status", http_request("POST", "/admin/jobs/@JOB@/status", status, key="@STAFF@")
    yield "admin-delete", http_request("DELETE", "/admin/jobs/@JOB@", key="@STAFF@")
    yield "admin-providers", http_request("GET", "/admin/providers", key="@STAFF@")
    yield "admin-facilities", http_request(
        "GET", "/admin/facilities?providerId=f9dda16b-4d42-4b63-9455-3ffd49ac8738",
        key="@STAFF@")
    yield "admin-with-ats-key", http_request("GET", "/admin/jobs", key="@KEY@")
    yield from onboarding_seeds()
    yield from public_page_seeds()
    yield from framing_seeds()


def onboarding_seeds():
    """Yield (name, request) for the admin routes of providers, keys, categories and staff."""
    provider = "/admin/providers/f9dda16b-4d42-4b63-9455-3ffd49ac8738"
    facility = "/admin/facilities/cbb456a2-787c-4f54-a8d6-96361736ce74"
    reads = {
        "provider": provider,
        "provider-keys": provider + "/keys",
        "provider-onboarding": provider + "/onboarding",
        "provider-facilities": provider + "/facilities",
        "categories-export": "/admin/categories/export?format=csv",
        "audit": "/admin/audit?limit=5",
        "audit-actions": "/admin/audit/actions",
        "staff": "/admin/staff",
        "requests": "/admin/requests?limit=5&status=422",
    }
    for name, path in reads.items():
        yield "admin-" + name, http_request("GET", path, key="@STAFF@")
    writes = {
        "provider-create": ("POST", "/admin/providers", {"name": "Wattle Home Care"}),
        "provider-update": ("PATCH", provider, {"name": "Evergreen Care"}),
        "facility-update": ("PATCH", facility, {"suburb": "Hawthorn", "postcode": "3122"}),
        "key-create": ("POST", provider + "/keys", {"label": "second ATS"}),
        "category-create": ("POST", "/admin/categories", {"name": "Lifestyle Coordinator"}),
        "staff-create": ("POST", "/admin/staff",
                         {"name": "Sam Lee", "email": "sam@example.org", "roles": ["support"]}),
    }
    for name, (method, path, body) in writes.items():
        yield "admin-" + name, http_request(method, path, json_bytes(body), key="@STAFF@")


def public_page_seeds():
    """Yield (name, request) for the job pages that candidates open."""
    pages = {
        "board": "/jobs",
        "board-filtered": "/jobs?category=aged-care-assistant&workType=casual&state=vic&page=2",
        "job": "/jobs/@JOB@",
        "apply": "/jobs/@JOB@/apply",
        "robots": "/robots.txt",
        "sitemap": "/sitemap.xml",
        "asset": "/assets/site.css?v=1",
    }
    for name, path in pages.items():
        yield "page-" + name, http_request("GET", path, key=None)
    yield "page-head-conditional", http_request(
        "HEAD", "/jobs/@JOB@", key=None,
        headers=(("If-None-Match", '"x"'), ("X-Forwarded-Proto", "https")))


def framing_seeds():
    """Yield (name, request) for the framing an HTTP parser must cope with."""
    update = b'{"salaryMax": 37, "status": "ACTIVE"}'
    chunked = (b"PUT /api/jobs/@JOB@ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               b"Authorization: Bearer @KEY@\r\nContent-Type: application/json\r\n"
               b"Transfer-Encoding: chunked\r\n\r\n"
               b"10\r\n" + update[:16] + b"\r\n" + b"%x\r\n" % (len(update) - 16) +
               update[16:] + b"\r\n0\r\n\r\n")
    yield "framing-chunked", chunked
    yield "framing-pipelined", (http_request("GET", "/health", key=None) +
                                http_request("PUT", "/api/jobs/@JOB@", update) +
                                http_request("GET", "/api/jobs/@JOB@"))
    yield "framing-expect-continue", http_request("PUT", "/api/jobs/@JOB@", update,
                                                  (("Expect", "100-continue"),))
    yield "framing-head", http_request("HEAD", "/api/jobs")
    yield "framing-options", http_request("OPTIONS", "/api/jobs/@JOB@")
    yield "framing-http10", (b"GET /api/categories HTTP/1.0\r\nConnection: close\r\n\r\n")
    yield "framing-encoded-path", http_request("GET", "/api/jobs/%2e%2e/%61dmin%2Fjobs%0A?x=%ZZ")
    yield "framing-form-body", (b"POST /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                b"Authorization: Bearer @KEY@\r\n"
                                b"Content-Type: application/x-www-form-urlencoded\r\n"
                                b"Content-Length: 9\r\n\r\ntitle=RN%")
    yield "framing-websocket", (b"GET /api/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                b"Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                b"Sec-WebSocket-Version: 13\r\n\r\n")
    yield "framing-request-id", http_request("GET", "/api/jobs/@JOB@",
                                             headers=(("X-Request-Id", "ats-42.retry_1"),))
    yield "framing-if-match", http_request("PUT", "/api/jobs/@JOB@", update,
                                           (("If-Match", '"1"'),))


written = set()


def write(directory, name, content):
    """Write content to directory/name unless the folder already has a file with it."""
    if (directory, content) in written:
        return
    written.add((directory, content))
    directory.mkdir(parents=True, exist_ok=True)
    (directory / name).write_bytes(content)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="tests/data")
    parser.add_argument("--demo", type=Path, required=True, help="resources/demo/demo.json")
    parser.add_argument("--hand-written", type=Path, required=True, help="tests/fuzz/seeds")
    parser.add_argument("--out", type=Path, required=True, help="folder for one folder per target")
    arguments = parser.parse_args()

    for target in TARGETS:
        shutil.rmtree(arguments.out / target, ignore_errors=True)
    bodies = list(collect_bodies(arguments.data, arguments.demo))
    for name, body, _ in bodies:
        write(arguments.out / "fuzz_jobjson", name + ".json", body)
        for description in descriptions(body):
            write(arguments.out / "fuzz_htmlsanitizer", name + ".html", description.encode())
    for name, request in http_seeds(bodies):
        write(arguments.out / "fuzz_http", name + ".http", request)
    for target in TARGETS:
        source = arguments.hand_written / target
        if source.is_dir():
            for path in sorted(source.iterdir()):
                write(arguments.out / target, "hand-" + path.name, path.read_bytes())


if __name__ == "__main__":
    main()
