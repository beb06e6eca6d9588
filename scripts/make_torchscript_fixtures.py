#!/usr/bin/python3
"""Builds the tiny TorchScript fixtures that check the Java TorchScript adapter against PyTorch's own numbers.

Run with Debian's system interpreter and python3-torch (PyTorch 1.13), not the pyenv python3 first on PATH:

    apt-get install -y --no-install-recommends python3-torch
    /usr/bin/python3 scripts/make_torchscript_fixtures.py udfs/src/test/resources/torchscript

It writes, into <outdir>:
  tokenizer.json        a hand-built HF WordLevel tokenizer (Whitespace pre-tokenizer) over the fixture words
  img0.png .. img2.png  16x16 RGB images (stdlib PNG writer, so no PIL is needed)
  embedder.pt           traced module following the export contract, output hidden states [B,T,D]
  judge.pt              traced module following the export contract, output logits [B,T,V]
  embedder.json         adapter manifest for embedder.pt (what a user writes next to an exported model)
  judge.json            adapter manifest for judge.pt
  expected.json         cases: the token ids and masks the Java side must build, and the pooled, L2-normalised
                        embeddings / P(Yes) values PyTorch computes for them

The export contract is documented in docs/torchscript-export.md. Everything is seeded, so reruns give the same
numbers (the .pt files differ only in zip metadata).
"""

import json
import math
import os
import re
import struct
import sys
import zlib

import torch
import torch.nn as nn

IMAGE_SIZE = 16
PATCH = 8
TOKENS_PER_IMAGE = (IMAGE_SIZE // PATCH) ** 2
MEAN = [0.48145466, 0.4578275, 0.40821073]
STD = [0.26862954, 0.26130258, 0.27577711]

SPECIAL = ["[PAD]", "[UNK]", "<image>", "<img>", "</img>", "<s>", "</s>"]
PAD, UNK, IMAGE = "[PAD]", "[UNK]", "<image>"
JUDGE_INSTRUCTION = (
    "I will provide you with a query and a candidate. Please evaluate whether the candidate meets the requirements"
    " of the query. If it does, respond with 'Yes'; if it doesn't, respond with 'No'."
)
CHAT_PREFIX = "<s> user "
CHAT_SUFFIX = " </s> assistant"
EMBED_TEMPLATE_SUFFIX = " </s>"
WORDS = (
    "Yes No user assistant a red green blue square circle waving hand dark light medium skin tone man woman "
    "bell bell-off icon emoji Find the name that describes given image"
)

WHITESPACE = re.compile(r"\w+|[^\w\s]+")


# ---------------------------------------------------------------------------------------------------------- tokenizer
def pre_tokenize(text):
    return WHITESPACE.findall(text)


def build_vocab():
    words = []
    for text in [JUDGE_INSTRUCTION, WORDS, "Query:, Candidates:."]:
        for w in pre_tokenize(text):
            if w not in words:
                words.append(w)
    vocab = {tok: i for i, tok in enumerate(SPECIAL)}
    for w in words:
        vocab.setdefault(w, len(vocab))
    return vocab


def tokenizer_json(vocab):
    added = [
        {"id": vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False, "normalized": False,
         "special": True}
        for t in SPECIAL
    ]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": None,
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": None,
        "decoder": None,
        "model": {"type": "WordLevel", "vocab": vocab, "unk_token": UNK},
    }


def encode(vocab, text):
    """What HF tokenizers do for this tokenizer.json: split out added tokens, pre-tokenize the rest, look up."""
    ids = []
    pattern = re.compile("(" + "|".join(re.escape(t) for t in sorted(SPECIAL, key=len, reverse=True)) + ")")
    for piece in pattern.split(text):
        if piece in vocab and piece in SPECIAL:
            ids.append(vocab[piece])
        else:
            ids.extend(vocab.get(w, vocab[UNK]) for w in pre_tokenize(piece))
    return ids


# ------------------------------------------------------------------------------------------------------------- images
def png_bytes(pixels):
    """pixels: list of rows, each a list of (r, g, b) ints. Writes an 8-bit RGB PNG with filter 0."""
    height, width = len(pixels), len(pixels[0])
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in pixels)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def make_images():
    gen = torch.Generator().manual_seed(7)
    images = []
    for k in range(3):
        base = torch.randint(0, 256, (3,), generator=gen)
        noise = torch.randint(-40, 41, (IMAGE_SIZE, IMAGE_SIZE, 3), generator=gen)
        arr = (base.view(1, 1, 3) + noise).clamp(0, 255).to(torch.uint8)
        if k == 1:  # a diagonal stripe, like an "-off" slash
            for i in range(IMAGE_SIZE):
                arr[i, IMAGE_SIZE - 1 - i] = torch.tensor([10, 10, 10], dtype=torch.uint8)
        images.append(arr)
    return images


