#!/usr/bin/env python3
"""Markdown tables from a steady-vs-peers.sh output directory: every run, then the median of the
repeats per broker and fleet size with the reference broker's ratios to the peers, then the
plain HiveMQ-client loop next to the Gatling generator (when PLAIN=1 ran).

usage: steady-table.py OUT_DIR
"""
import json
import re
import statistics
import sys
from pathlib import Path

BROKERS = ["reference", "mosquitto", "hivemq"]
NAMES = {"reference": "reference broker", "mosquitto": "Mosquitto", "hivemq": "HiveMQ CE"}


def seconds(iso):  # "PT40S" / "PT1M30S"
    m = re.fullmatch(r"PT(?:(\d+)M)?(?:([\d.]+)S)?", iso)
    return int(m.group(1) or 0) * 60 + float(m.group(2) or 0)


def load_run(d):
    s = json.loads((d / "summary.json").read_text())
    p, c, lat = s["parameters"], s["counters"], s["latencies"]
    q = p["qos"]
    g = s["shards"][0]["gauges"]
    e2e = lat.get(f"e2e.qos{q}", {})
    dur = seconds(p["duration"])
    clients = int(p["clients"])
    rc = int((d / "gatling.rc").read_text().strip()) if (d / "gatling.rc").exists() else -1
    lost = c[f"lost.qos{q}"]
    connected = c["connects"]
    return {
        "broker": d.name.split("-")[0], "clients": clients, "run": d.name.rsplit("-r", 1)[1],
        "offered": clients * float(p["rate"]),
        "published": c[f"published.qos{q}"] / dur, "delivered": c[f"received.qos{q}"] / dur,
        "duration": dur, "lost": lost, "dups": c[f"duplicates.qos{q}"], "connects": connected,
        "p50": e2e.get("p50", float("nan")) / 1000, "p99": e2e.get("p99", float("nan")) / 1000,
        "brokerCpu": g.get("broker.cpuPercent.steady", float("nan")),
        "brokerRss": g.get("broker.rssBytes.steady", float("nan")) / 2**20,
        "genCpu": g.get("injector.cpuPercent.steady", float("nan")),
        "slo": rc == 0 and lost == 0 and connected >= clients,
        # Each client waits for its PUBACK before its next pace slot, so a slow system publishes
        # less than offered rather than queueing: the rate counts as held at 95 % of the offer.
        "held": c[f"received.qos{q}"] / dur >= 0.95 * clients * float(p["rate"]),
        "sloP99": float(p["slo.p99.ms"]),
    }


def fmt(x, nd=0):
    return "n/a" if x != x else f"{x:,.{nd}f}"


def ratio(a, b):
    return "n/a" if not b or a != a or b != b else f"{a / b:.2f}"


