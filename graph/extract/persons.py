"""Which names of one article are the same person, and which are not.

:class:`PersonIndex` holds the people an article names in full ("John Kirby",
"Turki al-Maliki", "Dzhokhar A. Tsarnaev") and resolves the short forms it uses
afterwards, as a reader does:

* a surname alone ("Kirby") or a first name alone ("John") is the one person of the
  article with that surname or first name; when several people share it ("the Tsarnaev
  brothers" named in full), it is the one the article names in full most often (the one
  it is about), and names none for sure when they are named equally often
  (:meth:`PersonIndex.find` says so with ``None``; :meth:`PersonIndex.ambiguous` tells that
  several share the word);
* a full name is the same person as a full name with the same first name and surname
  ("Dzhokhar A. Tsarnaev" and "Dzhokhar Tsarnaev"), or with the same surname and a first name
  spelt with one letter more or less (a report's "Kameela" and "Kamela" Ross: :func:`spelling_variant`);
  a different first name is a different person ("Turki al-Maliki" is not "Nouri al-Maliki"),
  whatever an actor gazetteer says;
* across articles people join on their full names only: :func:`person_key` is the key of a
  full name, the same in every article, and a lone surname keeps a key of its own.

The extractors (``graph.extract.actors`` for actors and event roles, and through
:meth:`ArticleEntities.person_named <graph.extract.actors.ArticleEntities.person_named>` the
statements' speakers) use one index per article.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from graph.lexicon.names import clean_name, name_key, slug, strip_titles
from graph.lexicon.words import NAME_SUFFIXES


def name_words(text: str) -> list[str]:
    """The words of a person's name without titles, a possessive or a suffix ("Jr.").

    >>> name_words("Sgt. John A. Smith Jr.")
    ['John', 'A.', 'Smith']
    """
    words = strip_titles(clean_name(text)).replace(",", " ").split()
    while len(words) > 1 and words[-1].casefold().rstrip(".") in NAME_SUFFIXES:
        words.pop()
    return words


def _initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1


def person_key(text: str) -> str:
    """The key of a full name: its words without titles, suffixes and middle initials.

    >>> person_key("Dzhokhar A. Tsarnaev") == person_key("Dzhokhar Tsarnaev")
    True
    """
    words = name_words(text)
    if len(words) >= 3:
        words = [words[0]] + [w for w in words[1:-1] if not _initial(w)] + [words[-1]]
    return slug(" ".join(words))


def word_key(w: str) -> str:
    """A name word as compared: folded, without an Arabic article ("al-Maliki" = "Maliki")."""
    return name_key(w).replace(" ", "")


def spelling_variant(a: str, b: str) -> bool:
    """Whether two first names (compared forms) are one name spelt with one letter more or less, as one
    report may spell a name twice ("kameela", "kamela"); names of fewer than five letters, and those that
    differ by a changed letter ("jalen", "jaden"), are different names.

    >>> spelling_variant("kameela", "kamela"), spelling_variant("jalen", "jaden"), spelling_variant("dan", "dana")
    (True, False, False)
    """
    if abs(len(a) - len(b)) != 1 or min(len(a), len(b)) < 5 or a[0] != b[0]:
        return False
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


@dataclass
class Person:
    """A person named in full in one article."""

    key: str  # canonical actor key (person_key, or an actor gazetteer's key)
    name: str  # the full name as first written, titles left out
    first: str  # compared form of the first name
    last: str  # compared form of the surname
    start: int  # where it is first named
    mentions: int = 1  # how often it is named in full


def _most_named(people: list[Person]) -> Person | None:
    """The one person named in full most often, None when there is none or a tie."""
    if not people:
        return None
    top = max(p.mentions for p in people)
    best = [p for p in people if p.mentions == top]
    return best[0] if len(best) == 1 else None


@dataclass
class PersonIndex:
    """The people named in full in one article; see the module docstring."""

    people: list[Person] = field(default_factory=list)

    def add(self, text: str, start: int, key: str = "") -> Person | None:
        """Record a full name (two words or more) and return its person: the one already
        recorded with the same first name and surname, else a new one (keyed ``key`` when an
        actor gazetteer names it, else :func:`person_key`). A single word is no full name: None."""
        words = name_words(text)
        if len(words) < 2:
            return None
        found = self._same(words)
        if found is not None:
            found.mentions += 1
            return found
        p = Person(key=key or person_key(text), name=" ".join(words), first=word_key(words[0]),
                   last=word_key(words[-1]), start=start)
        self.people.append(p)
        return p

    def _same(self, words: list[str]) -> Person | None:
        first, last = word_key(words[0]), word_key(words[-1])
        return next((p for p in self.people if p.first == first and p.last == last), None) or next(
            (p for p in self.people if p.last == last and spelling_variant(p.first, first)), None)

    def _by_part(self, word: str) -> tuple[list[Person], list[Person]]:
        w = word_key(word)
        if not w:
            return [], []
        return [p for p in self.people if p.last == w], [p for p in self.people if p.first == w]

    def find(self, text: str) -> Person | None:
        """The person a name means in this article: a full name's person (same first name and
        surname), or the one person whose surname, else first name, a single word is; None when
        there is none or more than one."""
        words = name_words(text)
        if not words:
            return None
        if len(words) >= 2:
            return self._same(words)
        lasts, firsts = self._by_part(words[0])
        return _most_named(lasts) if lasts else _most_named(firsts)

    def ambiguous(self, text: str) -> bool:
        """Whether a single word is the surname (or, failing that, the first name) of several people."""
        words = name_words(text)
        if len(words) != 1:
            return False
        lasts, firsts = self._by_part(words[0])
        return len(lasts) > 1 or (not lasts and len(firsts) > 1)

    def is_part(self, word: str) -> bool:
        """Whether a single word is the first name or surname of someone named in full here."""
        lasts, firsts = self._by_part(word)
        return bool(lasts or firsts)

    def family(self) -> list[Person]:
        """The people who share their surname with another person of the article ("the brothers")."""
        return [p for p in self.people if sum(q.last == p.last for q in self.people) > 1]
