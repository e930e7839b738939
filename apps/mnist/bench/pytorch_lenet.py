"""PyTorch CPU peer of `npm run bench`: the same LeNet-5 as the app saves (28x28x1 pixels 0..255 ->
zero padding to 32x32 -> rescaling x * scale + offset -> conv 6@5x5 tanh -> avg pool -> conv 16@5x5
tanh -> avg pool -> conv 120@5x5 tanh -> dense 84 tanh -> dense 10), batch 128, Adam
1e-3, cross-entropy. Times training steps (forward, loss, backward, Adam) after warm-up and prints
one JSON line (samples/s from the median step time, and the mean over the interval).

`--device cuda` times the same model in eager mode on the GPU instead (id 'pytorch-cuda'; the
CUDA backend's device check, packages/backend-cuda-node/device/check.sh): one run, with
torch.cuda.synchronize() before the clock starts and after every step.

Warm-up is at least --warmup steps and at least --warmup-seconds (capped at the time budget), as
the Node workers do (apps/mnist/src/bench-measure.ts).

Usage: python3 pytorch_lenet.py [--steps N] [--seconds S] [--warmup W] [--warmup-seconds S] [--batch-size B]
       [--device cpu|cuda]
"""
import argparse
import json
import os
import statistics
import sys
import time


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--seconds", type=float, default=10.0)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--warmup-seconds", type=float, default=2.0)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    a = p.parse_args()
    try:
        import torch
        import torch.nn as nn
    except Exception as e:  # noqa: BLE001 - report any import failure as "unavailable"
        print(json.dumps({"id": f"pytorch-{a.device}", "status": "unavailable", "error": f"import torch: {e}"}))
        return
    if a.device == "cuda":
        main_cuda(torch, nn, a)
        return

    cores = os.cpu_count() or 1
    torch.manual_seed(0)
    # Random pixels of MNIST's shape and range: the step's cost does not depend on their values.
    batches = [(torch.rand(a.batch_size, 1, 28, 28) * 255, torch.randint(0, 10, (a.batch_size,))) for _ in range(8)]

    # With all cores PyTorch is fastest on an idle machine, but its OpenMP barriers collapse
    # (~20x slower here) when another process holds one core; one thread does not. Measure both,
    # half the budget each, and report the faster, so the peer is never understated.
    runs = {}
    for threads in sorted({cores, 1}, reverse=True):
        runs[threads] = measure(torch, nn, threads, batches, a, a.seconds / (2 if cores > 1 else 1))
    best = max(runs, key=lambda t: runs[t]["samplesPerSec"])
    r = runs[best]
    print(json.dumps({
        "id": "pytorch-cpu",
        "status": "ok",
        **r,
        # The timed interval spans both thread settings; siblings counts over both.
        "measuredFrom": min(v["measuredFrom"] for v in runs.values()),
        "measuredTo": max(v["measuredTo"] for v in runs.values()),
        **({"siblings": max(v["siblings"] for v in runs.values())} if all("siblings" in v for v in runs.values()) else {}),
        "pid": os.getpid(),
        "batchSize": a.batch_size,
        "detail": f"torch {torch.__version__}, python {sys.version.split()[0]}; best of "
        + ", ".join(f"{t} thread{'s' if t > 1 else ''}: {round(v['samplesPerSec'])} samples/s" for t, v in runs.items()),
    }))


def main_cuda(torch, nn, a) -> None:
    if not torch.cuda.is_available():
        why = f"torch {torch.__version__} (CUDA {torch.version.cuda}) sees no CUDA device"
        print(json.dumps({"id": "pytorch-cuda", "status": "unavailable", "error": why}))
        return
    device = torch.device("cuda")
    torch.manual_seed(0)
    batches = [
        ((torch.rand(a.batch_size, 1, 28, 28) * 255).to(device), torch.randint(0, 10, (a.batch_size,)).to(device))
        for _ in range(8)
    ]
    r = measure(torch, nn, None, batches, a, a.seconds, device)
    print(json.dumps({
        "id": "pytorch-cuda",
        "status": "ok",
        **r,
        "batchSize": a.batch_size,
        "device": torch.cuda.get_device_name(device),
        "detail": f"torch {torch.__version__}, CUDA {torch.version.cuda}, cuDNN {torch.backends.cudnn.version()}, "
        + f"{torch.cuda.get_device_name(device)}, eager, python {sys.version.split()[0]}",
    }))


# The app's 'standard' normalisation (apps/mnist/src/model.ts): (x / 255 - mean) / std.
MNIST_MEAN, MNIST_STD = 0.1307, 0.3081
SCALE, OFFSET = 1 / (255 * MNIST_STD), -MNIST_MEAN / MNIST_STD


def Rescaling(nn, scale, offset):
    """Keras' Rescaling layer: x * scale + offset, no weights."""

    class _Rescaling(nn.Module):
        def forward(self, x):
            return x * scale + offset

    return _Rescaling()


def measure(torch, nn, threads, batches, a, seconds, device=None):
    if threads is not None:
        torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.ZeroPad2d(2), Rescaling(nn, SCALE, OFFSET),
        nn.Conv2d(1, 6, 5), nn.Tanh(), nn.AvgPool2d(2),
        nn.Conv2d(6, 16, 5), nn.Tanh(), nn.AvgPool2d(2),
        nn.Conv2d(16, 120, 5), nn.Tanh(), nn.Flatten(),
        nn.Linear(120, 84), nn.Tanh(), nn.Linear(84, 10),
    )
    if device is not None:
        model.to(device)
    # Kernels are queued asynchronously on a GPU: wait for them before reading the clock.
    sync = torch.cuda.synchronize if device is not None and device.type == "cuda" else (lambda: None)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def step(i: int) -> None:
        x, y = batches[i % len(batches)]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        loss.item()

    i = 0
    warm = 0
    warm_start = time.perf_counter()
    while warm < a.warmup or time.perf_counter() - warm_start < min(a.warmup_seconds, seconds):
        step(i)
        i += 1
        warm += 1
    sync()
    siblings_before = sibling_processes()
    wall_start = time.time()
    start = time.perf_counter()
    times = []
    while len(times) < a.steps:
        t = time.perf_counter()
        step(i)
        i += 1
        sync()
        now = time.perf_counter()
        times.append(now - t)
        if len(times) >= 2 and now - start >= seconds:
            break
    secs = time.perf_counter() - start
    wall_end = time.time()
    siblings_after = sibling_processes()
    # The median step time, as the Node workers report: robust to short bursts of other load.
    med = statistics.median(times)
    return {
        "samplesPerSec": a.batch_size / med,
        "msPerStep": med * 1000,
        "meanSamplesPerSec": len(times) * a.batch_size / secs,
        "warmupSteps": warm,
        "measuredSteps": len(times),
        "measuredFrom": wall_start * 1000,
        "measuredTo": wall_end * 1000,
        **({} if siblings_before is None or siblings_after is None else {"siblings": max(siblings_before, siblings_after)}),
    }


def sibling_processes():
    """Other children of the bench (TENSILE_BENCH_PID, else the parent) alive now, from Linux /proc; None elsewhere."""
    if not os.path.isdir("/proc/self"):
        return None
    me, parent, n = os.getpid(), int(os.environ.get("TENSILE_BENCH_PID", os.getppid())), 0
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) == me:
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                stat = f.read()
        except OSError:
            continue  # exited while we looked
        # pid (comm) state ppid ...: comm may hold spaces and parentheses.
        if int(stat[stat.rindex(")") + 2:].split(" ")[1]) == parent and int(name) != os.getppid():
            n += 1
    return n


if __name__ == "__main__":
    main()
