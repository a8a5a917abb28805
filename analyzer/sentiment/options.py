"""Scoring options: which football layers run on top of the exact VADER base."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Literal

# The VADER authors' cut-off on the compound score (Hutto & Gilbert 2014, and the
# vaderSentiment README): at or above +0.05 positive, at or below -0.05 negative.
VADER_NEUTRAL_BAND = 0.05

# The football band, chosen from data: on the TUNING half of the labelled World Cup 2014
# tweets (never the held-out half), with every other football layer on, the band with the
# best macro-F1 over positive/neutral/negative among 0.01 .. 0.5 (`python -m
# analyzer.evaluate --tune` repeats the search). Wider bands than VADER's did not help: the
# neutral tweets VADER gets wrong mostly carry a clear sentiment word (an advert's "great
# deals", "who are you supporting?"), while a wider band loses many more mildly positive or
# negative fan tweets. So the band came out narrower than VADER's, and only a little better
# (macro-F1 0.589 against 0.587 at 0.05; 0.556 at 0.3). Compound scores inside (-band, +band)
# are neutral.
FOOTBALL_NEUTRAL_BAND = 0.01


class ScorerName(StrEnum):
    """The scorers a user can choose (``--scorer``): the learned model, the football layers, VADER."""

    LEARNED = "learned"  # the football layers' VADER scores and the text, read by a trained model
    FOOTBALL = "football"  # every football layer on VADER, labels from the compound cut-offs
    VADER = "vader"  # vaderSentiment 3.3.2 exactly


SCORER_NAMES: tuple[str, ...] = tuple(name.value for name in ScorerName)
DEFAULT_SCORER = ScorerName.LEARNED

Layer = Literal["emoji", "elongation", "hashtags", "lexicon", "neutral_band", "language"]
LAYERS: tuple[Layer, ...] = (
    "emoji",
    "elongation",
    "hashtags",
    "lexicon",
    "neutral_band",
    "language",
)


@dataclass(frozen=True, slots=True)
class ScoringOptions:
    """Each football layer on or off; all off is plain VADER, exactly.

    - ``emoji``: emoji recognised whole (❤️ scores like ❤) and the football emoji table (🔥 is
      praise, not a blaze); off, VADER reads emoji its own way, one code point at a time.
    - ``elongation``: "YESSSSS" and "GOOOOAL" looked up as "YES" and "GOAL"; with
      ``emphasis``, a stretched word counts as emphasised, as VADER counts capitals.
    - ``hashtags``: "#ItsComingHome" read as words; team and tournament tags stay names.
    - ``lexicon``: the football words and phrases ("golazo", "gutted", "what a goal",
      "killed it", "Red Devils" as a name).
    - ``neutral_band``: compound scores inside (-band, +band) are neutral.
    - ``language``: text confidently not in English is unscored, with its language.

    ``learned`` puts the trained model (analyzer/sentiment/learned.py) on top of every layer:
    it gives the probabilities and the label; the compound stays the layers' VADER compound.
    The model was trained on text the layers rewrote, so it runs only with all of them on.
    """

    emoji: bool = True
    elongation: bool = True
    # Measured ("ours - emphasis" in `python -m analyzer.evaluate`): it moves neither set by
    # more than 0.0003; kept because a stretched word is emphasis in VADER's own sense.
    emphasis: bool = True
    hashtags: bool = True
    lexicon: bool = True
    neutral_band: float = FOOTBALL_NEUTRAL_BAND
    language: bool = True
    learned: bool = False

    def __post_init__(self) -> None:
        if not 0 < self.neutral_band < 1:
            raise ValueError(f"neutral_band must be between 0 and 1, not {self.neutral_band}")
        rewrites = (self.emoji, self.elongation, self.emphasis, self.hashtags, self.lexicon)
        if self.learned and not all(rewrites):
            # The model's features are words of the rewritten text: other rewrites, other words.
            raise ValueError("the learned scorer needs every rewriting layer on")

    @classmethod
    def plain(cls) -> ScoringOptions:
        """vaderSentiment 3.3.2 as published, with its +/-0.05 cut-offs."""
        return cls(
            emoji=False,
            elongation=False,
            emphasis=False,
            hashtags=False,
            lexicon=False,
            neutral_band=VADER_NEUTRAL_BAND,
            language=False,
        )

    @classmethod
    def football(cls) -> ScoringOptions:
        """Every football layer on, labels from the compound (``Scorer()``'s options)."""
        return cls()

    @classmethod
    def learned_model(cls) -> ScoringOptions:
        """Every football layer on, and the trained model: the default scorer."""
        return cls(learned=True)

    @classmethod
    def for_scorer(cls, name: str) -> ScoringOptions:
        """The options of a scorer named in ``SCORER_NAMES`` ("learned", "football", "vader")."""
        chosen = ScorerName(name)
        if chosen is ScorerName.VADER:
            return cls.plain()
        if chosen is ScorerName.FOOTBALL:
            return cls.football()
        return cls.learned_model()

    @property
    def scorer_name(self) -> ScorerName:
        """Which scorer these options are; layers switched one by one count as "football"."""
        if self.learned:
            return ScorerName.LEARNED
        if self == ScoringOptions.plain():
            return ScorerName.VADER
        return ScorerName.FOOTBALL

    def with_layer(self, layer: Layer, on: bool) -> ScoringOptions:
        """These options with one layer switched on or off (the band: football's or VADER's)."""
        if layer == "neutral_band":
            return replace(self, neutral_band=FOOTBALL_NEUTRAL_BAND if on else VADER_NEUTRAL_BAND)
        if layer == "elongation":
            return replace(self, elongation=on, emphasis=on)
        return replace(self, **{layer: on})

    def layers_on(self) -> tuple[Layer, ...]:
        """The layers that are on, in the order of ``LAYERS``."""
        on = {
            "emoji": self.emoji,
            "elongation": self.elongation,
            "hashtags": self.hashtags,
            "lexicon": self.lexicon,
            "neutral_band": self.neutral_band != VADER_NEUTRAL_BAND,
            "language": self.language,
        }
        return tuple(layer for layer in LAYERS if on[layer])
