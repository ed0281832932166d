"""Who said what: direct quotes and reported speech, attributed to canonical speakers.

Direct quotes are found in straight or curly quotation marks (single-word scare quotes
are not statements). A quote's speaker is the subject of the first verb above it in the
dependency tree that has an actor for subject ("Kirby said", "the army's general command
said in a statement", "Jaafari told the General Assembly the plan is "..."", "decried a
"double standard""); media in that chain ("..., the Syrian Arab News Agency said",
"according to AFP") are the medium, not the speaker. A quote with no verb in its sentence
continues the quote just before it ("...," Kirby said. "..."). "he"/"she" is the last
person who spoke, else the last person named outside quotes.

Reported speech: a speech verb with a clausal complement ("X said (that) ...", "adding
that ...", "X told the General Assembly the plan is ...", "X called Y a victory ..."),
and "according to X".
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from graph.core.model import ActorRef, Statement, TimeValue
from graph.extract.actors import ArticleEntities
from graph.extract.doctext import doc_text
from graph.lexicon.names import clean_name, slug, strip_titles
from graph.lexicon.words import (
    CLAIM_NOUNS,
    COGNITION_VERBS,
    DEFINITE_DETERMINERS,
    EVIDENCE_VERBS,
    FEMALE_GIVEN_NAMES,
    FEMALE_WORDS,
    GROUP_SHARE_WORDS,
    GROUP_SPEAKER_PRONOUNS,
    INDIRECT_VERBS,
    MALE_GIVEN_NAMES,
    MALE_WORDS,
    MEDIA_PRODUCTS,
    NOT_SPEAKER_NOUNS,
    NOT_TURN_LABELS,
    ORGANIZATION_NOUNS,
    PERSON_SPEAKER_PRONOUNS,
    POLL_NOUNS,
    PREP_STANCE_NOUNS,
    PREP_STANCE_VERBS,
    QUESTION_VERBS,
    QUESTION_WORDS,
    QUOTE_VERBS,
    RECORD_NOUNS,
    REPORT_VERBS,
    REQUEST_VERBS,
    SPEAKER_NOT_NAME_MODIFIERS,
    SPEAKER_NOUNS,
    STANCE_VERBS,
    STATED_INTENT_VERBS,
    STATEMENT_MEDIA,
    STATEMENT_NOUNS,
    VIEW_VERBS,
)

# verbs whose clausal complement is what someone said or thinks: its subject is no speaker
REPORTING_HEADS = QUOTE_VERBS | INDIRECT_VERBS | COGNITION_VERBS
# a transcript's turn: a paragraph (or quotation) that opens with its speaker's name in capitals
TURN = re.compile(r"([A-Z][A-Z.'\u2019\- ]{1,30}[A-Z.])\s*:\s+(?=\S)")
OPEN_QUOTES = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb", "``": "''", "''": "''"}
# a quotation continued into the next paragraph reopens it with an opening mark and no closing one
MIN_OPEN_RUN = 2
MIN_UNATTRIBUTED_WORDS = 8  # a quotation with no speaker found is kept from this many words on
MAX_PRONOUN_SENTENCES = 8  # how far back "he"/"she" looks for the person it means
SHE_SENTENCES = 3  # within these, a woman wins over a nearer person of unknown gender
MAX_CUE_GAP = 80  # characters between two pieces of one quotation ('," the mayor said on Monday. "')  # words an unclosed quote must run to count as speech


def find_quotes(text: str, skip=()) -> list[tuple[int, int]]:
    r"""(start, end) of the words inside each pair of quotation marks, per paragraph.

    Marks are balanced per paragraph: an opening mark with no closing one in its paragraph runs to
    the paragraph's end (news style opens every paragraph of a long quotation and closes only the
    last), so an odd number of marks never shifts the pairs of later paragraphs.

    >>> t = 'He said: \u201cWe will stay.\n\n\u201cWe will not leave,\u201d he added.'
    >>> [t[s:e] for s, e in find_quotes(t)]
    ['We will stay.', 'We will not leave']
    >>> t = "''We are ready,'' Mr. Lee said."
    >>> [t[s:e] for s, e in find_quotes(t)]
    ['We are ready']
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for para in re.split(r"(\n\s*\n)", text):
        if para.strip() and not re.fullmatch(r"\n\s*\n", para):
            out += _quotes_in(para, pos)
        pos += len(para)
    return [(s, e) for s, e in out if not any(a < e and s < b for a, b in skip)]


_MARK_START = re.compile("[" + re.escape("".join(sorted({m[0] for m in OPEN_QUOTES} | {"`", "'"}))) + "]")


def _mark_at(para: str, i: int) -> str:
    """The opening mark at ``para[i]`` ("``" and "''" are two characters), or ""."""
    two = para[i:i + 2]
    if two in ("``", "''"):
        return two
    ch = para[i]
    if ch == "'" or ch not in OPEN_QUOTES:
        return ""
    return ch


def _close_of(para: str, i: int, mark: str) -> int:
    """Where the mark opened at ``i`` closes in ``para``, or -1."""
    close = OPEN_QUOTES[mark]
    start = i + len(mark)
    j = para.find(close, start)
    if mark == "\u201c":
        nested = _nested_close(para, start)
        if nested >= 0:
            return nested
        # an opening mark typed where the closing one belongs ('\u201cIt is unusual,\u201c said Noble'): after
        # the words' last stop and before a space, it closes
        wrong = re.search(r"[,.!?\u2026]\u201c(?=\s|$)", para[start:])
        if wrong is not None and (j < 0 or start + wrong.end() - 1 < j):
            return start + wrong.end() - 1
        # a curly quote may be closed by a straight one in sloppy text
        k = para.find('"', start)
        nxt_open = para.find("\u201c", start)
        if j < 0 or (nxt_open >= 0 and nxt_open < j):
            j = k if k >= 0 and (nxt_open < 0 or k < nxt_open) else (j if nxt_open < 0 or j < nxt_open else -1)
    elif mark == '"':
        # ... and a straight one by a curly one ('"Nothing will change,” he said')
        k = para.find("\u201d", start)
        if k >= 0 and (j < 0 or k < j):
            j = k
    return j


def _nested_close(para: str, start: int) -> int:
    """The curly mark that closes a quotation opened before ``start`` when a quotation nests inside it
    (\u201cHis claim that it \u201cwill pass\u201d is absurd,\u201d she said), or -1 when there is no nesting or
    the marks never balance."""
    depth, nested = 1, False
    for k in range(start, len(para)):
        ch = para[k]
        if ch == "\u201c":
            depth, nested = depth + 1, True
        elif ch == "\u201d":
            depth -= 1
            if depth == 0:
                return k if nested else -1
    return -1


def _span(para: str, s: int, e: int, offset: int) -> tuple[int, int] | None:
    inner = para[s:e]
    s2 = s + (len(inner) - len(inner.lstrip()))
    e2 = e - (len(inner) - len(inner.rstrip()))
    while e2 > s2 and para[e2 - 1] in ",;:":
        e2 -= 1
    return (offset + s2, offset + e2) if e2 > s2 else None


def _quotes_in(para: str, offset: int) -> list[tuple[int, int]]:
    out = []
    i = 0
    n = len(para)
    while i < n:
        mark = _mark_at(para, i)
        if not mark:
            # (straight to the next character that may open a quotation: no mark starts in between)
            nxt = _MARK_START.search(para, i + 1)
            if nxt is None:
                break
            i = nxt.start()
            continue
        j = _close_of(para, i, mark)
        if j < 0:
            # unclosed: the quotation runs to the paragraph's end when it opens the paragraph or a
            # sentence ("He said: 'We will ..."), else the mark is a stray one
            before = para[:i].rstrip()
            rest = para[i + len(mark):]
            if (not before or before[-1] in ".:,!?") and len(rest.split()) >= MIN_OPEN_RUN \
                    and not any(m in rest for m in OPEN_QUOTES if m != mark):
                sp = _span(para, i + len(mark), n, offset)
                if sp is not None:
                    out.append(sp)
                break
            i += len(mark)
            continue
        sp = _span(para, i + len(mark), j, offset)
        if sp is not None:
            out.append(sp)
        i = j + len(OPEN_QUOTES[mark])
    return out


@dataclass
class Attribution:
    speaker: ActorRef | None
    verb: Token | None
    medium: str = ""


