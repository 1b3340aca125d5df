"""Plain dict frames."""

from ledger.wire.pages import PageFrame


def envelope(kind, data=None):
    return {"type": kind, "data": data}


class Frames:
    @staticmethod
    def closed(code):
        return {"type": "closed", "code": code}


def describe(row):
    if row.deleted:
        return {"type": "row_gone"}
    return {"type": "row_here"}


def from_row(row):
    return {"type": row.kind, "row": row}


def never_sent():
    return {"type": "never"}


def page(number):
    return PageFrame(number=number)
