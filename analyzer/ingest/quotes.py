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

from analyzer.ingest.layout import Layout, Spans
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
# A name's words may hold dots and digits: "JOE.co.uk", "Sanket S. Sanap", "BBC 5 Live Sport".
_PHRASE_CHAR = r"(?:[^.,;:!?“”\"]|\.(?=\w)|(?<=\b[A-Z])\.)"
RE_VERB_THEN_SPEAKER = re.compile(
    rf"^[\s,.!?]*(?:{_VERB})\s+(?P<phrase>{_PHRASE_CHAR}+)(?P<rest>.*)$", re.S
)
# ... or the speaker first ("Shunji Suga, a fan who stayed up, told Al Jazeera.").
RE_SPEAKER_THEN_VERB = re.compile(
    rf"^[\s,]*(?P<phrase>{_PHRASE_CHAR}+?)(?P<rest>(?:,[^.;:!?“”\"]*?,)?)\s+(?:{_VERB})\b", re.S
)
# Before the quote, ending in a colon: "Kaneshita Misaki, 23, added:", "Kluivert, who said:".
RE_SPEAKER_COLON = re.compile(
    rf"(?P<subject>[^.!?“”\"]*?)\s*,?\s*(?:who\s+)?(?:{_VERB})\b[^:.!?“”\"]{{0,40}}:\s*$", re.S
)
# A full stop after a lone capital is an initial ("Sanket S. Sanap"), not a sentence's end.
RE_SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?](?=\s|$)")
# An attribution before a quote ("Kaneshita Misaki, 23, added:") is a short clause; only this
# much of the sentence before a quote is searched for one, so that a long run of text without
# a full stop is not searched from each of its characters.
MAX_ATTRIBUTION_CHARS = 300

RE_AGE_BEFORE = re.compile(r"\b(?P<age>\d{1,3})-year-old\b")
RE_AGE_AFTER = re.compile(r"^\s*(?:,\s*(?P<age>\d{1,3})\s*(?:,|$)|\((?P<age2>\d{1,3})\))")
RE_PRONOUN = re.compile(r"^(?:he|she|they)$", re.I)
# "one Twitter user", "another fan", "a supporter on social media": somebody, unnamed.
RE_UNNAMED = re.compile(
    r"^(?:one|another|a|an|some|the|this|that|many|several)\b[^.]*?"
    r"\b(?:users?|fans?|supporters?|people|person|accounts?|followers?|tweeters?|commenters?"
    r"|viewers?|readers?|netizens?)\b",
    re.I,
)
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

# Where a document calls someone coach: a title before the name, or an appointment after it
# (the name at most APPOINTMENT_REACH characters before the verb).
RE_COACH_TITLE = re.compile(r"\b(?:[Cc]oach|[Mm]anager|[Hh]ead coach)\s+")
RE_APPOINTED = re.compile(
    r"\b(?:was|is|has been|had been)\s+(?:\w+\s+){0,2}?"
    r"(?:appointed|named|hired|made)\s+(?:\w+\s+){0,3}?(?:coach|manager)\b"
)
APPOINTMENT_REACH = 41

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
    """Every attributed quote outside the ``skip`` spans (the embedded tweets), in order.

    A quote of several paragraphs is written, by the journalists' convention, with an
    opening quotation mark at the start of each paragraph and a closing one only at the end;
    it is one quote, found in :meth:`_Finder.open_quote`.
    """
    return _Finder(layout, Spans(skip)).find()


@dataclass(frozen=True, slots=True)
class _Chain:
    """A quote left open at the end of its paragraph, with the paragraphs that go on with it."""

    parts: list[tuple[int, str]]  # (offset of the words in the document, the words) per paragraph
    last: int  # index of its last paragraph
    closed: bool  # whether a closing mark ends it (the first quotation of its last paragraph)
    after: str  # the words after that closing mark, up to the next quotation


