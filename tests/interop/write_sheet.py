"""Writes a plan sheet as another city keeps it, with openpyxl (not the app's
exceljs): JSON on stdin {path, sheet, rows, merges, widths}. Merged cells keep
their value in the top-left cell only, as Excel does."""
import json
import sys

import openpyxl
from openpyxl.styles import Alignment, Font

spec = json.load(sys.stdin)
wb = openpyxl.Workbook()
ws = wb.active
ws.title = spec["sheet"]
for row in spec["rows"]:
    ws.append(row)
for rng in spec.get("merges", []):
    ws.merge_cells(rng)
for col, width in spec.get("widths", {}).items():
    ws.column_dimensions[col].width = width
for cell in ws[spec.get("headerRow", 1)]:
    cell.font = Font(bold=True)
for row in ws.iter_rows():
    for cell in row:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
wb.save(spec["path"])
