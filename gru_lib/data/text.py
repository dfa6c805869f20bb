"""Text as sequences of characters: the Python reference documentation every Python ships.

``pydoc_data.topics`` holds the text ``help()`` shows for Python's keywords and topics, about
465,000 characters, so a language model can be trained without downloading anything.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from gru_lib import checks
from gru_lib.data.task import TaskData

__all__ = [
    "CharVocabulary",
    "chronological_split",
    "next_character_task",
    "python_docs_text",
    "word_end_task",
]


def python_docs_text() -> str:
    """The Python reference topics of ``pydoc_data.topics``, joined in sorted key order.

    Sorting the keys makes the text the same on every run and every machine with the same Python.

    >>> text = python_docs_text()
    >>> len(text) > 100_000, text == python_docs_text()
    (True, True)
    """
    from pydoc_data.topics import topics

    return "\n".join(topics[key] for key in sorted(topics))


@dataclass(frozen=True)
class CharVocabulary:
    """The characters of a text, in sorted order; a character's index is its integer code.

    >>> vocabulary = CharVocabulary.from_text("abba!")
    >>> vocabulary.characters, vocabulary.size, vocabulary.encode("ab!").tolist()
    ('!ab', 3, [1, 2, 0])
    >>> vocabulary.decode([2, 1])
    'ba'
    """

    characters: str

    def __post_init__(self) -> None:
        characters = _text(self.characters, "characters")
        if len(set(characters)) != len(characters):
            raise checks.invalid("characters", f"Expected distinct characters, got {characters!r}.")

    @classmethod
    def from_text(cls, text: str) -> CharVocabulary:
        """The vocabulary of every distinct character in ``text`` (a non-empty string)."""
        text = _text(text, "text")
        return cls("".join(sorted(set(text))))

    @property
    def size(self) -> int:
        return len(self.characters)

    def encode(self, text: str) -> np.ndarray:
        """Integer codes of ``text``'s characters, shape ``(len(text),)``, int32."""
        text = _text(text, "text")
        index = {character: code for code, character in enumerate(self.characters)}
        unknown = sorted(set(text) - set(index))
        if unknown:
            raise checks.invalid(
                "text", f"It holds characters outside the vocabulary: {''.join(unknown)[:20]!r}."
            )
        return np.fromiter((index[c] for c in text), dtype=np.int32, count=len(text))

    def decode(self, codes: np.ndarray | list[int]) -> str:
        """The string of the integer ``codes`` (any 1-D sequence of ints in ``[0, size)``)."""
        codes = np.asarray(codes)
        if codes.ndim != 1 or (codes.size and (codes.min() < 0 or codes.max() >= self.size)):
            raise checks.invalid(
                "codes",
                "Expected a 1-D sequence of "
                f"integers in [0, {self.size}), got an array of shape {codes.shape}.",
            )
        return "".join(self.characters[int(code)] for code in codes)

    def one_hot(self, codes: np.ndarray) -> np.ndarray:
        """One-hot float32 vectors for integer ``codes`` of any shape: shape ``(*codes, size)``."""
        return np.eye(self.size, dtype=np.float32)[np.asarray(codes)]


def chronological_split(
    text: str, *, val_fraction: float = 0.1, test_fraction: float = 0.1
) -> tuple[str, str, str]:
    """Cut ``text`` into train, validation and test parts in reading order, without overlap.

    >>> chronological_split("abcdefghij", val_fraction=0.2, test_fraction=0.2)
    ('abcdef', 'gh', 'ij')
    """
    text = _text(text, "text")
    n = len(text)
    n_test = int(round(n * _fraction(test_fraction, "test_fraction")))
    n_val = int(round(n * _fraction(val_fraction, "val_fraction")))
    n_train = n - n_val - n_test
    if min(n_train, n_val, n_test) < 2:
        raise checks.invalid(
            "text",
            f"{n} characters leave fewer than 2 in "
            f"some part of the split {n_train}/{n_val}/{n_test}.",
        )
    return text[:n_train], text[n_train : n_train + n_val], text[n_train + n_val :]


