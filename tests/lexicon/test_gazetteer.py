"""The actor gazetteer: packaged data, countries, normalization, user files and their errors."""
from __future__ import annotations

import csv
import re
from collections import defaultdict
from importlib import resources

import pytest

from graph.core.errors import ConfigError
from graph.core.model import ACTOR_TYPES
from graph.lexicon.gazetteer import COLUMNS, ActorEntry, ActorGazetteer, default_gazetteer
from graph.lexicon.names import alias_key

HEADER = ",".join(COLUMNS) + "\n"


@pytest.fixture(scope="module")
def gaz() -> ActorGazetteer:
    return default_gazetteer()


def packaged_rows() -> list[tuple[int, dict[str, str]]]:
    text = resources.files("graph").joinpath("data/actors.csv").read_text(encoding="utf-8")
    reader = csv.reader(text.splitlines())
    header = next(reader)
    assert header == list(COLUMNS)
    rows = []
    for cells in reader:
        if not cells or cells[0].startswith("#"):
            continue
        assert len(cells) == len(COLUMNS), cells
        rows.append((reader.line_num, dict(zip(header, cells))))
    return rows


def key_of(gaz: ActorGazetteer, text: str) -> str | None:
    e = gaz.lookup(text)
    return e.key if e else None


# --- lookups ---------------------------------------------------------------------------
@pytest.mark.parametrize("text, key", [
    ("the U.N.", "united_nations"),
    ("U.N.", "united_nations"),
    ("UN", "united_nations"),
    ("United Nations", "united_nations"),
    ("UN Security Council", "un_security_council"),
    ("U.N. Security Council", "un_security_council"),
    ("the Security Council", "un_security_council"),
    ("General Assembly", "un_general_assembly"),
    ("Syrian military", "syrian_army"),
    ("Syrian army", "syrian_army"),
    ("the Syrian Army", "syrian_army"),
    ("Syrian Arab Army", "syrian_army"),
    ("President Bashar al-Assad", "bashar_al_assad"),
    ("President Bashar al Assad", "bashar_al_assad"),
    ("Assad", "bashar_al_assad"),
    ("Assad's", "bashar_al_assad"),
    ("Assad regime", "syrian_government"),
    ("the Syrian regime", "syrian_government"),
    ("Syrian rebels", "syrian_rebels"),
    ("ICRC", "icrc"),
    ("International Red Cross", "icrc"),
    ("the Red Cross", "icrc"),
    ("State Department", "us_state_department"),
    ("U.S. State Department", "us_state_department"),
    ("Islamic State", "islamic_state"),
    ("ISIS", "islamic_state"),
    ("Daesh", "islamic_state"),
    ("IS", "islamic_state"),
    ("Hayat Tahrir al-Sham", "hts"),
    ("Hay’at Tahrir al-Sham", "hts"),
    ("Nusra Front", "hts"),
    ("al-Qaida", "al_qaeda"),
    ("Al Qaeda", "al_qaeda"),
    ("Erdoğan", "recep_tayyip_erdogan"),
    ("Zelenskyy", "volodymyr_zelensky"),
    ("U.S.-led coalition", "us_led_coalition"),
    ("“the Kremlin”", "kremlin"),
    ("Doctors Without Borders", "msf"),
    ("Médecins Sans Frontières", "msf"),
    ("Hezbollah", "hezbollah"),
    ("the West", "the_west"),
    ("Western nations", "the_west"),
    ("rebels", "rebels"),
    ("civilians", "civilians"),
    ("residents", "civilians"),
    ("evacuees", "civilians"),
    ("militants", "militants"),
    ("protesters", "protesters"),
    ("police", "police"),
    ("security forces", "security_forces"),
    ("international community", "international_community"),
    ("UN Commission of Inquiry on Syria", "un_commission_of_inquiry"),
    ("Staffan de Mistura", "staffan_de_mistura"),
    ("John Kirby", "john_kirby"),
])
def test_lookup_variants(gaz, text, key):
    assert key_of(gaz, text) == key


