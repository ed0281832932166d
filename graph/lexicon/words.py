"""Word lists shared by the extractors, each defined once.

Curated tables (actor gazetteer, event lexicon, place data) stay in graph/data/; the lists
here are the closed-class and common words the rules test lemmas against. Name keys,
slugs and name cleaning live in :mod:`graph.lexicon.names`.

Where two rules need different sets of the same kind of word, the base list is defined
once and the variant is derived from it by name, with the reason; the tests in
tests/lexicon/test_words.py check that no list is defined twice under graph/.
Temporal (graph/extract/temporal) imports SMALL_NUMBERS, TENS, ORDINALS, SPEECH_VERBS,
PERSON_NOUNS and LIGHT_VERBS: their content is what temporal needs.
"""
from __future__ import annotations

# --- numbers -----------------------------------------------------------------------------
SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty first": 21,
}
# round numbers, and their plurals read as a low estimate ("dozens" = 24, "thousands" = 2000)
QUANTITY_WORDS = {"dozen": 12, "dozens": 24, "hundred": 100, "hundreds": 200, "thousand": 1000,
                  "thousands": 2000, "million": 1_000_000, "millions": 2_000_000}
# the figures of an event ("killed twelve", "dozens were wounded"); not "zero": no figure is zero
NUMBER_WORDS = {**{w: n for w, n in SMALL_NUMBERS.items() if n}, **TENS, **QUANTITY_WORDS}

# --- speech ------------------------------------------------------------------------------
# verbs that report speech: temporal dates a statement by them
SPEECH_VERBS = frozenset(
    "say tell announce report state declare confirm claim add warn note stress insist "
    "deny allege write post tweet accuse urge explain acknowledge admit argue assert "
    "charge comment complain describe disclose indicate inform maintain mention predict "
    "pledge promise remark reply respond reveal signal suggest testify vow brief".split())
# verbs that introduce a quote or a reported statement (statements): SPEECH_VERBS without
# the reporting-of-facts verbs the statement finder never used, with the verbs of opinion and
# appeal it did use ("called it a victory", "reiterated", "estimated"); kept as it was, since
# a common list would find other statements
QUOTE_VERBS = (SPEECH_VERBS - frozenset("brief comment disclose indicate inform mention reveal signal testify".split())
               ) | frozenset("ask believe call caution conclude contend decry demand emphasise emphasize estimate "
                             "reiterate shout yell bark scream exclaim quip joke recall observe".split())
# verbs whose clausal complement is a reported statement: not the verbs of request or opinion
INDIRECT_VERBS = QUOTE_VERBS - {"ask", "urge", "demand", "believe", "describe"}
# verbs that report a question: "X asked (Y) whether/how ...": the question is the statement
QUESTION_VERBS = frozenset("ask wonder inquire enquire query".split())
# the words that open a reported question
QUESTION_WORDS = frozenset("whether if how what why when where who whom which".split())
# stances and beliefs reported without a quote, as CAMEO codes them (disapprove, reject):
# "X condemned the strike" (the object is what was said), "officials believe the attackers fled"
# (the clause); never physical acts ("attack"). Stated intentions: STATED_INTENT_VERBS below
STANCE_VERBS = frozenset(
    "support endorse oppose criticize criticise condemn denounce praise reject question blame defend cite "
    "mention propose demand discuss express welcome applaud slam dismiss deny dispute challenge highlight "
    "acknowledge recommend decry lament back accuse thank congratulate encourage blast reveal disclose "
    "promote want".split()) | frozenset(
    # what a speaker announces, claims or favours ("announced his candidacy", "touted the deal",
    # "mocked the plan", "favors a tax cut")
    "announce claim confirm state declare tout embrace mock favor favour prefer dislike ridicule describe "
    "outline advocate champion echo repeat rebuke rebut repudiate disavow deride lambaste chastise "
    "scold fault commend hail laud disparage belittle contest".split())
# what a record shows ("a new poll shows Trump with his largest lead"): these verbs report their
# object when their subject is one of these records
EVIDENCE_VERBS = frozenset("show find indicate reveal suggest".split())
RECORD_NOUNS = frozenset("poll survey study report record data figure analysis filing document email tally count "
                         "result review audit memo letter statistic".split())
