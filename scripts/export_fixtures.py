#!/usr/bin/env python3
"""Export real models into small ONNX test fixtures for model-budget.

How to run (from the repository root; needs PyTorch, torchvision and onnx, no network):

    /usr/bin/python3 scripts/export_fixtures.py            # all models
    /usr/bin/python3 scripts/export_fixtures.py --only resnet18 gpt2_tiny
    /usr/bin/python3 scripts/export_fixtures.py --only llama_tiny   # the Llama-style decoder with a KV cache

It was written against Debian's python3-torch 1.13, python3-torchvision 0.14 and
python3-onnx 1.12 (use /usr/bin/python3: the pyenv `python3` has no torch). Weights are
randomly initialised (weights=None), which does not change any shape or count.

Its output in test/fixtures/models/ (and examples/models/) IS COMMITTED: the *.onnx graphs and manifest.json.
Re-run it only when the fixture set should change, and commit the result.

What it writes, per model:
  * <name>.onnx  -- the exported graph. For most models every FLOAT/FLOAT16/BFLOAT16/DOUBLE
    initializer of 1024 bytes or more is moved to external data (location
    "<name>.onnx.data") and that data file is then deleted (it is gitignored). The graph
    therefore references weights that are absent on purpose; the loader has an option to
    allow missing external weights. Integer tensors (shape constants, indices) and small
    float tensors stay inline, so shape sub-graphs can still be evaluated.
    A few tiny models (LSTM, GRU, GPT-2 style, Llama style) keep ALL weights inline.
  * manifest.json -- independent reference figures computed here from PyTorch and from the
    ONNX file before the weights were stripped (never from model-budget itself):
      torchParams               sum(p.numel() for p in model.parameters())
      torchBufferElements       sum of buffer elements (BatchNorm running stats, ...)
      onnxFloatWeightElements   elements of all floating-point initializers (deduplicated by
                                name) of the full exported model. BatchNorm is folded into
                                Conv at export, so this differs from torchParams.
      onnxFloatConstantElements elements of floating-point `Constant` node tensors
      onnxInitializerCount      number of initializers (all dtypes)
      inputs / outputs          name -> {dtype, shape} with symbolic dim names as exported
      exportDims / checkDims    dims the model was traced at / dims it was re-run at
      expectedOutputs           output shapes from RUNNING the torch model at checkDims
                                (different from the export dims, to prove symbolic binding)
      coreMACs                  {exportDims, checkDims}: multiply-accumulates of convolutions
                                and matrix products (aten convolution/mm/addmm/bmm/baddbmm...)
                                counted with a TorchDispatchMode while running the torch
                                model. This is the "core MACs" column; torchvision publishes
                                it (batch 1) as "GFLOPS" in its weight metadata.
      moreDims                  (decoders with a KV cache) more dims the torch model was run
                                at, prefills with an empty cache and decode steps: per entry
                                {dims, coreMACs, expectedOutputs}, counted as above
      nodeCount / opTypes / opCounts   of the top-level graph
"""

import argparse
import io
import json
import math
import os
import sys
import time
from collections import Counter, OrderedDict

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from onnx import TensorProto, numpy_helper
from onnx.external_data_helper import set_external_data, uses_external_data
from torch.utils._python_dispatch import TorchDispatchMode

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = os.path.join(REPO, "test", "fixtures", "models")
# Models with an `example` name are written to examples/models/ instead (the README's main job
# and budgets.example.yml use them); the manifest points at them with a relative path.
EXAMPLES_DIR = os.path.join(REPO, "examples", "models")

PREFERRED_OPSET = 17
FALLBACK_OPSET = 14
EXTERNAL_THRESHOLD = 1024  # bytes

FLOAT_TYPES = {TensorProto.FLOAT, TensorProto.FLOAT16, TensorProto.BFLOAT16, TensorProto.DOUBLE}
DTYPE_NAMES = {v: k.lower() for k, v in TensorProto.DataType.items()}


# --------------------------------------------------------------------------------------
# Small custom models
# --------------------------------------------------------------------------------------


class LSTMTagger(nn.Module):
    """Token ids -> embedding -> 2-layer bidirectional LSTM -> per-token linear head."""

    def __init__(self, vocab=1000, emb=64, hidden=64, layers=2, classes=10):
        super().__init__()
        self.embed = nn.Embedding(vocab, emb)
        self.rnn = nn.LSTM(emb, hidden, num_layers=layers, bidirectional=True, batch_first=True)
        self.head = nn.Linear(2 * hidden, classes)

    def forward(self, input_ids):
        x = self.embed(input_ids)
        y, _ = self.rnn(x)
        return self.head(y)


