"""Who said it: the cues a newsroom writes a speaker with (sentences written for these tests)."""
from __future__ import annotations

import pytest

from graph.extract.statements import find_quotes


def said(p) -> list[tuple[str | None, str, str]]:
    return [(s.speaker.name if s.speaker else None, s.kind, s.text) for s in p.statements]


def direct_speakers(p) -> list[str | None]:
    """The speakers of the direct quotes, in order."""
    return [sp for sp, k, _ in said(p) if k == "direct"]


def test_colon_on_the_line_before_introduces_the_quote(parse_text):
    p = parse_text("Senator Ted Okafor spoke first.\n\nOkafor continued:\n\n"
                   "\u201cYou look at these questions and you wonder who wrote them for the debate tonight.\u201d\n")
    assert ("Ted Okafor", "direct") in [(sp, k) for sp, k, _ in said(p)], said(p)


def test_quote_reopened_in_the_next_paragraph_keeps_its_speaker(parse_text):
    text = ("Mayor Anna Lindqvist said: \u201cThe bridge will be rebuilt within a year.\n\n"
            "\u201cNobody will be left without a road to the hospital,\u201d she added.\n")
    p = parse_text(text)
    got = said(p)
    assert [sp for sp, k, _ in got if k == "direct"] == ["Anna Lindqvist", "Anna Lindqvist"], got
    assert any(t.startswith("The bridge will be rebuilt") for _, _, t in got)


def test_odd_quote_marks_do_not_shift_later_paragraphs():
    text = ("He called it \u201ca disgrace.\n\n"
            "\u201cWe will go back,\u201d said the farmer. \u201cThis is our land.\u201d\n")
    quotes = [text[s:e] for s, e in find_quotes(text)]
    assert "We will go back" in quotes and "This is our land." in quotes, quotes


def test_double_apostrophe_quotes(parse_text):
    p = parse_text("''We did not expect the water to rise so fast,'' Mr. Haddad said on Tuesday.\n")
    assert ("Haddad", "direct") in [(sp and sp.split()[-1], k) for sp, k, _ in said(p)], said(p)


def test_outlet_is_the_speaker_when_nobody_speaks_through_it(parse_text):
    p = parse_text("As the Kyiv Independent reported, \u201cthe convoy was stopped at the third checkpoint "
                   "and turned back.\u201d\n")
    assert [(sp or "").removeprefix("The ") for sp, k, _ in said(p)] == ["Kyiv Independent"], said(p)


def test_parenthetical_cue_reports_the_clause_around_it(parse_text):
    p = parse_text("The ceasefire, Colonel Mbeki said, has held for three days in the northern districts.\n")
    got = said(p)
    assert len(got) == 1 and got[0][0] == "Mbeki" or got[0][0].endswith("Mbeki"), got
    assert got[0][1] == "indirect" and got[0][2].startswith("The ceasefire")


@pytest.mark.parametrize("sentence,speaker", [
    ("The network said it would send a reporter to the front line next week.", "network"),
    ("Two aid workers said the road to the camp had been closed for a month.", "Two aid workers"),
])
def test_a_nominal_speaker_is_kept(parse_text, sentence, speaker):
    got = said(parse_text(sentence))
    assert [(sp, k) for sp, k, _ in got] == [(speaker, "indirect")], got


def test_a_nominal_speaker_is_the_person_the_article_named_so(parse_text):
    p = parse_text("Former President Jimmy Okonkwo visited the camp on Monday.\n\n"
                   "During the visit, the former president said the reforms had failed the refugees.\n")
    assert [(sp, k) for sp, k, _ in said(p)] == [("Jimmy Okonkwo", "indirect")], said(p)


def test_a_noun_that_only_governs_the_quote_is_not_its_speaker(parse_text):
    """'X told the assembly the plan is "..."': X speaks, not 'the plan'."""
    p = parse_text('Ambassador Omar Said told the assembly the plan is "a flagrant interference in our '
                   'internal affairs."\n')
    names = {sp for sp, _, _ in said(p)}
    assert "plan" not in names and names, said(p)


