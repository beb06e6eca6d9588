"""Renders benchmark JSON from bench/results into its section of docs/benchmarks.md.

Usage: python3 bench/report.py <section>   (sections: retrieval, judge, refresh)
Each section sits between <!-- NAME:start --> and <!-- NAME:end --> markers, so sections are refreshed independently.
"""
import datetime
import glob
import json
import os
import platform
import re
import subprocess
import sys

DOC = "docs/benchmarks.md"
HEADER = "# Benchmarks\n\nEvery number below is written by the command named in its section; rerun it to refresh.\n"


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return f"{cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM, {platform.system()} {platform.release()}, {java}"


def load(name):
    with open(f"bench/results/{name}.json") as f:
        return json.load(f)


def retrieval():
    kernel, faiss, stage = load("retrieval-kernel"), load("retrieval-faiss"), load("retrieval-stage")
    n = f"{kernel['nq']} queries x {kernel['nc']} candidates x dim {kernel['dim']}, top-{kernel['k']}, {kernel['threads']} threads"
    rows = [
        ("libtorch sgemm via DJL + bounded heaps (`djl`, default)", kernel["djl_topk"]),
        ("pure-Java tiled kernel + bounded heaps (`java`, reference)", kernel["java_topk"]),
        (f"FAISS {faiss['faiss_version']} `IndexFlatIP.search` (Debian python3-faiss)", faiss["faiss_flatip_topk"]),
    ]
    out = [
        "## Retrieval (issue 4)",
        "",
        f"Command: `scripts/bench-retrieval.sh` (defaults `THREADS=2 NQ=4096 NC=32768 DIM=128 K=50`). Same seeded unit vectors"
        " for every row; exact top-k by inner product; best of 3 runs after a warm-up (the Java kernel: 1 run).",
        "",
        f"### Kernel: {n}",
        "",
        "| kernel | seconds | queries·candidates·dim / s | GFLOP/s |",
        "|---|---:|---:|---:|",
    ]
    for name, r in rows:
        out.append(f"| {name} | {r['seconds']:.3f} | {r['qcd_per_second']:.3e} | {r['gflops']:.1f} |")
    ratio = kernel["djl_topk"]["qcd_per_second"] / faiss["faiss_flatip_topk"]["qcd_per_second"]
    out += [
        "",
        f"Machine matrix-multiply peak (libtorch sgemm, same threads): {kernel['sgemm_square_2048_gflops']:.1f} GFLOP/s on"
        f" 2048³, {kernel['sgemm_retrieval_shape_gflops']:.1f} GFLOP/s on the retrieval shape (1024 x {kernel['dim']} x 8192)."
        f" The `djl` kernel reaches **{ratio:.2f}x FAISS's throughput**.",
        "",
        f"### Whole stage, Delta → Delta on local[{stage['threads']}] (dim {stage['dim']}, top-{stage['k']}, djl kernel)",
        "",
        "| queries | candidates | stage s | kernel s | Spark overhead share | rows written |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for s in stage["sizes"]:
        out.append(f"| {s['nq']} | {s['nc']} | {s['stage_seconds']:.1f} | {s['kernel_seconds']:.2f} |"
                   f" {s['spark_overhead_share']:.0%} | {s['rows_written']} |")
    out += [
        "",
        f"Peak memory of the local-mode JVM (driver = executor) over both sizes: RSS {stage['peak_rss_mib']} MiB,"
        f" heap {stage['peak_heap_mib']} MiB (-Xmx6g).",
    ]
    return "\n".join(out)


def judge():
    t = load("judge-throughput")
    a = t["architecture"]
    return "\n".join([
        "## Judge throughput (issue 4)",
        "",
        f"Command: `scripts/bench-judge.sh throughput - {t['queries']} {t['candidates_per_query']} {t['batch_size']}`"
        " (`-`: the default architecture with seeded random weights). Real emoji queries (image-to-text and"
        f" text-to-image alternating), {t['queries']} queries x {t['candidates_per_query']} candidates, batch"
        f" {t['batch_size']}; model `{t['model']}` (dim {a['dim']}, {a['layers']} layers, {a['heads']} heads);"
        f" an image query's prefix is {t['image_query_prefix_positions']} positions. CPU libtorch, {t['cpu_cores']} cores.",
        "",
        "| mode | judged pairs / s |",
        "|---|---:|",
        f"| with query-prefix reuse (KV cache: the query side encoded once per query) | {t['pairs_per_second_with_prefix_reuse']:.1f} |",
        f"| without (the whole sequence per candidate) | {t['pairs_per_second_without_prefix_reuse']:.1f} |",
        f"| speedup | **{t['speedup']:.2f}x** |",
        *few_rows(t),
        "",
        "Load average before/after: " + t.get("load", "not recorded") + ".",
    ] + judge_with_embedder())


def few_rows(t):
    """The refresh-shaped rows (a few candidates per query), in JSONs that have them."""
    if "few_pairs_per_second_packed" not in t:
        return []
    n = t["few_candidates_per_query"]
    return [
        f"| {n} candidates per query (a refresh's shape), one query per model call | {t['few_pairs_per_second_one_query_per_call']:.1f} |",
        f"| {n} candidates per query, queries packed into shared passes (`JudgeModel.scoreQueries`) | {t['few_pairs_per_second_packed']:.1f} |",
    ]


def judge_with_embedder():
    """The same bench on a trained judge with embedder features, when its JSON exists."""
    if not os.path.exists("bench/results/judge-throughput-with-embedder.json"):
        return []
    e = load("judge-throughput-with-embedder")
    few = ""
    if "few_pairs_per_second_packed" in e:
        few = (f" With {e['few_candidates_per_query']} candidates per query: {e['few_pairs_per_second_one_query_per_call']:.1f}"
               f" pairs/s one query per call, {e['few_pairs_per_second_packed']:.1f} packed.")
    return [
        "",
        f"The same bench on a trained judge with the frozen embedder's item vectors (`{e['model']}`, batch"
        f" {e['batch_size']}): {e['pairs_per_second_with_prefix_reuse']:.1f} pairs/s with reuse,"
        f" {e['pairs_per_second_without_prefix_reuse']:.1f} without ({e['speedup']:.2f}x).{few} Load"
        f" {e.get('load', 'not recorded')}. Every candidate also goes through the embedder per call, which the prefix"
        " cache does not touch.",
        "Command: `scripts/bench-judge.sh throughput target/bench-refresh/models/judge 24 50 64` after"
        " `scripts/bench-refresh.sh` (its trained judge), then rename its JSON to `judge-throughput-with-embedder.json`.",
    ]


def size_rows():
    """Every size the bench has been run at (bench/results/refresh-<args>.json), smallest first."""
    runs = []
    for path in glob.glob("bench/results/refresh-*.json"):
        x = json.load(open(path))
        full = sum(s["seconds"] for s in x["full"])
        refresh = sum(s["seconds"] for s in x["refresh"])
        runs.append((x["mined_queries"], x, full, refresh))
    if len(runs) < 2:
        return []
    rows = ["The same measurement at each size it was run at (one JSON per size in `bench/results/refresh-*.json`):",
            "", "| command args | mined queries | judgments | full mine-all (s) | refresh (s) | refresh / full | load before / after |",
            "|---|---:|---:|---:|---:|---:|---|"]
    runs.sort(key=lambda t: t[0])
    for mined, x, full, refresh in runs:
        rows.append("| `{}` | {} | {} | {:.1f} | {:.1f} | {:.1%} | {} / {} |".format(
            x.get("command_args", "?"), mined, x["judgments"], full, refresh, refresh / full,
            x.get("load_before", "?"), x.get("load_after", "?")))
    refreshes = [t[3] for t in runs]
    rows += ["", "The full run grows with the mined queries ({:.0f} s to {:.0f} s); the refresh after 1 % new rows took "
             "{:.0f}-{:.0f} s at every size (runs of the same refresh differ by about 10 %), because most of it is "
             "Spark and Delta work that does not grow with the tables. So its share falls as the data grows{}.".format(
                 runs[0][2], runs[-1][2], min(refreshes), max(refreshes),
                 "; it is above the 5 % target only at the smaller sizes"
                 if any(t[3] / t[2] > 0.05 for t in runs) and runs[-1][3] / runs[-1][2] <= 0.05 else "")]
    return rows + [""]


def profile_rows(r):
    """Where the refresh's Spark job time went (adaptive-execution shuffle jobs charged to their query's call site)."""
    if not r.get("refresh_profile"):
        return []
    rows = ["Spark job time of the refresh by step and call site, the most expensive first (job time overlaps on the "
            "two cores, so it does not add up to the wall time):", "",
            "| step | call site | jobs | seconds |", "|---|---|---:|---:|"]
    for p in r["refresh_profile"][:8]:
        rows.append("| {} | `{}` | {} | {:.1f} |".format(p["step"], p["call_site"], p["jobs"], p["ms"] / 1000))
    return rows + [""]


def refresh():
    """scripts/bench-refresh.sh: a refresh after adding a small share of rows vs a full mine-all, per stage."""
    r = json.load(open("bench/results/refresh.json"))
    load_before, load_after = r.get("load_before", "not recorded"), r.get("load_after", "not recorded")
    args = r.get("command_args", "")

    def by_stage(run):
        return {s["stage"]: s for s in r[run]}
    def total(run):
        return sum(s["seconds"] for s in r[run])
    full, refresh, removal = by_stage("full"), by_stage("refresh"), by_stage("removal")
    full_total, refresh_total = total("full"), total("refresh")
    rows = []
    for name in ["plan", "embed", "retrieve", "judge", "mine", "commit", "audit"]:
        f, x, d = full.get(name), refresh.get(name), removal.get(name)
        rows.append("| {} | {} | {} | {} | {} | {} |".format(
            name,
            "{:.1f}".format(f["seconds"]) if f else "—",
            "{:.1f}".format(x["seconds"]) if x else "—",
            "{:.1%}".format(x["seconds"] / f["seconds"]) if f and x and f["seconds"] > 0 else "—",
            "{} / {}".format(x["rows_in"], x["rows_out"]) if x else "—",
            "{:.1f}".format(d["seconds"]) if d else "—"))
    rows.append("| **total** | **{:.1f}** | **{:.1f}** | **{:.1%}** | | {:.1f} |".format(
        full_total, refresh_total, refresh_total / full_total, total("removal")))
    judged = refresh["judge"]["rows_in"]
    fixed = total("noop")
    jobs = r["spark_jobs"]
    section = "\n".join([
        "## Incremental refresh (issue 8)",
        "",
        "Command: `scripts/bench-refresh.sh {}` (new-row fraction, emoji concepts, concepts per icon set, Fashion-MNIST "
        "training images). Real subset: {} candidates, {} queries ({} mined: every training query); top-{}, delta 0.95, "
        "kernel {}, default judge batch; built-in models trained briefly (not timed). The full run is `mine-all` from "
        "scratch over all the data. Its tables are then copied, the {:.0%} share ({} candidates, {} queries: those hashing "
        "below the fraction and those whose positive is among the candidates) is deleted from the copy's source tables "
        "and a refresh removes it (last column). This is the state a `mine-all` without those rows leaves "
        "(`RefreshIT`). The rows are then merged back into the source tables the way ingest does, and `refresh` runs. "
        "Everything runs in one JVM on local[2], models loaded once.".format(
            args, r["candidates"], r["queries"], r["mined_queries"], r["top_k"], r["kernel"].lower(),
            r["fraction"], r["held_candidates"], r["held_queries"])
        + (" **The full run's stages were reused from an earlier run (`REFRESH_BENCH_REUSE`).**"
           if r.get("full_reused") else ""),
        "",
        "| stage | full mine-all (s) | refresh, {:.0%} new rows (s) | refresh / full | refresh rows in / written | refresh, {:.0%} rows removed (s) |".format(r["fraction"], r["fraction"]),
        "|---|---:|---:|---:|---:|---:|",
        *rows,
        "",
        "**A refresh after adding {:.0%} new rows took {:.1%} of a full run** ({:.1f} s vs {:.1f} s). It judged {} pairs, "
        "{:.1%} of the {} judgments of the full run. A second refresh with nothing new took {:.1f} s (change detection "
        "only) and wrote no Delta version. Spark jobs (with adaptive execution each shuffle stage counts as one): {} for "
        "the full run, {} for the refresh, {} for the no-op refresh. Rows in/out per refresh stage: plan = mined queries; "
        "embed = new or changed items / vectors; retrieve = queries retrieved from scratch / retrieval rows merged (upserts "
        "+ deletes); judge = pairs scored / rows merged; mine = affected queries / hard-negative rows merged; commit = "
        "vectors / embedding rows merged.".format(r["fraction"], refresh_total / full_total, refresh_total, full_total,
                                                  judged, judged / r["judgments"], r["judgments"], fixed,
                                                  jobs["full"], jobs["refresh"], jobs["noop"]),
        "",
        "**Against the issue's target of at most 5 %: {}.** The judge dominates both runs, and the refresh's judge "
        "step alone took {:.1%} of the full run's judge stage while scoring {:.1%} of its pairs. New queries bring "
        "their whole list (51 pairs each, judged like the full run's), but the new candidates enter the lists of "
        "{} existing queries one or two pairs at a time, and each such query's prefix (its item vector through the "
        "embedder, then the prefill) is encoded again for those few pairs; the judge stage hands the model many "
        "queries per call and the built-in judge packs such small groups into shared forward passes "
        "(`JudgeModel.scoreQueries`, judge throughput section), which roughly doubled their pairs/s but cannot "
        "remove the per-query work. The rest of the judge step finds the stale judgments and MERGEs. Steps that do "
        "not shrink with the change (change detection, the audit table, the embeddings commit) took {:.1f} s, {:.1%} "
        "of the full run; retrieve ({:.1f} s) scores every mined query against the new candidates and merges into "
        "the stored lists. Each step reads a stored table once and keeps the affected queries' rows in memory for "
        "the later steps; joins against change-sized sets are broadcast.".format(
            "met" if refresh_total / full_total <= 0.05 else "not met at this size",
            refresh["judge"]["seconds"] / full["judge"]["seconds"], judged / full["judge"]["rows_in"],
            refresh["mine"]["rows_in"] - refresh["retrieve"]["rows_in"],
            sum(refresh[n]["seconds"] for n in ["plan", "audit", "commit"] if n in refresh),
            sum(refresh[n]["seconds"] for n in ["plan", "audit", "commit"] if n in refresh) / full_total,
            refresh["retrieve"]["seconds"]),
        "",
        *profile_rows(r),
        *size_rows(),
        "Load average {} before, {} after (other builds may have been running on the same cores); raw numbers in "
        "`bench/results/refresh.json`.".format(load_before, load_after),
    ])
    return section


SECTIONS = {"retrieval": retrieval, "judge": judge, "refresh": refresh}


def main():
    name = sys.argv[1]
    body = SECTIONS[name]()
    stamp = f"\n\n_Measured {datetime.date.today().isoformat()} on: {machine()}._\n"
    block = f"<!-- {name}:start -->\n{body}{stamp}<!-- {name}:end -->"
    text = open(DOC).read() if os.path.exists(DOC) else HEADER
    pattern = re.compile(rf"<!-- {name}:start -->.*?<!-- {name}:end -->", re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip() + "\n\n" + block + "\n"
    os.makedirs("docs", exist_ok=True)
    open(DOC, "w").write(text)


if __name__ == "__main__":
    main()
