"""The health visitor's kit's ready text messages: one for each age band and two for the
planner, each with its link and short enough for one SMS (markers.py shows them, with Copy, and
refuses one that is too long). A plain module: the model (site_model.py) gives the addresses.
"""

from __future__ import annotations

import site_model

MAX_TEXT_MESSAGE = 160  # one SMS: a health visitor's ready message with its link fits in one


def text_message(label: str, url: str) -> str:
    """The ready text message for an age band, with its short link."""
    return f"Early Years Pathway: what most children do at {label}, and play ideas to try: {url}"


# The kit's messages that are not for one age band: (row heading, the page, the message before its link).
KIT_MESSAGES = [
    ("Any age: the planner", site_model.PLANNER_PAGE,
     "Early Years Pathway: put in your child's date of birth to see what most children do at their age: "),
    ("Babies born early", site_model.PLANNER_PAGE,
     "Early Years Pathway, baby born early? Type the weeks they were born at for their corrected age: "),
]