@pytest.mark.parametrize("sentence,speaker,content", [
    ("The foreign minister condemned the air strike on the hospital.", "foreign minister",
     "the air strike on the hospital"),
    ("The rebels vowed to retaliate against the army.", "rebels", "to retaliate against the army"),
    ("The mayor called for a ceasefire in the city.", "mayor", "a ceasefire in the city"),
])
def test_stances_and_intentions_are_reported_statements(parse_text, sentence, speaker, content):
    got = said(parse_text(sentence))
    assert (speaker, "indirect", content) in got, got


def test_a_physical_attack_is_not_a_statement(parse_text):
    assert said(parse_text("Protesters attacked the police station near the square.")) == []


TRANSCRIPT = ("Governor Ada Morrow spoke to the host Chris Wallace on Sunday. Partial transcript as follows:\n\n"
              "{q}WALLACE: Let us start with the news on the debate. Why would the campaign do that?\n\n"
              "{q}MORROW: Well, look, the question really should be why the other campaign invited him.\n\n"
              "UPDATE: This story has been updated with more details.\n")


@pytest.mark.parametrize("mark", ["", '"'])
def test_transcript_turns_name_their_speakers(parse_text, mark):
    got = said(parse_text(TRANSCRIPT.format(q=mark)))
    direct = [(sp, t[:12]) for sp, k, t in got if k == "direct"]
    assert direct == [("Chris Wallace", "Let us start"), ("Ada Morrow", "Well, look, ")], got


def test_a_surname_shared_in_the_family_is_the_one_the_article_is_about(parse_text):
    p = parse_text("Senator Maria Delgado opened her campaign in Tucson. Delgado spoke for an hour, and her "
                   "brother Luis Delgado introduced her. Maria Delgado thanked the volunteers.\n\n"
                   "\u201cWe will win this district,\u201d Delgado shouted from the stage.\n")
    assert ("Maria Delgado", "direct") in [(sp, k) for sp, k, _ in said(p)], said(p)


def test_she_is_not_the_man_who_spoke_last(parse_text):
    p = parse_text("Mrs. Ana Kowalczyk, the mayor, met Tomas Brandt on Friday. Brandt said the bridge would "
                   "reopen in May.\n\nShe said the city would pay for the repairs.\n")
    got = [(sp, t) for sp, _, t in said(p)]
    assert ("Tomas Brandt", "the bridge would reopen in May") in got, got
    assert ("Ana Kowalczyk", "the city would pay for the repairs") in got, got


def test_a_sentence_full_of_names_is_not_a_headline(parse_text):
    p = parse_text("Former President Jimmy Okonkwo campaigned in Lagos on Monday.\n\n"
                   "Okonkwo said the reforms had failed.\n")
    assert [sp for sp, _, _ in said(p)] == ["Jimmy Okonkwo"], said(p)


def test_a_headline_names_its_speaker_before_a_colon(parse_text):
    p = parse_text("Kirby: Strikes on the Militia Will Continue Until the Attacks Stop\n\n"
                   "WASHINGTON \u2014 Pentagon spokesman John Kirby said on Monday that the strikes would go on.\n")
    got = said(p)
    assert ("John Kirby", "indirect", "Strikes on the Militia Will Continue Until the Attacks Stop") in got, got


def test_a_place_before_a_headline_colon_is_a_topic(parse_text):
    p = parse_text("Syria: Army Retakes the Last Rebel District of Aleppo\n\n"
                   "The Syrian army took the district on Thursday.\n")
    assert said(p) == [], said(p)


def test_who_said_is_the_person_the_clause_is_about(parse_text):
    p = parse_text("Senator Amal Haddad, who said the ceasefire would not hold, left the talks early.\n")
    assert ("Amal Haddad", "indirect", "the ceasefire would not hold") in said(p), said(p)