class _Finder:
    """Walks an article's paragraphs, keeping track of who spoke last."""

    def __init__(self, layout: Layout, skipped: Spans) -> None:
        self.text = layout.text
        self.paragraphs = layout.paragraphs
        self.skipped = skipped
        self.coaches = CoachMentions(layout.text)
        self.quotes: list[Quote] = []
        self.last_speaker: Speaker | None = None

    def find(self) -> list[Quote]:
        previous: Speaker | None = None  # who spoke in the paragraph before, for a continuation
        carried: Speaker | None = None  # who spoke in the quote that ended at the paragraph start
        index, first = 0, 0  # the paragraph, and its first quotation not yet read
        while index < len(self.paragraphs):
            paragraph = self.paragraphs[index]
            if paragraph.start in self.skipped:
                previous, index, first = None, index + 1, 0
                continue
            body = self.text[paragraph.start : paragraph.end]
            matches = list(RE_QUOTE.finditer(body))
            here = carried
            carried = None
            for i in range(first, len(matches)):
                m = matches[i]
                before = body[(matches[i - 1].end() if i else 0) : m.start()]
                after = body[
                    m.end() : matches[i + 1].start() if i + 1 < len(matches) else len(body)
                ]
                found = self.attribute(before, after)
                if found is None and _is_whole_paragraph(body, m) and previous:
                    found = (previous, "continuation")
                if found and self.add([_words(paragraph.start, m)], *found):
                    here = found[0]
            opening = _open_quote(body, matches[-1].end() if matches else 0)
            if opening is None:
                previous, index, first = here, index + 1, 0
                continue
            before = body[(matches[-1].end() if matches else 0) : opening]
            chain = self.open_quote(index, opening)
            found = self.chain_speaker(chain, before, here, previous)
            if found is None and chain.closed:
                # No one speaker for the whole (two are named, one before the open mark and one
                # after the closing, or none is): a mark left open, which its paragraph ends;
                # the paragraphs after it are read on their own.
                chain = _Chain(chain.parts[:1], index, False, "")
                found = self.chain_speaker(chain, before, here, previous)
            if found and self.add(chain.parts, *found):
                here = found[0]
            if chain.closed:  # the last paragraph goes on after the closing mark
                carried, index, first = here, chain.last, 1
            else:
                previous, index, first = here, chain.last + 1, 0
        return self.quotes

    def open_quote(self, index: int, opening: int) -> _Chain:
        """The quote opened at ``opening`` in paragraph ``index`` and never closed there.

        Each next paragraph that opens with a quotation mark goes on with it: one left open
        too, or one whose first quotation closes it (the quote ends there). Any other
        paragraph ends the quote at the end of the paragraph before: an unclosed mark never
        takes in the prose after it.
        """
        paragraph = self.paragraphs[index]
        parts = [
            (
                paragraph.start + opening + 1,
                self.text[paragraph.start + opening + 1 : paragraph.end],
            )
        ]
        for later in range(index + 1, len(self.paragraphs)):
            following = self.paragraphs[later]
            if following.start in self.skipped:
                break
            body = self.text[following.start : following.end]
            lead = _leading(body)
            if body[lead : lead + 1] not in ("“", '"'):
                break
            if m := RE_QUOTE.match(body, lead):
                following_quotes = RE_QUOTE.search(body, m.end())
                after = body[m.end() : following_quotes.start() if following_quotes else len(body)]
                return _Chain([*parts, _words(following.start, m)], later, True, after)
            if _open_quote(body, 0) != lead:
                break
            parts.append((following.start + lead + 1, body[lead + 1 :]))
        return _Chain(parts, index + len(parts) - 1, False, "")

    def chain_speaker(
        self, chain: _Chain, before: str, here: Speaker | None, previous: Speaker | None
    ) -> tuple[Speaker, str] | None:
        """Who said a quote left open: named after its closing mark or before its opening one,
        else the speaker of the quote before it in its paragraph, or of the paragraph before."""
        named_after = self.attribute("", chain.after) if chain.closed else None
        named_before = self.attribute(before, "")
        if named_after and named_before and named_after[0].name != named_before[0].name:
            return None
        if found := named_after or named_before:
            return found
        if here is not None:
            return here, "continuation"
        if previous is not None and not before.strip():
            return previous, "continuation"
        return None

    def add(self, parts: list[tuple[int, str]], speaker: Speaker, method: str) -> bool:
        """Keep a quote (its paragraphs' words), unless there are no words in it."""
        content = "\n\n".join(words.strip() for _, words in parts).rstrip().rstrip(",").rstrip()
        if not content:
            return False
        start, words = parts[0]
        self.quotes.append(Quote(content, start + _leading(words), speaker, method))
        self.last_speaker = speaker
        return True

    def attribute(self, before: str, after: str) -> tuple[Speaker, str] | None:
        return _attribute(before, after, coaches=self.coaches, last_speaker=self.last_speaker)


def _attribute(
    before: str, after: str, *, coaches: CoachMentions, last_speaker: Speaker | None
) -> tuple[Speaker, str] | None:
    """Who said a quote, from the words right after it or, failing that, right before it."""
    sentence_after = after[: m.end()] if (m := RE_SENTENCE_END.search(after)) else after
    m = RE_VERB_THEN_SPEAKER.match(sentence_after)
    if m:
        phrase, tail = _cut_at_preposition(m["phrase"])
        found = _speaker(phrase, tail + m["rest"], coaches=coaches, last_speaker=last_speaker)
        if found:
            return found[0], found[1] or "after"
    m = RE_SPEAKER_THEN_VERB.match(sentence_after)
    if m and len(m["phrase"].split()) <= MAX_SUBJECT_WORDS:
        found = _speaker(m["phrase"], m["rest"], coaches=coaches, last_speaker=last_speaker)
        if found and (found[1] == "pronoun" or _ends_with_name(m["phrase"])):
            return found[0], found[1] or "after"
    sentence_before = before[_last_sentence_start(before) :][-MAX_ATTRIBUTION_CHARS:]
    m = RE_SPEAKER_COLON.search(sentence_before)
    if m:
        # Only the clause that names the speaker describes them: in "celebrated by fans ...,
        # including former striker Patrick Kluivert, who said:" the fans are someone else.
        subject = m["subject"]
        span = _last_name_span(subject)
        clause_start = subject.rfind(",", 0, span[0]) + 1 if span else 0
        found = _speaker(subject[clause_start:], "", coaches=coaches, last_speaker=last_speaker)
        if found:
            return found[0], found[1] or "before"
    return None


