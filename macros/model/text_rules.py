"""What text may hold: no character a reader cannot see, and no name that only looks like another.

A right-to-left override turns "\u202eanihC" into "China" on screen; a zero-width space or a Cyrillic 'А'
makes a second "Afghanistan" that looks like the first in every table and download. Every text field
refuses bidirectional controls and invisible characters; names and aliases also refuse look-alikes
(compatibility forms, words mixing scripts). Names in one other script stay possible: Dari and Pashto
in Arabic script (with the zero-width non-joiner their spelling uses), Russian in Cyrillic.
"""
from __future__ import annotations

import unicodedata

# Reorder the text around them: never needed, since the site isolates text of another direction itself.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Direction marks (LRM, RLM, ALM): invisible; tolerated in running text copied from a source, not in names.
DIRECTION_MARKS = frozenset("\u200e\u200f\u061c")
JOINERS = frozenset("\u200c\u200d")  # zero-width non-joiner and joiner: part of Persian and Indic spelling
# Invisible characters that are not format characters (category Cf) by Unicode's categories.
_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u2028\u2029\u3164\uffa0")
# Scripts whose words join letters, where ZWNJ and ZWJ change how a word is written.
_JOINING_SCRIPTS = frozenset({"ARABIC", "SYRIAC", "NKO", "MONGOLIAN", "DEVANAGARI", "BENGALI", "GURMUKHI",
                              "GUJARATI", "ORIYA", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA"})
# Scripts written together in one word by their languages (Japanese, Korean, Chinese with phonetic marks).
_SCRIPT_FAMILIES = (frozenset({"CJK", "HIRAGANA", "KATAKANA"}), frozenset({"CJK", "HANGUL"}),
                    frozenset({"CJK", "BOPOMOFO"}))
# Letters named for what they are, not for a script ('MODIFIER LETTER APOSTROPHE'): no script of their own.
_NO_SCRIPT = frozenset({"MODIFIER", "SMALL", "FULLWIDTH", "HALFWIDTH", "MATHEMATICAL", "KATAKANA-HIRAGANA"})


def describe_character(character: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE': a character as a message names it."""
    return f"U+{ord(character):04X} {unicodedata.name(character, 'unnamed character')}"


def script_of(character: str) -> str | None:
    """The script of a letter, from its Unicode name ('CYRILLIC', 'ARABIC', 'CJK'); None for other characters."""
    if not unicodedata.category(character).startswith("L"):
        return None
    word = unicodedata.name(character, "").split(" ", 1)[0]
    return None if not word or word in _NO_SCRIPT else word


def _is_joiner_in_word(text: str, index: int) -> bool:
    """Whether the ZWNJ or ZWJ at index sits between two letters of a script whose spelling uses it."""
    if index == 0 or index + 1 >= len(text):
        return False
    before, after = script_of(text[index - 1]), script_of(text[index + 1])
    return before is not None and before == after and before in _JOINING_SCRIPTS


def is_hidden(text: str, index: int, *, in_name: bool = False) -> bool:
    """Whether the character at index cannot be seen (or reorders what can): refused in data text."""
    character = text[index]
    if character in JOINERS:
        return not _is_joiner_in_word(text, index)
    if character in DIRECTION_MARKS:
        return in_name
    if character in BIDI_CONTROLS or character in _INVISIBLE:
        return True
    category = unicodedata.category(character)
    # Format characters (zero-width space, soft hyphen, byte-order mark, tags …) and unassigned code points.
    # (Private-use characters show, as a box at least: they are left alone.)
    if category in ("Cf", "Cn", "Cs"):
        return True
    # Variation selectors change a glyph without showing: a second name that looks like the first.
    return in_name and category == "Mn" and unicodedata.name(character, "").startswith("VARIATION SELECTOR")


def find_hidden_character(text: str, *, in_name: bool = False) -> str | None:
    """The first character of text that a reader cannot see, or None."""
    # Most text is plain ASCII: nothing to look at character by character.
    if text.isascii() and text.isprintable():
        return None
    return next((text[index] for index in range(len(text)) if is_hidden(text, index, in_name=in_name)), None)


def hidden_character_message(text: str, *, in_name: bool = False) -> str | None:
    """The message for an invisible or reordering character in text, or None when there is none."""
    found = find_hidden_character(text, in_name=in_name)
    if found is None:
        return None
    what = "reorders the text around it" if found in BIDI_CONTROLS else "cannot be seen"
    return f"the text holds {describe_character(found)}, which {what}: remove it"


def look_alike_message(name: str) -> str | None:
    """Why a name could pass for another one (a compatibility form, a word mixing scripts), or None."""
    if name.isascii():
        return None
    normal = unicodedata.normalize("NFKC", name)
    if normal != name:
        differs = next((character for character in name if unicodedata.normalize("NFKC", character) != character
                        and character not in normal), None)
        shown = f"{describe_character(differs)}, a variant of '{unicodedata.normalize('NFKC', differs)}'" \
            if differs else "characters written in a decomposed or compatibility form"
        return f"the name holds {shown}: write the plain character"
    for word in _words_of(name):
        scripts = [script for script in map(script_of, word) if script is not None]
        found = set(scripts)
        if len(found) > 1 and not any(found <= family for family in _SCRIPT_FAMILIES):
            # The odd one out is the letter of the script the word uses least: the Cyrillic 'А' in 'Аfghanistan'.
            rare = min(sorted(found), key=scripts.count)
            odd = next(character for character in word if script_of(character) == rare)
            return (f"the word '{word}' mixes scripts ({', '.join(sorted(found)).title()}): "
                    f"{describe_character(odd)} among letters of another script looks like one of them")
    return None


def _words_of(text: str) -> list[str]:
    """Runs of letters and marks (with in-word joiners): where a look-alike letter would hide."""
    words, current = [], []
    for character in text:
        if unicodedata.category(character)[0] in "LM" or character in JOINERS:
            current.append(character)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def show_hidden(text: str) -> str:
    """Text with each control, invisible or reordering character replaced by U+FFFD, which readers can see."""
    if text.isascii() and text.isprintable():
        return text
    return "".join("\ufffd" if unicodedata.category(character) == "Cc" or is_hidden(text, index, in_name=True)
                   else character for index, character in enumerate(text))


def is_right_to_left(text: str) -> bool:
    """Whether text holds a letter of a right-to-left script (Arabic, Hebrew …), to be isolated when shown."""
    return not text.isascii() and any(unicodedata.bidirectional(character) in ("R", "AL") for character in text)
