"""How many examples a property test draws: all of them in `make test`, a tenth in `make check`.

`make check` (the staff's one-minute check after editing rules/) sets NINTEII_EXAMPLES=0.1;
the full suite, and CI, run every property with its own number."""
import os

SCALE = float(os.environ.get("NINTEII_EXAMPLES") or 1)


def examples(count: int) -> int:
    """`count` examples, scaled for a quick check (never fewer than 20)."""
    return max(20, round(count * SCALE)) if SCALE < 1 else count
