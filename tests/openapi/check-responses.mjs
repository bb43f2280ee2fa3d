// Checks that real answers of a running hopstep-api match resources/openapi.json: every
// operation and status code a client can cause is exercised, each answer's status must be
// documented for its operation, its body must validate against the documented schema, and the
// documented headers must be present.
//
// Usage: node check-responses.mjs --api PATH/TO/hopstep-api --spec PATH/TO/openapi.json

import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

function argument(name) {
    const index = process.argv.indexOf(name);
    if (index < 0 || index + 1 >= process.argv.length) {
        console.error(`missing ${name}`);
        process.exit(2);
    }
    return process.argv[index + 1];
}

const apiBinary = argument("--api");
const spec = JSON.parse(readFileSync(argument("--spec"), "utf8"));
const directory = mkdtempSync(join(tmpdir(), "hopstep-openapi-"));
const database = join(directory, "hopstep.sqlite");
const portFile = join(directory, "port");

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(spec, "openapi.json");

const failures = [];
const covered = new Set();

function fail(message) {
    failures.push(message);
    console.error(`FAIL ${message}`);
}

// The operation of the document that method and path belong to, with its path template.
function operationFor(method, path) {
    const bare = path.split("?")[0];
    for (const [template, item] of Object.entries(spec.paths)) {
        const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
        if (pattern.test(bare) && item[method.toLowerCase()])
            return { template, operation: item[method.toLowerCase()], item };
    }
    return null;
}

function resolveResponse(response) {
    if (response && response.$ref) {
        const name = response.$ref.split("/").pop();
        return spec.components.responses[name];
    }
    return response;
}

function resolveHeader(header) {
    if (header && header.$ref)
        return spec.components.headers[header.$ref.split("/").pop()];
    return header;
}

async function check(label, method, path, { headers = {}, body, expect } = {}) {
    const url = `http://127.0.0.1:${port}${path}`;
    const reply = await fetch(url, { method, headers, body });
    const text = await reply.text();
    const where = `${label} (${method} ${path.slice(0, 60)} → ${reply.status})`;
    if (expect !== undefined && reply.status !== expect)
        fail(`${where}: expected status ${expect}: ${text.slice(0, 300)}`);

    const found = operationFor(method, path);
    if (!found) {
        fail(`${where}: no operation in the document`);
        return { status: reply.status, text, headers: reply.headers };
    }
    const documented = resolveResponse(found.operation.responses[String(reply.status)]);
    if (!documented) {
        fail(`${where}: status ${reply.status} is not documented for ${found.operation.operationId}`);
        return { status: reply.status, text, headers: reply.headers };
    }
    covered.add(`${found.operation.operationId} ${reply.status}`);

    for (const [name, header] of Object.entries(documented.headers ?? {})) {
        const value = reply.headers.get(name);
        const optional = name === "Idempotent-Replayed";
        if (value === null && !optional)
            fail(`${where}: documented header ${name} is missing`);
        const schema = resolveHeader(header).schema;
        if (value !== null && schema?.type === "integer" && !/^\d+$/.test(value))
            fail(`${where}: header ${name} "${value}" is not an integer`);
    }

    const media = Object.entries(documented.content ?? {});
    if (media.length === 0) {
        if (text.length !== 0)
            fail(`${where}: documented without a body, but has ${text.length} bytes`);
        return { status: reply.status, text, headers: reply.headers };
    }
    const [contentType, { schema }] = media[0];
    const sent = (reply.headers.get("content-type") ?? "").split(";")[0].trim();
    if (sent !== contentType)
        fail(`${where}: Content-Type ${sent}, documented ${contentType}`);
    let json;
    try {
        json = JSON.parse(text);
    } catch (error) {
        fail(`${where}: body is not JSON: ${error.message}`);
        return { status: reply.status, text, headers: reply.headers };
    }
    const validate = schema.$ref
        ? ajv.getSchema(`openapi.json${schema.$ref}`)
        : ajv.compile(schema);
    if (!validate(json))
        fail(`${where}: body does not match the schema: ${ajv.errorsText(validate.errors)}`);
    return { status: reply.status, json, text, headers: reply.headers };
}