@pytest.mark.parametrize("text, key", [
    ("Qatar", "qatar"), ("Liechtenstein", "liechtenstein"), ("Syria", "syria"), ("Syrian Arab Republic", "syria"),
    ("Iran", "iran"), ("Islamic Republic of Iran", "iran"), ("Russia", "russia"), ("Russian Federation", "russia"),
    ("Turkey", "turkey"), ("Türkiye", "turkey"), ("Turkiye", "turkey"),
    ("United States", "united_states"), ("the United States", "united_states"), ("U.S.", "united_states"),
    ("US", "united_states"), ("USA", "united_states"), ("United States of America", "united_states"),
    ("United Kingdom", "united_kingdom"), ("U.K.", "united_kingdom"), ("Britain", "united_kingdom"),
    ("South Korea", "south_korea"), ("North Korea", "north_korea"), ("Vietnam", "vietnam"), ("Laos", "laos"),
    ("Palestine", "palestine"), ("Czech Republic", "czech_republic"), ("Ivory Coast", "ivory_coast"),
    ("Côte d'Ivoire", "ivory_coast"), ("DR Congo", "dr_congo"), ("Democratic Republic of the Congo", "dr_congo"),
    ("Republic of the Congo", "republic_of_congo"), ("Kosovo", "kosovo"), ("Venezuela", "venezuela"),
])
def test_countries_from_pycountry(gaz, text, key):
    e = gaz.lookup(text)
    assert e is not None and e.key == key and e.type == "country"


def test_country_fields(gaz):
    q = gaz.get("qatar")
    assert q == gaz.lookup("Qatar")
    assert (q.name, q.type, q.country, q.affiliation) == ("Qatar", "country", "QAT", "")
    syria = gaz.get("syria")
    assert syria.name == "Syria" and syria.country == "SYR"
    assert "Syrian Arab Republic" in syria.aliases
    usa = gaz.get("united_states")
    assert usa.country == "USA" and {"US", "USA", "America"} <= set(usa.aliases)
    # every ISO 3166 country has exactly one country entry
    import pycountry
    by_iso = defaultdict(list)
    for e in gaz.entries:
        if e.type == "country":
            by_iso[e.country].append(e.key)
    assert all(len(v) == 1 for v in by_iso.values()), {k: v for k, v in by_iso.items() if len(v) > 1}
    assert {c.alpha_3 for c in pycountry.countries} <= set(by_iso)


def test_every_country_name_finds_its_country(gaz):
    for e in gaz.entries:
        if e.type == "country":
            assert gaz.lookup(e.name) is e, e


def test_media_entries(gaz):
    for text, key in [("SANA", "sana"), ("Syrian Arab News Agency", "sana"), ("AP", "associated_press"),
                      ("Associated Press", "associated_press"), ("AFP", "afp"), ("French news agency AFP", "afp"),
                      ("Agence France-Presse", "afp"), ("Reuters", "reuters"), ("VOA", "voa"),
                      ("Voice of America", "voa"), ("VOA News", "voa"), ("Syrian state TV", "syrian_tv"),
                      ("USA Today", "usa_today"), ("The New York Times", "new_york_times"), ("TASS", "tass"),
                      ("Al Jazeera", "al_jazeera"), ("Xinhua", "xinhua")]:
        e = gaz.lookup(text)
        assert e is not None and e.key == key and e.type == "media", text


def test_short_capitals_are_case_sensitive(gaz):
    assert key_of(gaz, "IS") == "islamic_state"
    for text in ("is", "Is", "un", "Un", "us", "Us", "who", "Who", "ap", "eu", "au"):
        assert gaz.lookup(text) is None, text
    assert key_of(gaz, "WHO") == "who"
    assert key_of(gaz, "EU") == "european_union"
    assert key_of(gaz, "US") == "united_states"
    # longer acronyms and names are matched without regard to case
    assert key_of(gaz, "isis") == "islamic_state"
    assert key_of(gaz, "Nato") == "nato"
    assert key_of(gaz, "SYRIA") == "syria"


