"""Writes workbooks from a JSON spec with openpyxl: another writer of xlsx for
the differential test of the return reader (tests/unit/exchange/xlsx/
differential.test.ts). One process writes the whole batch.

stdin: [{"file": path, "cells": [{"r": 1, "c": 1, "kind": "...", "value": ..., "format": "..."}]}]
"""
import datetime
import json
import sys

from openpyxl import Workbook

spec = json.load(sys.stdin)
for book in spec:
    wb = Workbook()
    ws = wb.active
    ws.title = "データ"
    for cell in book["cells"]:
        c = ws.cell(row=cell["r"], column=cell["c"])
        kind = cell["kind"]
        v = cell["value"]
        if kind in ("date", "wareki", "nen", "datetime"):
            y, m, d, hh, mi = v
            c.value = datetime.datetime(y, m, d, hh, mi)
        elif kind == "formula":
            c.value = v
        elif kind == "bool":
            c.value = bool(v)
        elif kind == "error":
            c.value = v
            c.data_type = "e"
        else:
            c.value = v
        if cell.get("format"):
            c.number_format = cell["format"]
    wb.save(book["file"])
