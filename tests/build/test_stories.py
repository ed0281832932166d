"""Which reports tell one story (graph.build.stories), and what that does to merging undated reports:
two undated shootings in one city, in reports that name nobody in common, stay apart; undated
reports of one story, naming the same people and places, still merge. Reports written
for these tests."""
from __future__ import annotations

import random

from graph.build.builder import cluster_mentions
from graph.build.stories import Stories
from graph.core.model import ActorRef, Article, EventMention, ParsedArticle, PlaceMatch, PlaceRef

DAYTON = PlaceMatch(name="Dayton", country="USA", latitude=39.759, longitude=-84.192, feature="city")


def actor(key: str, kind: str = "person") -> ActorRef:
    return ActorRef(key=key, name=key.title(), type=kind, text=key.title(), start=0, end=len(key))


def place(key: str) -> PlaceRef:
    return PlaceRef(key=key, place=PlaceMatch(name=key.title()), text=key.title(), start=0, end=len(key))


def article(aid: str, actors: list[str], places: list[str]) -> ParsedArticle:
    return ParsedArticle(article=Article(article_id=aid, text=""), actors=[actor(a) for a in actors],
                         places=[place(p) for p in places])


def shooting(aid: str, sentence: str, trigger: str = "shooting", *, dayton: bool = True) -> EventMention:
    i = sentence.index(trigger)
    ref = None
    if dayton:
        j = sentence.index("Dayton")
        ref = PlaceRef(key="dayton", place=DAYTON, text="Dayton", start=j, end=j + 6)
    return EventMention(article_id=aid, event_type="ASSAULT", mode="shooting", cameo="18", trigger=trigger,
                        trigger_start=i, trigger_end=i + len(trigger), sentence=sentence, sentence_start=0,
                        sentence_end=len(sentence), place=ref)


# a corpus of five reports: two of one story (the Greer shooting), three of others
CORPUS = [
    article("greer-1", ["dana greer", "peter vance", "dayton police"], ["dayton", "wayne avenue"]),
    article("greer-2", ["dana greer", "peter vance", "dayton police", "montgomery county coroner"],
            ["dayton", "wayne avenue"]),
    article("other-1", ["sam okafor", "dayton police"], ["dayton", "salem avenue"]),
    article("other-2", ["lena ortiz", "ohio state patrol"], ["dayton", "interstate 75"]),
    article("far", ["harbor authority", "coast guard"], ["gdansk"]),
]


def test_reports_of_one_story_are_similar_and_others_are_not():
    s = Stories.of(CORPUS)
    assert s.similarity("greer-1", "greer-2") > 0.5
    assert s.similarity("greer-1", "other-1") < 0.3  # the city and its police alone make no story
    assert s.similarity("greer-1", "far") == 0.0
    assert s.similarity("greer-1", "greer-1") == 1.0
    assert s.similarity("greer-1", "unknown") == 0.0
    assert s.similarity("greer-1", "other-2") == s.similarity("other-2", "greer-1")


def test_similarity_does_not_depend_on_the_order_of_articles():
    shuffled = CORPUS[:]
    random.Random(7).shuffle(shuffled)
    a, b = Stories.of(CORPUS), Stories.of(shuffled)
    assert a.vectors == b.vectors
    assert a.subset(["greer-1", "far"]).similarity("greer-1", "far") == a.similarity("greer-1", "far")


def test_undated_shootings_in_one_city_from_other_stories_stay_apart():
    a = shooting("greer-1", "A man was wounded in a shooting in Dayton.")
    b = shooting("other-1", "A teenager was hurt in a shooting in Dayton.")
    assert len(cluster_mentions([a, b])) == 1  # type, mode and city alone: the rule merges them
    clusters = cluster_mentions([a, b], stories=Stories.of(CORPUS))
    assert len(clusters) == 2


def test_undated_reports_of_one_story_still_merge():
    a = shooting("greer-1", "A man was wounded in a shooting in Dayton.")
    b = shooting("greer-2", "Police said the shooting in Dayton left one man wounded.")
    clusters = cluster_mentions([a, b], stories=Stories.of(CORPUS))
    assert len(clusters) == 1


def test_dated_reports_are_not_judged_by_their_stories():
    from datetime import date

    from graph.core.model import TimeValue

    day = TimeValue(value="2026-03-02", start=date(2026, 3, 2), end=date(2026, 3, 2), precision="day")
    a = shooting("greer-1", "A man was wounded in a shooting in Dayton on Monday.")
    b = shooting("other-1", "A man was wounded in a shooting in Dayton on Monday night.")
    a, b = (EventMention(**{**m.__dict__, "time": day}) for m in (a, b))
    assert len(cluster_mentions([a, b], stories=Stories.of(CORPUS))) == 1  # the date ties them


def test_blocks_give_the_clusters_of_one_pass_with_stories():
    from graph.build.blocks import cluster_in_blocks

    ms = [shooting("greer-1", "A man was wounded in a shooting in Dayton."),
          shooting("greer-2", "Police said the shooting in Dayton left one man wounded."),
          shooting("other-1", "A teenager was hurt in a shooting in Dayton."),
          shooting("other-2", "The car seen after the shooting has not been found.", dayton=False)]
    stories = Stories.of(CORPUS)

    def signature(clusters):
        return sorted(sorted((m.article_id, m.trigger_start) for m in c.mentions) for c in clusters)

    one_pass = signature(cluster_mentions(ms, stories=stories))
    assert signature(cluster_in_blocks(ms, stories=stories)) == one_pass
    assert signature(cluster_in_blocks(ms, mapper=lambda f, xs: list(map(f, reversed(list(xs)))),
                                       stories=stories)) == one_pass
    assert one_pass != signature(cluster_mentions(ms))  # the stories made a difference here
