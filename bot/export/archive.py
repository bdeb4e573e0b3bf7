"""Zip files whose entries carry the export's date only (the time is always midnight)."""

from __future__ import annotations

import datetime as dt
import zipfile
from typing import BinaryIO


class DayZipFile(zipfile.ZipFile):
    """A zip being written, deflated, each entry stamped with `day` at 00:00:00 instead of the current time."""

    def __init__(self, out: BinaryIO | str, day: dt.date, compresslevel: int | None = None) -> None:
        super().__init__(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True, compresslevel=compresslevel)
        self.day = (day.year, day.month, day.day, 0, 0, 0)

    def open(self, name, mode="r", pwd=None, *, force_zip64=False):  # ZipFile's signature
        if mode == "w":
            if not isinstance(name, zipfile.ZipInfo):
                name = zipfile.ZipInfo(name)
                name.compress_type = self.compression
                name._compresslevel = self.compresslevel  # as ZipFile.open does
            name.date_time = self.day
        return super().open(name, mode, pwd, force_zip64=force_zip64)
