"""Synthetic disclosures with known figures, rendered into each layout family (demo and tests)."""