def test_an_accusation_carries_what_it_accuses_of(parse_text):
    p = parse_text("The foreign ministry accused the army of shelling the town overnight.\n")
    assert [t for _, _, t in said(p)] == ["the army of shelling the town overnight"], said(p)


def test_a_quote_signed_after_a_dash(parse_text):
    p = parse_text("Readers wrote to us after the debate.\n\n"
                   "\u201cThe candidate does not know our lives at all, and it shows every time.\u201d\u2015 Lucia Ferrante\n\n"
                   "\u201cWe are tired of being told what we think by people who never ask.\u201d \u2015 Omar Benali.\n")
    assert direct_speakers(p) == ["Lucia Ferrante", "Omar Benali"], said(p)


def test_one_quotation_in_two_pieces_is_one_statement(parse_text):
    text = "\u201cWe will stay,\u201d the mayor said on Monday. \u201cNobody will leave this town.\u201d\n"
    p = parse_text(text)
    direct = [s for s in p.statements if s.kind == "direct"]
    assert len(direct) == 1, said(p)
    st = direct[0]
    assert text[st.start:st.end].startswith("We will stay") and text[st.start:st.end].endswith("this town.")
    assert st.text == "We will stay \u2026 Nobody will leave this town."


def test_a_wish_inside_a_report_is_the_reporters(parse_text):
    p = parse_text("Governor Lena Park said the voters want the bridge rebuilt before the winter.\n")
    assert [sp for sp, _, _ in said(p)] == ["Lena Park"], said(p)


def test_a_warning_of_something_is_a_statement_about_it(parse_text):
    got = said(parse_text("The commander warned of an imminent offensive on the northern towns.\n"))
    assert got == [("commander", "indirect", "an imminent offensive on the northern towns")], got


@pytest.mark.parametrize("sentence,speaker,content", [
    ("Most of the council members said they would vote against the new budget.", "Most of the council members",
     "they would vote against the new budget"),
    ("Two in three said the road tolls were too high for families.", "Two in three",
     "the road tolls were too high for families"),
    ("Nearly half of the fishermen say the ferry should stay in public hands.", "half of the fishermen",
     "the ferry should stay in public hands"),
])
def test_a_share_of_a_group_is_the_speaker_as_written(parse_text, sentence, speaker, content):
    got = said(parse_text(sentence))
    assert (speaker, "indirect", content) in got, got


def test_as_someone_said_reports_the_clause_it_modifies(parse_text):
    got = said(parse_text("As the harbour master noted, the pier has not been repaired since the storm.\n"))
    assert got == [("harbour master", "indirect", "the pier has not been repaired since the storm")], got
    got = said(parse_text("The pier has not been repaired since the storm, as the harbour master said.\n"))
    assert got == [("harbour master", "indirect", "The pier has not been repaired since the storm")], got


def test_a_clause_said_after_a_gerund_is_reported(parse_text):
    got = said(parse_text("Governor Ines Duarte said widening the canal could bring work to thousands of people.\n"))
    assert [(sp, t) for sp, _, t in got] == [
        ("Ines Duarte", "widening the canal could bring work to thousands of people")], got


@pytest.mark.parametrize("sentence,speaker,content", [
    ("Mayor Ruth Alvarez announced her candidacy for governor on Monday.", "Ruth Alvarez",
     "her candidacy for governor"),
    ("The union voted against the merger with the rival airline.", "union", "the merger with the rival airline"),
    ("Senator Kofi Mensah has long pushed for a higher minimum wage.", "Kofi Mensah", "a higher minimum wage"),
    ("The governor decided to veto the water bill.", "governor", "to veto the water bill"),
])
def test_announcements_votes_and_decisions_are_stances(parse_text, sentence, speaker, content):
    got = said(parse_text(sentence))
    assert (speaker, "indirect", content) in got, got


def test_a_blast_that_claimed_lives_is_no_statement(parse_text):
    assert said(parse_text("The blast claimed twelve lives in the market.")) == []


