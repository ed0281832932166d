"""The graph stage's event blocks: any order, any number of workers, the same clusters and files."""
from __future__ import annotations

import random
from datetime import date, timedelta
from functools import partial

import pytest

from graph.build.blocks import cluster_in_blocks, independent_blocks
from graph.build.builder import build_graph, cluster_mentions
from graph.build.parallel import block_mapper
from graph.core.model import ActorRef, EventMention, PlaceMatch, PlaceRef, TimeValue

# Two border towns 15 km apart in two countries, a city far away, and a country.
NORTHGATE = PlaceMatch(name="Northgate", country="AAA", latitude=41.000, longitude=20.000, feature="city")
SOUTHGATE = PlaceMatch(name="Southgate", country="BBB", latitude=40.870, longitude=20.050, feature="city")
FARTOWN = PlaceMatch(name="Fartown", country="AAA", latitude=43.500, longitude=22.000, feature="city")
LAND = PlaceMatch(name="Aland", country="AAA", latitude=42.000, longitude=21.000, feature="country")
PLACES = [NORTHGATE, SOUTHGATE, FARTOWN, LAND, None]
ARMY = ActorRef(key="army", name="The army", type="military", text="the army", start=0, end=8, country="AAA")
REBELS = ActorRef(key="rebels", name="Rebels", type="armed_group", text="rebels", start=0, end=6)
WORDS = ["market", "bridge", "school", "convoy", "checkpoint", "village", "clinic", "depot"]
MODES = [("ASSAULT", "shelling"), ("ASSAULT", "attack"), ("ASSAULT", "air_strike"), ("ASSAULT", "killing"),
         ("RETREAT", "displacement")]


def mention(i: int, rng: random.Random) -> EventMention:
    """A varied synthetic mention: type, mode, place, date (some undated), actors, modality."""
    place = rng.choice(PLACES)
    sentence = f"{'The army' if rng.random() < 0.5 else 'Rebels'} hit the {rng.choice(WORDS)} near " \
               f"{place.name if place else 'the front'} and the {rng.choice(WORDS)}."
    ref = None
    if place is not None:
        at = sentence.index(place.name)
        ref = PlaceRef(key=place.name.lower(), place=place, text=place.name, start=at, end=at + len(place.name))
    r = rng.random()
    day = date(2020, 1, 1) + timedelta(days=rng.randrange(400))
    if r < 0.6:
        time, not_after = TimeValue(value=day.isoformat(), start=day, end=day, precision="day"), None
    elif r < 0.8:
        time, not_after = TimeValue(), day
    elif r < 0.9:
        time, not_after = TimeValue(value=str(day.year), start=date(day.year, 1, 1), end=date(day.year, 12, 31),
                                    precision="year"), None
    else:
        time, not_after = TimeValue(), None
    etype, mode = rng.choice(MODES)
    agents = (rng.choice([ARMY, REBELS]),) if rng.random() < 0.6 else ()
    modality = "asserted" if rng.random() < 0.85 else rng.choice(["hypothetical", "negated"])
    return EventMention(article_id=f"art{i // 3:03d}", event_type=etype, mode=mode, cameo="19", trigger="hit",
                        trigger_start=10 + (i % 3) * 200, trigger_end=13 + (i % 3) * 200, sentence=sentence,
                        sentence_start=(i % 3) * 200, sentence_end=(i % 3) * 200 + len(sentence), agents=agents,
                        place=ref, time=time, not_after=not_after, modality=modality)


def corpus(n: int = 300, seed: int = 3) -> list[EventMention]:
    rng = random.Random(seed)
    return [mention(i, rng) for i in range(n)]


def signature(clusters) -> list:
    return [([(m.article_id, m.trigger_start, m.event_type, m.mode) for m in c.mentions], c.reasons, c.start, c.end)
            for c in clusters]


def test_blocks_give_the_clusters_of_one_pass_in_any_order():
    ms = corpus()
    one_pass = signature(cluster_mentions(ms))
    assert len(one_pass) < len(ms)  # some merge: the check below is not vacuous
    assert signature(cluster_in_blocks(ms)) == one_pass
    shuffled = list(ms)
    random.Random(1).shuffle(shuffled)
    assert signature(cluster_in_blocks(shuffled, mapper=lambda f, xs: list(map(f, reversed(list(xs)))))) == one_pass


def test_blocks_never_share_an_event():
    ms = corpus()
    blocks = independent_blocks(ms)
    assert len(blocks) > 1 and sum(map(len, blocks)) == len(ms)
    where = {(m.article_id, m.trigger_start): i for i, b in enumerate(blocks) for m in b}
    for c in cluster_mentions(ms):
        assert len({where[(m.article_id, m.trigger_start)] for m in c.mentions}) == 1


def test_towns_across_a_border_within_30_km_still_merge():
    def at(article: str, place: PlaceMatch) -> EventMention:
        sentence = f"The army shelled the market in {place.name}."
        s = sentence.index(place.name)
        day = date(2020, 5, 4)
        return EventMention(article_id=article, event_type="ASSAULT", mode="shelling", cameo="19", trigger="shelled",
                            trigger_start=9, trigger_end=16, sentence=sentence, sentence_start=0,
                            sentence_end=len(sentence), agents=(ARMY,),
                            place=PlaceRef(key=place.name.lower(), place=place, text=place.name, start=s,
                                           end=s + len(place.name)),
                            time=TimeValue(value=day.isoformat(), start=day, end=day, precision="day"))

    both = cluster_in_blocks([at("a", NORTHGATE), at("b", SOUTHGATE)])
    assert len(both) == 1
    assert len(cluster_in_blocks([at("a", NORTHGATE), at("b", FARTOWN)])) == 2


def test_a_pool_of_two_gives_the_clusters_of_one_process():
    ms = corpus(200, seed=5)
    with block_mapper(workers=2) as mapper:
        pooled = signature(cluster_in_blocks(ms, mapper=mapper))
    assert pooled == signature(cluster_mentions(ms))


@pytest.mark.slow
def test_dask_a_pool_and_one_process_write_the_same_files(tmp_path, extractor):
    """One corpus, its graph stage's blocks on a Dask LocalCluster, on a local pool and in one
    process: byte-identical files."""
    from distributed import LocalCluster

    from graph.export.writer import write_exports

    texts = []
    for i in range(12):
        day = date(2021, 3, 1) + timedelta(days=i % 4)
        town = ["Northgate", "Southgate", "Fartown"][i % 3]
        texts.append((f"n{i:02d}", day, f"Rebels shelled a market in {town} on {day:%A}, killing {i + 2} people, "
                      f"officials said.\n\nThe army said it had bombed a rebel depot near {town} the day before.\n\n"
                      "Hundreds of families fled the area, aid workers said."))
    from graph.core.model import Article

    parsed = [extractor.parse(Article(article_id=aid, path=f"{aid}.txt", published=day, text=text))
              for aid, day, text in texts]
    assert sum(len(p.events) for p in parsed) > 12
    outs = {}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        runs = {"one": (1, None), "pool": (2, None), "dask": (1, cluster.scheduler_address)}
        for name, (workers, scheduler) in runs.items():
            with block_mapper(workers, scheduler) as mapper:
                G = build_graph(parsed, cluster=partial(cluster_in_blocks, mapper=mapper))
            write_exports(G, tmp_path / name)
            outs[name] = {p.name: p.read_bytes() for p in sorted((tmp_path / name).iterdir()) if p.is_file()}
    assert outs["one"] and "events.csv" in outs["one"]
    assert outs["pool"] == outs["one"]
    assert outs["dask"] == outs["one"]
