"""The garbage collector's pace in the processes that run the passes: rarer young collections.

Reading, scoring and tabling a block makes a few hundred thousand small objects (records,
scores, tuples) that mostly live until the block's slice is made. At CPython's default
threshold (a young collection every 700 allocations more than deallocations) the
collector walks the young objects hundreds of times per block, finding nothing to free.
The objects hold no reference cycles that matter to memory: the slices, not the objects,
are what a run keeps.
"""

from __future__ import annotations

import gc

# Allocations between young collections (CPython's default: 700), and how many young and
# middle collections go before an older one (defaults 10 and 10).
YOUNG_THRESHOLD = 50_000
MIDDLE_EVERY = 20
OLD_EVERY = 100


def pace_for_blocks() -> None:
    """Collect less often in this process. Called by the command line and by worker processes
    at start, never on import or by the library's ``analyze``: a caller's process keeps its own."""
    gc.set_threshold(YOUNG_THRESHOLD, MIDDLE_EVERY, OLD_EVERY)
