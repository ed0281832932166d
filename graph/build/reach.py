"""Which events a mention that names its own place may join: a map of the events' places.

merge_score forbids a merge when an own place of the event (one named in a mention's own
sentence) is neither the mention's own place, nor a country and a place inside it, nor
within 30 km of it. :class:`GeoIndex` keeps such events out of a mention's candidates before
they are scored: each event is put on the map by its first own place (its anchor), the map
is cut into cells of 0.3 degrees (about 33 km), and a mention looks in the cells around its
place, so a place near a border still meets the events across it. An event without a place
of its own is always a candidate. The candidates are a superset of those that can merge, so
the clusters are the same as when every event is scored.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from graph.core.model import PlaceRef

CELL = 0.3  # degrees of latitude and longitude per cell (0.3 deg of latitude is 33 km > 30 km)
REACH_KM = 30.0  # place_compatible: two places within 30 km
EARTH_KM = 6371.0
POLAR = 79.0  # above this latitude the cells are not used (a mention there meets every event)
_LON_CELLS = round(360 / CELL)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL), math.floor((lon + 180.0) / CELL) % _LON_CELLS


def _anchor_keys(p: PlaceRef) -> list[tuple]:
    pm = p.place
    keys: list[tuple] = [("key", p.key)]
    if pm.country:
        keys.append(("country", pm.country) if pm.feature == "country" else ("in", pm.country))
    if pm.latitude is not None and pm.longitude is not None:
        keys.append(("polar",) if abs(pm.latitude) > POLAR + 1 else ("cell", *_cell(pm.latitude, pm.longitude)))
    keys += _region_keys(pm, inside=True)
    return keys


def _region_keys(pm, inside: bool) -> list[tuple]:
    """Keys for region_contains: ``inside``, those of the divisions that hold the place, for an anchor
    (a region's own key holds itself); else those a region's places are anchored under, for a mention
    whose place is a division, and of the divisions that hold it."""
    if not pm.country or not pm.admin1:
        return []
    own = [("adm", pm.country, pm.admin1, "")] + ([("adm", pm.country, pm.admin1, pm.admin2)] if pm.admin2 else [])
    if inside:
        return [("in", *k[1:]) for k in own] + ([("region", *own[-1][1:])] if pm.feature == "admin" else [])
    keys = [("region", *k[1:]) for k in own]  # the divisions that hold the mention's place
    if pm.feature == "admin":
        keys.append(("in", *own[-1][1:]))  # the places inside the division the mention names
    return keys


def _reach_keys(p: PlaceRef) -> list[tuple] | None:
    """The index keys of every place compatible with ``p`` (a superset); None: every place."""
    pm = p.place
    keys: list[tuple] = [("key", p.key)]
    if pm.country:
        keys.append(("country", pm.country))
        if pm.feature == "country":
            keys.append(("in", pm.country))
    keys += _region_keys(pm, inside=False)
    if pm.latitude is not None and pm.longitude is not None:
        if abs(pm.latitude) > POLAR:
            return None
        i, j = _cell(pm.latitude, pm.longitude)
        # the widest longitude gap two points within 30 km can have, at the highest latitude the
        # neighbouring cells reach (haversine: sin(d/2R) >= cos(lat) * sin(dlon/2)), with a margin
        lat_max = math.radians(min(89.9, abs(pm.latitude) + 3 * CELL))
        ratio = math.sin(REACH_KM / (2 * EARTH_KM)) / math.cos(lat_max)
        if ratio >= 1.0:
            return None
        k = math.ceil(math.degrees(2 * math.asin(ratio)) / CELL) + 1
        if 2 * k + 1 >= _LON_CELLS:
            return None
        keys += [("cell", i + di, (j + dj) % _LON_CELLS) for di in (-1, 0, 1) for dj in range(-k, k + 1)]
    return keys


class GeoIndex:
    """Clusters by the first place named in one of their mentions' own sentences (their anchor).

    Every own place of an event must be compatible with a mention's own place for the two to
    merge, so the anchor alone rules an event out; events without an anchor are never ruled out."""

    def __init__(self) -> None:
        self.anchored: set[int] = set()
        self.buckets: dict[tuple, set[int]] = defaultdict(set)

    def anchor(self, i: int, place: PlaceRef) -> None:
        if i in self.anchored:
            return
        self.anchored.add(i)
        for k in _anchor_keys(place):
            self.buckets[k].add(i)

    def reachable(self, idx: Iterable[int], place: PlaceRef) -> set[int]:
        """Those of the clusters ``idx`` that a mention with this own place may join."""
        keys = _reach_keys(place)
        if keys is None or not self.anchored:
            return set(idx)
        near: set[int] = set()
        for k in keys:
            b = self.buckets.get(k)
            if b:
                near |= b
        anchored = self.anchored
        return {i for i in idx if i not in anchored or i in near}