def pixel_tensor(arr):
    x = arr.permute(2, 0, 1).to(torch.float32) / 255.0
    mean = torch.tensor(MEAN).view(3, 1, 1)
    std = torch.tensor(STD).view(3, 1, 1)
    return (x - mean) / std


# ------------------------------------------------------------------------------------------------------------- models
class TinyBackbone(nn.Module):
    """A one-file VLM: token embeddings with image features scattered into the <image> placeholders, positions from
    the attention mask (so left and right padding agree), pre-LN causal transformer layers, final LayerNorm."""

    def __init__(self, vocab_size, image_token_id, dim=16, heads=2, layers=2, max_positions=128):
        super().__init__()
        self.image_token_id = image_token_id
        self.dim, self.heads = dim, heads
        self.tok = nn.Embedding(vocab_size, dim)
        self.pos = nn.Embedding(max_positions, dim)
        self.patch = nn.Conv2d(3, dim, kernel_size=PATCH, stride=PATCH)
        self.vision_proj = nn.Linear(dim, dim)
        self.ln1 = nn.ModuleList([nn.LayerNorm(dim) for _ in range(layers)])
        self.qkv = nn.ModuleList([nn.Linear(dim, 3 * dim) for _ in range(layers)])
        self.out = nn.ModuleList([nn.Linear(dim, dim) for _ in range(layers)])
        self.ln2 = nn.ModuleList([nn.LayerNorm(dim) for _ in range(layers)])
        self.ff1 = nn.ModuleList([nn.Linear(dim, 4 * dim) for _ in range(layers)])
        self.ff2 = nn.ModuleList([nn.Linear(4 * dim, dim) for _ in range(layers)])
        self.final = nn.LayerNorm(dim)

    def forward(self, input_ids, attention_mask, pixel_values):
        batch, length = input_ids.shape
        x = self.tok(input_ids)
        feats = self.patch(pixel_values).flatten(2).transpose(1, 2)  # [M, P, D]
        feats = self.vision_proj(feats).reshape(-1, self.dim)
        is_image = (input_ids == self.image_token_id).unsqueeze(-1).expand_as(x)
        x = x.masked_scatter(is_image, feats)
        positions = (attention_mask.cumsum(-1) - 1).clamp(min=0)
        x = x + self.pos(positions)
        causal = torch.ones(length, length, dtype=torch.bool, device=x.device).tril()
        allowed = causal.unsqueeze(0) & attention_mask.bool().unsqueeze(1)  # [B, T(query), T(key)]
        bias = (~allowed).to(x.dtype).unsqueeze(1) * -1e9
        head_dim = self.dim // self.heads
        for i in range(len(self.qkv)):
            h = self.ln1[i](x)
            q, k, v = self.qkv[i](h).chunk(3, dim=-1)
            q = q.reshape(batch, length, self.heads, head_dim).transpose(1, 2)
            k = k.reshape(batch, length, self.heads, head_dim).transpose(1, 2)
            v = v.reshape(batch, length, self.heads, head_dim).transpose(1, 2)
            scores = q @ k.transpose(-1, -2) / math.sqrt(head_dim) + bias
            attn = scores.softmax(-1) @ v
            x = x + self.out[i](attn.transpose(1, 2).reshape(batch, length, self.dim))
            x = x + self.ff2[i](torch.nn.functional.gelu(self.ff1[i](self.ln2[i](x))))
        return self.final(x)


class TinyJudge(nn.Module):
    def __init__(self, vocab_size, image_token_id):
        super().__init__()
        self.backbone = TinyBackbone(vocab_size, image_token_id)
        self.lm_head = nn.Linear(self.backbone.dim, vocab_size)

    def forward(self, input_ids, attention_mask, pixel_values):
        return self.lm_head(self.backbone(input_ids, attention_mask, pixel_values))


