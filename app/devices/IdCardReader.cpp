#include "IdCardReader.h"

namespace oneseal::devices {

namespace {
constexpr int kMaxBuffer = 4 * SamProtocol::kMaxBody;
}

IdCardReader::IdCardReader(QObject* parent)
    : QObject(parent)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(2000);
    m_poll.setInterval(700);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(tr("The ID card reader stopped answering in the middle of a reading; check its cable and read the card again."));
    });
    connect(&m_poll, &QTimer::timeout, this, [this] {
        if (m_step == Step::Idle && m_port.isOpen())
            send(Step::Find);
    });
    connect(&m_port, &QSerialPort::readyRead, this, &IdCardReader::onReadyRead);
    connect(&m_port, &QSerialPort::errorOccurred, this, [this](QSerialPort::SerialPortError e) {
        if (e == QSerialPort::NoError || e == QSerialPort::TimeoutError)
            return;
        const QString why = m_port.errorString();
        const bool wasOpen = m_port.isOpen();
        if (e == QSerialPort::ResourceError || e == QSerialPort::PermissionError || e == QSerialPort::DeviceNotFoundError) {
            m_poll.stop();
            if (wasOpen)
                m_port.close();
        }
        fail(tr("The ID card reader's port failed (%1); check its cable.").arg(why));
    });
}

IdCardReader::~IdCardReader() = default;

bool IdCardReader::open(const QString& portName, qint32 baudRate, QString* error)
{
    close();
    m_port.setPortName(portName);
    if (!m_port.open(QIODevice::ReadWrite)) {
        if (error)
            *error = tr("Unable to open the ID card reader on %1: %2").arg(portName, m_port.errorString());
        return false;
    }
    m_port.setBaudRate(baudRate > 0 ? baudRate : 115200);
    m_port.setDataBits(QSerialPort::Data8);
    m_port.setParity(QSerialPort::NoParity);
    m_port.setStopBits(QSerialPort::OneStop);
    m_port.setFlowControl(QSerialPort::NoFlowControl);
    m_buffer.clear();
    return true;
}

void IdCardReader::close()
{
    m_poll.stop();
    m_timeout.stop();
    m_step = Step::Idle;
    m_buffer.clear();
    if (m_port.isOpen())
        m_port.close();
}

void IdCardReader::readOnce()
{
    if (!m_port.isOpen()) {
        emit failed(tr("No ID card reader is connected; set its port in Devices settings."));
        return;
    }
    if (m_step != Step::Idle)
        return;
    m_cardPresent = false;
    send(Step::Find);
}

void IdCardReader::setPolling(bool on)
{
    m_polling = on;
    m_cardPresent = false;
    if (on && m_port.isOpen())
        m_poll.start();
    else
        m_poll.stop();
}

void IdCardReader::send(Step step)
{
    m_step = step;
    m_buffer.clear();
    const quint8* c = step == Step::Find ? SamProtocol::kFindCard
        : step == Step::Select         ? SamProtocol::kSelectCard
                                       : SamProtocol::kReadText;
    m_port.write(SamProtocol::command(c[0], c[1]));
    m_timeout.start();
}

void IdCardReader::onReadyRead()
{
    m_buffer.append(m_port.readAll());
    if (m_step == Step::Idle) {
        m_buffer.clear(); // nothing was asked: stray bytes
        return;
    }
    if (m_buffer.size() > kMaxBuffer) {
        fail(tr("The ID card reader sent more than any answer holds; reading stopped."));
        return;
    }
    SamResponse r;
    QString error;
    switch (SamProtocol::take(m_buffer, &r, &error)) {
    case SamProtocol::Take::NeedMore: return;
    case SamProtocol::Take::Bad: fail(error + QLatin1Char(' ') + tr("Read the card again.")); return;
    case SamProtocol::Take::Frame: onAnswer(r); return;
    }
}

void IdCardReader::onAnswer(const SamResponse& r)
{
    m_timeout.stop();
    switch (m_step) {
    case Step::Idle: return;
    case Step::Find:
        if (r.is(SamProtocol::kCardFound)) {
            if (m_polling && m_cardPresent) {
                finish(); // the card already read still lies there
                return;
            }
            send(Step::Select);
            return;
        }
        if (r.is(SamProtocol::kNoCard)) {
            m_cardPresent = false;
            if (m_polling)
                finish();
            else
                fail(tr("No card on the ID card reader: place the card on it and read again."));
            return;
        }
        break;
    case Step::Select:
        if (r.is(SamProtocol::kOk)) {
            send(Step::Read);
            return;
        }
        break;
    case Step::Read: {
        if (!r.is(SamProtocol::kOk))
            break;
        if (r.data.size() < 4) {
            fail(tr("The ID card reader's answer holds no card text. Read the card again."));
            return;
        }
        const int textLength = (quint8(r.data.at(0)) << 8) | quint8(r.data.at(1));
        const int photoLength = (quint8(r.data.at(2)) << 8) | quint8(r.data.at(3));
        if (textLength < SamProtocol::kTextSize || 4 + textLength + photoLength > r.data.size()) {
            fail(tr("The ID card reader's answer is shorter than it says. Read the card again."));
            return;
        }
        QString error;
        auto card = IdCardData::fromText(r.data.mid(4, SamProtocol::kTextSize), &error);
        if (!card) {
            fail(error);
            return;
        }
        card->photo = r.data.mid(4 + textLength, photoLength);
        m_cardPresent = true;
        finish();
        emit cardRead(*card);
        return;
    }
    }
    fail(tr("The ID card reader says: %1.").arg(SamProtocol::statusText(r.sw3)));
}

void IdCardReader::fail(const QString& message)
{
    finish();
    emit failed(message);
}

void IdCardReader::finish()
{
    m_timeout.stop();
    m_step = Step::Idle;
    m_buffer.clear();
}

} // namespace oneseal::devices
