#!/usr/bin/env bash
# This file is the end-to-end test of raw.charset (tests/golden/raw_charset.sql):
# Latin-1 payloads in (every byte 0xA0..0xFF, an empty and a null message),
# written as UTF-16 with Java's big-endian BOM under a UTF-16LE key;
# UTF-16 payloads in (big-endian without BOM, either BOM, a surrogate pair,
# an odd trailing byte and an unpaired high surrogate, malformed the way Java's
# UnicodeDecoder reads them), written as
# Latin-1 ('?' for what Latin-1 lacks) and as JSON. The expectations are
# computed in Python with Java's rules (String(bytes, cs), modelled on
# sun.nio.cs.UnicodeDecoder, and String.getBytes(cs)) and compared byte for byte.
#
# usage: test_raw_charset.sh SQLKC SQLKC_DEV_BROKER
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/e2e_common.sh"

e2e_common_init "$1" "$2"
e2e_start_broker latin_in:1 utf16_in:1 utf16_out:1 latin_out:1 json_out:1

if ! e2e_build "$here/../golden/raw_charset.sql" "$T/job"; then
    e2e_summary raw_charset
fi

cat >"$T/cases.py" <<'PYEOF'
# The input payloads, shared by the producer and the checker.
LATIN = [bytes(range(0xA0, 0x100)), b'caf\xe9 cr\xe8me', b'', None, b'plain']
UTF16 = [
    'Zürich €'.encode('utf-16-be'),                  # no BOM: big-endian
    b'\xfe\xff' + 'ÄÖÜ'.encode('utf-16-be'),          # BOM big-endian
    b'\xff\xfe' + 'señor 😀'.encode('utf-16-le'),      # BOM little-endian, a surrogate pair
    'ab'.encode('utf-16-be') + b'\x00',               # odd trailing byte
    b'\xd8\x00' + 'xy'.encode('utf-16-be'),           # unpaired high surrogate: takes 'x' along
    None,
]
PYEOF

# produce: records separated by \x1e (no payload contains it), -Z for the null ones
cat >"$T/produce.py" <<'PYEOF'
import sys
sys.path.insert(0, sys.argv[1])
from cases import LATIN, UTF16  # noqa: E402
for name, cases in (('latin', LATIN), ('utf16', UTF16)):
    for c in cases:
        assert c is None or b'\x1e' not in c
    with open(sys.argv[2] + '/' + name + '.nonnull', 'wb') as f:
        f.write(b'\x1e'.join(c for c in cases if c is not None and c != b''))
PYEOF
python3 "$T/produce.py" "$T" "$T" || e2e_failed "write the payloads"
# in order: the non-empty ones, then an empty message, then a null one
"$E2E_KCAT" -b "$BOOTSTRAP" -P -t latin_in -p 0 -D '\x1e' <"$T/latin.nonnull" || e2e_failed produce latin
printf 'k:' | "$E2E_KCAT" -b "$BOOTSTRAP" -P -t latin_in -p 0 -K: || e2e_failed produce "latin empty"
printf 'k:' | "$E2E_KCAT" -b "$BOOTSTRAP" -P -t latin_in -p 0 -K: -Z || e2e_failed produce "latin null"
"$E2E_KCAT" -b "$BOOTSTRAP" -P -t utf16_in -p 0 -D '\x1e' <"$T/utf16.nonnull" || e2e_failed produce utf16
printf 'k:' | "$E2E_KCAT" -b "$BOOTSTRAP" -P -t utf16_in -p 0 -K: -Z || e2e_failed produce "utf16 null"

e2e_run "$T/job" "$T/job.out" "$T/job.err"
e2e_check_eq "bounded job exits 0" 0 "$RC"
for t in utf16_out latin_out json_out; do e2e_dump $t "$T/$t.dump"; done

cat >"$T/check.py" <<'PYEOF'
import json
import sys

sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[2])
from cases import LATIN, UTF16  # noqa: E402
from gen_pageviews import read_dump, jackson_string  # noqa: E402

latin = [c for c in LATIN if c is not None and c != b''] + [b'', None]
utf16 = [c for c in UTF16 if c is not None] + [None]


def java_utf16_decode(b):
    """new String(b, "UTF-16") as sun.nio.cs.UnicodeDecoder reads it: a BOM
    picks the order, big-endian without; a high surrogate and the unit after
    it, when that is not a low surrogate, are one malformed input (U+FFFD),
    a lone low surrogate is one, and so is a truncated rest."""
    big = True
    if b[:2] == b'\xfe\xff':
        b = b[2:]
    elif b[:2] == b'\xff\xfe':
        b, big = b[2:], False
    unit = lambda i: (b[i] << 8 | b[i + 1]) if big else (b[i + 1] << 8 | b[i])  # noqa: E731
    out, i = [], 0
    while i < len(b):
        if len(b) - i < 2:
            out.append('\ufffd')
            break
        u = unit(i)
        if 0xD800 <= u <= 0xDBFF:
            if len(b) - i < 4:
                out.append('\ufffd')
                break
            u2 = unit(i + 2)
            if 0xDC00 <= u2 <= 0xDFFF:
                out.append(chr(0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00)))
            else:
                out.append('\ufffd')
            i += 4
        elif 0xDC00 <= u <= 0xDFFF:
            out.append('\ufffd')
            i += 2
        else:
            out.append(chr(u))
            i += 2
    return ''.join(out)


assert java_utf16_decode(b'\xd8\x00\x00x\x00y') == '\ufffdy'
assert java_utf16_decode(b'\xff\xfe\x3d\xd8\x00\xde') == '\U0001F600'


def java_get_bytes(s, cs):
    if cs == 'UTF-16':  # BOM FE FF, big-endian, none for ''
        return b'\xfe\xff' + s.encode('utf-16-be') if s else b''
    return s.encode(cs, errors='replace')  # '?' for the unmappable


ok = True
want = [(None if c is None else java_get_bytes(c.decode('latin-1'), 'utf-16-le'),
         None if c is None else java_get_bytes(c.decode('latin-1'), 'UTF-16')) for c in latin]
got = [(k, v) for _, _, k, v in read_dump(sys.argv[3] + '/utf16_out.dump')]
print(('PASS' if got == want else 'FAIL') + ' latin-1 in, UTF-16 value with BOM under a UTF-16LE key: %s' % (
    '%d records' % len(got) if got == want else 'got %r want %r' % (got, want)))

texts = [None if c is None else java_utf16_decode(c) for c in utf16]
want = [None if s is None else java_get_bytes(s, 'latin-1') for s in texts]
got = [v for _, _, _, v in read_dump(sys.argv[3] + '/latin_out.dump')]
print(('PASS' if got == want else 'FAIL') + ' UTF-16 in, latin-1 out with ? for unmappable: %s' % (
    '%d records' % len(got) if got == want else 'got %r want %r' % (got, want)))

# JSON: the decoded text in UTF-8, CHAR_LENGTH in code points (BinaryStringData.numChars)
want = [('{"s":%s,"n":%d}' % (jackson_string(s).decode(), len(s)) if s is not None
         else '{"s":null,"n":null}').encode() for s in texts]
got = [v for _, _, _, v in read_dump(sys.argv[3] + '/json_out.dump')]
print(('PASS' if got == want else 'FAIL') + ' UTF-16 in, JSON text (U+FFFD for malformed input): %s' % (
    '%d records' % len(got) if got == want else 'got %r want %r' % (got, want)))
PYEOF
e2e_py_checks python3 "$T/check.py" "$T" "$here" "$T"
e2e_summary raw_charset
