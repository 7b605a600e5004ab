"""Reading a reply against the letter's questions: pure helpers, no models.

`assess.assess_reply(text, questions, addressee_kind)` is the entry point; `segment` splits a reply into
sentences with exact character spans, `structure` finds the reply's own numbering and cross-references,
`embeddings` wraps the offline sentence-embedding model, `labels` decides answered / partly / not_addressed,
`rubric` scores the due-diligence indicators and `language` detects the reply's language.
"""
