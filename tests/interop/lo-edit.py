#!/usr/bin/python3
"""Edits cells of a returned 照会 workbook with LibreOffice (an independent
Excel reader/writer) and saves it as .xlsx again, the way a section using
LibreOffice Calc would.

usage: lo-edit.py IN.xlsx OUT.xlsx EDITS.json
EDITS.json: [{"code": "1-(1)-1", "header": "取組実績（D）", "value": "..."}]
"""
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main():
    src, dst, edits_file = sys.argv[1:4]
    edits = json.load(open(edits_file, encoding="utf-8"))
    pipe = "gyokaku_lo_%d" % os.getpid()
    profile = tempfile.mkdtemp(prefix="lo-uno-")
    office = subprocess.Popen(
        [
            "soffice", "--headless", "--invisible", "--norestore", "--nologo",
            "-env:UserInstallation=file://" + profile,
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        # its own process group: soffice starts soffice.bin, and both must go at the end
        start_new_session=True,
    )
    desktop = None
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        # a cold start on a busy CI machine can take long: wait up to 90 s
        for _ in range(900):
            try:
                ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
                break
            except Exception:
                time.sleep(0.1)
        if ctx is None:
            raise SystemExit("LibreOffice did not start")
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(src)), "_blank", 0, (prop("Hidden", True),))
        sheet = doc.Sheets.getByName("進捗管理表")
        header_row = 3  # 0-based: row 4
        headers = {}
        for c in range(0, 60):
            t = sheet.getCellByPosition(c, header_row).getString()
            if t:
                headers[t] = c
        rows = {}
        for r in range(header_row + 1, header_row + 2000):
            code = sheet.getCellByPosition(1, r).getString()
            if code:
                rows[code] = r
        for e in edits:
            cell = sheet.getCellByPosition(headers[e["header"]], rows[e["code"]])
            v = e["value"]
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                cell.setValue(v)
            else:
                cell.setString(v)
        doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(dst)), (prop("FilterName", "Calc Office Open XML"),))
        doc.close(True)
    finally:
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        # never leave an office behind: the whole group, whatever state it is in
        try:
            os.killpg(office.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
