"""Where the ingest flow's tasks run: threads in this process, a local Dask cluster of worker
processes (both cores of one machine), or an existing Dask cluster.  The flow stays the single
writer into DuckDB whichever runs the tasks."""
from __future__ import annotations

from prefect import Flow


def with_runner(flow: Flow, workers: int = 0, address: str | None = None) -> Flow:
    if not address and workers <= 1:
        return flow
    from prefect_dask import DaskTaskRunner

    if address:
        return flow.with_options(task_runner=DaskTaskRunner(address=address))
    return flow.with_options(task_runner=DaskTaskRunner(
        cluster_kwargs={"n_workers": workers, "processes": True, "threads_per_worker": 1, "dashboard_address": None}))
