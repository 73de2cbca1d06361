"""Block types from content, once the text is known: bylines say who wrote or photographed the story.

Layout types blocks from type size and position only.  A one- or two-line block of body-size type that
names reporters (本报记者 ..., 通讯员 ..., 特约记者 ...) is a byline; a block typed byline whose text
names nobody is a subhead.  Runs after recognition; only the ``type`` of blocks changes.
"""
from __future__ import annotations

import re

from . import __version__
from .model import BlockType, Page, ProcessingStep

# a byline starts by naming a role; "本报讯（记者 ...）" opens a body paragraph and is not one
BYLINE_START = re.compile(r"^(本报(特约)?记者|本报通讯员|特约记者|见习记者|记者|通讯员|特约撰稿人|文/|图/|文／|图／)")
BYLINE_WORDS = re.compile(r"记者|通讯员|撰稿|摄影?|编辑|文/|图/|文／|图／|报道")
MAX_BYLINE_CHARS = 40


def _text(block) -> str:
    return "".join(line.text for line in block.lines).replace(" ", "")


def run(page: Page) -> Page:
    changed: list[str] = []
    for block in page.blocks:
        if block.vertical or not block.lines:
            continue
        text = _text(block)
        if (block.type in (BlockType.BODY, BlockType.SUBHEAD) and len(block.lines) <= 2
                and len(text) <= MAX_BYLINE_CHARS and BYLINE_START.match(text)):
            changed.append(f"{block.id}:{block.type.value}->byline")
            block.type = BlockType.BYLINE
            block.trace.append("byline (retype): its text starts like a byline (本报记者, 通讯员 ...)")
        elif block.type is BlockType.BYLINE and text and not BYLINE_WORDS.search(text):
            changed.append(f"{block.id}:byline->subhead")
            block.type = BlockType.SUBHEAD
            block.trace.append("subhead (retype): typed byline but its text names no reporter")
    page.steps.append(ProcessingStep("retype", "digitize", __version__,
                                     {"rule": "bylines name reporters", "changed": ", ".join(changed) or "none"},
                                     category="postOperation"))
    return page
