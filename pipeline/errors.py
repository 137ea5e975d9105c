"""Exceptions shared by the stages."""


class Skip(Exception):
    """A raw file that cannot be processed; the message is the one-line reason shown to the user."""

    @property
    def reason(self) -> str:
        return str(self.args[0]) if self.args else "unknown reason"


class PipelineError(Exception):
    """A failure the user can act on (missing model, bad configuration); shown as one line, no traceback."""