function run(args) {
    const result = spawnSync(apiBinary, args, { encoding: "utf8" });
    if (result.status !== 0) {
        console.error(result.stderr);
        process.exit(2);
    }
    return result.stdout;
}

const keys = JSON.parse(run(["load-demo", "--json", "--database", database])).keys;
const key = keys[0].apiKey;
const otherKey = keys[1].apiKey;
const server = spawn(apiBinary, ["--database", database, "--listen", "127.0.0.1:0", "--port-file",
    portFile, "--rate-limit", "60", "--rate-burst", "50"], { stdio: ["ignore", "ignore", "pipe"] });
let serverLog = "";
server.stderr.on("data", (chunk) => { serverLog += chunk; });
for (let i = 0; i < 200 && !existsSync(portFile); ++i)
    await new Promise((resolve) => setTimeout(resolve, 50));
const port = Number(readFileSync(portFile, "utf8").trim());

const seed = {
    title: "Aged Care Assistant",
    description: "We are seeking an experienced Aged Care Support Worker to provide compassionate care to our elderly residents.",
    providerId: "f9dda16b-4d42-4b63-9455-3ffd49ac8738",
    facilityId: "cbb456a2-787c-4f54-a8d6-96361736ce74",
    category: "Aged Care Assistant",
    workTypes: ["FULL_TIME"],
    salaryMin: 30,
    salaryMax: 35,
    salaryType: "HOURLY",
    location: { suburb: "Richmond", state: "VIC", postcode: "3121" },
    applyUrl: "https://clientats.com/jobs/123/apply",
};
const json = { "Content-Type": "application/json" };
const auth = (k = key) => ({ Authorization: `Bearer ${k}` });
const withJson = (k = key) => ({ ...auth(k), ...json });

