#!/usr/bin/env python3
"""What the Python module adds to a run, measured beside the C++ figures in one go.

1. One-node model (Add of two float32[1, 16], opset 14): median time of
   ``InferenceSession.run`` against ``BM_SessionRunOneNode`` of build/onnxi_bench (the same
   model through ``Session::Run``); the difference is the binding's cost per run.
2. A real model (default bench/models/mobilenet_v2, from ``bench/export_models.py
   mobilenet_v2``): median ``run`` time in Python against ``onnxi bench``'s median_ms, same
   thread count, same input (the case's input_0.pb), alternating ROUNDS times.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_overhead.py [--model DIR] [--threads N]
"""
import argparse
import os
import re
import statistics
import subprocess
import time

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import onnxi

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def one_node_python(batches=30, per_batch=2000):
    info = [helper.make_tensor_value_info(n, TensorProto.FLOAT, [1, 16]) for n in "ab"]
    model = helper.make_model(
        helper.make_graph([helper.make_node("Add", ["a", "b"], ["y"])], "add", info,
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 16])]),
        opset_imports=[helper.make_opsetid("", 14)])
    sess = onnxi.InferenceSession(model.SerializeToString())
    feed = {"a": np.zeros((1, 16), np.float32), "b": np.zeros((1, 16), np.float32)}
    for _ in range(1000):
        sess.run(None, feed)
    per_run = []
    for _ in range(batches):
        start = time.perf_counter_ns()
        for _ in range(per_batch):
            sess.run(None, feed)
        per_run.append((time.perf_counter_ns() - start) / per_batch / 1000.0)
    return statistics.median(per_run)


def one_node_cpp(build):
    out = subprocess.run([os.path.join(build, "onnxi_bench"), "--benchmark_filter=SessionRunOneNode",
                          "--benchmark_repetitions=10", "--benchmark_report_aggregates_only=true"],
                         capture_output=True, text=True, check=True).stdout
    m = re.search(r"BM_SessionRunOneNode_median\s+([\d.]+) ns", out)
    return float(m.group(1)) / 1000.0


def model_python(path, x_name, x, threads, warmup, runs):
    opts = onnxi.SessionOptions()
    opts.intra_op_num_threads = threads
    sess = onnxi.InferenceSession(path, opts)
    for _ in range(warmup):
        sess.run(None, {x_name: x})
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        sess.run(None, {x_name: x})
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times)


def model_cli(build, path, inputs, threads, warmup, runs):
    out = subprocess.run([os.path.join(build, "onnxi"), "bench", path, "--inputs", inputs,
                          "--threads", str(threads), "--warmup", str(warmup), "--runs", str(runs)],
                         capture_output=True, text=True, check=True).stdout
    return float(re.search(r"median_ms=([\d.]+)", out).group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--model", default=os.path.join(ROOT, "bench", "models", "mobilenet_v2"))
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--runs", type=int, default=50)
    args = ap.parse_args()

    py = one_node_python()
    cpp = one_node_cpp(args.build)
    print("one-node Add: Python run %.2f us, C++ Run %.2f us, binding adds %.2f us per run"
          % (py, cpp, py - cpp))

    path = os.path.join(args.model, "model.onnx")
    if not os.path.exists(path):
        print("no %s: export it with bench/export_models.py" % path)
        return
    data = os.path.join(args.model, "test_data_set_0")
    t = onnx.TensorProto()
    with open(os.path.join(data, "input_0.pb"), "rb") as f:
        t.ParseFromString(f.read())
    x = numpy_helper.to_array(t)
    name = onnxi.InferenceSession(path).get_inputs()[0].name
    ratios = []
    for r in range(args.rounds):
        c = model_cli(args.build, path, data, args.threads, 5, args.runs)
        p = model_python(path, name, x, args.threads, 5, args.runs)
        ratios.append(p / c)
        print("%s round %d: Python %.3f ms, onnxi bench %.3f ms, ratio %.3f"
              % (os.path.basename(args.model), r + 1, p, c, p / c))
    print("median ratio Python / onnxi bench: %.3f (%d threads)"
          % (statistics.median(ratios), args.threads))


if __name__ == "__main__":
    main()
