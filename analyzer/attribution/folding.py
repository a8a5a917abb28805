"""Accent folding for name matching: Martínez finds Martinez, with where each folded character came from."""

from __future__ import annotations

import unicodedata

# Letters that are no accented forms in Unicode and so survive NFD: matched as their base.
EXTRA_FOLDS = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ı": "i", "ħ": "h"}


# Scripts written without spaces between words (CJK from U+2E80 on) have no word boundaries.
FIRST_UNSPACED_CODE_POINT = 0x2E80


def fold(text: str) -> tuple[str, list[int] | None]:
    """The text with accents taken off (é -> e, ł -> l), and where each folded character came from.

    The second item is None when every character stays in place (no combining mark was
    dropped), which is always so for text in composed form (NFC), as nearly all text is.
    """
    if text.isascii():
        return text, None
    folded = text.translate(_FOLDS)
    if len(folded) == len(text):
        return folded, None
    return folded, [i for i, ch in enumerate(text) if _FOLDS[ord(ch)]]


class _FoldTable(dict[int, str]):
    """str.translate table filled on first use: a character -> its base letter, '' for a mark."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if code >= FIRST_UNSPACED_CODE_POINT:
            folded = ch  # kana voicing marks (ブ = フ + ゛) are not accents
        elif ch in EXTRA_FOLDS:
            folded = EXTRA_FOLDS[ch]
        elif unicodedata.combining(ch):
            folded = ""
        else:
            base = [c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)]
            folded = base[0] if len(base) == 1 else ch
        self[code] = folded
        return folded


_FOLDS = _FoldTable()
