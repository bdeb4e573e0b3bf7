"""The conversation: the flow's steps, the question catalogue, texts and languages,
support workers' hand-over links, resume codes, partner organisations."""
