"""One article in, one ParsedArticle out: the parse stage of ctkg.

``Extractor`` holds the read-only resources (spaCy pipeline, actor gazetteer, place
gazetteer, event lexicon) and turns articles into :class:`~graph.core.model.ParsedArticle`
records; ``Extractor.parse_many`` streams many articles through ``nlp.pipe``.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

from graph.core.model import Article, EventMention, ParsedArticle, Statement, TimeValue
from graph.extract import temporal
from graph.extract.actors import ArticleEntities
from graph.extract.doctext import cache_sentences
from graph.extract.event_lexicon import default_lexicon
from graph.extract.events import EventFinder
from graph.extract.resolver import Resolver
from graph.extract.statements import StatementFinder, same_speaker_dates, statement_cue
from graph.lexicon.words import REPORT_VERBS

MAX_SENTENCE_CHARS = 5000  # a longer run without a sentence end is no sentence (a dump, a table, garbage)


@dataclass
class Extractor:
    nlp: Language
    resolver: Resolver
    lexicon: dict
    learned_roles: bool = True  # False: roles and places from the rules alone (see graph.extract.role_model)

    @classmethod
    def create(cls, *, actor_files: Iterable[str] = ()) -> "Extractor":
        """Load the pipeline and gazetteers (actor_files: user actor CSVs that extend the gazetteer)."""
        from graph.extract.nlp import build_pipeline
        from graph.lexicon.gazetteer import ActorGazetteer
        from graph.lexicon.geo import Gazetteer

        gaz = ActorGazetteer.load(list(actor_files))
        return cls(nlp=build_pipeline(gaz), resolver=Resolver(gaz, Gazetteer.default()), lexicon=default_lexicon())

    def parse(self, article: Article) -> ParsedArticle:
        return self.parse_doc(article, self.nlp(article.text))

    def parse_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[ParsedArticle]:
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield self.parse_doc(article, doc)

    # -- the stages of one article -------------------------------------------------------
    def parse_doc(self, article: Article, doc: Doc) -> ParsedArticle:
        cache_sentences(doc)
        if article.published is None:
            found = temporal.dateline_date(article.text)
            if found is not None:
                article = replace(article, published=found, published_source="dateline")
        out = ParsedArticle(article=article)
        anchor = article.published
        if anchor is None:
            out.warnings.append("no publication date: relative dates are left unresolved")
        ents = ArticleEntities.build(doc, article, self.resolver)
        out.actors, out.places = list(ents.actors), list(ents.places)
        out.timexes = temporal.find_timexes(article.text, anchor, doc=doc, skip=article.skip)
        finder = EventFinder(doc, ents, self.lexicon)
        if not self.learned_roles:
            finder.role_model = None
        stf = StatementFinder(doc, ents)
        statements = stf.statements()

        for sent in doc.sents:
            if sent.end_char - sent.start_char > MAX_SENTENCE_CHARS:
                out.warnings.append(f"a 'sentence' of {sent.end_char - sent.start_char} characters at "
                                    f"{sent.start_char} was skipped (no events taken from it)")
                continue
            if any(s < sent.end_char and sent.start_char < e for s, e in article.skip):
                # a furniture line: only keep sentences that are not wholly furniture
                if all(s <= sent.start_char and sent.end_char <= e for s, e in article.skip):
                    continue
            for trig in finder.triggers(sent):
                if any(s <= trig.start < e for s, e in article.skip):
                    continue
                agents, targets, learned = finder.roles_and_learned(trig)
                place = finder.place(trig, sent)
                targets = finder.local_civilians(targets, place)
                time, time_text = temporal.date_for_span(doc, trig.start, trig.end, out.timexes, anchor,
                                                              text=article.text)
                time = self._report_date(doc, trig, time, time_text, out.timexes, anchor, article.text)
                # what the text does not date stays undated: no later than the article, that is all
                undated = anchor is not None and not time.resolved and time.value != "FUTURE_REF"
                figs = finder.figures(trig)
                s_start, s_end = sent.start_char, sent.end_char
                text = article.text[s_start:s_end].rstrip()
                out.events.append(EventMention(
                    article_id=article.article_id, event_type=trig.entry.plover, mode=trig.entry.mode,
                    cameo=trig.entry.cameo, trigger=article.text[trig.start:trig.end],
                    trigger_start=trig.start, trigger_end=trig.end, sentence=text,
                    sentence_start=s_start, sentence_end=s_start + len(text),
                    agents=tuple(agents), targets=tuple(targets), place=place, time=time,
                    time_text=time_text, not_after=anchor if undated else None,
                    modality=finder.modality(trig, tuple(agents) + tuple(targets)), learned=tuple(sorted(learned)),
                    killed=figs.get("killed"), injured=figs.get("injured"), displaced=figs.get("displaced")))

        out.events = finder.with_hurt_people(out.events)
        # statements: dates, same-speaker dates, the events they are about
        dated: list[Statement] = []
        explicit: set[int] = set()
        for i, (st, verb) in enumerate(statements):
            if verb is not None:
                time, ttext = temporal.date_for_span(doc, verb.idx, verb.idx + len(verb.text), out.timexes, anchor,
                                                     speech=True, text=article.text)
            else:
                time, ttext = temporal.date_for_span(doc, st.start, st.end, out.timexes, anchor, speech=True,
                                                     text=article.text)
                ttext = ""
            if ttext:
                explicit.add(i)
            about = tuple(j for j, ev in enumerate(out.events)
                          if st.start <= ev.trigger_start < st.end)
            dated.append(replace(st, time=time, about=about, cue=statement_cue(verb)))
        out.statements = same_speaker_dates(dated, explicit)
        for st in out.statements:
            if st.speaker is None:
                continue
            for j in st.about:
                ev = out.events[j]
                if not ev.source:
                    out.events[j] = replace(ev, source=st.speaker.key)
        return out

    @staticmethod
    def _report_date(doc: Doc, trig, time: TimeValue, time_text: str, timexes, anchor, text: str) -> TimeValue:
        """"X has been recaptured, the army said Thursday": the state holds on the report's day.

        A completed (perfect) or present event reported by a speech verb that carries a day
        is dated to that day when nothing closer dates it.
        """
        if time_text or anchor is None:
            return time
        h = trig.head
        verb = h if h.pos_ in ("VERB", "AUX") else h.head
        perfect = any(c.lemma_ == "have" and c.dep_ == "aux" for c in verb.children) or verb.tag_ in ("VBZ", "VBP")
        x = verb
        for _ in range(3):
            if x.dep_ in ("ccomp", "conj") and x.head.i != x.i:
                x = x.head
                if x.lemma_ in REPORT_VERBS:
                    t, ttext = temporal.date_for_span(doc, x.idx, x.idx + len(x.text), timexes, anchor, speech=True,
                                                      text=text)
                    if ttext and t.precision == "day" and perfect and t.start <= anchor:
                        return t
                    break
            else:
                break
        return time