# verbs of how one sees something, a stance when they say "as" what ("voters see the plan as unfair",
# "regards the deal as a mistake")
VIEW_VERBS = frozenset("see view regard consider portray depict paint cast treat".split())
# stances whose content is a prepositional object ("warned of an offensive", "spoke about the talks")
PREP_STANCE_VERBS = {
    "speak": ("about", "on"), "talk": ("about",), "comment": ("on", "about"), "write": ("about",),
    "point": ("to",), "respond": ("to",), "react": ("to",), "ask": ("about",), "warn": ("about", "of", "against"),
    "complain": ("about", "of"), "testify": ("about",), "weigh": ("on",), "refer": ("to",), "insist": ("on",),
    "boast": ("about", "of"), "apologize": ("for",), "apologise": ("for",), "argue": ("for", "against"),
    "vote": ("for", "against"), "push": ("for",), "campaign": ("for", "against"), "advocate": ("for",),
    "rail": ("against",), "lash": ("at",), "joke": ("about",), "brag": ("about",), "worry": ("about",),
    "agree": ("with", "on"), "disagree": ("with", "on"), "object": ("to",), "elaborate": ("on",),
    "speculate": ("about", "on"), "wonder": ("about",), "hope": ("for",), "fight": ("for", "against"),
}
# nouns that report a speaker's words or stance, with the speaker as possessive ("Sanders's claim that
# ...", "the senator's view that ...", "her criticism of the deal"): the "that" clause, or the object of
# the preposition listed
CLAIM_NOUNS = frozenset("claim view assertion argument contention belief insistence promise pledge warning "
                        "suggestion accusation allegation charge statement vow prediction position opinion "
                        "complaint assurance admission threat denial hope fear".split())
PREP_STANCE_NOUNS = {
    "criticism": ("of",), "support": ("for", "of"), "opposition": ("to",), "praise": ("for", "of"),
    "condemnation": ("of",), "endorsement": ("of",), "rejection": ("of",), "defense": ("of",),
    "defence": ("of",), "call": ("for",), "demand": ("for",), "warning": ("of", "about", "against"),
    "promise": ("of",), "stance": ("on",), "position": ("on",), "view": ("on", "of"),
    "comment": ("on", "about"), "remark": ("on", "about"), "description": ("of",), "denial": ("of",),
}
# records that report what they found "in" them ("X leads 46-41 in the latest poll"): the poll is the source
POLL_NOUNS = frozenset({"poll", "survey"})
COGNITION_VERBS = frozenset(
    "believe think know feel hope expect fear worry find show suggest realize realise doubt understand "
    "argue insist".split()) | frozenset("see agree conclude assume imagine suspect wonder recall recognize "
                                       "worry predict estimate guess acknowledge admit".split())
# "X asked/urged/called on Y to do Z"
REQUEST_VERBS = frozenset("ask urge request call appeal implore press demand".split())
# the plain reporting verbs that date what they report ("X has been retaken, the army said Thursday")
REPORT_VERBS = frozenset("say announce report confirm declare tell".split())
MEDIA_PRODUCTS = frozenset("twitter facebook telegram x instagram youtube tiktok whatsapp".split())
# broadcast networks: "Fox 59", "CBS Denver", "NBC 5 Chicago", "ABC7" name a network's station (media)
BROADCAST_NETWORKS = frozenset("abc cbs nbc fox cw pbs npr cnn msnbc univision telemundo wb".split())
# "said in a statement", "told in an interview": the medium of a statement
STATEMENT_MEDIA = ("statement", "interview", "speech", "communique", "tweet", "post", "message")
# a clause about a statement ("the army announced ..., SANA said"): the outlet relays, it does not report
STATEMENT_NOUNS = ("statement", "announcement", "communique", "communiqué")

# --- people ------------------------------------------------------------------------------
# nouns for people, singular and plural: temporal's persons (a "Monday" after them is a name)
PERSON_NOUNS = frozenset(
    "man men woman women boy boys girl girls child children kid kids son sons daughter "
    "daughters baby babies brother sister father mother husband wife person people student "
    "students soldier soldiers fighter fighters resident residents victim victims suspect "
    "suspects worker workers teenager teenagers youth youths refugee refugees driver "
    "farmer officer policeman journalist reporter activist nephew niece grandson "
    "granddaughter mom dad twin twins veteran civilian civilians".split())
# nouns (lemmas) by which events names people it makes unnamed actors of ("a major general",
# "policemen"): PERSON_NOUNS' singulars without kinship and a few other words, with the roles,
# ranks and attackers of conflict news; kept as it was (a common list makes other actors)
HUMAN_NOUNS = (PERSON_NOUNS - frozenset(
    "activist babies boys brother civilians dad daughters fighters girls granddaughter grandson husband kid kids "
    "mom nephew niece refugee refugees resident residents sister soldiers sons students suspects teenagers twin "
    "twins veteran victims wife workers youth youths".split())) | frozenset(
    "assailant attacker bomber cadet captain colonel commander demonstrator detainee doctor employee enemy "
    "expatriate extremist family foreigner general guard guest gunman hostage individual insurgent jihadist "
    "killer leader lieutenant major member militant militiaman mourner nurse official other passenger patient "
    "pedestrian perpetrator personnel pilgrim policemen policewoman prisoner protester recruit relative "
    "responder sergeant shopper staff terrorist tourist villager worshipper".split())
