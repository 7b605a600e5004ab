"""Terms and TF-IDF similarity: the same story in other words ranks above an unrelated one."""

from spcomms.lib.textsim import Corpus, matched, terms


def test_terms_fold_accents_stem_and_drop_stopwords():
    assert terms("The workers were DETAINED in détention") == terms("worker detained detention")
    assert len(terms("The workers were DETAINED in détention")) == 3  # the, were, in: stopwords
    assert terms("Workers") == terms("worker")


def test_matched_reports_the_words_as_written():
    query = set(terms("arbitrary detention"))
    assert sorted(matched(query, "An Arbitrary Detentions case.").values()) == ["arbitrary", "detentions"]


def test_similar_documents_rank_first():
    corpus = Corpus(
        {
            "labour": "Uyghur workers transferred to factories for forced labour",
            "press": "A newspaper was closed and its editor arrested",
        }
    )
    ranked = corpus.similar("factories use forced labour of transferred Uyghur workers")
    assert ranked[0][0] == "labour" and ranked[0][1] > 0.5 and all(k != "press" for k, _ in ranked)