@dataclass
class StatementFinder:
    doc: Doc
    ents: ArticleEntities
    quotes: list[tuple[int, int]] = field(default_factory=list)
    spoken: list[tuple[int, ActorRef]] = field(default_factory=list)  # (char offset, speaker)

    def __post_init__(self) -> None:
        self.text = doc_text(self.doc)
        if not self.quotes:
            self.quotes = find_quotes(self.text, self.ents.article.skip)
        self.genders = self._genders()
        # a transcript: two paragraphs or more open with a speaker's label in capitals
        labels = [m.group(1) for m in re.finditer(r"(?m)^[\"\u201c]?" + TURN.pattern, self.text)]
        self.transcript = sum(1 for t in labels if t.replace(".", " ").strip().casefold() not in NOT_TURN_LABELS) >= 2

    def turn_speaker(self, label: str, at: int) -> ActorRef | None:
        """The speaker a transcript labels in capitals ("WALLACE:"): the person of the article with that
        name, else the label itself when the article gives it more than one turn."""
        words = label.replace(".", " ").split()
        if not words or " ".join(words).casefold() in NOT_TURN_LABELS or len(words) > 4:
            return None
        name = " ".join(w.capitalize() for w in words)
        people = [a for a in self.ents.actors if a.type == "person"]
        for a in people:
            parts = a.name.casefold().split()
            if name.casefold() in (a.name.casefold(), parts[-1], parts[0]):
                return ActorRef(key=a.key, name=a.name, type="person", text=label, start=at, end=at + len(label),
                                country=a.country, affiliation=a.affiliation)
        if not self.transcript:
            return None  # one capitalised label is not a transcript
        return ActorRef(key="person_" + "_".join(w.lower() for w in words), name=name, type="person",
                        text=label, start=at, end=at + len(label))

    def in_quote(self, i: int) -> bool:
        starts, ends = self._quote_index()
        k = bisect_right(starts, i) - 1
        return k >= 0 and i < ends[k]

    def _quote_index(self) -> tuple[list[int], list[int]]:
        """The quotes as sorted, disjoint [start, end) runs (asked for at every word: kept until
        ``quotes`` changes)."""
        key = (id(self.quotes), len(self.quotes))
        got = self.__dict__.get("_quote_runs")
        if got is None or got[0] != key:
            starts: list[int] = []
            ends: list[int] = []
            for s, e in sorted(q for q in self.quotes if q[0] < q[1]):
                if ends and s <= ends[-1]:
                    ends[-1] = max(ends[-1], e)
                else:
                    starts.append(s)
                    ends.append(e)
            got = self.__dict__["_quote_runs"] = (key, (starts, ends))
        return got[1]

    def _outside_speech(self, tok: Token) -> bool:
        """Whether a word is inside a quote or on a furniture line: no reported speech starts there."""
        return self.in_quote(tok.idx) or self._in_furniture(tok.idx)

    def _in_furniture(self, i: int) -> bool:
        return any(a <= i < b for a, b in self.ents.article.skip)

    def _mostly_quoted(self, s: int, e: int) -> bool:
        """Whether a direct quote covers half of [s, e) or more (then the quote is the statement)."""
        return sum(min(b, e) - max(a, s) for a, b in self.quotes if a < e and s < b) * 2 >= e - s

    def _reported(self, tok: Token, text: str, start: int, speaker: ActorRef,
                  medium: str) -> tuple[Statement, Token]:
        """An indirect statement reported by ``tok``; its speaker is recorded for pronouns."""
        sent = tok.sent
        text = self._closed(start, text)
        self.spoken.append((tok.idx, speaker))
        return (Statement(article_id=self.ents.article.article_id, kind="indirect", text=text, start=start,
                          end=start + len(text), speaker=speaker, medium=medium,
                          sentence_start=sent.start_char, sentence_end=sent.end_char), tok)

    def _closed(self, start: int, text: str) -> str:
        """A reported statement that opens a quotation and stops before its closing mark ('said the plan
        was "a mistake' + '."'): with the closing mark (and the stop before it) that follows at once."""
        opened = (text.count("\u201c") > text.count("\u201d") or text.count('"') % 2 == 1
                  or text.count("''") % 2 == 1)
        if not opened:
            return text
        end = start + len(text)
        m = re.match(r"[.,!?]?(?:\u201d|\"|'')", self.text[end:end + 3])
        return text if m is None else self.text[start:end + m.end()]

    # -- speakers ----------------------------------------------------------------------
    def speaker_of(self, subj_tokens: list[Token], at: int, *, nominal: bool = True) -> ActorRef | None:
        """The speaker a subject names; ``nominal``: a common noun phrase may be one ("the network")."""
        for s in subj_tokens:
            if s.lower_ in ("who", "that", "which") and s.head.dep_ == "relcl":
                s = s.head.head  # "the senator, who said ...": the one the clause is about
            if s.pos_ == "PRON":
                ref = self.pronoun_speaker(s, at) or (self.share_speaker(s) if nominal else None)
                if ref is not None:
                    return ref
                continue
            if nominal and (s.lemma_.lower() in GROUP_SHARE_WORDS or s.like_num):
                ref = self.share_speaker(s)  # "most of the Republicans": the share, not the party
                if ref is not None:
                    return ref
            if nominal and (ref := self.definite_group(s)) is not None:
                return ref
            ref = self.ents.actor_at(s)
            if ref is not None and ref.type == "civilians" and nominal and s.pos_ == "NOUN":
                # "Many people involved in the talks assumed ...": those people, not a country's civilians
                ref = self.cited_phrase(s) or ref
            # "U.N. Special Envoy for Syria Staffan de Mistura": the person inside the phrase
            # (not a possessive's: "Clinton's introducer, actress Jamie Lee Curtis" is Curtis)
            persons = [self.ents.by_token[t.i] for t in s.subtree if t.i in self.ents.by_token
                       and self.ents.by_token[t.i].type == "person" and not self.in_quote(t.idx)
                       and not self._in_possessive(t, s)]
            if persons and (ref is None or ref.type != "person"):
                return persons[0]
            if ref is not None and ref.type == "other":
                # "Brandt said", tagged an organisation: the person of the article with that surname
                ref = self.named_person(s) or ref
            if ref is not None:
                return ref
            for t in s.subtree:
                r = self.ents.by_token.get(t.i)
                if r is not None and not self.in_quote(t.idx):
                    return r
            if (p := self.ents.place_at(s)) is not None and p.place.feature == "capital" and p.place.country \
                    and s.dep_ in ("nsubj", "nsubjpass"):
                # "Moscow said", "Washington called on ...": the capital speaks for its government
                return self.ents.resolver.generic("government", p.place.country, s.text, s.idx, s.idx + len(s.text))
            ref = (self.named_person(s) or self.unnamed_speaker(s) or self.untracked_person(s)
                   or (self.nominal_speaker(s) or self.share_speaker(s) if nominal else None)
                   or self.proper_name_speaker(s))
            if ref is not None:
                return ref
        return None

    @staticmethod
    def _in_possessive(tok: Token, top: Token) -> bool:
        """Whether ``tok`` is inside a possessive below ``top`` ("Clinton" in "Clinton's introducer")."""
        while tok.i != top.i and tok.head.i != tok.i:
            if tok.dep_ == "poss":
                return True
            tok = tok.head
        return False

    def share_speaker(self, tok: Token) -> ActorRef | None:
        """A group named by a share or a people's name ("Most of the candidates said", "two in three
        said", "those surveyed say", "Many Republicans say"): the phrase as written, without a clause
        or an aside attached to it ("Republicans who watched the debate said" -> "Republicans")."""
        low = tok.lemma_.lower()
        share = low in GROUP_SHARE_WORDS or tok.like_num
        people = tok.pos_ == "PROPN" and tok.ent_type_ == "NORP" and tok.tag_ == "NNPS"
        if not (share or people) or self.in_quote(tok.idx) or low in NOT_SPEAKER_NOUNS:
            return None
        keep = [tok]
        for c in tok.children:
            if c.dep_ in ("relcl", "appos", "punct", "cc", "conj", "advcl", "ccomp") or c.is_space:
                continue
            if c.dep_ == "prep" and not (share and c.lower_ in ("of", "in")):
                continue
            keep += list(c.subtree)
        first, last = min(keep, key=lambda t: t.i), max(keep, key=lambda t: t.i)
        while first.i < last.i and (first.is_punct or first.lower_ in ("by", "about", "nearly", "almost", "roughly")):
            first = first.nbor(1)
        phrase = self.doc[first.i:last.i + 1]
        if len(phrase) > 8 or "\n" in phrase.text or any(self.in_quote(t.idx) for t in phrase):
            return None
        name = phrase.text
        return ActorRef(key="unnamed_" + "_".join(w.lower() for w in name.split()), name=name, type="other",
                        text=name, start=phrase.start_char, end=phrase.end_char,
                        country=self.ents.country_of_phrase(tok))

    def untracked_person(self, tok: Token) -> ActorRef | None:
        """A name the parser tags as a person that no actor took (a surname that is also a town's name):
        the subject of a speech verb is a person, never a place. Resolved as every person of the article
        (:meth:`ArticleEntities.person_named`): "Stanton" is the Greg Stanton it named before."""
        if tok.ent_type_ != "PERSON" or self.in_quote(tok.idx):
            return None
        ent = next((e for e in self.doc.ents if e.start <= tok.i < e.end), None)
        if ent is None:
            return None
        return self.ents.person_named(ent.text, ent.start_char, ent.end_char)

    def proper_name_speaker(self, tok: Token) -> ActorRef | None:
        """The subject of a speech verb written as a proper name that no actor took ("Stanton wrote",
        "said Lt. Gen. Mick Bednarek", "Statista estimates"): a person of the article when the tagger
        read a person or nothing, else the name itself."""
        if tok.pos_ != "PROPN" or self.in_quote(tok.idx):
            return None  # a place's name too ("Stanton wrote"): who writes is no place
        words = [t for t in tok.subtree if t.pos_ == "PROPN" and t.i <= tok.i and t.dep_ in ("compound", "flat")
                 or t.i == tok.i]
        first = min(words, key=lambda t: t.i)
        words = [t for t in self.doc[first.i:tok.i + 1]]
        if any(t.is_space or t.pos_ not in ("PROPN", "PUNCT") for t in words):
            words = [tok]
        span = self.doc[words[0].i:tok.i + 1]
        name = strip_titles(clean_name(span.text))
        if not name or not name[0].isupper():
            return None
        if tok.ent_type_ in ("", "PERSON") or (len(name.split()) == 1 and self.ents.people.is_part(name)):
            return self.ents.person_named(span.text, span.start_char, span.end_char)
        return ActorRef(key=slug(name), name=name, type="other", text=span.text, start=span.start_char,
                        end=span.end_char)

    def dash_signed(self, qe: int) -> ActorRef | None:
        """'"...." ― Ana Ruiz': a quotation signed after a dash."""
        m = re.match(r"[\s.,]*[\u2015\u2014\u2013-]+\s*([A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})",
                     self.text[qe:qe + 80].lstrip("\u201d\"'"))
        if m is None:
            return None
        name = m.group(1).rstrip(".")
        for a in self.ents.actors:
            if a.type == "person" and (a.name == name or a.text == name):
                return a
        if len(name.split()) < 2:
            return None
        return ActorRef(key=slug(name), name=name, type="person", text=name, start=qe, end=qe + len(name))

    def named_person(self, tok: Token) -> ActorRef | None:
        """A surname or first name the parser did not take for a name ("Okafor continued:"): the person
        of the article it names (:class:`~graph.extract.persons.PersonIndex`: the one with that name, or
        the one the article names most), resolved as actors are."""
        if tok.pos_ != "PROPN" or self.in_quote(tok.idx):
            return None
        words = [t for t in tok.subtree if t.pos_ == "PROPN" and t.i <= tok.i]
        name = " ".join(t.text for t in words)
        if not name or self.ents.people.find(name) is None:
            return None
        ref = self.ents.person_named(name, tok.idx, tok.idx + len(tok.text))
        return None if ref is None else replace(ref, text=tok.text)

    def definite_group(self, tok: Token) -> ActorRef | None:
        """"the group said", "the militia denied it": the armed group or organization of civil society
        named last before, in this or the two sentences before (an armed group's or a rights group's
        statement; a state or a UN body is not called "the group")."""
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in ORGANIZATION_NOUNS or not any(
                c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in tok.children):
            return None
        first = tok.sent.start
        for _ in range(2):
            first = self.doc[first - 1].sent.start if first > 0 else first
        groups = [a for a in self.ents.actors if self.doc[first].idx <= a.start and a.end <= tok.idx
                  and a.type in ("armed_group", "ngo") and not self.in_quote(a.start)]
        if not groups:
            return None
        g = groups[-1]
        return replace(g, text=tok.text, start=tok.idx, end=tok.idx + len(tok.text))

    def nominal_speaker(self, tok: Token) -> ActorRef | None:
        """"the former president said": the person the article named with that noun before
        ("former President Bill Clinton"), else the phrase itself ("the network", "two voters")."""
        lemma = tok.lemma_.lower()
        # "the Arizona Republican says": a proper noun that names no one in particular counts too
        common = tok.pos_ == "NOUN" or (tok.pos_ == "PROPN" and tok.ent_type_ in ("", "NORP")
                                        and any(c.dep_ == "det" for c in tok.children))
        if not common or lemma in NOT_SPEAKER_NOUNS or self.in_quote(tok.idx):
            return None
        named = None
        for a in self.ents.actors:
            if a.type != "person" or a.end > tok.idx or self.in_quote(a.start):
                continue
            span = self.doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is None:
                continue
            near = list(self.doc[max(0, span.start - 3):span.start]) + [
                t for c in span.root.children if c.dep_ == "appos" for t in c.subtree]
            if span.root.dep_ == "appos":
                near += list(span.root.head.subtree)
            if any(t.lemma_.lower() == lemma for t in near if t.i != tok.i):
                named = a
        if named is not None:
            return ActorRef(key=named.key, name=named.name, type="person", text=tok.text, start=tok.idx,
                            end=tok.idx + len(tok.text), country=named.country, affiliation=named.affiliation)
        mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nummod", "quantmod") and c.i >= tok.i - 3
                and not c.is_punct]
        first = min([tok] + [t for m in mods for t in m.subtree], key=lambda t: t.i)
        phrase = self.doc[first.i:tok.i + 1]
        name = phrase.text
        return ActorRef(key="unnamed_" + "_".join(w.lower() for w in name.split()), name=name, type="other",
                        text=name, start=phrase.start_char, end=phrase.end_char,
                        country=self.ents.country_of_phrase(tok))

    def unnamed_speaker(self, tok: Token) -> ActorRef | None:
        """"U.S. officials said" -> the U.S. government; "the ministry said" -> "ministry"."""
        lemma = tok.lemma_.lower()
        kind = SPEAKER_NOUNS.get(lemma)
        if kind is None or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        iso = self.ents.country_of_phrase(tok)
        if iso and kind == "government":
            return self.ents.resolver.generic("government", iso, tok.text, tok.idx, tok.idx + len(tok.text))
        mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod") and c.i >= tok.i - 3 and not c.like_num
                and c.lower_ not in SPEAKER_NOT_NAME_MODIFIERS]
        words = [m.text for m in mods] + [tok.lemma_ if tok.tag_ in ("NNS", "NNPS") and len(mods) == 0 else tok.text]
        name = " ".join(words)
        return ActorRef(key="unnamed_" + "_".join(w.lower() for w in words), name=name, type=kind,
                        text=tok.text, start=tok.idx, end=tok.idx + len(tok.text), country=iso)

    def gender_of(self, key: str) -> str:
        """"f", "m" or "" for a person of the article (see :meth:`_genders`)."""
        return self.genders.get(key, "")

    def _genders(self) -> dict[str, str]:
        """The persons whose gender the titles and nouns next to their mentions tell ("Mrs. Kane",
        "his wife, Ana Kane", "the actress Ana Kane"), when they tell one gender only."""
        votes: dict[str, set[str]] = {}
        for a in self.ents.actors:
            if a.type != "person":
                continue
            span = self.doc.char_span(a.start, a.end, alignment_mode="expand")
            if span is None:
                continue
            near = [t.lower_ for t in self.doc[max(0, span.start - 2):span.start]] + [
                t.lower_ for t in span if t.i < span.end - 1]
            near += [t.lower_ for c in span.root.children if c.dep_ == "appos" for t in c.subtree]
            if span.root.dep_ == "appos":
                near.append(span.root.head.lower_)
            g = votes.setdefault(a.key, set())
            g.update("f" for w in near if w in FEMALE_WORDS)
            g.update("m" for w in near if w in MALE_WORDS)
            first = a.name.split()[0].casefold() if len(a.name.split()) >= 2 else ""
            g.update("f" for w in (first,) if w in FEMALE_GIVEN_NAMES)
            g.update("m" for w in (first,) if w in MALE_GIVEN_NAMES)
        return {k: next(iter(v)) for k, v in votes.items() if len(v) == 1}

    def pronoun_speaker(self, tok: Token, at: int) -> ActorRef | None:
        """"he"/"she": the first person of :meth:`_persons_before` whose gender (when the article
        tells it) is the pronoun's; "they"/"it"/"we": the latest non-person speaker."""
        # "according to him", "his claim that ...", "their support for ..."
        low = {"him": "he", "her": "she", "his": "he", "their": "they", "its": "it", "our": "we"}.get(
            tok.lower_, tok.lower_)
        if low in PERSON_SPEAKER_PRONOUNS:
            clash = "m" if low == "she" else "f"
            cands = [(back, r) for back, r in self._persons_before(tok, at) if self.gender_of(r.key) != clash]
            if low == "she":
                # a woman named in the last sentences wins over a nearer person of unknown gender (who is,
                # in the news, more often a man)
                cands = [c for c in cands if c[0] < SHE_SENTENCES and self.gender_of(c[1].key) == "f"] or cands
            return cands[0][1] if cands else None
        if low in GROUP_SPEAKER_PRONOUNS:
            recent = [(off, r) for off, r in self.spoken if off < at and r.type != "person"]
            return max(recent, key=lambda x: x[0])[1] if recent else None
        return None

    def _persons_before(self, tok: Token, at: int):
        """The persons a pronoun may mean, in the order a reader tries them: its own sentence before it,
        then each sentence before, back to MAX_PRONOUN_SENTENCES; within its own sentence the main
        clause's people before those of a phrase or clause inside it ("Fowler said he expects Clinton
        to recover", "Next to Baker, Smith sighed as he said ..." -> Fowler, Smith), then left to right;
        a sentence before is read left to right (its topic is often named inside: "X slammed the plan,
        the blog reported"; ordering it by depth too lost PolNeAR speakers). People are those named
        outside quotes (not as a possessive) and those who spoke there."""
        sent = tok.sent
        for back in range(MAX_PRONOUN_SENTENCES):
            limit = min(at, tok.idx) if sent.start <= tok.i < sent.end else sent.end_char
            cands: list[tuple[int, int, ActorRef]] = []
            for off, r in self.spoken:
                if r.type == "person" and sent.start_char <= off < limit:
                    t = self._span_at(off, off + 1)
                    cands.append((self._depth(t[0]) if t is not None else 9, off, r))
            for a in self.ents.actors:
                if a.type != "person" or not (sent.start_char <= a.start and a.end <= limit) or self.in_quote(a.start):
                    continue
                span = self._span_at(a.start, a.end)
                if span is None:
                    continue
                cands.append((self._depth(span.root), a.start, a))
            for _, _, r in sorted(cands, key=lambda c: (c[0] if back == 0 else 0, c[1])):
                yield back, r
            if sent.start == 0:
                return
            sent = self.doc[sent.start - 1].sent

    def _span_at(self, start: int, end: int) -> Span | None:
        """``doc.char_span(start, end, alignment_mode="expand")``, kept (the same people's spans are asked
        for from every pronoun)."""
        memo = self.__dict__.setdefault("_spans", {})
        if (start, end) not in memo:
            memo[(start, end)] = self.doc.char_span(start, end, alignment_mode="expand")
        return memo[(start, end)]

    def _depth(self, tok: Token) -> int:
        memo = self.__dict__.setdefault("_depths", {})  # (asked for the same people's words again and again)
        if tok.i not in memo:
            memo[tok.i] = self._depth_of(tok)
        return memo[tok.i]

    @staticmethod
    def _depth_of(tok: Token) -> int:
        d = 0
        while tok.head.i != tok.i and d < 50:
            tok, d = tok.head, d + 1
        return d

    def attribute(self, start_tok: Token, quote: tuple[int, int] | None) -> Attribution:
        """Walk up from a token to the first verb whose subject is a non-media actor."""
        medium = ""
        outlet: tuple[ActorRef, Token] | None = None  # a medium that is the subject of a speech verb
        tok = start_tok
        seen = 0
        while seen < 12:
            seen += 1
            # a clause a speech verb reports ("Trump said Bush is "not smart enough"") has the topic for
            # subject, not the speaker: the verb above it speaks
            # (not when an outlet reports: "The army issued a statement announcing "...", SANA said")
            reported = (tok.dep_ == "ccomp" and tok.head.pos_ == "VERB" and tok.lemma_ not in QUOTE_VERBS
                        and tok.head.lemma_ in REPORTING_HEADS and not self._outlet_subject(tok.head))
            if tok.pos_ in ("VERB", "AUX") and not (quote and quote[0] <= tok.idx < quote[1]) and not reported:
                # "As the paper noted, the candidate "has fans"", "as Ruth Marcus puts it, ...": the aside speaks
                for c in tok.children:
                    if c.dep_ == "advcl" and (c.lemma_ in QUOTE_VERBS or c.lemma_ == "put") and any(
                            m.dep_ == "mark" and m.lower_ == "as" for m in c.children):
                        ref = self.speaker_of([x for x in c.children if x.dep_ == "nsubj"], c.idx)
                        if ref is not None:
                            return Attribution(ref, c, "")
                subj = [c for c in tok.children if c.dep_ in ("nsubj",)]
                if not subj:
                    # "Speaking Thursday in Geneva, U.N. envoy X warned": a misparsed participle
                    subj = [c for c in tok.children if c.dep_ == "csubj" and c.tag_ == "VBG"]
                if not subj and tok.dep_ in ("advcl", "conj", "xcomp") and tok.head.pos_ in ("VERB", "AUX"):
                    subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
                if not subj and tok.tag_ == "VBG" and tok.dep_ == "advcl":
                    subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
                if not subj and tok.lemma_ in QUOTE_VERBS:
                    subj = self._adjacent_subject(tok)
                if not subj and quote and quote[1] <= tok.idx and not self.text[quote[1]:tok.idx].strip(
                        " ,.!?\u201d\"'\u2019"):
                    # '"...," mused radio host Stu Brenner': the verb right after the quote, its subject
                    # after it (the parser takes it for an object)
                    subj = sorted([c for c in tok.children if c.dep_ in ("dobj", "attr") and c.i > tok.i],
                                  key=lambda c: not any(t.ent_type_ == "PERSON" for t in c.subtree))[:1]
                ref = self.speaker_of(subj, tok.idx, nominal=tok.lemma_ in QUOTE_VERBS) if subj else None
                m = self.medium_of(tok, quote)
                if ref is not None and ref.type == "media":
                    medium = medium or ref.name
                    if outlet is None and tok.lemma_ in QUOTE_VERBS:
                        outlet = (ref, tok)
                elif ref is not None:
                    return Attribution(ref, tok, medium or m)
                medium = medium or m
            if tok.head.i == tok.i:
                break
            tok = tok.head
        # "according to X"
        sent = start_tok.sent
        for t in sent:
            if t.lower_ == "according" and t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "to" \
                    and not (quote and quote[0] <= t.idx < quote[1]):
                objs = [p for p in self.doc[t.i + 1].children if p.dep_ == "pobj"]
                ref = self.speaker_of(objs, t.idx)
                if ref is None and objs and objs[0].pos_ in ("NOUN", "PROPN") and not self.in_quote(objs[0].idx):
                    ref = self.cited_phrase(objs[0])
                if ref is not None and ref.type != "media":
                    return Attribution(ref, t, medium)
                if ref is not None:
                    medium = medium or ref.name
                    outlet = outlet or (ref, t)
        if outlet is not None:
            # nobody speaks through the outlet: its own words ("..., Politico reported")
            return Attribution(outlet[0], outlet[1], "")
        return Attribution(None, None, medium)

    def _outlet_subject(self, verb: Token) -> bool:
        """Whether a medium is the verb's subject ("..., the news agency said")."""
        return any(self.ents.by_token.get(t.i) is not None and self.ents.by_token[t.i].type == "media"
                   for c in verb.children if c.dep_ == "nsubj" for t in c.subtree)

    def _adjacent_subject(self, tok: Token) -> list[Token]:
        """A speech verb the parser left without a subject while a name stands right before it ("At the
        rally for his wife, former president Bill Clinton said ...", the name read as an apposition):
        that name."""
        if tok.i == 0:
            return []
        prev = self.doc[tok.i - 1]
        if (prev.pos_ != "PROPN" or prev.head.i == tok.i or self.in_quote(prev.idx)
                or prev.dep_ not in ("appos", "pobj", "conj", "dobj", "npadvmod")):
            return []
        return [prev]

    def medium_of(self, verb: Token, quote) -> str:
        # a walk over the verb's whole clause, asked again for the same verb (the speech is read twice): kept
        memo = self.__dict__.setdefault("_media", {})
        key = (verb.i, quote)
        if key not in memo:
            memo[key] = self._medium_of(verb, quote)
        return memo[key]

    def _medium_of(self, verb: Token, quote) -> str:
        """The outlet or platform the verb's speaker spoke through ("told CNN", "said in a statement
        posted on Telegram"): none from what was said (the reported clause: "said CNN had misquoted
        her") nor from the verb's subject (an outlet that speaks is the speaker, see :meth:`attribute`)."""
        skip = {x.i for c in verb.children if c.dep_ in ("ccomp", "nsubj", "nsubjpass") for x in c.subtree}
        for t in verb.subtree:
            if (quote and quote[0] <= t.idx < quote[1]) or t.i in skip:
                continue
            ref = self.ents.by_token.get(t.i)
            if ref is not None and ref.type == "media":
                return ref.name
            if t.lower_ in MEDIA_PRODUCTS and t.head.dep_ == "prep":
                return t.text
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                for p in c.children:
                    if p.lemma_ in STATEMENT_MEDIA:
                        return p.lemma_
        return ""

    # -- direct quotes -----------------------------------------------------------------
    def direct(self) -> list[tuple[Statement, Token | None]]:
        out: list[tuple[Statement, Token | None]] = []
        prev: Statement | None = None
        prev_end = -1
        prev_verb: Token | None = None
        for qs, qe in self.quotes:
            text = self.text[qs:qe]
            turn = TURN.match(text)
            if turn is not None:
                ref = self.turn_speaker(turn.group(1), qs)
                if ref is not None:
                    qs += turn.end()
                    text = self.text[qs:qe]
                    st = Statement(article_id=self.ents.article.article_id, kind="direct", text=text, start=qs,
                                   end=qe, speaker=ref, sentence_start=qs, sentence_end=qe)
                    self.spoken.append((qs, ref))
                    out.append((st, None))
                    prev, prev_end, prev_verb = st, qe, None
                    continue
            if len(text.split()) < 2:
                continue  # a scare quote, not a statement
            span = self.doc.char_span(qs, qe, alignment_mode="expand")
            if span is None:
                continue
            # the outside token that governs the quote
            head = None
            for t in span:
                h = t.head
                if not (qs <= h.idx < qe) and h.sent == t.sent and not (h.is_punct or h.is_space):
                    head = h
                    break
            att = Attribution(None, None)
            if head is not None:
                att = self.attribute(head, (qs, qe))
            if att.speaker is None:
                # a sentence around the quote with its own speech verb: '"...," Kirby said.'
                for sent in {t.sent for t in span}:
                    for t in sent:
                        if t.lemma_ in QUOTE_VERBS and not (qs <= t.idx < qe) and t.pos_ == "VERB":
                            a = self.attribute(t, (qs, qe))
                            if a.speaker is not None:
                                att = a
                                break
                    if att.speaker is not None:
                        break
            if att.speaker is None:
                att = self._cue_after(qe, (qs, qe)) or att
            if att.speaker is None:
                att = self._name_after(qe, (qs, qe)) or att
            if att.speaker is None:
                att = self._introduced(qs, (qs, qe)) or att
            if att.speaker is None:
                # "According to the newspaper, "..."": the phrase hangs on a word inside the quote
                a = self.attribute(span[0], (qs, qe))
                if a.speaker is not None and a.verb is not None and a.verb.lower_ == "according":
                    att = a
            if att.speaker is None:
                att = self._labelled(qs) or att
            if att.speaker is None:
                signed = self.dash_signed(qe)
                if signed is not None:
                    att = Attribution(signed, None)
            if att.speaker is None and prev is not None and prev.speaker is not None:
                gap = self.text[prev_end:qs]
                between = self.doc.char_span(prev_end, qs, alignment_mode="expand") or []
                # a cue with no subject of its own ("Adding, '...'") names no new speaker: it continues
                if len(gap) < 200 and gap.count("\n\n") <= 1 and not any(
                        t.lemma_ in QUOTE_VERBS and t.pos_ == "VERB" and (prev_verb is None or t.i != prev_verb.i)
                        and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
                        for t in between):
                    att = Attribution(prev.speaker, prev_verb, prev.medium)
            if att.speaker is None:
                att = self._paragraph_before(qs) or att
            sent = span[0].sent
            st = Statement(article_id=self.ents.article.article_id, kind="direct", text=text, start=qs, end=qe,
                           speaker=att.speaker, medium=att.medium, sentence_start=sent.start_char,
                           sentence_end=span[-1].sent.end_char)
            if att.speaker is not None:
                self.spoken.append((qs, att.speaker))
            out.append((st, att.verb))
            prev, prev_end, prev_verb = st, qe, att.verb
        return self._join_pieces(out)

    def _join_pieces(self, quotes: list[tuple[Statement, Token | None]]) -> list[tuple[Statement, Token | None]]:
        """'"We will stay," the mayor said. "Nobody will leave."': one statement in two pieces, when the
        same speaker's pieces are parted only by the cue in one paragraph. Its text is the pieces joined
        by an ellipsis; its offsets bound them."""
        out: list[tuple[Statement, Token | None]] = []
        for st, verb in quotes:
            if out:
                last, lverb = out[-1]
                gap = self.text[last.end:st.start]
                if (last.speaker is not None and st.speaker is not None and last.speaker.key == st.speaker.key
                        and len(gap) <= MAX_CUE_GAP and "\n" not in gap.strip(" \"'\u201c\u201d")
                        and not any(last.end < a < st.start for a, _ in self.quotes)
                        and any(ch.isalpha() for ch in gap)):
                    out[-1] = (Statement(**{**last.__dict__, "text": last.text + " \u2026 " + st.text, "end": st.end,
                                            "sentence_end": max(last.sentence_end, st.sentence_end)}), lverb or verb)
                    continue
            out.append((st, verb))
        return out

    def _cue_after(self, qe: int, quote: tuple[int, int]) -> Attribution | None:
        """A quotation the parser closed as a sentence of its own, with its cue in the next one
        ('"... are missing." Trump said.'): the speaker of that cue, when the next sentence starts
        right after the closing mark and says nothing of its own."""
        m = re.match(r"[\"\u201d'\u2019.,!?\u2026]*[ \t]*", self.text[qe:qe + 12])
        start = qe + m.end()
        if start >= len(self.text) or not self.text[start].isalpha() or self.in_quote(start):
            return None
        span = self.doc.char_span(start, start + 1, alignment_mode="expand")
        if span is None:
            return None
        sent = span[0].sent
        if sent.start_char < qe:
            return None
        # the cue opens the sentence ('"..!" Kettering declared, a point he likes to make ...')
        for t in sent[:30] if len(sent) <= 30 else sent[:4]:
            if (t.lemma_ in QUOTE_VERBS and t.pos_ == "VERB" and not self.in_quote(t.idx)
                    and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in t.children)):
                att = self.attribute(t, quote)
                if att.speaker is not None:
                    return att
        return None

    def _name_after(self, qe: int, quote: tuple[int, int]) -> Attribution | None:
        """'"...," Texas delegate Bill Eastman, wearing a hat, said as ...', parsed with no subject for the
        verb: the person named right after the closing mark, when a speech verb without a subject of its
        own follows in the sentence."""
        m = re.match(r"[,!?.]?[\u201d\"'\u2019]*[ \t]+", self.text[qe:qe + 8])
        if m is None:
            return None
        span = self.doc.char_span(qe + m.end(), qe + m.end() + 1, alignment_mode="expand")
        if span is None or self.in_quote(span[0].idx):
            return None
        first = span[0]
        sent = first.sent
        verb = next((t for t in sent if t.i > first.i and t.lemma_ in QUOTE_VERBS and t.pos_ == "VERB"
                     and not self.in_quote(t.idx) and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)),
                    None)
        if verb is None:
            return None
        for t in self.doc[first.i:min(verb.i, first.i + 6)]:
            if t.is_punct or t.pos_ in ("VERB", "AUX"):
                break
            ref = self.ents.by_token.get(t.i)
            if ref is not None and ref.type == "person":
                return Attribution(ref, verb)
        return None

    def _paragraph_before(self, qs: int) -> Attribution | None:
        """A quotation that opens its paragraph with no cue of its own, after a paragraph in which someone
        spoke ("Carter said that the fleet would stay.\n\n"That is because ...""): the last speaker there."""
        para_start = self.text.rfind("\n", 0, qs) + 1
        if self.text[para_start:qs].strip(" \t\"'\u201c\u2018`"):
            return None
        before = self.text[:para_start].rstrip()
        if not before:
            return None
        prev_start = before.rfind("\n") + 1
        said = [(off, r) for off, r in self.spoken if prev_start <= off < len(before)]
        return Attribution(max(said, key=lambda x: x[0])[1], None) if said else None

    def _labelled(self, qs: int) -> Attribution | None:
        """'Pollsters disagree - Laura Finch: "..."': a name right before a colon that opens the quote, in
        its paragraph; the speaker when the article knows the name as an actor or a person."""
        para_start = self.text.rfind("\n", 0, qs) + 1
        m = re.search(r"([A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3})\s*:\s*[\"\u201c'`]*$",
                      self.text[max(para_start, qs - 80):qs])
        if m is None:
            return None
        end = max(para_start, qs - 80) + m.end(1)
        span = self.doc.char_span(end - 1, end, alignment_mode="expand")
        if span is None or self.in_quote(span[0].idx):
            return None
        tok = span[-1]
        ref = self.ents.by_token.get(tok.i) or self.named_person(tok) or self.untracked_person(tok)
        if ref is None or ref.type in ("country", "place"):
            return None
        return Attribution(ref, None)

    def _introduced(self, qs: int, quote: tuple[int, int]) -> Attribution | None:
        """A quotation that opens its paragraph after one that ends with a colon ("Cruz continued:",
        "The ministry said in a statement:"): the speaker of the introducing sentence."""
        para_start = self.text.rfind("\n", 0, qs) + 1
        if self.text[para_start:qs].strip(" \t\"'\u201c\u00ab`") != "":
            return None
        before = self.text[:para_start].rstrip()
        if not before.endswith(":"):
            return None
        span = self.doc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if span is None:
            return None
        sent = span[0].sent
        for t in [sent.root] + [t for t in sent if t.pos_ == "VERB" and t.i != sent.root.i]:
            if self.in_quote(t.idx):
                continue
            att = self.attribute(t, quote)
            if att.speaker is not None:
                return att
        return None

    # -- reported speech ---------------------------------------------------------------
    def indirect(self) -> list[tuple[Statement, Token | None]]:
        out: list[tuple[Statement, Token | None]] = []
        for tok in self.doc:
            question = tok.lemma_ in QUESTION_VERBS
            if (tok.lemma_ not in INDIRECT_VERBS and not question) or tok.pos_ != "VERB" or self._outside_speech(tok):
                continue
            comp = [c for c in tok.children if c.dep_ in ("ccomp",)]
            # a misparse may hang a second clause before the verb ("Salkin, a rabbi ..., said he was"):
            # the one after it is what was said
            comp = [c for c in comp if c.i > tok.i] or comp
            if question:
                # "asked the senator whether he would run": the question asked
                comp = [c for c in comp if c.i > tok.i and c.left_edge.lower_ in QUESTION_WORDS]
                if not comp:
                    continue
            inverted = not comp and tok.dep_ in ("conj", "ROOT") and tok.i - tok.sent.start > 3 \
                and self.doc[tok.i - 1].is_punct and any(c.dep_ == "nsubj" and c.i > tok.i for c in tok.children)
            if not comp:
                # "He said legalizing it could put ...": a gerund clause the parser took for an xcomp
                comp = [c for c in tok.children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > tok.i]
            as_clause = not comp and tok.dep_ == "advcl" and tok.head.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
            if as_clause:
                # "As the paper noted, it is surprising ...", "..., as police have said": the clause it modifies
                h = tok.head
                first, last = h.left_edge, h.right_edge
                while last.i > h.i and (last.is_punct or last.is_space):
                    last = last.nbor(-1)
                if tok.left_edge.i <= first.i or all(t.is_punct or t.is_space or t.dep_ == "cc"
                                                     for t in self.doc[first.i:tok.left_edge.i]):
                    # the aside opens the clause ("But as the paper noted, ..."): what follows it
                    first = tok.right_edge.nbor(1) if tok.right_edge.i + 1 < len(self.doc) else tok.right_edge
                    while first.i < last.i and (first.is_punct or first.is_space):
                        first = first.nbor(1)
                elif tok.right_edge.i >= last.i:
                    last = tok.left_edge.nbor(-1)
                while last.i > first.i and (last.is_punct or last.is_space):
                    last = last.nbor(-1)
                if not first.i <= h.i <= last.i:
                    continue
                s, e = first.idx, last.idx + len(last.text)
            elif tok.lemma_ == "call":
                objs = [c for c in tok.children if c.dep_ == "dobj"]
                preds = [c for c in tok.children if c.dep_ in ("oprd", "xcomp", "ccomp")]
                if not (objs and preds):
                    continue
                s = objs[0].left_edge.idx
                last = tok.right_edge
                while last.i > objs[0].i and (last.is_punct or last.is_space):
                    last = last.nbor(-1)
                e = max(max(p.right_edge.idx + len(p.right_edge.text) for p in preds), last.idx + len(last.text))
            elif inverted:
                # "The plant is hanging on, but it is under pressure, said the chief executive": all before
                first, last = tok.sent[0], self.doc[tok.i - 1]
                while first.i < last.i and (first.is_punct or first.is_space):
                    first = first.nbor(1)
                while last.i > first.i and (last.is_punct or last.is_space):
                    last = last.nbor(-1)
                s, e = first.idx, last.idx + len(last.text)
            elif not comp and tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX") and any(
                    c.dep_ == "nsubj" for c in tok.children):
                # "Acts of protest, Mr. Obama said, are acts of patriotism": the clause around the cue
                h = tok.head
                first, last = h.left_edge, h.right_edge
                while last.i > h.i and (last.is_punct or last.is_space):
                    last = last.nbor(-1)
                s, e = first.idx, last.idx + len(last.text)
                if tok.left_edge.i <= last.i <= tok.right_edge.i:
                    e = tok.left_edge.idx  # the cue closes the clause: "..., Mr. Clarke said."
            elif comp:
                c = comp[0]
                s, e = c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text)
                # "Two men were killed and a woman was wounded, police said": clauses joined by "and"
                # that the parser hangs on the cue one by one are one statement
                same_side = [x for x in comp if (x.i > tok.i) == (c.i > tok.i)]
                if len(same_side) > 1:
                    e = max(e, max(x.right_edge.idx + len(x.right_edge.text) for x in same_side))
                # the clause may run past the verb ("X happened, the army said"): keep the clause only;
                # "the changes, which officials said will take effect": what follows the cue
                if s < tok.idx < e:
                    before = [t for t in c.subtree if t.i < tok.i]
                    if c.i > tok.i and all(t.tag_ in ("WDT", "WP", "WRB") or t.lower_ == "that" or t.is_punct
                                           for t in before):
                        s = next(t for t in c.subtree if t.i > tok.i).idx
                    else:
                        e = tok.idx
                if tok.i > c.i:
                    e = min(e, tok.idx)
            else:
                continue
            if s < self.ents.dateline_end <= e:
                s = self.ents.dateline_end  # "KHARTOUM, Sudan — Troops shelled ...": the dateline is no one's words
            text = self.text[s:e].strip().rstrip(",;: ")
            e = s + len(text)  # "that" stays: the reported clause is "that the bridge will reopen"
            while text and text[0] in " \"“'":
                s, text = s + 1, text[1:]
            if len(text.split()) < 3:
                continue
            if self._mostly_quoted(s, e):
                continue  # the direct quote is the statement (a scare quote inside is not)
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if not subj and as_clause:
                # "As reported by Politico, ..."
                subj = [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            elif not subj and tok.dep_ in ("advcl", "conj", "xcomp"):
                subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
            if not subj:
                subj = self._adjacent_subject(tok)
            speaker = self.speaker_of(subj, tok.idx)
            medium = self.medium_of(tok, None)
            outlet = None
            if speaker is not None and speaker.type == "media":
                medium, outlet, speaker = speaker.name, speaker, None
            if speaker is None:
                att = self.attribute(tok, None)
                speaker, medium = att.speaker, medium or att.medium
                if speaker is not None and speaker.type == "media":
                    # the outlet rule below decides whether an outlet reports in its own name
                    speaker, medium = None, medium or speaker.name
            if speaker is None and outlet is not None and subj and (as_clause or comp and subj[0].head.i == tok.i and not any(
                    t.lemma_ in STATEMENT_NOUNS or self.in_quote(t.idx)
                    for t in comp[0].subtree)):
                # "Al-Monitor reported that ...": the outlet's own report (not when it relays
                # someone's statement: "the army announced ..., SANA said")
                speaker = outlet
            if speaker is None:
                continue
            out.append(self._reported(tok, text, s, speaker, medium))
        return out

    def requests(self) -> list[tuple[Statement, Token | None]]:
        """"X asked/urged/called on Y to do Z": X's request, reported ("Y to do Z")."""
        out: list[tuple[Statement, Token | None]] = []
        for tok in self.doc:
            if tok.lemma_ not in REQUEST_VERBS or tok.pos_ != "VERB" or self._outside_speech(tok):
                continue
            objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubj") and c.i > tok.i]
            if not objs and tok.lemma_ in ("call", "appeal"):
                # "called on Cuba to ...": the object of "on"/"to"
                objs = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "upon", "to")
                        for p in c.children if p.dep_ == "pobj"]
            comp = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.i > tok.i]
            if not comp:
                comp = [c for o in objs for c in o.children if c.dep_ in ("xcomp", "relcl", "acl") and c.i > o.i
                        and any(x.lower_ == "to" for x in c.children)]
            if not (objs and comp):
                continue
            if not any(x.lower_ == "to" and x.dep_ == "aux" for x in comp[0].children):
                continue  # "asked him whether ...", "urged calm": not a request for an act
            s = objs[0].left_edge.idx
            last = comp[0].right_edge
            while last.i > comp[0].i and (last.is_punct or last.is_space):
                last = last.nbor(-1)
            e = last.idx + len(last.text)
            text = self.text[s:e]
            if len(text.split()) < 3 or "\n\n" in text or self._mostly_quoted(s, e):
                continue
            subj = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
            if not subj and tok.dep_ in ("conj", "xcomp", "advcl"):
                subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
            if not subj:
                continue  # passive "was asked to" and the like: who asked is not said here
            speaker = self.speaker_of(subj, tok.idx)
            if speaker is None:
                continue
            out.append(self._reported(tok, text, s, speaker, self.medium_of(tok, None)))
        return out

    def stances(self) -> list[tuple[Statement, Token | None]]:
        """Stances, intentions and beliefs reported without a speech verb: "X condemned the strike",
        "X called for a ceasefire", "X vowed to retaliate", "officials believe the attackers fled".
        The statement is the object, the infinitive or the clause; the speaker the verb's subject."""
        out: list[tuple[Statement, Token | None]] = []
        for tok in self.doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ != "VERB" or self._outside_speech(tok):
                continue
            content = None
            if lemma in STANCE_VERBS:
                content = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
                if content is not None and content.lemma_.lower() == "life":
                    content = None  # "the blast claimed twelve lives"
                if content is None:
                    # "two-thirds of the voters support banning the imports": a gerund clause
                    content = next((c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.i > tok.i
                                    and c.tag_ == "VBG"), None)
            if content is None and lemma in VIEW_VERBS and any(
                    c.dep_ == "prep" and c.lower_ == "as" for c in tok.children):
                # "voters see the plan as unfair": the object and what it is seen as
                content = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
            if content is None and lemma in EVIDENCE_VERBS and any(
                    c.dep_ == "nsubj" and c.lemma_.lower() in RECORD_NOUNS for c in tok.children):
                content = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
            if content is None and lemma == "call":
                # "called for a ceasefire"
                content = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ == "for" and c.i == tok.i + 1
                                for p in c.children if p.dep_ == "pobj"), None)
            if content is None and lemma in STATED_INTENT_VERBS:
                content = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i
                                and any(x.lower_ == "to" and x.dep_ == "aux" for x in c.children)), None)
            if content is None and lemma in COGNITION_VERBS:
                content = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
            if content is None and lemma in PREP_STANCE_VERBS:
                content = next((p for c in tok.children if c.dep_ in ("prep", "prt") and c.i > tok.i
                                and c.lower_ in PREP_STANCE_VERBS[lemma]
                                for p in c.children if p.dep_ in ("pobj", "pcomp")
                                and p.ent_type_ not in ("DATE", "TIME")), None)  # "spoke on Monday"
            if content is None:
                continue
            subj = [c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i]
            if not subj and (tok.dep_ in ("conj", "xcomp") or tok.dep_ == "advcl" and tok.tag_ == "VBG") \
                    and tok.head.pos_ in ("VERB", "AUX"):
                # "..., McCain said, citing slow growth": the subject of the clause it hangs on (the one nearest
                # the verb: a dateline the parser hung on it as well is no speaker)
                subj = [c for c in tok.head.children if c.dep_ == "nsubj" and c.i < tok.i][-1:]
            if not subj and tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.pos_ in ("NOUN", "PROPN"):
                # "..., a rights group said, blaming the army", parsed as hanging on the sentence's noun: the
                # subject of that reporting verb; else the noun itself ("pastors supporting Mr. Cruz")
                said = [c for c in tok.head.children if c.dep_ == "parataxis" and c.i < tok.i
                        and c.lemma_.lower() in REPORT_VERBS]
                subj = [c for c in said[-1].children if c.dep_ == "nsubj"] if said else [tok.head]
            if not subj:
                continue
            first, last = content.left_edge, content.right_edge
            if content.dep_ == "dobj":
                # "accused the army of shelling the town", "thanked the voters for their support",
                # "described the law as a crazy system": what the object is said to be or to have done
                of = [c for c in tok.children if c.i > content.i and (
                    c.dep_ in ("oprd", "xcomp") or c.dep_ == "prep" and c.lower_ in ("as", "for", "of"))]
                if of:
                    last = max(last, of[0].right_edge, key=lambda t: t.i)
            last = self._rest_of_clause(tok, last)
            while last.i > first.i and (last.is_punct or last.is_space):
                last = last.nbor(-1)
            s, e = first.idx, last.idx + len(last.text)
            text = self.text[s:e]
            one_name = first.i == last.i and first.pos_ == "PROPN"  # "voters who support Sanders"
            if (len(text.split()) < 2 and not one_name) or "\n\n" in text or self._mostly_quoted(s, e):
                continue
            speaker = self.speaker_of(subj, tok.idx)
            if speaker is None:
                continue
            out.append(self._reported(tok, text, s, speaker, self.medium_of(tok, None)))
        return out

    def _rest_of_clause(self, verb: Token, last: Token) -> Token:
        """The verb's modifiers after ``last`` belong to what was said ("mentioned the network five times",
        "opposed the bill in its first form", "pushed for action while the code is rewritten"), up to another
        predicate ("and left"), a clause that reports speech of its own (", saying ...") or a date."""
        for c in sorted((c for c in verb.children if c.i > last.i), key=lambda c: c.i):
            if c.is_punct or c.is_space:
                continue
            if c.dep_ not in ("prep", "npadvmod", "advmod", "advcl", "oprd", "xcomp", "ccomp", "dative", "dobj",
                              "acomp", "agent"):
                break
            if any(t.lemma_ in QUOTE_VERBS or t.lemma_ in INDIRECT_VERBS for t in c.subtree if t.pos_ == "VERB"):
                break
            if any(t.ent_type_ in ("DATE", "TIME") for t in c.subtree):
                break  # when it was said is the statement's date, not its words ("on Monday")
            last = c.right_edge
        return last

    def noun_cues(self) -> list[tuple[Statement, Token | None]]:
        """A noun that reports a speaker's words or stance, the speaker its possessive or "by" object:
        "Sanders's claim that the vote was rigged", "the senator's view that ...", "her criticism of
        the deal", "the claim by the mayor that ...". The statement is the clause or the object."""
        out: list[tuple[Statement, Token | None]] = []
        for tok in self.doc:
            lemma = tok.lemma_.lower()
            if tok.pos_ != "NOUN" or self._outside_speech(tok):
                continue
            content = None
            if lemma in CLAIM_NOUNS:
                content = next((c for c in tok.children if c.dep_ in ("acl", "ccomp") and c.i > tok.i
                                and any(x.dep_ == "mark" and x.lower_ == "that" for x in c.children)), None)
            if content is None and lemma in PREP_STANCE_NOUNS:
                content = next((p for c in tok.children if c.dep_ == "prep" and c.i > tok.i
                                and c.lower_ in PREP_STANCE_NOUNS[lemma]
                                for p in c.children if p.dep_ in ("pobj", "pcomp")), None)
            if content is None:
                continue
            who = [c for c in tok.children if c.dep_ == "poss"] or [
                p for c in tok.children if c.dep_ == "prep" and c.lower_ == "by" and c.i < content.i
                for p in c.children if p.dep_ == "pobj"]
            if not who:
                continue
            speaker = self.speaker_of(who, tok.idx, nominal=True)
            if speaker is None or speaker.type == "media":
                continue
            first, last = content.left_edge, content.right_edge
            while last.i > first.i and (last.is_punct or last.is_space):
                last = last.nbor(-1)
            s, e = first.idx, last.idx + len(last.text)
            text = self.text[s:e]
            if len(text.split()) < 2 or "\n\n" in text or self._mostly_quoted(s, e):
                continue
            out.append(self._reported(tok, text, s, speaker, ""))
        return out

    def according_to(self) -> list[tuple[Statement, Token | None]]:
        """"According to X, the prisoners were tortured": X's report, without a speech verb."""
        out: list[tuple[Statement, Token | None]] = []
        for t in self.doc:
            if self._outside_speech(t):
                continue
            if t.lower_ == "according" and t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "to":
                to = self.doc[t.i + 1]
                objs = [p for p in to.children if p.dep_ == "pobj"] or [p for p in t.children if p.dep_ == "pobj"]
            elif t.lower_ == "in" and t.dep_ == "prep" and t.head.pos_ in ("VERB", "AUX"):
                # "Clinton leads 46-41 in the latest poll", "In the survey, most voters ...": the poll reports
                to = t
                objs = [p for p in t.children if p.dep_ == "pobj" and p.lemma_.lower() in POLL_NOUNS
                        and p.tag_ == "NN"]  # one poll: "in the polls" is the standing, not a source
                if not objs:
                    continue
            else:
                continue
            ref = self.speaker_of(objs, t.idx)
            if ref is None and objs and objs[0].pos_ in ("NOUN", "PROPN") and not self.in_quote(objs[0].idx):
                ref = self.cited_phrase(objs[0])  # "according to data from the state": the source as written
            if ref is None:
                continue
            sent = t.sent
            phrase_end = max(x.i for x in [to] + [y for o in objs for y in o.subtree])
            # the clause around the phrase: the longer side of the sentence
            left = self.doc[sent.start:t.i]
            right = self.doc[phrase_end + 1:sent.end]
            side = right if len(right) >= len(left) else left
            toks = [x for x in side if not x.is_space]
            while toks and (toks[0].is_punct or toks[0].lower_ in ("that",)):
                toks.pop(0)
            while toks and toks[-1].is_punct:
                toks.pop()
            if len(toks) < 3:
                continue
            s, e = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            if self._mostly_quoted(s, e):
                continue
            out.append(self._reported(t, self.text[s:e], s, ref, ""))
        return out

    def cited_phrase(self, tok: Token) -> ActorRef | None:
        """A source cited by a noun phrase no actor or speaker rule took ("according to data from the
        census office"): the phrase as written, without its article and a clause attached to it."""
        keep = [tok] + [t for c in tok.children if c.dep_ not in ("relcl", "appos", "punct", "acl", "det")
                        and not c.is_space for t in c.subtree]
        first, last = min(keep, key=lambda t: t.i), max(keep, key=lambda t: t.i)
        phrase = self.doc[first.i:last.i + 1]
        if len(phrase) > 8 or "\n" in phrase.text or any(self.in_quote(t.idx) for t in phrase):
            return None
        name = phrase.text
        return ActorRef(key="unnamed_" + "_".join(w.lower() for w in name.split()), name=name, type="other",
                        text=name, start=phrase.start_char, end=phrase.end_char)

    def turns(self) -> list[tuple[Statement, Token | None]]:
        """A transcript's turns written without quotation marks ("PENCE: Well, look, ...")."""
        out: list[tuple[Statement, Token | None]] = []
        for m in re.finditer(r"(?m)^[ \t]*(?=[A-Z])", self.text):
            start = m.end()
            turn = TURN.match(self.text, start)
            if turn is None or self.in_quote(start) or self._in_furniture(start):
                continue
            end = self.text.find("\n", turn.end())
            end = len(self.text) if end < 0 else end
            s, e = turn.end(), end
            while e > s and self.text[e - 1].isspace():
                e -= 1
            if len(self.text[s:e].split()) < 2:
                continue
            ref = self.turn_speaker(turn.group(1), start)
            if ref is None:
                continue
            self.spoken.append((s, ref))
            out.append((Statement(article_id=self.ents.article.article_id, kind="direct", text=self.text[s:e],
                                  start=s, end=e, speaker=ref, sentence_start=s, sentence_end=e), None))
        return out

    def headline_claim(self) -> list[tuple[Statement, Token | None]]:
        """A headline "Speaker: what they said" ("Kirby: Strikes Will Continue"), when the article names
        the speaker as an actor."""
        first = self.text.lstrip()
        start = len(self.text) - len(first)
        end = self.text.find("\n", start)
        end = len(self.text) if end < 0 else end
        m = re.match(r"([A-Z][^:\n]{1,60}?):\s+(\S.*)$", self.text[start:end])
        if m is None or self.in_quote(start) or len(m.group(2).split()) < 3:
            return []
        label = self.doc.char_span(start, start + len(m.group(1)), alignment_mode="expand")
        if label is None:
            return []
        refs = [self.ents.by_token[t.i] for t in label if t.i in self.ents.by_token]
        ref = refs[0] if refs else self.named_person(label.root)
        if ref is None or ref.type in ("country", "civilians") or any(t.i in self.ents.place_by_token for t in label):
            return []  # "Syria: Army Retakes Aleppo" is a topic, not a speaker
        s = start + m.start(2)
        e = start + len(m.group(0).rstrip(" ."))
        while e > s and self.text[e - 1] in ".\u2019'\"\u201d ":
            e -= 1
        while s < e and self.text[s] in "\u2018\u201c'\"":
            s += 1
        kind = "direct" if self._mostly_quoted(s, e) or self.text[start + m.start(2)] in "\u2018\u201c'\"" else "indirect"
        self.spoken.append((s, ref))
        return [(Statement(article_id=self.ents.article.article_id, kind=kind, text=self.text[s:e], start=s, end=e,
                           speaker=ref, sentence_start=start, sentence_end=end), None)]

    def statements(self) -> list[tuple[Statement, Token | None]]:
        # a first pass records who spoke where, so that "he said" finds the latest speaker
        # whether that one was quoted directly or reported
        self.indirect()
        self.direct()
        self.spoken = list(self.spoken)
        indirect = self.indirect()
        direct = self.direct()
        direct += [(st, v) for st, v in self.turns()
                   if not any(a.start < st.end and st.start < a.end for a, _ in direct)]
        covered = [(st.start, st.end) for st, _ in indirect + direct]
        for extra in (self.headline_claim(), self.requests(), self.according_to(), self.stances(),
                      self.noun_cues()):
            new = [(st, v) for st, v in extra if not any(a < st.end and st.start < b for a, b in covered)]
            indirect += new
            covered += [(st.start, st.end) for st, _ in new]
        # a short quotation nobody is said to have spoken is no statement (a title, a scare quote, a
        # slogan); a long one is still speech, its speaker unknown
        allst = sorted([x for x in direct + indirect if x[0].speaker is not None
                        or len(x[0].text.split()) >= MIN_UNATTRIBUTED_WORDS], key=lambda x: (x[0].start, x[0].end))
        # "Clinton said voters want change": the voters' wish is Clinton's report, not a statement of theirs
        return [(st, v) for st, v in allst if not any(
            o is not st and o.start <= st.start and st.end <= o.end and (o.end - o.start) > (st.end - st.start)
            and o.speaker is not None and (st.speaker is None or o.speaker.key != st.speaker.key)
            for o, _ in allst)]


def statement_cue(verb: Token | None) -> str:
    """The word that reports a statement, as a lemma ("denied" -> "deny", "according to"); "" for a quote
    no verb introduces (a transcript's turn, a follow-on quotation)."""
    if verb is None:
        return ""
    if verb.lower_ == "according":
        return "according to"
    return verb.lemma_.lower()


def same_speaker_dates(statements: list[Statement], explicit: set[int]) -> list[Statement]:
    """Undated statements take the day of the same speaker's dated statement in the article."""
    dated: dict[str, TimeValue] = {}
    for i, st in enumerate(statements):
        if i in explicit and st.speaker is not None and st.time.precision == "day":
            dated.setdefault(st.speaker.key, st.time)
    out = []
    for i, st in enumerate(statements):
        if i not in explicit and st.speaker is not None and st.speaker.key in dated:
            st = Statement(**{**st.__dict__, "time": dated[st.speaker.key]})
        out.append(st)
    return out