# the HUMAN_NOUNS that name soldiers
MILITARY_NOUNS = frozenset("soldier officer general commander personnel guard colonel major lieutenant sergeant "
                           "captain cadet recruit fighter militiaman".split())
# who reports rather than acts: "officials said ... 'They killed'"
REPORTER_NOUNS = frozenset("official witness resident doctor spokesman spokeswoman source medic activist "
                           "journalist reporter officer elder relative survivor".split())
# nouns for someone's office: a name in apposition to one is a person's ("the UN envoy, X,", "X, a spokesman")
OFFICE_NOUNS = frozenset("envoy spokesman spokeswoman spokesperson official minister president premier commander "
                         "leader chief director ambassador mayor governor secretary chairman chairwoman coordinator "
                         "representative negotiator mediator prosecutor lawyer attorney general colonel".split())
# unnamed speakers: "officials said", "the ministry said", "witnesses said" -> actor type
SPEAKER_NOUNS = {
    "official": "government", "ministry": "government", "spokesman": "person", "spokeswoman": "person",
    "spokesperson": "person", "authority": "government", "police": "military", "witness": "civilians",
    "resident": "civilians", "doctor": "other", "medic": "other", "activist": "other", "source": "other",
    "monitor": "other", "observer": "other", "commander": "military", "officer": "military",
    "prosecutor": "government", "investigator": "other", "agency": "other", "ministry official": "government",
}
# words before a name that are not part of it ("President", "Lt. Gen.", "spokesman")
TITLES = frozenset({
    "president", "prime", "minister", "gen", "gen.", "general", "lt", "lt.", "col", "col.", "maj", "maj.",
    "major", "lieutenant", "colonel", "capt", "capt.", "captain", "sgt", "sgt.", "dr", "dr.", "mr", "mr.",
    "mrs", "mrs.", "ms", "ms.", "sheikh", "king", "queen", "prince", "emir", "ayatollah", "spokesman",
    "spokeswoman", "spokesperson", "ambassador", "envoy", "secretary", "foreign", "defense", "defence",
    "commander", "chief", "leader", "senator", "sen.", "rep.", "gov.", "governor", "mayor", "rev.", "pope",
    "special", "deputy", "vice", "state", "interior", "chairman", "director", "head", "mullah", "imam",
    "officer", "detective", "det", "det.", "trooper", "sheriff", "cpl", "cpl.", "sergeant", "pastor", "judge",
    "miss",
})
# words after a name that are not part of it ("John Smith Jr.")
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# modifiers that are not part of an unnamed actor's name ("40 other people", "several officials")
NOT_NAME_MODIFIERS = frozenset({"other", "several", "many", "some"})
VICTIM_NOT_NAME_MODIFIERS = NOT_NAME_MODIFIERS | {"injured", "wounded", "dead"}  # events: "the injured policemen"
# nouns that never name who speaks, as the subject of a speech verb ("the day said" is a misparse)
NOT_SPEAKER_NOUNS = frozenset("time day week month year hour minute thing part way lot kind sort fact idea".split())
# capitalised labels that open a paragraph like a transcript's speaker and are not one ("UPDATE: ...")
NOT_TURN_LABELS = frozenset("update updated breaking watch photos photo video editor note editors note correction "
                            "related read more source sources disclaimer warning read also see".split())
SPEAKER_NOT_NAME_MODIFIERS = NOT_NAME_MODIFIERS | {"two", "three", "local"}  # statements: "two local officials"
# heads of a phrase that names a share of a group ("most of the candidates", "two in three", "those
# surveyed", "a third"): as the subject of a speech verb the phrase is the speaker, as written
GROUP_SHARE_WORDS = frozenset("most many some all half third quarter fifth majority minority percent few several none "
                              "one those others both each either neither dozen handful number plurality share".split())

# --- pronouns and determiners ------------------------------------------------------------
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}  # the gender a pronoun tells
PERSON_PRONOUNS = frozenset(PRONOUN_GENDER)
# the pronouns a quote's speaker may be: a person ("he said"), or a group or body ("they said")
PERSON_SPEAKER_PRONOUNS = frozenset({"he", "she"})
# words next to a name that tell a person's gender, for "he"/"she" (titles and nouns, lower case)
FEMALE_WORDS = frozenset("mrs mrs. ms ms. miss madam lady dame sister mother wife daughter woman girl widow "
                         "actress congresswoman chairwoman spokeswoman businesswoman queen princess grandmother "
                         "aunt niece stepmother girlfriend".split())
MALE_WORDS = frozenset("mr mr. sir brother father husband son man boy widower actor congressman chairman "
                       "spokesman businessman king prince grandfather uncle nephew stepfather boyfriend".split())
