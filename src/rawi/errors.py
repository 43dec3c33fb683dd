"""One catalogue of errors. Each names the input and says what to do about it.

Codes are stable (users grep logs for them); messages are templates filled
with the input's name and details.
"""

from __future__ import annotations

CATALOGUE: dict[str, tuple[str, str]] = {
    # code: (what happened, what to do)
    "E001": ("{input}: the text is empty",
             "give an article with some text in it"),
    "E002": ("{input}: this looks like binary data, not text ({detail})",
             "pass a UTF-8 text file, or extract the text from the document first"),
    "E003": ("{input}: the bytes are not valid UTF-8 ({detail})",
             "re-encode the file as UTF-8, e.g. `iconv -f WINDOWS-1256 -t UTF-8 FILE > FILE.utf8`"),
    "E004": ("{input}: the text is too large ({detail})",
             "split it into articles; the limit is set with --max-chars"),
    "E005": ("{input}: line is not valid JSON ({detail})",
             "each line of a .jsonl file must be one JSON object with at least `id` and `text`"),
    "E006": ("{input}: the record lacks a usable field ({detail})",
             "each record needs a string `text` and an `id` (string or number)"),
    "E007": ("{input}: the published date {detail!r} is not an ISO date",
             "use YYYY-MM-DD (or an ISO datetime), or leave it out"),
    "E008": ("{input}: the language looks like {detail}, which is not supported yet",
             "rawi reads Arabic today; English support is planned. Pass --lang ar to force Arabic"),
    "E009": ("{input}: cannot read the file ({detail})",
             "check that the path exists and is readable"),
    "E011": ("{input}: {detail}",
             "pass a file path, `-` for standard input, or a .jsonl/.jsonl.gz corpus"),
    "E012": ("{input}: an earlier article in this input has the same id or URL ({detail})",
             "give each article its own id or URL; the first one was kept"),
    "E013": ("{input}: Dask is not installed ({detail})",
             "install the extra on this machine and on every worker: pip install 'rawi[dask]'"),
    "E014": ("{input}: cannot reach the Dask scheduler ({detail})",
             "start it (`dask scheduler`) and give its address as tcp://HOST:PORT (port 8786 by default)"),
    "E100": ("{input}: rawi failed on this article ({detail})",
             "this is a bug in rawi; the other articles were processed. Please report it with the article"),
    "E010": ("{input}: the gzip stream is corrupt ({detail})",
             "the articles before the damage were processed; re-download or re-compress the file"),
}


class RawiError(Exception):
    """An error about one input that the user can fix.

    A plain exception class, not a frozen dataclass: Python and contextlib assign
    `__traceback__` to exceptions, which a frozen dataclass refuses.
    """

    def __init__(self, code: str, input: str, detail: str = "") -> None:
        super().__init__(code, input, detail)
        self.code = code
        self.input = input
        self.detail = detail

    def with_input(self, input: str) -> RawiError:
        """The same error, naming another input (a record inside a file, a redirected URL)."""
        return RawiError(self.code, input, self.detail)

    def __str__(self) -> str:
        what, fix = CATALOGUE[self.code]
        return f"{self.code} {what.format(input=self.input, detail=self.detail)}: {fix}"

    def to_json(self) -> dict[str, str]:
        what, fix = CATALOGUE[self.code]
        return {"code": self.code, "input": self.input,
                "message": what.format(input=self.input, detail=self.detail), "fix": fix}
