"""Telling UTF-16 text from binary data: Excel's "Unicode text" and some CSV exports are
UTF-16, whose every other byte is NUL for English text."""

UTF16_SAMPLE_BYTES = 4096
# Share of the sample's characters whose high byte is NUL for text without a byte-order mark.
UTF16_NUL_SHARE = 0.4


def utf16_encoding(data: bytes) -> str | None:
    """The codec of UTF-16 text: "utf-16" after a byte-order mark, "utf-16-le" or
    "utf-16-be" when its NUL bytes fall as UTF-16 text has them; None for anything else."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and not data.startswith(b"\xff\xfe\x00\x00"):
        return "utf-16"
    sample = data[:UTF16_SAMPLE_BYTES]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even_nuls = sample[0 : pairs * 2 : 2].count(0)
    odd_nuls = sample[1 : pairs * 2 : 2].count(0)
    if odd_nuls >= UTF16_NUL_SHARE * pairs and even_nuls == 0:
        return "utf-16-le"
    if even_nuls >= UTF16_NUL_SHARE * pairs and odd_nuls == 0:
        return "utf-16-be"
    return None


def utf16_decode(data: bytes) -> str | None:
    """The text of UTF-16 `data`, or None when it is not UTF-16 or does not decode."""
    encoding = utf16_encoding(data)
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None
