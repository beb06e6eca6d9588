"""FAISS IndexFlatIP peer for the retrieval kernel benchmark.

Run with Debian's system python (python3-faiss): /usr/bin/python3 bench/faiss_peer.py <vectors-dir> nq nc dim k threads
Reads the float32 vectors the Java benchmark wrote, searches exact top-k by inner product, prints JSON.
"""
import json
import sys
import time

import faiss
import numpy as np


def main():
    vectors, nq, nc, dim, k, threads = sys.argv[1], *map(int, sys.argv[2:7])
    queries = np.fromfile(f"{vectors}/queries.f32", dtype="<f4").reshape(nq, dim)
    candidates = np.fromfile(f"{vectors}/candidates.f32", dtype="<f4").reshape(nc, dim)
    faiss.omp_set_num_threads(threads)
    index = faiss.IndexFlatIP(dim)
    index.add(candidates)
    index.search(queries[:64], k)  # warm-up
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        index.search(queries, k)
        best = min(best, time.perf_counter() - start)
    work = nq * nc * dim
    print(json.dumps({
        "faiss_version": faiss.__version__,
        "faiss_flatip_topk": {"seconds": best, "qcd_per_second": work / best, "gflops": 2 * work / best / 1e9},
    }))


if __name__ == "__main__":
    main()
