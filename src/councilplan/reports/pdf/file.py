"""A PDF file's objects as bytes: read from a classic cross-reference table, written with
object streams. What `merge` needs to join big tagged PDFs fast and in little memory.

Why bytes and not pikepdf objects: QPDF holds about 5 KB for each parsed structure element
and Python walks them slowly, so a 1,000-page report (about 100,000 elements) took seconds
and hundreds of megabytes. Here an object is a slice of its part's bytes; its references are
renumbered by one regular expression that skips strings, and nothing else is parsed.
"""

import re
import struct
import zlib
from collections.abc import Callable, Iterator
from decimal import Decimal

import pikepdf

# A literal string, its balanced parentheses nested up to four deep (deeper ones are handled
# by `_deep_strings_hidden`), or a hexadecimal string.
_LITERAL = rb"\((?:[^()\\]|\\.)*\)"
for _ in range(3):
    _LITERAL = rb"\((?:[^()\\]|\\.|" + _LITERAL + rb")*\)"
_STRING = rb"(?:" + _LITERAL + rb"|<[0-9A-Fa-f\s]*>)"

# What renumbering rewrites, strings first so that nothing inside a string is touched.
_TOKEN = re.compile(
    # The lookahead lets the engine pass over the bytes no branch can start with quickly.
    rb"(?=[/(<0-9])(?:"
    rb"(?P<headers>/Headers\s*\[)(?P<header_list>(?:\s*" + _STRING + rb")*)\s*(?P<close>\])"
    rb"|(?P<named>/(?:ID|Dest|D)\s*)(?P<name>" + _STRING + rb")"
    rb"|(?P<key>/StructParents?\s+)(?P<number>\d+)"
    rb"|" + _STRING + rb"|(?<![\d.])(?P<object>\d+)\s+\d+\s+R"
    rb"|(?P<deep>\())",
    re.DOTALL,
)
_STRING_ALONE = re.compile(_STRING, re.DOTALL)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.DOTALL)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_HEADER = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b\s*")
_STREAM = re.compile(rb">>\s*stream\r?\n")
_XREF_ENTRY = re.compile(rb"(\d+)[ \t]+(\d+)(?:[ \t]+([nf]))?")
# A flat number or name tree's key and value, as QPDF writes them (values without nesting).
_VALUE = (
    rb"\d+\s+\d+\s+R|null|true|false|[-+]?[\d.]+|/[^\s/\[\]<>(){}%]*|\[[^\[\]()<>]*\]"
    rb"|<<(?:[^<>()\[\]]|\[[^\[\]()<>]*\])*>>|" + _STRING
)
_TREE_ENTRY = re.compile(rb"\s*(" + _STRING + rb"|[-+]?\d+)\s*(" + _VALUE + rb")", re.DOTALL)
_REFERENCES = re.compile(rb"\[\s*((?:\d+\s+\d+\s+R\s*)*)\]")
_REFERENCE = re.compile(rb"\d+\s+\d+\s+R")
# A reference (digits in a name would make "N 0 R" invalid PDF, so only numbers are ruled out).
_REFERENCE_NUMBER = re.compile(rb"(?<![\d.])(\d+)\s+\d+\s+R")
# For `renumbered_all`: literal strings (a hexadecimal string cannot hold a reference, as R is
# not a hexadecimal digit), and references.
_LITERAL_SPLIT = re.compile(rb"(" + _LITERAL + rb")", re.DOTALL)
# An ID or destination name written in hexadecimal (Typst writes them as literals).
_HEXADECIMAL_NAME = re.compile(rb"/(?:ID|Dest|D|Headers\s*\[)\s*<(?!<)")
_REFERENCE_SPLIT = re.compile(rb"((?<![\d.])\d+\s+\d+\s+R)")
_HEADERS_OPEN = re.compile(rb"/Headers\s*\[\s*$")
# Between objects joined for `renumbered_all`: "endobj" is a keyword no object holds (but for
# a string, which is checked for).
_SEPARATOR = b"\nendobj\n"

# Objects in one object stream of the result, and its compression (zlib's 3 packs nearly as
# tight as its default 6 in a third of the time).
OBJECTS_A_STREAM = 200
COMPRESSION = 3
_XREF_ROW = struct.Struct(">BIH")


class PdfFormError(ValueError):
    """The file is not a PDF written with a plain cross-reference table."""