def test_no_lookup_for_empty_or_unknown(gaz):
    for text in ("", "   ", "the", "'s", "Nonexistent Brigade of Nowhere"):
        assert gaz.lookup(text) is None


# --- normalization ---------------------------------------------------------------------
@pytest.mark.parametrize("a, b", [
    ("the U.N.", "UN"), ("U.S.", "US"), ("the U.N.'s", "UN"), ("al-Assad", "al Assad"), ("Al-Qaeda", "al Qaeda"),
    ("Assad’s", "Assad"), ("rebels'", "rebels"), ("“The Syrian Army”", "Syrian army"), ("Erdoğan", "Erdogan"),
    ("Syrian   military", "syrian military"), ("Hay'at Tahrir al-Sham", "Hayat Tahrir al Sham"),
    ("U.S.-led coalition", "US-led coalition"), ("anti–government", "anti-government"), ("Syria.", "Syria"),
])
def test_normalize_equal(a, b):
    assert alias_key(a) == alias_key(b)


@pytest.mark.parametrize("a, b", [("IS", "is"), ("UN", "un"), ("US", "us"), ("WHO", "who"), ("Niger", "Nigeria")])
def test_normalize_different(a, b):
    assert alias_key(a) != alias_key(b)


def test_normalize_values():
    assert alias_key("the U.N.'s") == "UN"
    assert alias_key("IS") == "IS"
    assert alias_key("is") == "is"
    assert alias_key("The Syrian Army") == "syrian army"
    assert alias_key("ISIS") == "isis"


# --- the packaged data file ------------------------------------------------------------
def test_packaged_file_is_big_and_well_formed():
    rows = packaged_rows()
    assert len(rows) >= 300
    keys = [r["key"] for _, r in rows]
    assert len(keys) == len(set(keys)), "duplicate keys"
    for line, r in rows:
        assert re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*", r["key"]), (line, r["key"])
        assert r["name"].strip() == r["name"] and r["name"], (line, r)
        for a in r["aliases"].split(";") if r["aliases"] else []:
            assert a and a.strip() == a, (line, r["key"], a)


def test_every_type_is_valid():
    for line, r in packaged_rows():
        assert r["type"] in ACTOR_TYPES, (line, r["key"], r["type"])


def test_every_country_code_is_iso3():
    import pycountry
    codes = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    for line, r in packaged_rows():
        assert r["country"] == "" or r["country"] in codes, (line, r["key"], r["country"])


def test_every_affiliation_points_to_an_existing_key(gaz):
    keys = {r["key"] for _, r in packaged_rows()}
    for line, r in packaged_rows():
        if r["affiliation"]:
            assert r["affiliation"] in keys, (line, r["key"], r["affiliation"])
            assert r["affiliation"] != r["key"]
    for e in gaz.entries:
        assert not e.affiliation or gaz.get(e.affiliation) is not None, e


def test_no_alias_maps_to_two_keys():
    owners: dict[str, set[str]] = defaultdict(set)
    for _, r in packaged_rows():
        for a in [r["name"], *(r["aliases"].split(";") if r["aliases"] else [])]:
            owners[alias_key(a)].add(r["key"])
    dups = {a: sorted(k) for a, k in owners.items() if len(k) > 1}
    assert not dups, dups


def test_loader_reports_no_conflicts(gaz):
    # includes curated aliases that would hide a country's own name
    assert gaz.conflicts == ()


