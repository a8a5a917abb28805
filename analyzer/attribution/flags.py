"""Flag emoji from region codes: JP -> 🇯🇵, gb-eng -> 🏴󠁧󠁢󠁥󠁮󠁧󠁿."""

from __future__ import annotations

import re

# Regional indicator A (flags are two of them) and the tag characters of subdivision flags.
REGIONAL_INDICATOR_A = 0x1F1E6


BLACK_FLAG = "\U0001f3f4"


TAG_OFFSET = 0xE0000


CANCEL_TAG = "\U000e007f"


RE_COUNTRY = re.compile(r"[A-Za-z]{2}")


RE_SUBDIVISION = re.compile(r"[a-z]{2}-[a-z0-9]{1,3}")  # ISO 3166-2, as in gb-eng


def flag_emoji(region: str) -> str:
    """'JP' -> 🇯🇵; 'gb-eng' -> 🏴󠁧󠁢󠁥󠁮󠁧󠁿 (a black flag, the subdivision in tag letters, a cancel tag)."""
    if RE_COUNTRY.fullmatch(region):
        return "".join(chr(REGIONAL_INDICATOR_A + ord(c) - ord("A")) for c in region.upper())
    if not RE_SUBDIVISION.fullmatch(region):
        raise ValueError(f"flag {region!r} is neither a country (JP) nor a subdivision (gb-eng)")
    tags = "".join(chr(TAG_OFFSET + ord(c)) for c in region.replace("-", ""))
    return BLACK_FLAG + tags + CANCEL_TAG