# common English given names (and their usual short forms) that tell a person's gender ("Mary Okafor"
# ... "she said"); a name that is given to both is in neither list
MALE_GIVEN_NAMES = frozenset(
    "james jim jimmy john johnny jack robert rob bob bobby michael mike william will bill billy willie david dave "
    "richard rick dick joseph joe thomas tom tommy charles charlie chuck christopher daniel dan danny matthew matt "
    "anthony tony mark donald don steven stephen steve paul andrew andy joshua kenneth ken kevin brian george "
    "timothy tim ronald ron edward ed eddie ted jason jeffrey jeff ryan jacob gary nicholas nick eric jonathan "
    "larry justin scott brandon benjamin ben samuel sam gregory greg alexander frank patrick raymond dennis jerry "
    "aaron jose adam nathan henry douglas doug zachary peter kyle walter noah jeremy keith roger gerald harold "
    "sean carl arthur lawrence dylan jesse bryan bruce gabriel albert alan juan wayne randy roy vincent ralph "
    "eugene russell philip phil louis howard fred frederick harry herbert lewis martin marvin leonard earl "
    "stanley neil norman glenn allen clarence francis hank tyler mitch mitchell luis carlos jorge "
    "miguel pedro ahmed mohammed muhammad omar ali hassan ibrahim vladimir sergei ivan dmitry igor boris".split())
FEMALE_GIVEN_NAMES = frozenset(
    "mary patricia jennifer linda elizabeth liz beth barbara susan sue jessica sarah sara karen lisa nancy betty "
    "margaret maggie sandra ashley kimberly emily donna michelle carol amanda dorothy melissa deborah debbie "
    "stephanie rebecca becky sharon laura cynthia kathleen kathy amy angela shirley anna ann anne brenda pamela "
    "emma nicole helen samantha katherine kate christine debra rachel carolyn janet catherine maria heather "
    "diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith judy megan "
    "andrea cheryl hannah jacqueline martha gloria teresa madison frances kathryn janice jean abigail alice "
    "sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany "
    "charlotte marie kayla alexis lori hillary hilary elaine susanna valerie wendy sylvia rosa irene "
    "chelsea michele claire nikki sonia sally fatima aisha leila olga natalia tatiana".split())
GIVEN_NAMES = MALE_GIVEN_NAMES | FEMALE_GIVEN_NAMES
GROUP_SPEAKER_PRONOUNS = frozenset({"they", "it", "we"})
DEFINITE_DETERMINERS = ("the", "this", "that")  # "the group", "this resolution": one named before

# --- groups ------------------------------------------------------------------------------
# nouns (lemmas) that name a generic actor -> its kind ("the army", "rebels", "residents")
GROUP_NOUN_KINDS = {
    "army": "military", "military": "military", "troop": "military", "soldier": "military",
    "armed forces": "military", "serviceman": "military", "paratrooper": "military",
    "government": "government", "regime": "government", "authority": "government",
    "administration": "government",
    "rebel": "rebels", "insurgent": "rebels", "opposition": "rebels",
    "militant": "militants", "jihadist": "militants", "gunman": "militants", "extremist": "militants",
    "civilian": "civilians", "resident": "civilians", "people": "civilians", "villager": "civilians",
    "evacuee": "civilians", "refugee": "civilians", "patient": "civilians", "protester": "protesters",
    "demonstrator": "protesters", "police": "police", "policeman": "police", "police officer": "police",
}
# words of armed conflict: an article with none of them (nor a named armed group) and a word of crime
# (CRIME_REPORT_WORDS) reports crime, where "a gunman" is a person, not militants
ARMED_CONFLICT_WORDS = frozenset("militant insurgent insurgency rebel jihadist jihad militia army troop soldier "
                                 "terrorist terrorism airstrike air-strike shelling mortar rocket insurgents "
                                 "war military paramilitary extremist".split())
# words of a crime report: an article with some of them and no word of armed conflict reports crime
CRIME_REPORT_WORDS = frozenset("police policeman sheriff deputy detective homicide robbery burglary murder suspect "
                               "arrest charge prosecutor".split())
# "the group", "the militia": nouns that stand for the armed group named before
# people named by the group they belong to: "an ISIS supporter", "a Boko Haram member", "supporters of X"
# stand for that group when it is an armed group
AFFILIATE_NOUNS = frozenset("member supporter follower loyalist sympathizer sympathiser operative fighter militant "
                            "gunman bomber affiliate insurgent jihadist recruit".split())
ORGANIZATION_NOUNS = frozenset({"group", "organization", "organisation", "movement", "militia", "outfit", "faction",
                                "network"})
