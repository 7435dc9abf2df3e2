"""The exceptions newsevents raises, all under one base class.

    NewseventsError
    ├── InputError            an article could not be read or is not usable text
    │   ├── EmptyInput        nothing left after cleaning
    │   ├── BinaryInput       the bytes are not text
    │   ├── EncodingError     not decodable in any supported encoding
    │   ├── TooLarge          over the size limit
    │   ├── NotEnglish        language detected is not English
    │   └── MalformedRecord   a JSON Lines record that is not a JSON object with text
    ├── StageError            a pipeline stage failed on an article (names the stage)
    ├── StoreError            the database could not be opened or written
    ├── DataFileError         a lexicon, dictionary or gazetteer file is missing or invalid
    └── GoldDataError         evaluation data missing or unreadable

Every message says what went wrong and, where there is one, how to fix it.
"""

from __future__ import annotations


class NewseventsError(Exception):
    """Base class of every error newsevents raises on purpose."""

    #: short machine-readable reason, stored with a failed article
    reason = "error"


class InputError(NewseventsError):
    reason = "bad_input"


class EmptyInput(InputError):
    reason = "empty"


class BinaryInput(InputError):
    reason = "binary"


class EncodingError(InputError):
    reason = "encoding"


class TooLarge(InputError):
    reason = "too_large"


class NotEnglish(InputError):
    reason = "not_english"


class MalformedRecord(InputError):
    reason = "malformed_record"


class StageError(NewseventsError):
    reason = "stage_failed"

    def __init__(self, stage: str, cause: BaseException):
        self.stage = stage
        self.cause = cause
        super().__init__(f"stage {stage!r} failed: {type(cause).__name__}: {cause}")


class StoreError(NewseventsError):
    reason = "store"


class DataFileError(NewseventsError):
    reason = "data_file"


class GoldDataError(NewseventsError):
    reason = "gold_data"
