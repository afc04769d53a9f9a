"""The triage model offline: its labelled corpus, training, evaluation, and the shipped artefact (model/)."""
