"""Text made comparable before any matching: Unicode NFKC, no zero-width characters, and
letters of other scripts that look like Latin ones (a Cyrillic `о` in `Sectiоn`) folded
into Latin where the text is written in the Latin alphabet. Pure Python.
"""

import re
import unicodedata

# Cyrillic and Greek letters that print like Latin ones.
LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁԛԝАВЕКМНОРСТХІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικνρτυχ",
    "aeopcyxijsdqwABEKMHOPCTXIJSABEZHIKMNOPTYXoikvptux",
)
_LOOKALIKE = re.compile(
    "[аеорсухіјѕԁԛԝАВЕКМНОРСТХІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικνρτυχ]"
)  # the letters LOOKALIKES folds: a fast test before the slower translation
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_LATIN = re.compile(r"[A-Za-z]")
_LETTER = re.compile(r"[^\W\d_]")


def text_normalised(text: str) -> str:
    """`Sectiоn\u00a0One\u200b` → `Section One`. Text mostly in another script is left be."""
    if text.isascii():
        return text  # nothing to fold: most cells of most documents
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    if not _LOOKALIKE.search(text):
        return text
    folded = text.translate(LOOKALIKES)
    letters = len(_LETTER.findall(text))
    latin = len(_LATIN.findall(text))
    return folded if letters and latin * 2 >= letters else text


def has_lookalikes(text: str) -> bool:
    """Whether normalising changed letters, not only spaces or invisible characters."""
    if text.isascii():
        return False
    cleaned = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    return text_normalised(text) != cleaned
