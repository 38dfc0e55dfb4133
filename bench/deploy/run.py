#!/usr/bin/env python3
"""Deploy benchmark: generated stacks of 100, 500, 1,000 and 5,000 resources through
`cfnlocal deploy` (wall time and peak RSS, median of --runs), and the 500-resource stack through
moto server's CloudFormation (boto3 create_stack until CREATE_COMPLETE) in the same run.

With --endpoint, also `cfnlocal deploy --endpoint-url` of the 500-resource stack onto moto
server (the providers' calls over HTTP), with --max-concurrency 1 and with the default
(concurrent steps), to show what overlapping the handlers' waits gains.

usage: run.py [--cfnlocal BIN] [--runs N] [--sizes 100,500,1000,5000] [--no-moto] [--endpoint]

Prints a Markdown table for BENCHMARKS.md.
"""
import argparse, json, os, resource, shutil, socket, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import generate_stack


def peak_rss_kib_of(cmd):
    """Runs cmd; returns (seconds, peak RSS in KiB of that child)."""
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        os.execv(cmd[0], cmd)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return elapsed, usage.ru_maxrss


def bench_cfnlocal(binary, n, runs, work):
    path = os.path.join(work, f"stack-{n}.json")
    with open(path, "w") as f:
        json.dump(generate_stack.template(n), f)
    times, rss = [], []
    for i in range(runs):
        state = os.path.join(work, f"state-{n}-{i}.db")
        t, m = peak_rss_kib_of([binary, "deploy", "--stack-name", "bench", "--template-file", path,
                                "--state", state, "--output", "json"])
        times.append(t)
        rss.append(m)
    return statistics.median(times), statistics.median(rss)


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_moto():
    """A moto_server on a free port of 127.0.0.1, accepting: (process, endpoint URL)."""
    port = free_port()
    server = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return server, f"http://127.0.0.1:{port}"


def bench_endpoint(binary, n, runs, work, concurrency):
    """cfnlocal deploy --endpoint-url onto a fresh moto server per run: median seconds."""
    path = os.path.join(work, f"stack-{n}.json")
    with open(path, "w") as f:
        json.dump(generate_stack.template(n), f)
    env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test")
    times = []
    for i in range(runs):
        server, endpoint = start_moto()
        try:
            state = os.path.join(work, f"endpoint-{concurrency}-{i}.db")
            start = time.perf_counter()
            subprocess.run([binary, "deploy", "--stack-name", "bench", "--template-file", path,
                            "--state", state, "--output", "json", "--endpoint-url", endpoint,
                            "--max-concurrency", str(concurrency)],
                           env=env, check=True, stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
        finally:
            server.terminate()
            server.wait()
    return statistics.median(times)


def bench_moto(n, runs):
    import boto3
    server, endpoint = start_moto()
    try:
        cfn = boto3.client("cloudformation", endpoint_url=endpoint, region_name="us-east-1",
                           aws_access_key_id="test", aws_secret_access_key="test")
        body = json.dumps(generate_stack.template(n))
        times = []
        for i in range(runs):
            start = time.perf_counter()
            cfn.create_stack(StackName=f"bench{i}", TemplateBody=body)
            while True:
                status = cfn.describe_stacks(StackName=f"bench{i}")["Stacks"][0]["StackStatus"]
                if not status.endswith("IN_PROGRESS"):
                    break
                time.sleep(0.01)
            times.append(time.perf_counter() - start)
            if status != "CREATE_COMPLETE":
                raise SystemExit(f"moto ended {status}")
        return statistics.median(times)
    finally:
        server.terminate()
        server.wait()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--cfnlocal", default=os.path.join(ROOT, "build", "cfnlocal"))
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--sizes", default="100,500,1000,5000")
    p.add_argument("--no-moto", action="store_true")
    p.add_argument("--endpoint", action="store_true")
    a = p.parse_args()
    work = tempfile.mkdtemp(prefix="cfnlocal-bench-")
    try:
        print("| resources | cfnlocal deploy (median) | peak RSS | per resource |")
        print("| ---: | ---: | ---: | ---: |")
        for n in [int(x) for x in a.sizes.split(",")]:
            t, rss = bench_cfnlocal(a.cfnlocal, n, a.runs, work)
            print(f"| {n} | {t * 1000:.1f} ms | {rss / 1024:.1f} MiB | {t * 1e6 / n:.0f} µs |")
        if not a.no_moto:
            t = bench_moto(500, max(1, min(a.runs, 3)))
            print(f"\nmoto server CloudFormation, 500 resources, create_stack to CREATE_COMPLETE "
                  f"(median): {t * 1000:.1f} ms")
        if a.endpoint:
            for concurrency in (1, 0):
                t = bench_endpoint(a.cfnlocal, 500, max(1, min(a.runs, 3)), work, concurrency)
                print(f"\ncfnlocal deploy --endpoint-url moto, 500 resources, --max-concurrency "
                      f"{concurrency} (median): {t * 1000:.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
