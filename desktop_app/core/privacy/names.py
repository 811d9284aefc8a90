"""Which words of a response's identifier fields to look for in its own free text.

Names cannot be found by pattern (REFERENCE.md), but a response often says
them twice: once in a contact or identifier field ("What name should we ask
for?") and again in a free-text answer. Those values are scrubbed from the
same response's free text.

A short value (a name, a phone number, an email, an organisation) is taken
whole, and the scrubber also looks for each of its parts. A long one, such as
contact notes ("Ask for Priya, never leave a voicemail"), would redact half the
dictionary that way, so only the words in it that look like names are taken:
capitalised or holding a digit or "@", and not common sentence words.
"""

SHORT_WORDS = 4

_EDGE = "\"'\u2018\u2019\u201c\u201d.,;:!?()[]{}<>"

# Capitalised at the start of a sentence in contact notes, rarely a name.
COMMON_WORDS = frozenset(["a", "about", "after", "afternoon", "afternoons", "all", "also", "always", "an", "and", "any", "anything", "anytime", "are", "as", "ask", "at", "be", "because", "before", "best", "better", "but", "by", "call", "calls", "can", "cannot", "can't", "could", "do", "don't", "email", "emails", "evening", "evenings", "ever", "every", "for", "from", "friday", "fridays", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "i'm", "in", "is", "it", "it's", "just", "leave", "let", "me", "message", "messages", "monday", "mondays", "morning", "mornings", "my", "never", "no", "not", "now", "number", "of", "on", "only", "or", "our", "phone", "please", "ring", "saturday", "saturdays", "say", "she", "should", "so", "some", "someone", "sometimes", "sunday", "sundays", "tell", "text", "texts", "than", "thank", "thanks", "that", "the", "their", "them", "then", "there", "they", "this", "thursday", "thursdays", "to", "tuesday", "tuesdays", "until", "use", "voicemail", "want", "we", "wednesday", "wednesdays", "weekday", "weekdays", "weekend", "weekends", "what", "when", "where", "which", "who", "why", "will", "with", "withheld", "work", "would", "yes", "you", "your"])


def names_from(value: object) -> list[str]:
    """The strings to scrub from the response's free text, given one identifier field's value."""
    if not isinstance(value, str):
        return []
    text = value.strip()
    if not text:
        return []
    words = text.split()
    if len(words) <= SHORT_WORDS:
        return [text]
    # Not the whole text: the scrubber would look for each of its words. Capitalised words,
    # or ones holding a digit or "@" ("6pm", "sam@example.org"), that are not sentence words.
    stripped = (word.strip(_EDGE) for word in words)
    return [word for word in stripped
            if len(word) > 2 and (word[0].isupper() or not word.isalpha() and _digit_or_at(word))
            and word.lower() not in COMMON_WORDS]


def _digit_or_at(word: str) -> bool:
    return "@" in word or any(map(str.isdigit, word))
