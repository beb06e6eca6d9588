"""Training throughput of the built-in embedder's architecture in PyTorch (the reference for the DJL loop).

Run with Debian's interpreter and its python3-torch: /usr/bin/python3 bench/pytorch_training.py [batch steps warmup
threads c1 c2 c3]. The workload mirrors udfs/src/test/java/org/unime/udfs/embed/TrainingThroughputBenchmark.java:
synthetic uint8 images (converted to [-1, 1] floats every step, as the Java side does), one shared instruction
feature, distinct random unit text features; CNN image tower + heads, L2-normalised, in-batch InfoNCE (tau 0.05),
backward, global-norm clipping (1.0), AdamW (wd 0.01, only rank >= 2 parameters decayed). Prints one JSON object.
"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def build(c1, c2, c3, size=32, dim=128, image_hidden=256, text_hidden=256, text_dim=384):
    image = nn.Sequential(
        nn.Conv2d(3, c1, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(c1, c2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(c2, c3, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(c3 * (size // 8) ** 2, image_hidden), nn.ReLU(), nn.Linear(image_hidden, dim))
    text = nn.Sequential(nn.Linear(text_dim, text_hidden), nn.ReLU(), nn.Linear(text_hidden, dim))
    context = nn.Linear(text_dim, dim)
    return nn.ModuleDict({"image": image, "text": text, "context": context})


def main():
    args = [int(a) for a in sys.argv[1:]]
    batch, steps, warmup, threads = (args + [256, 30, 5, 2][len(args):])[:4]
    c1, c2, c3 = args[4:7] if len(args) >= 7 else (16, 32, 64)
    torch.set_num_threads(threads)
    torch.manual_seed(42)
    size, pairs = 32, batch * 16
    model = build(c1, c2, c3, size)
    generator = torch.Generator().manual_seed(7)
    images = torch.randint(0, 256, (pairs, 3, size, size), dtype=torch.uint8, generator=generator)
    texts = F.normalize(torch.randn(pairs, 384, generator=generator), dim=1)
    instruction = F.normalize(torch.randn(1, 384, generator=generator), dim=1)
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                                  lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    total = warmup + steps
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: max(0.0, (total - s) / total))
    order = torch.randperm(pairs, generator=generator)
    start, loss = None, None
    for step in range(total):
        if step == warmup:
            start = time.perf_counter()
        index = order[(step * batch) % pairs:(step * batch) % pairs + batch]
        x = images[index].float() / 127.5 - 1.0
        q = F.normalize(model["image"](x) + model["context"](instruction), dim=1)
        k = F.normalize(model["text"](texts[index]), dim=1)
        logits = q @ k.t() / 0.05
        loss = F.cross_entropy(logits, torch.arange(batch))
        optimizer.zero_grad(set_to_none=False)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
    seconds = time.perf_counter() - start
    print(json.dumps({
        "framework": "pytorch", "torch": torch.__version__, "threads": torch.get_num_threads(), "batch_size": batch,
        "steps": steps, "seconds": round(seconds, 3), "samples_per_second": round(batch * steps / seconds, 1),
        "final_loss": round(loss.item(), 4), "architecture": {"channels": [c1, c2, c3], "image_size": size,
                                                               "dimension": 128, "image_hidden": 256,
                                                               "text_hidden": 256}}))


if __name__ == "__main__":
    main()