class GRUClassifier(nn.Module):
    """Float features -> linear -> 2-layer bidirectional GRU -> per-step linear head."""

    def __init__(self, features=40, proj=64, hidden=64, layers=2, classes=12):
        super().__init__()
        self.proj = nn.Linear(features, proj)
        self.rnn = nn.GRU(proj, hidden, num_layers=layers, bidirectional=True, batch_first=True)
        self.head = nn.Linear(2 * hidden, classes)

    def forward(self, features):
        x = torch.relu(self.proj(features))
        y, _ = self.rnn(x)
        return self.head(y)


class CausalSelfAttention(nn.Module):
    """mask="tril": causal mask built from the sequence length (ones -> tril, i.e.
    ConstantOfShape/Trilu). mask="buffer": the Hugging Face GPT-2 way, a registered
    [1, 1, block, block] lower-triangular buffer sliced to [:, :, :T, :T] (Slice whose ends
    come from Shape)."""

    def __init__(self, d_model, n_head, mask="tril", block_size=128):
        super().__init__()
        assert d_model % n_head == 0
        self.n_head = n_head
        self.mask = mask
        if mask == "buffer":
            self.register_buffer("causal", torch.tril(torch.ones(block_size, block_size, dtype=torch.bool))
                                 .view(1, 1, block_size, block_size))
        self.q = nn.Linear(d_model, d_model)
        self.k = nn.Linear(d_model, d_model)
        self.v = nn.Linear(d_model, d_model)
        self.proj = nn.Linear(d_model, d_model)

    def forward(self, x):
        B, T, C = x.size()
        hd = C // self.n_head
        q = self.q(x).view(B, T, self.n_head, hd).transpose(1, 2)  # B, h, T, hd
        k = self.k(x).view(B, T, self.n_head, hd).transpose(1, 2)
        v = self.v(x).view(B, T, self.n_head, hd).transpose(1, 2)
        att = torch.matmul(q, k.transpose(-2, -1)) * (1.0 / math.sqrt(hd))
        if self.mask == "buffer":
            att = att.masked_fill(~self.causal[:, :, :T, :T], float("-inf"))
        else:
            causal = torch.tril(torch.ones(T, T, device=x.device))  # from the sequence length
            att = att.masked_fill(causal == 0, float("-inf"))
        att = F.softmax(att, dim=-1)
        y = torch.matmul(att, v)  # B, h, T, hd
        y = y.transpose(1, 2).contiguous().view(B, T, C)
        return self.proj(y)


class Block(nn.Module):
    def __init__(self, d_model, n_head, mask="tril", block_size=128):
        super().__init__()
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = CausalSelfAttention(d_model, n_head, mask, block_size)
        self.ln2 = nn.LayerNorm(d_model)
        self.fc = nn.Linear(d_model, 4 * d_model)
        self.fc_proj = nn.Linear(4 * d_model, d_model)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        x = x + self.fc_proj(F.gelu(self.fc(self.ln2(x))))
        return x


class TinyGPT(nn.Module):
    """GPT-2 style decoder: token + position embeddings, pre-LN blocks, final LN, lm head."""

    def __init__(self, vocab=1000, block_size=128, d_model=128, n_head=4, n_layer=2):
        super().__init__()
        self.wte = nn.Embedding(vocab, d_model)
        self.wpe = nn.Embedding(block_size, d_model)
        # block 0 builds its causal mask with tril(ones(T, T)); the others slice a buffer
        self.blocks = nn.ModuleList([Block(d_model, n_head, "tril" if i == 0 else "buffer",
                                           block_size) for i in range(n_layer)])
        self.ln_f = nn.LayerNorm(d_model)
        self.lm_head = nn.Linear(d_model, vocab, bias=False)  # not tied to wte

    def forward(self, input_ids):
        B, T = input_ids.size()
        pos = torch.arange(0, T, dtype=torch.long, device=input_ids.device)
        x = self.wte(input_ids) + self.wpe(pos)
        for block in self.blocks:
            x = block(x)
        return self.lm_head(self.ln_f(x))


class RMSNorm(nn.Module):
    """Llama's RMSNorm: x / sqrt(mean(x^2) + eps) * weight (no mean subtracted, no bias)."""

    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return self.weight * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps))


def rotate_half(x):
    x1, x2 = x.chunk(2, dim=-1)
    return torch.cat((-x2, x1), dim=-1)