def main():
    out = Path(sys.argv[1])
    runs = [load_run(d) for d in sorted(out.iterdir()) if (d / "summary.json").exists()]
    runs.sort(key=lambda r: (r["clients"], BROKERS.index(r["broker"]) if r["broker"] in BROKERS else 9, r["run"]))
    print("### Every run\n")
    print("| Broker | Clients | Run | Offered msg/s | Published msg/s | Delivered msg/s | Lost | Dups "
          "| e2e p50 ms | e2e p99 ms | Broker CPU % of a core | Broker RSS MiB | Generator CPU % of a core "
          "| SLO assertions | Rate held |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
    for r in runs:
        print(f"| {NAMES.get(r['broker'], r['broker'])} | {r['clients']:,} | {r['run']} | {fmt(r['offered'])} "
              f"| {fmt(r['published'])} | {fmt(r['delivered'])} | {r['lost']:,} | {r['dups']:,} "
              f"| {fmt(r['p50'], 1)} | {fmt(r['p99'], 1)} | {fmt(r['brokerCpu'])} | {fmt(r['brokerRss'])} "
              f"| {fmt(r['genCpu'])} | {'pass' if r['slo'] else 'FAIL'} | {'yes' if r['held'] else 'no'} |")

    print("\n### Median of the runs, and the reference broker's ratios to the peers\n")
    print("Ratios are reference ÷ peer: above 1 means the reference broker delivered more, or had the "
          "higher latency or CPU. CPU per 1,000 delivered msg/s normalises for unequal throughput.\n")
    print("| Clients | Broker | Runs | Delivered msg/s | Lost (sum) | e2e p50 ms | e2e p99 ms | Broker CPU % "
          "| CPU % per 1k msg/s | Runs passing SLO assertions | Runs holding the rate |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    med = {}
    for n in sorted({r["clients"] for r in runs}):
        for b in BROKERS:
            rs = [r for r in runs if r["clients"] == n and r["broker"] == b]
            if not rs:
                continue
            m = {k: statistics.median(r[k] for r in rs) for k in ("delivered", "p50", "p99", "brokerCpu")}
            m["cpuPerK"] = m["brokerCpu"] / (m["delivered"] / 1000) if m["delivered"] else float("nan")
            med[(n, b)] = m
            print(f"| {n:,} | {NAMES[b]} | {len(rs)} | {fmt(m['delivered'])} | {sum(r['lost'] for r in rs):,} "
                  f"| {fmt(m['p50'], 1)} | {fmt(m['p99'], 1)} | {fmt(m['brokerCpu'])} | {fmt(m['cpuPerK'], 2)} "
                  f"| {sum(r['slo'] for r in rs)}/{len(rs)} | {sum(r['held'] for r in rs)}/{len(rs)} |")
    print("\n| Clients | Peer | Delivered ratio | p50 ratio | p99 ratio | Broker CPU ratio | CPU per 1k msg/s ratio |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for n in sorted({k[0] for k in med}):
        ref = med.get((n, "reference"))
        for b in ("mosquitto", "hivemq"):
            peer = med.get((n, b))
            if ref and peer:
                print(f"| {n:,} | {NAMES[b]} | {ratio(ref['delivered'], peer['delivered'])} "
                      f"| {ratio(ref['p50'], peer['p50'])} | {ratio(ref['p99'], peer['p99'])} "
                      f"| {ratio(ref['brokerCpu'], peer['brokerCpu'])} | {ratio(ref['cpuPerK'], peer['cpuPerK'])} |")

    plain = []
    for d in sorted(out.glob("plain-mosquitto-*")):
        text = (d / "plain.log").read_text() if (d / "plain.log").exists() else ""
        m = re.search(r"steady cpu ([\d.]+) % of a core, ([\d.]+) % per client; e2e p50 ([\d.]+) ms, p99 ([\d.]+) ms", text)
        s = re.search(r"sent (\d+), acknowledged (\d+), received (\d+)", text)
        if m:
            n = int(d.name.split("-")[2])
            plain.append((n, d.name.rsplit("-r", 1)[1], float(m.group(1)), float(m.group(2)),
                          float(m.group(3)), float(m.group(4)), s.groups() if s else ("?",) * 3))
    if plain:
        print("\n### Generator CPU: plain HiveMQ-client loop vs the Gatling generator (both on Mosquitto)\n")
        print("Per 1k msg/s = CPU % of a core per 1,000 messages/s published (each one also received once).\n")
        print("| Clients | Run | Plain loop CPU % | per client | Plain msg/s sent | per 1k msg/s | Plain p50/p99 ms "
              "| Gatling CPU % | per client | Gatling msg/s published | per 1k msg/s |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n, run, cpu, per, p50, p99, counts in plain:
            g = [r for r in runs if r["broker"] == "mosquitto" and r["clients"] == n and r["run"] == run]
            dur = g[0]["duration"] if g else float("nan")
            sent = float(counts[0]) / dur if counts[0] != "?" else float("nan")
            gc = g[0]["genCpu"] if g else float("nan")
            gp = g[0]["published"] if g else float("nan")
            print(f"| {n:,} | {run} | {cpu:.1f} | {per:.4f} | {fmt(sent)} | {fmt(cpu / sent * 1000, 2)} "
                  f"| {p50:.1f} / {p99:.1f} | {fmt(gc, 1)} | {fmt(gc / n, 4)} | {fmt(gp)} | {fmt(gc / gp * 1000, 2)} |")

if __name__ == "__main__":
    main()
