"""Quotes in article text: speech in quotation marks attributed to a person, and who that person is.

Quoted words are only a quote record when the text says who said them: a speech verb
beside a name, before the quote (``Kaneshita Misaki, 23, added: "..."``) or after it
(``"...," said 21-year-old Nao Okada`` / ``"...," Shunji Suga, a fan, told Al Jazeera``).
Translations, hashtags and words on a note are quoted but nobody's speech.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from analyzer.ingest.layout import Layout
from analyzer.records import Role

SPEECH_VERBS = (
    "said", "says", "added", "adds", "told", "tells", "explained", "explains", "insisted",
    "admitted", "admits", "continued", "declared", "exclaimed", "noted", "stated", "remarked",
    "commented", "joked", "laughed", "sighed", "shouted", "cried", "replied", "asked", "wrote",
    "tweeted", "posted", "recalled", "conceded", "claimed", "warned", "reflected", "beamed",
    "lamented", "confessed", "enthused", "gushed", "agreed",
)  # fmt: skip
_VERB = "|".join(SPEECH_VERBS)

# A quotation in one paragraph: curly or straight double quotes.
RE_QUOTE = re.compile(r"“(?P<curly>[^“”\n]*)”|\"(?P<straight>[^\"\n]*)\"")

# After the quote: the verb first ("said 21-year-old Nao Okada, who ...") ...
RE_VERB_THEN_SPEAKER = re.compile(
    rf"^[\s,.!?]*(?:{_VERB})\s+(?P<phrase>[^.,;:!?“”\"]+)(?P<rest>.*)$", re.S
)
# ... or the speaker first ("Shunji Suga, a fan who stayed up, told Al Jazeera.").
RE_SPEAKER_THEN_VERB = re.compile(
    rf"^[\s,]*(?P<phrase>[^.,;:!?“”\"]+?)(?P<rest>(?:,[^.;:!?“”\"]*?,)?)\s+(?:{_VERB})\b", re.S
)
# Before the quote, ending in a colon: "Kaneshita Misaki, 23, added:", "Kluivert, who said:".
RE_SPEAKER_COLON = re.compile(
    rf"(?P<subject>[^.!?“”\"]*?)\s*,?\s*(?:who\s+)?(?:{_VERB})\b[^:.!?“”\"]{{0,40}}:\s*$", re.S
)
RE_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")

RE_AGE_BEFORE = re.compile(r"\b(?P<age>\d{1,3})-year-old\b")
RE_AGE_AFTER = re.compile(r"^\s*(?:,\s*(?P<age>\d{1,3})\s*(?:,|$)|\((?P<age2>\d{1,3})\))")
RE_PRONOUN = re.compile(r"^(?:he|she|they)$", re.I)
# In "said Okada in Tokyo after the game" the name ends where these words begin.
RE_PHRASE_STOP = re.compile(
    r"\s(?:after|as|at|before|during|from|in|on|outside|to|when|while|who|with)\s", re.I
)
# A speaker named before the verb is a short phrase ("Japan coach Akira Nishino said");
# longer runs are prose that happens to end in a name and a verb.
MAX_SUBJECT_WORDS = 5

# Capitalised words that start sentences or clauses but never names.
NOT_NAMES = frozenset(
    [
        "a",
        "an",
        "and",
        "another",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "he",
        "her",
        "his",
        "however",
        "i",
        "in",
        "including",
        "it",
        "its",
        "meanwhile",
        "one",
        "our",
        "she",
        "so",
        "some",
        "that",
        "the",
        "their",
        "then",
        "these",
        "they",
        "this",
        "those",
        "we",
        "while",
        "with",
    ]
)
NAME_PARTICLES = frozenset(
    [
        "al",
        "bin",
        "da",
        "das",
        "de",
        "del",
        "della",
        "den",
        "der",
        "di",
        "do",
        "dos",
        "du",
        "el",
        "la",
        "le",
        "ten",
        "ter",
        "van",
        "von",
    ]
)

# Role words, read from the words around the speaker's name. Order matters: see infer_role.
RE_FAN = re.compile(r"\b(?:fans?|supporters?|spectators?|season[- ]ticket holders?|ultras)\b", re.I)
RE_NOT_THIS_COACH = re.compile(
    r"\b(?:former|ex-|school|youth|amateur|retired|junior|assistant)\s+(?:[\w-]+\s+){0,2}?(?:coach|manager)",
    re.I,
)
RE_COACH = re.compile(r"\b(?:head coach|coach|manager|boss)\b", re.I)
_PLAYER_NOUNS = (
    r"(?:player|striker|forward|midfielder|defender|goalkeeper|keeper|winger|captain"
    r"|international|footballer|full-back|centre-back|substitute)"
)
RE_FORMER_PLAYER = re.compile(
    rf"\b(?:former|ex-|retired)\s*(?:[\w-]+\s+){{0,4}}?{_PLAYER_NOUNS}\b", re.I
)
RE_PLAYER = re.compile(rf"\b{_PLAYER_NOUNS}\b", re.I)
RE_PUNDIT = re.compile(
    r"\b(?:pundit|analyst|commentator|broadcaster|columnist|journalist|presenter|reporter|correspondent)\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    role: Role
    age: int | None


@dataclass(frozen=True, slots=True)
class Quote:
    text: str
    start: int  # offset of the first character of the quoted words
    speaker: Speaker
    method: str  # how the speaker was found: "after", "before", "pronoun" or "continuation"


def find_quotes(layout: Layout, *, skip: Iterable[tuple[int, int]] = ()) -> list[Quote]:
    """Every attributed quote outside the ``skip`` spans (the embedded tweets), in order."""
    skipped = sorted(skip)
    text = layout.text
    quotes: list[Quote] = []
    last_speaker: Speaker | None = None
    previous_paragraph_speaker: Speaker | None = None
    for paragraph in layout.paragraphs:
        if any(start <= paragraph.start < end for start, end in skipped):
            previous_paragraph_speaker = None
            continue
        body = text[paragraph.start : paragraph.end]
        matches = list(RE_QUOTE.finditer(body))
        speaker_here: Speaker | None = None
        for i, m in enumerate(matches):
            words = m["curly"] if m["curly"] is not None else m["straight"]
            before = body[(matches[i - 1].end() if i else 0) : m.start()]
            after = body[m.end() : matches[i + 1].start() if i + 1 < len(matches) else len(body)]
            found = _attribute(before, after, document=text, last_speaker=last_speaker)
            if found is None and _is_whole_paragraph(body, m) and previous_paragraph_speaker:
                found = (previous_paragraph_speaker, "continuation")
            if found is None:
                continue
            speaker, method = found
            content = words.strip().rstrip(",").rstrip()
            if not content:
                continue
            group = "curly" if m["curly"] is not None else "straight"
            quotes.append(
                Quote(content, paragraph.start + m.start(group) + _leading(words), speaker, method)
            )
            speaker_here = last_speaker = speaker
        previous_paragraph_speaker = speaker_here
    return quotes


def _attribute(
    before: str, after: str, *, document: str, last_speaker: Speaker | None
) -> tuple[Speaker, str] | None:
    """Who said a quote, from the words right after it or, failing that, right before it."""
    sentence_after = after[: m.end()] if (m := RE_SENTENCE_END.search(after)) else after
    m = RE_VERB_THEN_SPEAKER.match(sentence_after)
    if m:
        phrase, tail = _cut_at_preposition(m["phrase"])
        found = _speaker(phrase, tail + m["rest"], document=document, last_speaker=last_speaker)
        if found:
            return found[0], found[1] or "after"
    m = RE_SPEAKER_THEN_VERB.match(sentence_after)
    if m and len(m["phrase"].split()) <= MAX_SUBJECT_WORDS:
        found = _speaker(m["phrase"], m["rest"], document=document, last_speaker=last_speaker)
        if found and (found[1] == "pronoun" or _ends_with_name(m["phrase"])):
            return found[0], found[1] or "after"
    sentence_before = before[_last_sentence_start(before) :]
    m = RE_SPEAKER_COLON.search(sentence_before)
    if m:
        # Only the clause that names the speaker describes them: in "celebrated by fans ...,
        # including former striker Patrick Kluivert, who said:" the fans are someone else.
        subject = m["subject"]
        span = _last_name_span(subject)
        clause_start = subject.rfind(",", 0, span[0]) + 1 if span else 0
        found = _speaker(subject[clause_start:], "", document=document, last_speaker=last_speaker)
        if found:
            return found[0], found[1] or "before"
    return None


def _speaker(
    phrase: str, trailing: str, *, document: str, last_speaker: Speaker | None
) -> tuple[Speaker, str | None] | None:
    """The speaker named in an attribution phrase, with age and role from the words around the name.

    Returns the speaker and, when it was not named outright, how it was found ("pronoun").
    """
    phrase = phrase.strip()
    if RE_PRONOUN.match(phrase):
        return (last_speaker, "pronoun") if last_speaker else None
    span = _last_name_span(phrase)
    if span is None:
        return None
    name = phrase[span[0] : span[1]]
    descriptor = phrase[: span[0]]
    appositive = _first_clause(phrase[span[1] :] + trailing)
    age = _age(descriptor, appositive)
    role = infer_role(f"{descriptor} {appositive}", name=name, age=age, document=document)
    return Speaker(name, role, age), None


def _cut_at_preposition(phrase: str) -> tuple[str, str]:
    """'Nishino after the game' -> ('Nishino', ' after the game'): the name comes before these words."""
    m = RE_PHRASE_STOP.search(phrase)
    return (phrase[: m.start()], phrase[m.start() :]) if m else (phrase, "")


def _ends_with_name(phrase: str) -> bool:
    span = _last_name_span(phrase)
    return span is not None and not phrase[span[1] :].strip()


def infer_role(words: str, *, name: str, age: int | None, document: str) -> Role:
    """The speaker's role from the words describing them, then from the rest of the document.

    A speaker introduced only with an age ("Kaneshita Misaki, 23") is the journalist's
    vox pop: a fan. "A former school football coach" is someone's background, not the
    coach of a team in the match.
    """
    if RE_FAN.search(words):
        return Role.FAN
    describing = RE_NOT_THIS_COACH.sub(" ", words)
    if RE_COACH.search(describing):
        return Role.COACH
    if RE_FORMER_PLAYER.search(describing):
        return Role.FORMER_PLAYER
    if RE_PLAYER.search(describing):
        return Role.PLAYER
    if RE_PUNDIT.search(describing):
        return Role.PUNDIT
    if _named_as_coach(name, document):
        return Role.COACH
    if age is not None:
        return Role.FAN
    return Role.UNKNOWN


def _named_as_coach(name: str, document: str) -> bool:
    """Whether the document calls this person a coach: "Coach Nishino", "X was appointed coach"."""
    surname = re.escape(name.split()[-1])
    title = rf"\b(?:[Cc]oach|[Mm]anager|[Hh]ead coach)\s+(?:[A-Z][\w’'-]+\s+)?{surname}\b"
    appointed = (
        rf"\b{surname}\b[^.]{{0,40}}?\b(?:was|is|has been|had been)\s+(?:\w+\s+){{0,2}}?"
        rf"(?:appointed|named|hired|made)\s+(?:\w+\s+){{0,3}}?(?:coach|manager)\b"
    )
    return bool(re.search(title, document) or re.search(appointed, document))


def _last_name_span(phrase: str) -> tuple[int, int] | None:
    """Character span of the last run of capitalised words in ``phrase`` that looks like a name."""
    spans: list[tuple[int, int]] = []
    run: tuple[int, int] | None = None
    for token in re.finditer(r"[^\s,()]+", phrase):
        word = token.group().strip("’'.")
        possessive = word.endswith(("’s", "'s"))  # "Japan’s coach": a description, not a name
        capitalised = (
            bool(word) and word[0].isupper() and word.lower() not in NOT_NAMES and not possessive
        )
        if capitalised and any(c.isalpha() for c in word):
            run = (run[0], token.end()) if run else (token.start(), token.end())
        elif run and word.lower() in NAME_PARTICLES:
            continue  # "Kevin De Bruyne", "Virgil van Dijk": the run goes on
        else:
            if run:
                spans.append(run)
            run = None
    if run:
        spans.append(run)
    return spans[-1] if spans else None


def _age(descriptor: str, appositive: str) -> int | None:
    m = RE_AGE_BEFORE.search(descriptor)
    if m:
        return int(m["age"])
    m = RE_AGE_AFTER.match(appositive)
    if m:
        return int(m["age"] or m["age2"])
    return None


def _first_clause(text: str) -> str:
    """The appositive up to the end of its sentence: the words that describe the speaker."""
    m = RE_SENTENCE_END.search(text)
    return text[: m.start()] if m else text


def _last_sentence_start(text: str) -> int:
    ends = list(RE_SENTENCE_END.finditer(text))
    return ends[-1].end() if ends else 0


def _is_whole_paragraph(body: str, m: re.Match[str]) -> bool:
    return not body[: m.start()].strip() and not body[m.end() :].strip()


def _leading(s: str) -> int:
    return len(s) - len(s.lstrip())