def test_a_cue_in_the_sentence_after_the_quote(parse_text):
    p = parse_text("The senator spoke in the rain.\n\n\u201cI hope the new bridge opens before the winter is over.\u201d "
                   "Okafor said.\n")
    assert [(sp, k) for sp, k, _ in said(p)] == [("Okafor", "direct")], said(p)


def test_a_straight_quote_closed_by_a_curly_one(parse_text):
    text = ('"Nothing we could build now would change the vote,\u201d Fred Amadi, a planner at the agency, '
            'said in an interview. Amadi left early.\n')
    assert [text[s:e] for s, e in find_quotes(text)] == ["Nothing we could build now would change the vote"]
    p = parse_text(text)
    assert [(sp, k) for sp, k, _ in said(p)] == [("Fred Amadi", "direct")], said(p)


def test_a_surname_that_is_also_a_town_speaks(parse_text):
    p = parse_text("Mayor Greg Houston wrote to the governor on Friday.\n\n"
                   "\u201cThousands of citizens waited in line for five hours to vote,\u201d Houston wrote.\n")
    got = [(sp, k) for sp, k, _ in said(p) if k == "direct"]
    assert got and got[0][0] is not None and got[0][0].endswith("Houston"), said(p)


def test_he_is_the_main_clause_subject_before_a_man_named_inside_the_clause(parse_text):
    p = parse_text("Hugo Alves said the council expects Pedro Matos to resign.\n\n"
                   "He also said the vote on the harbour would be held in May.\n")
    got = [(sp, t) for sp, _, t in said(p)]
    assert ("Hugo Alves", "the vote on the harbour would be held in May") in got, got


def test_a_given_name_tells_who_he_is(parse_text):
    p = parse_text("Linda Moreau met the farmers on Monday. Joe Banda, their leader, asked for rain.\n\n"
                   "Moreau said the dam would be finished by June. He said the farmers could not wait that long.\n")
    got = [(sp, t) for sp, _, t in said(p)]
    assert ("Joe Banda", "the farmers could not wait that long") in got, got


@pytest.mark.parametrize("sentence,speaker,content", [
    ("The mayor described the new toll as a tax on the poor.", "mayor", "the new toll as a tax on the poor"),
    ("The union thanked the drivers for their patience.", "union", "the drivers for their patience"),
    ("Governor Ines Duarte said that the canal would open in May.", "Ines Duarte", "that the canal would open in May"),
])
def test_the_reported_words_are_the_whole_clause(parse_text, sentence, speaker, content):
    got = said(parse_text(sentence))
    assert (speaker, "indirect", content) in got, got


def test_what_a_poll_shows_is_reported_by_the_poll(parse_text):
    got = said(parse_text("A new survey of farmers shows strong support for the water tax in the north.\n"))
    assert [(sp is not None and "survey" in sp, t) for sp, _, t in got] == [
        (True, "strong support for the water tax in the north")], got
    assert said(parse_text("The mayor showed the visitors the new harbour.\n")) == []


def test_a_short_quotation_nobody_spoke_is_no_statement(parse_text):
    assert said(parse_text('The film "Blue River Nights" opened in the old cinema on Friday.\n')) == []


def test_a_cue_with_no_subject_continues_the_speaker(parse_text):
    p = parse_text("\u201cThe river has never been this low,\u201d said Governor Lena Brückner. "
                   "Adding, \u201cWe will have to ration water for the farms this summer.\u201d\n")
    got = [(sp, t) for sp, k, t in said(p) if k == "direct"]
    assert any(sp == "Lena Brückner" and "ration water" in t for sp, t in got), got