def next_character_task(
    text: str,
    vocabulary: CharVocabulary,
    *,
    window: int = 64,
    val_fraction: float = 0.1,
    test_fraction: float = 0.1,
    name: str = "python docs",
) -> TaskData:
    """Next-character prediction on ``text``, split chronologically into train, validation, test.

    Each part is cut into non-overlapping windows of ``window`` characters: ``x`` holds them
    one-hot, shape ``(samples, window, vocabulary.size)``, float32, and ``y`` the character that
    follows each one, shape ``(samples, window)``, int32, so ``y[i, t]`` is the character after
    ``x[i, t]``. ``classes`` is the vocabulary's size. A part's last partial window is dropped.

    >>> vocabulary = CharVocabulary.from_text("abcd")
    >>> task = next_character_task("abcd" * 25, vocabulary, window=4)
    >>> task.x_train.shape, task.y_train[0].tolist(), task.classes
    ((19, 4, 4), [1, 2, 3, 0], 4)
    """
    if not isinstance(vocabulary, CharVocabulary):
        raise checks.invalid(
            "vocabulary", f"Expected a CharVocabulary, got {type(vocabulary).__name__}."
        )
    window = checks.integer(window, "window")
    parts = chronological_split(text, val_fraction=val_fraction, test_fraction=test_fraction)
    arrays = [_next_character_windows(vocabulary, part, window) for part in parts]
    (x_train, y_train), (x_val, y_val), (x_test, y_test) = arrays
    return TaskData(
        name=name,
        x_train=x_train,
        y_train=y_train,
        x_val=x_val,
        y_val=y_val,
        x_test=x_test,
        y_test=y_test,
        classes=vocabulary.size,
    )


def word_end_task(
    text: str,
    vocabulary: CharVocabulary,
    *,
    window: int = 32,
    val_fraction: float = 0.1,
    test_fraction: float = 0.1,
) -> TaskData:
    """Tag every character: 1 if it is the last letter or digit of a word, else 0.

    Whether a character ends a word depends on the character *after* it, which a left-to-right
    reader has not seen yet: a task where the future helps. ``x`` is one-hot, shape
    ``(samples, window, vocabulary.size)``; ``y`` holds the tags, shape ``(samples, window)``,
    int32; ``classes=2``. The text is split chronologically, then cut into non-overlapping
    windows; the tag of a window's last character looks at the next character in the text.

    >>> vocabulary = CharVocabulary.from_text("ab c.")
    >>> task = word_end_task("ab c." * 30, vocabulary, window=5)
    >>> task.y_train[0].tolist(), task.classes
    ([0, 1, 0, 1, 0], 2)
    """
    if not isinstance(vocabulary, CharVocabulary):
        raise checks.invalid(
            "vocabulary", f"Expected a CharVocabulary, got {type(vocabulary).__name__}."
        )
    window = checks.integer(window, "window")
    parts = chronological_split(text, val_fraction=val_fraction, test_fraction=test_fraction)
    arrays = []
    for part in parts:
        x, _ = _next_character_windows(vocabulary, part, window)
        word = np.array([c.isalnum() for c in part], dtype=bool)
        ends = (word[:-1] & ~word[1:]).astype(np.int32)  # (len(part) - 1,)
        arrays.append((x, ends[: len(x) * window].reshape(len(x), window)))
    (x_train, y_train), (x_val, y_val), (x_test, y_test) = arrays
    return TaskData(
        name="word ends",
        x_train=x_train,
        y_train=y_train,
        x_val=x_val,
        y_val=y_val,
        x_test=x_test,
        y_test=y_test,
        classes=2,
    )


def _next_character_windows(
    vocabulary: CharVocabulary, text: str, window: int
) -> tuple[np.ndarray, np.ndarray]:
    codes = vocabulary.encode(text)
    samples = (len(codes) - 1) // window
    if samples < 1:
        raise checks.invalid(
            "window",
            f"A part of {len(codes)} characters "
            f"holds no window of {window} characters and its next one, got window={window}.",
        )
    inputs = codes[: samples * window].reshape(samples, window)
    targets = codes[1 : samples * window + 1].reshape(samples, window)
    return vocabulary.one_hot(inputs), targets


def _text(value: object, name: str) -> str:
    return checks.text(value, name)


def _fraction(value: object, name: str) -> float:
    fraction = checks.positive_number(value, name)
    if fraction >= 0.5:
        raise checks.invalid(f"{name}", f"Expected a fraction in (0, 0.5), got {name}={value!r}.")
    return fraction
