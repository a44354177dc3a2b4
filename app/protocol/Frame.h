#pragma once

#include <QCoreApplication>

#include <QByteArray>
#include <QCborMap>

namespace oneseal::sync {

/**
 * Length-prefixed CBOR frames (docs/SYNC.md): 4 bytes big-endian length, then that many bytes of
 * one CBOR map with a text "t" (the frame type). Anything else is malformed.
 */
class Frame
{
    Q_DECLARE_TR_FUNCTIONS(Frame)

public:
    /** The largest frame either side accepts (16 MiB); a bigger announced length closes the connection. */
    static constexpr qint64 kMaxBytes = 16 * 1024 * 1024;

    static QByteArray encode(const QCborMap& message);
};

/** Cuts a byte stream into frames; once it reports an error it stays in error. */
class FrameReader
{
    Q_DECLARE_TR_FUNCTIONS(FrameReader)

public:
    enum class Status { NeedMore, Ready, Error };

    explicit FrameReader(qint64 maxBytes = Frame::kMaxBytes) : m_maxBytes(maxBytes) {}

    void append(const QByteArray& bytes) { m_buffer.append(bytes); }
    /** The next complete frame into *message, or NeedMore, or Error with *error saying why. */
    Status next(QCborMap* message, QString* error);
    qint64 buffered() const { return m_buffer.size(); }

private:
    QByteArray m_buffer;
    qint64 m_maxBytes;
    bool m_failed = false;
    QString m_error;
};

} // namespace oneseal::sync