class Renumbering:
    """How one part's objects are renamed in the result: its object numbers (a function
    giving a reference's new text), its structure parent keys, IDs and destination names."""

    def __init__(
        self,
        *,
        objects: Callable[[int], bytes],
        struct_parent_offset: int = 0,
        ids: dict[bytes, bytes] | None = None,
        destinations: dict[bytes, bytes] | None = None,
        references: dict[bytes, bytes] | None = None,
    ) -> None:
        self.objects = objects
        # New texts of references as they are usually written ("12 0 R"), for a quick look-up.
        self.references = references or {}
        self.struct_parent_offset = struct_parent_offset
        self.ids = ids or {}
        self.destinations = destinations or {}
        self.renames = bool(self.ids or self.destinations)
        # The renamed IDs as the literal tokens Typst writes, for a quick look-up.
        self.id_tokens = {string_token(old): string_token(new) for old, new in self.ids.items()}

    def reference(self, match: re.Match) -> bytes:
        return self.objects(int(match.group(1)))

    def replace(self, match: re.Match) -> bytes:
        """One token's new text: `_TOKEN.sub` calls it for every match."""
        kind = match.lastgroup
        if kind == "object":
            return self.objects(int(match.group("object")))
        if kind == "close" and self.ids:
            return match.group("headers") + self._names(match.group("header_list")) + b"]"
        if kind == "name":
            named = match.group("named")
            names = self.ids if named.startswith(b"/ID") else self.destinations
            if names:
                return named + _string_renamed(match.group("name"), names)
        if kind == "number" and self.struct_parent_offset:
            shifted = int(match.group("number")) + self.struct_parent_offset
            return match.group("key") + str(shifted).encode()
        if kind == "deep":
            raise _DeepStringError
        return match.group(0)

    def _names(self, tokens: bytes) -> bytes:
        return _STRING_ALONE.sub(lambda name: _string_renamed(name.group(0), self.ids), tokens)


def renumbered_all(bodies: list[bytes], renumbering: Renumbering) -> list[bytes]:
    """`renumbered` for many objects at once and several times faster: their joined text is
    split at literal strings (rare, so quick to find), the text between is split at
    references, each looked up in a table, and strings after /ID, /Headers, /Dest or /D
    are renamed. Objects with structure parent keys are left to `renumbered`."""
    joined = _SEPARATOR.join(bodies)
    if joined.count(_SEPARATOR) != len(bodies) - 1:
        return [renumbered(body, renumbering) for body in bodies]
    pieces = _LITERAL_SPLIT.split(joined)  # text, string, text, string… text
    texts = pieces[0::2]
    between = b"(".join(texts)  # no "(" is left outside a string, so it parts them safely
    deep = len(texts) != between.count(b"(") + 1 or b")" in between
    if deep or (renumbering.renames and _HEXADECIMAL_NAME.search(between)):
        # A string nested deeper than the pattern follows, or an ID written in hexadecimal:
        # the careful way, object by object.
        return [renumbered(body, renumbering) for body in bodies]
    references = _REFERENCE_SPLIT.split(between)  # text, reference, text, reference… text
    table, objects = renumbering.references, renumbering.objects
    references[1::2] = [
        table.get(reference) or objects(int(reference.split()[0])) for reference in references[1::2]
    ]
    pieces[0::2] = b"".join(references).split(b"(")
    if renumbering.renames:
        _strings_renamed(pieces, renumbering)
    return b"".join(pieces).split(_SEPARATOR)


def _strings_renamed(pieces: list[bytes], renumbering: Renumbering) -> None:
    """Rename the IDs and destination names among the split pieces (text, string, text…),
    by the key before each string: /ID, /Headers (several strings in a row), /Dest or /D."""
    in_headers = False
    for index in range(1, len(pieces), 2):
        before = pieces[index - 1]
        if before.rstrip().endswith(b"/ID"):
            names, in_headers = renumbering.ids, False
        elif _HEADERS_OPEN.search(before) or (in_headers and not before.strip()):
            names, in_headers = renumbering.ids, True
        elif before.rstrip().endswith((b"/Dest", b"/D")):
            names, in_headers = renumbering.destinations, False
        else:
            in_headers = False
            continue
        if names is renumbering.ids and pieces[index] in renumbering.id_tokens:
            pieces[index] = renumbering.id_tokens[pieces[index]]
        elif names:
            pieces[index] = _string_renamed(pieces[index], names)


