"""One catalogue of errors. Each names the input and says what to do about it.

Codes are stable (users grep logs for them); messages are templates filled
with the input's name and details.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # code: (what happened, what to do)
    "E001": ("{input}: the text is empty", "give an article with some text in it"),
    "E002": (
        "{input}: this looks like binary data, not text ({detail})",
        "pass a UTF-8 text file, or extract the text from the document first",
    ),
    "E003": (
        "{input}: the bytes are not valid UTF-8 ({detail})",
        "find out which encoding the file is in (`file -i FILE` guesses) and re-encode it as UTF-8: "
        "`iconv -f ENCODING -t UTF-8 FILE > FILE.utf8`",
    ),
    "E004": (
        "{input}: the text is too large ({detail})",
        "split it into articles; the limit is set with --max-chars (of rawi extract, ingest or serve)",
    ),
    "E005": (
        "{input}: line is not valid JSON ({detail})",
        "each line of a .jsonl file must be one JSON object with at least `id` and `text`",
    ),
    "E006": (
        "{input}: the record lacks a usable field ({detail})",
        "each record needs a string `text` and an `id` (string or number)",
    ),
    "E007": (
        "{input}: the published date {detail!r} is not an ISO date",
        "use YYYY-MM-DD (or an ISO datetime), or leave it out",
    ),
    "E008": (
        "{input}: the language looks like {detail}, which is not supported yet",
        "rawi reads Arabic and English. Pass --lang ar or --lang en to force one of them",
    ),
    "E009": ("{input}: cannot read the file ({detail})", "check that the path exists and is readable"),
    "E011": ("{input}: {detail}", "pass a file path, `-` for standard input, or a .jsonl/.jsonl.gz corpus"),
    "E012": (
        "{input}: an earlier article in this input has the same id or URL ({detail})",
        "give each article its own id or URL; the first one was kept",
    ),
    "E013": (
        "{input}: contains a lone UTF-16 surrogate ({detail})",
        "re-encode the input as UTF-8 (a lone surrogate is half of a UTF-16 pair, not a character, "
        "and can be neither stored nor printed)",
    ),
    "E014": (
        "{input}: the WARC record is damaged ({detail})",
        "it was skipped and the records around it were read; re-fetch the archive, or find the damage "
        "with `warcio check FILE`",
    ),
    "E015": (
        "{input}: Dask is not installed ({detail})",
        "install the extra on this machine and on every worker: pip install 'rawi[dask]'",
    ),
    "E016": (
        "{input}: cannot reach the Dask scheduler ({detail})",
        "start it (`dask scheduler`) and give its address as tcp://HOST:PORT (port 8786 by default)",
    ),
    "E100": (
        "{input}: rawi failed on this article ({detail})",
        "this is a bug in rawi; the other articles were processed. Please report it with the article",
    ),
    "E010": (
        "{input}: the gzip stream is corrupt ({detail})",
        "the articles before the damage were processed; re-download or re-compress the file",
    ),
}


# Advice that depends on what was found, for codes whose usual fix would mislead. The code stays
# the same (users grep for it); only the "what to do" changes.
FIX_UTF16 = "re-encode the file as UTF-8, e.g. `iconv -f UTF-16 -t UTF-8 FILE > FILE.utf8`"
FIX_CP1256 = "re-encode the file as UTF-8, e.g. `iconv -f WINDOWS-1256 -t UTF-8 FILE > FILE.utf8`"
FIX_NUL = (
    "remove the NUL characters (NUL bytes, or \\u0000 in JSON) from the input, or extract the text first: "
    "text never holds them, and no ledger stores them"
)
FIX_BLANK_LINE = "remove the line: it holds no article, only white space"
FIX_FILE_TOO_BIG = "split it into smaller files: rawi does not read a page, feed or text file of this size"


def shown(text: str) -> str:
    """`text` safe to print in a message: control, format (bidi), separator and surrogate
    characters are escaped as `\\x..`/`\\u....`.

    A file name or an id comes from the input: a right-to-left override in it would
    reorder the message around it on a terminal, a newline would forge a second message,
    and a lone surrogate cannot even be encoded to print it.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


class RawiError(Exception):
    """An error about one input that the user can fix.

    A plain exception class, not a frozen dataclass: Python and contextlib assign
    `__traceback__` to exceptions, which a frozen dataclass refuses.
    """

    def __init__(self, code: str, input: str, detail: str = "", fix: str | None = None) -> None:
        super().__init__(code, input, detail)
        self.code = code
        self.input = input
        self.detail = detail
        self.fix = fix  # None: the catalogue's advice for the code

    def with_input(self, input: str) -> RawiError:
        """The same error, naming another input (a record inside a file, a redirected URL)."""
        return RawiError(self.code, input, self.detail, self.fix)

    def message(self) -> str:
        """What happened, naming the input; safe to print (see `shown`)."""
        return shown(CATALOGUE[self.code][0].format(input=self.input, detail=self.detail))

    def advice(self) -> str:
        return self.fix or CATALOGUE[self.code][1]

    def __str__(self) -> str:
        return f"{self.code} {self.message()}: {self.advice()}"

    def to_json(self) -> dict[str, str]:
        return {"code": self.code, "input": shown(self.input), "message": self.message(), "fix": self.advice()}
