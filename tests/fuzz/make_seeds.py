#!/usr/bin/env python3
"""Writes the seed corpora of the libFuzzer targets (tests/fuzz/corpus/<target>/). Run from the
repository root; the seeds are committed, so this is only needed when the formats change. Real
catalog and holiday files are copied from resources/."""
import hashlib, os, shutil, struct

def head(major, n):
    if n < 24: return bytes([major << 5 | n])
    if n < 256: return bytes([major << 5 | 24, n])
    if n < 65536: return bytes([major << 5 | 25]) + struct.pack('>H', n)
    if n < 2**32: return bytes([major << 5 | 26]) + struct.pack('>I', n)
    return bytes([major << 5 | 27]) + struct.pack('>Q', n)

def cbor(v):
    if isinstance(v, bool): return b'\xf5' if v else b'\xf4'
    if isinstance(v, int): return head(0, v) if v >= 0 else head(1, -1 - v)
    if isinstance(v, bytes): return head(2, len(v)) + v
    if isinstance(v, str): b = v.encode(); return head(3, len(b)) + b
    if isinstance(v, list): return head(4, len(v)) + b''.join(cbor(x) for x in v)
    if isinstance(v, dict): return head(5, len(v)) + b''.join(cbor(k) + cbor(x) for k, x in v.items())
    raise TypeError(v)

def frame(m):
    body = cbor(m)
    return struct.pack('>I', len(body)) + body

def event(seq, hlc):
    return ['0b6f3a52-3d0e-4f57-9d1c-6a3c4b5e6f70', 'C-2026-000001', 'intake.accepted', cbor({'a': 1}), 'u1',
            'WS-A', hlc, b'', hashlib.sha256(b'x').digest(), '2026-01-01T00:00:00.000Z', seq]

def base45(data):
    chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:'
    out = ''
    for i in range(0, len(data) - 1, 2):
        n = data[i] * 256 + data[i + 1]
        c, n = n % 45, n // 45
        d, e = n % 45, n // 45
        out += chars[c] + chars[d] + chars[e]
    if len(data) % 2:
        n = data[-1]
        out += chars[n % 45] + chars[n // 45]
    return out

root = 'tests/fuzz/corpus'
def put(target, name, data):
    os.makedirs(f'{root}/{target}', exist_ok=True)
    with open(f'{root}/{target}/{name}', 'wb') as f:
        f.write(data if isinstance(data, bytes) else data.encode())

messages = {
    'hello': {'t': 'hello', 'n': 1, 'v': 1, 'ws': 'WS-A', 'hlc': 116000000000000000},
    'push': {'t': 'push', 'n': 2, 'events': [event(0, 116000000000000000), event(0, 2**63 - 1)]},
    'pull': {'t': 'pull', 'n': 3, 'after': 10, 'limit': 5000, 'skip': [[11, 20], [25, 25]]},
    'lease': {'t': 'lease', 'n': 4, 'kind': 'case', 'request': 'r1'},
    'reference': {'t': 'reference', 'n': 5, 'have': {'users': 3, 'seal_keys': 1}, 'catalogs': [1, 2]},
    'blob_put': {'t': 'blob_put', 'n': 6, 'sha256': '0' * 64, 'mime': 'image/png', 'size': 3, 'offset': 0,
                 'data': b'abc'},
    'events': {'t': 'events', 're': 3, 'events': [event(12, 116000000000000001)], 'more': False, 'through': 12},
    'enroll': {'t': 'enroll', 'n': 1, 'v': 1, 'ws': 'WS-B', 'label': 'counter', 'pubkey': b'\x30' * 91,
               'proof': b'\x01' * 32},
}
for name, m in messages.items():
    put('messages', name, cbor(m))
    put('frame', name, frame(m))
put('frame', 'two', frame(messages['hello']) + frame(messages['pull']))
put('frame', 'trailing', frame(messages['hello'])[:-1] + b'\x00')

outer = {'v': 1, 'id': '5b1c6f0e-8d44-4c5e-9f0a-2f7d5c3e1a90', 'direction': 'up', 'hall': 'Test hall', 'ws': 'WS-A',
         'created': '2026-01-01T00:00:00Z', 'signer': b'\x30\x82\x01\x00' + b'\x00' * 60, 'sealed': b'\x04' * 120,
         'sig': b'\x30\x44' + b'\x01' * 68}
put('bundle', 'up', b'ONESEAL-BUNDLE-1\n' + cbor(outer))
put('bundle', 'down', b'ONESEAL-BUNDLE-1\n' + cbor(dict(outer, direction='down')))
put('bundle', 'trailing', b'ONESEAL-BUNDLE-1\n' + cbor(outer) + b'extra')

slot = {'salt': b'\x11' * 16, 'wrapped': b'\x22' * 60, 'log2n': 14, 'r': 8, 'p': 1, 'vlen': 32,
        'hash_id': b'\x33' * 32}
put('key_ring', 'one', cbor({'format': 1, 'hall': 'Test hall', 'slots': {'admin': slot}}))
put('key_ring', 'two', cbor({'format': 1, 'slots': {'admin': slot, 'clerk1': dict(slot, log2n=15)}}))

payload = cbor([1, 'YC-2026-000123', 'M001', '张三', '140802199001011234', 20260105, 20310104, b'\x44' * 16, b'\x55' * 8])
put('certificate_payload', 'one', 'OS1:' + base45(payload + b'\x66' * 64))
put('certificate_payload', 'short', 'OS1:' + base45(b'\x83\x01\x02\x03'))

for y in ('2025', '2026', '2027'):
    shutil.copy(f'resources/holidays/{y}.json', f'{root}/holiday_calendar/{y}.json') if os.path.isdir(
        f'{root}/holiday_calendar') else (os.makedirs(f'{root}/holiday_calendar'),
                                          shutil.copy(f'resources/holidays/{y}.json', f'{root}/holiday_calendar/{y}.json'))
os.makedirs(f'{root}/catalog', exist_ok=True)
shutil.copy('resources/catalog/demo-catalog.json', f'{root}/catalog/demo-catalog.json')
put('catalog', 'minimal', '{"version": 1, "matters": []}')
