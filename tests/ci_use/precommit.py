#!/usr/bin/env python3
"""tests/ci_use/precommit.py BIN SOURCE_DIR

The pre-commit hooks of .pre-commit-hooks.yaml parse (python3-yaml), have
the fields pre-commit needs, select zone files by name and nothing else,
and run in a test repository:

  - with pre-commit installed (Debian: pre-commit), for real: a
    .pre-commit-config.yaml with `repo: local` hooks that are the
    definitions of .pre-commit-hooks.yaml as they are (the user's args
    added), `pre-commit run --all-files`, with `sipzone` on PATH;
  - without it, each hook's entry is run as pre-commit runs it: the tracked
    files filtered by `files`, passed when `pass_filenames`.

A good repository passes (exit 0); a bad zone fails sipzone-check (1, with
the rule id in the output) and leaves sipzone-generate-check passing; a
hand-edited generated zone fails sipzone-generate-check. Files that only
look like zone files (db.py, notes.txt, with zone-breaking content) are
never passed. Exit 0 pass, 1 fail, 77 skip (python3-yaml missing).
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

try:
    import yaml
except ImportError:
    print("SKIP: python3 cannot import yaml (Debian: apt-get install python3-yaml)")
    sys.exit(77)

BIN = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
failures = []


def bad(what):
    failures.append(what)
    print("FAIL:", what, file=sys.stderr)


# ---- the hook file
with open(os.path.join(SRC, ".pre-commit-hooks.yaml"), encoding="utf-8") as f:
    hooks = yaml.safe_load(f)
if not isinstance(hooks, list):
    print("FAIL: .pre-commit-hooks.yaml is not a list of hooks", file=sys.stderr)
    sys.exit(1)
by_id = {h.get("id"): h for h in hooks}
if set(by_id) != {"sipzone-check", "sipzone-generate-check"}:
    bad(f"hook ids are {sorted(map(str, by_id))}")
for h in hooks:
    for k in ("id", "name", "entry", "language"):
        if not isinstance(h.get(k), str) or not h[k]:
            bad(f"hook {h.get('id')}: {k} missing")
    if h.get("language") != "system":
        bad(f"hook {h.get('id')}: language is {h.get('language')!r}, not system")
    if not str(h.get("entry", "")).startswith("sipzone "):
        bad(f"hook {h.get('id')}: entry does not run sipzone")
check_hook = by_id.get("sipzone-check", {})
gen_hook = by_id.get("sipzone-generate-check", {})
if check_hook.get("pass_filenames") is not True:
    bad("sipzone-check: pass_filenames is not true")
if gen_hook.get("pass_filenames") is not False:
    bad("sipzone-generate-check: pass_filenames is not false")
if "--check" not in str(gen_hook.get("entry", "")).split():
    bad("sipzone-generate-check: entry has no --check")

files_re = re.compile(check_hook.get("files", "^$"))
zone_names = ["contoso.com.zone", "zones/fabrikam.com.zone", "db.contoso.com", "named/db.local",
              "contoso.com.db", "x/contoso.com.dns", "contoso.hosts", "contoso.com.zone.signed",
              "sub dir/db.fabrikam.com"]
other_names = ["README.md", "db.py", "src/db.json", "tools/db.sh", "contoso.com.zone.bak",
               "notes.txt", "model.json", "mydb.contoso.com", "zone", "db"]
for n in zone_names:
    if not files_re.search(n):
        bad(f"sipzone-check: files does not match the zone file {n!r}")
for n in other_names:
    if files_re.search(n):
        bad(f"sipzone-check: files matches {n!r}, not a zone file")

# ---- a test repository
GOOD_HAND = """$ORIGIN fabrikam.net.
$TTL 3600
_sipfederationtls._tcp IN SRV 0 0 5061 sip.fabrikam.net.
sip                    IN A   203.0.113.50
"""
BAD_HAND = """$ORIGIN fabrikam.net.
$TTL 3600
_sipfederationtls._tcp IN SRV 0 0 5061 sip.contoso.com.
"""
NOT_A_ZONE = "this would be a syntax error in any zone file (\n"

tmp = tempfile.mkdtemp(prefix="sz-precommit.")
repo = os.path.join(tmp, "repo")
bindir = os.path.join(tmp, "bin")
os.makedirs(repo)
os.makedirs(bindir)
os.symlink(BIN, os.path.join(bindir, "sipzone"))
env = dict(os.environ)
env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
env["PRE_COMMIT_HOME"] = os.path.join(tmp, "cache")
env["GIT_CONFIG_NOSYSTEM"] = "1"
env["HOME"] = tmp
for k in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
    env.pop(k, None)


def sh(args, check=True):
    p = subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    if check and p.returncode != 0:
        raise RuntimeError(f"{args}: exit {p.returncode}: {p.stdout}{p.stderr}")
    return p


def write(path, text):
    full = os.path.join(repo, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as f:
        f.write(text)


GEN_ARGS = ["-o", "zones", "model.json"]
config = {"repos": [{"repo": "local", "hooks": [
    dict(check_hook),
    dict(gen_hook, args=GEN_ARGS),
]}]}

use_pre_commit = shutil.which("pre-commit") is not None and os.environ.get("SZ_NO_PRE_COMMIT") != "1"
mode = "pre-commit run --all-files" if use_pre_commit else "each hook's entry, as pre-commit runs it"


def run_hooks():
    """(exit code, output, {hook id: exit code or None when not run})"""
    if use_pre_commit:
        p = sh(["pre-commit", "run", "--all-files", "--color", "never"], check=False)
        out = p.stdout + p.stderr
        status = {}
        for h in (check_hook, gen_hook):
            m = re.search(re.escape(h["name"]) + r"\.*(Passed|Failed|\(no files to check\)Skipped)", out)
            status[h["id"]] = None if m is None else (0 if m.group(1) == "Passed" else 1 if m.group(1) == "Failed" else "skipped")
        if os.environ.get("SZ_VERBOSE"):
            print(out, status)
        return p.returncode, out, status
    tracked = sh(["git", "ls-files", "-z"]).stdout.split("\0")
    out, worst, status = "", 0, {}
    for h, extra in ((check_hook, []), (dict(gen_hook), GEN_ARGS)):
        files = [f for f in tracked if f and re.search(h.get("files", ""), f)]
        if h.get("pass_filenames", True) and not files:
            status[h["id"]] = "skipped"
            continue
        cmd = shlex.split(h["entry"]) + extra + (files if h.get("pass_filenames", True) else [])
        p = sh(cmd, check=False)
        out += p.stdout + p.stderr
        status[h["id"]] = p.returncode
        worst = max(worst, 1 if p.returncode else 0)
    return worst, out, status


try:
    sh(["git", "init", "-q"])
    sh(["git", "config", "user.email", "test@example.invalid"])
    sh(["git", "config", "user.name", "sipzone test"])
    shutil.copy(os.path.join(SRC, "zones-examples", "contoso", "model.json"), os.path.join(repo, "model.json"))
    sh(["sipzone", "generate", "-q", "-o", "zones", "model.json"])
    write("hand/db.fabrikam.net", GOOD_HAND)
    write("db.py", NOT_A_ZONE)
    write("notes.txt", NOT_A_ZONE)
    with open(os.path.join(repo, ".pre-commit-config.yaml"), "w") as f:
        yaml.safe_dump(config, f, sort_keys=False)
    sh(["git", "add", "-A"])

    rc, out, st = run_hooks()
    if rc != 0 or st.get("sipzone-check") != 0 or st.get("sipzone-generate-check") != 0:
        bad(f"good repository: exit {rc}, hooks {st}:\n{out}")

    write("hand/db.fabrikam.net", BAD_HAND)
    sh(["git", "add", "-A"])
    rc, out, st = run_hooks()
    if rc != 1 or st.get("sipzone-check") != 1 or "srv-target-outside-namespace" not in out:
        bad(f"bad zone: exit {rc}, hooks {st}, expected sipzone-check to fail with srv-target-outside-namespace:\n{out}")
    if st.get("sipzone-generate-check") != 0:
        bad(f"bad hand-written zone: sipzone-generate-check should still pass, hooks {st}:\n{out}")

    write("hand/db.fabrikam.net", GOOD_HAND)
    zone = os.path.join(repo, "zones", "fabrikam.com.zone")
    with open(zone) as f:
        text = f.read()
    with open(zone, "w") as f:
        f.write(text.replace("203.0.113.11", "203.0.113.99"))
    sh(["git", "add", "-A"])
    rc, out, st = run_hooks()
    if rc != 1 or st.get("sipzone-generate-check") != 1 or st.get("sipzone-check") != 0:
        bad(f"hand-edited generated zone: exit {rc}, hooks {st}, expected only sipzone-generate-check to fail:\n{out}")
    elif "fabrikam.com.zone" not in out:
        bad(f"hand-edited generated zone: the output does not name the file:\n{out}")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

if failures:
    sys.exit(1)
print(f"PASS: .pre-commit-hooks.yaml parses; hooks run with {mode}")