# ----------------------------------------------------------------------------------------------------- batch building
def item_ids(vocab, text, has_image, template_suffix):
    ids = []
    if has_image:
        ids += [vocab["<img>"]] + [vocab[IMAGE]] * TOKENS_PER_IMAGE + [vocab["</img>"]]
    if text is not None:
        ids += encode(vocab, text)
    return ids + encode(vocab, template_suffix)


def judge_ids(vocab, query, candidate):
    """Mirrors JudgePrompt: instruction + 'Query:' + image + text + ', Candidates:' + image + text + '.'"""
    ids = encode(vocab, CHAT_PREFIX) + encode(vocab, JUDGE_INSTRUCTION + " Query:")
    for side, trailer in ((query, ", Candidates:"), (candidate, ".")):
        if side.get("image") is not None:
            ids += [vocab["<img>"]] + [vocab[IMAGE]] * TOKENS_PER_IMAGE + [vocab["</img>"]]
        if side.get("text") is not None:
            ids += encode(vocab, side["text"])
        ids += encode(vocab, trailer)
    return ids + encode(vocab, CHAT_SUFFIX)


def pad(rows, pad_id, side):
    length = max(len(r) for r in rows)
    ids, mask = [], []
    for r in rows:
        fill = length - len(r)
        if side == "left":
            ids.append([pad_id] * fill + r)
            mask.append([0] * fill + [1] * len(r))
        else:
            ids.append(r + [pad_id] * fill)
            mask.append([1] * len(r) + [0] * fill)
    return torch.tensor(ids, dtype=torch.int64), torch.tensor(mask, dtype=torch.int64)


def pixels_for(names, arrays):
    if not names:
        return torch.zeros(0, 3, IMAGE_SIZE, IMAGE_SIZE)
    return torch.stack([pixel_tensor(arrays[n]) for n in names])


def last_index(mask):
    positions = torch.arange(mask.shape[1]).unsqueeze(0).expand_as(mask)
    return (positions * mask).argmax(dim=1)


# -------------------------------------------------------------------------------------------------------------- cases
EMBED_CASES = [
    ("text-only-right", "right", [{"text": "red square"}, {"text": "waving hand : dark skin tone"}]),
    ("mixed-left", "left", [{"text": "Find the name that describes given image", "image": "img0.png"},
                            {"text": "bell-off icon"}, {"image": "img1.png"}]),
    ("mixed-right", "right", [{"text": "Find the name that describes given image", "image": "img0.png"},
                              {"text": "bell-off icon"}, {"image": "img1.png"}]),
    ("single", "left", [{"text": "blue circle", "image": "img2.png"}]),
]
JUDGE_CASES = [
    ("i2t-left", "left", {"image": "img0.png", "text": "Find the name that describes given image"},
     [{"text": "red square"}, {"text": "green circle"}, {"text": "waving hand : medium skin tone"}]),
    ("i2t-right", "right", {"image": "img0.png", "text": "Find the name that describes given image"},
     [{"text": "red square"}, {"text": "green circle"}, {"text": "waving hand : medium skin tone"}]),
    ("t2i-left", "left", {"text": "bell-off icon"}, [{"image": "img1.png"}, {"image": "img2.png"}]),
    ("t2i-right-mixed", "right", {"text": "bell-off icon"}, [{"image": "img1.png", "text": "bell"},
                                                             {"text": "man"}]),
]


def embed_case(model, vocab, arrays, name, side, items):
    rows = [item_ids(vocab, it.get("text"), it.get("image") is not None, EMBED_TEMPLATE_SUFFIX) for it in items]
    ids, mask = pad(rows, vocab[PAD], side)
    pixels = pixels_for([it["image"] for it in items if it.get("image") is not None], arrays)
    with torch.no_grad():
        hidden = model(ids, mask, pixels)
    pooled = hidden[torch.arange(ids.shape[0]), last_index(mask)]
    pooled = pooled / pooled.norm(dim=-1, keepdim=True)
    return {"name": name, "padding": side, "items": items, "input_ids": ids.tolist(),
            "attention_mask": mask.tolist(), "hidden_shape": list(hidden.shape),
            "embeddings": [[float(v) for v in row] for row in pooled]}