class LlamaAttention(nn.Module):
    """Grouped-query attention with rotary embeddings and a KV cache (Llama / HF style):
    n_head query heads share n_kv_head key / value heads (repeat_kv); the new keys and values
    are concatenated to the past ones along the sequence axis and returned as the present."""

    def __init__(self, d_model, n_head, n_kv_head, rope_theta=10000.0):
        super().__init__()
        self.n_head = n_head
        self.n_kv_head = n_kv_head
        self.hd = d_model // n_head
        self.q_proj = nn.Linear(d_model, n_head * self.hd, bias=False)
        self.k_proj = nn.Linear(d_model, n_kv_head * self.hd, bias=False)
        self.v_proj = nn.Linear(d_model, n_kv_head * self.hd, bias=False)
        self.o_proj = nn.Linear(n_head * self.hd, d_model, bias=False)
        inv_freq = 1.0 / (rope_theta ** (torch.arange(0, self.hd, 2).float() / self.hd))
        self.register_buffer("inv_freq", inv_freq, persistent=False)

    def forward(self, x, positions, mask, past_k, past_v):
        B, T, _ = x.size()
        q = self.q_proj(x).view(B, T, self.n_head, self.hd).transpose(1, 2)
        k = self.k_proj(x).view(B, T, self.n_kv_head, self.hd).transpose(1, 2)
        v = self.v_proj(x).view(B, T, self.n_kv_head, self.hd).transpose(1, 2)
        # RoPE: angles from the absolute positions (an outer product, element-wise)
        freqs = positions.float()[:, None] * self.inv_freq[None, :]  # T, hd/2
        emb = torch.cat((freqs, freqs), dim=-1)
        cos, sin = emb.cos(), emb.sin()
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = torch.cat((past_k, k), dim=2)  # B, kv, past + T, hd: the present
        v = torch.cat((past_v, v), dim=2)
        rep = self.n_head // self.n_kv_head
        S = k.size(2)
        kr = k[:, :, None, :, :].expand(B, self.n_kv_head, rep, S, self.hd).reshape(B, self.n_head, S, self.hd)
        vr = v[:, :, None, :, :].expand(B, self.n_kv_head, rep, S, self.hd).reshape(B, self.n_head, S, self.hd)
        att = torch.matmul(q, kr.transpose(-2, -1)) * (1.0 / math.sqrt(self.hd)) + mask
        att = F.softmax(att, dim=-1)
        y = torch.matmul(att, vr).transpose(1, 2).reshape(B, T, self.n_head * self.hd)
        return self.o_proj(y), k, v


class LlamaBlock(nn.Module):
    def __init__(self, d_model, n_head, n_kv_head, ffn):
        super().__init__()
        self.input_layernorm = RMSNorm(d_model)
        self.self_attn = LlamaAttention(d_model, n_head, n_kv_head)
        self.post_attention_layernorm = RMSNorm(d_model)
        self.gate_proj = nn.Linear(d_model, ffn, bias=False)
        self.up_proj = nn.Linear(d_model, ffn, bias=False)
        self.down_proj = nn.Linear(ffn, d_model, bias=False)

    def forward(self, x, positions, mask, past_k, past_v):
        a, k, v = self.self_attn(self.input_layernorm(x), positions, mask, past_k, past_v)
        x = x + a
        h = self.post_attention_layernorm(x)
        x = x + self.down_proj(F.silu(self.gate_proj(h)) * self.up_proj(h))  # SwiGLU
        return x, k, v


class TinyLlama(nn.Module):
    """Llama-style decoder with a KV cache: token embedding (no position embedding: RoPE),
    pre-RMSNorm blocks of grouped-query attention and a SwiGLU MLP, final RMSNorm, untied lm
    head. Inputs: input_ids [batch, sequence], attention_mask [batch, past + sequence] and per
    layer past_key_values.N.key / .value [batch, kv_heads, past_sequence, head_dim]; outputs:
    logits and present.N.key / .value [batch, kv_heads, past + sequence, head_dim]."""

    def __init__(self, vocab=1000, d_model=128, n_head=4, n_kv_head=2, ffn=352, n_layer=2):
        super().__init__()
        self.embed_tokens = nn.Embedding(vocab, d_model)
        self.layers = nn.ModuleList([LlamaBlock(d_model, n_head, n_kv_head, ffn) for _ in range(n_layer)])
        self.norm = RMSNorm(d_model)
        self.lm_head = nn.Linear(d_model, vocab, bias=False)

    def forward(self, input_ids, attention_mask, *past):
        B, T = input_ids.size()
        P = past[0].size(2)
        positions = torch.arange(P, P + T, dtype=torch.long, device=input_ids.device)
        keys = torch.arange(P + T, dtype=torch.long, device=input_ids.device)
        causal = keys[None, :] <= positions[:, None]  # T, P + T
        allowed = causal[None, None, :, :] & (attention_mask[:, None, None, :] > 0)
        mask = torch.zeros(allowed.shape, dtype=torch.float32).masked_fill(~allowed, -1e9)
        x = self.embed_tokens(input_ids)
        presents = []
        for i, layer in enumerate(self.layers):
            x, k, v = layer(x, positions, mask, past[2 * i], past[2 * i + 1])
            presents += [k, v]
        return (self.lm_head(self.norm(x)), *presents)