def test_required_entries_present(gaz):
    want = {
        "syrian_army": ("military", "SYR", "syrian_government"), "syrian_government": ("government", "SYR", ""),
        "bashar_al_assad": ("person", "SYR", "syrian_government"), "syrian_rebels": ("armed_group", "SYR", ""),
        "rebels": ("armed_group", "", ""), "militants": ("armed_group", "", ""), "civilians": ("civilians", "", ""),
        "united_nations": ("igo", "", ""), "un_security_council": ("igo", "", "united_nations"),
        "icrc": ("ngo", "", ""), "sana": ("media", "SYR", "syrian_government"), "the_west": ("other", "", ""),
        "us_state_department": ("government", "USA", "us_government"), "police": ("military", "", ""),
        "protesters": ("other", "", ""),
    }
    for key, (typ, country, aff) in want.items():
        e = gaz.get(key)
        assert e is not None, key
        assert (e.type, e.country, e.affiliation) == (typ, country, aff), e


def test_generic_collectives_have_no_country(gaz):
    for key in ("rebels", "militants", "civilians", "police", "protesters", "security_forces", "the_west",
                "international_community"):
        assert gaz.get(key).country == ""


def test_media_are_not_armed_or_state_actors(gaz):
    media = [e for e in gaz.entries if e.type == "media"]
    assert len(media) >= 30
    for key in ("associated_press", "afp", "reuters", "sana", "voa", "bbc", "cnn", "al_jazeera", "tass", "xinhua"):
        assert gaz.get(key).type == "media"


def test_bare_capitals_are_not_actors(gaz):
    # capital cities are places first; they must not be swallowed as governments
    for text in ("Damascus", "Moscow", "Washington", "Tehran", "Kyiv", "Beijing", "Ankara", "Baghdad"):
        assert gaz.lookup(text) is None, text


def test_entries_sorted_and_get(gaz):
    keys = [e.key for e in gaz.entries]
    assert keys == sorted(keys)
    assert len(gaz) == len(keys) and "syria" in gaz and "nope" not in gaz
    assert gaz.get("nope") is None
    assert isinstance(gaz.get("hamas"), ActorEntry)
    assert gaz.get("hamas").aliases and isinstance(gaz.get("hamas").aliases, tuple)


def test_default_gazetteer_is_cached():
    assert default_gazetteer() is default_gazetteer()


# --- EntityRuler surfaces --------------------------------------------------------------
def test_aliases_for_ruler(gaz):
    pairs = gaz.aliases_for_ruler()
    surfaces = defaultdict(set)
    for s, e in pairs:
        assert isinstance(s, str) and s == s.strip() and s
        assert gaz.lookup(s) is e, (s, e.key)
        surfaces[s].add(e.key)
    assert all(len(v) == 1 for v in surfaces.values())
    by = {(s, e.key) for s, e in pairs}
    for pair in [("UN", "united_nations"), ("U.N.", "united_nations"), ("U.N. Security Council", "un_security_council"),
                 ("Syrian Army", "syrian_army"), ("Syrian military", "syrian_army"), ("Assad", "bashar_al_assad"),
                 ("Bashar al Assad", "bashar_al_assad"), ("Al-Qaeda", "al_qaeda"), ("IS", "islamic_state"),
                 ("U.S.", "united_states"), ("Qatar", "qatar"), ("SANA", "sana"),
                 ("Hay\u2019at Tahrir al-Sham", "hts")]:
        assert pair in by, pair
    # surface forms, not normalized ones
    assert ("un", "united_nations") not in by and ("syrian army", "syrian_army") not in by


# --- user files ------------------------------------------------------------------------
def write(tmp_path, name: str, text: str, encoding: str = "utf-8"):
    p = tmp_path / name
    p.write_bytes(text.encode(encoding))
    return p


