"""Easy Read words: the sentence rule, and the Easy Read ideas made from the site's data
(not a hook: easy_read.py, milestones.py, care_signs.py and markers.py use it).

An Easy Read age page says the same as its main age page because both are made from the same
data: each CDC item in docs/.data/milestones.yml and each sign in docs/.data/signs.yml keeps its
Easy Read words beside it (`easy:`, with `picture:` and `picture_alt:`), and the markers
<!-- app/easy-milestones band=... --> and <!-- app/easy-signs band=... level=... --> write them as
Easy Read ideas: "- ![A baby](picture:baby) By about 6 months, your baby rolls ...".
"""

from __future__ import annotations

import re

import picture_names

MAX_WORDS = 15  # words in an Easy Read sentence, at most
FIELDS = ("easy", "picture", "picture_alt")

IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")
# Born early: the same rule as the main cards' "counted from their due date if they were born early".
CORRECTED = "If they were born early, count from their due date."


def sentences(text: str) -> list[str]:
    """The sentences of one idea or paragraph, as a reader sees them (no Markdown)."""
    plain = LINK.sub(r"\1", IMAGE.sub("", text)).replace("**", "").replace("_", " ")
    return [s.strip() for s in SENTENCE_END.split(" ".join(plain.split())) if s.strip()]


def word_count(sentence: str) -> int:
    return len(WORD.findall(sentence))


def long_sentences(text: str) -> list[tuple[str, int]]:
    """(sentence, words) for each sentence over MAX_WORDS."""
    return [(s, word_count(s)) for s in sentences(text) if word_count(s) > MAX_WORDS]


def who(band_end: int) -> str:
    """'your baby' for the first year's bands, 'your child' after, as the main cards say."""
    return "your baby" if band_end <= 12 else "your child"


def fields_problem(entry: dict) -> str | None:
    """What is wrong with an entry's Easy Read fields, or None. The message is for the editor."""
    missing = [key for key in FIELDS if not isinstance(entry.get(key), str) or not entry[key].strip()]
    if missing:
        return (f"it has no '{missing[0]}'. Each needs its Easy Read words beside it: easy (what follows "
                "\"your baby\" or \"your child\", such as \"rolls from their tummy onto their back\"), "
                "picture (an OpenMoji name, such as baby) and picture_alt (what the picture shows, such as A baby)")
    easy = entry["easy"].strip()
    if easy[0].isupper():
        return (f"'easy' is \"{easy}\". Start it with a small letter: it follows \"your baby\" or \"your child\", "
                "such as \"rolls from their tummy onto their back\"")
    if re.search(r"[\[\]()<>*_`]", easy):
        return f"'easy' is \"{easy}\". Write plain words only, with no links or marks"
    return None



def entry_problem(entry: dict, shown: str) -> str | None:
    """What is wrong with an entry's Easy Read words or picture, or None: its fields
    (fields_problem, followed by `shown`, where the words appear) and its picture's name."""
    problem = fields_problem(entry)
    if problem:
        return f"{problem}. {shown}"
    try:
        picture_names.picture_file(entry["picture"])
    except picture_names.PictureError as error:
        return str(error)
    return None

def idea(picture: str, alt: str, sentence: str) -> str:
    """One Easy Read idea, as a list item that starts with its picture."""
    alt = " ".join(alt.split()).replace("[", "(").replace("]", ")")
    return f"- ![{alt}](picture:{picture.strip()}) {sentence}"


def full_stop(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!")) else text + "."


def milestone_sentence(age: str, band_end: int, item: dict) -> str:
    """'By about 18 months, your child walks on their own.'"""
    return full_stop(f"By about {age}, {who(band_end)} {item['easy'].strip()}")


def milestone_ideas(checklists: list[dict], band_end: int) -> str:
    return "\n".join(idea(item["picture"], item["picture_alt"], milestone_sentence(check["age"], band_end, item))
                     for check in checklists for item in check["items"])


def sign_sentence(sign, band_end: int) -> str:
    """'Your baby is not sitting on their own by 8 months. If they were born early, ...'"""
    text = full_stop(f"{who(band_end).capitalize()} {sign.easy}")
    return text + (" " + CORRECTED if sign.corrected else "")


def sign_ideas(signs, band_end: int) -> str:
    return "\n".join(idea(s.picture, s.picture_alt, sign_sentence(s, band_end)) for s in signs)
