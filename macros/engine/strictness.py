"""Strict mode that does not depend on the log level: the engine's warnings are counted whatever is shown.

mkdocs counts warnings for `--strict` with a handler on its logger, so `-q` (which raises that logger's
level to ERROR), or a host that configures logging, drops warnings before they are counted, and a
build with a broken link passes. Here the engine's loggers are opened to warnings for the build, a
counter of our own sits on them, and whatever console output the user chose stays as it was: the
console handlers get the level the logger had. Everything is restored when the build ends.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field

# The engines' logger trees: mkdocs, and ProperDocs (a fork that logs under its own name).
ENGINE_LOGGERS = ("mkdocs", "properdocs")


class WarningCounter(logging.Handler):
    """Counts the warnings and errors logged while it is attached, and keeps their messages."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@dataclass
class CountingWarnings:
    """The counter attached to the engine's loggers, and what to restore when it is detached."""

    counter: WarningCounter = field(default_factory=WarningCounter)
    _restore: list[tuple[logging.Logger, int, list[tuple[logging.Handler, int]]]] = field(default_factory=list)
    _disabled_at: int = logging.NOTSET

    def attach(self) -> None:
        """Count every warning of the engine from now on, without showing more than before."""
        manager = logging.getLogger().manager
        self._disabled_at = manager.disable
        if manager.disable >= logging.WARNING:  # logging.disable(WARNING) by a host: lift it for warnings
            logging.disable(logging.INFO)
        for name in ENGINE_LOGGERS:
            logger = logging.getLogger(name)
            shown_from = logger.getEffectiveLevel()
            handlers = [(handler, handler.level) for handler in logger.handlers]
            self._restore.append((logger, logger.level, handlers))
            if shown_from > logging.WARNING:
                for handler, level in handlers:  # the console keeps showing what the user asked for
                    handler.setLevel(max(level, shown_from))
                logger.setLevel(logging.WARNING)
            logger.addHandler(self.counter)

    def detach(self) -> None:
        """Remove the counter and put levels back as they were."""
        for logger, level, handlers in self._restore:
            logger.removeHandler(self.counter)
            logger.setLevel(level)
            for handler, handler_level in handlers:
                handler.setLevel(handler_level)
        self._restore.clear()
        logging.disable(self._disabled_at)

    @property
    def messages(self) -> list[str]:
        """The warnings and errors counted so far."""
        return self.counter.messages