try {
    await check("categories", "GET", "/api/categories", { expect: 200 });

    const created = await check("create", "POST", "/api/jobs",
        { headers: { ...withJson(), "Idempotency-Key": "openapi-check-1" }, body: JSON.stringify(seed), expect: 201 });
    const id = created.json?.id;
    await check("replay", "POST", "/api/jobs",
        { headers: { ...withJson(), "Idempotency-Key": "openapi-check-1" }, body: JSON.stringify(seed), expect: 201 });
    await check("warnings", "POST", "/api/jobs",
        { headers: withJson(), body: JSON.stringify({ ...seed, location: { suburb: "Darwin", state: "NT", postcode: 800 } }), expect: 201 });
    await check("malformed", "POST", "/api/jobs",
        { headers: withJson(), body: "{“title”: 1}", expect: 400 });
    await check("bad key header", "POST", "/api/jobs",
        { headers: { ...withJson(), "Idempotency-Key": "two words" }, body: JSON.stringify(seed), expect: 400 });
    await check("no key", "POST", "/api/jobs", { headers: json, body: JSON.stringify(seed), expect: 401 });
    await check("other provider", "POST", "/api/jobs",
        { headers: withJson(otherKey), body: JSON.stringify(seed), expect: 403 });
    await check("reused key", "POST", "/api/jobs",
        { headers: { ...withJson(), "Idempotency-Key": "openapi-check-1" }, body: JSON.stringify({ ...seed, title: "Cook" }), expect: 422 });
    await check("too large", "POST", "/api/jobs",
        { headers: withJson(), body: JSON.stringify({ ...seed, description: "a".repeat(300000) }), expect: 413 });
    await check("not json", "POST", "/api/jobs",
        { headers: { ...auth(), "Content-Type": "text/plain" }, body: "title=Cook", expect: 415 });
    await check("invalid", "POST", "/api/jobs",
        { headers: withJson(), body: JSON.stringify({ ...seed, salaryMin: 40, workTypes: ["Permanent"] }), expect: 422 });

    await check("list", "GET", "/api/jobs?limit=2", { headers: auth(), expect: 200 });
    await check("list bad limit", "GET", "/api/jobs?limit=0", { headers: auth(), expect: 400 });
    await check("list no key", "GET", "/api/jobs", { expect: 401 });

    await check("get", "GET", `/api/jobs/${id}`, { headers: auth(), expect: 200 });
    await check("get other provider", "GET", `/api/jobs/${id}`, { headers: auth(otherKey), expect: 404 });
    await check("get no key", "GET", `/api/jobs/${id}`, { expect: 401 });

    await check("update", "PUT", `/api/jobs/${id}`,
        { headers: { ...withJson(), "If-Match": "\"1\"" }, body: JSON.stringify({ salaryMax: 37, status: "ACTIVE" }), expect: 200 });
    await check("update stale", "PUT", `/api/jobs/${id}`,
        { headers: { ...withJson(), "If-Match": "\"1\"" }, body: JSON.stringify({ salaryMax: 38 }), expect: 412 });
    await check("update invalid", "PUT", `/api/jobs/${id}`,
        { headers: withJson(), body: JSON.stringify({ salaryMin: 90 }), expect: 422 });
    await check("update malformed", "PUT", `/api/jobs/${id}`,
        { headers: withJson(), body: "{", expect: 400 });
    await check("update not json", "PUT", `/api/jobs/${id}`,
        { headers: { ...auth(), "Content-Type": "text/plain" }, body: "x", expect: 415 });
    await check("update too large", "PUT", `/api/jobs/${id}`,
        { headers: withJson(), body: JSON.stringify({ description: "a".repeat(300000) }), expect: 413 });
    await check("update no key", "PUT", `/api/jobs/${id}`, { headers: json, body: "{}", expect: 401 });
    await check("update unknown", "PUT", "/api/jobs/7c9e6679-7425-40de-944b-e07fc1f90ae7",
        { headers: withJson(), body: "{}", expect: 404 });

    await check("delete stale", "DELETE", `/api/jobs/${id}`, { headers: { ...auth(), "If-Match": "\"1\"" }, expect: 412 });
    await check("delete no key", "DELETE", `/api/jobs/${id}`, { expect: 401 });
    await check("delete", "DELETE", `/api/jobs/${id}`, { headers: auth(), expect: 204 });
    await check("delete again", "DELETE", `/api/jobs/${id}`, { headers: auth(), expect: 404 });
    await check("get deleted", "GET", `/api/jobs/${id}`, { headers: auth(), expect: 404 });

    // The other provider's key spends its burst, then hears 429 on every operation.
    for (let i = 0; i < 50; ++i)
        await fetch(`http://127.0.0.1:${port}/api/jobs?limit=1`, { headers: auth(otherKey) });
    await check("list limited", "GET", "/api/jobs", { headers: auth(otherKey), expect: 429 });
    await check("create limited", "POST", "/api/jobs", { headers: withJson(otherKey), body: "{}", expect: 429 });
    await check("get limited", "GET", `/api/jobs/${id}`, { headers: auth(otherKey), expect: 429 });
    await check("update limited", "PUT", `/api/jobs/${id}`, { headers: withJson(otherKey), body: "{}", expect: 429 });
    await check("delete limited", "DELETE", `/api/jobs/${id}`, { headers: auth(otherKey), expect: 429 });

    const served = await fetch(`http://127.0.0.1:${port}/api/openapi.json`);
    const servedDocument = await served.json();
    if (JSON.stringify(servedDocument) !== JSON.stringify(spec))
        fail("GET /api/openapi.json does not serve resources/openapi.json");
} finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.on("exit", resolve));
    rmSync(directory, { recursive: true, force: true });
}

// Every documented status of every operation must have been seen, except the ones a client
// cannot cause on a healthy service.
const unreachable = new Set(["503", "409"]);
for (const item of Object.values(spec.paths)) {
    for (const operation of Object.values(item)) {
        if (!operation.operationId)
            continue;
        for (const status of Object.keys(operation.responses)) {
            if (!unreachable.has(status) && !covered.has(`${operation.operationId} ${status}`))
                fail(`documented ${operation.operationId} ${status} was never exercised`);
        }
    }
}

if (failures.length > 0) {
    console.error(`${failures.length} failure(s)`);
    if (serverLog.includes("hsk_") && serverLog.includes(key))
        console.error("and the server log contains an API key");
    process.exit(1);
}
console.log(`All answers match the OpenAPI document (${covered.size} operation and status pairs).`);
