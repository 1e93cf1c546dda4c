"""How lists are ordered for a reader: ids as the document numbers them ("2025.6" before
"2025.12", "8.d" before "8.đ"), names in Vietnamese alphabetical order ("Các …" before "Chi …",
"Tài …" before "Tư …"). One key each, for every list qnctr prints."""

from __future__ import annotations

import re
import unicodedata

# The Vietnamese alphabet, each letter with the marks that make it a letter of its own.
_LETTERS = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "ô",
            "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"]
_RANK = {letter: i for i, letter in enumerate(_LETTERS)}
# Tone marks order words that are the same letters: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = ("\u0306", "\u0302", "\u031b")  # breve (ă), circumflex (â ê ô), horn (ơ ư)


def name_key(name: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """A name's place in Vietnamese alphabetical order: letters first (ignoring case and tone),
    then tones, then the text itself so that the order is total."""
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", name).casefold():
        parts = unicodedata.normalize("NFD", char)
        base = parts[0]
        marks = parts[1:]
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _LETTER_MARKS))
        tone = next((m for m in marks if m in _TONES), "")
        if letter in _RANK:  # after digits, spaces and signs, which keep their code order
            letters.append(0x80 + _RANK[letter])
        else:  # anything else (other scripts) after the alphabet, by code point
            letters.append(ord(base) if ord(base) < 0x80 else 0x100 + ord(base))
        tones.append(_TONES[tone])
    return tuple(letters), tuple(tones), name


_SEGMENTS = re.compile(r"[0-9]+|[^0-9.]+", re.ASCII)


def id_key(item_id: str) -> tuple[tuple[int, int, tuple[tuple[int, ...], tuple[int, ...], str]], ...]:
    """An id's place among its siblings: its parts in turn, numbers by value, then roman
    numerals by value (group V after groups 1-8; IX before X), then letters in Vietnamese
    alphabetical order."""
    key = []
    for part in _SEGMENTS.findall(item_id):
        if part.isascii() and part.isdigit():
            key.append((0, int(part), name_key("")))
        elif (roman := roman_value(part)) is not None:  # I, II, …, IX, X: after the numbers, by value
            key.append((1, roman, name_key("")))
        else:
            key.append((2, 0, name_key(part)))
    return tuple(key)


_ROMAN = {"I": 1, "V": 5, "X": 10}
_ROMAN_FORM = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")


def roman_value(part: str) -> int | None:
    """The value of a roman numeral up to XXXIX (the sections of a document), or None. Capitals
    other than I, V, X (A, B, C, D) are letters: "C" is a section's letter, not 100."""
    if not part or not _ROMAN_FORM.fullmatch(part):
        return None
    total = 0
    for i, char in enumerate(part):
        value = _ROMAN[char]
        total += -value if i + 1 < len(part) and _ROMAN[part[i + 1]] > value else value
    return total
