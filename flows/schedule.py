"""The nightly deployment of the ingest flow: a cron schedule over a manifest of sources."""
from __future__ import annotations

from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron

from .ingest import ingest_flow

DEFAULT_CRON = "0 2 * * *"
DEFAULT_TZ = "Asia/Shanghai"


def nightly_deployment(manifest: str, db: str, cron: str = DEFAULT_CRON, timezone: str = DEFAULT_TZ,
                       work_pool: str | None = None) -> RunnerDeployment:
    return ingest_flow.to_deployment(
        name="nightly", schedule=Cron(cron, timezone=timezone), work_pool_name=work_pool,
        parameters={"sources": [], "db": db, "manifest": manifest},
        description="Nightly ingest of the disclosure manifest into the DuckDB warehouse")