def test_user_file_adds_and_overrides(tmp_path):
    p = write(tmp_path, "mine.csv", HEADER
              + "# a comment line\n"
              + "\n"
              + "syrian_army,Syrian Arab Army,,,,the Tiger boys;SAA forces\n"
              + "jaysh_x,Jaysh al-Example,armed_group,SYR,syrian_rebels,JX;Example Army\n"
              + "joe_local,Joe Local,person,,jaysh_x,Local\n"
              + "hamas,,,,,Harakat al-Muqawama al-Islamiya\n"
              + "qatar,,,,,State of Qatar;Qatari state\n")
    g = ActorGazetteer.load([p])
    army = g.get("syrian_army")
    assert army.name == "Syrian Arab Army" and army.type == "military" and army.country == "SYR"
    assert army.affiliation == "syrian_government"
    assert {"Syrian Army", "Syrian military", "the Tiger boys", "SAA forces"} <= set(army.aliases)
    assert g.lookup("Syrian Army") is army and g.lookup("Tiger boys") is army and g.lookup("Syrian military") is army
    x = g.lookup("Example Army")
    assert x is not None and (x.key, x.type, x.country, x.affiliation) == ("jaysh_x", "armed_group", "SYR", "syrian_rebels")
    assert g.lookup("JX") is x and g.lookup("jx") is None
    assert g.get("joe_local").affiliation == "jaysh_x"
    assert g.lookup("Harakat al-Muqawama al-Islamiya").key == "hamas"
    assert g.lookup("Hamas").key == "hamas"
    assert g.lookup("Qatari state").key == "qatar" and g.get("qatar").type == "country"
    assert str(p) in g.sources and len(g.sources) == 2
    # the packaged default is untouched
    assert default_gazetteer().lookup("Example Army") is None
    assert default_gazetteer().get("syrian_army").name == "Syrian Army"


def test_user_file_type_defaults_and_partial_header(tmp_path):
    p = write(tmp_path, "few.csv", "name,key\nThe Example Monitor,example_monitor\n")
    g = ActorGazetteer.load(p)
    e = g.lookup("Example Monitor")
    assert e is not None and e.key == "example_monitor" and e.type == "other" and e.aliases == ()


def test_user_alias_wins_over_packaged(tmp_path):
    p = write(tmp_path, "win.csv", HEADER + "assad_family,Assad family,other,SYR,,Assad\n")
    g = ActorGazetteer.load([p])
    assert g.lookup("Assad").key == "assad_family"
    assert "Assad" not in g.get("bashar_al_assad").aliases
    assert g.lookup("Bashar al-Assad").key == "bashar_al_assad"
    assert all(g.lookup(s) is e for s, e in g.aliases_for_ruler())


def test_later_user_file_wins(tmp_path):
    a = write(tmp_path, "a.csv", HEADER + "group_a,Group A,armed_group,,,the Lions\n")
    b = write(tmp_path, "b.csv", HEADER + "group_b,Group B,armed_group,,,Lions\n")
    g = ActorGazetteer.load([a, b])
    assert g.lookup("the Lions").key == "group_b"


def test_user_file_utf8_bom_and_quotes(tmp_path):
    p = write(tmp_path, "bom.csv", "\ufeff" + HEADER + 'x_front,"Front, The Example",armed_group,,,"Ex, Front;EXF"\n')
    g = ActorGazetteer.load([p])
    assert g.lookup("Front, The Example").key == "x_front"
    assert g.lookup("EXF").key == "x_front"


def test_builtin_and_countries_can_be_left_out(tmp_path):
    p = write(tmp_path, "only.csv", HEADER + "solo,Solo Group,armed_group,,,\n")
    g = ActorGazetteer.load([p], builtin=False, countries=False)
    assert [e.key for e in g.entries] == ["solo"]
    g2 = ActorGazetteer.load(builtin=False)
    assert g2.get("syria") is not None and g2.get("syrian_army") is None