@pytest.mark.parametrize("sentence, speaker, content", [
    ("Governor Maria Okonjo repeated on Friday Okonjo's claim that the levee was never inspected.\n",
     "Maria Okonjo", "the levee was never inspected"),
    ("Senator Paul Whitcombe spoke in Dayton. Whitcombe's criticism of the trade deal drew loud applause.\n",
     "Paul Whitcombe", "the trade deal"),
    ("Mayor Susan Hartley met the workers. Her support for the new clinic surprised the council.\n",
     "Susan Hartley", "the new clinic"),
])
def test_a_noun_cue_reports_its_possessor(parse_text, sentence, speaker, content):
    got = said(parse_text(sentence))
    assert any(sp == speaker and content in t for sp, k, t in got if k == "indirect"), got


def test_an_attack_on_a_town_is_no_noun_cue(parse_text):
    got = said(parse_text("The army's attack on the town lasted three days and destroyed the market.\n"))
    assert not any("the town" == t for _, _, t in got), got


@pytest.mark.parametrize("sentence, source, content", [
    ("Governor Tom Alder leads his rival 46-41 in the latest Harbor College poll.\n",
     "Harbor College", "Governor Tom Alder leads his rival 46-41"),
    ("In the survey, most dairy farmers backed the new water tax for the valley.\n",
     "survey", "most dairy farmers backed the new water tax for the valley"),
    ("According to records from the county clerk, the ballots were counted twice in March.\n",
     "records", "the ballots were counted twice in March"),
])
def test_a_poll_or_a_cited_record_is_the_source(parse_text, sentence, source, content):
    got = said(parse_text(sentence))
    assert any(sp is not None and source in sp and t == content for sp, k, t in got if k == "indirect"), got


def test_a_vote_in_a_city_is_no_poll(parse_text):
    assert said(parse_text("Turnout rose sharply in the northern districts this spring.\n")) == []


def test_according_to_before_a_quotation_names_its_source(parse_text):
    p = parse_text("The Daily Courier ran an editorial on Sunday.\n\nAccording to the newspaper, \u201cThe county has "
                   "let the roads fall apart. Few drivers trust the bridges.\u201d\n")
    got = [(sp, t) for sp, k, t in said(p) if k == "direct"]
    assert [sp for sp, _ in got] == ["newspaper"], got


def test_a_name_and_a_colon_in_the_paragraph_introduce_the_quote(parse_text):
    p = parse_text("Senator Laura Finch spoke on Monday.\n\n"
                   "More from Finch: \u201cNobody expected turnout this high in the valley. It broke every model.\u201d\n")
    got = [(sp, t) for sp, k, t in said(p) if k == "direct"]
    assert [sp for sp, _ in got] == ["Laura Finch"], got


def test_a_reported_question_is_the_statement(parse_text):
    p = parse_text("A reporter asked Senator Tom Berg how he was feeling on election day.\n")
    assert any(k == "indirect" and t == "how he was feeling on election day" for _, k, t in said(p)), said(p)


def test_cue_after_the_clause_with_its_speaker_after_the_verb(parse_text):
    p = parse_text("In nearby Dunmore, the old mill is hanging on, but it is under heavy pressure from cheap "
                   "imports, said the company's chief executive, Johan Ferreira.\n")
    got = [(sp, t) for sp, k, t in said(p) if k == "indirect"]
    assert any(sp == "Johan Ferreira" and "the old mill is hanging on" in t for sp, t in got), got


def test_relative_clause_cue_keeps_what_follows_it(parse_text):
    p = parse_text("The tax changes, which officials said will go into effect in the next few months, will not "
                   "apply to farmers.\n")
    texts = [t for _, k, t in said(p) if k == "indirect"]
    assert "will go into effect in the next few months" in texts, said(p)


def test_name_right_before_a_subjectless_said(parse_text):
    p = parse_text("At a rally for his wife, former governor Walt Brennan said his wife was ready to lead the "
                   "state in hard times.\n")
    assert any(sp == "Walt Brennan" and t.startswith("his wife was ready") for sp, _, t in said(p)), said(p)


