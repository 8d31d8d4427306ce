# Shared by the corpus tests (sourced, not run). Needs: BIN, CORPUS set by the caller.
# The corpus (../shared/corpus beside the clone) is third-party data that CI
# puts next to the checkout; without it the tests are skipped (exit 77), not failed.

SZ_TIMEOUT=${SZ_TIMEOUT:-60}

corpus_prepare() { # BIN CORPUS
  BIN=$1
  CORPUS=$2
  if [ ! -d "$CORPUS" ] || [ ! -f "$CORPUS/MANIFEST.tsv" ]; then
    echo "SKIP: no corpus at $CORPUS (it lives in shared/corpus beside the clone)"
    exit 77
  fi
  command -v jq >/dev/null 2>&1 || { echo "FAIL: jq is not installed (apt-get install jq)"; exit 1; }
  case $BIN in */*) case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac ;; esac
  [ -x "$BIN" ] || { echo "FAIL: the sipzone binary '$BIN' does not exist (not built yet?)"; exit 1; }
  CORPUS=$(cd "$CORPUS" && pwd)
  TMP=$(mktemp -d "${TMPDIR:-/tmp}/sz-corpus.XXXXXX") || exit 1
  trap 'rm -rf "$TMP"' EXIT
}

# A TSV file with fields separated by \037 instead of tabs: `read` with a tab
# IFS would merge empty fields (a tab is white space to it), \037 is not.
tsv() { tr '\t' '\037' <"$1"; }

# The manifest's zone_origin for a local_path.
corpus_origin() { # local_path
  awk -F '\t' -v p="$1" 'NR > 1 && $1 == p { print $6; exit }' "$CORPUS/MANIFEST.tsv"
}

# Run `sipzone check --format json --origin ORIGIN FILE` in the file's folder
# (so that relative $INCLUDEs resolve there). Sets RUN_RC and RUN_OUT/RUN_ERR
# (file names); results are cached per file for the run.
corpus_run() { # local_path origin
  local lp=$1 origin=$2 key
  key=$(printf '%s' "$lp" | tr '/' '_')
  RUN_OUT=$TMP/$key.json
  RUN_ERR=$TMP/$key.err
  if [ -f "$TMP/$key.rc" ]; then
    RUN_RC=$(cat "$TMP/$key.rc")
    return
  fi
  (cd "$CORPUS/$(dirname "$lp")" &&
     exec timeout "$SZ_TIMEOUT" "$BIN" check --format json --origin "$origin" "$(basename "$lp")") \
    </dev/null >"$RUN_OUT" 2>"$RUN_ERR"
  RUN_RC=$?
  echo "$RUN_RC" >"$TMP/$key.rc"
}

# Why RUN_RC is unacceptable, or nothing. Exit 2 is "could not run", which a
# readable file with an explicit origin never is.
corpus_rc_problem() {
  if [ "$RUN_RC" -eq 124 ]; then echo "timed out after ${SZ_TIMEOUT}s (hang?)"
  elif [ "$RUN_RC" -ge 128 ]; then echo "crashed (exit $RUN_RC = signal $((RUN_RC - 128)))"
  elif [ "$RUN_RC" -eq 2 ]; then echo "exit 2 (could not run): $(head -c 300 "$RUN_ERR" | tr '\n' ' ')"
  elif [ "$RUN_RC" -ne 0 ] && [ "$RUN_RC" -ne 1 ]; then echo "unexpected exit code $RUN_RC"
  elif ! jq -e '(.findings | type) == "array"' "$RUN_OUT" >/dev/null 2>&1; then
    echo "stdout is not a JSON document with a findings array: $(head -c 200 "$RUN_OUT" | tr '\n' ' ')"
  fi
}
