"""examples/batch_dask.py on a two-worker dask.distributed LocalCluster: one session per
worker, and the same outputs, bit for bit, as one process running the same partitions."""
import os
import sys

import numpy as np
import pytest
from distributed import Client, LocalCluster

import onnxi

SOURCE = os.environ.get("ONNXI_SOURCE_DIR",
                        os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(SOURCE, "examples"))
import batch_dask  # noqa: E402


@pytest.fixture(scope="module")
def client():
    # Worker processes (spawned: they get this process's sys.path and PYTHONPATH).
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as c:
        yield c


def sessions_made(client):
    return client.run(lambda dask_worker: getattr(dask_worker, "onnxi_sessions_made", 0))


@pytest.mark.parametrize("example", ["resnet_mini", "transformer_mini"])
def test_cluster_outputs_equal_one_process(client, example):
    with open(os.path.join(SOURCE, "examples", example, "model.onnx"), "rb") as f:
        model = f.read()
    inputs = batch_dask.random_inputs(model, samples=10, seed=1)
    before = sessions_made(client)
    got = batch_dask.run_batch(client, model, inputs, partition_size=3)
    after = sessions_made(client)
    assert len(after) == 2
    assert all(after[w] == before[w] + 1 for w in after)  # one session per worker

    # One process, the same partitions, the same per-sample runs.
    local = onnxi.InferenceSession(model)
    parts = [batch_dask.run_partition(local, p) for p in batch_dask.partitions(inputs, 3)]
    want = [np.concatenate([p[k] for p in parts]) for k in range(len(parts[0]))]
    assert len(got) == len(want) == 1 and got[0].shape[0] == 10
    np.testing.assert_array_equal(got[0], want[0])
    # and a sample on its own
    first = local.run(None, {k: v[:1] for k, v in inputs.items()})[0]
    np.testing.assert_array_equal(got[0][:1], first)