def test_a_date_is_not_what_someone_spoke_about(parse_text):
    p = parse_text("Senator Tom Berg spoke on Monday. He says he respects the governor.\n")
    texts = [t for _, _, t in said(p)]
    assert "Monday" not in texts and "he respects the governor" in texts, said(p)


def test_any_verb_right_after_the_quote_with_the_speaker_after_it(parse_text):
    p = parse_text("\u201cImagine Tom Vale going up against the governor on the same stage,\u201d mused radio "
                   "co-host Stu Brenner.\n")
    assert direct_speakers(p) == ["Stu Brenner"], said(p)


def test_the_person_in_an_apposition_speaks_not_the_possessive(parse_text):
    p = parse_text("\u201cIt is about time that we had a woman running this state,\u201d exhorted Senator Hale's "
                   "introducer, actress Jamie Lee Curtis.\n")
    assert direct_speakers(p) == ["Jamie Lee Curtis"], said(p)


def test_a_quotation_nested_in_a_quotation_stays_one():
    text = ("\u201cHis claim that the deal \u201cwill pass by June\u201d makes clear he has no idea,\u201d "
            "wrote Mort Klaus.\n")
    assert [text[s:e] for s, e in find_quotes(text)] == [
        "His claim that the deal \u201cwill pass by June\u201d makes clear he has no idea"]


def test_the_name_after_the_quote_when_the_parse_loses_the_subject(parse_text):
    p = parse_text("\u201cWe have had more successful conventions than this one,\u201d Texas delegate Bill Eastman, "
                   "wearing a cowboy hat and \u201cTed Cruz\u201d campaign pins, said as confetti fluttered down.\n")
    got = [(sp, t) for sp, k, t in said(p) if k == "direct"]
    assert got and got[0][0] == "Bill Eastman" and got[0][1].startswith("We have had more successful"), got


def test_a_statement_that_opens_a_quotation_keeps_its_closing_mark(parse_text):
    p = parse_text("Campaign chair Paul Manafort dismissed the whole story as \u201cabsurd.\u201d He left early.\n")
    assert ("Paul Manafort", "indirect", "the whole story as \u201cabsurd.\u201d") in said(p), said(p)


def test_people_who_speak_are_named_as_written_not_as_a_countrys_civilians(parse_text):
    p = parse_text("Many people involved in the negotiations assumed that Mr. Clarke had the backing of the bank.\n")
    assert ("Many people", "indirect", "that Mr. Clarke had the backing of the bank") in said(p), said(p)


def test_the_rest_of_a_stance_but_not_its_date(parse_text):
    p = parse_text("In a two-minute answer, Senator Tom Berg mentioned the network five times and seemed to blame "
                   "the moderators. Mayor Ann Vale criticized the plan on Monday, saying it would hurt workers.\n")
    got = said(p)
    assert ("Tom Berg", "indirect", "the network five times") in got, got
    assert ("Ann Vale", "indirect", "the plan") in got, got



def test_how_someone_sees_something_and_a_participle_stance(parse_text):
    p = parse_text("Most developers in the county see golf courses as wasted space.\n\n"
                   "Senator Tom Berg spoke in Ames, citing the high cost of seed and fuel.\n\n"
                   "Two pastors supporting Mr. Cruz attended the meeting.\n")
    texts = [t for _, k, t in said(p) if k == "indirect"]
    assert "golf courses as wasted space" in texts, said(p)
    assert "the high cost of seed and fuel" in texts, said(p)
    assert "Mr. Cruz" in texts, said(p)


def test_an_opening_mark_typed_for_the_closing_one(parse_text):
    text = "\u201cIt is unusual,\u201c said Larry Noble, a lawyer. \u201cIt is a hard thing to do.\u201d\n"
    assert [text[s:e] for s, e in find_quotes(text)] == ["It is unusual", "It is a hard thing to do."]
    p = parse_text(text)
    assert {sp for sp, k, _ in said(p) if k == "direct"} == {"Larry Noble"}, said(p)


