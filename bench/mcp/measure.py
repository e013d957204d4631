#!/usr/bin/env python3
"""Cold start of an MCP stdio server: spawn -> initialize -> tools/list answer.

Usage: measure.py [--runs 5] [--env K=V ...] [--cwd DIR] [--call TOOL] -- <command> [args...]

For each run: spawns the command (stdin/stdout pipes, stderr to /dev/null), sends `initialize`, then
`notifications/initialized` and `tools/list` right after the initialize answer, and stops the clock when the
`tools/list` answer arrives. Then reads VmRSS of the spawned process from /proc/<pid>/status and closes stdin.
Prints one line per run and the median; the catalog size is the length of the `result` of tools/list as
compact JSON (tokens ~ chars / 4). With --call, the named tool is then called without arguments after a pause of
--idle seconds (a client waits for its user) and the time to its answer is reported too. Only loopback is ever involved: the servers are pointed at dummy hosts.
"""
import argparse, json, os, statistics, subprocess, sys, time


def rss_kib(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except FileNotFoundError:
        return None
    return None


def read_answer(proc, want_id, deadline):
    while True:
        if time.monotonic() > deadline:
            raise TimeoutError(f"no answer to request {want_id}")
        line = proc.stdout.readline()
        if not line:
            raise EOFError(f"server closed stdout before answering request {want_id}")
        try:
            msg = json.loads(line)
        except json.JSONDecodeError:
            continue  # a server that prints a banner on stdout
        if msg.get("id") == want_id:
            return msg


def run_once(cmd, env, cwd, timeout, call=None, idle=0.0):
    send = lambda p, m: (p.stdin.write((json.dumps(m) + "\n").encode()), p.stdin.flush())
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, cwd=cwd)
    try:
        deadline = start + timeout
        send(proc, {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-06-18", "capabilities": {},
            "clientInfo": {"name": "bench", "version": "1"}}})
        init = read_answer(proc, 1, deadline)
        init_ms = (time.monotonic() - start) * 1000
        send(proc, {"jsonrpc": "2.0", "method": "notifications/initialized"})
        send(proc, {"jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": {}})
        answer = read_answer(proc, 2, deadline)
        list_ms = (time.monotonic() - start) * 1000
        rss = rss_kib(proc.pid)
        call_ms = None
        if call:
            time.sleep(idle)
            sent = time.monotonic()
            send(proc, {"jsonrpc": "2.0", "id": 3, "method": "tools/call", "params": {"name": call, "arguments": {}}})
            read_answer(proc, 3, time.monotonic() + timeout)
            call_ms = (time.monotonic() - sent) * 1000
        result = answer.get("result") or {}
        chars = len(json.dumps(result, separators=(",", ":"), ensure_ascii=False))
        return {"init_ms": init_ms, "list_ms": list_ms, "call_ms": call_ms, "rss_mib": (rss or 0) / 1024, "tools": len(result.get("tools", [])),
                "chars": chars, "protocol": (init.get("result") or {}).get("protocolVersion"), "result": result}
    finally:
        try:
            proc.stdin.close()
            proc.wait(timeout=5)
        except Exception:
            proc.kill()
            proc.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("--cwd")
    parser.add_argument("--timeout", type=float, default=30)
    parser.add_argument("--dump", help="write the tools/list result of the last run here")
    parser.add_argument("--call", help="then call this tool (no arguments) and time its answer")
    parser.add_argument("--idle", type=float, default=0.5, help="seconds between the tools/list answer and --call")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    cmd = args.command[1:] if args.command and args.command[0] == "--" else args.command
    if not cmd:
        parser.error("give the server command after --")
    env = dict(os.environ)
    for pair in args.env:
        key, _, value = pair.partition("=")
        env[key] = value
    runs = []
    for i in range(args.runs):
        r = run_once(cmd, env, args.cwd, args.timeout, args.call, args.idle)
        runs.append(r)
        called = f", {args.call} {r['call_ms']:.0f} ms" if args.call else ""
        print(f"run {i + 1}: initialize {r['init_ms']:.0f} ms, tools/list {r['list_ms']:.0f} ms, RSS {r['rss_mib']:.1f} MiB, "
              f"{r['tools']} tools, {r['chars']} chars{called}", flush=True)
    if args.dump:
        with open(args.dump, "w") as f:
            json.dump(runs[-1]["result"], f, ensure_ascii=False)
    med = lambda k: statistics.median(r[k] for r in runs)
    print(f"median of {len(runs)}: tools/list {med('list_ms'):.0f} ms after spawn (initialize {med('init_ms'):.0f} ms), "
          f"RSS {med('rss_mib'):.1f} MiB, {runs[-1]['tools']} tools, {runs[-1]['chars']} chars ~ {runs[-1]['chars'] / 4:.0f} tokens, "
          f"protocol {runs[-1]['protocol']}" + (f", {args.call} {med('call_ms'):.0f} ms after a {args.idle:g} s pause" if args.call else ""))


if __name__ == "__main__":
    main()
