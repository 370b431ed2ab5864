"""The job's script for ``spark-submit``:
``spark-submit [spark options] spark_submit.py INPUT OUTPUT [options]``.

It runs ``sitreps spark`` with the session spark-submit configured (its master, executors and archives).
"""

from __future__ import annotations

import sys

from sitreps.cli import main

if __name__ == "__main__":
    sys.argv = ["sitreps spark", "spark", *sys.argv[1:]]
    main()