def test_a_long_sentence_that_opens_with_the_cue(parse_text):
    p = parse_text("\"And I'm not being paid!\" Kettering declared, a point he likes to make after a recent "
                   "appearance on a radio station during which callers asked how much he was getting.\n")
    assert ("Kettering", "direct", "And I'm not being paid!") in said(p), said(p)


def test_quotation_paragraph_after_a_paragraph_with_a_speaker(parse_text):
    p = parse_text("Senator Ash Carter said that the fleet would stay in the region for decades.\n\n"
                   "\u201cThat is because this region remains the most important one for our own security.\u201d\n")
    assert direct_speakers(p) == ["Ash Carter"], said(p)


def test_a_quote_inside_a_reported_clause_is_the_reporters(parse_text):
    p = parse_text("Later, at the Rotary Club, Governor Dana Whitfield said Mayor Tom Olsen is "
                   "\u201cnot smart enough to win\u201d and more.\n")
    assert direct_speakers(p) == ["Dana Whitfield"], said(p)


def test_as_the_paper_noted_names_the_speaker_of_the_quote(parse_text):
    p = parse_text("But as the nationalist Global Times tabloid noted in an op-ed Thursday, the leading "
                   "candidate \"has surprisingly earned himself a few fans in China.\"\n")
    got = said(p)
    assert [sp for sp, k, _ in got if k == "direct"] == ["Global Times"], got


@pytest.mark.parametrize("sentence, cue", [
    ("Police spokesman Omar Haddad denied that officers fired on the crowd.\n", "deny"),
    ("Colonel Ines Duarte warned that the bridge could collapse within days.\n", "warn"),
    ("According to the mayor, Lina Ortiz, the water supply was cut on Friday night.\n", "according to"),
])
def test_statements_keep_the_word_that_reports_them(parse_text, sentence, cue):
    p = parse_text(sentence)
    assert cue in [s.cue for s in p.statements], [(s.cue, s.text) for s in p.statements]


def test_an_outlet_that_relays_a_statement_is_its_medium_not_its_speaker(parse_text):
    p = parse_text("The army issued a statement announcing \"the full restoration of order to the northern "
                   "districts after freeing them,\" the state news agency SANA said.\n")
    direct = [s for s in p.statements if s.kind == "direct"]
    assert direct and direct[0].speaker is not None and "SANA" not in direct[0].speaker.name, direct


@pytest.mark.parametrize("text, speaker, kind, starts", [
    ("\u201cThe convoy will leave at dawn,\u201d said Omar Haddad, a spokesman for the relief agency.\n",
     "Omar Haddad", "direct", "The convoy will leave at dawn"),
    ("Governor Lena Brandt said: \u201cWe will rebuild every school the flood destroyed.\u201d\n",
     "Lena Brandt", "direct", "We will rebuild every school"),
    ("The interior ministry confirmed that two border posts had been closed overnight.\n",
     "ministry", "indirect", "that two border posts had been closed"),
    ("Colonel Ines Duarte announced that the curfew would be lifted on Sunday.\n",
     "Ines Duarte", "indirect", "that the curfew would be lifted"),
    ("Rebel commander Yusuf Kala claimed that his fighters had taken the airport.\n",
     "Yusuf Kala", "indirect", "that his fighters had taken the airport"),
    ("Mayor Tomas Riva told reporters the water supply would be restored by Friday.\n",
     "Tomas Riva", "indirect", "the water supply would be restored"),
    ("\u201cThe bridge is gone,\u201d said Mayor Tomas Riva. \u201cWe have no way to reach the farms.\u201d\n\n"
     "\u201cWe need boats, and we need them now.\u201d\n",
     "Tomas Riva", "direct", "We need boats"),
    ("Senator Ada Morrow visited the camp on Monday.\n\n\u201cNobody should live like this,\u201d she said.\n",
     "Ada Morrow", "direct", "Nobody should live like this"),
])
def test_each_cue_form_names_its_speaker(parse_text, text, speaker, kind, starts):
    got = said(parse_text(text))
    assert any(sp is not None and sp.endswith(speaker) and k == kind and t.startswith(starts) for sp, k, t in got), got


