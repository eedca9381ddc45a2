"""Text from job sites, made safe to print on a terminal.

Titles, texts and URLs come from pages anyone can write. Printed raw, an escape
sequence in a title can set the terminal's title, rewrite what was printed before it,
or, on some terminals, type into the shell. So every control character but the line
break and the tab is shown as a visible symbol instead (ESC as ␛, carriage return as
␍), and the Unicode marks that reorder text on screen as <U+202E>. JSON output
escapes such characters itself and is left as it is.
"""

from __future__ import annotations

import re
from typing import Any

_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def visible(text: Any) -> str:
    """`text` (anything, as str) with its control characters shown, not obeyed."""
    return _CONTROL.sub(_symbol, str(text))


def _symbol(match: re.Match[str]) -> str:
    code = ord(match[0])
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␀ ... ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"<U+{code:04X}>"
