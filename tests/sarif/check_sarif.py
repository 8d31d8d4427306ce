#!/usr/bin/env python3
"""tests/sarif/check_sarif.py BIN SCHEMA CASES_DIR

`sipzone check --format sarif` against the SARIF 2.1.0 JSON Schema (the
OASIS copy shipped beside this script) and against the properties GitHub's
"SARIF support for code scanning" marks as required, on every check case
folder (tests/cases/check/*/args) and on the cases below:

  - exit code as the case's `exit` (the format changes no exit code);
  - one result per finding of `--format json`, same rule, level, file, line;
  - the output is the same bytes when run twice;
  - partialFingerprints do not change when a record moves to another line;
  - artifactLocation.uri is the path given, relative to the working
    directory, percent-encoded, whether given relative, with ./ or absolute.

Exit 0 pass, 1 fail, 77 skip (python3-jsonschema missing).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

try:
    import jsonschema
except ImportError:
    print("SKIP: python3 cannot import jsonschema (Debian: apt-get install python3-jsonschema)")
    sys.exit(77)

BIN, SCHEMA, CASES = (os.path.abspath(a) for a in sys.argv[1:4])
failures = []


def bad(where, what):
    failures.append(f"{where}: {what}")


with open(SCHEMA, encoding="utf-8") as f:
    schema = json.load(f)
validator_cls = jsonschema.validators.validator_for(schema)
validator_cls.check_schema(schema)
validator = validator_cls(schema)


def run(args, cwd, stdin=None):
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as inp:
        p = subprocess.run([BIN, "check"] + args, cwd=cwd, stdin=inp,
                           capture_output=True, timeout=60)
    return p.returncode, p.stdout, p.stderr


def nonempty_str(v):
    return isinstance(v, str) and v != ""


def github_required(where, log):
    """The properties GitHub documents as required, with non-empty values
    (docs: code-security/.../sarif-support-for-code-scanning)."""
    if log.get("$schema") in (None, ""):
        bad(where, "no $schema")
    if log.get("version") != "2.1.0":
        bad(where, f"version is {log.get('version')!r}")
    runs = log.get("runs")
    if not isinstance(runs, list) or len(runs) != 1:
        bad(where, "not exactly one run")
        return None
    run_ = runs[0]
    driver = run_.get("tool", {}).get("driver", {})
    for k in ("name", "version", "informationUri"):
        if not nonempty_str(driver.get(k)):
            bad(where, f"tool.driver.{k} missing or empty")
    rules = driver.get("rules")
    if not isinstance(rules, list) or not rules:
        bad(where, "tool.driver.rules[] missing or empty")
        return None
    ids = [r.get("id") for r in rules]
    if len(set(ids)) != len(ids):
        bad(where, "rule ids are not unique")
    for i, r in enumerate(rules):
        w = f"{where}: rules[{i}] ({r.get('id')})"
        if not nonempty_str(r.get("id")):
            bad(w, "no id")
        for k in ("shortDescription", "fullDescription", "help"):
            if not nonempty_str(r.get(k, {}).get("text")):
                bad(w, f"{k}.text missing or empty")
        if len(r.get("shortDescription", {}).get("text", "")) > 1024 or \
           len(r.get("fullDescription", {}).get("text", "")) > 1024:
            bad(w, "a description is longer than GitHub's 1024 characters")
        if r.get("defaultConfiguration", {}).get("level") not in ("note", "warning", "error"):
            bad(w, "defaultConfiguration.level is not note, warning or error")
    if not isinstance(run_.get("results"), list):
        bad(where, "results[] missing")
        return None
    for i, res in enumerate(run_["results"]):
        w = f"{where}: results[{i}]"
        if res.get("ruleId") not in ids:
            bad(w, f"ruleId {res.get('ruleId')!r} is not a rule of the driver")
        elif not isinstance(res.get("ruleIndex"), int) or not 0 <= res["ruleIndex"] < len(ids) \
                or ids[res["ruleIndex"]] != res["ruleId"]:
            bad(w, "ruleIndex does not point at ruleId")
        if res.get("level") not in ("note", "warning", "error"):
            bad(w, f"level {res.get('level')!r}")
        if not nonempty_str(res.get("message", {}).get("text")):
            bad(w, "message.text missing or empty")
        locs = res.get("locations")
        if not isinstance(locs, list) or not locs:
            bad(w, "no locations[]")
            continue
        pl = locs[0].get("physicalLocation", {})
        if not nonempty_str(pl.get("artifactLocation", {}).get("uri")):
            bad(w, "physicalLocation.artifactLocation.uri missing or empty")
        region = pl.get("region", {})
        # endColumn is left out on purpose: SARIF (3.30.8) then means the
        # end of the line, and sipzone's findings are about whole records.
        for k in ("startLine", "startColumn", "endLine"):
            if not isinstance(region.get(k), int) or region[k] < 1:
                bad(w, f"region.{k} missing or < 1")
        pf = res.get("partialFingerprints", {})
        if not nonempty_str(pf.get("primaryLocationLineHash")):
            bad(w, "partialFingerprints.primaryLocationLineHash missing")
    return run_


def uri_to_path(run_, loc):
    al = loc["physicalLocation"]["artifactLocation"]
    uri = al["uri"]
    if "uriBaseId" in al:
        base = run_["originalUriBaseIds"][al["uriBaseId"]]["uri"]
        uri = urllib.parse.urljoin(base, uri)
    return urllib.parse.unquote(urllib.parse.urlparse(uri).path)


def check_case(case_dir):
    name = os.path.basename(case_dir)
    where = f"check/{name}"
    with open(os.path.join(case_dir, "args")) as f:
        args = f.read().split()
    with open(os.path.join(case_dir, "exit")) as f:
        want = int(f.read().strip())
    stdin = os.path.join(case_dir, "stdin")
    stdin = stdin if os.path.exists(stdin) else None
    rc, out, err = run(["--format", "sarif"] + args, case_dir, stdin)
    if rc != want:
        bad(where, f"exit {rc}, expected {want}: {err.decode(errors='replace')[:300]}")
        return 0
    if want == 2:
        return 0
    try:
        log = json.loads(out)
    except ValueError as e:
        bad(where, f"stdout is not JSON: {e}")
        return 0
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    for e in errors[:5]:
        bad(where, f"schema: {'/'.join(map(str, e.path))}: {e.message[:200]}")
    run_ = github_required(where, log)
    if run_ is None:
        return 0
    # The same findings as --format json.
    rc2, jout, _ = run(["--format", "json"] + args, case_dir, stdin)
    findings = json.loads(jout)["findings"]
    level = {"error": "error", "warning": "warning", "info": "note"}
    want_rows = sorted((f["rule"], level[f["severity"]], f["line"] or 1,
                        os.path.normpath(os.path.join(case_dir, f["file"])) if f["file"] not in (None, "-") else f["file"])
                       for f in findings)
    got_rows = []
    for res in run_["results"]:
        loc = res["locations"][0]
        path = uri_to_path(run_, loc)
        if path.endswith("/-"):
            path = "-"
        got_rows.append((res["ruleId"], res["level"],
                         loc["physicalLocation"]["region"]["startLine"], os.path.normpath(path)))
    got_rows.sort()
    if got_rows != want_rows:
        bad(where, f"results differ from --format json findings:\n  json:  {want_rows[:5]}\n  sarif: {got_rows[:5]}")
    # Stable: the same bytes twice.
    rc3, out2, _ = run(["--format", "sarif"] + args, case_dir, stdin)
    if out2 != out:
        bad(where, "a second run gives different output")
    return len(run_["results"])


total = 0
cases = sorted(d for d in os.listdir(CASES) if os.path.exists(os.path.join(CASES, d, "args")))
for d in cases:
    total += check_case(os.path.join(CASES, d))
if total == 0:
    bad("cases", "no case produced a result: nothing was checked")

# ---- fingerprints survive a record moving; paths as given, relative to cwd
ZONE = """$ORIGIN fabrikam.com.
$TTL 3600
_sipfederationtls._tcp  IN SRV 0 0 5061 sip.contoso.com.
_sip._tls               IN SRV 0 0 443  sip.fabrikam.com.
sip                     IN A 203.0.113.10
"""
tmp = tempfile.mkdtemp(prefix="sz-sarif.")
try:
    sub = os.path.join(tmp, "zones dir")
    os.makedirs(sub)
    zpath = os.path.join(sub, "fabrikam.com%.zone")
    with open(zpath, "w") as f:
        f.write(ZONE)

    def results(args, cwd):
        rc, out, err = run(["--format", "sarif"] + args, cwd)
        if rc != 1:
            bad("moved", f"exit {rc}, expected 1: {err[:200]!r}")
            return None, []
        log = json.loads(out)
        for e in list(validator.iter_errors(log))[:3]:
            bad("moved", f"schema: {e.message[:200]}")
        return log["runs"][0], log["runs"][0]["results"]

    run_a, before = results(["zones dir/fabrikam.com%.zone"], tmp)
    want_uri = "zones%20dir/fabrikam.com%25.zone"
    for args in (["./zones dir/fabrikam.com%.zone"], [zpath]):
        _, res = results(args, tmp)
        if sorted(r["partialFingerprints"]["primaryLocationLineHash"] for r in res) != \
           sorted(r["partialFingerprints"]["primaryLocationLineHash"] for r in before):
            bad("paths", f"{args[0]!r} gives other fingerprints than 'zones dir/fabrikam.com%.zone'")
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in res}
        if uris != {want_uri}:
            bad("paths", f"{args[0]!r} from {tmp!r} gives uris {uris}, expected {{{want_uri!r}}}")
        bases = {r["locations"][0]["physicalLocation"]["artifactLocation"].get("uriBaseId") for r in res}
        if bases != {"%SRCROOT%"}:
            bad("paths", f"uriBaseId {bases}")
    if run_a is not None and run_a.get("originalUriBaseIds", {}).get("%SRCROOT%", {}).get("uri") != \
            "file://" + urllib.parse.quote(tmp) + "/":
        bad("paths", f"originalUriBaseIds is {run_a.get('originalUriBaseIds')}")
    # Outside the working directory: an absolute file: URI.
    _, res = results([zpath], "/")
    for r in res:
        al = r["locations"][0]["physicalLocation"]["artifactLocation"]
        if al.get("uri") != "file://" + urllib.parse.quote(zpath) and \
           al.get("uri") != urllib.parse.quote(zpath.lstrip("/")):
            bad("paths", f"from / the uri is {al}")

    with open(zpath, "w") as f:
        f.write("; a comment line moves every record down\n\n" + ZONE)
    _, after = results(["zones dir/fabrikam.com%.zone"], tmp)

    def key(rs):
        return sorted((r["ruleId"], r["partialFingerprints"]["primaryLocationLineHash"]) for r in rs)

    if not before:
        bad("moved", "the hand-written zone gives no result")
    elif key(before) != key(after):
        bad("moved", f"fingerprints changed when the records moved:\n  {key(before)}\n  {key(after)}")
    elif [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before] == \
         [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after]:
        bad("moved", "the lines did not move: the test proves nothing")
    fps = [r["partialFingerprints"]["primaryLocationLineHash"] for r in before]
    if len(set(fps)) != len(fps):
        bad("moved", f"two results share a fingerprint: {fps}")
finally:
    shutil.rmtree(tmp)

for f in failures:
    print("FAIL:", f, file=sys.stderr)
if failures:
    sys.exit(1)
print(f"PASS: {len(cases)} check cases, {total} results valid SARIF 2.1.0 with GitHub's required fields")
