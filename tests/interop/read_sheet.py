"""Reads one sheet's values with openpyxl: argv[1] path, argv[2] sheet name; JSON rows on stdout."""
import json
import sys

import openpyxl

ws = openpyxl.load_workbook(sys.argv[1], data_only=True)[sys.argv[2]]
print(json.dumps([[c for c in row] for row in ws.iter_rows(values_only=True)], ensure_ascii=False))
