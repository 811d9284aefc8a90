"""Splits expression text into tokens, each with the offset it starts at.

Follows the XPath 1.0 lexical rules that matter for XLSForms: names may hold
'-' and '.' (count-selected, jr:choice-name), strings take either quote and
have no escapes, and `${name}` is pyxform's reference to a question. Whether
`and`, `or`, `div`, `mod` and `*` are operators depends on position, so the
parser decides that, not the lexer.
"""

import re
from dataclasses import dataclass

from desktop_app.core.forms.expressions.errors import SYNTAX, ExpressionError, at

NUMBER = "number"
STRING = "string"
NAME = "name"
REF = "ref"
SYMBOL = "symbol"
END = "end"

# Longest first, so that '!=' wins over '!' and '..' over '.'.
_SYMBOLS = ("!=", "<=", ">=", "..", "(", ")", "[", "]", ",", "/", "|", "+", "-", "*", "=", "<", ">", ".", "@")
_NCNAME = r"[^\W\d][\w.\-]*"  # a letter or '_' first; then letters, digits, '_', '.', '-'
_NAME = re.compile(rf"{_NCNAME}(?::{_NCNAME})?")
_REF_NAME = re.compile(rf"(last-saved#)?({_NCNAME})")
_NUMBER = re.compile(r"\d+(?:\.\d*)?|\.\d+")
_CURLY_QUOTES = "\u2018\u2019\u201c\u201d"


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str
    offset: int

    def describe(self) -> str:
        """How a message names this token: quoted text, or 'the end'."""
        return "the end of the expression" if self.kind == END else f"'{self.text}'"


def tokenize(text: str) -> list[Token]:
    """Every token of `text`, then an END token; raises ExpressionError on a stray character."""
    tokens = []
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        if char.isspace():
            position += 1
            continue
        if char in "'\"":
            close = text.find(char, position + 1)
            if close < 0:
                raise ExpressionError(SYNTAX, f"the text starting {at(position)} has no closing {char}", position)
            tokens.append(Token(STRING, text[position : close + 1], position))
            position = close + 1
            continue
        if char == "$" and text.startswith("${", position):
            position = _ref(text, position, tokens)
            continue
        match = _NUMBER.match(text, position)
        if match:
            tokens.append(Token(NUMBER, match.group(), position))
            position = match.end()
            continue
        match = _NAME.match(text, position)
        if match:
            tokens.append(Token(NAME, match.group(), position))
            position = match.end()
            continue
        position = _symbol(text, position, tokens)
    tokens.append(Token(END, "", length))
    return tokens


def _ref(text: str, position: int, tokens: list[Token]) -> int:
    close = text.find("}", position + 2)
    if close < 0:
        raise ExpressionError(SYNTAX, f"'${{' {at(position)} is not closed with '}}'", position)
    inner = text[position + 2 : close]
    if not _REF_NAME.fullmatch(inner):
        shown = "${" + inner + "}"
        raise ExpressionError(SYNTAX, f"'{shown}' {at(position)} is not a valid question name", position)
    tokens.append(Token(REF, text[position : close + 1], position))
    return close + 1


def _symbol(text: str, position: int, tokens: list[Token]) -> int:
    if text.startswith("//", position):
        raise ExpressionError(SYNTAX, f"'//' {at(position)} is not supported in ODK expressions", position)
    if text.startswith("::", position):
        raise ExpressionError(SYNTAX, f"'::' {at(position)}: XPath axes are not supported", position)
    for symbol in _SYMBOLS:
        if text.startswith(symbol, position):
            tokens.append(Token(SYMBOL, symbol, position))
            return position + len(symbol)
    char = text[position]
    if char in _CURLY_QUOTES:
        raise ExpressionError(SYNTAX, f"curly quote {char} {at(position)}: use straight quotes ' or \"", position)
    shown = char if char.isprintable() else repr(char)
    raise ExpressionError(SYNTAX, f"unexpected character '{shown}' {at(position)}", position)
