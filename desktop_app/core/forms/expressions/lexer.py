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

_NCNAME = r"[^\W\d][\w.\-]*"  # a letter or '_' first; then letters, digits, '_', '.', '-'
_REF_NAME = re.compile(rf"(last-saved#)?({_NCNAME})")
# One pattern for all well-formed tokens; longest symbols first ('!=' before '=', '..' before '.').
_TOKEN = re.compile(
    rf"""(?P<space>\s+)
    |(?P<{STRING}>'[^']*'|"[^"]*")
    |(?P<{REF}>\$\{{[^}}]*\}})
    |(?P<{NUMBER}>\d+(?:\.\d*)?|\.\d+)
    |(?P<{NAME}>{_NCNAME}(?::{_NCNAME})?)
    |(?P<{SYMBOL}>!=|<=|>=|\.\.|[()\[\],/|+\-*=<>.@])""",
    re.VERBOSE,
)
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
    match_at = _TOKEN.match
    while position < length:
        match = match_at(text, position)
        if match is None:
            raise _stray(text, position)
        kind = match.lastgroup
        end = match.end()
        if kind != "space":
            token_text = match.group()
            if kind == REF and not _REF_NAME.fullmatch(token_text[2:-1]):
                raise ExpressionError(SYNTAX, f"'{token_text}' {at(position)} is not a valid question name", position)
            if kind == SYMBOL and token_text == "/" and text.startswith("/", end):
                raise ExpressionError(SYNTAX, f"'//' {at(position)} is not supported in ODK expressions", position)
            tokens.append(Token(kind, token_text, position))
        position = end
    tokens.append(Token(END, "", length))
    return tokens


def _stray(text: str, position: int) -> ExpressionError:
    """Why no token starts here, as a sentence."""
    char = text[position]
    if char in "'\"":
        return ExpressionError(SYNTAX, f"the text starting {at(position)} has no closing {char}", position)
    if text.startswith("${", position):
        return ExpressionError(SYNTAX, f"'${{' {at(position)} is not closed with '}}'", position)
    if text.startswith("::", position):
        return ExpressionError(SYNTAX, f"'::' {at(position)}: XPath axes are not supported", position)
    if char in _CURLY_QUOTES:
        return ExpressionError(SYNTAX, f"curly quote {char} {at(position)}: use straight quotes ' or \"", position)
    shown = char if char.isprintable() else repr(char)
    return ExpressionError(SYNTAX, f"unexpected character '{shown}' {at(position)}", position)
