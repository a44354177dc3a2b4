#include "SamProtocol.h"

namespace oneseal::devices {

namespace {
QByteArray frame(const QByteArray& body)
{
    const int length = int(body.size()) + 1;
    QByteArray tail;
    tail.append(char((length >> 8) & 0xFF));
    tail.append(char(length & 0xFF));
    tail.append(body);
    tail.append(char(SamProtocol::checksum(tail)));
    return SamProtocol::preamble() + tail;
}
} // namespace

quint8 SamProtocol::checksum(const QByteArray& bytes)
{
    quint8 x = 0;
    for (const char c : bytes)
        x ^= quint8(c);
    return x;
}

QByteArray SamProtocol::command(quint8 cmd, quint8 para, const QByteArray& data)
{
    QByteArray body;
    body.append(char(cmd));
    body.append(char(para));
    return frame(body + data);
}

QByteArray SamProtocol::answer(quint8 sw1, quint8 sw2, quint8 sw3, const QByteArray& data)
{
    QByteArray body;
    body.append(char(sw1));
    body.append(char(sw2));
    body.append(char(sw3));
    return frame(body + data);
}

SamProtocol::Take SamProtocol::take(QByteArray& buffer, SamResponse* response, QString* error)
{
    const QByteArray pre = preamble();
    const qsizetype start = buffer.indexOf(pre);
    if (start < 0) {
        // Keep a possible beginning of a preamble at the end; drop the noise before it.
        const qsizetype keep = std::min<qsizetype>(buffer.size(), pre.size() - 1);
        buffer.remove(0, buffer.size() - keep);
        return Take::NeedMore;
    }
    buffer.remove(0, start);
    if (buffer.size() < pre.size() + 2)
        return Take::NeedMore;
    const int length = (quint8(buffer.at(5)) << 8) | quint8(buffer.at(6));
    if (length < 4 || length > kMaxBody + 1) {
        if (error)
            *error = tr("The reader sent a frame of impossible length %1.").arg(length);
        buffer.remove(0, pre.size());
        return Take::Bad;
    }
    if (buffer.size() < pre.size() + 2 + length)
        return Take::NeedMore;
    const QByteArray covered = buffer.mid(5, 2 + length - 1);
    const quint8 sum = quint8(buffer.at(pre.size() + 2 + length - 1));
    if (checksum(covered) != sum) {
        if (error)
            *error = tr("The reader's answer failed its checksum (a disturbed cable?).");
        buffer.remove(0, pre.size() + 2 + length);
        return Take::Bad;
    }
    if (response) {
        response->sw1 = quint8(covered.at(2));
        response->sw2 = quint8(covered.at(3));
        response->sw3 = quint8(covered.at(4));
        response->data = covered.mid(5);
    }
    buffer.remove(0, pre.size() + 2 + length);
    return Take::Frame;
}

QString SamProtocol::statusText(quint8 sw3)
{
    switch (sw3) {
    case 0x90: return tr("done");
    case 0x91: return tr("the card holds no such information");
    case 0x9F: return tr("card found");
    case 0x10: return tr("the reader received a command with a wrong checksum");
    case 0x11: return tr("the reader received a command of wrong length");
    case 0x21: return tr("the reader did not understand the command");
    case 0x23: return tr("the reader refused an unauthorised operation");
    case 0x24: return tr("the reader does not know this command");
    case 0x31: return tr("the card failed to authenticate the reader's security module");
    case 0x32: return tr("the security module failed to authenticate the card");
    case 0x33: return tr("the card's information failed verification");
    case 0x40: return tr("this is not a resident ID card");
    case 0x41: return tr("reading the card failed; hold it still on the reader");
    case 0x47: return tr("the card gave no random number");
    case 0x60: return tr("the reader's security module failed its self-test");
    case 0x66: return tr("the reader's security module is not authorised");
    case 0x80: return tr("no card on the reader");
    case 0x81: return tr("the card could not be selected; hold it still on the reader");
    default: return tr("unknown status %1").arg(sw3, 2, 16, QLatin1Char('0'));
    }
}

} // namespace oneseal::devices
