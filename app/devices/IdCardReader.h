#pragma once

#include "IdCardData.h"
#include "SamProtocol.h"

#include <QObject>
#include <QSerialPort>
#include <QTimer>

namespace oneseal::devices {

/**
 * A resident ID card reader on a serial port (a USB reader shows up as /dev/ttyUSB0 or ttyACM0),
 * spoken to with SamProtocol: find card, select card, read text and photo. Each step waits at most
 * stepTimeoutMs for its answer; a reading that fails anywhere (no card, a checksum error, a status
 * other than success, the cable pulled, a silent reader) emits failed() with a clear message and
 * nothing of the card; only a complete, well-formed reading emits cardRead().
 *
 * poll() keeps looking for a card (every pollIntervalMs) and reads each card once while it lies on
 * the reader; "no card" is then not an error. Non-blocking: everything runs on the event loop.
 */
class IdCardReader : public QObject
{
    Q_OBJECT

public:
    explicit IdCardReader(QObject* parent = nullptr);
    ~IdCardReader() override;

    /** Opens the port (115200 8N1 unless given). *error says why not. */
    bool open(const QString& portName, qint32 baudRate, QString* error);
    void close();
    bool isOpen() const { return m_port.isOpen(); }

    /** Reads the card on the reader once (failed() when there is none). */
    void readOnce();
    /** Starts or stops looking for cards. */
    void setPolling(bool on);
    bool isBusy() const { return m_step != Step::Idle; }

    void setStepTimeoutMs(int ms) { m_timeout.setInterval(ms); }
    void setPollIntervalMs(int ms) { m_poll.setInterval(ms); }

signals:
    void cardRead(const oneseal::devices::IdCardData& card);
    void failed(const QString& message);

private:
    enum class Step { Idle, Find, Select, Read };
    void send(Step step);
    void onReadyRead();
    void onAnswer(const SamResponse& r);
    void fail(const QString& message);
    void finish();

    QSerialPort m_port;
    QTimer m_timeout;
    QTimer m_poll;
    QByteArray m_buffer;
    Step m_step = Step::Idle;
    bool m_polling = false;
    bool m_cardPresent = false; ///< while polling: the card on the reader was already read
};

} // namespace oneseal::devices