FORCE_NOUNS = frozenset({"force", "fighter", "group", "unit", "militia", "brigade", "faction"})
# "an army patrol", "a police convoy": units named by who they belong to
UNIT_NOUNS = ("patrol", "convoy", "unit", "post", "base", "barracks", "outpost")
REBEL_MODS = frozenset({"rebel", "opposition", "insurgent", "anti-government", "antigovernment", "anti-regime"})
GOV_MODS = frozenset({"government", "pro-government", "regime", "pro-regime", "state", "army", "military", "security"})
# "100 members of the security forces": the victims are the whole phrase
PART_NOUNS = frozenset({"member", "remnant", "dozen", "hundred", "thousand", "scores", "number", "rest", "some",
                        "many"})
# "remnants of rebels", "the last of the fighters", "a convoy of civilians": the actor is in the of-phrase
OF_PHRASE_HEADS = PART_NOUNS | {"million", "most", "all", "last", "group", "convoy", "tens"}
# words of a name that rank a country's entry first among its military, government and rebels
STATE_ENTRY_WORDS = ("army", "military", "armed forces", "government", "rebels")
# upper-case words the tagger takes for names: time zones, encodings, file formats
# zone abbreviations, upper case ("0735 GMT", "9 a.m. EST"): after a clock time, and never an actor's name
TIME_ZONES = ("EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "UTC", "BST", "CET", "CEST", "EET",
              "EEST", "IST", "JST", "MSK")
NOT_NAMES = frozenset(TIME_ZONES) | {"AM", "PM", "UTF-8", "UTF8", "ASCII", "HTML", "PDF", "URL", "HTTP", "HTTPS", "JSON", "XML",
                          "CSV", "JPEG", "PNG", "RSS", "FAQ", "TV"}

# --- places ------------------------------------------------------------------------------
# prepositions before a place ("in Aleppo", "near Homs")
PLACE_PREPS = frozenset({"in", "at", "near", "from", "to", "toward", "towards", "into", "outside", "inside", "across",
                         "around", "through", "of"})
# "the town of Taji": a name after "<word> of" is a place (actors)
PLACE_WORDS = frozenset({"town", "city", "village", "province", "district", "region", "governorate", "neighborhood",
                         "neighbourhood", "suburb", "camp", "port", "capital", "outskirts"})
# "Idlib province": a name before one of these is a place (actors)
PLACE_SUFFIX_WORDS = ("province", "governorate", "district", "prefecture")
# a word after a name that makes the name read as a place ("Aleppo city", "Yarmouk camp", "Homs,")
PLACE_CONTEXT_WORDS = frozenset({"region", "province", "city", "camp", "village", "town", "district", "governorate",
                                 ","})
# places an event happens at ("in a market in the city"), and whose owner is a place ("Kabul's hospital")
SITE_NOUNS = frozenset({
    "city", "town", "village", "capital", "outskirts", "suburb", "district", "neighborhood", "neighbourhood",
    "quarter", "province", "region", "border", "coast", "north", "south", "east", "west", "center", "centre",
    "hospital", "school", "market", "camp", "airport", "port", "base", "street", "square", "mosque", "church",
    "university", "prison", "embassy", "checkpoint", "crossing", "area"})
# what a building or site is called by ("the Kohl Center", "Mercy Hospital"): it is attacked, it attacks no one
BUILDING_NOUNS = frozenset({
    "building", "center", "centre", "hospital", "clinic", "school", "mall", "church", "mosque", "synagogue",
    "temple", "hotel", "airport", "station", "stadium", "arena", "embassy", "prison", "museum", "library",
    "restaurant", "pub", "theater", "theatre", "store", "supermarket", "market", "cathedral", "tower", "bridge"})
# ... of which these are also surnames ("Frank Church", "Shirley Temple"): a person's name ending so is a person
SURNAME_BUILDING_NOUNS = frozenset({"church", "temple", "tower", "bridge", "store", "market", "library"})
# "the town", "the area": the place named before (events)
ANAPHORIC_PLACES = frozenset({"city", "town", "area", "village", "region", "enclave", "province", "country"})
# "the town of Hit", "the Baghdad neighborhoods of Karrada": the named place is in the of-phrase (events)
NAMED_AREA_NOUNS = ANAPHORIC_PLACES | {"neighborhood", "neighbourhood", "district", "suburb", "quarter"}
# what is taken when a place is captured ("took control of", "seized the town")
TERRITORY = frozenset({"control", "command", "city", "town", "village", "territory", "area", "district", "base",
                       "neighborhood", "neighbourhood", "airport", "province", "region", "position", "enclave",
                       "stronghold", "hill", "border", "crossing", "capital", "held", "hold"})
# compass words that are not a division's name by themselves ("North" of "North Province")
DIRECTION_WORDS = frozenset("north south east west northern southern eastern western central".split())

