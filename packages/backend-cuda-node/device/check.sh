#!/usr/bin/env bash
# The CUDA backend's check on a GPU machine, in one go and within 8 minutes: run from the
# repository root as
#
#   bash packages/backend-cuda-node/device/check.sh [--emulate] [--payload DIR] [--cases REGEX]
#
# with device/payload/ (made by prepare.mjs) carried along. Steps, each under `timeout`:
#   1. the GPU (nvidia-smi), Node unpacked from payload/node.xz, the payload's sha256s;
#   2. the conformance suite on the 'cuda' backend under compute-sanitizer memcheck;
#   3. LeNet-5, one epoch of MNIST at batch 128 on 'cuda' (loss, test accuracy, samples/s);
#   4. PyTorch eager LeNet-5 on the GPU at batch 128 (apps/mnist/bench/pytorch_lenet.py);
# then a summary block, also written as JSON to $OUT/cuda-check.json when OUT is set.
#
# --emulate runs the same steps where there is no GPU: the addon's host emulation, no sanitizer,
# 512 images, PyTorch on the CPU, and the system node when the payload has none. --cases runs
# only the conformance cases whose full name matches (the emulated plumbing test takes a sample;
# conformance-emulated.test.ts runs the whole suite on the emulation).
# Exit status: 0 when conformance passed with no sanitizer errors and training ran; 1 otherwise.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../../.." && pwd)"
PAYLOAD="$HERE/payload"
EMULATE=0
CASES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --emulate) EMULATE=1 ;;
    --cases) CASES=(--cases "${2:?--cases needs a regular expression}"); shift ;;
    --payload) PAYLOAD="$(cd "${2:?--payload needs a folder}" && pwd)"; shift ;;
    -h | --help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "check.sh: unknown argument '$1' (expected --emulate, --payload DIR, --cases REGEX)" >&2; exit 2 ;;
  esac
  shift
done

# The whole run's budget; each step's timeout leaves room for the steps after it.
BUDGET_S="${TENSILE_CHECK_BUDGET_S:-450}"
T0=$SECONDS
remaining() { echo $((BUDGET_S - (SECONDS - T0))); }
# step_timeout CAP RESERVE: CAP seconds, or less so that RESERVE seconds stay for later steps.
step_timeout() {
  local t=$(($(remaining) - $2))
  [ "$t" -gt "$1" ] && t=$1
  [ "$t" -lt 10 ] && t=10
  echo "$t"
}
banner() { printf '\n==== %s (%ss elapsed)\n' "$1" $((SECONDS - T0)); }

WORK="$(mktemp -d "${TMPDIR:-/tmp}/tensile-cuda-check.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

PY=python3
command -v "$PY" >/dev/null || PY=/usr/bin/python3
# Python's output would otherwise wait in its buffer, and be lost when `timeout` kills it.
export PYTHONUNBUFFERED=1

banner "machine"
echo "mode: $([ $EMULATE = 1 ] && echo 'emulated (no GPU needed)' || echo GPU)"
echo "host: $(uname -srm), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg), glibc $(getconf GNU_LIBC_VERSION 2>/dev/null | cut -d' ' -f2)"
GPU_NAME=""
if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap,utilization.gpu --format=csv 2>&1 || true
  nvidia-smi 2>/dev/null | sed -n '1,4p' | grep -i 'cuda version' || true
  GPU_NAME="$(nvidia-smi --query-gpu=name --format=csv,noheader 2>/dev/null | head -1 || true)"
elif [ $EMULATE = 0 ]; then
  echo "!!!! nvidia-smi not found: this machine may have no NVIDIA GPU or driver"
