"""Text to `Expr`: a Pratt parser for the XPath 1.0 subset XLSForms use.

Every input either parses or raises ExpressionError, never anything else:
overlong text is refused before reading ('too_long'), and nesting beyond
MAX_DEPTH is refused before Python's own recursion limit could be reached
('too_deep'). Function names and argument counts are checked here, against
the whitelist, so that a typo is a load error and not a silent blank.
"""

import difflib
from functools import lru_cache

from desktop_app.core.forms.expressions.errors import (
    ARITY,
    SYNTAX,
    TOO_DEEP,
    TOO_LONG,
    UNKNOWN_FUNCTION,
    ExpressionError,
    at,
)
from desktop_app.core.forms.expressions.expression import Expr, build
from desktop_app.core.forms.expressions.function_table import FUNCTIONS
from desktop_app.core.forms.expressions.lexer import (
    END,
    NAME,
    NUMBER,
    REF,
    STRING,
    SYMBOL,
    Token,
    tokenize,
)
from desktop_app.core.forms.expressions.nodes import (
    LEVELS,
    UNARY_LEVEL,
    Call,
    Chain,
    Filtered,
    LastSaved,
    Literal,
    Negate,
    Node,
    Number,
    Path,
    Ref,
    Step,
)

__all__ = ["MAX_DEPTH", "MAX_LENGTH", "Expr", "parse", "parse_tree"]

MAX_LENGTH = 10_000
MAX_DEPTH = 100
_WORD_OPERATORS = ("and", "or", "div", "mod")
_STEP_STARTS = (".", "..", "@", "*")


def parse(text: str) -> Expr:
    """Parse and compile an expression once, for evaluating many times.

    Real forms repeat expressions (one skip rule on fifty questions), and an
    Expr is immutable, so identical texts share one parsed Expr.
    """
    if not isinstance(text, str):
        raise ExpressionError(SYNTAX, f"an expression must be text, not {type(text).__name__}", None)
    return _parse_cached(text)


@lru_cache(maxsize=4096)
def _parse_cached(text: str) -> Expr:
    return build(text, parse_tree(text))


def parse_tree(text: str) -> Node:
    """Just the syntax tree of `text`, checked but not compiled."""
    if not isinstance(text, str):
        raise ExpressionError(SYNTAX, f"an expression must be text, not {type(text).__name__}", None)
    if len(text) > MAX_LENGTH:
        raise ExpressionError(TOO_LONG, f"the expression is {len(text)} characters long; the limit is {MAX_LENGTH}", None)
    if not text.strip():
        raise ExpressionError(SYNTAX, "the expression is empty", 0)
    reader = _Parser(tokenize(text))
    tree = reader.expression(0, 0)
    if reader.peek.kind != END:
        raise _unexpected(reader.peek)
    return tree


def _unexpected(token: Token, expected: str = "") -> ExpressionError:
    wanted = f": expected {expected}" if expected else ""
    if token.kind == END:
        return ExpressionError(SYNTAX, f"the expression ends too soon {at(token.offset)}{wanted}", token.offset)
    return ExpressionError(SYNTAX, f"unexpected {token.describe()} {at(token.offset)}{wanted}", token.offset)


def _is(token: Token, symbol: str) -> bool:
    return token.kind == SYMBOL and token.text == symbol