# --- events ------------------------------------------------------------------------------
# verbs whose object or subject is the same happening ("launched an offensive Monday"):
# temporal dates an event noun by them
LIGHT_VERBS = frozenset(
    "carry launch stage hold make conduct mount begin start continue resume end complete finalize conclude wage "
    "perform undertake deliver pay give intensify escalate renew halt stop suspend finish step take see witness "
    "suffer occur happen break erupt unfold".split())
# verbs whose subject does the event noun they govern ("Russia stepped up air strikes", "imposed
# sanctions", "detonated a bomb", "called a strike"): events takes the noun's agent from them.
# LIGHT_VERBS without the verbs of occurrence, experience and ending, whose subject is no agent
# ("suffered an attack", "saw clashes", "ended the siege"), with the verbs of ordering, imposing
# and throwing
AGENT_VERBS = (LIGHT_VERBS - frozenset(
    "break complete conclude deliver end erupt finalize finish give halt happen hold occur pay perform renew see "
    "stop suffer suspend take undertake unfold witness".split())) | frozenset(
    "adopt announce call detonate drop extend file hurl impose introduce issue lead level levy order pass plant set "
    "slap throw tighten trigger unleash use".split())
# modal auxiliaries: an event under one is not asserted; a date reference under one looks forward
MODALS = frozenset({"can", "could", "may", "might", "must", "should"})
HYPO_AUX = MODALS | {"would"}  # "would have killed": hypothetical
TENSE_MODALS = MODALS | {"ought"}  # "ought to" looks forward; "would" is also the past of "will"
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
INTENT_VERBS = frozenset({"threaten", "vow", "plan", "want", "seek", "aim", "intend", "hope", "try", "attempt",
                          "call", "urge", "demand", "ask", "propose", "prepare", "expect", "consider", "warn", "fear"})
# intentions a statement reports ("X vowed to retaliate", "refused to leave"): INTENT_VERBS without
# the appeals (REQUEST_VERBS find those) and the verbs of mere expectation
STATED_INTENT_VERBS = (INTENT_VERBS - {"call", "urge", "demand", "ask", "prepare", "consider", "warn", "fear",
                                       "attempt", "expect"}) | {"promise", "pledge", "refuse", "decline", "agree",
                                                                "offer", "decide", "wish", "choose", "prefer",
                                                                "like", "push"}
# the INTENT_VERBS that announce the act ("vowed to retake"): future, the others hypothetical
PLAN_VERBS = frozenset({"vow", "plan", "threaten", "prepare", "intend"})
# "calls for a ceasefire": what is called for has not happened
APPEAL_VERBS = frozenset({"call", "demand", "urge"})
DENY_VERBS = frozenset({"deny", "dismiss", "refute", "reject"})
WEAPON_WORDS = frozenset({"rocket", "missile", "shell", "mortar", "shot", "round", "bullet", "artillery", "gun",
                          "weapon", "grenade", "tear", "salvo", "fire"})
# modifiers that make "strike" an attack, not a labour strike
STRIKE_MODS = frozenset({"air", "missile", "drone", "military", "aerial", "rocket", "artillery", "israeli", "russian",
                         "american", "u.s.", "us", "coalition", "deadly", "airstrikes"})
# the word before an attack noun that belongs to the trigger ("air strikes", "car bomb")
TRIGGER_COMPOUNDS = ("air", "car", "suicide", "roadside", "drone", "missile", "rocket", "mortar", "artillery",
                     "truck", "cease")
# a unit or a publication an attack noun names ("the homicide bureau", "the bomb squad", "The Homicide
# Report"): the noun before it is part of a name, not an event
UNIT_HEAD_NOUNS = frozenset({"bureau", "unit", "squad", "division", "section", "detail", "taskforce", "desk",
                             "report", "hotline", "tipline", "detective", "detectives", "investigator",
                             "investigators", "prosecutor", "prosecutors"})
# "leaving 40 people dead": a toll, not a departure
TOLL_WORDS = ("dead", "wounded", "injured", "killed")
# verbs by which a body adopts its own document, and the documents a body issues
ADOPT_VERBS = frozenset({"approve", "adopt", "pass", "endorse", "ratify", "unveil", "issue", "publish", "table"})
DOCUMENT_NOUNS = frozenset({"resolution", "plan", "proposal", "report", "statement", "decree", "law", "bill",
                            "declaration", "communique", "initiative", "motion", "draft", "ultimatum", "order"})
