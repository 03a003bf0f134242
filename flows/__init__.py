"""Orchestration and effects: reading sources, the Prefect ingest flow, the CLI, sample corpora."""
