"""Write the SHA-256 checksums of the installed spaCy pipeline's files into the package.

Run after upgrading the pinned pipeline (`make pin-pipeline`); `sitreps.nlp` verifies them at load.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sitreps.nlp.pipeline import CHECKSUMS_FILE, DEFAULT_PIPELINE, pipeline_files


def main() -> int:
    name = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_PIPELINE
    files = pipeline_files(name)
    manifest = {"pipeline": name, "files": files}
    Path(CHECKSUMS_FILE).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    print(f"pinned {len(files)} files of {name} in {CHECKSUMS_FILE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