class SegmentationOut(nn.Module):
    """torchvision segmentation models return a dict; export only its 'out' tensor."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model(x)["out"]


# --------------------------------------------------------------------------------------
# Model table
# --------------------------------------------------------------------------------------


def tv(name, **kwargs):
    def build():
        fn = getattr(torchvision.models, name)
        return fn(weights=None, **kwargs)

    return build


def image_spec(name, builder_kwargs=None, size=224):
    builder_kwargs = builder_kwargs or {}
    return dict(
        name=name,
        build=tv(name, **builder_kwargs),
        source=dict(kind="torchvision", builder="torchvision.models." + name,
                    kwargs=dict(weights=None, **builder_kwargs)),
        inputs=[("input", torch.float32, ["batch", 3, size, size])],
        outputs=["output"],
        dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}},
        export_dims={"batch": 1},
        check_dims={"batch": 2},
        inline_weights=False,
    )


def model_specs():
    specs = [
        image_spec("resnet18"),
        image_spec("resnet50"),
        image_spec("mobilenet_v2"),
        image_spec("mobilenet_v3_large"),
        image_spec("efficientnet_b0"),
        image_spec("squeezenet1_1"),
        image_spec("shufflenet_v2_x1_0"),
        dict(image_spec("densenet121"), notes=[
            "pre-activation BatchNorms (BN before Conv) cannot be folded; the 62 exported "
            "BatchNormalization nodes keep scale, bias, mean and variance as float "
            "initializers, so onnxFloatWeightElements > torchParams"]),
        image_spec("vgg16"),
        image_spec("vit_b_16"),
        image_spec("convnext_tiny"),
        dict(image_spec("swin_t"), notes=[
            "constant folding turns each block's relative_position_bias_table[169, heads] "
            "gathered by relative_position_index into a [heads, 49, 49] float initializer, "
            "so onnxFloatWeightElements = torchParams + (2401 - 169) x 138 (sum of heads over "
            "the 12 blocks) = torchParams + 308016",
            "the shifted-window attention mask is built at run time (ConstantOfShape, "
            "ScatterND, Mod, Range...), which gives thousands of shape/constant nodes"]),
        image_spec("inception_v3", dict(aux_logits=False, init_weights=False), size=299),
        image_spec("regnet_y_400mf"),
    ]
    specs.append(dict(
        name="r3d_18",
        build=lambda: torchvision.models.video.r3d_18(weights=None),
        source=dict(kind="torchvision", builder="torchvision.models.video.r3d_18",
                    kwargs=dict(weights=None)),
        inputs=[("input", torch.float32, ["batch", 3, 16, 112, 112])],
        outputs=["output"],
        dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}},
        export_dims={"batch": 1},
        check_dims={"batch": 2},
        inline_weights=False,
    ))
    specs.append(dict(
        name="lraspp_mobilenet_v3_large",
        build=lambda: SegmentationOut(torchvision.models.segmentation.lraspp_mobilenet_v3_large(
            weights=None, weights_backbone=None)),
        source=dict(kind="torchvision",
                    builder="torchvision.models.segmentation.lraspp_mobilenet_v3_large",
                    kwargs=dict(weights=None, weights_backbone=None),
                    note="wrapped to return model(x)['out']; uses Resize with sizes taken "
                         "from Shape, so height/width are dynamic too"),
        inputs=[("input", torch.float32, ["batch", 3, "height", "width"])],
        outputs=["output"],
        dynamic_axes={"input": {0: "batch", 2: "height", 3: "width"},
                      "output": {0: "batch", 2: "height", 3: "width"}},
        export_dims={"batch": 1, "height": 224, "width": 224},
        check_dims={"batch": 2, "height": 160, "width": 192},
        inline_weights=False,
    ))
    specs.append(dict(
        name="lstm_tagger",
        build=lambda: LSTMTagger(),
        source=dict(kind="custom", builder="scripts/export_fixtures.py:LSTMTagger",
                    kwargs=dict(vocab=1000, emb=64, hidden=64, layers=2, bidirectional=True,
                                classes=10)),
        inputs=[("input_ids", torch.int64, ["batch", "sequence"])],
        outputs=["logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "sequence"},
                      "logits": {0: "batch", 1: "sequence"}},
        export_dims={"batch": 1, "sequence": 16},
        check_dims={"batch": 3, "sequence": 7},
        inline_weights=True,
        example="lstm-tagger",
    ))
    specs.append(dict(
        name="gru_classifier",
        build=lambda: GRUClassifier(),
        source=dict(kind="custom", builder="scripts/export_fixtures.py:GRUClassifier",
                    kwargs=dict(features=40, proj=64, hidden=64, layers=2, bidirectional=True,
                                classes=12)),
        inputs=[("features", torch.float32, ["batch", "sequence", 40])],
        outputs=["logits"],
        dynamic_axes={"features": {0: "batch", 1: "sequence"},
                      "logits": {0: "batch", 1: "sequence"}},
        export_dims={"batch": 1, "sequence": 16},
        check_dims={"batch": 3, "sequence": 7},
        inline_weights=True,
    ))
    specs.append(dict(
        name="gpt2_tiny",
        build=lambda: TinyGPT(),
        source=dict(kind="custom", builder="scripts/export_fixtures.py:TinyGPT",
                    kwargs=dict(vocab=1000, block_size=128, d_model=128, n_head=4, n_layer=2,
                                mlp="4x GELU", lm_head="untied, no bias",
                                causal_mask="block 0: tril(ones(T,T)); block 1: "
                                            "registered buffer sliced [:, :, :T, :T]")),
        inputs=[("input_ids", torch.int64, ["batch", "sequence"])],
        outputs=["logits"],
        dynamic_axes={"input_ids": {0: "batch", 1: "sequence"},
                      "logits": {0: "batch", 1: "sequence"}},
        export_dims={"batch": 1, "sequence": 16},
        check_dims={"batch": 3, "sequence": 7},
        inline_weights=True,
        example="tiny-gpt",
    ))
    # Llama-style decoder with a KV cache: per layer, past keys / values in, present out.
    llama_layers, llama_kv_heads, llama_head_dim = 2, 2, 32
    llama_past = []
    llama_present = []
    for i in range(llama_layers):
        for kind in ("key", "value"):
            llama_past.append(("past_key_values.%d.%s" % (i, kind), torch.float32,
                               ["batch", llama_kv_heads, "past_sequence", llama_head_dim]))
            llama_present.append("present.%d.%s" % (i, kind))

    def llama_dims(batch, sequence, past):
        return {"batch": batch, "sequence": sequence, "past_sequence": past,
                "total_sequence": past + sequence}

    specs.append(dict(
        name="llama_tiny",
        build=lambda: TinyLlama(),
        source=dict(kind="custom", builder="scripts/export_fixtures.py:TinyLlama",
                    kwargs=dict(vocab=1000, d_model=128, n_head=4, n_kv_head=2, head_dim=32,
                                ffn=352, n_layer=2, norm="RMSNorm (eps 1e-6)",
                                mlp="SwiGLU: down(silu(gate(x)) * up(x)), no biases",
                                attention="grouped-query (repeat_kv), RoPE theta 10000, "
                                          "q/k/v/o projections without bias",
                                kv_cache="past_key_values.N.key/value in, present.N.key/value "
                                         "out: [batch, kv_heads, past (+ sequence), head_dim]",
                                lm_head="untied, no bias")),
        inputs=[("input_ids", torch.int64, ["batch", "sequence"]),
                ("attention_mask", torch.int64, ["batch", "total_sequence"], "ones")] + llama_past,
        outputs=["logits"] + llama_present,
        dynamic_axes=dict(
            [("input_ids", {0: "batch", 1: "sequence"}),
             ("attention_mask", {0: "batch", 1: "total_sequence"}),
             ("logits", {0: "batch", 1: "sequence"})]
            + [(n, {0: "batch", 2: "past_sequence"}) for n, _, _ in llama_past]
            + [(n, {0: "batch", 2: "total_sequence"}) for n in llama_present]),
        # traced at a decode-like step with a non-empty cache, so nothing specialises on 0
        export_dims=llama_dims(1, 3, 5),
        # a prefill with an empty cache (past_sequence 0)
        check_dims=llama_dims(2, 7, 0),
        # more phases PyTorch ran: prefills (empty cache) and decode steps (sequence 1)
        more_dims=[llama_dims(1, 16, 0), llama_dims(4, 128, 0), llama_dims(1, 1, 511),
                   llama_dims(8, 1, 2047), llama_dims(2, 4, 60)],
        inline_weights=True,
    ))
    return specs


# --------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------


@torch.no_grad()
def perturb_like_trained(model):
    """Give every parameter and normalisation statistic distinct values.

    Freshly initialised models have many equal tensors (LayerNorm/BatchNorm weights of ones,
    zero biases, BatchNorm running stats of 0/1). torch.onnx.export merges initializers with
    equal values, and folding such BatchNorms into Conv yields identical zero biases, so the
    exported graph would share tensors that a trained model never shares. Small noise keeps
    the fixtures faithful to real (trained) exports. Shapes and counts are unaffected.
    """
    for p in model.parameters():
        p.add_(torch.randn_like(p) * 0.02)
    for name, b in model.named_buffers():
        if not b.is_floating_point():
            continue
        if name.endswith("running_var"):
            b.mul_(torch.empty_like(b).uniform_(0.8, 1.2))
        else:
            b.add_(torch.randn_like(b) * 0.02)


def make_inputs(spec, dims):
    tensors = []
    for _name, dtype, shape, *fill in spec["inputs"]:
        concrete = [dims[d] if isinstance(d, str) else d for d in shape]
        if fill == ["ones"]:
            tensors.append(torch.ones(concrete, dtype=dtype))
        elif dtype == torch.int64:
            tensors.append(torch.randint(0, 1000, concrete, dtype=torch.int64))
        else:
            tensors.append(torch.randn(*concrete, dtype=dtype))
    return tuple(tensors)


class CoreMacCounter(TorchDispatchMode):
    """Counts multiply-accumulates of convolutions and matrix products at the aten level."""

    def __init__(self):
        super().__init__()
        self.macs = 0
        self.by_op = Counter()
        self.unhandled = Counter()

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        out = func(*args, **kwargs)
        name = func.overloadpacket.__name__
        macs = None
        if name == "convolution":
            x, w = args[0], args[1]
            transposed = args[6] if len(args) > 6 else kwargs.get("transposed", False)
            if transposed:
                macs = x.numel() * math.prod(w.shape[1:])  # w: [Cin, Cout/g, k...]
            else:
                macs = out.numel() * math.prod(w.shape[1:])  # w: [Cout, Cin/g, k...]
        elif name in ("mm", "addmm"):
            a, b = (args[0], args[1]) if name == "mm" else (args[1], args[2])
            macs = a.shape[0] * a.shape[1] * b.shape[1]
        elif name in ("bmm", "baddbmm"):
            a, b = (args[0], args[1]) if name == "bmm" else (args[1], args[2])
            macs = a.shape[0] * a.shape[1] * a.shape[2] * b.shape[2]
        elif name in ("matmul", "linear", "addmv", "mv", "dot", "einsum",
                      "_native_multi_head_attention", "_transformer_encoder_layer_fwd",
                      "lstm", "gru", "rnn_tanh", "rnn_relu", "_thnn_fused_lstm_cell",
                      "mkldnn_rnn_layer", "_convolution", "conv2d", "conv3d", "conv1d"):
            self.unhandled[name] += 1
        if macs is not None:
            self.macs += macs
            self.by_op[name] += macs
        return out


def count_core_macs(model, inputs):
    # Grad stays enabled here on purpose: under no_grad nn.MultiheadAttention takes its
    # fused fast path (one opaque aten op), which the counter would not see into.
    counter = CoreMacCounter()
    with torch.enable_grad(), counter:
        model(*inputs)
    if counter.unhandled:
        raise RuntimeError("MAC counter saw ops it does not count: %s" % dict(counter.unhandled))
    return counter.macs, dict(counter.by_op)


def export_onnx(model, spec, opset):
    args = make_inputs(spec, spec["export_dims"])
    buf = io.BytesIO()
    torch.onnx.export(
        model,
        args,
        buf,
        export_params=True,
        opset_version=opset,
        do_constant_folding=True,
        input_names=[i[0] for i in spec["inputs"]],
        output_names=spec["outputs"],
        dynamic_axes=spec["dynamic_axes"],
    )
    return onnx.load_from_string(buf.getvalue())


def value_info_json(vi):
    tt = vi.type.tensor_type
    shape = []
    for d in tt.shape.dim:
        if d.HasField("dim_value"):
            shape.append(d.dim_value)
        elif d.HasField("dim_param"):
            shape.append(d.dim_param)
        else:
            shape.append(None)
    return {"dtype": DTYPE_NAMES.get(tt.elem_type, str(tt.elem_type)), "shape": shape}


def tensor_elements(t):
    n = 1
    for d in t.dims:
        n *= d
    return n


def all_graphs(graph):
    yield graph
    for node in graph.node:
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.GRAPH:
                yield from all_graphs(attr.g)
            elif attr.type == onnx.AttributeProto.GRAPHS:
                for g in attr.graphs:
                    yield from all_graphs(g)


def onnx_figures(m):
    seen = {}
    init_count = 0
    for g in all_graphs(m.graph):
        for t in g.initializer:
            init_count += 1
            if t.data_type in FLOAT_TYPES and t.name not in seen:
                seen[t.name] = tensor_elements(t)
    const_elems = 0
    for g in all_graphs(m.graph):
        for node in g.node:
            if node.op_type == "Constant" and node.domain in ("", "ai.onnx"):
                for attr in node.attribute:
                    if attr.name == "value" and attr.t.data_type in FLOAT_TYPES:
                        const_elems += tensor_elements(attr.t)
    ops = Counter(n.op_type if n.domain in ("", "ai.onnx") else n.domain + "::" + n.op_type
                  for n in m.graph.node)
    has_subgraphs = len(list(all_graphs(m.graph))) > 1
    return dict(
        onnxFloatWeightElements=sum(seen.values()),
        onnxFloatConstantElements=const_elems,
        onnxInitializerCount=init_count,
        nodeCount=len(m.graph.node),
        opTypes=sorted(ops),
        opCounts=dict(sorted(ops.items())),
        hasSubgraphs=has_subgraphs,
    )


def save_fixture(m, path, inline_weights):
    """Save the graph; unless inline_weights, move big float initializers out and drop them."""
    data_name = os.path.basename(path) + ".data"
    data_path = os.path.join(os.path.dirname(path), data_name)
    if os.path.exists(data_path):
        os.remove(data_path)  # onnx appends to an existing data file
    stripped = 0
    if not inline_weights:
        for g in all_graphs(m.graph):
            for t in g.initializer:
                if t.data_type not in FLOAT_TYPES or uses_external_data(t):
                    continue
                if not t.HasField("raw_data"):
                    arr = numpy_helper.to_array(t)
                    t.CopyFrom(numpy_helper.from_array(arr, t.name))
                if len(t.raw_data) >= EXTERNAL_THRESHOLD:
                    set_external_data(t, data_name)
                    stripped += 1
    onnx.save_model(m, path)  # writes the external tensors to data_path
    if os.path.exists(data_path):
        os.remove(data_path)
    return stripped, data_name if stripped else None


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------


def process(spec):
    name = spec["name"]
    t0 = time.time()
    torch.manual_seed(0)
    model = spec["build"]()
    perturb_like_trained(model)
    model.eval()
    torch_params = sum(p.numel() for p in model.parameters())
    torch_buffers = sum(b.numel() for b in model.buffers())

    notes = []
    opset = PREFERRED_OPSET
    try:
        m = export_onnx(model, spec, opset)
    except Exception as e:  # noqa: BLE001
        notes.append("opset %d export failed (%s: %s); fell back to opset %d"
                     % (opset, type(e).__name__, str(e).splitlines()[0][:200], FALLBACK_OPSET))
        opset = FALLBACK_OPSET
        m = export_onnx(model, spec, opset)
    t_export = time.time() - t0

    onnx.checker.check_model(m)  # full in-memory model, weights included
    try:
        onnx.shape_inference.infer_shapes(m, check_type=True, strict_mode=True)
        strict_ok = True
    except Exception as e:  # noqa: BLE001
        strict_ok = False
        notes.append("onnx strict shape inference failed: %s" % str(e).splitlines()[0][:200])

    figures = onnx_figures(m)
    inputs_json = OrderedDict((i.name, value_info_json(i)) for i in m.graph.input)
    outputs_json = OrderedDict((o.name, value_info_json(o)) for o in m.graph.output)

    # Reference figures from running the torch model.
    torch.manual_seed(1)
    export_inputs = make_inputs(spec, spec["export_dims"])
    check_inputs = make_inputs(spec, spec["check_dims"])
    with torch.no_grad():
        outs = model(*check_inputs)
    if isinstance(outs, torch.Tensor):
        outs = (outs,)
    assert len(outs) == len(spec["outputs"]), (name, len(outs))
    expected = OrderedDict((o, list(t.shape)) for o, t in zip(spec["outputs"], outs))
    macs_export, by_op_export = count_core_macs(model, export_inputs)
    macs_check, _ = count_core_macs(model, check_inputs)
    more = []
    for dims in spec.get("more_dims", []):
        more_inputs = make_inputs(spec, dims)
        with torch.no_grad():
            more_outs = model(*more_inputs)
        more_outs = (more_outs,) if isinstance(more_outs, torch.Tensor) else more_outs
        more_macs, _ = count_core_macs(model, more_inputs)
        more.append(OrderedDict(dims=dims, coreMACs=more_macs, expectedOutputs=OrderedDict(
            (o, list(t.shape)) for o, t in zip(spec["outputs"], more_outs))))

    if spec.get("example"):
        os.makedirs(EXAMPLES_DIR, exist_ok=True)
        path = os.path.join(EXAMPLES_DIR, spec["example"] + ".onnx")
    else:
        path = os.path.join(OUT_DIR, name + ".onnx")
    stripped, data_name = save_fixture(m, path, spec["inline_weights"])
    reloaded = onnx.load(path, load_external_data=False)
    assert len(reloaded.graph.node) == figures["nodeCount"]
    size = os.path.getsize(path)

    source = dict(spec["source"])
    source.update(torch=torch.__version__, torchvision=torchvision.__version__,
                  onnx=onnx.__version__, opset=opset, exporter="torch.onnx.export",
                  do_constant_folding=True, seed=0)
    entry = OrderedDict(
        file=os.path.relpath(path, OUT_DIR),
        source=source,
        opset=opset,
        irVersion=m.ir_version,
        # "inline": every tensor is in the .onnx file. "external-missing": the float
        # initializers of >= EXTERNAL_THRESHOLD bytes point at externalDataLocation, which
        # is deliberately absent (gitignored).
        weights="inline" if spec["inline_weights"] else "external-missing",
        externalDataLocation=data_name,
        strippedInitializerCount=stripped,
        fileBytes=size,
        inputs=inputs_json,
        outputs=outputs_json,
        torchParams=torch_params,
        torchBufferElements=torch_buffers,
        onnxFloatWeightElements=figures["onnxFloatWeightElements"],
        onnxFloatConstantElements=figures["onnxFloatConstantElements"],
        onnxInitializerCount=figures["onnxInitializerCount"],
        exportDims=spec["export_dims"],
        checkDims=spec["check_dims"],
        expectedOutputs=expected,
        coreMACs=OrderedDict(exportDims=macs_export, checkDims=macs_check,
                             byAtenOpAtExportDims=by_op_export),
        **({"moreDims": more} if more else {}),
        nodeCount=figures["nodeCount"],
        opTypes=figures["opTypes"],
        opCounts=figures["opCounts"],
        hasSubgraphs=figures["hasSubgraphs"],
        onnxStrictShapeInference=strict_ok,
        notes=spec.get("notes", []) + notes,
    )
    elapsed = time.time() - t0
    print("%-28s opset %d  %8d bytes  %5d nodes  params %10d  onnx-float %10d  "
          "coreMACs %.3fG  export %.1fs  total %.1fs"
          % (name, opset, size, figures["nodeCount"], torch_params,
             figures["onnxFloatWeightElements"], macs_export / 1e9, t_export, elapsed),
          flush=True)
    return entry


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", nargs="*", help="export only these models (the manifest keeps "
                    "the other entries it already has)")
    args = ap.parse_args()
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    os.makedirs(OUT_DIR, exist_ok=True)
    manifest_path = os.path.join(OUT_DIR, "manifest.json")

    specs = model_specs()
    if args.only:
        unknown = set(args.only) - {s["name"] for s in specs}
        if unknown:
            sys.exit("unknown model(s): %s" % ", ".join(sorted(unknown)))
        specs = [s for s in specs if s["name"] in args.only]

    models = OrderedDict()
    failures = OrderedDict()
    if args.only and os.path.exists(manifest_path):
        with open(manifest_path) as f:
            old = json.load(f)
        models.update(old.get("models", {}))
        failures.update(old.get("failures", {}))

    t0 = time.time()
    for spec in specs:
        try:
            models[spec["name"]] = process(spec)
            failures.pop(spec["name"], None)
        except Exception as e:  # noqa: BLE001
            msg = "%s: %s" % (type(e).__name__, str(e).splitlines()[0][:300] if str(e) else "")
            print("%-28s FAILED  %s" % (spec["name"], msg), flush=True)
            failures[spec["name"]] = msg
            models.pop(spec["name"], None)

    order = [s["name"] for s in model_specs()]
    models = OrderedDict(sorted(models.items(), key=lambda kv: order.index(kv[0])
                                if kv[0] in order else len(order)))
    manifest = OrderedDict(
        description="Reference figures for the ONNX fixtures in this folder, computed by "
                    "scripts/export_fixtures.py from PyTorch and from the full exported ONNX "
                    "model before its weights were stripped (not by model-budget). See the "
                    "script header for the meaning of each field.",
        generator="scripts/export_fixtures.py",
        versions=dict(torch=torch.__version__, torchvision=torchvision.__version__,
                      onnx=onnx.__version__, numpy=np.__version__,
                      python=sys.version.split()[0]),
        models=models,
        failures=failures,
    )
    with open(manifest_path, "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(OUT_DIR, n)) for n in os.listdir(OUT_DIR))
    print("wrote %d models (%d failed) in %.1fs; folder total %d bytes"
          % (len(specs) - len([s for s in specs if s["name"] in failures]),
             len([s for s in specs if s["name"] in failures]), time.time() - t0, total))


if __name__ == "__main__":
    main()