# verbs of death and injury, whose subject or object is a victim
CASUALTY_VERBS = frozenset({"kill", "wound", "injure", "die"})
# verbs whose object or passive subject is hurt: the victims an attack noun governs
HARM_VERBS = CASUALTY_VERBS | {"hurt", "leave", "claim", "target"}
# "an attack targeting police": the object of these is the attack's target
TARGET_VERBS = ("target", "hit", "strike", "aim")
# "a wave of attacks", "a spate of bombings": the quantity noun stands for the attacks
SERIES_NOUNS = frozenset({"wave", "spate", "series", "string", "number", "pair", "couple", "flurry", "rash", "set"})
# "blamed X for the bombing", "X claimed responsibility for the attack"
BLAME_VERBS = frozenset({"blame", "accuse", "hold"})
RESPONSIBILITY_NOUNS = ("responsibility", "credit")
# plural kin words that name the people of one family named in the article ("the brothers")
FAMILY_NOUNS = frozenset({"brother", "sister", "sibling", "twin", "cousin"})
# words that tie an actor to an event ("responsibility for", "involved in"): denied or negated, they deny
# that actor's part in it ("denied responsibility for the bombing", "were not involved in the raid")
INVOLVEMENT_WORDS = frozenset({"responsibility", "involvement", "role", "part", "responsible", "involved", "link",
                               "links", "behind", "participation", "participate", "credit"})
# verbs whose nominal subject is the event itself acting ("the blast killed 12 in Kabul"): their
# places are the event's
EVENT_VERBS = frozenset({"kill", "wound", "injure", "destroy", "damage", "hit", "strike", "leave", "target", "claim",
                         "occur", "happen", "take", "rock", "shake", "flatten", "raze", "level", "tear", "rip",
                         "be", "begin", "start", "continue", "end", "resume", "erupt", "break", "spread", "intensify"})
# weapons and vehicles: "Israeli bombs hit the school" -> who wields them
MUNITIONS = frozenset({"bomb", "jet", "warplane", "plane", "aircraft", "drone", "tank", "helicopter", "gunship",
                       "missile", "rocket", "shell", "artillery", "mortar", "gunboat", "warship", "airstrike", "bomber",
                       "fighter-bomber"})

# --- graph building ----------------------------------------------------------------------
# words left out when the builder compares the words of two sentences
STOP_WORDS = frozenset(
    "the a an of in on at to for by with and or from as that this is was were has have had be been it its "
    "their they he she said says would could will after before since about over into than not".split())

# --- labels --------------------------------------------------------------------------------
# collective nouns that take a plural verb though they do not end in -s ("police arrest", "people flee"):
# graph/export/labels.py conjugates an event's verb by its agent's last word
PLURAL_COLLECTIVES = frozenset({"police", "people", "personnel", "clergy", "cattle"})

# assault modes whose object is ground, not people: no bare noun phrase becomes their victim
GROUND_MODES = frozenset({"capture", "siege", "offensive", "destruction"})

# --- who a person noun is (graph/extract/coref.py) ------------------------------------------
# singular nouns that describe one person, each with the gender it tells ("" none)
PERSON_DESCRIPTION_NOUNS = {
    "man": "m", "boy": "m", "male": "m", "father": "m", "son": "m", "husband": "m", "brother": "m",
    "grandfather": "m", "uncle": "m", "nephew": "m", "boyfriend": "m", "gentleman": "m",
    "woman": "f", "girl": "f", "female": "f", "mother": "f", "daughter": "f", "wife": "f", "sister": "f",
    "grandmother": "f", "aunt": "f", "niece": "f", "girlfriend": "f", "lady": "f",
    "victim": "", "person": "", "teen": "", "teenager": "", "child": "", "toddler": "", "baby": "", "infant": "",
    "youth": "", "juvenile": "", "adult": "", "individual": "", "resident": "", "driver": "", "passenger": "",
    "student": "", "customer": "", "clerk": "", "employee": "", "homeowner": "", "neighbor": "", "neighbour": "",
    "pedestrian": "", "motorist": "", "cousin": "", "friend": "", "relative": "", "officer": "", "deputy": "",
    "trooper": "", "suspect": "", "gunman": "m", "shooter": "", "attacker": "", "assailant": "", "killer": "",
    "robber": "", "intruder": "", "burglar": "", "perpetrator": "", "body": "", "decedent": "", "deceased": "",
}
# the person nouns that name someone hurt or killed: a person named as one is a victim ("the body was
# identified as X")
VICTIM_NOUNS = frozenset({"victim", "body", "decedent", "deceased"})
# the person nouns that name who did it: they stand only for a person named as a suspect
PERPETRATOR_NOUNS = frozenset({"suspect", "gunman", "shooter", "attacker", "assailant", "killer", "robber",
                               "intruder", "burglar", "perpetrator"})