class _Parser:
    def __init__(self, tokens: list[Token]):
        self.tokens = tokens
        self.index = 0

    @property
    def peek(self) -> Token:
        return self.tokens[self.index]

    def after_peek(self) -> Token:
        return self.tokens[min(self.index + 1, len(self.tokens) - 1)]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        if token.kind != END:
            self.index += 1
        return token

    def expect(self, symbol: str, expected: str) -> Token:
        if not _is(self.peek, symbol):
            raise _unexpected(self.peek, expected)
        return self.advance()

    def expression(self, min_level: int, depth: int) -> Node:
        """Operators binding tighter than `min_level`, folded left into flat chains."""
        if depth > MAX_DEPTH:
            offset = self.peek.offset
            raise ExpressionError(TOO_DEEP, f"the expression is nested too deeply {at(offset)} (more than {MAX_DEPTH} levels)", offset)
        left = self.unary(depth)
        operators: list[str] = []
        operands: list[Node] = [left]
        while True:
            operator = self.infix_operator()
            if operator is None or LEVELS[operator] <= min_level:
                return _chain(operators, operands)
            self.advance()
            right = self.expression(LEVELS[operator], depth + 1)
            if operators and LEVELS[operators[0]] != LEVELS[operator]:
                operands = [_chain(operators, operands)]  # a looser operator: what came before is its left side
                operators = []
            if not operators and isinstance(operands[0], Chain) and LEVELS[operands[0].operators[0]] == LEVELS[operator]:
                grouped = operands[0]  # '(a + b) + c' folds left exactly like 'a + b + c'
                operators, operands = list(grouped.operators), list(grouped.operands)
            operators.append(operator)
            operands.append(right)

    def infix_operator(self) -> str | None:
        """The operator at this place, if any: after an operand, 'and', 'div' and '*' are operators."""
        token = self.peek
        if token.kind == SYMBOL and token.text in LEVELS:
            return token.text
        if token.kind == NAME and token.text in _WORD_OPERATORS:
            return token.text
        return None

    def unary(self, depth: int) -> Node:
        if _is(self.peek, "-"):
            offset = self.advance().offset
            return Negate(self.expression(UNARY_LEVEL, depth + 1), offset)
        return self.path_expression(depth)

    def path_expression(self, depth: int) -> Node:
        token = self.peek
        if _is(token, "/"):
            self.advance()
            steps = self.steps(depth) if self.starts_step() else ()
            return Path(True, steps, token.offset)
        if self.starts_step():
            return Path(False, self.steps(depth), token.offset)
        primary = self.primary(depth)
        predicates = self.predicates(depth)
        steps = ()
        if _is(self.peek, "/"):
            self.advance()
            steps = self.steps(depth)
        if predicates or steps:
            return Filtered(primary, predicates, steps, token.offset)
        return primary

    def starts_step(self) -> bool:
        token = self.peek
        if token.kind == NAME:
            return not _is(self.after_peek(), "(")
        return token.kind == SYMBOL and token.text in _STEP_STARTS

    def steps(self, depth: int) -> tuple[Step, ...]:
        steps = [self.step(depth)]
        while _is(self.peek, "/"):
            self.advance()
            steps.append(self.step(depth))
        return tuple(steps)

    def step(self, depth: int) -> Step:
        token = self.advance()
        if token.kind == SYMBOL and token.text in (".", ".."):
            return Step(token.text)
        if _is(token, "@"):
            name = self.advance()
            if name.kind != NAME:
                raise _unexpected(name, "an attribute name after '@'")
            step_name = "@" + name.text
        elif token.kind == NAME or _is(token, "*"):
            if _is(self.peek, "("):
                raise ExpressionError(SYNTAX, f"'{token.text}()' {at(token.offset)} cannot be used in a path", token.offset)
            step_name = token.text
        else:
            raise _unexpected(token, "a name in the path")
        return Step(step_name, self.predicates(depth))

    def predicates(self, depth: int) -> tuple[Node, ...]:
        found = []
        while _is(self.peek, "["):
            self.advance()
            found.append(self.expression(0, depth + 1))
            self.expect("]", "']'")
        return tuple(found)

    def primary(self, depth: int) -> Node:
        token = self.advance()
        if token.kind == NUMBER:
            return Number(float(token.text), token.offset)
        if token.kind == STRING:
            return Literal(token.text[1:-1], token.offset)
        if token.kind == REF:
            inner = token.text[2:-1]
            if inner.startswith("last-saved#"):
                return LastSaved(inner[len("last-saved#") :], token.offset)
            return Ref(inner, token.offset)
        if _is(token, "("):
            inner = self.expression(0, depth + 1)
            self.expect(")", f"')' to close the '(' {at(token.offset)}")
            return inner
        if token.kind == NAME and _is(self.peek, "("):
            return self.call(token, depth)
        raise _unexpected(token)

    def call(self, name: Token, depth: int) -> Call:
        spec = FUNCTIONS.get(name.text)
        if spec is None:
            raise _unknown_function(name)
        self.advance()  # '('
        args = []
        if not _is(self.peek, ")"):
            args.append(self.expression(0, depth + 1))
            while _is(self.peek, ","):
                self.advance()
                args.append(self.expression(0, depth + 1))
        self.expect(")", f"',' or ')' to end the arguments of {name.text}()")
        if not spec.min_args <= len(args) <= spec.max_args:
            message = f"{name.text}() takes {spec.arity_text()} but was given {len(args)} {at(name.offset)}"
            raise ExpressionError(ARITY, message, name.offset)
        return Call(name.text, tuple(args), name.offset)


def _unknown_function(name: Token) -> ExpressionError:
    close = difflib.get_close_matches(name.text, FUNCTIONS, n=1, cutoff=0.75)
    hint = f" (did you mean '{close[0]}()'?)" if close else ""
    return ExpressionError(UNKNOWN_FUNCTION, f"unknown function '{name.text}()' {at(name.offset)}{hint}", name.offset)


def _chain(operators: list[str], operands: list[Node]) -> Node:
    """One flat chain of a single precedence level, or the lone operand when there is no operator."""
    if not operators:
        return operands[0]
    return Chain(tuple(operators), tuple(operands), operands[0].offset)
