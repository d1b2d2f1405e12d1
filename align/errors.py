"""The project's error type: what the command line turns into one stderr line and an exit code."""


class VienalignError(Exception):
    """A problem with the user's input or options, reported as one line.

    The message names the file (when there is one) and the problem, e.g.
    ``corpus/a.vi.txt: not a text file (NUL bytes at offset 12)``.
    """

    exit_code = 2

    def __init__(self, message: str, path: object | None = None, line: int | None = None):
        where = ""
        if path is not None:
            where = f"{path}:" + (f"{line}:" if line is not None else "") + " "
        super().__init__(where + message)
        self.path = path
        self.line = line
