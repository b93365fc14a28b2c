#!/usr/bin/env python3
"""Ground truth for neural-voice lip sync: runs a Piper voice with ONNX Runtime, exposing the
model's own phoneme durations (the VITS `Ceil` output), and writes each sentence's audio with
the exact time of every phoneme codepoint.

Benchmark only (Orator itself never runs this): needs `pip install onnxruntime onnx numpy`.
Usage: neural_truth.py VOICE.onnx PHONEMES.json OUTDIR
PHONEMES.json: [{"text": ..., "phonemes": ...}], Orator's espeak-ng phonemes one sentence each, from
`NeuralAlignmentEvaluation.writePhonemes`. Writes OUTDIR/NNN.wav (16-bit) and OUTDIR/truth.json,
which `NeuralAlignmentEvaluation.run(folder:)` compares with Orator's alignment of the same audio.
A phoneme lasts from the middle of the pad before it to the middle of the pad after it (the pads
Piper puts between symbols carry the transitions).
"""
import json, sys, wave
import numpy as np
import onnx, onnxruntime

model_path, phonemes_path, out = sys.argv[1:4]
config = json.load(open(model_path + ".json"))
id_map = config["phoneme_id_map"]
rate = config["audio"]["sample_rate"]
model = onnx.load(model_path)
ceil = next(n.output[0] for n in model.graph.node if n.op_type == "Ceil")
model.graph.output.append(onnx.helper.make_tensor_value_info(ceil, onnx.TensorProto.FLOAT, None))
options = onnxruntime.SessionOptions()
options.intra_op_num_threads = 2
session = onnxruntime.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])
inference = config.get("inference", {})
scales = np.array([inference.get("noise_scale", 0.667), inference.get("length_scale", 1.0), inference.get("noise_w", 0.8)], dtype=np.float32)

records = []
for index, sentence in enumerate(json.load(open(phonemes_path))):
    symbols = [c for c in sentence["phonemes"] if c in id_map]
    # Piper's input: ^ _ p1 _ p2 _ ... pn _ $ (a pad after every symbol).
    ids = id_map["^"] + id_map["_"]
    first = []  # index of each symbol's first id
    for symbol in symbols:
        first.append(len(ids))
        ids += id_map[symbol] + id_map["_"]
    ids += id_map["$"]
    audio, durations = session.run(None, {
        "input": np.array([ids], dtype=np.int64),
        "input_lengths": np.array([len(ids)], dtype=np.int64),
        "scales": scales,
    })
    audio = audio.reshape(-1)
    frames = durations.reshape(-1)
    hop = len(audio) / frames.sum()
    edges = np.concatenate([[0], np.cumsum(frames)]) * hop / rate  # edges[k]..edges[k+1] is id k
    times = []
    for position, k in enumerate(first):
        n = len(id_map[symbols[position]])
        # The pads between symbols are the transitions: half to each neighbour.
        start = (edges[k - 1] + edges[k]) / 2
        end = (edges[k + n] + edges[k + n + 1]) / 2
        times.append((float(start), float(end)))
    name = f"{index:03d}.wav"
    with wave.open(f"{out}/{name}", "wb") as w:
        w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate)
        w.writeframes((np.clip(audio, -1, 1) * 32767).astype("<i2").tobytes())
    records.append({"text": sentence["text"], "wav": name, "hop": float(hop), "duration": len(audio) / rate,
                    "symbols": [{"symbol": s, "start": t[0], "end": t[1]} for s, t in zip(symbols, times)]})
json.dump(records, open(f"{out}/truth.json", "w"), ensure_ascii=False, indent=1)
print(f"{len(records)} sentences, hop {records[0]['hop']:.1f} samples")