@pytest.mark.parametrize("text,speaker", [
    # a name the tagger takes for an organization, in apposition to a noun for an office, is a person's
    ("The United Nations envoy, Ramtane Lamamra, called for an immediate ceasefire.", "Ramtane Lamamra"),
    ("The African Union mediator, Kwabena Osei-Bonsu, said the talks would resume in Addis Ababa.",
     "Kwabena Osei-Bonsu"),
    # a capital speaks for its government
    ("Moscow said the strikes answered attacks on its border regions.", "Russian government"),
    ("Washington called on both armies to stop shelling residential areas.", "U.S. government"),
])
def test_the_one_who_speaks_for_an_office_or_a_state(parse_text, text, speaker):
    p = parse_text(text)
    assert {s.speaker.name for s in p.statements if s.speaker} == {speaker}


@pytest.mark.parametrize("text, speaker", [
    ("Next to John Baker at the rally, Tom Smith looked tired as he said that the bill would fail.\n",
     "Tom Smith"),
    ("Standing beside Adam Novak on the stage, Peter Hale smiled as he said that the plan would work.\n",
     "Peter Hale"),
])
def test_he_is_the_main_clause_person_before_one_named_earlier_in_a_phrase_inside(parse_text, text, speaker):
    """Within the pronoun's own sentence, the person of the main clause comes before one named
    earlier in a phrase or clause that hangs from it, whatever their order."""
    p = parse_text(text)
    assert [(sp, k) for sp, k, _ in said(p)] == [(speaker, "indirect")], said(p)


@pytest.mark.parametrize("text, medium", [
    ("\u201cThe bill will pass,\u201d Senator Maria Olsen said in a statement posted on Telegram.\n", "Telegram"),
    ("\u201cThe bill will pass,\u201d Senator Maria Olsen told CNN on Sunday.\n", "CNN"),
    ("Senator Maria Olsen told CNN on Sunday that the bill would pass.\n", "CNN"),
    ("Senator Maria Olsen said that CNN had misquoted her in March.\n", ""),
    ("Senator Maria Olsen said the report on Twitter was false.\n", ""),
])
def test_the_medium_is_what_the_speaker_spoke_through_not_what_was_said(parse_text, text, medium):
    p = parse_text(text)
    got = [(s.speaker.name if s.speaker else None, s.medium) for s in p.statements]
    assert got == [("Maria Olsen", medium)], got


def test_the_group_that_speaks_is_the_group_named_before(parse_text):
    p = parse_text("The Emergency Lawyers group said in a statement that the strike hit the main market. "
                   "\"This is a crime against unarmed people,\" the group said. Last month, the RSF was accused "
                   "by the United Nations of killing hundreds of people. The group denied the accusation.")
    speakers = [(s.cue, s.speaker.name if s.speaker else None) for s in p.statements]
    assert ("say", "Emergency Lawyers") in speakers and ("deny", "Rapid Support Forces") in speakers, speakers
    assert all(name not in ("group", "United Nations") for _, name in speakers), speakers


@pytest.mark.parametrize("text", [
    "A drone strike on a crowded market killed at least 12 civilians on Tuesday, a local rights group said, "
    "blaming the Sudanese army.",
    "EL FASHER, Sudan (Reuters) — A drone strike on a crowded market in the town of Kutum killed at least 12 "
    "civilians on Tuesday, a local rights group said, blaming the Sudanese army.",
])
def test_who_blames_after_said_is_who_said_it(parse_text, text):
    p = parse_text(text)
    blame = [s for s in p.statements if s.cue == "blame"]
    assert blame and blame[0].speaker is not None and "group" in blame[0].speaker.name, \
        [(s.cue, s.speaker, s.text) for s in p.statements]