def object_table(data: bytes) -> tuple[dict[int, int], int, bytes]:
    """Object numbers to offsets, the table's offset and the trailer dictionary's bytes.

    Raises PdfFormError unless the file ends with one classic table (no cross-reference
    stream, no incremental update, no encryption): then the caller has QPDF rewrite it.
    """
    found = re.search(rb"startxref\s+(\d+)\s*%%EOF\s*$", data[-1024:])
    if found is None:
        raise PdfFormError("no startxref")
    table_at = int(found.group(1))
    if data[table_at : table_at + 4] != b"xref":
        raise PdfFormError("cross-reference stream")
    trailer_at = data.find(b"trailer", table_at)
    trailer = data[trailer_at + 7 : data.find(b"startxref", trailer_at)]
    if re.search(rb"/(Prev|XRefStm|Encrypt)\b", trailer):
        raise PdfFormError("incremental update or encryption")
    offsets: dict[int, int] = {}
    number = 0
    for first, _generation, kind in _XREF_ENTRY.findall(data, table_at + 4, trailer_at):
        if not kind:
            number = int(first)
            continue
        if kind == b"n" and int(first) > 0:
            offsets[number] = int(first)
        number += 1
    return offsets, table_at, trailer


def tree_entries_parsed(array: bytes) -> list[tuple[bytes, bytes]] | None:
    """A flat tree array's (key token, value) pairs; None if a value nests, which the
    caller then reads entry by entry."""
    entries, position, end = [], array.index(b"[") + 1, array.rindex(b"]")
    while True:
        entry = _TREE_ENTRY.match(array, position, end)
        if entry is None:
            break
        entries.append((entry.group(1), entry.group(2)))
        position = entry.end()
    return entries if not array[position:end].strip() else None


def references_parsed(array: bytes) -> list[bytes] | None:
    """The references of an array that holds nothing else; None if it holds anything else."""
    whole = _REFERENCES.fullmatch(array.strip())
    return None if whole is None else _REFERENCE.findall(whole.group(1))


def raw_objects(
    data: bytes, offsets: dict[int, int], table_at: int
) -> Iterator[tuple[int, bytes, bytes | None]]:
    """Each object's number, value (a stream's dictionary) and, for a stream, its data as
    written (still encoded, with its end of line), in file order."""
    ordered = sorted((offset, number) for number, offset in offsets.items())
    ends = [offset for offset, _ in ordered[1:]] + [table_at]
    for (start, number), end in zip(ordered, ends, strict=True):
        header = _HEADER.match(data, start)
        if header is None or int(header.group(1)) != number:
            raise PdfFormError(f"object {number} is not where the table says")
        body_start = header.end()
        end = data.rfind(b"endobj", body_start, end)
        stream_end = data.rfind(b"endstream", body_start, end)
        if stream_end >= 0 and not data[stream_end + 9 : end].strip():
            stream = _STREAM.search(data, body_start, stream_end)
            if stream is None:
                raise PdfFormError(f"object {number} has no stream keyword")
            body = data[body_start : stream.start() + 2]
            yield number, body, data[stream.end() : stream_end]
        else:
            yield number, data[body_start:end].strip(), None


def renumbered(body: bytes, renumbering: Renumbering) -> bytes:
    """The object's bytes with references, structure parent keys, IDs and destination names
    of the part rewritten for the result."""
    quick = b"(" not in body and b"/StructParent" not in body
    if quick and not (renumbering.renames and _HEXADECIMAL_NAME.search(body)):
        # No literal string, no key to shift and no name to change: references only.
        # (A hexadecimal string cannot hold one: R is not a hexadecimal digit.)
        return _REFERENCE_NUMBER.sub(renumbering.reference, body)
    try:
        return _TOKEN.sub(renumbering.replace, body)
    except _DeepStringError:
        hidden, strings = _deep_strings_hidden(body)
        result = _TOKEN.sub(renumbering.replace, hidden)
        return re.sub(rb"\(\x00(\d+)\x00\)", lambda found: strings[int(found.group(1))], result)


class _DeepStringError(Exception):
    """A literal string nested deeper than the pattern follows."""