# "police identified the victim as X", "the man was named as X"
IDENTIFY_VERBS = frozenset({"identify", "name"})
# modifiers by which a person noun is someone else than one named before ("another man", "the other victim")
OTHER_PERSON_WORDS = frozenset({"another", "other", "second", "third", "fourth", "one"})
# states that tell a person was hurt: "X was pronounced dead", "found X dead", "X suffered a gunshot wound"
DEATH_STATE_WORDS = frozenset({"dead", "deceased", "unresponsive", "lifeless"})
WOUND_NOUNS = frozenset({"wound", "injury", "gunshot"})
# what is opened in a shooting: "opened fire", "opened gunfire"
OPENED_FIRE_OBJECTS = frozenset({"fire", "gunfire"})
STATE_VERBS = frozenset({"pronounce", "declare", "find", "discover", "leave", "locate"})  # + a death state
WOUND_VERBS = frozenset({"suffer", "sustain", "succumb", "treat", "hospitalize", "airlift", "transport", "rush"})
# verbs whose active subject attacked someone ("X shot the man"): such a named person is no bystander
ATTACK_VERBS = frozenset({"shoot", "kill", "stab", "fire", "murder", "wound", "injure", "attack", "rob", "threaten",
                          "assault", "confront"})
# verbs whose subject witnessed it ("X heard the shots", "X called 911"): such a named person is no bystander
# who was hurt
WITNESS_VERBS = frozenset({"hear", "see", "witness", "call", "watch", "notice"})
# "X is in critical condition", "X was listed in stable condition": the condition of someone hurt
HURT_CONDITIONS = frozenset({"critical", "stable", "serious", "fair", "grave", "guarded", "life-threatening"})
# "X is expected to survive", "X is recovering", "X underwent surgery": what only someone hurt does
RECOVERY_VERBS = frozenset({"survive", "recover", "undergo"})
# verbs a headline uses in the passive without "was" ("Man shot by deputy", "Teen killed")
HEADLINE_PASSIVE_VERBS = frozenset({"shoot", "kill", "wound", "injure", "hurt", "murder", "slay", "stab", "gun",
                                    "attack", "hit", "strike", "find"})
# who is charged with an attack did it: "X was charged with murder", "arrested X in connection with the
# shooting", "X faces charges of murder"
CHARGE_VERBS = frozenset({"charge", "accuse", "arrest", "convict", "indict", "sentence", "book", "face", "jail",
                          "detain"})
CHARGE_NOUNS = frozenset({"charge", "count"})
# attack modes whose owner is the one who suffered it, when a person: "his death", "Smith's murder"
VICTIM_OWNER_MODES = frozenset({"death", "killing", "shooting", "injury", "execution"})
# verbs whose subject speaks of, judges or looks into an event named in their object, and so is not who
# did it ("the ministry condemned the attack", "police investigated the shooting"; not "claimed", "carried
# out", "confirmed" or "defended" it, whose subject may be) (event roles)
ONLOOKER_VERBS = frozenset(
    "condemn denounce criticize criticise decry deplore lament mourn slam blast blame accuse fault rebuke "
    "castigate investigate probe report describe discuss question praise hail welcome applaud commend".split())
# "his arrest", "her abduction", "their capture": the owner of these is who was taken (events roles)
CAPTIVE_OWNER_MODES = frozenset({"arrest", "abduction", "expulsion", "torture", "capture"})
# words before a name that make its bearer speak for an office ("Police spokesman X", "coroner X")
OFFICIAL_WORDS = frozenset({"police", "coroner", "investigator", "prosecutor", "attorney", "examiner", "official",
                            "spokesman", "spokeswoman", "spokesperson", "sheriff", "sheriff's", "department"})
# verbs of finding someone in a state ("X was found shot", "found X dead")
FOUND_VERBS = frozenset({"find", "discover", "locate", "leave"})
# nouns for a person by kinship: whose son or wife is said by the words around them, not by a description
KIN_NOUNS = frozenset({"father", "son", "husband", "brother", "grandfather", "uncle", "nephew", "boyfriend", "mother",
                       "daughter", "wife", "sister", "grandmother", "aunt", "niece", "girlfriend", "cousin", "friend",
                       "relative", "neighbor", "neighbour"})
# trigger verbs that tell a death or an injury by the state someone is in (event_lexicon.csv): their
# subject (or what is found) is the one hurt, never an attacker
STATE_TRIGGERS = frozenset({"pronounce", "find", "succumb", "suffer", "sustain"})

# "Newton Street", "223rd St.": a name before one of these names a street, not a town (actors)
STREET_WORDS = frozenset({"street", "st.", "avenue", "ave", "ave.", "road", "rd", "rd.", "boulevard", "blvd",
                          "blvd.", "lane", "drive", "terrace", "highway", "parkway", "pier"})
# a name before one of these names a settlement by it ("Zamzam camp", "Kalma camp"), whatever the tagger took the
# name for (actors)
SETTLEMENT_WORDS = frozenset({"camp"})
