"""python -m flows.samples DIR [COUNT]: write synthetic disclosures with known figures into DIR."""
import sys
from pathlib import Path

from .corpus import write_corpus

if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: python -m flows.samples DIR [COUNT]")
    paths = write_corpus(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) == 3 else 6)
    print(f"wrote {len(paths)} sample disclosures to {sys.argv[1]}")
