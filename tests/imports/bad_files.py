"""Bad files made on the spot: zip bombs, XML entity declarations, deep JSON, UTF-16 text,
uncalculated formulas. Each is a real file the libraries would open."""

import io
import json
import os
import zipfile

import docx
import openpyxl

ENTITY_DECLARATION = (
    b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
EXTERNAL_ENTITY = b'<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def workbook_bytes(rows: list[list[object]] | None = None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows or [["Ref", "Action", "Lead officer"], ["1.1", "Open the library", "Jo"]]:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def word_bytes() -> bytes:
    document = docx.Document()
    document.add_heading("Corporate Plan 2024/25", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Ref"
    table.cell(0, 1).text = "Action"
    table.cell(1, 0).text = "1.1"
    table.cell(1, 1).text = "Open the library"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _rewritten(data: bytes, part: str, change) -> bytes:
    """The package with one part changed, every other part as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == part:
                content = change(content)
            target.writestr(info.filename, content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _after_declaration(declaration: bytes):
    def change(content: bytes) -> bytes:
        end = content.index(b"?>") + 2 if content.startswith(b"<?xml") else 0
        return content[:end] + declaration + content[end:]

    return change


def workbook_with_entities(declaration: bytes = ENTITY_DECLARATION) -> bytes:
    return _rewritten(workbook_bytes(), "xl/worksheets/sheet1.xml", _after_declaration(declaration))


def word_with_entities(declaration: bytes = ENTITY_DECLARATION) -> bytes:
    return _rewritten(word_bytes(), "word/document.xml", _after_declaration(declaration))


def workbook_bomb(padding_bytes: int) -> bytes:
    """A real workbook whose sheet is padded with `padding_bytes` of blank space, which
    compresses about a thousandfold."""

    def pad(content: bytes) -> bytes:
        return content.replace(b"<sheetData>", b"<sheetData>" + b" " * padding_bytes, 1)

    return _rewritten(workbook_bytes(), "xl/worksheets/sheet1.xml", pad)


def word_bomb(padding_bytes: int) -> bytes:
    def pad(content: bytes) -> bytes:
        return content.replace(b"<w:body>", b"<w:body>" + b" " * padding_bytes, 1)

    return _rewritten(word_bytes(), "word/document.xml", pad)


def workbook_with_picture(picture_bytes: int) -> bytes:
    """A workbook carrying an incompressible part: large unpacked, but no bomb."""
    out = io.BytesIO(workbook_bytes())
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr("xl/media/image1.png", os.urandom(picture_bytes))
    return out.getvalue()


def deep_json(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def deep_metadata_json(depth: int) -> bytes:
    document = {
        "format": "councilplan-open-plan",
        "organisation": {"name": "Harlow Council"},
        "plan": {"title": "Deep plan", "metadata": {}},
        "items": [],
    }
    text = json.dumps(document)
    nested = '{"a": ' * depth + "1" + "}" * depth
    return text.replace('"metadata": {}', f'"metadata": {nested}').encode()
