#!/usr/bin/env python3
"""Batch inference with onnxi on a dask.distributed cluster (Debian: python3-distributed).

Each worker loads the model once, into one onnxi.InferenceSession, when it starts (a worker
plugin, so a worker that joins later gets one too); the batch is cut into partitions along
its first axis and the partitions are mapped over the workers; the results come back in
order and are joined again.

    PYTHONPATH=build/python /usr/bin/python3 examples/batch_dask.py \\
        examples/resnet_mini/model.onnx --samples 64 --partition 8 --workers 2

runs on a LocalCluster of that many worker processes; --scheduler ADDRESS uses a running
cluster instead (its workers need onnxi importable). A model whose first input dimension is
a fixed 1 (both bundled examples) runs sample by sample inside a partition; a model with a
symbolic batch dimension runs each partition at once.
"""
import argparse
import sys
import time

import numpy as np
from distributed import Client, LocalCluster, WorkerPlugin, get_worker


class OnnxiSession(WorkerPlugin):
    """Gives each worker one onnxi.InferenceSession of the model (the bytes travel with the
    plugin, so workers need no shared file system)."""

    name = "onnxi-session"

    def __init__(self, model_bytes, threads=1):
        self.model_bytes = model_bytes
        self.threads = threads

    def setup(self, worker):
        import onnxi

        options = onnxi.SessionOptions()
        options.intra_op_num_threads = self.threads
        worker.onnxi_session = onnxi.InferenceSession(self.model_bytes, options)
        worker.onnxi_sessions_made = getattr(worker, "onnxi_sessions_made", 0) + 1


def run_partition(session, partition):
    """Runs one partition (input name -> array, the same number of samples in each) and
    returns the outputs, joined along the first axis."""
    first = session.get_inputs()[0].shape
    if first and first[0] == 1:
        n = len(next(iter(partition.values())))
        runs = [session.run(None, {k: v[i:i + 1] for k, v in partition.items()}) for i in range(n)]
        return [np.concatenate([r[k] for r in runs]) for k in range(len(runs[0]))]
    return session.run(None, partition)


def _on_worker(partition):
    return run_partition(get_worker().onnxi_session, partition)


def partitions(inputs, size):
    """The batch (input name -> array) cut along the first axis into pieces of `size`."""
    n = len(next(iter(inputs.values())))
    return [{k: v[i:i + size] for k, v in inputs.items()} for i in range(0, n, size)]


def run_batch(client, model_bytes, inputs, partition_size, threads=1):
    """Runs the whole batch on the cluster; returns the outputs in order, joined."""
    client.register_worker_plugin(OnnxiSession(model_bytes, threads))
    parts = client.scatter(partitions(inputs, partition_size))
    results = client.gather(client.map(_on_worker, parts, pure=False))
    return [np.concatenate([r[k] for r in results]) for k in range(len(results[0]))]


def random_inputs(model_bytes, samples, seed=0):
    """A batch of uniform [0, 1) float inputs for the model's declared shapes (first axis
    = samples; other symbolic dims = 1)."""
    import onnxi

    rng = np.random.default_rng(seed)
    session = onnxi.InferenceSession(model_bytes)
    batch = {}
    for i in session.get_inputs():
        dims = [d if isinstance(d, int) else 1 for d in i.shape[1:]]
        batch[i.name] = rng.random([samples] + dims, dtype=np.float32)
    return batch


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model")
    ap.add_argument("--samples", type=int, default=64)
    ap.add_argument("--partition", type=int, default=8, help="samples per task")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes")
    ap.add_argument("--threads", type=int, default=1, help="onnxi threads per worker")
    ap.add_argument("--scheduler", help="address of a running dask scheduler")
    args = ap.parse_args(argv)
    with open(args.model, "rb") as f:
        model_bytes = f.read()
    inputs = random_inputs(model_bytes, args.samples)
    cluster = None
    if args.scheduler is None:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1,
                               dashboard_address=None)
    with Client(args.scheduler or cluster) as client:
        start = time.perf_counter()
        outputs = run_batch(client, model_bytes, inputs, args.partition, args.threads)
        took = time.perf_counter() - start
        made = client.run(lambda dask_worker: dask_worker.onnxi_sessions_made)
    if cluster is not None:
        cluster.close()
    for k, out in enumerate(outputs):
        print("output %d: %s %s, mean %.6g" % (k, out.dtype, list(out.shape), float(out.mean())))
    print("%d samples in %d partitions on %d workers (one session each: %s) in %.2f s"
          % (args.samples, -(-args.samples // args.partition), len(made),
             sorted(made.values()), took))
    return 0


if __name__ == "__main__":
    sys.exit(main())
