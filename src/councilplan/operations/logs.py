"""Logs a council's log platform can read: one JSON object a line (`COUNCILPLAN_LOG_FORMAT=json`),
with the time, level, logger, message and, for a request, its method, path and status."""

import json
import logging
from datetime import UTC, datetime

# What Django's request loggers attach that is worth keeping, by the name it is kept under.
REQUEST_FIELDS = ("status_code",)


class JsonLineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "method"):
            line["method"] = request.method
            line["path"] = request.path
        for name in REQUEST_FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
