#!/usr/bin/env python3
"""Writes the reader sessions test_id_card_reader plays back over a pseudo-terminal.

Each file holds the answers of a resident ID card reader's SAM module, one frame per line in hex, in
the order the host asks (find card 20 01, select card 20 02, read 30 01), as GA 467 frames them:
AA AA AA 96 69, a big-endian length of the rest, SW1 SW2 SW3, data, and the XOR of the length and
everything after it. A line "CUT <hex>" is sent and then the line is hung up (a cable pulled in the
middle of an answer). Written independently of the C++ encoder so that each checks the other.
Run: python3 make_frames.py (in this folder).
"""

PRE = bytes.fromhex("AAAAAA9669")


def frame(sw3, data=b""):
    body = bytes([0, 0, sw3]) + data
    n = len(body) + 1
    head = bytes([n >> 8, n & 0xFF]) + body
    x = 0
    for b in head:
        x ^= b
    return PRE + head + bytes([x])


def id_check(first17):
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights)) % 11]


def field(text, size):
    raw = text.encode("utf-16-le")
    assert len(raw) <= size, text
    return raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)


def card_text(name, sex, nation, birth, address, idno, authority, start, end):
    t = (field(name, 30) + field(sex, 2) + field(nation, 4) + field(birth, 16) + field(address, 70)
         + field(idno, 36) + field(authority, 30) + field(start, 16) + field(end, 16))
    t += field("", 256 - len(t))
    assert len(t) == 256
    return t


def read_answer(text):
    photo = bytes((i * 7) & 0xFF for i in range(1024))  # stands for the compressed photo
    return frame(0x90, bytes([0x01, 0x00, 0x04, 0x00]) + text + photo)


FOUND = frame(0x9F, bytes(4))
SELECTED = frame(0x90, bytes(8))
NO_CARD = frame(0x80)

valid_id = "11010119900307" + "123"
valid_id += id_check(valid_id)
expired_id = "44030419751115" + "002"
expired_id += id_check(expired_id)

valid = read_answer(card_text("王小明", "1", "01", "19900307", "北京市东城区景山前街4号", valid_id,
                              "北京市公安局东城分局", "20150601", "20350601"))
expired = read_answer(card_text("李秀英", "2", "03", "19751115", "广东省深圳市福田区深南大道1000号", expired_id,
                                "深圳市公安局福田分局", "20001201", "20201201"))
broken = bytearray(valid)
broken[-1] ^= 0x5A

sessions = {
    "valid_card.hex": [FOUND.hex(), SELECTED.hex(), valid.hex()],
    "expired_card.hex": [FOUND.hex(), SELECTED.hex(), expired.hex()],
    "checksum_error.hex": [FOUND.hex(), SELECTED.hex(), bytes(broken).hex()],
    "no_card.hex": [NO_CARD.hex()],
    "cable_pulled.hex": [FOUND.hex(), SELECTED.hex(), "CUT " + valid[:300].hex()],
}
for name, lines in sessions.items():
    with open(name, "w") as f:
        f.write("\n".join(lines) + "\n")
print(valid_id, expired_id)
