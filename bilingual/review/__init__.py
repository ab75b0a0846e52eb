"""Review stage: ``bilingual review``, a local web app where an editor fixes beads.

A stage above the pipeline (like publish): :mod:`.session` keeps each document
aligned exactly as every output will carry it (the pipeline's ``align_pair``
with one :class:`~bilingual.pipeline.Settings`), :mod:`.edits` turns an edit
into pins (pure), :mod:`.views` shapes the JSON API and the page rows,
:mod:`.app` serves them (Starlette; templates and static files beside it).
The only files written are ``CORPUS/pins/NAME.pins``, atomically.
"""