@pytest.mark.parametrize("body, line, reason", [
    ("x,X Group,warlord,,,\n", 2, "unknown type"),
    (",X Group,armed_group,,,\n", 2, "missing key"),
    ("new_key,,armed_group,,,\n", 2, "missing name"),
    ("x,X Group,armed_group,SYRIA,,\n", 2, "ISO 3166"),
    ("x,X Group,armed_group,ZZZ,,\n", 2, "ISO 3166"),
    ("x,X Group,armed_group,,no_such_key,\n", 2, "no_such_key"),
    ("x,X Group,armed_group,,x,\n", 2, "itself"),
    ("X Key,X Group,armed_group,,,\n", 2, "bad key"),
    ("x,X Group,armed_group,,,,extra\n", 2, "fields"),
    ("a,A,other,,,\n\n# comment\nb,B,other,,nobody,\n", 5, "nobody"),
    ('a,A,other,,,\nb,"B\nsecond line",other,,,\nc,C,spy,,,\n', 5, "unknown type"),
])
def test_bad_user_rows(tmp_path, body, line, reason):
    p = write(tmp_path, "bad.csv", HEADER + body)
    with pytest.raises(ConfigError) as exc:
        ActorGazetteer.load([p])
    msg = str(exc.value)
    assert msg.startswith(f"{p}:{line}: "), msg
    assert reason in msg, msg


@pytest.mark.parametrize("text, line, reason", [
    ("key,name,kind\nx,X,other\n", 1, "unknown column 'kind'"),
    ("name,type\nX,other\n", 1, "'key'"),
    ("key,type\nx,other\n", 1, "'name'"),
    ("key,name,name\nx,X,Y\n", 1, "twice"),
    ("", 1, "no header"),
    ("# only a comment\n", 1, "no header"),
])
def test_bad_headers(tmp_path, text, line, reason):
    p = write(tmp_path, "head.csv", text)
    with pytest.raises(ConfigError) as exc:
        ActorGazetteer.load([p])
    msg = str(exc.value)
    assert msg.startswith(f"{p}:{line}: ") and reason in msg, msg


def test_not_utf8(tmp_path):
    p = tmp_path / "latin1.csv"
    p.write_bytes(HEADER.encode() + b"ok,Fine,other,,,\n" + "caf\u00e9,Caf\u00e9 Group,other,,,\n".encode("latin-1"))
    with pytest.raises(ConfigError) as exc:
        ActorGazetteer.load([p])
    msg = str(exc.value)
    assert msg.startswith(f"{p}:3: ") and "UTF-8" in msg, msg


def test_missing_file(tmp_path):
    p = tmp_path / "nowhere.csv"
    with pytest.raises(ConfigError) as exc:
        ActorGazetteer.load([p])
    assert str(p) in str(exc.value)
    with pytest.raises(ConfigError):
        ActorGazetteer.load([tmp_path])  # a folder is not a file


def test_load_never_prints(tmp_path, capsys):
    p = write(tmp_path, "bad.csv", HEADER + "x,X,warlord,,,\n")
    ActorGazetteer.load()
    with pytest.raises(ConfigError):
        ActorGazetteer.load([p])
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


def test_packaged_conflicts_and_duplicate_keys_are_detected(monkeypatch):
    import graph.lexicon.gazetteer as gz

    text = HEADER + "one,Group One,armed_group,,,Lions\ntwo,Group Two,armed_group,,,the Lions;Syria\n"
    monkeypatch.setattr(gz, "_read_packaged", lambda: ("fake.csv", gz._parse(text, "fake.csv")))
    g = gz.ActorGazetteer.load()
    assert ("the Lions", "one", "two") in g.conflicts
    assert g.lookup("Lions").key == "one" and "the Lions" not in g.get("two").aliases
    # a curated alias that hides a country name is reported, and the curated entry keeps it
    assert ("Syria", "two", "syria") in g.conflicts

    dup = HEADER + "one,Group One,armed_group,,,\none,Group One again,armed_group,,,\n"
    monkeypatch.setattr(gz, "_read_packaged", lambda: ("fake.csv", gz._parse(dup, "fake.csv")))
    with pytest.raises(ConfigError, match=r"^fake\.csv:3: duplicate key 'one'"):
        gz.ActorGazetteer.load()