def _deep_strings_hidden(body: bytes) -> tuple[bytes, list[bytes]]:
    """The body with each literal string replaced by a numbered placeholder, and the strings.

    Scans the parentheses one by one: slow, and only for strings nested five deep or more.
    """
    pieces, strings = [], []
    depth, start, copied, escaped_until = 0, 0, 0, -1
    for special in re.finditer(rb"[()\\]", body):
        at = special.start()
        if at <= escaped_until:
            continue
        if special.group(0) == b"\\":
            escaped_until = at + 1
        elif special.group(0) == b"(":
            if depth == 0:
                start = at
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                pieces += [body[copied:start], b"(\x00%d\x00)" % len(strings)]
                strings.append(body[start : at + 1])
                copied = at + 1
    pieces.append(body[copied:])
    return b"".join(pieces), strings


def string_value(token: bytes) -> bytes:
    """A PDF string token's bytes (literal or hexadecimal)."""
    if b"\\" not in token and token.startswith(b"("):
        return token[1:-1]
    if token.startswith(b"<"):
        digits = re.sub(rb"\s", b"", token[1:-1])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())
    return _ESCAPE.sub(_unescaped, token[1:-1])


def _unescaped(match: re.Match) -> bytes:
    escaped = match.group(1)
    if escaped[:1].isdigit():
        return bytes([int(escaped, 8) & 0xFF])
    if escaped in (b"\n", b"\r"):
        return b""
    return _ESCAPES.get(escaped, escaped)


def string_token(value: bytes) -> bytes:
    """A literal string token for the bytes."""
    return b"(" + re.sub(rb"([()\\])", rb"\\\1", value).replace(b"\r", b"\\r") + b")"


def _string_renamed(token: bytes, names: dict[bytes, bytes]) -> bytes:
    new = names.get(string_value(token))
    return token if new is None else string_token(new)


class PdfWriter:
    """Writes objects as they come: streams directly, the others packed into object streams,
    then a cross-reference stream. Holds only the output and one object stream's worth."""

    def __init__(self, *, header: bytes, next_number: int) -> None:
        self.output = bytearray(header)
        self.next_number = next_number
        self.entries: dict[int, tuple[int, int, int]] = {}
        self.pending: list[tuple[int, bytes]] = []

    def number_new(self) -> int:
        self.next_number += 1
        return self.next_number - 1

    def object_write(self, number: int, body: bytes) -> None:
        self.pending.append((number, body))
        if len(self.pending) >= OBJECTS_A_STREAM:
            self._pending_write()

    def stream_write(self, number: int, dictionary: bytes, data: bytes) -> None:
        self.entries[number] = (1, len(self.output), 0)
        self.output += b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (number, dictionary, data)

    def _pending_write(self) -> None:
        if not self.pending:
            return
        number = self.number_new()
        index, bodies, offset = [], [], 0
        for position, (member, body) in enumerate(self.pending):
            index.append(b"%d %d" % (member, offset))
            bodies.append(body)
            offset += len(body) + 1
            self.entries[member] = (2, number, position)
        head = b" ".join(index) + b"\n"
        packed = zlib.compress(head + b"\n".join(bodies), COMPRESSION)
        dictionary = b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>" % (
            len(self.pending),
            len(head),
            len(packed),
        )
        self.pending = []
        self.stream_write(number, dictionary, packed)

    def finish(self, *, trailer: bytes) -> bytes:
        """Write what is pending and the cross-reference stream; the file's bytes."""
        self._pending_write()
        number = self.number_new()
        self.entries[number] = (1, len(self.output), 0)
        # Seven bytes a row (/W [1 4 2]); rows left zero are free objects.
        rows = bytearray(7 * self.next_number)
        _XREF_ROW.pack_into(rows, 0, 0, 0, 0xFFFF)
        for member, entry in self.entries.items():
            _XREF_ROW.pack_into(rows, 7 * member, *entry)
        packed = zlib.compress(rows, COMPRESSION)
        dictionary = (
            b"<< /Type /XRef /Size %d /W [ 1 4 2 ] /Filter /FlateDecode /Length %d %s >>"
            % (self.next_number, len(packed), trailer)
        )
        start = len(self.output)
        self.output += b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (
            number,
            dictionary,
            packed,
        )
        self.output += b"startxref\n%d\n%%%%EOF\n" % start
        return bytes(self.output)


def unparsed(value: object) -> bytes:
    """A value's PDF text (pikepdf hands numbers and booleans back as Python values)."""
    if isinstance(value, pikepdf.Object):
        return value.unparse()
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, Decimal):
        return format(value, "f").encode()
    return str(value).encode()