fi
if [ $EMULATE = 0 ]; then
  # The statically linked CUDA runtime dlopens libcuda.so.1 by name: make sure the loader finds it.
  LIBCUDA="$(ldconfig -p 2>/dev/null | grep -m1 'libcuda\.so\.1 ' | sed 's/.*=> //' || true)"
  if [ -z "$LIBCUDA" ]; then
    LDP="${LD_LIBRARY_PATH:-}"
    for d in ${LDP//:/ } /usr/local/nvidia/lib64 /usr/local/nvidia/lib /usr/lib/x86_64-linux-gnu /usr/lib64; do
      if [ -e "$d/libcuda.so.1" ]; then
        LIBCUDA="$d/libcuda.so.1"
        export LD_LIBRARY_PATH="$d${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
        break
      fi
    done
  fi
  echo "libcuda: ${LIBCUDA:-!!!! libcuda.so.1 NOT FOUND (ldconfig, LD_LIBRARY_PATH, /usr/local/nvidia/lib64, /usr/lib*)}"
fi

banner "payload"
if [ ! -f "$PAYLOAD/manifest.json" ]; then
  echo "check.sh: $PAYLOAD/manifest.json is missing; run 'node packages/backend-cuda-node/device/prepare.mjs' before carrying the payload" >&2
  exit 1
fi
"$PY" - "$PAYLOAD" <<'PYEOF'
import hashlib, json, os, sys
root = sys.argv[1]
m = json.load(open(os.path.join(root, "manifest.json")))
bad = []
for name, f in sorted(m["files"].items()):
    path = os.path.join(root, name)
    if not os.path.isfile(path):
        bad.append(f"{name}: missing")
        continue
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    ok = h.hexdigest() == f["sha256"] and os.path.getsize(path) == f["bytes"]
    print(f"  {'ok ' if ok else 'BAD'} {name:40s} {f['bytes'] / 2**20:8.2f} MiB")
    if not ok:
        bad.append(f"{name}: sha256 or size differs from manifest.json")
addon = m.get("addon") or {}
print(f"  addon from {addon.get('source')}: code for {' '.join(addon.get('archs') or []) or '?'}; needs glibc {addon.get('glibc')}")
if m.get("node"):
    print(f"  node {m['node']['source']['version']}; needs glibc {m['node'].get('glibc')}")
print(f"  prepared {m.get('created')}")
libc = os.confstr("CS_GNU_LIBC_VERSION") or ""
have = tuple(int(x) for x in libc.split()[-1].split(".")[:2]) if libc else None
for what, need in (("the addon", addon.get("glibc")), ("node", (m.get("node") or {}).get("glibc"))):
    if have and need and tuple(int(x) for x in need.split(".")) > have:
        print(f"!!!! {what} needs glibc {need}, this machine has {libc}: it will not load")
if bad:
    sys.exit("check.sh: the payload does not match its manifest: " + "; ".join(bad))
PYEOF

if [ -f "$PAYLOAD/node.xz" ] && grep -q '"node.xz"' "$PAYLOAD/manifest.json"; then
  NODE="$WORK/node"
  "$PY" -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"), 1 << 20)' "$PAYLOAD/node.xz" "$NODE"
  chmod +x "$NODE"
  echo "node: unpacked payload/node.xz -> $("$NODE" --version)"
elif [ $EMULATE = 1 ] && command -v node >/dev/null; then
  NODE="$(command -v node)"
  echo "node: the payload has none; using $NODE $("$NODE" --version)"
else
  echo "check.sh: $PAYLOAD has no node.xz (prepared with --no-node?) and this is not an --emulate run" >&2
  exit 1
fi
export TENSILE_CUDA_ADDON="$PAYLOAD/tensile_cuda.node"
CHECK="$PAYLOAD/check.mjs"
EMU_FLAG=()
[ $EMULATE = 1 ] && EMU_FLAG=(--emulate)

# run_step NAME TIMEOUT LOG CMD...: runs CMD under timeout, output to the screen and LOG; sets RC.
RC=0
run_step() {
  local name=$1 t=$2 log=$3
  shift 3
  banner "$name (timeout ${t}s)"
  set +e
  timeout --kill-after=10 "$t" "$@" 2>&1 | tee "$log"
  RC=${PIPESTATUS[0]}
  set -e
  [ "$RC" = 124 ] || [ "$RC" = 137 ] && echo "!!!! $name: timed out after ${t}s"
  echo "---- $name: exit $RC"
}

find_sanitizer() {
  local c
  c="$(command -v compute-sanitizer 2>/dev/null || true)"
  [ -n "$c" ] && { echo "$c"; return; }
  for c in /usr/local/cuda/bin/compute-sanitizer $(ls -d /usr/local/cuda-*/bin/compute-sanitizer 2>/dev/null | sort -rV) \
    /opt/nvidia/*/compute-sanitizer/compute-sanitizer; do
    [ -x "$c" ] && { echo "$c"; return; }
  done
  # pip's nvidia-cuda-sanitizer-api-cu* wheel, beside PyTorch's CUDA libraries.
  "$PY" - <<'PYEOF' 2>/dev/null || true
import os, site, sys
roots = [p for p in site.getsitepackages() + [site.getusersitepackages()] + sys.path if os.path.isdir(os.path.join(p, "nvidia"))]
for r in dict.fromkeys(roots):
    for d, _, files in os.walk(os.path.join(r, "nvidia")):
        if "compute-sanitizer" in files and os.access(os.path.join(d, "compute-sanitizer"), os.X_OK):
            print(os.path.join(d, "compute-sanitizer"))
            sys.exit(0)
PYEOF
}

# A matrix product through the backend: does it start on this GPU at all (seconds)?
run_step "probe" "$(step_timeout 45 300)" "$WORK/probe.log" "$NODE" "$CHECK" probe "${EMU_FLAG[@]}"
PROBE_RC=$RC

SANITIZER=""
SANITIZER_NOTE="not used (--emulate)"
UNDER=""
MEMCHECK=(--tool memcheck --error-exitcode 1 --print-limit 20)
CONF_CMD=("$NODE" "$CHECK" conformance "${EMU_FLAG[@]}" "${CASES[@]}")
if [ $EMULATE = 0 ]; then
  SANITIZER="$(find_sanitizer)"
  if [ -z "$SANITIZER" ]; then
    SANITIZER_NOTE="NOT FOUND"
    echo
    echo "!!!! compute-sanitizer NOT FOUND (PATH, /usr/local/cuda*/bin, /opt/nvidia, pip nvidia packages):"
    echo "!!!! the conformance suite runs WITHOUT memcheck; out-of-bounds accesses go unnoticed."
  else
    # The sanitizer refuses the device on some machines (gVisor: "Device not supported", then
    # error 999): try it on the probe first, and trust it only where the probe ran under it.
    run_step "probe under compute-sanitizer" "$(step_timeout 60 290)" "$WORK/probe-sanitizer.log" \
      "$SANITIZER" "${MEMCHECK[@]}" "$NODE" "$CHECK" probe
    if grep -q '"kind":"tensile-probe","ok":true' "$WORK/probe-sanitizer.log" ||
      { grep -q 'ERROR SUMMARY: [1-9]' "$WORK/probe-sanitizer.log" && ! grep -qi 'not supported' "$WORK/probe-sanitizer.log"; }; then
      SANITIZER_NOTE="$SANITIZER"
      UNDER=" under compute-sanitizer memcheck"
      # Exact device blocks: memcheck sees only accesses outside a cudaMalloc'd block, and the
      # caching allocator's size buckets would otherwise hide small overruns.
      CONF_CMD=(env TENSILE_CUDA_EXACT_ALLOC=1 "$SANITIZER" "${MEMCHECK[@]}" "${CONF_CMD[@]}")
    elif [ "$PROBE_RC" != 0 ]; then
      SANITIZER_NOTE="$SANITIZER (not used: the backend does not start here even without it)"
    else
      WHY="$(grep -m1 -iE 'not supported|error|fail' "$WORK/probe-sanitizer.log" | cut -c1-200 || true)"
      SANITIZER_NOTE="$SANITIZER (UNUSABLE here: ${WHY:-the probe failed under it})"
      echo
      echo "!!!! compute-sanitizer does not work on this machine (${WHY:-the probe failed under it}):"
      echo "!!!! the conformance suite runs WITHOUT memcheck; out-of-bounds accesses go unnoticed."
    fi
  fi
fi

# Later steps' reserves: training 150 s, PyTorch 75 s, the summary 5 s.
run_step "conformance$UNDER" \
  "$(step_timeout 210 235)" "$WORK/conformance.log" "${CONF_CMD[@]}"
CONF_RC=$RC

if [ $EMULATE = 1 ]; then
  TRAIN_ARGS=(--epochs 1 --batch 32 --limit 512 --warmup 3)
else
  TRAIN_ARGS=(--epochs 1 --batch 128 --warmup 10)
fi
run_step "train LeNet-5" "$(step_timeout 150 85)" "$WORK/train.log" \
  "$NODE" "$CHECK" train "${EMU_FLAG[@]}" "${TRAIN_ARGS[@]}" --data "$PAYLOAD/mnist"
TRAIN_RC=$RC

TORCH_PY=""
for p in python3 /usr/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import torch' >/dev/null 2>&1; then TORCH_PY=$p; break; fi
done
if [ -z "$TORCH_PY" ]; then
  banner "PyTorch"
  echo "!!!! no python3 here imports torch; PyTorch timing skipped"
  echo '{"id": "pytorch", "status": "unavailable", "error": "no python3 imports torch"}' >"$WORK/torch.log"
  TORCH_RC=1
else
  if [ $EMULATE = 1 ]; then
    TORCH_ARGS=(--device cpu --steps 20 --seconds 2 --warmup 2)
  else
    TORCH_ARGS=(--device cuda --steps 1000 --seconds 15 --warmup 20)
  fi
  run_step "PyTorch eager LeNet-5" "$(step_timeout 75 5)" "$WORK/torch.log" \
    "$TORCH_PY" "$REPO/apps/mnist/bench/pytorch_lenet.py" --batch-size 128 "${TORCH_ARGS[@]}"
  TORCH_RC=$RC
fi

banner "summary"
if [ -n "${OUT:-}" ]; then
  # The full logs come back as files; the screen may show only the tail.
  mkdir -p "$OUT"
  for f in probe probe-sanitizer conformance train torch; do [ -f "$WORK/$f.log" ] && cp "$WORK/$f.log" "$OUT/cuda-check-$f.log"; done
fi
set +e
"$PY" - "$WORK" "$EMULATE" "$CONF_RC" "$TRAIN_RC" "$TORCH_RC" "$SANITIZER_NOTE" "$GPU_NAME" "$((SECONDS - T0))" <<'PYEOF'
import json, os, re, sys
work, emulate, conf_rc, train_rc, torch_rc, sanitizer, gpu, elapsed = sys.argv[1:9]

def lines(name):
    try:
        return open(os.path.join(work, name), errors="replace").read().splitlines()
    except OSError:
        return []

def last_json(name, pred):
    for line in reversed(lines(name)):
        line = line.strip()
        if line.startswith("{"):
            try:
                d = json.loads(line)
            except ValueError:
                continue
            if pred(d):
                return d
    return None

timed_out = lambda rc: rc in ("124", "137")
fmt = lambda v, d=0: "n/a" if v is None else f"{v:,.{d}f}"
conf_lines = lines("conformance.log")
conf = {"passed": None, "failed": None, "skipped": None, "exitCode": int(conf_rc), "timedOut": timed_out(conf_rc)}
for line in reversed(conf_lines):
    m = re.match(r"conformance: (\d+) passed, (\d+) failed, (\d+) skipped$", line.strip())
    if m:
        conf.update(passed=int(m[1]), failed=int(m[2]), skipped=int(m[3]))
        break
else:
    # Killed before the end: the last group's running tally says how far it got.
    for line in reversed(conf_lines):
        m = re.search(r"\((\d+)/(\d+) run, (\d+) failed so far\)", line)
        if m:
            conf.update(run=int(m[1]), total=int(m[2]), failed=int(m[3]))
            break
detail = last_json("conformance.log", lambda d: d.get("kind") == "tensile-conformance")
# Grouped by message, each with its count and first cases (check-main.ts).
conf["failures"] = (detail or {}).get("failures", [])
def sanitizer_errors(name):
    found = None
    for line in lines(name):
        m = re.search(r"ERROR SUMMARY: (\d+) error", line)
        if m:
            found = int(m[1])
    return found

san_errors = sanitizer_errors("conformance.log")
probe = last_json("probe.log", lambda d: d.get("kind") == "tensile-probe")
train = last_json("train.log", lambda d: d.get("kind") == "tensile-train")
torch = last_json("torch.log", lambda d: str(d.get("id", "")).startswith("pytorch"))
t_sps = (train or {}).get("steadySamplesPerSec")
p_sps = (torch or {}).get("samplesPerSec") if (torch or {}).get("status") == "ok" else None
summary = {
    "kind": "tensile-cuda-check",
    "emulated": emulate == "1",
    "gpu": gpu or None,
    "elapsedSeconds": int(elapsed),
    "conformance": conf,
    "probe": probe,
    "sanitizer": {"tool": sanitizer, "errors": san_errors, "probeErrors": sanitizer_errors("probe-sanitizer.log")},
    "train": {k: train[k] for k in ("backend", "epochs", "batchSize", "trainSamples", "stepsPerEpoch", "measuredSteps",
                                    "steadySamplesPerSec", "lossFirst", "lossLast", "lossFalling", "testLoss",
                                    "testAccuracy", "trainSeconds", "evalSeconds", "liveTensors") if k in train}
    if train else None,
    "trainExitCode": int(train_rc),
    "pytorch": torch,
    "tensileSamplesPerSec": t_sps,
    "pytorchSamplesPerSec": p_sps,
    "ratioTensileToPytorch": (t_sps / p_sps) if t_sps and p_sps else None,
}
san_ok = san_errors in (None, 0)
ok = conf["failed"] == 0 and conf["passed"] and conf["exitCode"] == 0 and san_ok and train is not None and int(train_rc) == 0
summary["ok"] = bool(ok)

print(json.dumps(summary))
print("=" * 72)
print(f"CUDA backend check ({'emulated' if summary['emulated'] else gpu or 'GPU?'}), {elapsed} s")
dev = (probe or {}).get("device") or {}
if probe is None:
    print("probe:              NO RESULT (see the probe step's log)")
else:
    where = (f"{dev['name']} (compute capability {dev.get('computeCapability')}, {dev.get('smCount')} SMs)" if dev.get("name")
             else "no device" if dev else "the emulated runtime")
    print(f"probe:              {'ok' if probe.get('ok') else 'FAILED'} on {where}, {fmt(probe.get('ms'))} ms" +
          ("" if probe.get("ok") else f": {probe.get('reason', 'wrong values')}"))
c = conf
if c["passed"] is not None:
    print(f"conformance:        {c['passed']} passed, {c['failed']} failed, {c['skipped']} skipped (exit {c['exitCode']})")
else:
    print(f"conformance:        DID NOT FINISH (exit {c['exitCode']}{', timed out' if c['timedOut'] else ''})"
          + (f"; {c['run']}/{c['total']} run, {c['failed']} failed" if "run" in c else ""))
for g in c["failures"][:8]:
    more = f" (and {g['count'] - 1} more with this message)" if g["count"] > 1 else ""
    print(f"  FAIL {g['cases'][0]}{more}: {g['message'][:200]}")
print(f"sanitizer errors:   {fmt(san_errors)} ({sanitizer})")
if train:
    print(f"train:              loss {train['lossFirst']:.4f} -> {train['lossLast']:.4f} ({'falling' if train['lossFalling'] else 'NOT falling'}), "
          f"test accuracy {100 * train['testAccuracy']:.2f}% on {train['testSamples']}")
else:
    print(f"train:              FAILED (exit {train_rc}); see the log above")
print(f"Tensile samples/s:  {fmt(t_sps)} (batch {(train or {}).get('batchSize', '?')}, steady)")
print(f"PyTorch samples/s:  {fmt(p_sps)} ({(torch or {}).get('detail') or (torch or {}).get('error') or 'no result'})")
print(f"ratio Tensile/PyTorch: {fmt(summary['ratioTensileToPytorch'], 3)}")
print(f"result:             {'OK' if ok else 'FAILED'}")
print("=" * 72)
out = os.environ.get("OUT")
if out:
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "cuda-check.json"), "w") as fh:
        json.dump(summary, fh, indent=2)
    print(f"wrote {os.path.join(out, 'cuda-check.json')} and the steps' logs beside it")
sys.exit(0 if ok else 1)
PYEOF
