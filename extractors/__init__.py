"""Layout-specific readers: bytes of one disclosure -> tables of cells with provenance (pure)."""