def _speaker(
    phrase: str, trailing: str, *, coaches: CoachMentions, last_speaker: Speaker | None
) -> tuple[Speaker, str | None] | None:
    """The speaker named in an attribution phrase, with age and role from the words around the name.

    Returns the speaker and, when it was not named outright, how it was found ("pronoun").
    """
    phrase = phrase.strip()
    if RE_UNNAMED.match(phrase):
        return None
    if RE_PRONOUN.match(phrase):
        return (last_speaker, "pronoun") if last_speaker else None
    span = _last_name_span(phrase)
    if span is None:
        return None
    name = phrase[span[0] : span[1]]
    descriptor = phrase[: span[0]]
    appositive = _first_clause(phrase[span[1] :] + trailing)
    age = _age(descriptor, appositive)
    role = infer_role(f"{descriptor} {appositive}", name=name, age=age, coaches=coaches)
    return Speaker(name, role, age), None


def _cut_at_preposition(phrase: str) -> tuple[str, str]:
    """'Nishino after the game' -> ('Nishino', ' after the game'): the name comes before these words."""
    m = RE_PHRASE_STOP.search(phrase)
    return (phrase[: m.start()], phrase[m.start() :]) if m else (phrase, "")


def _ends_with_name(phrase: str) -> bool:
    span = _last_name_span(phrase)
    return span is not None and not phrase[span[1] :].strip()


def infer_role(words: str, *, name: str, age: int | None, coaches: CoachMentions) -> Role:
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
    if coaches.names(name):
        return Role.COACH
    if age is not None:
        return Role.FAN
    return Role.UNKNOWN


class CoachMentions:
    """Whether a document calls someone a coach: "Coach Nishino", "X was appointed coach".

    The places that could say so are found once; each speaker is then looked for only
    there, once, so an article of many quotes is not searched whole for each of them.
    """

    def __init__(self, document: str) -> None:
        self.document = document
        self._titles = [m.end() for m in RE_COACH_TITLE.finditer(document)]
        self._appointments = [(m.start(), m.end()) for m in RE_APPOINTED.finditer(document)]
        self._known: dict[str, bool] = {}

    def names(self, name: str) -> bool:
        surname = name.split()[-1]
        if surname not in self._known:
            self._known[surname] = self._look_for(surname)
        return self._known[surname]

    def _look_for(self, surname: str) -> bool:
        escaped = re.escape(surname)
        if self._titles:
            after_title = re.compile(rf"(?:[A-Z][\w’'-]+\s+)?{escaped}\b")
            if any(after_title.match(self.document, end) for end in self._titles):
                return True
        if self._appointments:
            # The surname ends at most 40 characters before "was appointed ... coach".
            appointed = re.compile(rf"\b{escaped}\b[^.]{{0,40}}?{RE_APPOINTED.pattern}")
            reach = len(surname) + APPOINTMENT_REACH
            for start, end in self._appointments:
                if appointed.search(self.document, max(0, start - reach), end):
                    return True
        return False


def _last_name_span(phrase: str) -> tuple[int, int] | None:
    """Character span of the last run of capitalised words in ``phrase`` that looks like a name."""
    spans: list[tuple[int, int]] = []
    run: tuple[int, int] | None = None
    named_end = 0  # where the run's last capitalised word ends
    for token in re.finditer(r"[^\s,()]+", phrase):
        word = token.group().strip("’'.")
        possessive = word.endswith(("’s", "'s"))  # "Japan’s coach": a description, not a name
        capitalised = (
            bool(word) and word[0].isupper() and word.lower() not in NOT_NAMES and not possessive
        )
        if capitalised and any(c.isalpha() for c in word):
            run = (run[0], token.end()) if run else (token.start(), token.end())
            named_end = run[1]
        elif run and (word.lower() in NAME_PARTICLES or word.isdigit()):
            continue  # "Kevin De Bruyne", "BBC 5 Live Sport": the run goes on
        else:
            if run:
                spans.append((run[0], named_end))
            run = None
    if run:
        spans.append((run[0], named_end))  # a number after the name is not part of it
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


def _words(paragraph_start: int, m: re.Match[str]) -> tuple[int, str]:
    """A closed quotation's words and their offset in the document."""
    group = "curly" if m["curly"] is not None else "straight"
    return paragraph_start + m.start(group), m[group]


def _open_quote(body: str, start: int) -> int | None:
    """Where a quotation mark opens after ``start`` in a paragraph and is not closed in it.

    A straight mark right after a letter or digit closes something, or is inches (6'2"):
    it opens nothing.
    """
    rest = body[start:]
    curly = rest.find("“")
    if curly != -1 and "”" in rest[curly:]:
        curly = -1
    straight = rest.find('"') if rest.count('"') == 1 else -1
    if straight != -1 and start + straight > 0 and body[start + straight - 1].isalnum():
        straight = -1
    found = [at for at in (curly, straight) if at != -1]
    return start + min(found) if found else None