def judge_case(model, vocab, arrays, name, side, query, candidates):
    rows = [judge_ids(vocab, query, c) for c in candidates]
    ids, mask = pad(rows, vocab[PAD], side)
    names = []
    for c in candidates:
        names += [s["image"] for s in (query, c) if s.get("image") is not None]
    pixels = pixels_for(names, arrays)
    with torch.no_grad():
        logits = model(ids, mask, pixels)
    last = logits[torch.arange(ids.shape[0]), last_index(mask)]
    yes_no = torch.stack([last[:, vocab["Yes"]], last[:, vocab["No"]]], dim=-1)
    p_yes = yes_no.softmax(-1)[:, 0]
    return {"name": name, "padding": side, "query": query, "candidates": candidates, "input_ids": ids.tolist(),
            "attention_mask": mask.tolist(), "logits_shape": list(logits.shape),
            "yes_no_logits": [[float(v) for v in row] for row in yes_no], "p_yes": [float(p) for p in p_yes]}


def trace(model, vocab, arrays):
    """Traces on one example, then checks the trace against eager mode on other batch sizes, lengths and image counts
    (including none), so a shape baked into the trace would fail here rather than in Java."""
    model.eval()
    ids, mask = pad([item_ids(vocab, "red square", True, ""), item_ids(vocab, "blue", False, "")], vocab[PAD], "left")
    traced = torch.jit.trace(model, (ids, mask, pixels_for(["img0.png"], arrays)))
    for rows, imgs in (([item_ids(vocab, "a b c d e f", True, ""), item_ids(vocab, "x", True, ""),
                         item_ids(vocab, "man", False, "")], ["img1.png", "img2.png"]),
                       ([item_ids(vocab, "bell", False, "")], [])):
        ids, mask = pad(rows, vocab[PAD], "right")
        pixels = pixels_for(imgs, arrays)
        with torch.no_grad():
            diff = (traced(ids, mask, pixels) - model(ids, mask, pixels)).abs().max().item()
        if diff > 1e-6:
            raise SystemExit(f"trace does not generalise to shape {tuple(ids.shape)}: max diff {diff}")
    return traced


def manifest(role, module, extra):
    spec = {
        "contract": "unime-torchscript-v1",
        "role": role,
        "module": module,
        "tokenizer": "tokenizer.json",
        "padding-side": "left",
        "pad-token": PAD,
        "max-length": 128,
        "image": {"size": IMAGE_SIZE, "mean": MEAN, "std": STD, "token": IMAGE, "tokens-per-image": TOKENS_PER_IMAGE,
                  "prefix": "<img>", "suffix": "</img>"},
    }
    spec.update(extra)
    return spec


def main(outdir):
    os.makedirs(outdir, exist_ok=True)
    torch.manual_seed(1234)
    vocab = build_vocab()
    with open(os.path.join(outdir, "tokenizer.json"), "w") as f:
        json.dump(tokenizer_json(vocab), f, indent=1)
    arrays = {}
    for k, arr in enumerate(make_images()):
        name = f"img{k}.png"
        arrays[name] = arr
        with open(os.path.join(outdir, name), "wb") as f:
            f.write(png_bytes(arr.tolist()))

    torch.manual_seed(11)
    embedder = TinyBackbone(len(vocab), vocab[IMAGE])
    torch.manual_seed(22)
    judge = TinyJudge(len(vocab), vocab[IMAGE])
    trace(embedder, vocab, arrays).save(os.path.join(outdir, "embedder.pt"))
    trace(judge, vocab, arrays).save(os.path.join(outdir, "judge.pt"))

    with open(os.path.join(outdir, "embedder.json"), "w") as f:
        json.dump(manifest("embedder", "embedder.pt", {"template": "{image}{text}" + EMBED_TEMPLATE_SUFFIX}), f,
                  indent=1)
    with open(os.path.join(outdir, "judge.json"), "w") as f:
        json.dump(manifest("judge", "judge.pt", {"chat-prefix": CHAT_PREFIX, "chat-suffix": CHAT_SUFFIX,
                                                  "yes-token": "Yes", "no-token": "No"}), f, indent=1)

    expected = {
        "torch_version": torch.__version__,
        "yes_id": encode(vocab, "Yes")[0],
        "no_id": encode(vocab, "No")[0],
        "embedder": [embed_case(embedder, vocab, arrays, *c) for c in EMBED_CASES],
        "judge": [judge_case(judge, vocab, arrays, *c) for c in JUDGE_CASES],
    }
    with open(os.path.join(outdir, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print(f"wrote fixtures to {outdir} (torch {torch.__version__}, vocab {len(vocab)})")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: /usr/bin/python3 scripts/make_torchscript_fixtures.py <outdir>")
    main(sys.argv[1])
